"""The finder, its JSON, the zone list and the CSV cost a fixed number of
SQL queries, however many zones, rules and matches there are."""

import pytest

from catchment.importer import apply_plan, plan_rows
from catchment.spreadsheet import FIELDS, Row
from core.publication import trusted_publication
from disclosure.tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def add_zones(count, year=2018, street="金果路"):
    """count more zones of the year, each with a boundary on `street` and ten more rules."""
    rows, line = [], 2
    for n in range(count):
        school = f"新增第{n}小学"
        cells = [[str(year), "小学", school, "描述", "范围", f"{school}的范围"]]
        cells.append([str(year), "小学", school, "边界", "边界", street])
        cells += [
            [str(year), "小学", school, "包含", "门牌", f"新增{n}路", str(k), str(k + 1)] for k in range(1, 21, 2)
        ]
        for values in cells:
            rows.append(Row(line, dict(zip(FIELDS, values + [""] * (len(FIELDS) - len(values)), strict=False))))
            line += 1
    plan = plan_rows(rows)
    assert plan.ok, plan.messages()
    with trusted_publication("test fixture"):  # as the operator's import does
        apply_plan(plan)


@pytest.mark.parametrize(
    "url",
    [
        "/catchment/?address=%E9%87%91%E6%9E%9C%E8%B7%AF8%E5%8F%B7&year=2018",  # 金果路8号: candidates
        "/catchment/?address=%E9%9B%81%E5%9F%8E%E8%B7%AF12%E5%8F%B7&year=2018",  # 雁城路12号: exact
        "/catchment/?address=%E4%B8%8D%E5%AD%98%E5%9C%A8%E8%B7%AF&year=2018",  # no match
        "/catchment/",
        "/en/catchment/?address=%E9%87%91%E6%9E%9C%E8%B7%AF8%E5%8F%B7&year=2018",
        "/api/catchment/?address=%E9%87%91%E6%9E%9C%E8%B7%AF8%E5%8F%B7&year=2018",
        "/catchment/zones/?year=2018",
        "/catchment/zones/2018.csv",
    ],
    ids=["candidates", "exact", "no-match", "empty", "english", "api", "zone-list", "csv"],
)
def test_queries_do_not_grow_with_zones_or_matches(url, item):
    before = queries_for(url)
    add_zones(6)  # six more schools, each a candidate for 金果路
    after = queries_for(url)
    assert after == before, url
    assert before <= 8, f"{url}: {before} queries"
