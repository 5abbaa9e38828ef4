"""Table 三 of the annual report (《中华人民共和国政府信息公开工作年度报告格式》,
国办公开办函〔2021〕30号): 收到和处理政府信息公开申请情况, exactly in its
rows and columns, for one calendar year.

- 一、本年新收: applications received (登记, 条例第三十一条) in the year.
- 二、上年结转: received before the year and not concluded before it.
- 三、本年度办理结果: concluded in the year, by the row of their outcome
  (vocabulary.TableRow; a partial answer counts only as 部分公开), then
  （七）总计.
- 四、结转下年度继续办理: received by the end of the year, not concluded in it.
The check of the format: 一 + 二 = 三（七）总计 + 四, in every column.
Applications never received (withdrawn before registration) are not counted."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Application
from .vocabulary import ApplicantType, TableRow

COLUMNS = [
    (ApplicantType.PERSON, "自然人"),
    (ApplicantType.BUSINESS, "商业企业"),
    (ApplicantType.RESEARCH, "科研机构"),
    (ApplicantType.PUBLIC_INTEREST, "社会公益组织"),
    (ApplicantType.LEGAL_SERVICES, "法律服务机构"),
    (ApplicantType.OTHER_ORGANISATION, "其他"),
]
GROUPS = [
    (
        "（三）不予公开",
        [
            TableRow.WITHHELD_STATE_SECRET,
            TableRow.WITHHELD_LAW,
            TableRow.WITHHELD_SECURITY,
            TableRow.WITHHELD_THIRD_PARTY,
            TableRow.WITHHELD_INTERNAL,
            TableRow.WITHHELD_PROCESS,
            TableRow.WITHHELD_ENFORCEMENT,
            TableRow.WITHHELD_QUERY,
        ],
    ),
    (
        "（四）无法提供",
        [TableRow.UNAVAILABLE_NOT_HELD, TableRow.UNAVAILABLE_NEEDS_MAKING, TableRow.UNAVAILABLE_UNCLEAR],
    ),
    (
        "（五）不予处理",
        [
            TableRow.NOT_PROCESSED_PETITION,
            TableRow.NOT_PROCESSED_REPEAT,
            TableRow.NOT_PROCESSED_PUBLICATION,
            TableRow.NOT_PROCESSED_UNREASONABLE,
            TableRow.NOT_PROCESSED_CONFIRMATION,
        ],
    ),
    ("（六）其他处理", [TableRow.OTHER_ABANDONED, TableRow.OTHER_FEE_UNPAID, TableRow.OTHER]),
]


@dataclass
class Row:
    label: str
    group: str
    key: str
    cells: list  # one per column, then the total

    @property
    def total(self):
        return self.cells[-1]


def _counts(queryset):
    """{applicant type: count} in one query."""
    counts = dict(queryset.values_list("applicant_type").annotate(n=Count("pk")).order_by())
    values = [counts.get(column, 0) for column, _label in COLUMNS]
    return [*values, sum(values)]


def _sub_label(row):
    return row.label.split(" ", 1)[1] if " " in row.label else row.label


def table_three(year):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    received = Application.objects.filter(received_on__isnull=False)
    new = received.filter(received_on__range=(start, end))
    carried_in = received.filter(received_on__lt=start).filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    )
    concluded = received.filter(concluded_on__range=(start, end), received_on__lte=end)
    carried_out = received.filter(received_on__lte=end).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))
    by_row = {}
    for applicant_type, row, n in (
        concluded.values_list("applicant_type", "table_row").annotate(n=Count("pk")).order_by()
    ):
        by_row.setdefault(row, {})[applicant_type] = n

    def cells(row):
        values = [by_row.get(row, {}).get(column, 0) for column, _label in COLUMNS]
        return [*values, sum(values)]

    rows = [
        Row("一、本年新收政府信息公开申请数量", "", "new", _counts(new)),
        Row("二、上年结转政府信息公开申请数量", "", "carried_in", _counts(carried_in)),
        Row("（一）予以公开", "三、本年度办理结果", TableRow.DISCLOSED, cells(TableRow.DISCLOSED)),
        Row(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "三、本年度办理结果",
            TableRow.PARTLY,
            cells(TableRow.PARTLY),
        ),
    ]
    for group, members in GROUPS:
        for member in members:
            rows.append(Row(_sub_label(member), group, member, cells(member)))
    total = [sum(by_row.get(row, {}).get(column, 0) for row in by_row) for column, _label in COLUMNS]
    rows.append(Row("（七）总计", "三、本年度办理结果", "total", [*total, sum(total)]))
    rows.append(Row("四、结转下年度继续办理", "", "carried_out", _counts(carried_out)))
    table = {row.key: row for row in rows}
    check = [
        table["new"].cells[i] + table["carried_in"].cells[i] == table["total"].cells[i] + table["carried_out"].cells[i]
        for i in range(len(COLUMNS) + 1)
    ]
    return {
        "year": year,
        "columns": [label for _key, label in COLUMNS],
        "rows": rows,
        "by_key": table,
        "adds_up": all(check),
        "check": check,
    }


def table_csv(table):
    """The table as CSV (UTF-8 with BOM, for spreadsheet programs), the layout of the format."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["申请人情况", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    writer.writerow(["", "", "", *table["columns"][1:], ""])
    for row in table["rows"]:
        writer.writerow([row.group or row.label, row.label if row.group else "", *row.cells])
    writer.writerow(
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "相符" if table["adds_up"] else "不相符",
        ]
    )
    return out.getvalue()
