"""From a project store to reports/*.docx, the leak check that blocks it, and the CLI."""
from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from evaltoolkit.errors import PrivacyError

STORE_TABLES = ("participants", "documents", "segments", "codings", "attributes", "events", "insights")


@pytest.fixture()
def project(tmp_path, repo_root, study, codebook):
    import dataclasses

    from evaltoolkit.codebook import save_codebook
    from evaltoolkit.codebook.model import Code
    from evaltoolkit.config import load_config
    from evaltoolkit.indicators import load_logic_model
    from evaltoolkit.store import open_project_store

    (tmp_path / "codebooks").mkdir()
    shutil.copy2(repo_root / "evaltoolkit.yaml", tmp_path / "evaltoolkit.yaml")
    shutil.copy2(repo_root / "codebooks" / "logic_model.yaml", tmp_path / "codebooks" / "logic_model.yaml")
    # the logic model names the demo's codes: the project's codebook must declare them
    named = {code for i in load_logic_model(repo_root / "codebooks" / "logic_model.yaml").indicators()
             for code in i.linked_codes}
    extra = tuple(Code(code_id, code_id, definition="Synthetisch.") for code_id in sorted(named - set(codebook.code_ids)))
    save_codebook(dataclasses.replace(codebook, codes=extra + codebook.codes),
                  tmp_path / "codebooks" / "community_sponsorship.yaml")
    config = load_config(tmp_path)
    store = open_project_store(config.paths.store_url)
    with store.transaction() as tx:
        for name in STORE_TABLES:
            tx.write(name, study[name])
    store.dispose()
    return config


def _gate(monkeypatch, check):
    """Put ``check(texts)`` behind the output gate in place of the project's leak check."""
    import evaltoolkit.project.privacy as privacy

    monkeypatch.setattr(privacy, "ensure_no_leaks", lambda project, texts: check(texts))


def test_the_monthly_report_is_written_after_the_leak_check_and_indicators_are_stored(project, monkeypatch):
    from evaltoolkit.project import Project, build_report_for_project
    from evaltoolkit.store import open_project_store

    checked = {}
    _gate(monkeypatch, checked.update)
    path = build_report_for_project(Project(project), month="2024-10")
    assert path == project.paths.reports / "report_2024-10.docx" and path.is_file()
    assert "Maandrapportage oktober 2024" in checked["report"]
    stored = open_project_store(project.paths.store_url).read("indicator_values")
    row = stored[stored["indicator_id"] == "families_welcomed"].iloc[0]
    assert (row["period"], row["site"], row["value"], row["target"]) == ("2024-10", "all", 5, 18)


def test_a_failing_leak_check_blocks_the_report(project, monkeypatch):
    from evaltoolkit.project import Project, build_report_for_project

    def leak(texts):
        raise PrivacyError("reports: 1 register name found (report, offset 120).")

    _gate(monkeypatch, leak)
    with pytest.raises(PrivacyError, match=r"1 register name found"):
        build_report_for_project(Project(project), final=True)
    assert not (project.paths.reports / "report_final.docx").exists()


