"""Address understanding: a table of what parents type and what the finder reads."""

import pytest

from catchment.address import chinese_number, clean, parse_address, strip_prefixes

# typed → (prefixes dropped, street, house number, compound, remainder)
CASES = [
    # The done-when address: city and district dropped.
    ("遂宁市船山区铁货街12号", ("遂宁市", "船山区"), "铁货街", 12, "", ""),
    # Province, city, district; full-width digits.
    ("湖南省衡阳市雁峰区金果路８号", ("湖南省", "衡阳市", "雁峰区"), "金果路", 8, "", ""),
    ("四川遂宁市船山区铁货街12号", ("四川", "遂宁市", "船山区"), "铁货街", 12, "", ""),
    # Division names with or without their suffix, from the official list.
    ("遂宁船山区凯旋中路", ("遂宁", "船山区"), "凯旋中路", None, "", ""),
    ("遂宁铁货街12号", ("遂宁",), "铁货街", 12, "", ""),
    ("四川遂宁铁货街12号", ("四川", "遂宁"), "铁货街", 12, "", ""),
    ("船山区铁货街十二号", ("船山区",), "铁货街", 12, "", ""),
    ("遂宁船山铁货街12号", ("遂宁", "船山"), "铁货街", 12, "", ""),
    ("船山铁货街12号", ("船山",), "铁货街", 12, "", ""),
    ("湖南衡阳雁峰区金果路8号", ("湖南", "衡阳", "雁峰区"), "金果路", 8, "", ""),
    ("中国四川省遂宁市船山区铁货街12号", ("中国", "四川省", "遂宁市", "船山区"), "铁货街", 12, "", ""),
    ("广西南宁青秀区民族大道1号", ("广西", "南宁", "青秀区"), "民族大道", 1, "", ""),
    ("凉山西昌市胜利路1号", ("凉山", "西昌市"), "胜利路", 1, "", ""),
    ("遂宁阳光花园3栋", ("遂宁",), "", None, "阳光花园", "3栋"),
    # ... but never a part of a street or place name.
    ("四川北路12号", (), "四川北路", 12, "", ""),
    ("和平东路5号", (), "和平东路", 5, "", ""),
    ("遂宁路5号", (), "遂宁路", 5, "", ""),
    ("和平小区3栋", (), "", None, "和平小区", "3栋"),
    ("中山公园3栋", (), "", None, "中山公园", "3栋"),
    ("衡阳市场3号", (), "", None, "衡阳市场", "3号"),
    # Street offices, towns and new districts.
    ("遂宁市船山区南津路街道铁货街12号", ("遂宁市", "船山区", "南津路街道"), "铁货街", 12, "", ""),
    ("上海市浦东新区张江镇科苑路88弄3号", ("上海市", "浦东新区", "张江镇"), "科苑路", 88, "", "弄3号"),
    # Chinese numerals before a unit become numbers.
    ("雁城路二十五号", (), "雁城路", 25, "", ""),
    ("铁货街十二号", (), "铁货街", 12, "", ""),
    ("铁货街一百零八号", (), "铁货街", 108, "", ""),
    ("铁货街一二三号", (), "铁货街", 123, "", ""),
    ("四川省遂宁市船山区铁货街十二号三栋", ("四川省", "遂宁市", "船山区"), "铁货街", 12, "", "3栋"),
    # What follows the house number does not block: 号, 弄, 栋, 单元, 室, 楼.
    ("铁货街12号3栋2单元501室", (), "铁货街", 12, "", "3栋2单元501室"),
    ("铁货街12-3号", (), "铁货街", 12, "", "-3号"),
    ("铁货街第12号", (), "铁货街", 12, "", ""),
    ("铁货街12号阳光花园3栋", (), "铁货街", 12, "阳光花园", "3栋"),
    # Spaces, full-width spaces and markup go.
    ("  铁货街　12 号 ", (), "铁货街", 12, "", ""),
    ("<b>铁货街</b>12号", (), "铁货街", 12, "", ""),
    # Street names that look like prefixes stay whole.
    ("新盐市街5号", (), "新盐市街", 5, "", ""),
    ("江西路12号", (), "江西路", 12, "", ""),
    ("镇江寺街3号", (), "镇江寺街", 3, "", ""),
    ("衡州大道100号", (), "衡州大道", 100, "", ""),
    ("金玉横街7号", (), "金玉横街", 7, "", ""),
    ("袁家村巷2号", (), "袁家村巷", 2, "", ""),
    # A numbered lane belongs to its street.
    ("金果路一巷5号", (), "金果路一巷", 5, "", ""),
    # Places that look like districts or cities stay whole.
    ("南园市场3栋", (), "", None, "南园市场", "3栋"),
    ("阳光花园小区3栋2单元", (), "", None, "阳光花园小区", "3栋2单元"),
    ("警备区3栋", (), "", None, "警备区", "3栋"),
    ("红旗村3组", (), "", None, "红旗村", "3组"),
    ("犀牛社区", (), "", None, "犀牛社区", ""),
    ("阳光花园一期3栋", (), "", None, "阳光花园一期", "3栋"),
    # A community before the street.
    ("长乐街道犀牛社区铁货街12号", ("长乐街道",), "铁货街", 12, "犀牛社区", ""),
    # A side after the street is no compound.
    ("和平路南侧", (), "和平路", None, "", "南侧"),
    # No number after the street.
    ("正兴南街", (), "正兴南街", None, "", ""),
    # A name starting with digits is no compound (the matcher finds it in the text).
    ("76110部队家属院", (), "", None, "", "76110部队家属院"),
]


@pytest.mark.parametrize("typed, prefixes, street, number, compound, remainder", CASES, ids=[c[0] for c in CASES])
def test_normalise(typed, prefixes, street, number, compound, remainder):
    address = parse_address(typed)
    assert (address.prefixes, address.street, address.number, address.compound, address.remainder) == (
        prefixes,
        street,
        number,
        compound,
        remainder,
    )
    # What is shown as "read as": the address without its prefixes.
    assert address.normalised == address.text[len("".join(prefixes)) :]


def test_normalized_text_is_half_width_without_prefixes():
    assert parse_address("湖南省衡阳市雁峰区雁城路二十五号").normalised == "雁城路25号"
    assert parse_address("遂宁市船山区铁货街１２号").normalised == "铁货街12号"


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十五", 25),
        ("一百零八", 108),
        ("两百", 200),
        ("一千零五", 1005),
        ("一二三", 123),
        ("〇七", 7),
        ("", None),
        ("十a", None),
        ("号", None),
    ],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "<script></script>", "\x00\x01", "，。；"],
)
def test_nothing_readable(typed):
    assert parse_address(typed).is_empty


def test_bad_input_is_harmless_and_bounded():
    long = "铁货街" * 5000
    address = parse_address(long)
    assert len(address.text) <= 200
    sql = parse_address("铁货街12号'; DROP TABLE wagtailcore_page; --")
    assert (sql.street, sql.number) == ("铁货街", 12)
    assert clean("<img src=x onerror=alert(1)>铁货街") == "铁货街"


def test_prefixes_are_only_stripped_at_the_start():
    assert strip_prefixes("铁货街12号船山区") == ((), "铁货街12号船山区")
    assert strip_prefixes("船山区") == ((), "船山区")  # nothing would be left
