"""Write the raw files of the youth mentoring example study into ../data/raw/.

Everything here is invented. The transcripts are written by hand in ``transcripts/*.txt``
(one turn per line, ``LABEL: text || codes // codes of the second coder``); this script
turns them into the formats a research team receives (.docx, .txt, a Teams .vtt), writes
the register, manifest, events, a Qualtrics survey export, the research team's codings
and the insights log, and lists every planted personal identifier. It is deterministic:
running it again gives the same files.

    python examples/youth_mentoring/make/generate.py
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
STUDY = HERE.parent
RAW = STUDY / "data" / "raw"
CODER_A, CODER_B = "analyst_a", "analyst_b"
#: documents the second coder also coded (for agreement)
DOUBLE_CODED = ("mentee-w1-ghent-int01", "mentor-w2-ghent-int02", "coord-meeting-2025-10")

REGISTER = [
    # participant_id, full_name, name_variants, speaker_labels, perspective, role, site, consent, consent_date,
    # withdrawn_on, languages, notes
    ("ME01", "Yasmina Boukhari", "Yasmina;Boukhari", "YASMINA;Yasmina Boukhari", "mentee", "mentee", "ghent",
     "yes", "2025-02-20", "", "nl;ar;fr", "mentee since 2024-11"),
    ("ME02", "Lucas Vermeersch", "Lucas;Vermeersch", "LUCAS;Lucas Vermeersch", "mentee", "mentee", "ghent",
     "yes", "2025-02-20", "", "nl", "mentee since 2025-01"),
    ("ME03", "Amani Nkurunziza", "Amani;Nkurunziza", "AMANI;Amani Nkurunziza", "mentee", "mentee", "ghent",
     "yes", "2025-02-24", "", "nl;fr;rw", "mentee since 2025-02; second mentor since 2025-09"),
    ("ME04", "Sami Haidari", "Sami;Haidari", "SAMI;Sami Haidari", "mentee", "mentee", "antwerp",
     "yes", "2025-03-03", "", "fa;nl", "newcomer, interviewed through an interpreter"),
    ("ME05", "Noor El Idrissi", "Noor;El Idrissi", "NOOR;Noor El Idrissi", "mentee", "mentee", "antwerp",
     "yes", "2025-03-03", "", "nl;ar", "small group of MT03"),
    ("ME06", "Kobe Janssens", "Kobe;Janssens", "KOBE;Kobe Janssens", "mentee", "mentee", "antwerp",
     "yes", "2025-03-03", "", "nl", "small group of MT03"),
    ("ME07", "Elif Kaya", "Elif;Kaya", "ELIF;Elif Kaya", "mentee", "mentee", "antwerp",
     "yes", "2025-03-03", "2025-09-15", "nl;tr", "small group of MT03; withdrew after the first wave"),
    ("MT01", "Sofie De Smet", "Sofie;De Smet", "SOFIE;Sofie De Smet", "mentor", "mentor", "ghent",
     "yes", "2025-02-20", "", "nl;en", "mentor of ME01"),
    ("MT02", "Pieter Claes", "Pieter;Claes", "PIETER;Pieter Claes", "mentor", "mentor", "ghent",
     "yes", "2025-02-20", "", "nl", "mentor of ME02"),
    ("MT03", "Hanne Wouters", "Hanne;Wouters", "HANNE;Hanne Wouters", "mentor", "mentor", "antwerp",
     "yes", "2025-03-03", "", "nl;en", "small group ME05, ME06, ME07"),
    ("MT04", "Jonas Peeters", "Jonas;Peeters", "JONAS;Jonas Peeters", "mentor", "mentor", "antwerp",
     "yes", "2025-03-03", "", "nl;en", "small group with ME04"),
    ("MT05", "Karel Van Damme", "Karel;Van Damme", "KAREL;Karel Van Damme", "mentor", "former_mentor", "ghent",
     "yes", "2025-02-20", "", "nl", "mentor of ME03 until 2025-06"),
    ("MT06", "Ines Maes", "Ines;Maes", "INES;Ines Maes", "mentor", "mentor", "antwerp",
     "no", "", "", "nl;en", "did not consent"),
    ("MT07", "Ruben Goossens", "Ruben;Goossens", "RUBEN;Ruben Goossens", "mentor", "mentor", "ghent",
     "yes", "2025-09-10", "", "nl;en", "mentor of ME03 since 2025-09"),
    ("MT08", "Lotte Willems", "Lotte;Willems", "LOTTE;Lotte Willems", "mentor", "mentor", "antwerp",
     "yes", "2025-03-03", "", "nl;en", ""),
    ("CO01", "Griet Vandenberghe", "Griet;Vandenberghe", "GRIET;Griet Vandenberghe", "coordinator", "coordinator",
     "ghent", "yes", "2025-01-15", "", "nl;en;fr", "coordinator Ghent"),
    ("CO02", "Youssef Amrani", "Youssef;Amrani", "YOUSSEF;Youssef Amrani", "coordinator", "coordinator",
     "antwerp", "yes", "2025-01-15", "", "nl;ar;en", "coordinator Antwerp"),
    ("PM01", "Anke Verhoeven", "Anke;Verhoeven", "ANKE;Anke Verhoeven", "coordinator", "programme_lead", "",
     "yes", "2025-01-15", "", "nl;en", "programme lead, chairs the coordinators' meeting"),
    ("RS01", "Evi Lambrechts", "Evi;Lambrechts", "RESEARCHER;Evi Lambrechts", "", "researcher", "",
     "yes", "2025-01-15", "", "nl;en", "researcher and interviewer"),
    ("LS01", "Farid Rahimi", "Farid;Rahimi", "INTERPRETER;Farid Rahimi", "", "language_support", "",
     "yes", "2025-01-15", "", "fa;nl;en", "interpreter Dari-English"),
]
REGISTER_COLUMNS = ("participant_id", "full_name", "name_variants", "speaker_labels", "perspective", "role",
                    "site", "family_id", "consent", "consent_date", "withdrawn_on", "languages", "notes")


@dataclass(frozen=True)
class Source:
    doc_id: str
    file: str
    kind: str
    perspective: str
    site: str
    round: str
    collected_on: str
    participant_ids: str
    title: str
    translated_from: str = ""
    interpreter_id: str = ""


SOURCES = (
    Source("mentee-w1-ghent-int01", "mentees/wave1_ghent_interview_01.docx", "interview", "mentee", "ghent",
           "wave_1", "2025-03-18", "ME01", "Interview with a mentee, Ghent, first wave"),
    Source("mentee-w1-antwerp-fg01", "mentees/wave1_antwerp_focus_group.txt", "focus_group", "mentee", "antwerp",
           "wave_1", "2025-04-02", "ME05;ME06;ME07", "Focus group with mentees, Antwerp, first wave"),
    Source("mentor-w1-ghent-int01", "mentors/wave1_ghent_interview_01.txt", "interview", "mentor", "ghent",
           "wave_1", "2025-03-25", "MT01", "Interview with a mentor, Ghent, first wave"),
    Source("mentor-w1-antwerp-int02", "mentors/wave1_antwerp_interview_02.docx", "interview", "mentor", "antwerp",
           "", "2025-04-10", "MT03", "Interview with a mentor, Antwerp, first wave"),
    Source("mentee-w2-antwerp-int01", "mentees/wave2_antwerp_interview_interpreter.docx", "interview", "mentee",
           "antwerp", "wave_2", "2025-09-23", "ME04", "Interview with a mentee (with interpreter), Antwerp, "
           "second wave", translated_from="fa", interpreter_id="LS01"),
    Source("mentee-w2-ghent-int02", "mentees/wave2_ghent_paired_interview.txt", "interview", "mentee", "ghent",
           "wave_2", "2025-09-30", "ME02;ME03", "Paired interview with two mentees, Ghent, second wave"),
    Source("mentor-w2-antwerp-int01", "mentors/wave2_antwerp_interview_01.docx", "interview", "mentor", "antwerp",
           "wave_2", "2025-10-07", "MT04", "Interview with a mentor, Antwerp, second wave"),
    Source("mentor-w2-ghent-int02", "mentors/wave2_ghent_former_mentor.txt", "interview", "mentor", "ghent",
           "", "2025-10-09", "MT05", "Interview with a former mentor, Ghent, second wave"),
    Source("coord-meeting-2025-10", "coordinators/coordinators_meeting_2025_10.vtt", "meeting", "coordinator", "",
           "", "2025-10-14", "CO01;CO02;PM01", "Coordinators' meeting (Teams), October 2025"),
)
SURVEY = Source("", "mentors/mentor_survey_qualtrics.csv", "survey", "mentor", "", "wave_2", "2025-10-20", "",
                "Mentor survey (Qualtrics export)")
SURVEY_ID = "mentor_survey"

EVENTS = [
    # kind, site, occurred_on, count, description
    ("mentor_recruited", "ghent", "2025-01-10", 9, "Volunteers who passed the intake (university stand)"),
    ("mentor_recruited", "antwerp", "2025-01-17", 7, "Volunteers who passed the intake (employer volunteering days)"),
    ("mentor_training", "ghent", "2025-01-21", 1, "Basic training, two evenings, 9 participants"),
    ("mentor_training", "antwerp", "2025-01-28", 1, "Basic training, two evenings, 7 participants"),
    ("match_made", "ghent", "2025-01-31", 8, "Pairs matched after the January training"),
    ("match_made", "antwerp", "2025-02-07", 6, "Mentees matched in small groups"),
    ("group_activity", "ghent", "2025-02-22", 1, "Bowling with all pairs of Ghent"),
    ("match_made", "ghent", "2025-02-28", 3, "Pairs matched from the waiting list"),
    ("mentor_training", "ghent", "2025-03-11", 1, "Peer meeting for mentors"),
    ("mentor_training", "antwerp", "2025-03-14", 1, "Peer meeting for mentors"),
    ("group_activity", "antwerp", "2025-03-29", 1, "Climbing afternoon for the small groups"),
    ("mentor_recruited", "ghent", "2025-04-04", 4, "Volunteers who passed the intake"),
    ("mentor_recruited", "antwerp", "2025-04-11", 3, "Volunteers who passed the intake (football club)"),
    ("match_made", "antwerp", "2025-04-25", 4, "Mentees matched in small groups"),
    ("match_ended", "antwerp", "2025-05-16", 1, "Mentor moved abroad"),
    ("mentor_training", "ghent", "2025-05-13", 1, "Peer meeting for mentors"),
    ("match_ended", "ghent", "2025-06-13", 1, "Mentor started night shifts"),
    ("group_activity", "ghent", "2025-06-21", 1, "Summer barbecue for all pairs"),
    ("group_activity", "antwerp", "2025-06-27", 1, "End-of-school picnic in the park"),
    ("mentor_recruited", "ghent", "2025-08-29", 5, "Volunteers who passed the intake"),
    ("mentor_training", "ghent", "2025-09-02", 1, "Basic training for new mentors"),
    ("mentor_training", "antwerp", "2025-09-05", 1, "Basic training for new mentors"),
    ("match_made", "ghent", "2025-09-12", 6, "Pairs matched after the summer, one rematch"),
    ("match_made", "antwerp", "2025-09-19", 5, "Mentees matched in small groups"),
    ("match_ended", "ghent", "2025-10-03", 2, "One mentor moved, one mentee stopped coming"),
    ("group_activity", "antwerp", "2025-10-18", 1, "Cooking workshop at the youth centre"),
    ("mentor_training", "antwerp", "2025-10-21", 1, "Peer meeting for mentors"),
]

# Survey: Q0 consent; Q1-Q6 closed; Q7-Q9 open (Qualtrics text entry: ImportId ends in _TEXT).
SURVEY_QUESTIONS = {
    "Q0": "I have read the information about the evaluation and agree that my answers are used "
          "(invented example survey: all data are fictitious).",
    "Q1": "In which city are you a mentor?",
    "Q2": "What is your age?",
    "Q3": "What is your gender?",
    "Q4": "How many months have you been a mentor?",
    "Q5": "How many hours per month do you spend on mentoring, on average?",
    "Q6": "How satisfied are you with Step Up overall (1 to 10)?",
    "Q7": "What has mentoring brought your mentee, and you?",
    "Q8": "What was difficult?",
    "Q9": "What should Step Up change?",
}
# external reference (register id or ""), Q1..Q6, Q7, Q8, Q9 (codes after "||" as in the transcripts)
SURVEY_RESPONSES = [
    ("MT01", "Ghent", "18-24", "Woman", "11", "9", "9",
     "She dares to ask questions in class now, and I learned to be patient. || self_confidence strength",
     "Keeping the weekly rhythm during my own exams. || meeting_rhythm difficulty",
     "Plan the exam breaks from the start and give mentees a small plan for those weeks. || meeting_rhythm suggestion"),
    ("MT02", "Ghent", "45-54", "Man", "10", "8", "9",
     "He goes to school again. That is the whole story, and it is a big one. || school_future strength",
     "", "Let pairs continue after twelve months when both want it. || match_endings suggestion"),
    ("MT03", "Antwerp", "35-44", "Woman", "8", "7", "6",
     "The girls became friends and one of them found her voice. || leisure_network self_confidence strength",
     "Three mentees with different needs in one hour every two weeks. || matching meeting_rhythm difficulty",
     "Groups of two instead of three, and a small budget for activities. || matching suggestion"),
    ("MT04", "Antwerp", "25-34", "Man", "8", "6", "7",
     "The newcomer in my group found his way around the city and speaks up on the football field. "
     "|| belonging_language self_confidence strength",
     "The training did not prepare me for real situations, only rules. || mentor_support difficulty",
     "Role play with real cases in the training, and ten minutes alone with each mentee as standard. "
     "|| mentor_support matching suggestion"),
    ("MT06", "Antwerp", "25-34", "Woman", "6", "5", "8", "(no consent in the register: this answer is skipped)",
     "", ""),
    ("MT07", "Ghent", "25-34", "Man", "1", "6", "8",
     "Too early to say, but the first meetings were warm. || trust_bond strength",
     "Starting with a mentee who already lost a mentor: she is careful with me. || match_endings trust_bond difficulty",
     "Tell a new mentor more about what happened in the earlier match. || matching suggestion"),
    ("MT08", "Antwerp", "55-64", "Woman", "7", "8", "8",
     "Young people I would never have met otherwise, and they taught me the tram network. || leisure_network strength",
     "The parents: the school letter was only in Dutch. || family_involvement difficulty",
     "A home visit at the start, with the coordinator. || family_involvement suggestion"),
    ("", "Ghent", "18-24", "Woman", "9", "7", "8",
     "My mentee now plans her own study week; she did not know how before. || school_future strength",
     "The monthly report form is long and asks the same every month. || mentor_support difficulty",
     "A shorter monthly form. || mentor_support suggestion"),
    ("", "Ghent", "65+", "Man", "12", "10", "9",
     "A grandfather figure for a boy who has none, and a lot of joy for me. || trust_bond strength",
     "", "More peer meetings, they are where I learn most. || mentor_support suggestion"),
    ("", "Antwerp", "18-24", "Man", "3", "4", "5",
     "Not much yet, we met four times. || meeting_rhythm",
     "My mentee often does not show up and I hear nothing from the coordinator for a week. "
     "|| meeting_rhythm coordinator_workload difficulty",
     "The coordinator needs more time per pair; one person for twenty pairs is too little. "
     "|| coordinator_workload suggestion"),
    ("", "Antwerp", "35-44", "Woman", "7", "6", "7",
     "He got his internship at the garage after we wrote the letter together. || school_future strength",
     "I do not know what I may do when he tells me about problems at home. || boundaries_role difficulty",
     "A clear guide on what a mentor passes on to the coordinator. || boundaries_role suggestion"),
    ("", "Ghent", "45-54", "Woman", "5", "8", "8",
     "She found a summer job by calling the shop herself; we practised it together. || self_confidence strength",
     "Waiting three months between the training and the match. || matching mentor_recruitment difficulty",
     "Match within a month after the training, or keep waiting mentors involved. || mentor_recruitment suggestion"),
    ("", "Antwerp", "25-34", "Woman", "0", "", "",
     "", "", ""),   # started, gave consent, answered nothing open: no segments
]

INSIGHTS = [
    # insight_id, kind, title, text, perspectives, evidence (doc_id, snippet), code_ids, implication, action, owner,
    # status, created_on, updated_on
    ("YM-INS01", "key_insight", "Endings hurt when nobody prepares them",
     "Mentees whose mentor stopped early felt dropped; former mentors and coordinators agree that endings "
     "need a prepared last meeting and a call to the young person in the same week.",
     "mentee;mentor;coordinator",
     [("mentee-w2-ghent-int02", "When a mentor stops"), ("mentor-w2-ghent-int02", "standard goodbye"),
      ("coord-meeting-2025-10", "make it a rule")],
     "match_endings", "Endings are part of the programme, not an accident.",
     "Write a closing protocol; the coordinator calls the mentee in the week a match ends.", "programme_lead",
     "in_progress", "2025-10-14", "2025-10-21"),
    ("YM-INS02", "smart_approach", "Ten minutes alone in the small-group model",
     "Antwerp mentors add ten minutes with each mentee at the end of a group meeting, so quieter mentees and "
     "newcomers can raise personal things.",
     "mentor;mentee",
     [("mentor-w2-antwerp-int01", "ten minutes alone"), ("mentee-w2-antwerp-int01", "I do not follow")],
     "matching;belonging_language", "Small groups give friendships; one-to-one time keeps the bond.",
     "Make the ten minutes standard in the small-group model.", "coordinator_antwerp", "open", "2025-10-14",
     "2025-10-14"),
    ("YM-INS03", "key_insight", "Boundaries are learned in peer meetings, not on slides",
     "Mentors give their number and go along to school meetings without knowing whether that is allowed; "
     "the peer meetings in Ghent are where they learn what to do.",
     "mentor;coordinator",
     [("mentor-w2-antwerp-int01", "one slide about boundaries"), ("mentor-w1-ghent-int01", "I called Griet")],
     "boundaries_role;mentor_support", "Training with cases works better than rules.",
     "Case session in the January basic training; peer meetings in Antwerp every two months.", "programme_lead",
     "open", "2025-10-14", "2025-10-14"),
]

# Personal identifiers planted in the raw files, for privacy checks (type, value, file of the value).
PLANTED = [
    ("mentees/wave1_ghent_interview_01.docx", "person", "Sofie"),
    ("mentees/wave1_ghent_interview_01.docx", "person", "Griet"),
    ("mentees/wave1_ghent_interview_01.docx", "person", "Adam"),
    ("mentees/wave1_antwerp_focus_group.txt", "person", "Hanne"),
    ("mentees/wave2_antwerp_interview_interpreter.docx", "person", "Jonas"),
    ("mentees/wave2_antwerp_interview_interpreter.docx", "person", "Farid"),
    ("mentees/wave2_ghent_paired_interview.txt", "person", "Karel"),
    ("mentees/wave2_ghent_paired_interview.txt", "person", "Pieter"),
    ("mentees/wave2_ghent_paired_interview.txt", "person", "Ruben"),
    ("mentors/wave1_ghent_interview_01.txt", "person", "Griet"),
    ("mentors/wave1_antwerp_interview_02.docx", "email", "hanne.wouters@example.be"),
    ("mentors/wave1_antwerp_interview_02.docx", "person", "Youssef"),
    ("mentors/wave2_antwerp_interview_01.docx", "email", "youssef.amrani@stepup.example.be"),
    ("mentors/wave2_antwerp_interview_01.docx", "phone", "0478 12 34 56"),
    ("mentors/wave2_ghent_former_mentor.txt", "person", "Griet"),
    ("coordinators/coordinators_meeting_2025_10.vtt", "person", "Griet"),
    ("coordinators/coordinators_meeting_2025_10.vtt", "person", "Youssef"),
    ("coordinators/coordinators_meeting_2025_10.vtt", "phone", "03 123 45 67"),
]

_LINE = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<rest>.*)$")


@dataclass
class Turn:
    label: str
    text: str
    codes_a: list[str] = field(default_factory=list)
    codes_b: list[str] | None = None


def read_turns(path: Path) -> tuple[list[str], list[Turn]]:
    """Header lines (``# ...``) and the turns of one hand-written transcript."""
    header, turns = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            header.append(line.lstrip("# ").strip())
            continue
        match = _LINE.match(line)
        if match is None:
            raise ValueError(f"{path.name}: a line without a speaker label")
        rest, _, codes = match.group("rest").partition("||")
        codes_a, _, codes_b = codes.partition("//")
        turns.append(Turn(match.group("label").strip(), rest.strip(), codes_a.split(),
                          codes_b.split() if codes_b.strip() else None))
    return header, turns


def merged(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker as one turn (how a subtitle reader sees cues)."""
    out: list[Turn] = []
    for turn in turns:
        if out and out[-1].label == turn.label:
            last = out[-1]
            last.text = f"{last.text} {turn.text}"
            last.codes_a = list(dict.fromkeys(last.codes_a + turn.codes_a))
        else:
            out.append(Turn(turn.label, turn.text, list(turn.codes_a), turn.codes_b))
    return out


def write_txt(path: Path, header: list[str], turns: list[Turn]) -> None:
    lines = header + [""] + [f"{t.label}: {t.text}\n" for t in turns]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_docx(path: Path, header: list[str], turns: list[Turn]) -> None:
    document = Document()
    document.core_properties.author = "Step Up evaluation (invented example)"
    document.add_heading(header[0], level=1)
    for line in header[1:]:
        document.add_paragraph(line)
    for turn in turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{turn.label}:").bold = True
        paragraph.add_run(f" {turn.text}")
    document.core_properties.created = document.core_properties.modified = dt.datetime(2025, 11, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():   # fixed timestamps: the same text gives the same bytes
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2025, 11, 1, 0, 0, 0)), source.read(item))


def write_vtt(path: Path, header: list[str], turns: list[Turn]) -> None:
    """A Microsoft Teams-style WebVTT transcript: a cue per sentence, ``<v Name>`` voice tags."""
    parts, second, cue = ["WEBVTT", ""], 3.0, 1
    parts += [f"NOTE {line}" + "\n" for line in header]
    for turn in turns:
        for sentence in re.split(r"(?<=[.?!])\s+", turn.text):
            length = max(1.5, len(sentence.split()) * 0.38)
            parts += [f"6a1f0c2e-8d4b-4e37-9a51-{cue:012d}/{cue + 10}-0",
                      f"{_time(second)} --> {_time(second + length)}",
                      f"<v {turn.label}>{sentence}</v>", ""]
            second += length + 0.2
            cue += 1
        second += 0.8
    path.write_text("\n".join(parts), encoding="utf-8")


def _time(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{rest:06.3f}"


def write_csv(path: Path, header, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_survey(path: Path) -> list[tuple[str, str, list[str]]]:
    """The Qualtrics export (three header rows, UTF-8 with BOM, like Qualtrics writes it).
    Returns ``(response_id, column, codes)`` for every coded open answer."""
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
    meta_text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                 "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
                 "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
                 "Distribution Channel", "User Language"]
    meta_ids = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate",
                "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference",
                "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage"]
    questions = list(SURVEY_QUESTIONS)
    import_ids = [json.dumps({"ImportId": i}, separators=(",", ":")) for i in meta_ids] + [
        json.dumps({"ImportId": f"QID{n + 1}" + ("_TEXT" if q in ("Q7", "Q8", "Q9") else "")}, separators=(",", ":"))
        for n, q in enumerate(questions)]
    people = {row[0]: row for row in REGISTER}
    rows, codings = [], []
    for index, response in enumerate(SURVEY_RESPONSES):
        reference, city, age, gender, months, hours, satisfaction, *answers = response
        response_id = f"R_{_token(index)}"
        day = 20 + index % 8
        start = f"2025-10-{day:02d} {9 + index % 9:02d}:{(7 * index) % 60:02d}:11"
        end = f"2025-10-{day:02d} {9 + index % 9:02d}:{(7 * index + 9) % 60:02d}:48"
        last, first = ("", "") if not reference else (people[reference][1].split(" ", 1)[1],
                                                      people[reference][1].split(" ", 1)[0])
        email = "" if not reference else f"{first.lower()}.{last.lower().replace(' ', '')}@example.be"
        texts = []
        for column, answer in zip(("Q7", "Q8", "Q9"), answers):
            text, _, codes = answer.partition("||")
            texts.append(text.strip())
            if codes.split():
                codings.append((response_id, column, codes.split()))
        rows.append([start, end, "0", f"192.0.2.{10 + index}", "100", "540", "True", end, response_id, last, first,
                     email, reference, "51.0", "4.0", "email" if reference else "anonymous", "EN",
                     "I agree", city, age, gender, months, hours, satisfaction, *texts])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(meta + questions)
        writer.writerow(meta_text + [SURVEY_QUESTIONS[q] for q in questions])
        writer.writerow(import_ids)
        writer.writerows(rows)
    return codings


def _token(index: int) -> str:
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    value, out = 7919 * (index + 3) ** 3, []
    for _ in range(15):
        value, digit = divmod(value * 31 + 17, len(alphabet))
        out.append(alphabet[digit])
    return "".join(out)


def segment_numbers(source: Source, turns: list[Turn]) -> list[tuple[int, Turn]]:
    """``(n, turn)`` as segment ids will number the turns: every turn counts, and the turns of
    a participant who withdrew are left out at ingestion (numbering closes up)."""
    withdrawn = {row[3].split(";")[0] for row in REGISTER if row[9]}
    kept = [t for t in turns if t.label not in withdrawn]
    return list(enumerate(kept, start=1))


def main() -> None:
    for folder in ("mentees", "mentors", "coordinators"):
        shutil.rmtree(RAW / folder, ignore_errors=True)
        (RAW / folder).mkdir(parents=True)
    codings: list[tuple[str, str, str, str, str]] = []
    texts: dict[str, list[tuple[int, Turn]]] = {}
    staff_labels = {"RESEARCHER", "INTERPRETER", "Evi Lambrechts"}
    for source in SOURCES:
        header, turns = read_turns(HERE / "transcripts" / f"{source.doc_id}.txt")
        path = RAW / source.file
        if path.suffix == ".vtt":
            turns = merged(turns)
            write_vtt(path, header, turns)
        elif path.suffix == ".docx":
            write_docx(path, header, turns)
        else:
            write_txt(path, header, turns)
        numbered = segment_numbers(source, turns)
        texts[source.doc_id] = numbered
        for n, turn in numbered:
            if turn.label in staff_labels:
                continue
            coders = [(CODER_A, turn.codes_a)]
            if source.doc_id in DOUBLE_CODED:
                coders.append((CODER_B, turn.codes_b if turn.codes_b is not None else _second_reading(turn)))
            for coder, codes in coders:
                codings.extend((source.doc_id, str(n), "", code, coder) for code in codes)
    for response_id, column, codes in write_survey(RAW / SURVEY.file):
        codings.extend((f"{SURVEY_ID}-{response_id}", "", f"{SURVEY_ID}:{column}", code, CODER_A) for code in codes)
    write_csv(RAW / "register.csv", REGISTER_COLUMNS, [(*row[:7], "", *row[7:]) for row in REGISTER])
    write_csv(RAW / "manifest.csv",
              ("file", "doc_id", "kind", "perspective", "site", "round", "collected_on", "language",
               "translated_from", "interpreter_id", "participant_ids", "title", "survey_id"),
              [(s.file, s.doc_id, s.kind, s.perspective, s.site, s.round, s.collected_on, "en", s.translated_from,
                s.interpreter_id, s.participant_ids, s.title, SURVEY_ID if s.kind == "survey" else "")
               for s in (*SOURCES, SURVEY)])
    write_csv(RAW / "events.csv", ("event_id", "kind", "site", "occurred_on", "count", "description"),
              [(f"YM-EV{n:02d}", *event) for n, event in enumerate(sorted(EVENTS, key=lambda e: e[2]), start=1)])
    write_csv(RAW / "researcher_codings.csv", ("doc_id", "n", "question_id", "code_id", "coder"), codings)
    write_csv(RAW / "insights.csv",
              ("insight_id", "kind", "title", "text", "perspectives", "evidence_segment_ids", "code_ids",
               "implication", "action", "owner", "status", "created_on", "updated_on"),
              [(i, kind, title, text, perspectives, ";".join(_evidence(texts, doc, snippet) for doc, snippet in evidence),
                *rest) for i, kind, title, text, perspectives, evidence, *rest in INSIGHTS])
    write_csv(STUDY / "planted_identifiers.csv", ("file", "identifier_type", "value"), PLANTED)
    for file, _kind, value in PLANTED:
        if value not in _raw_text(RAW / file):
            raise ValueError(f"{file}: planted {_kind} is not in the file")


def _second_reading(turn: Turn) -> list[str]:
    """The second coder's codes where the transcript gives none of its own: the same themes,
    but no appraisal on descriptive turns that only the first coder read as a strength."""
    themes = [c for c in turn.codes_a if c not in ("strength", "difficulty", "motive", "suggestion")]
    valence = [c for c in turn.codes_a if c not in themes]
    if valence == ["strength"] and len(themes) > 1:
        return themes
    return turn.codes_a


def _evidence(texts: dict, doc_id: str, snippet: str) -> str:
    found = [n for n, turn in texts[doc_id] if snippet in turn.text]
    if len(found) != 1:
        raise ValueError(f"{doc_id}: evidence snippet found {len(found)} times")
    return f"{doc_id}:{found[0]:04d}"


def _raw_text(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
