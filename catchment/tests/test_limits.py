"""Spreadsheets that expand are refused while they are read (issue 12,
finding 3), through the admin upload and the command, with a message that
names the limit. Bounds are asserted with work counters (cells parsed,
bytes decompressed), not clocks; the timings are in docs/limits-and-security.md."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from catchment.spreadsheet import LIMITS, read_table
from core import work
from core.spreadsheets import CHUNK, SpreadsheetError
from core.tests import hostile_files

from .test_admin import IMPORT, page_text

pytestmark = pytest.mark.django_db

# (name, file builder, words of the message naming the limit, bound on the work)
HOSTILE = [
    (
        "a row of 5,000,000 cells",
        lambda: hostile_files.xlsx_wide_row(5_000_000),
        "超过 15 列",
        {"spreadsheet.cells": 30},
    ),
    (
        "a cell of 200,000,000 characters",
        lambda: hostile_files.xlsx_long_cell(200_000_000),
        "最多 5000 个字",
        {"spreadsheet.expanded_bytes": 2 * CHUNK},
    ),
    (
        "500,000 rows",
        lambda: hostile_files.xlsx_many_rows(500_000),
        "超过 20000 行",
        {"spreadsheet.cells": 10 + 6 * 20_001},
    ),
    (
        "a sheet that expands to 40 MB",
        lambda: hostile_files.xlsx_expanding_whitespace(40_000_000),
        "超过 32 MB",
        {"spreadsheet.expanded_bytes": LIMITS.max_expanded_bytes + CHUNK},
    ),
    (
        "a shared string of 100,000,000 characters",
        lambda: hostile_files.xlsx_with_shared_strings_bomb(100_000_000),
        "最多 5000 个字",
        {"spreadsheet.expanded_bytes": 2 * CHUNK},
    ),
    ("entities that expand (billion laughs)", hostile_files.xlsx_with_entities, "DTD", {}),
    ("a formula", hostile_files.xlsx_with_formula, "公式", {}),
]


@pytest.fixture(scope="module")
def files():
    return {name: build() for name, build, _message, _bound in HOSTILE}


@pytest.mark.parametrize("name, _build, message, bound", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_the_admin_upload_refuses_it_naming_the_limit(admin_client, files, name, _build, message, bound):
    data = files[name]
    assert len(data) < LIMITS.max_bytes  # small on disk
    with work.counting() as counted:
        response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("zones.xlsx", data), "mode": "draft"})
    assert response.status_code == 200
    assert message in page_text(response)
    for counter, limit in bound.items():
        assert counted[counter] <= limit, (counter, counted[counter])


@pytest.mark.parametrize("name, _build, message, bound", HOSTILE[:4], ids=[case[0] for case in HOSTILE[:4]])
def test_the_command_refuses_it_naming_the_limit(tmp_path, files, name, _build, message, bound):
    path = tmp_path / "zones.xlsx"
    path.write_bytes(files[name])
    with work.counting() as counted, pytest.raises(CommandError) as refused:
        call_command("import_catchments", str(path), "--dry-run")
    assert message in str(refused.value)
    for counter, limit in bound.items():
        assert counted[counter] <= limit, (counter, counted[counter])


def test_a_csv_row_of_a_million_cells_and_a_huge_csv_cell_are_refused():
    wide = ("年度,学段,学校,规则,类型,名称,起,止,单双号,备注\r\n" + "1," * 500_000).encode()
    with pytest.raises(SpreadsheetError, match="1000"):
        read_table(wide, "zones.csv")
    long_cell = (
        "年度,学段,学校,规则,类型,名称,起,止,单双号,备注\r\n2026,小学,东风路小学,包含,街道," + "x" * 900_000
    ).encode()
    with pytest.raises(SpreadsheetError, match="5000"):
        read_table(long_cell, "zones.csv")


def test_a_zip_bomb_named_xlsx_and_files_that_are_not_what_they_say_are_refused():
    with work.counting() as counted, pytest.raises(SpreadsheetError):
        read_table(hostile_files.zip_bomb(200_000_000), "zones.xlsx")
    assert counted["spreadsheet.expanded_bytes"] <= LIMITS.max_expanded_bytes
    for name in ("zones.xlsx", "zones.csv"):
        with pytest.raises(SpreadsheetError):
            read_table(hostile_files.WRONG_MAGIC[name], name)


def test_a_good_xlsx_is_still_read_as_before():
    data = hostile_files.xlsx_rows([["2026", "小学", "东风路小学", "包含", "门牌", "东风路", 1, 70, "单", ""]])
    (row,) = read_table(data, "zones.xlsx")
    assert row.values["start"] == "1" and row.values["end"] == "70" and row.values["parity"] == "单"
