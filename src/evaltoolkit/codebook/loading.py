"""Read a codebook from YAML and check it, reporting every problem at once.

>>> codebook = load_codebook("codebooks/community_sponsorship.yaml")

The file is a mapping with ``codebook_id``, ``title``, ``language``, optional
``perspectives`` and a flat list ``codes``; each code names its ``parent`` (so problems
point at ``[codes -> 7 -> parent]``, the way a researcher finds them in the file).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from evaltoolkit.codebook.model import (
    CODE_KEYS,
    DEFAULT_POLARITY,
    DIMENSIONS,
    LINEAGE_KINDS,
    MEANINGS,
    POLARITIES,
    STATUSES,
    Code,
    Codebook,
    Lineage,
    codebook_to_dict,
    codebook_version,
)
from evaltoolkit.errors import CodebookError, did_you_mean, format_problems

TOP_KEYS = ("codebook_id", "title", "language", "description", "perspectives", "codes")
LANGUAGES = ("nl", "en")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LOGIC_LINK = re.compile(r"^(goal|outcome|output|activity|input)_\d+(_\d+)*$")


def load_codebook(path: Path | str) -> Codebook:
    """Read and validate a codebook YAML file; every problem is reported in one CodebookError."""
    path = Path(path)
    if not path.is_file():
        raise CodebookError(f"{path} does not exist. Give the path of a codebook YAML file (see codebooks/).")
    return read_codebook(path.read_text(encoding="utf-8"), source=str(path))


def read_codebook(text: str, *, source: str = "<codebook>") -> Codebook:
    """Parse codebook YAML ``text``; ``source`` names it in error messages."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CodebookError(f"{source} is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    return codebook_from_dict(raw, source=source)


def build_codebook(*, codebook_id: str, title: str, language: str, codes, perspectives=(),
                   description: str = "") -> Codebook:
    """A validated Codebook (with its content version) from Code objects, e.g. from a .qdc file."""
    draft = Codebook(codebook_id=codebook_id, title=title, version="", language=language,
                     codes=tuple(codes), perspectives=tuple(perspectives), description=description)
    return codebook_from_dict(codebook_to_dict(draft), source=f"codebook {codebook_id!r}")


def dump_codebook(codebook: Codebook) -> str:
    """The codebook as YAML text; reading it back gives the same codebook and version."""
    return yaml.safe_dump(codebook_to_dict(codebook), allow_unicode=True, sort_keys=False, width=100)


