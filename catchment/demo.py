"""Demo enrolment zones (`manage.py load_demo_zones`, run by `make run`):
`catchment/data/demo-zones.csv` — the two real announcements converted into
the zone spreadsheet (see demo_conversion.py) — imported through the same
importer as any bureau's file, under 招生管理 › 招生范围.

Only missing zones are created (`keep_existing`): a second run creates
nothing and never overwrites what editors changed; a deleted demo page comes
back. The file is checked completely before anything is written.

The announcements give neither a timetable nor a list of documents; so that
the demo shows every part of the zone page and of the finder, each new page
gets the same clearly fictional timetable and checklist, and its summary says
so. Enrolment plans (classes, places) are left empty rather than invented
for real schools."""

import datetime
from pathlib import Path

from django.utils.translation import gettext as _

from core.publication import trusted_publication
from disclosure.importer import start_of_day
from disclosure.models import EnrolmentKeyDate
from disclosure.models.enrolment import KeyDateStage

from .importer import import_file

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo-zones.csv"

# What each announcement is, in the words of its source, by year, with the
# date it was published (发布日期): 2018 — the date of the page of 雁峰区人民政府网
# that publishes it (2020-02-14); 2017 — the source, a repost, gives no date:
# a demo date in the month of the autumn enrolment's announcements.
ANNOUNCEMENTS = {
    2018: {
        "district": "湖南省衡阳市雁峰区",
        "document_number": "雁教发〔2018〕9号",
        "published": datetime.date(2020, 2, 14),
    },
    2017: {"district": "四川省遂宁市船山区", "document_number": "", "published": datetime.date(2017, 6, 1)},
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


def add_demo_details(page):
    """The fictional timetable and checklist, and a summary saying what is real."""
    announcement = ANNOUNCEMENTS.get(page.year, {})
    district = announcement.get("district", "")
    number = announcement.get("document_number", "")
    page.document_number = number
    if announcement.get("published"):
        page.first_published_at = start_of_day(announcement["published"])
    page.summary = (
        f"演示数据：招生范围转录自{district}{page.year}年公布的小学招生范围公告"
        + (f"（{number}）" if number else "")
        + "；报名时间和所需材料为虚构示例。"
        + ("原文转录不完整，省略处以“……”标出。" if page.zone_description.endswith("……") else "")
    )
    page.required_documents = [("document", text) for text in DEMO_DOCUMENTS]
    page.key_dates = [
        EnrolmentKeyDate(
            stage=stage,
            start_date=datetime.date(page.year, *start),
            end_date=datetime.date(page.year, *end) if end else None,
            note=note,
        )
        for stage, start, end, note in DEMO_TIMETABLE
    ]


def load_demo_zones(path=DEMO_FILE):
    """Create the missing demo zone pages; returns (plan, result). ImportRefused if the file has problems."""
    with trusted_publication(_("the demo enrolment zones, loaded by load_demo_zones")):
        return import_file(path, keep_existing=True, publish=True, prepare_new_page=add_demo_details)
