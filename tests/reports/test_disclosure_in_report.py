"""Disclosure control holds in the built report, not only in the tables that feed it: no
count of people below the threshold is printed, in a table or in words, and a line with
a hidden count never shows its other cells next to a total that would give it away."""
from __future__ import annotations

import re

import pytest

from evaltoolkit.reports.blocks import Table, report_text
from evaltoolkit.reports.build import build_final_report, build_monthly_report

PEOPLE = re.compile(r"deelnemers|personen|participants|people", re.IGNORECASE)


def _tables(section):
    for block in section.blocks:
        if isinstance(block, Table):
            yield block
    for sub in section.subsections:
        yield from _tables(sub)


def _people_cells(table: Table):
    """(row, column, cell) of the columns that count people: every column of a table whose
    caption says it counts people, else the columns whose header says so."""
    whole = bool(PEOPLE.search(table.caption))
    for row in table.rows:
        for column, cell in zip(table.columns[1:], row[1:]):
            if whole or PEOPLE.search(column):
                yield row[0], column, cell


@pytest.fixture(params=["2024-10", "final"])
def report(request, data, context):
    if request.param == "final":
        return build_final_report(data, context)
    return build_monthly_report(data, context, month=request.param)


def test_no_count_of_people_below_the_threshold_is_printed_in_a_table(report, context):
    k = context.min_cell_size
    checked = 0
    for section in report.sections:
        for table in _tables(section):
            for row, column, cell in _people_cells(table):
                checked += 1
                if cell.endswith("%"):
                    continue   # a share: its small numerators read "<3" (the next assertion's case)
                if cell.isdigit():
                    assert int(cell) == 0 or int(cell) >= k, (table.caption, row, column)
                else:
                    assert cell in (f"<{k}", "x") or not re.search(r"\d", cell), (table.caption, row, column)
    assert checked > 0, "the report has tables of people"


def test_no_count_of_people_below_the_threshold_is_written_in_words(report, context):
    k = context.min_cell_size
    text = report_text(report)
    for match in re.finditer(r"\b(\d+) (?:van de|of the) (\d+) ([a-zé]+)", text, re.IGNORECASE):
        n, total, what = int(match.group(1)), int(match.group(2)), match.group(3).lower()
        if what.startswith(("document", "fragment", "segment")):
            continue   # text, not people
        assert n >= k and total >= k, f"offset {match.start()}: {n} of {total} {what}"


def test_secondary_suppression_is_marked_x_with_its_note(report, context):
    text = report_text(report)
    cells = [cell for section in report.sections for table in _tables(section) for row in table.rows for cell in row]
    if "x" in cells:
        assert "(weergegeven als x)" in text or "(displayed as x)" in text
    if f"<{context.min_cell_size}" in cells:
        assert f"(weergegeven als <{context.min_cell_size})" in text or \
            f"(displayed as <{context.min_cell_size})" in text