def save_codebook(codebook: Codebook, path: Path | str) -> Path:
    """Write the codebook to ``path`` as YAML (comments of a hand-written file are not kept)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_codebook(codebook), encoding="utf-8")
    return path


def codebook_from_dict(raw, *, source: str) -> Codebook:
    """Validate a codebook mapping and build the Codebook; raises one CodebookError listing all problems."""
    if not isinstance(raw, dict):
        raise CodebookError(format_problems(source, ["[] the file must be a mapping with codebook_id, title, "
                                                     "language and codes."]))
    problems: list[str] = []
    _check_keys(raw, TOP_KEYS, "", "the codebook", problems)
    for key in ("codebook_id", "title"):
        if not _text(raw.get(key)):
            problems.append(f"[{key}] is missing; give the codebook a {key.replace('_', ' ')}.")
    language = str(raw.get("language", "nl"))
    if language not in LANGUAGES:
        problems.append(f"[language] must be one of {', '.join(LANGUAGES)}. Got {language!r} instead.")
    perspectives = _string_list(raw.get("perspectives"), "[perspectives]", problems)
    entries = raw.get("codes")
    if not isinstance(entries, list) or not entries:
        problems.append("[codes] must be a non-empty list of codes.")
        entries = []
    codes = [_parse_code(entry, index, problems) for index, entry in enumerate(entries)]
    _check_references(entries, codes, perspectives, problems)
    if problems:
        raise CodebookError(format_problems(source, sorted(problems, key=_position)))
    codebook = Codebook(
        codebook_id=str(raw["codebook_id"]), title=str(raw["title"]), version="", language=language,
        codes=tuple(codes), perspectives=tuple(perspectives), description=_text(raw.get("description")),
    )
    return Codebook(**{**_fields(codebook), "version": codebook_version(codebook_to_dict(codebook))})


def _position(problem: str) -> int:
    """Problems in file order: top-level first, then by code index (stable within a code)."""
    match = re.match(r"\[codes -> (\d+)", problem)
    return int(match.group(1)) + 1 if match else 0


def _fields(codebook: Codebook) -> dict:
    return {name: getattr(codebook, name) for name in
            ("codebook_id", "title", "version", "language", "codes", "perspectives", "description")}


def _parse_code(entry, index: int, problems: list[str]) -> Code | None:
    where = f"codes -> {index}"
    if not isinstance(entry, dict):
        problems.append(f"[{where}] must be a mapping with at least code_id and label_nl.")
        return None
    _check_keys(entry, CODE_KEYS, where, "a code", problems)
    code_id = _text(entry.get("code_id"))
    if not code_id:
        problems.append(f"[{where} -> code_id] is missing.")
    elif not _ID.match(code_id):
        problems.append(f"[{where} -> code_id] {code_id!r} must be lowercase letters, digits and underscores, "
                        "starting with a letter (e.g. 'taalbarriere').")
    if not _text(entry.get("label_nl")):
        problems.append(f"[{where} -> label_nl] is missing; every code needs a Dutch label.")
    dimension = _choice(entry, "dimension", DIMENSIONS, "theme", where, problems)
    status = _choice(entry, "status", STATUSES, "active", where, problems)
    codable = entry.get("codable", True)
    if not isinstance(codable, bool):
        problems.append(f"[{where} -> codable] must be true or false. Got {codable!r} instead.")
        codable = True
    if codable and not _text(entry.get("definition")):
        problems.append(f"[{where} -> definition] is missing; a codable code needs a definition.")
    patterns = _string_list(entry.get("patterns"), f"[{where} -> patterns]", problems)
    for number, pattern in enumerate(patterns):
        if pattern in patterns[:number]:
            problems.append(f"[{where} -> patterns -> {number}] {pattern!r} is listed twice "
                            f"(patterns {patterns.index(pattern)} and {number}).")
    if patterns and not codable:
        problems.append(f"[{where} -> patterns] {code_id!r} is not codable, so its patterns are never used; "
                        "remove them or set codable: true.")
    color = entry.get("color")
    if color is not None and not _COLOR.match(str(color)):
        problems.append(f"[{where} -> color] must be a colour like '#1F77B4'. Got {color!r} instead.")
    links = _string_list(entry.get("logic_model_links"), f"[{where} -> logic_model_links]", problems)
    for number, link in enumerate(links):
        if not _LOGIC_LINK.match(link):
            problems.append(f"[{where} -> logic_model_links -> {number}] {link!r} is not a logic-model id; "
                            "expected ids such as 'outcome_1' or 'output_1_2'.")
    meaning, polarity = _valence_meaning(entry, dimension, codable, where, problems)
    return Code(
        code_id=code_id, label_nl=_text(entry.get("label_nl")), label_en=_text(entry.get("label_en")),
        definition=_text(entry.get("definition")), parent_id=_text(entry.get("parent")) or None,
        codable=codable, dimension=dimension, inclusion=_text(entry.get("inclusion")),
        exclusion=_text(entry.get("exclusion")),
        examples=tuple(_string_list(entry.get("examples"), f"[{where} -> examples]", problems)),
        patterns=tuple(patterns),
        perspectives=tuple(_string_list(entry.get("perspectives"), f"[{where} -> perspectives]", problems)),
        logic_model_links=tuple(links), color=None if color is None else str(color).upper(), status=status,
        lineage=_parse_lineage(entry.get("lineage"), where, problems),
        meaning=meaning, polarity=polarity,
    )


def _valence_meaning(entry: dict, dimension: str, codable: bool, where: str,
                     problems: list[str]) -> tuple[str | None, str | None]:
    """A codable valence code's ``meaning`` (required) and ``polarity`` (default from the meaning)."""
    if dimension != "valence" or not codable:
        for key in ("meaning", "polarity"):
            if entry.get(key) is not None:
                problems.append(f"[{where} -> {key}] only a codable valence code has a {key}; remove it, or set "
                                "dimension: valence and codable: true.")
        return None, None
    meaning = entry.get("meaning")
    if meaning is None:
        problems.append(f"[{where} -> meaning] is missing; a valence code says what it means for the report: "
                        f"one of {', '.join(MEANINGS)}.")
        return None, None
    if meaning not in MEANINGS:
        problems.append(f"[{where} -> meaning] must be one of {', '.join(MEANINGS)}. Got {meaning!r} instead."
                        f"{did_you_mean(str(meaning), MEANINGS)}")
        return None, None
    polarity = entry.get("polarity", DEFAULT_POLARITY.get(meaning, "neutral"))
    if polarity not in POLARITIES:
        problems.append(f"[{where} -> polarity] must be one of {', '.join(POLARITIES)}. Got {polarity!r} instead."
                        f"{did_you_mean(str(polarity), POLARITIES)}")
        return meaning, None
    return meaning, polarity


