"""Address understanding for the catchment finder: what a parent types,
made comparable with the zone rules. Pure functions, no database.

    parse_address("四川省遂宁市船山区铁货街十二号3栋")
    → Address(prefixes=("四川省", "遂宁市", "船山区"), street="铁货街", number=12,
              compound="", remainder="3栋", normalised="铁货街12号3栋")

- Full-width characters become half-width (NFKC), spaces and markup go.
- Province, city and district/county prefixes are dropped, with or without
  their suffix, as the official list of divisions names them
  (catchment/divisions.py: 四川遂宁 = 四川省遂宁市), and street-office/town
  prefixes by their suffix (街道/镇/乡) — but never a part of a street or
  place name: 新盐市街, 四川北路, 南园市场, 阳光小区 and 警备区 stay whole.
- Chinese numerals before a unit become digits: 二十五号 → 25号, 三栋 → 3栋.
- The street is the text up to the first street suffix (路, 街, 巷, 道, 大道,
  大街, 胡同); a lane numbered after it (金果路一巷) belongs to the street.
- The house number is the number right after the street; 号, 弄, 栋, 单元
  and whatever follows it are the remainder and never block a match.
- The compound (小区, 社区, 村 …) is the leading text without digits after
  the street and number, or of the whole address when there is no street.
"""

import re
import unicodedata
from dataclasses import dataclass

from .divisions import COUNTY, divisions

MAX_LENGTH = 200

CJK = "\u4e00-\u9fff"
_TAGS = re.compile(r"<[^>]*>")
_SPACE_AND_CONTROL = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2028-\u202f\ufeff]+")
_EDGE_PUNCTUATION = " ,.;:!?，。；：、！？\"'“”‘’`"

# ---- Chinese numerals ---------------------------------------------------------

_NUMERAL_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_CHARS = "".join(_NUMERAL_DIGITS) + "".join(_NUMERAL_UNITS)
# Units after a house or building number: a numeral before them is a number.
NUMBER_UNITS = ("号", "弄", "栋", "幢", "单元", "室", "楼", "层")
_NUMERAL_BEFORE_UNIT = re.compile(rf"[{_NUMERAL_CHARS}]+(?=(?:{'|'.join(NUMBER_UNITS)}))")


def chinese_number(text):
    """一 → 1, 十二 → 12, 二十五 → 25, 一百零八 → 108, 一二三 → 123; None if not a numeral."""
    if not text or any(char not in _NUMERAL_DIGITS and char not in _NUMERAL_UNITS for char in text):
        return None
    if not any(char in _NUMERAL_UNITS for char in text):
        return int("".join(str(_NUMERAL_DIGITS[char]) for char in text))
    total, current = 0, None
    for char in text:
        if char in _NUMERAL_DIGITS:
            current = _NUMERAL_DIGITS[char]
        else:
            total += (1 if current is None else current) * _NUMERAL_UNITS[char]
            current = None
    return total + (current or 0)


def _numerals_to_digits(text):
    def replace(match):
        value = chinese_number(match[0])
        return str(value) if value is not None else match[0]

    return _NUMERAL_BEFORE_UNIT.sub(replace, text)


# ---- administrative prefixes ------------------------------------------------------

STREET_SUFFIXES = ("大道", "大街", "胡同", "路", "街", "巷", "道")
_STREET_CHARS = "路街巷道"
_COUNTRY = re.compile(r"^(?:中华人民共和国|中国)")
# Names the division list does not hold (development zones, new districts, and
# divisions renamed since the list was made) are still read by their suffix.
_CITY = re.compile(rf"^[{CJK}]{{2,4}}?(?:自治州|地区|市|盟)")
_DISTRICT = re.compile(rf"^[{CJK}]{{1,10}}?(?:区|县|旗)")
_OFFICE = re.compile(rf"^[{CJK}]{{2,8}}?(?:街道办事处|街道办|街道|镇|乡)")
# A 区 that ends a place name, not a district.
_NOT_DISTRICTS = (
    "小区",
    "社区",
    "园区",
    "校区",
    "景区",
    "营区",
    "厂区",
    "矿区",
    "街区",
    "住宅区",
    "居住区",
    "生活区",
    "宿舍区",
    "警备区",
    "军区",
    "片区",
    "商业区",
    "办公区",
    "家属区",
)


