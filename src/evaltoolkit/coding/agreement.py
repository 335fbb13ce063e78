"""Agreement between two coders (people or machines), segments as units.

Units are the segments at least one of the two coders coded (with any code in scope);
segments neither coded are left out, since nobody may have looked at them. Per code, each
unit is "has the code" or not for each coder; Cohen's kappa, Krippendorff's alpha
(nominal, via the ``krippendorff`` package) and percent agreement are computed on those
pairs. The ``overall`` row pools all (unit, code) pairs.

A coder's codings are its rows that are not rejected: accepted rows for people, suggested
(or auto-accepted) rows for machines, so machine-vs-human agreement needs no extra step.

:func:`agreement_by_subgroup` gives the overall row per perspective, language and
interpreted-or-not (text spoken through an interpreter), so a coder (or a suggester) that
agrees well overall but not for one group of respondents shows it.
"""
from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, SOURCE_MANUAL

AGREEMENT_COLUMNS = ["code_id", "units", "both", "only_a", "only_b", "neither", "percent_agreement",
                     "cohen_kappa", "krippendorff_alpha"]
SUBGROUP_AGREEMENT_COLUMNS = ["subgroup", "value", *AGREEMENT_COLUMNS[1:]]
#: Segment columns that split respondents into groups whose errors are reported apart, in this order.
SUBGROUPS = ("perspective", "language", "interpreted")
UNKNOWN_SUBGROUP = "unknown"


UNIT_CHOICES = ("either", "both")


def agreement(codings: pd.DataFrame, *, coder_a: str, coder_b: str, codes=None,
              min_confidence: float | None = None, units: str = "either") -> pd.DataFrame:
    """Agreement per code and overall (last row, ``code_id="overall"``) between ``coder_a`` and ``coder_b``.

    ``units="either"``: every segment at least one of them coded (a segment only one coder
    coded counts as disagreement: right when both saw every segment, e.g. human vs machine).
    ``units="both"``: only segments both coded (a double-coded sample, where the second
    coder never saw the other segments).
    """
    if units not in UNIT_CHOICES:
        raise InputError(f"units must be one of {', '.join(UNIT_CHOICES)}. Got {units!r} instead.")
    rows = _coded_rows(codings, coder_a=coder_a, coder_b=coder_b, codes=codes, min_confidence=min_confidence)
    return _agreement_of(rows, coder_a=coder_a, coder_b=coder_b, codes=codes, units=units)


def agreement_by_subgroup(codings: pd.DataFrame, segments: pd.DataFrame, *, coder_a: str, coder_b: str,
                          codes=None, min_confidence: float | None = None, units: str = "either",
                          subgroups: tuple[str, ...] = SUBGROUPS) -> pd.DataFrame:
    """The overall agreement row of :func:`agreement` for all segments (subgroup ``all``) and
    for each value of each subgroup column (perspective, language, interpreted).

    ``segments``: segment_id and the subgroup columns it has; ``interpreted`` (True for text
    spoken through an interpreter) is derived from ``translated_by`` when absent (see
    :func:`segment_subgroups`). Segments without a value count as ``unknown``. A group where
    one coder coded nothing still gets its row (units="either": all disagreement).
    """
    if units not in UNIT_CHOICES:
        raise InputError(f"units must be one of {', '.join(UNIT_CHOICES)}. Got {units!r} instead.")
    rows = _coded_rows(codings, coder_a=coder_a, coder_b=coder_b, codes=codes, min_confidence=min_confidence)
    if codes is None:   # every group is scored on the same codes, so groups compare
        codes = sorted(set(rows["code_id"]))
    info = segment_subgroups(segments)
    table = [["all", "all", *_overall(rows, coder_a, coder_b, codes, units)]]
    for column in subgroups:
        if column not in info.columns:
            continue
        value_of = rows["segment_id"].map(info[column]).fillna(UNKNOWN_SUBGROUP).astype(str)
        for value in sorted(value_of.unique()):
            table.append([column, value, *_overall(rows[value_of == value], coder_a, coder_b, codes, units)])
    return pd.DataFrame(table, columns=SUBGROUP_AGREEMENT_COLUMNS)


