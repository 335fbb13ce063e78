"""Standalone scrubbing of loose files (.txt, .docx, .csv), outside any project: for a
researcher who must share one transcript quickly. Output files keep their names; the
summary counts what was replaced, by type. With ``key_path`` the same key is reused and
extended, so placeholders match earlier scrubs and the project.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError, PrivacyError, format_problems
from evaltoolkit.privacy.detector import Detector
from evaltoolkit.privacy.key import load_or_create_key, save_key
from evaltoolkit.privacy.pseudonymiser import Pseudonymiser

SCRUB_SUFFIXES = (".txt", ".docx", ".csv")


@dataclass(frozen=True)
class ScrubReport:
    written: tuple[Path, ...]
    replacements: dict[str, int]

    def __str__(self) -> str:
        lines = [f"Wrote {len(self.written)} files:", *(f"  {p}" for p in self.written), "Replaced:"]
        lines += [f"  {kind}: {count}" for kind, count in sorted(self.replacements.items())] or ["  nothing"]
        return "\n".join(lines)


def scrub_files(paths: Sequence[Path | str], *, output_dir: Path | str, register: Path | str | None = None,
                key_path: Path | str | None = None, passphrase: str | None = None, new_key: bool = False,
                language: str = "nl", allow_list: Iterable[str] = (), detector: Detector | None = None) -> ScrubReport:
    """Pseudonymise ``paths`` into ``output_dir`` (same file names); every input problem is
    reported at once before anything is written.

    ``key_path`` names a key to reuse and extend; a missing key file is an error (a typo
    in the path would otherwise start a second key whose placeholders clash with the
    first) unless ``new_key`` says to start one there."""
    paths, output_dir = [Path(p) for p in paths], Path(output_dir)
    _check_inputs(paths, output_dir)
    units = {path: _read_units(path) for path in paths}
    documents = pd.DataFrame(
        [(f"{i}:{j}", text) for i, path in enumerate(paths) for j, text in enumerate(units[path]) if text.strip()],
        columns=["doc_id", "text"])
    key = None
    if key_path is not None:
        if not Path(key_path).exists() and not new_key:
            raise PrivacyError(f"There is no pseudonymisation key at {key_path}. Check the path (or restore the key "
                               "from its backup); to start a new key there on purpose, add --new-key.")
        key = load_or_create_key(key_path, passphrase=passphrase, create=new_key)
    pseudonymiser = Pseudonymiser(detector=detector, key=key, language=language, allow_list=allow_list).fit(
        documents, register=_read_register(Path(register)) if register is not None else None)
    counts: Counter[str] = Counter()

    def replace(text: str) -> str:
        result = pseudonymiser.transform_text(text)
        counts.update(r.entity_type for r in result.replacements)
        return result.text

    output_dir.mkdir(parents=True, exist_ok=True)
    written = [_write(path, output_dir / path.name, replace) for path in paths]
    if key_path is not None:
        save_key(pseudonymiser.key_, key_path, passphrase=passphrase)
    return ScrubReport(tuple(written), dict(counts))


def _check_inputs(paths: list[Path], output_dir: Path) -> None:
    problems = []
    names = Counter(p.name for p in paths)
    for path in paths:
        if not path.is_file():
            problems.append(f"{path}: no such file.")
        elif path.suffix.lower() not in SCRUB_SUFFIXES:
            problems.append(f"{path}: can only scrub {', '.join(SCRUB_SUFFIXES)} files.")
        elif path.resolve().parent == output_dir.resolve():
            problems.append(f"{path}: the output folder is the file's own folder; choose another --output-dir "
                            "so the original is not overwritten.")
        if names[path.name] > 1:
            problems.append(f"{path}: another input has the same name; the outputs would overwrite each other.")
    if problems:
        raise InputError(format_problems("privacy scrub", sorted(set(problems))))


def _read_units(path: Path) -> list[str]:
    """The texts to pseudonymise: the whole .txt, each .docx paragraph and table cell,
    each .csv cell."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [_read_text(path)]
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        return [p.text for p in _docx_paragraphs(document)]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [*frame.columns, *(str(v) for v in frame.to_numpy().ravel())]


def _write(source: Path, target: Path, replace) -> Path:
    suffix = source.suffix.lower()
    if suffix == ".txt":
        target.write_text(replace(_read_text(source)), encoding="utf-8")
    elif suffix == ".docx":
        import docx

        document = docx.Document(str(source))
        for paragraph in _docx_paragraphs(document):
            new = replace(paragraph.text)
            if new != paragraph.text:
                _set_paragraph_text(paragraph, new)
        for section in document.sections:  # headers and footers can carry names too
            for part in (section.header, section.footer):
                for paragraph in part.paragraphs:
                    new = replace(paragraph.text)
                    if new != paragraph.text:
                        _set_paragraph_text(paragraph, new)
        document.core_properties.author = ""
        document.core_properties.last_modified_by = ""
        document.save(str(target))
    else:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
        frame.columns = [replace(c) for c in frame.columns]
        frame = frame.apply(lambda column: column.map(replace))
        frame.to_csv(target, index=False, encoding="utf-8")
    return target


def _docx_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _set_paragraph_text(paragraph, text: str) -> None:
    """Put ``text`` in the first run (keeping its formatting) and empty the others."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{path}: cannot tell the text encoding; save it as UTF-8.") from None
        return str(best)


def _read_register(path: Path) -> pd.DataFrame:
    """A register CSV (as data/raw/demo/register.csv): participant_id, full_name,
    name_variants, speaker_labels, perspective, role (lists ';'-separated)."""
    if not path.is_file():
        raise InputError(f"{path}: no such register file.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("participant_id", "full_name") if c not in frame.columns]
    if missing:
        raise InputError(f"{path} has no column {', '.join(missing)}. Expected the register.csv layout "
                         "(participant_id, full_name, name_variants, speaker_labels, perspective, role).")
    for column in ("name_variants", "speaker_labels", "perspective", "role"):
        if column not in frame.columns:
            frame[column] = ""
    frame["perspective"] = frame["perspective"].replace("", None)
    return frame
