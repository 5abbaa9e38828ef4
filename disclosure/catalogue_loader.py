"""Load the standard catalogue JSON (data/catalogue.json) into the page tree.

Idempotent: each page remembers the fingerprint of the source row it was
loaded from, so a second run over the same file changes nothing, and pages
whose source row did not change are never overwritten (editors' changes to
them are kept). `dry_run` reports what would change without writing."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.publication import trusted_publication

from .datafiles import DataFileError, read_json
from .models import CatalogueIndexPage, CatalogueItemContentElement, CatalogueItemPage, CategoryPage, Office
from .vocabulary import (
    AUDIENCE_BY_SOURCE,
    CHANNEL_OTHER,
    CHANNELS,
    LEVEL_BY_SOURCE,
    METHOD_BY_SOURCE,
    Provenance,
    TimeLimitKind,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CATALOGUE = DATA_DIR / "catalogue.json"
DEFAULT_OFFICES = DATA_DIR / "offices.json"

# Content, not interface text: the page title editors start from.
CATALOGUE_TITLE = "标准目录"
CATALOGUE_TITLE_EN = "Standard catalogue"
# The English names of a row (the standard English terms, shown on /en/).
ENGLISH_FIELDS = {
    "name_en": "title_en",
    "basis_en": "legal_basis_en",
    "responsible_body_en": "responsible_body_en",
    "channels_other_en": "channels_other_en",
}

CATALOGUE_FIELDS = [
    "name",
    "content_elements",
    "basis",
    "time_limit",
    "responsible_body",
    "channels",
    "audience",
    "method",
    "level",
]

WORKING_DAYS_RE = re.compile(r"^信息形成或者?变更之日起(\d+)个工作日内$")
ANNUAL_RE = re.compile(r"^每年(\d{1,2})月(\d{1,2})日(?:之)?前$")
ON_CHANGE_RE = re.compile(r"^(?:信息)?(?:发生)?变更(?:时|后)?及时(?:公开|更新)?$")
OTHER_CHANNEL_RE = re.compile(rf"^{CHANNEL_OTHER}\s*[:：]\s*(.+)$")


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    not_in_source: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated)


def chinese(row):
    """The row without its English names: what editors' Chinese changes are compared with."""
    return {key: value for key, value in row.items() if not key.endswith("_en")}


def english_values(row, where, problems):
    """The page fields in English of one row, and the English of its content elements."""
    values = {field: str(row.get(key) or "").strip() for key, field in ENGLISH_FIELDS.items()}
    elements = [str(e).strip() for e in row.get("content_elements_en") or []]
    if len(elements) > len(row.get("content_elements") or []):
        problems.append(
            _("%(where)s: content_elements_en has more names than there are content elements.") % {"where": where}
        )
    values["content_elements_en"] = elements
    return values


def content_hash(value):
    """SHA-256 of a JSON value (keys sorted): what a page remembers of the source it was built from."""
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def row_provenance(source):
    """Map a row's free-text provenance to read / default / inferred."""
    text = (source or "").strip().lower()
    if text == "read":
        return Provenance.READ
    if text.startswith("seed"):
        return Provenance.DEFAULT
    return Provenance.INFERRED


def parse_time_limit(text):
    text = text.strip()
    if match := WORKING_DAYS_RE.match(text):
        return {"time_limit_kind": TimeLimitKind.WORKING_DAYS, "time_limit_days": int(match[1])}
    if match := ANNUAL_RE.match(text):
        return {
            "time_limit_kind": TimeLimitKind.ANNUAL,
            "time_limit_month": int(match[1]),
            "time_limit_day": int(match[2]),
        }
    if ON_CHANGE_RE.match(text):
        return {"time_limit_kind": TimeLimitKind.ON_CHANGE}
    return {"time_limit_kind": TimeLimitKind.OTHER, "time_limit_text": text}


def office_assignments(offices_data):
    """{category name: office spec} from offices.json."""
    by_category = {}
    for spec in offices_data.get("offices", []):
        for category in spec.get("categories", []):
            by_category[category] = spec
    return by_category


def _channel_values(row, where, problems):
    """channels (in the vocabulary's order) and channels_other of one row; problems are appended."""
    channels, other = [], ""
    vocabulary = [value for value, _label in CHANNELS]
    for channel in row.get("channels") or []:
        if match := OTHER_CHANNEL_RE.match(channel):
            channel, other = CHANNEL_OTHER, match[1].strip()
        if channel not in vocabulary:
            problems.append(_("%(where)s: unknown channel “%(channel)s”.") % {"where": where, "channel": channel})
        elif channel not in channels:
            channels.append(channel)
    if not channels:
        problems.append(_("%(where)s: no channels.") % {"where": where})
    return {"channels": [v for v in vocabulary if v in channels], "channels_other": other}