def segment_subgroups(segments: pd.DataFrame) -> pd.DataFrame:
    """Segments indexed by segment_id with the subgroup columns they have; ``interpreted``
    (text spoken through an interpreter) from ``translated_by`` when not given as such."""
    info = segments.drop_duplicates("segment_id").set_index("segment_id")
    if "interpreted" not in info.columns and "translated_by" in info.columns:
        translated = info["translated_by"].astype("string").fillna("").str.strip().ne("")
        info = info.assign(interpreted=translated.astype(bool))
    return info


def _overall(rows: pd.DataFrame, coder_a: str, coder_b: str, codes, units: str) -> list:
    overall = _agreement_of(rows, coder_a=coder_a, coder_b=coder_b, codes=codes, units=units).iloc[-1]
    return overall.drop("code_id").tolist()


def _coded_rows(codings: pd.DataFrame, *, coder_a: str, coder_b: str, codes, min_confidence) -> pd.DataFrame:
    """The two coders' codings that count: not rejected, confident enough, of the codes in scope."""
    present = set(codings["coder"])
    for coder in (coder_a, coder_b):
        if coder not in present:
            raise InputError(f"{coder!r} has no codings. Coders with codings: {', '.join(sorted(present))}.")
    rows = codings[codings["coder"].isin([coder_a, coder_b])]
    if "status" in rows.columns:
        rows = rows[rows["status"] != CODING_REJECTED]
    if min_confidence is not None:
        rows = rows[rows["confidence"].isna() | (rows["confidence"] >= min_confidence)]
    if codes is not None:
        rows = rows[rows["code_id"].isin(list(codes))]
    return rows


def _agreement_of(rows: pd.DataFrame, *, coder_a: str, coder_b: str, codes, units: str) -> pd.DataFrame:
    a = _sets(rows[rows["coder"] == coder_a])
    b = _sets(rows[rows["coder"] == coder_b])
    unit_ids = sorted(set(a) & set(b)) if units == "both" else sorted(set(rows["segment_id"]))
    code_ids = list(codes) if codes is not None else sorted(set(rows["code_id"]))
    table = [_row(code_id, [code_id in a.get(u, ()) for u in unit_ids], [code_id in b.get(u, ()) for u in unit_ids])
             for code_id in code_ids]
    pooled_a = [c in a.get(u, ()) for c in code_ids for u in unit_ids]
    pooled_b = [c in b.get(u, ()) for c in code_ids for u in unit_ids]
    overall = _row("overall", pooled_a, pooled_b)
    overall["units"] = len(unit_ids)
    return pd.DataFrame([*table, overall], columns=AGREEMENT_COLUMNS)


def _sets(rows: pd.DataFrame) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for segment_id, code_id in zip(rows["segment_id"], rows["code_id"]):
        out.setdefault(segment_id, set()).add(code_id)
    return out


