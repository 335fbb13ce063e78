"""The coding commands, run through the real CLI entry point."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import yaml
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.codebook import load_codebook, save_codebook_version
from evaltoolkit.store import open_project_store

runner = CliRunner()


def test_standalone_suggest_with_rules_writes_suggestions_and_valence(tmp_path, test_data, repo_root):
    codebook = repo_root / "codebooks" / "community_sponsorship.yaml"
    source = tmp_path / "answers.csv"
    pd.DataFrame({"segment_id": ["r1", "r2", "r3"],
                  "text": ["De brieven van de gemeente zijn moeilijk.", "Er was geen tolk.", "Het regent vandaag."],
                  "perspective": ["hervestiger", "sponsor", ""],
                  "question_id": ["", "", ""]}).to_csv(source, index=False)
    out = tmp_path / "out" / "suggestions.csv"
    result = runner.invoke(app, ["code", "suggest", "--codebook", str(codebook), "--input", str(source),
                                 "--output", str(out), "--method", "rules"])
    assert result.exit_code == 0, result.output
    valence = tmp_path / "out" / "suggestions_valence.csv"
    assert result.output == f"Wrote 2 suggestions for 3 segments to {out} and their valence to {valence}.\n"
    rows = pd.read_csv(out)
    assert rows.columns.tolist() == ["segment_id", "code_id", "confidence", "source", "evidence"]
    assert rows[["segment_id", "code_id", "source"]].values.tolist() == [
        ["r1", "bureaucratie", "rules:keyword_rules.v1"], ["r2", "taalbarriere", "rules:keyword_rules.v1"]]
    assert rows["evidence"].tolist() == ["brieven (brief)", "tolk (tolk*, ontkend)"]
    valences = pd.read_csv(valence)
    assert valences.columns.tolist() == ["segment_id", "valence", "valence_confidence", "source", "evidence"]
    assert valences[["segment_id", "valence", "valence_confidence"]].values.tolist() == [["r1", "uitdaging", 0.55]]


def test_standalone_suggest_reports_missing_columns_through_the_entry_point(tmp_path, repo_root):
    source = tmp_path / "bad.csv"
    pd.DataFrame({"id": ["r1"], "answer": ["x"]}).to_csv(source, index=False)
    codebook = repo_root / "codebooks" / "community_sponsorship.yaml"
    done = subprocess.run([sys.executable, "-m", "evaltoolkit.cli.main", "code", "suggest", "--codebook",
                           str(codebook), "--input", str(source), "--output", str(tmp_path / "o.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    # main() prints errors with rich, which wraps long lines at the terminal width: compare the words
    assert " ".join(done.stderr.split()) == (f"Error: {source} needs the columns segment_id and text; missing: "
                                             "segment_id, text (columns: id, answer).")


def test_codebook_validate_and_diff(tmp_path, test_data):
    small = test_data / "codebook" / "small.yaml"
    result = runner.invoke(app, ["codebook", "validate", str(small)])
    version = load_codebook(small).version
    assert result.output == f"test_codebook version {version} is valid: 2 theme codes, 2 valence codes.\n"
    edited = tmp_path / "small.yaml"
    data = yaml.safe_load(small.read_text(encoding="utf-8"))
    data["codes"] = [c for c in data["codes"] if c["code_id"] != "bureaucratie"]
    data["codes"][1]["label_en"] = "Language barrier"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["codebook", "diff", str(small), str(edited)])
    new_version = load_codebook(edited).version
    assert result.output == (f"Codebook {version} -> {new_version}: 2 change(s).\n"
                             "  changed  taalbarriere: label_en\n  removed  bureaucratie\n")
    bad = runner.invoke(app, ["codebook", "validate", str(test_data / "codebook" / "broken.yaml")])
    assert bad.exit_code == 1 and isinstance(bad.exception, Exception)


def test_project_suggest_review_import_and_agreement(project, tmp_path, labelled):
    result = runner.invoke(app, ["code", "suggest", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("rules:keyword_rules.v1: ")
    assert result.output.endswith(" segments (0 accepted automatically).\n")
    codings = tmp_path / "codings.csv"
    labelled[1].assign(doc_id=labelled[1]["segment_id"].str.split(":").str[0],
                       n=labelled[1]["segment_id"].str.split(":").str[1].astype(int))[
        ["doc_id", "n", "code_id", "coder"]].to_csv(codings, index=False)
    result = runner.invoke(app, ["code", "import", str(codings), "--project", str(project)])
    assert result.output == f"Imported 63 codings by coder_a from {codings}.\n"
    result = runner.invoke(app, ["agreement", "coder_a", "rules:keyword_rules.v1", "--project", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["code_id", "units", "both", "only_a", "only_b", "neither", "percent_agreement",
                                "cohen_kappa", "krippendorff_alpha"]
    assert lines[-1].split()[:2] == ["overall", "40"]
    result = runner.invoke(app, ["agreement", "coder_a", "rules:keyword_rules.v1", "--by-subgroup",
                                 "--project", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["subgroup", "value", "units", "both", "only_a", "only_b", "neither",
                                "percent_agreement", "cohen_kappa", "krippendorff_alpha"]
    assert lines[1].split()[:3] == ["all", "all", "40"]
    groups = {line.split()[0] for line in lines[2:]}
    assert groups <= {"perspective", "language", "interpreted"} and "perspective" in groups
    sheet = tmp_path / "review.csv"
    result = runner.invoke(app, ["code", "export-review", str(sheet), "--code", "werkdruk", "--project", str(project)])
    assert result.output.startswith("Wrote ") and result.output.endswith(f" open suggestions to {sheet}.\n")
    frame = pd.read_csv(sheet, dtype=str).assign(decision="accept")
    frame.to_csv(sheet, index=False)
    result = runner.invoke(app, ["code", "import-review", str(sheet), "--reviewer", "anna", "--project", str(project)])
    assert result.output == f"Recorded {len(frame)} accept, 0 reject, 0 add, 0 memo.\n"
    store = open_project_store(f"sqlite:///{project / 'data' / 'pseudonymised' / 'project.sqlite'}")
    save_codebook_version(store, load_codebook(project / "codebooks" / "community_sponsorship.yaml"))
    result = runner.invoke(app, ["codebook", "diff", "--project", str(project)])
    assert result.output == "No earlier version of community_sponsorship is stored; nothing to compare.\n"
