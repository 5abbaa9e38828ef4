"""Builders for catchment tests."""

import io

from catchment.spreadsheet import HEADER
from core.tests.hostile_files import csv_rows


def csv_bytes(rows, bom=True, header=HEADER):
    return csv_rows(rows, header=header, bom=bom)


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zone(year, school, *rules, stage="小学", description="东至东风路，西至人民路。"):
    """Rows of one zone: its 描述 row, then (规则, 类型, 名称, 起, 止, 单双号, 备注) tuples."""
    rows = [[str(year), stage, school, "描述", "范围", description, "", "", "", ""]] if description else []
    for rule in rules:
        cells = list(rule) + [""] * (7 - len(rule))
        rows.append([str(year), stage, school, *cells])
    return rows