def _row(code_id: str, a: list[bool], b: list[bool]) -> dict:
    x, y = np.array(a, dtype=bool), np.array(b, dtype=bool)
    n = len(x)
    both, only_a, only_b = int((x & y).sum()), int((x & ~y).sum()), int((~x & y).sum())
    return {"code_id": code_id, "units": n, "both": both, "only_a": only_a, "only_b": only_b,
            "neither": n - both - only_a - only_b,
            "percent_agreement": float((x == y).mean() * 100) if n else np.nan,
            "cohen_kappa": cohen_kappa(x, y), "krippendorff_alpha": krippendorff_alpha(x, y)}


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two binary vectors; NaN when chance agreement is 1 (one category only)."""
    x, y = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    if len(x) == 0:
        return np.nan
    observed = float((x == y).mean())
    pa, pb = x.mean(), y.mean()
    expected = float(pa * pb + (1 - pa) * (1 - pb))
    return np.nan if expected >= 1.0 else (observed - expected) / (1 - expected)


def krippendorff_alpha(a, b) -> float:
    """Krippendorff's alpha (nominal) for two coders; NaN when only one value occurs."""
    data = np.vstack([np.asarray(a, dtype=float), np.asarray(b, dtype=float)])
    if data.size == 0 or len(np.unique(data)) < 2:
        return np.nan
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def segment_months(segments: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """The month ("2024-06") each segment's document was collected, indexed by segment_id."""
    collected = documents.set_index("doc_id")["collected_on"]
    months = segments["doc_id"].map(collected).map(lambda d: None if pd.isna(d) else f"{d.year:04d}-{d.month:02d}")
    return pd.Series(months.to_numpy(), index=segments["segment_id"], name="month")


def agreement_by_month(codings: pd.DataFrame, months: pd.Series, *, coder_a: str, coder_b: str,
                       codes=None, units: str = "either") -> pd.DataFrame:
    """Overall agreement of the two coders per month (``months``: segment_id -> month), oldest first."""
    rows = []
    month_of = codings["segment_id"].map(months)
    for month in sorted(m for m in month_of.dropna().unique()):
        part = codings[month_of == month]
        if not {coder_a, coder_b} <= set(part["coder"]):
            continue
        overall = agreement(part, coder_a=coder_a, coder_b=coder_b, codes=codes, units=units).iloc[-1]
        rows.append({"month": month, **overall.drop("code_id").to_dict()})
    return pd.DataFrame(rows, columns=["month", *AGREEMENT_COLUMNS[1:]])


def sample_double_coding(segments: pd.DataFrame, *, n: int = 30, month: str | None = None,
                         months: pd.Series | None = None, strata: str | None = "perspective",
                         seed: int = 0) -> pd.DataFrame:
    """Draw ``n`` segments (of ``month``, when given) for a second coder, spread over ``strata``.

    Each stratum gets a share proportional to its size (at least one segment), so a small
    perspective is never left out. Returns the chosen rows of ``segments``.
    """
    pool = segments
    if month is not None:
        if months is None:
            raise InputError("sample_double_coding(month=...) needs months= (see segment_months()).")
        pool = pool[pool["segment_id"].map(months) == month]
    if pool.empty or n <= 0:
        return pool.iloc[0:0]
    if strata is None or strata not in pool.columns:
        return pool.sample(n=min(n, len(pool)), random_state=seed).sort_values("segment_id").reset_index(drop=True)
    groups = pool.groupby(pool[strata].fillna("onbekend"), sort=True)
    shares = {key: max(1, round(n * len(group) / len(pool))) for key, group in groups}
    chosen = [group.sample(n=min(shares[key], len(group)), random_state=seed) for key, group in groups]
    out = pd.concat(chosen)
    if len(out) > n:
        out = out.sample(n=n, random_state=seed)
    return out.sort_values("segment_id").reset_index(drop=True)


def agreement_table(store, *, coder_a: str, coder_b: str, by_month: bool = False, by_subgroup: bool = False,
                    codes=None, units: str = "either") -> pd.DataFrame:
    """Agreement of two coders from the project store: per code and overall, overall per month
    (``by_month``), or overall per perspective, language and interpreted-or-not (``by_subgroup``)."""
    if by_month and by_subgroup:
        raise InputError("Choose one of by_month and by_subgroup (each gives its own table).")
    codings = store.read("codings", where={"coder": [coder_a, coder_b]})
    if not (by_month or by_subgroup):
        return agreement(codings, coder_a=coder_a, coder_b=coder_b, codes=codes, units=units)
    segments = store.read("segments", where={"segment_id": sorted(set(codings["segment_id"]))})
    documents = store.read("documents", where={"doc_id": sorted(set(segments["doc_id"]))})
    if by_subgroup:
        described = segments.merge(documents[["doc_id", "perspective", "language"]], on="doc_id", how="left")
        return agreement_by_subgroup(codings, described, coder_a=coder_a, coder_b=coder_b, codes=codes, units=units)
    return agreement_by_month(codings, segment_months(segments, documents), coder_a=coder_a, coder_b=coder_b,
                              codes=codes, units=units)


def human_coders(codings: pd.DataFrame) -> list[str]:
    """The people with manual codings (``source`` manual), sorted: who can be compared for agreement."""
    return sorted(set(codings.loc[codings["source"] == "manual", "coder"].dropna()))


def human_agreement_summary(codings: pd.DataFrame, *, min_units: int = 10) -> dict[str, float]:
    """Overall Cohen's kappa for every pair of human coders over the segments both coded
    (their double-coded sample): the figures a report's methods box shows."""
    human = codings[(codings["source"] == SOURCE_MANUAL) & (codings["status"] == CODING_ACCEPTED)]
    coders = human_coders(human)
    summary = {}
    for i, coder_a in enumerate(coders):
        for coder_b in coders[i + 1:]:
            overall = agreement(human, coder_a=coder_a, coder_b=coder_b, units="both").iloc[-1]
            if overall["units"] >= min_units:
                summary[f"Cohen's kappa ({coder_a} / {coder_b}, n = {overall['units']})"] = float(
                    overall["cohen_kappa"])
    return summary