def item_values(row, where, problems):
    """The model field values of one catalogue row; problems are appended."""
    values = {"title": (row.get("name") or "").strip()}
    if not values["title"]:
        problems.append(_("%(where)s: the item has no name.") % {"where": where})
    elements = [str(e).strip() for e in row.get("content_elements") or [] if str(e).strip()]
    if not elements:
        problems.append(_("%(where)s: no content elements.") % {"where": where})
    values["content_elements"] = elements
    values["legal_basis"] = (row.get("basis") or "").strip()
    if not values["legal_basis"]:
        problems.append(_("%(where)s: no legal basis.") % {"where": where})
    values.update(
        {
            "time_limit_kind": None,
            "time_limit_days": None,
            "time_limit_month": None,
            "time_limit_day": None,
            "time_limit_text": "",
        }
    )
    values.update(parse_time_limit(row.get("time_limit") or ""))

    values.update(_channel_values(row, where, problems))

    for key, mapping, name in (
        ("audience", AUDIENCE_BY_SOURCE, _("audience")),
        ("method", METHOD_BY_SOURCE, _("method of disclosure")),
    ):
        source = row.get(key)
        if source not in mapping:
            problems.append(
                _("%(where)s: unknown %(field)s “%(value)s”.") % {"where": where, "field": name, "value": source}
            )
        values[key] = str(mapping.get(source, ""))
    levels = []
    for level in row.get("level") or []:
        if level not in LEVEL_BY_SOURCE:
            problems.append(_("%(where)s: unknown level “%(value)s”.") % {"where": where, "value": level})
        else:
            levels.append(str(LEVEL_BY_SOURCE[level]))
    if not levels:
        problems.append(_("%(where)s: no level.") % {"where": where})
    values["levels"] = levels
    values["responsible_body_text"] = (row.get("responsible_body") or "").strip()

    kind = row_provenance(row.get("provenance"))
    statuses = row.get("field_status") or {name: str(kind) for name in CATALOGUE_FIELDS}
    values["provenance"] = str(kind)
    values["provenance_source"] = row.get("provenance") or ""
    values["field_provenance"] = {name: statuses.get(name, str(kind)) for name in CATALOGUE_FIELDS}
    return values


def parse(catalogue_data, offices_data):
    """Validate the whole file before touching the database."""
    problems = []
    assignments = office_assignments(offices_data)
    categories = []
    for c_index, category in enumerate(catalogue_data.get("categories") or [], start=1):
        name = (category.get("name") or "").strip()
        where_c = _("category %(n)s “%(name)s”") % {"n": c_index, "name": name}
        if not name:
            problems.append(_("%(where)s: the category has no name.") % {"where": where_c})
        office = assignments.get(name)
        if office is None:
            problems.append(_("%(where)s: no office publishes this category (see offices.json).") % {"where": where_c})
        items = []
        for i_index, row in enumerate(category.get("items") or [], start=1):
            where = _("%(category)s, item %(n)s “%(name)s”") % {
                "category": where_c,
                "n": i_index,
                "name": row.get("name", ""),
            }
            values = item_values(row, where, problems)
            values["office_name"] = office["name"] if office else ""
            values["field_provenance"]["office"] = str(Provenance.DEFAULT)
            # The Chinese row decides whether editors' changes are overwritten; the
            # English names are applied on their own (see _sync_item).
            values["fingerprint"] = content_hash({"row": chinese(row), "office": values["office_name"]})
            values["english"] = english_values(row, where, problems)
            values["english_fingerprint"] = content_hash(values["english"])
            items.append(values)
        title_en = str(category.get("name_en") or "").strip()
        categories.append(
            {
                "title": name,
                "items": items,
                "fingerprint": content_hash({"name": name}),
                "title_en": title_en,
                "english_fingerprint": content_hash({"name_en": title_en}),
            }
        )
    if not categories:
        problems.append(_("The file has no categories."))
    if problems:
        raise DataFileError(problems)
    return categories


def load_catalogue(path=DEFAULT_CATALOGUE, offices_path=DEFAULT_OFFICES, dry_run=False):
    catalogue_data = read_json(path)
    offices_data = read_json(offices_path)
    categories = parse(catalogue_data, offices_data)
    # The operator's command: its pages (new ones are created live) are
    # trusted like the demo's (docs/review-workflow.md).
    with transaction.atomic(), trusted_publication(_("the standard catalogue, loaded by load_catalogue")):
        report = _apply(catalogue_data, offices_data, categories, dry_run)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise DataFileError([_("There is no default site. Run `manage.py load_demo` first.")])
    return site.root_page.specific


def _publish(page, log_action=True):
    revision = page.save_revision(log_action=log_action)
    if page.live or page.first_published_at is None:
        with trusted_publication(_("the standard catalogue, loaded by load_catalogue")):
            revision.publish()