# A prefix is never followed by these: the "prefix" was part of a place name.
_PLACE_CONTINUATIONS = "村屯社组厂场"
# After a name written without its suffix (遂宁, 船山), these show that it
# was part of a street or place name: 遂宁路, 四川北路, 和平小区, 中山公园.
_NAME_CONTINUATION = re.compile(
    r"^(?:[东西南北中]?(?:大道|大街|胡同|[路街巷道])|小区|社区|花园|家园|公园|广场|市场|新村|学校|小学|中学|大厦|"
    r"[省市区县旗盟州村屯社组厂场苑])"
)


def _followed_by_street_suffix(rest):
    return rest[:1] in tuple(_STREET_CHARS) or rest[:2] in ("大道", "大街")


def _division_prefix(text, context):
    """(name, rest, divisions) for a division named at the start of text, or None.

    A full name (遂宁市, 船山区) is a prefix unless a street or place name
    goes on after it (新盐市街 is no 盐市). A name without its suffix is a
    prefix for provinces and prefecture-level cities (四川遂宁铁货街) and, for
    counties, after the province or city that holds them (遂宁船山铁货街) or
    when no other division has that name (船山铁货街) — unless a street or
    place name goes on after it (四川北路, 和平小区)."""

    table = divisions()
    for name, is_full, candidates in table.starting(text):
        rest = text[len(name) :]
        if not rest or _followed_by_street_suffix(rest) or rest[:1] in _PLACE_CONTINUATIONS:
            continue
        if is_full:
            if name in _NOT_DISTRICTS:
                continue
            return name, rest, candidates
        if _NAME_CONTINUATION.match(rest) or 0 < len(split_street(rest)[0]) <= 2:
            continue  # 四川北路, 和平小区, 镇江寺街: the name goes on
        inside = [division for division in candidates if table.within(division, context)]
        if inside:
            return name, rest, inside
        higher = [division for division in candidates if division.level != COUNTY]
        if higher:
            return name, rest, higher
        if len(candidates) == 1:  # a county name no other division shares: 船山
            return name, rest, candidates
    return None


def _suffix_prefix(text):
    """(prefix, rest) for a city, district or street-office prefix read by its suffix, or (None, text)."""
    for pattern, kind in ((_CITY, "city"), (_DISTRICT, "district"), (_OFFICE, "office")):
        match = pattern.match(text)
        if not match:
            continue
        token, rest = match[0], text[match.end() :]
        if not rest or _followed_by_street_suffix(rest) or rest[:1] in _PLACE_CONTINUATIONS:
            continue  # 新盐市街, 江西路, 南园市场, 红旗村: part of a name
        if kind in ("city", "district") and any(char in token for char in _STREET_CHARS):
            continue  # 凯旋中路东区: a street, then a part of it
        if kind == "city" and token.endswith("超市"):
            continue
        if kind == "district" and (token.endswith(_NOT_DISTRICTS) or (token.endswith("旗") and len(token) < 3)):
            continue
        return token, rest
    return None, text


def strip_prefixes(text):
    """(prefixes, rest): the country, province, city, district and street-office
    prefixes, in order, and what follows. Division names are those of the
    official list (catchment/divisions.py), with or without their suffix."""
    prefixes = []
    context = []  # the divisions read so far
    country = _COUNTRY.match(text)
    if country and text[country.end() :]:
        prefixes.append(country[0])
        text = text[country.end() :]
    while len(prefixes) < 6:
        found = _division_prefix(text, context)
        if found is not None:
            token, text, divisions_found = found
            context = divisions_found
            prefixes.append(token)
            continue
        token, text = _suffix_prefix(text)
        if token is None:
            break
        prefixes.append(token)
    return tuple(prefixes), text


