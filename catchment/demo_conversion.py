"""The two real catchment announcements of `catchment/data/catchments-dev.json`
(2018 衡阳市雁峰区, 2017 遂宁市船山区) converted into the zone spreadsheet
(`manage.py convert_demo_zones` writes `catchment/data/demo-zones.csv`,
which `make run` imports).

Per school the file holds the zone as published and the streets and places
extracted from it by hand; each becomes one row: role boundary → 边界,
included → 包含, excluded → 排除; a street with house numbers → 门牌, with two
cross streets → 路段, with one end only → 范围 in the announcement's words.
The annotator's English asides never reach the public. The whole file is
checked before anything is written."""

import re
from pathlib import Path

from disclosure.datafiles import DataFileError, read_json
from disclosure.models import ZoneRule
from disclosure.models.enrolment import SIDE_TERMS, EnrolmentStage, RuleKind, RuleType

from .spreadsheet import SIDE_BY_TERM, description_row, rule_row, validate_rule

DATA_FILE = Path(__file__).resolve().parent / "data" / "catchments-dev.json"

ROLES = {"boundary": RuleType.BOUNDARY, "included": RuleType.INCLUDE, "excluded": RuleType.EXCLUDE}
STAGES = {"primary": EnrolmentStage.PRIMARY, "junior": EnrolmentStage.JUNIOR}
# The sides a street's zone takes, as the announcements write them.
SIDES = {**SIDE_BY_TERM, "一侧": ""}  # one side, not named: the row's wording says which

# The places ("communities") of the file by their extracted kind:
# (rule, kind, note) or None for rows that are no rule of their own.
PLACE_KINDS = {
    "landmark (included)": (RuleType.INCLUDE, RuleKind.AREA, ""),
    "unit (included)": (RuleType.INCLUDE, RuleKind.AREA, ""),
    "factory (included)": (RuleType.INCLUDE, RuleKind.AREA, ""),
    "factory/unit (included)": (RuleType.INCLUDE, RuleKind.AREA, ""),
    "lane (included)": (RuleType.INCLUDE, RuleKind.STREET, ""),
    "village group (included)": (RuleType.INCLUDE, RuleKind.VILLAGE, ""),
    "factory (boundary)": (RuleType.BOUNDARY, RuleKind.AREA, ""),
    "factory (围墙 boundary)": (RuleType.BOUNDARY, RuleKind.AREA, "围墙为界"),
    "compound (南围墙 is a boundary)": (RuleType.BOUNDARY, RuleKind.COMPOUND, "南围墙为界"),
    # Part of a community: the segments that name it (犀牛社区所辖…) are the rules.
    "community (part)": None,
}

# Rows whose extracted form is a placeholder: the rule in the announcement's words.
ROW_OVERRIDES = {
    ("城北小学", "(unnamed, from 北河街东端路口 south)"): {
        "kind": RuleKind.AREA,
        "name": "北河街东端路口向南至和平东路东端路口一侧",
        "start": "",
        "end": "",
        "side": "",
    },
}

KNOWN_DISTRICTS = ("湖南省衡阳市雁峰区", "四川省遂宁市船山区")
TRUNCATED_MARK = "[truncated]"
_ENGLISH = re.compile(r"[A-Za-z]")
_ENGLISH_ASIDE = re.compile(r"\s*\([^)]*[A-Za-z][^)]*\)")
_SHARED_ZONE = re.compile(r"^共同学区 with (.+)$")
_INCLUSION_PREFIX = re.compile(r"^(?:不含|包含|含)")


def public_note(note, street=""):
    """The extraction note as the public may read it: the annotator's
    English asides dropped, notes that only repeat the row dropped."""
    note = (note or "").strip()
    if match := _SHARED_ZONE.match(note):
        return f"与{match[1].strip()}的共同学区"
    note = _ENGLISH_ASIDE.sub("", note)
    parts = [part.strip() for part in re.split(r"[,，]", note)]
    note = "，".join(part for part in parts if part and not _ENGLISH.search(part))
    if street and _INCLUSION_PREFIX.sub("", note).startswith(street):
        return ""
    return note