def _parse_lineage(value, where: str, problems: list[str]) -> tuple[Lineage, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"[{where} -> lineage] must be a list such as [{{renamed_from: oude_code, on: 2024-05-01}}].")
        return ()
    items = []
    for number, item in enumerate(value):
        here = f"[{where} -> lineage -> {number}]"
        if isinstance(item, dict):
            # YAML 1.1 reads an unquoted `on:` key as the boolean True.
            item = {("on" if key is True else key): val for key, val in item.items()}
        kinds = [k for k in LINEAGE_KINDS if isinstance(item, dict) and k in item]
        if len(kinds) != 1:
            problems.append(f"{here} must name exactly one of {', '.join(LINEAGE_KINDS)} and a date 'on'.")
            continue
        extra = [k for k in item if k not in (kinds[0], "on")]
        for key in extra:
            problems.append(f"{here} {key!r} is not a lineage field.{did_you_mean(key, (*LINEAGE_KINDS, 'on'))}")
        on = _date(item.get("on"))
        if on is None:
            problems.append(f"{here} needs the date of the change as 'on: YYYY-MM-DD'.")
            continue
        items.append(Lineage(kind=kinds[0], code_id=_text(item[kinds[0]]), on=on))
    return tuple(items)


def _check_references(entries, codes, perspectives, problems: list[str]) -> None:
    first_index: dict[str, int] = {}
    for index, code in enumerate(codes):
        if code is None or not code.code_id:
            continue
        if code.code_id in first_index:
            problems.append(f"[codes -> {index} -> code_id] {code.code_id!r} is defined twice "
                            f"(codes {first_index[code.code_id]} and {index}).")
        else:
            first_index[code.code_id] = index
    by_id = {c.code_id: c for c in codes if c is not None and c.code_id}
    for index, code in enumerate(codes):
        if code is None:
            continue
        where = f"codes -> {index}"
        _check_parent(code, by_id, where, problems)
        for number, perspective in enumerate(code.perspectives):
            if perspectives and perspective not in perspectives:
                problems.append(f"[{where} -> perspectives -> {number}] {perspective!r} is not a perspective of "
                                f"this codebook ({', '.join(perspectives)}).{did_you_mean(perspective, perspectives)}")
        _check_lineage(code, by_id, where, problems)


def _check_parent(code: Code, by_id: dict[str, Code], where: str, problems: list[str]) -> None:
    if code.parent_id is None:
        return
    parent = by_id.get(code.parent_id)
    if parent is None:
        problems.append(f"[{where} -> parent] {code.parent_id!r} is not a code id.{did_you_mean(code.parent_id, by_id)}")
        return
    if parent.dimension != code.dimension:
        problems.append(f"[{where} -> parent] {code.parent_id!r} is a {parent.dimension} code; the parent of a "
                        f"{code.dimension} code must be a {code.dimension} code.")
    seen, current = set(), parent
    while current is not None and current.code_id not in seen:
        if current.code_id == code.code_id:
            problems.append(f"[{where} -> parent] {code.code_id!r} is its own ancestor (parents form a cycle).")
            return
        seen.add(current.code_id)
        current = by_id.get(current.parent_id) if current.parent_id else None


def _check_lineage(code: Code, by_id: dict[str, Code], where: str, problems: list[str]) -> None:
    for number, item in enumerate(code.lineage):
        here = f"[{where} -> lineage -> {number}]"
        target = by_id.get(item.code_id)
        if item.kind == "merged_into":
            if target is None:
                problems.append(f"{here} merged_into {item.code_id!r} is not a code id.{did_you_mean(item.code_id, by_id)}")
            elif not target.is_active:
                problems.append(f"{here} merged_into {item.code_id!r} is retired; merge into an active code.")
            if code.is_active:
                problems.append(f"{here} {code.code_id!r} was merged into another code, so its status must be retired.")
        elif item.kind == "renamed_from" and target is not None and target.is_active:
            problems.append(f"{here} renamed_from {item.code_id!r} is still an active code; retire it or remove "
                            "the lineage entry.")
        if item.code_id == code.code_id:
            problems.append(f"{here} a code cannot be {item.kind} itself.")


def _check_keys(mapping: dict, allowed, where: str, what: str, problems: list[str]) -> None:
    for key in mapping:
        if key not in allowed:
            prefix = f"{where} -> {key}" if where else str(key)
            problems.append(f"[{prefix}] {key!r} is not a field of {what}.{did_you_mean(str(key), allowed)}")


def _choice(entry: dict, key: str, options, default: str, where: str, problems: list[str]) -> str:
    value = str(entry.get(key, default))
    if value not in options:
        problems.append(f"[{where} -> {key}] must be one of {', '.join(options)}. Got {value!r} instead."
                        f"{did_you_mean(value, options)}")
        return default
    return value


def _string_list(value, where: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.append(f"{where} must be a list of texts.")
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
