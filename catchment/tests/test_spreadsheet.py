"""Reading the zone spreadsheet (CSV with or without BOM, XLSX) and checking
each row on its own, every error named by its column."""

import pytest

from catchment.spreadsheet import (
    MAX_BYTES,
    Row,
    SpreadsheetError,
    join_note,
    parse_row,
    read_table,
    split_note,
)
from disclosure.models import ZoneRule

from .helpers import csv_bytes, xlsx_bytes, zone

ROWS = zone(
    2026,
    "东风路小学",
    ("包含", "门牌", "东风路", "1", "70", "单"),
    ("边界", "边界", "人民路", "", "", "", "西界，街心"),
)


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom(bom):
    rows = read_table(csv_bytes(ROWS, bom=bom), "zones.csv")
    assert [row.line for row in rows] == [2, 3, 4]
    assert rows[1].values == {
        "year": "2026",
        "stage": "小学",
        "school": "东风路小学",
        "rule": "包含",
        "kind": "门牌",
        "name": "东风路",
        "start": "1",
        "end": "70",
        "parity": "单",
        "note": "",
    }


def test_xlsx_with_the_same_header():
    data = xlsx_bytes([[2026, "小学", "东风路小学", "包含", "门牌", "东风路", 1, 70.0, "单", None]])
    (row,) = read_table(data, "zones.xlsx")
    assert row.line == 2
    assert (row.values["year"], row.values["start"], row.values["end"], row.values["note"]) == ("2026", "1", "70", "")


def test_line_numbers_count_physical_lines_and_skip_empty_rows():
    text = (
        "年度,学段,学校,规则,类型,名称,起,止,单双号,备注\r\n"
        '2026,小学,东风路小学,描述,范围,"第一行\r\n第二行",,,,\r\n'
        ",,,,,,,,,\r\n"
        "\r\n"
        "2026,小学,东风路小学,包含,街道,东风路,,,,\r\n"
    )
    rows = read_table(text.encode("utf-8"), "zones.csv")
    assert [row.line for row in rows] == [2, 6]
    assert rows[0].values["name"] == "第一行\n第二行"


@pytest.mark.parametrize(
    "data, filename, message",
    [
        ("年度,学段\r\n".encode("gbk") + "2026,小学".encode("gbk"), "zones.csv", "UTF-8"),
        (b"", "zones.csv", "须有表头"),
        ("学校,年度\r\n".encode(), "zones.csv", "第1行：表头必须是"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "zones.xls", "CSV"),
        (b"PK\x03\x04garbage", "zones.xlsx", "XLSX"),
        ("年度,学段,学校\x00".encode(), "zones.csv", "空字符"),
        (b"x" * (MAX_BYTES + 1), "zones.csv", "1 MB"),
    ],
    ids=["not-utf8", "empty", "wrong-header", "old-xls", "broken-xlsx", "nul", "too-large"],
)
def test_unreadable_files_say_why(data, filename, message):
    with pytest.raises(SpreadsheetError) as error:
        read_table(data, filename)
    assert message in " ".join(error.value.problems)


def test_non_utf8_csv_is_refused_with_how_to_save_it():
    with pytest.raises(SpreadsheetError) as error:
        read_table(csv_bytes(ROWS).decode("utf-8").encode("gb18030"), "zones.csv")
    assert "CSV UTF-8" in error.value.problems[0]


def row(**values):
    cells = {
        "year": "2026",
        "stage": "小学",
        "school": "东风路小学",
        "rule": "包含",
        "kind": "街道",
        "name": "东风路",
        "start": "",
        "end": "",
        "parity": "",
        "note": "",
    }
    cells.update(values)
    return Row(7, cells)


@pytest.mark.parametrize(
    "values, columns",
    [
        ({}, []),
        ({"year": "24"}, ["年度"]),
        ({"year": "１９９９"}, ["年度"]),
        ({"stage": "高中"}, ["学段"]),
        ({"school": ""}, ["学校"]),
        ({"school": "校" * 101}, ["学校"]),
        ({"rule": "包括"}, ["规则"]),
        ({"kind": "道路"}, ["类型"]),
        ({"kind": "边界", "rule": "包含"}, ["规则"]),
        ({"kind": "门牌", "start": "70", "end": "1"}, ["止"]),
        ({"kind": "门牌", "start": "一", "end": "7"}, ["起"]),
        ({"kind": "路段", "start": "人民路"}, ["止"]),
        ({"parity": "单"}, ["单双号"]),
        ({"parity": "奇"}, ["单双号"]),
        ({"start": "1"}, ["起"]),
        ({"name": ""}, ["名称"]),
        ({"rule": "描述", "kind": "街道"}, ["类型"]),
        ({"rule": "描述", "kind": "范围", "start": "1"}, ["起"]),
        ({"year": "x", "stage": "y", "rule": "z"}, ["年度", "学段", "规则"]),
    ],
)
def test_row_errors_name_their_column(values, columns):
    parsed = parse_row(row(**values))
    assert [column for column, _message in parsed.errors] == columns


def test_a_valid_row_gives_the_rule_values():
    parsed = parse_row(row(kind="门牌", start="０１", end="70号", parity="双", note="别名：老东风路；含临街面"))
    assert parsed.errors == [] and parsed.key == (2026, "primary", "东风路小学")
    assert parsed.values == {
        "rule": "include",
        "kind": "house_numbers",
        "name": "东风路",
        "start": "1",
        "end": "70",
        "parity": "even",
        "side": "",
        "aliases": "老东风路",
        "note": "含临街面",
    }
    boundary = parse_row(row(rule="", kind="边界", note="东界，街心"))
    assert (boundary.errors, boundary.values["rule"], boundary.values["kind"]) == ([], "boundary", "street")


def test_the_note_holds_side_aliases_and_note():
    assert split_note("东侧；别名：A、B；含南侧临街面", "segment") == ("east", "A、B", "含南侧临街面")
    assert split_note("南北两侧", "street") == ("both", "", "")
    # A side is read for streets and segments only; elsewhere it is a note.
    assert split_note("东侧", "compound") == ("", "", "东侧")
    assert split_note("别名：阳光小区；第一；第二", "compound") == ("", "阳光小区", "第一；第二")
    rule = ZoneRule(rule="include", kind="segment", name="解放路", side="west", note="第一；第二", aliases="甲、乙")
    assert join_note(rule) == "西侧；第一；第二；别名：甲、乙"
    assert split_note(join_note(rule), "segment") == ("west", "甲、乙", "第一；第二")


def test_a_sheet_of_empty_rows_is_bounded():
    from catchment.spreadsheet import MAX_LINES

    data = ("年度,学段,学校,规则,类型,名称,起,止,单双号,备注\n" + ",\n" * MAX_LINES).encode("utf-8")
    with pytest.raises(SpreadsheetError):
        read_table(data, "zones.csv")


def test_more_cells_than_columns_is_an_error():
    text = "年度,学段,学校,规则,类型,名称,起,止,单双号,备注\r\n2026,小学,东风路小学,包含,街道,东风路,,,,,多余\r\n"
    (only,) = read_table(text.encode("utf-8"), "zones.csv")
    assert [column for column, _m in parse_row(only).errors] == [""]