def published_text(school):
    """The zone as published; a transcription that stops short ends in ……"""
    text = school["zone_text"].strip()
    if school.get("truncated") or TRUNCATED_MARK in text:
        text = text.replace(TRUNCATED_MARK, "").rstrip() + "……"
    return text


def street_rule(school_name, row, where, problems):
    rule = ROLES.get(row.get("role"))
    if rule is None:
        problems.append(f"{where}: unknown role “{row.get('role')}”.")
        return None
    street = (row.get("street") or "").strip()
    start, end = (row.get("from") or "").strip(), (row.get("to") or "").strip()
    side = ""
    parity = (row.get("parity") or "").strip()
    if parity.startswith("side:"):
        term = parity[len("side:") :]
        if term not in SIDES:
            problems.append(f"{where}: unknown side “{term}”.")
            return None
        side = SIDES[term]
    elif parity:
        problems.append(f"{where}: unknown parity “{parity}”.")
        return None
    if rule == RuleType.BOUNDARY:
        side = ""  # a boundary's side is told by its note (含/不含南侧临街面)
    values = {
        "rule": rule,
        "name": street,
        "start": "",
        "end": "",
        "side": side,
        "note": public_note(row.get("note"), street),
    }
    if start and end:
        numeric = start.isdigit() and end.isdigit()
        values.update(kind=RuleKind.HOUSE_NUMBERS if numeric else RuleKind.SEGMENT, start=start, end=end)
        if numeric:
            values["side"] = ""
    elif start or end:
        # Only one end named: the rule is the announcement's wording.
        side_term = SIDE_TERMS.get(side, "")
        values.update(kind=RuleKind.AREA, name=f"{street}{side_term}{'从' + start if start else '至' + end}", side="")
    else:
        values["kind"] = RuleKind.STREET
    override = ROW_OVERRIDES.get((school_name, street))
    if override:
        values.update(override)
    elif _ENGLISH.search(street) or not street:
        problems.append(f"{where}: “{street}” is not a street name.")
        return None
    return values


def place_rule(row, where, problems):
    kind = row.get("kind")
    if kind not in PLACE_KINDS:
        problems.append(f"{where}: unknown kind of place “{kind}”.")
        return None
    mapping = PLACE_KINDS[kind]
    if mapping is None:
        return None
    rule, rule_kind, note = mapping
    return {
        "rule": rule,
        "kind": rule_kind,
        "name": row["name"].strip(),
        "start": "",
        "end": "",
        "side": "",
        "note": note,
    }


def convert(data):
    """The spreadsheet rows of the announcements; raises DataFileError listing every problem."""
    problems, rows = [], []
    for announcement in data.get("announcements", []):
        district, year = announcement.get("district", ""), announcement.get("year")
        if district not in KNOWN_DISTRICTS:
            problems.append(f"{district}: unknown announcement.")
            continue
        if not isinstance(year, int):
            problems.append(f"{district}: no year.")
            continue
        for school in announcement.get("schools", []):
            name = (school.get("school") or "").strip()
            where = f"{year} {district} {name}"
            stage = STAGES.get((school.get("stage") or "").split(" ")[0])
            if stage is None:
                problems.append(f"{where}: unknown stage “{school.get('stage')}”.")
                continue
            if not (school.get("zone_text") or "").strip():
                problems.append(f"{where}: no zone text.")
                continue
            rule_values = []
            for n, row in enumerate(school.get("streets", []), 1):
                values = street_rule(name, row, f"{where}, street {n}", problems)
                if values and values not in rule_values:
                    rule_values.append(values)
            for n, row in enumerate(school.get("communities", []), 1):
                values = place_rule(row, f"{where}, place {n}", problems)
                if values and values not in rule_values:
                    rule_values.append(values)
            rows.append(description_row(year, stage, name, published_text(school)))
            for n, values in enumerate(rule_values, 1):
                rule = ZoneRule(**values)
                errors = validate_rule(rule)
                if errors:
                    problems.append(f"{where}, rule {n} ({rule.name}): {'; '.join(message for _c, message in errors)}")
                rows.append(rule_row(year, stage, name, rule))
    if problems:
        raise DataFileError(problems)
    return rows


def convert_file(path=DATA_FILE):
    return convert(read_json(path))