def _apply(catalogue_data, offices_data, categories, dry_run):
    report = Report()
    offices = {}
    for spec in offices_data.get("offices", []):
        office = Office.objects.filter(name=spec["name"]).first()
        if office is None:
            report.created.append(_("office %(name)s") % {"name": spec["name"]})
            office = Office.objects.create(
                name=spec["name"],
                phone=spec.get("phone", ""),
                location=spec.get("location", ""),
                duties=spec.get("duties", ""),
                sort_order=len(offices),
            )
        offices[spec["name"]] = office

    home = _home_page()
    index = CatalogueIndexPage.objects.child_of(home).first()
    if index is None:
        index = CatalogueIndexPage(
            title=CATALOGUE_TITLE,
            title_en=CATALOGUE_TITLE_EN,
            show_in_menus=True,
            slug="catalogue",
            seo_title=(catalogue_data.get("title") or "").split("（")[0][:255],
            intro=format_html("<p>{}</p>", catalogue_data.get("title", "")),
        )
        home.add_child(instance=index)
        _publish(index)
        report.created.append(_("catalogue %(name)s") % {"name": index.title})
    elif not index.title_en:
        index = index.get_latest_revision_as_object()
        index.title_en = CATALOGUE_TITLE_EN
        _publish(index)
        report.updated.append(_("catalogue %(name)s") % {"name": index.title})

    for category_values in categories:
        category = _sync_category(index, category_values, report)
        for values in category_values["items"]:
            _sync_item(category, values, offices, report)
        known = {values["title"] for values in category_values["items"]}
        for page in CatalogueItemPage.objects.child_of(category).exclude(
            catalogue_key__in=[_key(category_values["title"], t) for t in known]
        ):
            report.not_in_source.append(f"{category.title} › {page.title}")
    return report


def _key(category_title, item_title=None):
    return category_title if item_title is None else f"{category_title}/{item_title}"


def _sync_category(index, values, report):
    key = _key(values["title"])
    page = CategoryPage.objects.child_of(index).filter(catalogue_key=key).first()
    if page is None:
        page = CategoryPage(
            title=values["title"],
            title_en=values["title_en"],
            slug=slugify(values["title"], allow_unicode=True),
            show_in_menus=True,
            catalogue_key=key,
            source_fingerprint=values["fingerprint"],
            english_fingerprint=values["english_fingerprint"],
        )
        index.add_child(instance=page)
        _publish(page)
        report.created.append(_("category %(name)s") % {"name": page.title})
    elif page.english_fingerprint != values["english_fingerprint"]:
        page = page.get_latest_revision_as_object()
        page.title_en = values["title_en"]
        page.english_fingerprint = values["english_fingerprint"]
        _publish(page)
        report.updated.append(_("category %(name)s") % {"name": page.title})
    else:
        report.unchanged.append(page.title)
    return page


def _sync_item(category, values, offices, report):
    key = _key(category.title, values["title"])
    label = f"{category.title} › {values['title']}"
    page = CatalogueItemPage.objects.child_of(category).filter(catalogue_key=key).first()
    english = values["english"]
    if page is not None and page.source_fingerprint == values["fingerprint"]:
        if page.english_fingerprint == values["english_fingerprint"]:
            report.unchanged.append(label)
            return page
        # Only the English names changed: editors' Chinese is kept.
        page = page.get_latest_revision_as_object()
        _apply_english(page, english, values)
        page.content_elements = list(page.content_elements.all())
        _publish(page)
        report.updated.append(label)
        return page
    skipped = {"content_elements", "office_name", "fingerprint", "title", "english", "english_fingerprint"}
    fields = {k: v for k, v in values.items() if k not in skipped}
    if page is None:
        page = CatalogueItemPage(
            title=values["title"],
            slug=slugify(values["title"], allow_unicode=True),
            catalogue_key=key,
            office=offices[values["office_name"]],
            source_fingerprint=values["fingerprint"],
            **fields,
        )
        page.content_elements = _elements(values["content_elements"], english["content_elements_en"])
        _apply_english(page, english, values)
        category.add_child(instance=page)
        _publish(page)
        report.created.append(label)
        return page
    page = page.get_latest_revision_as_object()
    page.title = values["title"]
    page.office = offices[values["office_name"]]
    page.source_fingerprint = values["fingerprint"]
    for name, value in fields.items():
        setattr(page, name, value)
    page.content_elements = _elements(values["content_elements"], english["content_elements_en"])
    _apply_english(page, english, values)
    _publish(page)
    report.updated.append(label)
    return page


def _elements(texts, texts_en):
    english = dict(zip(texts, texts_en, strict=False))
    # In the source's order: without sort_order, PostgreSQL returns them in any order.
    return [
        CatalogueItemContentElement(text=text, text_en=english.get(text, ""), sort_order=index)
        for index, text in enumerate(texts)
    ]


def _apply_english(page, english, values):
    """The row's English names on the page; a content element gets the
    English of the source element with the same Chinese text."""
    for name in ENGLISH_FIELDS.values():
        setattr(page, name, english[name])
    page.english_fingerprint = values["english_fingerprint"]
    by_text = dict(zip(values["content_elements"], english["content_elements_en"], strict=False))
    elements = page.content_elements.all() if hasattr(page.content_elements, "all") else page.content_elements
    for element in elements:
        if element.text in by_text:
            element.text_en = by_text[element.text]
