"""Matching without a database: inclusions, exclusions, parity, boundaries,
segments, sides, compounds with and without suffixes, aliases, ranking."""

import pytest

from catchment.address import parse_address
from catchment.matching import CANDIDATE, EXACT, Matcher, Zone, place_core, place_form
from disclosure.models import ZoneRule

A = Zone(id=1, stage="primary", school="甲小学")
B = Zone(id=2, stage="primary", school="乙小学")
C = Zone(id=3, stage="primary", school="丙小学")
J = Zone(id=4, stage="junior", school="丁中学")


def r(zone, rule="include", kind="street", name="解放路", **values):
    return zone.id, ZoneRule(rule=rule, kind=kind, name=name, **values)


def find(rules, address, zones=(A, B, C, J)):
    """{school: (confidence, [why…])} for the address."""
    matches = Matcher(zones, rules).match(parse_address(address))
    return {m.zone.school: (m.confidence, [reason.why for reason in m.reasons]) for m in matches}


def test_a_whole_street_matches_exactly_with_or_without_number():
    rules = [r(A, name="铁货街")]
    assert find(rules, "铁货街12号") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "铁货街") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "遂宁市船山区铁货街12号3栋2单元") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "新铁货街12号") == {}  # another street
    assert find(rules, "铁货") == {}


@pytest.mark.parametrize(
    "parity, numbers",
    [("all", {1, 2, 69, 70}), ("odd", {1, 3, 69}), ("even", {2, 4, 70})],
)
def test_house_numbers_honour_the_range_and_parity(parity, numbers):
    rules = [r(A, kind="house_numbers", name="雁城路", start="1", end="70", parity=parity)]
    for number in range(0, 73):
        found = find(rules, f"雁城路{number}号")
        if (
            number in numbers
            or (parity == "all" and 1 <= number <= 70)
            or (parity == "odd" and 1 <= number <= 70 and number % 2)
            or (parity == "even" and 1 <= number <= 70 and not number % 2)
        ):
            assert found == {"甲小学": (EXACT, ["house_numbers"])}, number
        else:
            assert found == {}, number


def test_house_numbers_without_a_number_are_a_candidate():
    rules = [r(A, kind="house_numbers", name="雁城路", start="1", end="70")]
    assert find(rules, "雁城路") == {"甲小学": (CANDIDATE, ["number_missing"])}
    assert find(rules, "雁城路二十五号") == {"甲小学": (EXACT, ["house_numbers"])}


def test_exclusions_override_inclusions():
    rules = [
        r(A, name="人民路"),
        r(A, rule="exclude", kind="house_numbers", name="人民路", start="2", end="40", parity="even"),
    ]
    assert find(rules, "人民路12号") == {}
    assert find(rules, "人民路13号") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "人民路42号") == {"甲小学": (EXACT, ["street"])}
    # Without a number the exclusion may apply: needs confirming.
    assert find(rules, "人民路") == {"甲小学": (CANDIDATE, ["street", "maybe_excluded"])}


def test_an_exclusion_of_a_segment_may_apply_and_needs_confirming():
    rules = [
        r(A, name="和平路"),
        r(A, rule="exclude", kind="segment", name="和平路", start="卫星桥", end="渠河路口"),
    ]
    assert find(rules, "和平路5号") == {"甲小学": (CANDIDATE, ["street", "maybe_excluded"])}


def test_a_boundary_street_lists_every_neighbour_as_a_candidate():
    rules = [
        r(A, rule="boundary", name="金果路"),
        r(B, rule="boundary", name="金果路"),
        r(C, name="湘江南路"),
    ]
    assert find(rules, "金果路8号") == {"甲小学": (CANDIDATE, ["boundary"]), "乙小学": (CANDIDATE, ["boundary"])}


def test_an_exact_match_wins_over_the_boundaries_of_its_stage():
    """雁城路1–70号 belong to 中南路小学; 雁城小学 excludes them; 广场小学 has 雁城路 as a boundary."""
    rules = [
        r(A, kind="house_numbers", name="雁城路", start="1", end="70"),
        r(B, rule="boundary", name="雁城路"),
        r(B, rule="exclude", kind="house_numbers", name="雁城路", start="1", end="70"),
        r(C, rule="boundary", name="雁城路"),
        r(J, rule="boundary", name="雁城路"),
    ]
    assert find(rules, "雁城路12号") == {"甲小学": (EXACT, ["house_numbers"]), "丁中学": (CANDIDATE, ["boundary"])}
    assert find(rules, "雁城路80号") == {
        "乙小学": (CANDIDATE, ["boundary"]),
        "丙小学": (CANDIDATE, ["boundary"]),
        "丁中学": (CANDIDATE, ["boundary"]),
    }