def test_cli_writes_the_report_and_prints_its_path(project, monkeypatch):
    import evaltoolkit.project.privacy as privacy
    from evaltoolkit.cli.main import app

    monkeypatch.setattr(privacy, "ensure_no_leaks", lambda project, texts: None)
    result = CliRunner().invoke(app, ["report", "final", "--project", str(project.paths.root)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {project.paths.reports / 'report_final.docx'}\n"


def test_cli_prints_the_indicator_table(project):
    from evaltoolkit.cli.main import app

    result = CliRunner().invoke(app, ["indicators", "--project", str(project.paths.root), "--period", "2024-10"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Indicators (2024-10), stored in indicator_values:"
    assert lines[1].split() == ["indicator_id", "target", "value", "status", "trend", "n_supporting", "n_challenging"]
    families = next(line for line in lines if line.split()[0] == "families_welcomed")
    assert families.split() == ["families_welcomed", "18", "5", "off_track", "up", "0", "0"]
    contact = next(line for line in lines if line.split()[0] == "contact_hours")
    assert contact.split() == ["contact_hours", "-", "-", "no_data", "-", "-", "-"]


def test_the_synthesis_sheet_round_trip_puts_the_researchers_claim_in_the_report(project, monkeypatch):
    import pandas as pd

    from evaltoolkit.project import Project, build_report_for_project
    from evaltoolkit.project.reports import export_synthesis_sheet, import_synthesis_sheet

    checked = {}
    _gate(monkeypatch, checked.update)
    path = export_synthesis_sheet(Project(project), month="2024-10")
    assert path == project.paths.reports / "syntheses_2024-10.xlsx" and "syntheses" in checked
    sheet = pd.read_excel(path, dtype=str).fillna("")
    row = sheet.index[(sheet["code_id"] == "taalbarriere") & (sheet["perspective"] == "hervestiger")][0]
    assert sheet.loc[row, "draft"] == "Alle 3 hervestigers noemen taalbarrière als uitdaging."
    sheet.loc[row, "synthesis"] = "Hervestigers ervaren de taal als de grootste drempel."
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheet.to_excel(writer, index=False, sheet_name="syntheses")
    assert import_synthesis_sheet(Project(project), path, actor="onderzoeker") == 1
    build_report_for_project(Project(project), month="2024-10")
    assert "Hervestigers ervaren de taal als de grootste drempel." in checked["report"]
    assert "Alle 3 hervestigers noemen taalbarrière als uitdaging" not in checked["report"]


def test_report_monthly_refuses_a_sentence_that_points_at_one_person_until_acknowledged(project, monkeypatch):
    """A report sentence naming a site with a role one person there holds: the command
    refuses (exit 1, no file, the place but never the sentence) until --acknowledge names
    that site and role."""
    import evaltoolkit.project.privacy as privacy
    import evaltoolkit.project.reports as reports
    from evaltoolkit.cli.main import app
    from evaltoolkit.project import Project

    monkeypatch.setattr(privacy, "ensure_no_leaks", lambda project, texts: None)
    with Project(project) as opened:
        flags = privacy.quasi_identifiers(opened, {"probe": " ".join(
            f"De {role.label_nl or opened.config.perspective(role.perspective).role_label_nl} in {site.name}."
            for site in project.sites for role in project.roles if role.perspective)})
    assert flags, "the demo study has a role that one person alone holds at a site"
    flag = flags[0]
    sentence = f"Volgens de {flag.role_word.lower()} in {flag.site_name} liep de training uit."
    monkeypatch.setattr(reports, "report_text", lambda report: "Inleiding. " + sentence)
    arguments = ["report", "monthly", "--month", "2024-10", "--project", str(project.paths.root)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1
    message = str(result.exception)
    assert f"--acknowledge {flag.acknowledgement}" in message and "report sentence 2 (offset 11)" in message
    assert "liep de training uit" not in message + result.output
    assert not (project.paths.reports / "report_2024-10.docx").exists()
    result = CliRunner().invoke(app, [*arguments, "--acknowledge", flag.acknowledgement])
    assert result.exit_code == 0, result.output
    assert (project.paths.reports / "report_2024-10.docx").is_file()


def test_a_quote_that_would_point_at_one_person_is_never_chosen(demo_project, demo_passphrase, tmp_path):
    """The report builder asks the project whether a quote (with its attribution) names a
    site with a role one person there holds, and chooses another quote instead: a quote
    cannot be edited to pass the output gate."""
    import dataclasses

    from evaltoolkit.project import Project
    from evaltoolkit.project.privacy import names_one_person
    from evaltoolkit.project.reports import build_monthly_report, load_study_data, report_context
    from evaltoolkit.reports.blocks import Quote

    def in_section(section):
        return [b for b in section.blocks if isinstance(b, Quote)] + [
            q for sub in section.subsections for q in in_section(sub)]

    def quotes(report):
        return [q for section in report.sections for q in in_section(section)]

    import shutil

    import pandas as pd

    from evaltoolkit.coding import import_codings
    from evaltoolkit.config import load_config

    root = shutil.copytree(demo_project.paths.root, tmp_path / "demo")   # the session's demo stays as it is
    with Project(load_config(root)).unlock(demo_passphrase) as opened:
        codings = pd.read_csv(opened.paths.raw / "researcher_codings.csv", dtype=str, keep_default_na=False)
        import_codings(opened.store, codings, codebook=opened.codebook, actor="tester")
        data, context = load_study_data(opened.store), report_context(opened)
        chosen = quotes(build_monthly_report(data, context, month="2024-10"))
        assert chosen and not any(context.unquotable(f"{q.text} {q.attribution}") for q in chosen)
        first = chosen[0].segment_id
        avoiding_first = dataclasses.replace(context, unquotable=lambda text: text.startswith(chosen[0].text))
        assert first not in {q.segment_id for q in quotes(build_monthly_report(data, avoiding_first,
                                                                               month="2024-10"))}
        unique = probe = None
        for site in opened.config.sites:
            for role in opened.config.roles:
                label = role.label_nl or (role.perspective and opened.config.perspective(role.perspective).role_label_nl)
                if label and names_one_person(opened)(f"De {label.lower()} in {site.name} vertelde het."):
                    unique = (site.id, role.id)
                    probe = f"De {label.lower()} in {site.name} vertelde het."
        assert unique, "the demo study has a role that one person alone holds at a site"
        assert not names_one_person(opened, acknowledged=["/".join(unique)])(probe)
