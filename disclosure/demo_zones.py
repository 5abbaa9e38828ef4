"""Demo enrolment zones (招生划片) for `manage.py load_demo_zones`.

`data/catchments-dev.json` holds two real published catchment announcements
(2018 衡阳市雁峰区, 2017 遂宁市船山区): per school the zone as published and
the streets, house-number ranges and places extracted from it by hand. Each
school becomes one published `EnrolmentZonePage` under the catalogue item
招生管理 › 招生范围, with the published wording kept verbatim and the
extracted rows turned into `ZoneRule`s (role boundary → 边界, included → 包含,
excluded → 排除).

The announcements give neither a timetable nor a list of documents; so that
the demo shows every part of the page, each page gets the same clearly
fictional timetable and checklist, and its summary says so. Enrolment plans
(classes, places) are left empty rather than invented for real schools.

Idempotent: a school's zone for a year and stage is created once; a second
run creates nothing and never overwrites what editors changed. Everything is
checked before anything is written."""
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .datafiles import DataFileError, read_json
from .models import CatalogueItemPage, EnrolmentKeyDate, EnrolmentZonePage, School, ZoneRule
from .models.enrolment import SIDE_TERMS, STAGE_TERMS, EnrolmentStage, KeyDateStage, RuleKind, RuleType, Side

DATA_FILE = Path(__file__).resolve().parent / "data" / "catchments-dev.json"
ITEM_KEY = "招生管理/招生范围"

ROLES = {"boundary": RuleType.BOUNDARY, "included": RuleType.INCLUDE, "excluded": RuleType.EXCLUDE}
STAGES = {"primary": EnrolmentStage.PRIMARY, "junior": EnrolmentStage.JUNIOR}
SCHOOL_STAGES = {EnrolmentStage.PRIMARY: School.Stage.PRIMARY, EnrolmentStage.JUNIOR: School.Stage.JUNIOR}
SIDES = {
    "东侧": Side.EAST,
    "西侧": Side.WEST,
    "南侧": Side.SOUTH,
    "北侧": Side.NORTH,
    "两侧": Side.BOTH,
    "两边": Side.BOTH,
    "南北两侧": Side.BOTH,
    "东西两侧": Side.BOTH,
    "一侧": "",  # one side, not named: the row's wording says which
}

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

# What each announcement is, in the words of its source.
ANNOUNCEMENTS = {
    "湖南省衡阳市雁峰区": {"document_number": "雁教发〔2018〕9号"},
    "四川省遂宁市船山区": {"document_number": ""},
}

# Fictional, like the demo bureau and its telephone numbers: month, day of
# each date in the announcement's year, in no particular order (the page
# sorts them).
DEMO_TIMETABLE = [
    (KeyDateStage.VERIFICATION, (7, 1), (7, 5), "携带下列材料原件及复印件到学校审核"),
    (KeyDateStage.REGISTRATION, (6, 25), (6, 27), "网上报名，每日8:30—17:30"),
    (KeyDateStage.ADMISSION, (7, 20), None, "在本网站和学校公示栏公布录取名单"),
]
DEMO_DOCUMENTS = ["户口簿", "房产证或购房合同", "儿童出生医学证明", "预防接种证"]

TRUNCATED_MARK = "[truncated]"
_ENGLISH = re.compile(r"[A-Za-z]")
_ENGLISH_ASIDE = re.compile(r"\s*\([^)]*[A-Za-z][^)]*\)")
_SHARED_ZONE = re.compile(r"^共同学区 with (.+)$")
_INCLUSION_PREFIX = re.compile(r"^(?:不含|包含|含)")


@dataclass
class Report:
    created: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    schools_created: list = field(default_factory=list)


@dataclass
class ZoneSpec:
    """One page to create, checked and ready to save."""

    key: tuple  # (year, stage, school name)
    school: str
    values: dict
    rules: list
    key_dates: list


def page_title(year, stage, school):
    term = STAGE_TERMS[stage]
    return f"{year}年{school}{'' if school.endswith(term) else term}招生范围"


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
    values = {"rule": rule, "name": street, "start": "", "end": "", "side": side, "note": public_note(row.get("note"), street)}
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
    return {"rule": rule, "kind": rule_kind, "name": row["name"].strip(), "start": "", "end": "", "side": "", "note": note}


def zone_specs(data):
    """Check the whole file; returns the pages to create or raises DataFileError."""
    problems, specs = [], []
    for announcement in data.get("announcements", []):
        district, year = announcement.get("district", ""), announcement.get("year")
        if district not in ANNOUNCEMENTS:
            problems.append(f"{district}: unknown announcement.")
            continue
        if not isinstance(year, int):
            problems.append(f"{district}: no year.")
            continue
        document_number = ANNOUNCEMENTS[district]["document_number"]
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
            rules = []
            for n, values in enumerate(rule_values, 1):
                rule = ZoneRule(**values)
                try:
                    rule.full_clean(exclude=["page"])
                except ValidationError as error:
                    problems.append(f"{where}, rule {n} ({rule.name}): {'; '.join(error.messages)}")
                rules.append(rule)
            truncated = bool(school.get("truncated"))
            summary = (
                f"演示数据：招生范围转录自{district}{year}年公布的小学招生范围公告"
                + (f"（{document_number}）" if document_number else "")
                + "；报名时间和所需材料为虚构示例。"
                + ("原文转录不完整，省略处以“……”标出。" if truncated else "")
            )
            key_dates = [
                EnrolmentKeyDate(
                    stage=key_stage,
                    start_date=datetime.date(year, *start),
                    end_date=datetime.date(year, *end) if end else None,
                    note=note,
                )
                for key_stage, start, end, note in DEMO_TIMETABLE
            ]
            specs.append(
                ZoneSpec(
                    key=(year, stage, name),
                    school=name,
                    values={
                        "title": page_title(year, stage, name),
                        "year": year,
                        "stage": stage,
                        "zone_description": published_text(school),
                        "document_number": document_number,
                        "summary": summary,
                        "required_documents": [("document", text) for text in DEMO_DOCUMENTS],
                    },
                    rules=rules,
                    key_dates=key_dates,
                )
            )
    if problems:
        raise DataFileError(problems)
    return specs


def load_demo_zones(path=DATA_FILE):
    """Create the missing demo zone pages; returns a Report."""
    specs = zone_specs(read_json(path))
    try:
        item = CatalogueItemPage.objects.get(catalogue_key=ITEM_KEY)
    except CatalogueItemPage.DoesNotExist:
        raise DataFileError([f"The catalogue item {ITEM_KEY} does not exist: load the catalogue first."])
    report = Report()
    with transaction.atomic():
        existing = set(EnrolmentZonePage.objects.values_list("year", "stage", "school__name"))
        for spec in specs:
            if spec.key in existing:
                report.unchanged.append(spec.values["title"])
                continue
            school, created = School.objects.get_or_create(
                name=spec.school, defaults={"stage": SCHOOL_STAGES[spec.values["stage"]]}
            )
            if created:
                report.schools_created.append(school.name)
            page = EnrolmentZonePage(
                slug=slugify(spec.values["title"], allow_unicode=True),
                school=school,
                issuing_office=item.office,
                **spec.values,
            )
            page.rules = spec.rules
            page.key_dates = spec.key_dates
            item.add_child(instance=page)
            page.save_revision().publish()
            report.created.append(page.title)
    return report