# ---- street, number, compound --------------------------------------------------------

_STREET = re.compile(rf"^(?P<street>[^\d\-#(]{{1,24}}?(?:{'|'.join(STREET_SUFFIXES)}))")
_LANE = re.compile(rf"^(?:[{_NUMERAL_CHARS}]{{1,3}}|\d{{1,3}})巷(?=\d|$)")
_NUMBER = re.compile(r"^(?:第)?(\d{1,6})(?!\d)")
_COMPOUND = re.compile(r"^[^\d\-#(]+")
_LEADING_PLACE = re.compile(r"^[^\d\-#(]{2,12}?(?:社区|小区|居委会|村委会)")
_SIDE_WORDS = re.compile(r"^(?:[东西南北两]侧|[东西南北]面|两边|附近|对面|旁边?)")
_COMPOUND_TAIL = re.compile(rf"(?:第|[{_NUMERAL_CHARS}]+)?(?:{'|'.join(NUMBER_UNITS)}|号楼|号院)$")


def clean(raw):
    """The text as typed, comparable: half-width, no spaces, no markup, numerals as digits."""
    text = unicodedata.normalize("NFKC", str(raw or ""))[: MAX_LENGTH * 5]
    text = _TAGS.sub("", text)
    text = _SPACE_AND_CONTROL.sub("", text)
    text = text.strip(_EDGE_PUNCTUATION)[:MAX_LENGTH]
    return _numerals_to_digits(text)


def leading_number(text):
    """(house number, what follows) when text starts with one: "12号3栋" → (12, "3栋")."""
    match = _NUMBER.match(text)
    if not match:
        return None, text
    rest = text[match.end() :]
    if rest.startswith("号"):
        rest = rest[1:]
    return int(match[1]), rest


def leading_compound(text):
    """The place name at the start of text, without building and unit words: "阳光花园3栋" → "阳光花园"."""
    match = _COMPOUND.match(text)
    if not match:
        return ""
    name = match[0]
    if _SIDE_WORDS.match(name):
        return ""
    while True:
        shorter = _COMPOUND_TAIL.sub("", name)
        if shorter == name:
            break
        name = shorter
    return name.strip(_EDGE_PUNCTUATION) if len(name) >= 2 else ""


def split_street(text):
    """(street, rest) if text starts with a street name, else ("", text)."""
    match = _STREET.match(text)
    if not match:
        return "", text
    street, rest = match["street"], text[match.end() :]
    if street in STREET_SUFFIXES or street.endswith("街道"):
        return "", text
    lane = _LANE.match(rest)
    if lane:
        street, rest = street + lane[0], rest[lane.end() :]
    return street, rest


@dataclass(frozen=True)
class Address:
    text: str  # cleaned, with its prefixes
    prefixes: tuple
    normalised: str  # cleaned, without its prefixes
    street: str
    number: int | None
    compound: str
    remainder: str

    @property
    def is_empty(self):
        return not self.normalised


def parse_address(raw):
    text = clean(raw)
    prefixes, rest = strip_prefixes(text)
    leading_place, after_place = "", rest
    place = _LEADING_PLACE.match(rest)
    if place and split_street(rest[place.end() :])[0]:
        leading_place, after_place = place[0], rest[place.end() :]  # 犀牛社区铁货街12号
    street, after = split_street(after_place)
    number = None
    if street:
        number, after = leading_number(after)
    compound = leading_place or leading_compound(after)
    remainder = after[len(compound) :] if compound and after.startswith(compound) else after
    return Address(
        text=text,
        prefixes=prefixes,
        normalised=rest,
        street=street,
        number=number,
        compound=compound,
        remainder=remainder,
    )
