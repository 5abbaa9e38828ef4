"""Bulk import of existing documents (`manage.py import_documents`).

Reads the JSON format of data/documents.json — a list of documents, or
{"documents": [...]}, each with `id, kind, title, document_number, issuer,
written_date, category, item, body` and `qa` / `table` where present — and
files each document as the right page type under its catalogue item.
Idempotent on `id`; a bad row is reported with its position and the rest are
imported.

The source's dates are kept (see docs/disclosures.md): 成文日期 is
`written_date`; 发布日期 — the page's first publication — is
`published_date`, or the date written when the source gives no other; a
safety notice is valid from `valid_from` (else its 发布日期) until
`valid_until` (else SAFETY_NOTICE_DEFAULT_DAYS later). A document with no
date at all is never published with the day of the import as its 发布日期:
it is saved as a draft, and the report says so. Where the source gives only
a summary or an excerpt, `full_text` says where the full text was published,
and the page says so."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.publication import trusted_publication

from .budget import explanation_from_figures, page_values_from_source
from .datafiles import DataFileError, read_json
from .listings import disclosure_models
from .models import BudgetPage, CatalogueItemPage, InterpretationPage, PolicyDocumentPage, SafetyNoticePage
from .models.base import normalise_document_number, validate_document_number

DEFAULT_DOCUMENTS = Path(__file__).resolve().parent / "data" / "documents.json"
SAFETY_NOTICE_DEFAULT_DAYS = 30
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)\S{1,40}$")
ALERT_WORDS = {"红色": "red", "橙色": "orange", "黄色": "yellow", "蓝色": "blue"}


class RowError(Exception):
    pass


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    drafts: list = field(default_factory=list)  # of `created`, those saved as drafts although publishing
    unchanged: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_documents(path):
    data = read_json(path)
    documents = data.get("documents") if isinstance(data, dict) else data
    if not isinstance(documents, list):
        raise DataFileError([_("%(path)s has no list of documents.") % {"path": path}])
    return documents


def existing_source_ids():
    ids = set()
    for model in disclosure_models():
        ids.update(model.objects.exclude(source_id="").values_list("source_id", flat=True))
    return ids


def import_documents(path=DEFAULT_DOCUMENTS, draft=False):
    report = ImportReport()
    documents = read_documents(path)
    known = existing_source_ids()
    for position, document in enumerate(documents, start=1):
        source_id = str(document.get("id") or "").strip() if isinstance(document, dict) else ""
        label = f"#{position} {source_id or '?'}"
        try:
            if not isinstance(document, dict):
                raise RowError(_("not a JSON object"))
            if not source_id:
                raise RowError(_("the document has no id"))
            if source_id in known:
                report.unchanged.append(label)
                continue
            with transaction.atomic():
                item = find_item(document)
                page, notes = build_page(document, item)
                page.live = False
                published = page.first_published_at is not None
                if not published and not draft:
                    notes.append(_("no date published or written: saved as a draft; publish it once its date is known"))
                item.add_child(instance=page)
                revision = page.save_revision()
                if published and not draft:
                    with trusted_publication(
                        _("imported by import_documents"),
                        justification=_("documents already published by their issuing authority"),
                    ):
                        revision.publish()
            known.add(source_id)
            report.created.append(f"{label} {page.title}")
            if not published and not draft:
                report.drafts.append(f"{label} {page.title}")
            report.notes.extend(f"{label}: {note}" for note in notes)
        except RowError as error:
            report.errors.append(f"{label}: {error}")
        except ValidationError as error:
            report.errors.append(f"{label}: {'; '.join(_flatten(error))}")
    return report


def _flatten(error):
    if hasattr(error, "message_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def find_item(document):
    category, item = (document.get("category") or "").strip(), (document.get("item") or "").strip()
    page = CatalogueItemPage.objects.filter(catalogue_key=f"{category}/{item}").select_related("office").first()
    if page is None:
        raise RowError(_("no catalogue item “%(category)s › %(item)s”") % {"category": category, "item": item})
    return page


def parse_date(value, notes, label=None):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        notes.append(
            _("%(label)s “%(value)s” is not a full date; left empty")
            % {"label": label or _("date written"), "value": value}
        )
        return None


def start_of_day(date):
    """The date as a moment: midnight, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def parse_moment(value, notes, label):
    """An ISO date or date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM) as an aware datetime, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        notes.append(_("%(label)s “%(value)s” is not a date; left empty") % {"label": label, "value": value})
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def body_blocks(text):
    blocks = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if HEADING_RE.match(line):
            blocks.append(("heading", {"text": line, "level": "h2"}))
        else:
            blocks.append(("paragraph", f"<p>{escape(line)}</p>"))
    return blocks


def common_fields(document, item, notes):
    title = (document.get("title") or "").strip()
    if not title:
        raise RowError(_("the document has no title"))
    number = normalise_document_number(document.get("document_number"))
    try:
        validate_document_number(number)
    except ValidationError as error:
        raise RowError(f"{number}: {error.messages[0]}") from error
    issuer = (document.get("issuer") or "").strip()
    written = parse_date(document.get("written_date"), notes)
    published = parse_date(document.get("published_date"), notes, label=_("date published"))
    if published is None and written is not None:
        published = written
        notes.append(
            _("no date published: the date written (%(date)s) is taken as the date published") % {"date": written}
        )
    return {
        "title": title[:255],
        "slug": slugify(str(document["id"]), allow_unicode=True),
        "source_id": str(document["id"]),
        "document_number": number,
        "issuing_office": item.office,
        "issuer_name": "" if issuer == item.office.name else issuer,
        "written_date": written,
        "first_published_at": start_of_day(published) if published else None,
        "full_text_source": str(document.get("full_text") or "").strip()[:300],
    }


def build_page(document, item):
    notes = []
    fields = common_fields(document, item, notes)
    builder = BUILDERS.get(document.get("kind"))
    if builder is None:
        raise RowError(_("unknown kind “%(kind)s”") % {"kind": document.get("kind")})
    page = builder(document, fields, notes)
    page.full_clean(exclude=["path", "depth", "url_path"])
    return page, notes


def build_policy(document, fields, notes):
    return PolicyDocumentPage(body=body_blocks(document.get("body")), **fields)


def build_interpretation(document, fields, notes):
    qa = document.get("qa") or []
    questions = [
        (
            "qa",
            {"question": str(pair.get("q", "")).strip(), "answer": f"<p>{escape(str(pair.get('a', '')).strip())}</p>"},
        )
        for pair in qa
        if pair.get("q") and pair.get("a")
    ]
    if questions:
        return InterpretationPage(form=InterpretationPage.Form.QA, questions=questions, **fields)
    return InterpretationPage(form=InterpretationPage.Form.TEXT, body=body_blocks(document.get("body")), **fields)


def build_safety_notice(document, fields, notes):
    """A notice is valid from `valid_from`, else from its 发布日期, until
    `valid_until`, else for SAFETY_NOTICE_DEFAULT_DAYS: never open-ended,
    and never from the day of the import."""
    title = fields["title"]
    level = next((key for word, key in ALERT_WORDS.items() if word in title), "blue")
    start = parse_moment(document.get("valid_from"), notes, _("valid from")) or fields["first_published_at"]
    end = parse_moment(document.get("valid_until"), notes, _("valid until"))
    if start is None:
        # No date at all: the draft waits for one (its validity is checked when it is published).
        start = (
            end - datetime.timedelta(days=SAFETY_NOTICE_DEFAULT_DAYS) if end else timezone.now().replace(microsecond=0)
        )
    if end is None:
        end = start + datetime.timedelta(days=SAFETY_NOTICE_DEFAULT_DAYS)
        notes.append(
            _("valid for %(days)s days from %(date)s (the source gives no end); check the dates")
            % {"days": SAFETY_NOTICE_DEFAULT_DAYS, "date": timezone.localtime(start).date()}
        )
    lines = [escape(line.strip()) for line in (document.get("body") or "").splitlines() if line.strip()]
    measures = "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else "<p></p>"
    return SafetyNoticePage(alert_level=level, valid_from=start, valid_until=end, measures=measures, **fields)


def build_budget(document, fields, notes):

    try:
        values = page_values_from_source(document)
    except ValueError as error:
        raise RowError(str(error)) from error
    return BudgetPage(explanation=explanation_from_figures(document, values["tables"]), **values, **fields)


BUILDERS = {
    "budget": build_budget,
    "policy": build_policy,
    "interpretation": build_interpretation,
    "safety_notice": build_safety_notice,
}
