"""The report's fixed wording in Dutch and English, and number formatting.

Kept in one place so a translation or a committee's preferred wording is one edit.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from evaltoolkit.analysis.quotes import MONTHS

PHRASES = {
    "nl": {
        "monthly_title": "Maandrapportage {month}",
        "final_title": "Eindrapportage",
        "subtitle": "{project}. Bevindingen uit de monitoring en evaluatie",
        "final_period": "Hele looptijd tot en met {month}",
        "s_period": "Periode en databasis",
        "s_insights": "Belangrijke inzichten en slimme aanpakken",
        "s_new": "Nieuw sinds vorige maand",
        "s_change": "Ontwikkeling tussen de rondes",
        "s_perspectives": "Bevindingen per perspectief",
        "s_comparison": "Vergelijking tussen perspectieven",
        "s_indicators": "Indicatoren uit het logisch model",
        "s_methods": "Methode en privacy",
        "added_value": "Meerwaarde",
        "challenges": "Uitdagingen",
        "key_insight": "Belangrijk inzicht",
        "smart_approach": "Slimme aanpak",
        "methods_box": "Verantwoording",
        "period_text": "Dit rapport beschrijft de stand van zaken tot en met {end}. Het gebruikt alle "
                       "gepseudonimiseerde gegevens die tot die datum zijn verzameld: {documents} documenten "
                       "met {segments} gecodeerde fragmenten.",
        "period_table": "Databasis per perspectief",
        "c_perspective": "Perspectief", "c_documents": "Documenten", "c_this_month": "Nieuw deze maand",
        "c_participants": "Deelnemers", "c_theme": "Thema",
        "implication": "Betekenis voor de praktijk: {text}",
        "action": "Actie: {action} (eigenaar: {owner}; status: {status}).",
        "no_insights": "Er zijn tot en met deze maand geen inzichten vastgelegd.",
        "new_data": "Deze maand zijn {documents} nieuwe documenten verwerkt ({detail}).",
        "no_new_data": "Deze maand zijn geen nieuwe documenten verwerkt.",
        "new_themes": "Thema's die deze maand voor het eerst voorkomen: {themes}.",
        "rising_themes": "Thema's die deze maand het vaakst voorkwamen: {themes}.",
        "emergent": "Nieuwe thema's uit topic modelling (nog niet in het codeboek): {topics}.",
        "no_emergent": "Topic modelling leverde geen nieuwe thema's op die nog niet in het codeboek staan.",
        "fig_themes": "Aantal gecodeerde fragmenten per maand voor de vaakst genoemde thema's",
        "axis_segments": "Fragmenten",
        "finding": "{theme}: genoemd door {n} van de {total} {people} ({segments}).",
        "finding_notes": "{theme}: genoemd in {segments}.",
        "few": "minder dan {min}",
        "segments_one": "1 fragment", "segments_many": "{n} fragmenten",
        "no_findings": "Nog geen gecodeerde fragmenten uit dit perspectief.",
        "comparison_table": "Aandeel deelnemers per perspectief dat een thema noemt",
        "fig_heatmap": "Aandeel deelnemers per perspectief dat een thema noemt (thema x perspectief)",
        "heatmap_colour": "aandeel deelnemers",
        "convergent_positive": "Perspectieven zijn het eens over {theme}: {perspectives} zien vooral meerwaarde.",
        "convergent_negative": "Perspectieven zijn het eens over {theme}: {perspectives} zien vooral uitdagingen.",
        "divergent": "Perspectieven verschillen over {theme}: {positive} zien vooral meerwaarde, "
                     "{negative} vooral uitdagingen.",
        "no_convergence": "Er zijn nog te weinig gecodeerde fragmenten om perspectieven te vergelijken.",
        "indicator_table": "Indicatoren: doel, stand en status tot en met {end}",
        "c_indicator": "Indicator", "c_target": "Doel", "c_actual": "Stand", "c_status": "Status",
        "c_trend": "Trend", "c_evidence": "Onderbouwing",
        "evidence_text": "meerwaarde: {supporting}, uitdaging: {challenging}",
        "fig_progress": "Voortgang per indicator als percentage van het doel",
        "axis_progress": "Stand als percentage van het doel",
        "gap_explained": "Toelichting bij {indicator}:",
        "gaps_table": "Onderbouwing per uitkomst en perspectief (aantal fragmenten)",
        "gap_missing": "Nog geen onderbouwing vanuit: {items}.",
        "c_outcome": "Uitkomst",
        "status_on_track": "op koers", "status_at_risk": "risico", "status_off_track": "achter op schema",
        "status_no_data": "geen gegevens", "status_none": "geen doel",
        "trend_up": "stijgend", "trend_down": "dalend", "trend_stable": "gelijk", "trend_none": "",
        "insight_open": "open", "insight_in_progress": "loopt", "insight_done": "afgerond",
        "insight_dropped": "vervallen",
        "methods_n": "Aantal deelnemers per perspectief: {items}.",
        "methods_rounds": "Dataverzamelingsrondes: {items}.",
        "methods_codebook": "Codeboek: {codebook} (versie {version}). Alleen door een onderzoeker "
                            "geaccepteerde coderingen tellen mee; voorstellen van de computer niet.",
        "methods_agreement": "Overeenstemming tussen codeurs: {items}.",
        "methods_privacy": "Alle citaten zijn gepseudonimiseerd; deelnemers die zich hebben teruggetrokken "
                           "of geen toestemming gaven, zijn buiten beschouwing gelaten. Aantallen van minder "
                           "dan {min} personen worden nergens getoond: in tabellen staat dan <{min}, en x waar een "
                           "cel is verborgen zodat een kleine cel niet uit een totaal is af te leiden; onder elke "
                           "tabel staat wat er is verborgen. Aantallen documenten en fragmenten zijn geen personen "
                           "en worden wel getoond.",
        "methods_suppressed": "Onderdrukt: {items}",
        "methods_nothing_suppressed": "Er hoefden geen cellen te worden onderdrukt.",
        "change_text": "{theme} ({perspective}): {change}, van {before} naar {after} van de deelnemers.",
        "change_new": "nieuw", "change_gone": "niet meer genoemd", "change_rising": "vaker genoemd",
        "change_falling": "minder vaak genoemd",
        "no_change": "Er zijn nog geen twee rondes om te vergelijken.",
        "suppressed": "<{min}",
        "no_speakers": "{perspectives}: de documenten noemen geen sprekers (zoals verslagen van overleggen), "
                       "dus deelnemers zijn niet geteld (–).",
    },
    "en": {
        "monthly_title": "Monthly report {month}",
        "final_title": "Final report",
        "subtitle": "{project}. Findings from monitoring and evaluation",
        "final_period": "Whole project up to and including {month}",
        "s_period": "Period and data basis",
        "s_insights": "Key insights and smart approaches",
        "s_new": "New since last month",
        "s_change": "Change between rounds",
        "s_perspectives": "Findings per perspective",
        "s_comparison": "Comparison between perspectives",
        "s_indicators": "Logic model indicators",
        "s_methods": "Methods and privacy",
        "added_value": "Added value",
        "challenges": "Challenges",
        "key_insight": "Key insight",
        "smart_approach": "Smart approach",
        "methods_box": "Methods",
        "period_text": "This report describes the situation up to and including {end}. It uses all "
                       "pseudonymised data collected up to that date: {documents} documents with "
                       "{segments} coded segments.",
        "period_table": "Data basis per perspective",
        "c_perspective": "Perspective", "c_documents": "Documents", "c_this_month": "New this month",
        "c_participants": "Participants", "c_theme": "Theme",
        "implication": "Implication for practice: {text}",
        "action": "Action: {action} (owner: {owner}; status: {status}).",
        "no_insights": "No insights have been recorded up to this month.",
        "new_data": "This month {documents} new documents were processed ({detail}).",
        "no_new_data": "No new documents were processed this month.",
        "new_themes": "Themes appearing for the first time this month: {themes}.",
        "rising_themes": "Themes mentioned most often this month: {themes}.",
        "emergent": "New themes from topic modelling (not yet in the codebook): {topics}.",
        "no_emergent": "Topic modelling found no new themes outside the codebook.",
        "fig_themes": "Coded segments per month for the most frequent themes",
        "axis_segments": "Segments",
        "finding": "{theme}: mentioned by {n} of the {total} {people} ({segments}).",
        "finding_notes": "{theme}: mentioned in {segments}.",
        "few": "fewer than {min}",
        "segments_one": "1 segment", "segments_many": "{n} segments",
        "no_findings": "No coded segments from this perspective yet.",
        "comparison_table": "Share of participants per perspective mentioning a theme",
        "fig_heatmap": "Share of participants per perspective mentioning a theme (theme x perspective)",
        "heatmap_colour": "share of participants",
        "convergent_positive": "Perspectives agree on {theme}: {perspectives} mainly see added value.",
        "convergent_negative": "Perspectives agree on {theme}: {perspectives} mainly see challenges.",
        "divergent": "Perspectives differ on {theme}: {positive} mainly see added value, "
                     "{negative} mainly challenges.",
        "no_convergence": "There are too few coded segments yet to compare perspectives.",
        "indicator_table": "Indicators: target, actual and status up to and including {end}",
        "c_indicator": "Indicator", "c_target": "Target", "c_actual": "Actual", "c_status": "Status",
        "c_trend": "Trend", "c_evidence": "Evidence",
        "evidence_text": "added value: {supporting}, challenge: {challenging}",
        "fig_progress": "Progress per indicator as a percentage of its target",
        "axis_progress": "Actual as a percentage of target",
        "gap_explained": "Explaining {indicator}:",
        "gaps_table": "Evidence per outcome and perspective (number of segments)",
        "gap_missing": "No evidence yet from: {items}.",
        "c_outcome": "Outcome",
        "status_on_track": "on track", "status_at_risk": "at risk", "status_off_track": "off track",
        "status_no_data": "no data", "status_none": "no target",
        "trend_up": "rising", "trend_down": "falling", "trend_stable": "stable", "trend_none": "",
        "insight_open": "open", "insight_in_progress": "in progress", "insight_done": "done",
        "insight_dropped": "dropped",
        "methods_n": "Participants per perspective: {items}.",
        "methods_rounds": "Data collection rounds: {items}.",
        "methods_codebook": "Codebook: {codebook} (version {version}). Only codings accepted by a "
                            "researcher count; machine suggestions do not.",
        "methods_agreement": "Agreement between coders: {items}.",
        "methods_privacy": "All quotes are pseudonymised; participants who withdrew or did not consent are "
                           "left out. Counts of fewer than {min} people are shown nowhere: tables read <{min}, and x "
                           "where a cell is hidden so that a small cell cannot be worked out from a total; below "
                           "each table is what was hidden. Counts of documents and segments are not people and "
                           "are shown.",
        "methods_suppressed": "Suppressed: {items}",
        "methods_nothing_suppressed": "No cells needed to be suppressed.",
        "change_text": "{theme} ({perspective}): {change}, from {before} to {after} of participants.",
        "change_new": "new", "change_gone": "no longer mentioned", "change_rising": "mentioned more often",
        "change_falling": "mentioned less often",
        "no_change": "There are not yet two rounds to compare.",
        "suppressed": "<{min}",
        "no_speakers": "{perspectives}: the documents name no speakers (such as meeting minutes), so "
                       "participants are not counted (–).",
    },
}


PHRASES["nl"].update({
    "s_summary": "Samenvatting voor de stuurgroep",
    "s_annex": "Bijlage: analyseverhoudingen en onderbouwing",
    "s_methods": "Methode en beperkingen",
    "summary_period": "Deze rapportage gaat over de stand tot en met {end}: {documents} documenten, waarvan "
                      "{new} nieuw deze maand.",
    "summary_indicators": "Indicatoren die veranderden",
    "summary_no_indicator_change": "Geen indicator veranderde ten opzichte van vorige maand.",
    "summary_indicator": "{indicator}: {before} \u2192 {after} ({meaning}; {status}).",
    "summary_insights": "Nieuwe en bijgewerkte inzichten",
    "summary_no_insights": "Deze maand zijn geen inzichten vastgelegd of bijgewerkt.",
    "summary_insight_new": "Nieuw: {title}.",
    "summary_insight_updated": "Bijgewerkt: {title}.",
    "summary_actions": "Acties",
    "summary_action": "{action} ({owner}): {status}.",
    "summary_themes": "Nieuwe thema's",
    "summary_new_theme": "{theme} kwam deze maand voor het eerst naar voren, bij {perspectives}.",
    "summary_emergent": "De computer vond in de teksten {n} mogelijk nieuwe thema's buiten het codeboek; "
                        "de onderzoeker beoordeelt ze voor de volgende rapportage.",
    "summary_emergent_named": "Mogelijk nieuw thema buiten het codeboek: {label}.",
    "summary_no_themes": "Er kwamen deze maand geen nieuwe thema's naar voren.",
    "summary_asks": "Gevraagd van de stuurgroep",
    "summary_ask_indicator": "Bespreken: {indicator} staat op {value} tegen een doel van {target} ({status}).",
    "summary_ask_owner": "Een eigenaar aanwijzen voor de actie: {action}.",
    "summary_ask_contradiction": "Het inzicht '{title}' wordt nog getoetst: het gekoppelde materiaal spreekt "
                                 "het grotendeels tegen.",
    "summary_no_asks": "Deze maand wordt niets specifieks van de stuurgroep gevraagd.",
    "better": "beter", "worse": "slechter", "same": "gelijk",
    "insight_new": "NIEUW", "insight_updated": "BIJGEWERKT",
    "insight_dates": "Vastgelegd op {created}; laatst bijgewerkt op {updated}.",
    "insight_evidence": "Onderbouwing: {refs}.",
    "insight_evidence_more": "{n} fragmenten in het codeerbestand ({ids})",
    "insight_evidence_one": "1 fragment in het codeerbestand ({ids})",
    "insight_no_evidence": "Onderbouwing: nog geen fragmenten gekoppeld.",
    "insight_contradicted": "Let op: {opposite} van de {linked} gekoppelde fragmenten over dit thema zeggen het "
                            "tegendeel. De onderzoeker toetst dit inzicht voordat het wordt overgenomen.",
    "owner_team": "onderzoeksteam",
    "samenvattend": "Samenvattend",
    "claims_intro": "Per perspectief staan hieronder de thema's die het vaakst als meerwaarde en als "
                    "uitdaging zijn genoemd, elk met een bewering en een of twee citaten. Beweringen met "
                    "{draft} zijn automatisch opgesteld uit de codering en nog niet door de onderzoeker "
                    "herschreven.",
    "quote_ref": "C{n}",
    "c_previous": "Vorige maand", "c_trend_arrow": "Vorige \u2192 deze maand", "c_explanation": "Toelichting",
    "trend_note": "Trend: de stand aan het eind van vorige maand \u2192 de stand aan het eind van deze maand "
                  "(cumulatief), met of dat beter of slechter is gezien de richting van de indicator.",
    "target_minimum": "min. {value}", "target_ceiling": "max. {value}", "target_point": "ca. {value}",
    "target_range": "{value}\u2013{upper}",
    "explain_insight": "Zie inzicht '{title}'.",
    "explain_hidden": "Te weinig respondenten om een waarde te tonen ({n} fragmenten gecodeerd).",
    "explain_no_target": "Geen doel vastgesteld; ter informatie.",
    "explain_none": "",
    "explain_quote": "Toelichting bij {indicator}:",
    "fig_targets": "Stand tegen doel per indicator (punt: stand; streep of band: doel)",
    "ratio_table": "Analyseverhoudingen: aandeel meerwaarde onder fragmenten met meerwaarde of uitdaging",
    "ratio_note": "Dit zijn geen programma-indicatoren maar verhoudingen uit de codering; ze tellen "
                  "fragmenten, geen personen.",
    "status_suppressed": "te weinig respondenten",
    "response_table": "Respons per perspectief en ronde (aantal deelnemers)",
    "c_register": "In register", "c_round": "{round}",
    "not_counted": "n.v.t.",
    "methods_interpreters": "Tolken: {items}.",
    "methods_interpreter_item": "{n} van de {total} documenten van {perspective} via een tolk",
    "methods_no_interpreters": "Er is in geen enkel gesprek met een tolk gewerkt.",
    "methods_open_round": "{round} loopt nog (tot en met {end}); cijfers van die ronde zijn voorlopig.",
    "methods_limitations": "Beperkingen: het aantal deelnemers per perspectief is klein en de respons op de "
                           "vragenlijsten is ongelijk verdeeld; gesprekken via een tolk kunnen nuances verliezen; "
                           "beweringen zeggen hoeveel deelnemers iets noemden, niet hoe "
                           "vaak het voorkomt in het programma.",
    "methods_synthetic": "Let op: deze rapportage is gemaakt met verzonnen (synthetische) gegevens en beschrijft "
                         "geen echte personen of gebeurtenissen.",
    "methods_drafts": "Beweringen gemarkeerd met {draft} zijn automatisch opgesteld; de overige zijn door de "
                      "onderzoeker geschreven.",
    "heatmap_hidden": "<{min}: onderdrukt (minder dan {min} personen); 0%: niemand; n.v.t.: deelnemers niet geteld",
    "period_text": "Dit rapport beschrijft de stand van zaken tot en met {end}. Het gebruikt alle "
                   "gepseudonimiseerde gegevens die tot die datum zijn verzameld: {documents} documenten "
                   "met {segments} gecodeerde fragmenten.",
})

PHRASES["en"].update({
    "s_summary": "Summary for the steering committee",
    "s_annex": "Annex: analysis ratios and evidence",
    "s_methods": "Methods and limitations",
    "summary_period": "This report covers the situation up to and including {end}: {documents} documents, "
                      "{new} of them new this month.",
    "summary_indicators": "Indicators that moved",
    "summary_no_indicator_change": "No indicator changed since last month.",
    "summary_indicator": "{indicator}: {before} \u2192 {after} ({meaning}; {status}).",
    "summary_insights": "New and updated insights",
    "summary_no_insights": "No insights were recorded or updated this month.",
    "summary_insight_new": "New: {title}.",
    "summary_insight_updated": "Updated: {title}.",
    "summary_actions": "Actions",
    "summary_action": "{action} ({owner}): {status}.",
    "summary_themes": "New themes",
    "summary_new_theme": "{theme} came up for the first time this month, among {perspectives}.",
    "summary_emergent": "The computer found {n} possible new themes outside the codebook in the texts; the "
                        "researcher will review them before the next report.",
    "summary_emergent_named": "Possible new theme outside the codebook: {label}.",
    "summary_no_themes": "No new themes came up this month.",
    "summary_asks": "Asked of the steering committee",
    "summary_ask_indicator": "To discuss: {indicator} stands at {value} against a target of {target} ({status}).",
    "summary_ask_owner": "Name an owner for the action: {action}.",
    "summary_ask_contradiction": "The insight '{title}' is being checked: most of its linked evidence says the "
                                 "opposite.",
    "summary_no_asks": "Nothing specific is asked of the steering committee this month.",
    "better": "better", "worse": "worse", "same": "unchanged",
    "insight_new": "NEW", "insight_updated": "UPDATED",
    "insight_dates": "Recorded on {created}; last updated on {updated}.",
    "insight_evidence": "Evidence: {refs}.",
    "insight_evidence_more": "{n} segments in the coding file ({ids})",
    "insight_evidence_one": "1 segment in the coding file ({ids})",
    "insight_no_evidence": "Evidence: no segments linked yet.",
    "insight_contradicted": "Note: {opposite} of the {linked} linked segments on this theme say the opposite. The "
                            "researcher checks this insight before it is adopted.",
    "owner_team": "research team",
    "samenvattend": "In sum",
    "claims_intro": "For each perspective, the themes mentioned most often as added value and as a challenge, "
                    "each with a claim and one or two quotes. Claims marked {draft} were drafted automatically "
                    "from the coding and have not yet been rewritten by the researcher.",
    "quote_ref": "Q{n}",
    "c_previous": "Last month", "c_trend_arrow": "Last \u2192 this month", "c_explanation": "Explanation",
    "trend_note": "Trend: the value at the end of last month \u2192 the value at the end of this month "
                  "(cumulative), with whether that is better or worse given the indicator's direction.",
    "target_minimum": "at least {value}", "target_ceiling": "at most {value}", "target_point": "about {value}",
    "target_range": "{value}\u2013{upper}",
    "explain_insight": "See insight '{title}'.",
    "explain_hidden": "Too few respondents to show a value ({n} segments coded).",
    "explain_no_target": "No target set; for information.",
    "explain_none": "",
    "explain_quote": "Explaining {indicator}:",
    "fig_targets": "Actual against target per indicator (dot: actual; line or band: target)",
    "ratio_table": "Analysis ratios: share of added value among segments coded as added value or challenge",
    "ratio_note": "These are not programme indicators but ratios from the coding; they count segments, not people.",
    "status_suppressed": "too few respondents",
    "response_table": "Response per perspective and round (number of participants)",
    "c_register": "In register", "c_round": "{round}",
    "not_counted": "n/a",
    "methods_interpreters": "Interpreters: {items}.",
    "methods_interpreter_item": "{n} of the {total} documents of {perspective} through an interpreter",
    "methods_no_interpreters": "No conversation was held through an interpreter.",
    "methods_open_round": "{round} is still open (until {end}); its figures are provisional.",
    "methods_limitations": "Limitations: each perspective has few participants and survey response is uneven; "
                           "conversations through interpreters can lose nuance; claims say how many participants "
                           "mentioned something, not how often it happens in the programme.",
    "methods_synthetic": "Note: this report was made from invented (synthetic) data and describes no real people "
                         "or events.",
    "methods_drafts": "Claims marked {draft} were drafted automatically; the others were written by the researcher.",
    "heatmap_hidden": "<{min}: suppressed (fewer than {min} people); 0%: nobody; n/a: participants not counted",
    "period_text": "This report describes the situation up to and including {end}. It uses all pseudonymised data "
                   "collected up to that date: {documents} documents with {segments} coded segments.",
})


def phrase(language: str, key: str, **values) -> str:
    return PHRASES[language][key].format(**values)


def month_name(period: str, language: str) -> str:
    """"oktober 2024" for "2024-10"."""
    year, month = period.split("-")
    return f"{MONTHS[language][int(month) - 1]} {year}"


def long_date(day: dt.date, language: str) -> str:
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def number(value, language: str, *, unit: str = "", digits: int = 1, suppressed: str = "–") -> str:
    """A value for a table cell: "5", "6,7", "31%"; ``suppressed`` for NA."""
    if value is None or pd.isna(value):
        return suppressed
    value = float(value)
    if unit == "%":
        text = f"{value * 100:.0f}%"
    elif value.is_integer():
        text = f"{value:.0f}"
    else:
        text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "nl" else text


def join(items: list[str], language: str) -> str:
    """"a, b en c" / "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " en " if language == "nl" else " and "
    return ", ".join(items[:-1]) + last + items[-1]