def test_segments_and_sides_are_candidates():
    rules = [
        r(A, kind="segment", name="凯旋中路", start="德胜路口", end="公园路口", side="east"),
        r(B, name="油房街", side="north"),
        r(C, name="天马山路", side="both"),
    ]
    assert find(rules, "凯旋中路12号") == {"甲小学": (CANDIDATE, ["segment"])}
    assert find(rules, "凯旋中路") == {"甲小学": (CANDIDATE, ["segment"])}
    assert find(rules, "油房街3号") == {"乙小学": (CANDIDATE, ["side"])}
    assert find(rules, "天马山路3号") == {"丙小学": (EXACT, ["street"])}


def test_an_inclusion_with_an_exception_in_words_needs_confirming():
    rules = [r(A, name="和平路", side="both", note="不含卫星桥农贸市场以西一段")]
    assert find(rules, "和平路5号") == {"甲小学": (CANDIDATE, ["exception"])}


@pytest.mark.parametrize(
    "typed",
    [
        "阳光花园小区3栋",
        "阳光花园3栋2单元",
        "阳光3栋",
        "阳光花园一期5栋",
        "阳光小区",
        "铁货街12号阳光花园",
        "船山区阳光花园",
    ],
)
def test_compounds_match_with_or_without_suffixes_and_by_alias(typed):
    rules = [r(A, kind="compound", name="阳光花园小区", aliases="阳光小区、阳光花园一期")]
    assert find(rules, typed) == {"甲小学": (EXACT, ["place"])}


@pytest.mark.parametrize("typed", ["阳光家园3栋", "阳光苑", "新阳光花园", "阳3栋"])
def test_compounds_are_not_over_stripped(typed):
    rules = [r(A, kind="compound", name="阳光花园小区")]
    assert find(rules, typed) == {}


def test_a_name_without_its_suffix_shared_by_two_compounds_is_a_candidate():
    rules = [r(A, kind="compound", name="阳光花园"), r(B, kind="compound", name="阳光家园")]
    assert find(rules, "阳光3栋") == {
        "甲小学": (CANDIDATE, ["place_ambiguous"]),
        "乙小学": (CANDIDATE, ["place_ambiguous"]),
    }
    assert find(rules, "阳光家园3栋") == {"乙小学": (EXACT, ["place"])}


def test_communities_villages_and_areas():
    rules = [
        r(A, kind="community", name="犀牛社区"),
        r(B, kind="village", name="红旗村"),
        r(C, kind="area", name="76110部队"),
        r(C, rule="boundary", kind="area", name="特变厂"),
        r(A, rule="boundary", kind="compound", name="江州花园小区"),
    ]
    assert find(rules, "犀牛社区居委会") == {"甲小学": (EXACT, ["place"])}
    assert find(rules, "遂宁市犀牛社区5组") == {"甲小学": (EXACT, ["place"])}
    assert find(rules, "红旗村3组") == {"乙小学": (EXACT, ["place"])}
    assert find(rules, "76110部队家属院") == {"丙小学": (CANDIDATE, ["area"])}
    assert find(rules, "特变厂宿舍") == {"丙小学": (CANDIDATE, ["boundary"])}
    assert find(rules, "江州花园3栋") == {"甲小学": (CANDIDATE, ["boundary"])}


def test_an_area_along_a_street_is_about_that_street():
    rules = [r(A, kind="area", name="和平西路南侧从双发广场北门以西(不含)")]
    assert find(rules, "和平西路5号") == {"甲小学": (CANDIDATE, ["area"])}


def test_known_streets_are_found_after_unknown_prefixes():
    rules = [r(A, name="铁货街"), r(B, name="凯旋中路"), r(B, name="德胜路")]
    assert find(rules, "中国四川省遂宁市船山区铁货街12号") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "船山区长乐街道犀牛社区5组铁货街12号") == {"甲小学": (EXACT, ["street"])}
    assert find(rules, "犀牛社区铁货街12号") == {"甲小学": (EXACT, ["street"])}
    # Two streets named: both are considered.
    assert find(rules, "凯旋中路与德胜路交叉口") == {"乙小学": (EXACT, ["street"])}


def test_descriptions_and_unknown_zones_never_match():
    rules = [
        r(A, rule="description", kind="area", name="铁货街"),
        (99, ZoneRule(rule="include", kind="street", name="铁货街")),
    ]
    assert find(rules, "铁货街") == {}


def test_results_are_ranked_primary_first_exact_first():
    rules = [r(J, name="铁货街"), r(B, rule="boundary", name="铁货街"), r(A, name="铁货街")]
    matches = Matcher([A, B, C, J], rules).match(parse_address("铁货街1号"))
    assert [(m.zone.school, m.confidence) for m in matches] == [("甲小学", EXACT), ("丁中学", EXACT)]
    assert matches[0].rule.label == "铁货街"


def test_place_forms():
    assert place_form("阳光花园小区") == "阳光花园"
    assert place_form("犀牛社区居委会") == "犀牛社区"
    assert place_form("小区") == "小区"
    assert place_core("阳光花园") == "阳光"
    assert place_core("阳光") is None
    assert place_core("花园") is None
