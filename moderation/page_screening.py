"""Screen a whole page before publication: its title and text fields, every
StreamField, inline rows (such as zone rules), the text of its attached
documents (and of documents linked from its rich text), and the same for
the interpretations that are published with it (三同步).

Findings are stored (`ScreeningResult`): per attachment, keyed on the
SHA-256 of the file's content, so that a replaced file is screened again
and a stale result can never hide personal data; the text of a page is
cheap to scan (linear) and is screened on each call. Reading attachments
is the expensive part: a page shown in the admin reads a small plain file
at once (bounded by INLINE_SCREENING_BYTES) and leaves anything larger, and
every archive (ZIP, and the ZIP-based DOCX, XLSX and OFD), to the
background job (`moderation.jobs`, run by `manage.py run_jobs`); until it
has finished, the attachment is "not yet screened", which, like a finding,
allows no plain approval."""

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from core import jobs

from .extraction import extension_of, extract
from .models import ScreeningResult
from .screening import Finding, screen_text

# Bump when readers or patterns change: every stored result is then stale.
SCREENING_VERSION = 2
# A pending screening older than this is assumed lost (a worker that died)
# and is queued again.
PENDING_RETRY_SECONDS = 30 * 60
# A page shown in the admin screens an attachment itself only when it is at
# most this big and not an archive (which may expand); the rest is read by
# the background job.
INLINE_SCREENING_BYTES = 1024 * 1024
ZIP_SIGNATURE = b"PK"

# Fields Wagtail and this project fill in themselves: never personal data.
SKIP_FIELDS = {
    "slug",
    "url_path",
    "path",
    "draft_title",
    "index_number",
    "source_id",
    "catalogue_key",
    "source_fingerprint",
    "seo_title",
    "search_description",
    "translation_key",
    "content_type",
}

KIND_LABELS = {
    "id_number": "ID number",
    "id_number_unverifiable": "possible ID number stored as a number",
    "mobile": "mobile number",
    "bank_card": "bank card number",
    "email": "e-mail address",
}


@dataclass(frozen=True)
class Found:
    """A finding as shown to reviewers and stored: the value masked."""

    kind: str
    masked: str
    location: str

    @classmethod
    def of(cls, finding, prefix=""):
        return cls(finding.kind, finding.masked, _join(prefix, finding.location))

    def as_json(self):
        return {"kind": self.kind, "masked": self.masked, "location": self.location}

    def get_kind_display(self):
        return Finding(self.kind, "", 0, 0).get_kind_display()


@dataclass
class PageScreening:
    findings: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    pending: list = field(default_factory=list)  # attachments not yet screened
    files: dict = field(default_factory=dict)  # document id → content hash
    fingerprint: str = ""

    @property
    def clean(self):
        return not (self.findings or self.problems or self.pending)

    @property
    def count(self):
        return len(self.findings) + len(self.problems) + len(self.pending)

    def summary(self):
        return "；".join(
            [f"{f.location}：{f.get_kind_display()} {f.masked}" for f in self.findings]
            + list(self.problems)
            + [_("%(name)s: not yet screened") % {"name": name} for name in self.pending]
        )


def _join(prefix, location):
    if prefix and location:
        return f"{prefix}，{location}"
    return prefix or location


# ---- what a page shows -----------------------------------------------------


def text_parts(page):
    """(location, text) of everything a page shows, attachments excluded."""
    parts = []
    for field_ in page._meta.concrete_fields:
        if field_.name in SKIP_FIELDS or field_.name.endswith("_ptr"):
            continue
        label = capfirst(str(field_.verbose_name))
        value = getattr(page, field_.attname, None)
        if isinstance(field_, StreamField):
            for text in field_.stream_block.get_searchable_content(value):
                parts.append((label, strip_tags(str(text))))
        elif isinstance(field_, (models.CharField, models.TextField)) and value:
            parts.append((label, strip_tags(str(value))))
    for relation in _child_relations(page):
        for number, child in enumerate(getattr(page, relation.get_accessor_name()).all(), start=1):
            for field_ in child._meta.concrete_fields:
                if isinstance(field_, (models.CharField, models.TextField)):
                    value = getattr(child, field_.attname)
                    if value:
                        label = _("%(relation)s, row %(row)s") % {
                            "relation": capfirst(str(child._meta.verbose_name)),
                            "row": number,
                        }
                        parts.append((label, str(value)))
    return parts


def _child_relations(page):
    return [
        relation
        for relation in page._meta.related_objects
        if isinstance(relation.field, ParentalKey) and issubclass(relation.related_model, models.Model)
    ]


_DOCUMENT_LINK = re.compile(
    r"""<a\b[^>]*\blinktype=["']document["'][^>]*\bid=["'](\d+)["']|<a\b[^>]*\bid=["'](\d+)["'][^>]*\blinktype=["']document["']"""
)


def attached_documents(page):
    """Every document a page offers: chosen in a StreamField or linked
    from rich text."""
    documents, linked = {}, set()
    for field_ in page._meta.concrete_fields:
        value = getattr(page, field_.attname, None)
        if isinstance(field_, StreamField):
            for item in _documents_in(value):
                if isinstance(item, AbstractDocument):
                    documents[item.pk] = item
                else:
                    linked.add(item)
        elif isinstance(field_, RichTextField) and value:
            linked.update(_linked_ids(value))
    linked -= set(documents)
    if linked:
        for document in get_document_model().objects.filter(pk__in=linked):
            documents[document.pk] = document
    return sorted(documents.values(), key=lambda document: document.pk)


def _linked_ids(html):
    return {int(a or b) for a, b in _DOCUMENT_LINK.findall(str(html))}


def _documents_in(value):
    if isinstance(value, AbstractDocument):
        yield value
    elif isinstance(value, RichText):
        yield from _linked_ids(value.source)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _documents_in(child.value)
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            yield from _documents_in(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from _documents_in(child)


# ---- attachments -----------------------------------------------------------


def file_hash(document):
    """SHA-256 of the document's file as it is now, or None when it is missing."""
    digest = hashlib.sha256()
    try:
        with document.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return None
    finally:
        with contextlib.suppress(OSError, ValueError):
            document.file.close()
    return digest.hexdigest()


def attachment_key(sha256, filename):
    return f"file:{sha256}:{extension_of(filename)}:v{SCREENING_VERSION}"


def screen_file(name, data):
    """(findings, problems) of one file's content, every limit applied."""
    extraction = extract(name, data)
    findings = []
    for part in extraction.parts:
        if part.suspect:
            findings.append(
                Found(part.suspect, Finding(part.suspect, part.text, 0, len(part.text)).masked, part.location)
            )
        else:
            findings.extend(Found.of(finding) for finding in screen_text(part.text, part.location))
    return findings, list(extraction.problems)


def screen_stored_document(document_id, sha256):
    """Screen a document's file and store the result under its hash (the
    background task's work). A file that changed since it was queued is
    stored under its new hash."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError as error:
        return _store(
            attachment_key(sha256, document.filename), [], [_("The file is missing: %(error)s") % {"error": error}]
        )
    actual = hashlib.sha256(data).hexdigest()
    findings, problems = screen_file(document.filename, data)
    if actual != sha256:
        ScreeningResult.objects.filter(key=attachment_key(sha256, document.filename), status="pending").delete()
    return _store(attachment_key(actual, document.filename), findings, problems)


def _store(key, findings, problems):
    result, _created = ScreeningResult.objects.update_or_create(
        key=key,
        defaults={
            "status": "done",
            "findings": [finding.as_json() for finding in findings],
            "problems": list(problems),
            "finished_at": timezone.now(),
        },
    )
    return result


def request_screening(document, sha256):
    """Queue the screening of a document's content unless it is done or
    queued already; returns the stored result (possibly pending)."""
    from .jobs import SCREEN_ATTACHMENT  # local: moderation.jobs imports this module

    key = attachment_key(sha256, document.filename)
    result, created = ScreeningResult.objects.get_or_create(key=key)
    stale = (
        result.status == ScreeningResult.PENDING
        and (timezone.now() - result.created_at).total_seconds() > PENDING_RETRY_SECONDS
    )
    if created or stale:
        if stale:
            ScreeningResult.objects.filter(pk=result.pk).update(created_at=timezone.now())
        # Queued in the same transaction as the pending result: a database
        # queue's worker sees both once they are committed.
        jobs.start(
            SCREEN_ATTACHMENT,
            title=_("Personal-data screening of “%(name)s”") % {"name": document.title},
            params={"document_id": document.pk, "sha256": sha256},
        )
    return result


def _screened_inline(document):
    """Small enough to read while a page is shown: at most
    INLINE_SCREENING_BYTES and not an archive."""
    try:
        if document.file.size > INLINE_SCREENING_BYTES:
            return False
        with document.file.open("rb") as handle:
            return not handle.read(len(ZIP_SIGNATURE)).startswith(ZIP_SIGNATURE)
    except (OSError, ValueError):
        return False


def _attachment_screening(document, screening, prefix, background):
    sha256 = file_hash(document)
    name = _("attachment “%(name)s”") % {"name": document.title}
    label = _join(prefix, name)
    if sha256 is None:
        screening.problems.append(_("%(where)s: the file is missing.") % {"where": label})
        return
    screening.files[str(document.pk)] = sha256
    result = ScreeningResult.objects.filter(key=attachment_key(sha256, document.filename)).first()
    if result is None or result.status != ScreeningResult.DONE:
        if not background or _screened_inline(document):
            with document.file.open("rb") as handle:
                data = handle.read()
            findings, problems = screen_file(document.filename, data)
            result = _store(attachment_key(sha256, document.filename), findings, problems)
        else:
            result = request_screening(document, sha256)
            result.refresh_from_db()
    if result.status != ScreeningResult.DONE:
        screening.pending.append(label)
        return
    screening.findings.extend(
        Found(item["kind"], item["masked"], _join(label, item["location"])) for item in result.findings
    )
    screening.problems.extend(f"{label}：{problem}" for problem in result.problems)


# ---- pages -----------------------------------------------------------------


def _specific(page):
    return page.specific if type(page) is Page else page


def _screen_one(page, screening, prefix, background):
    for location, text in text_parts(page):
        screening.findings.extend(Found.of(finding, prefix) for finding in screen_text(text, location))
    for document in attached_documents(page):
        _attachment_screening(document, screening, prefix, background)


def screen_page(page, companions=(), background=True):
    """The screening of `page` (an instance: saved, a revision's or the
    unsaved content of a form) and of the `companions` published with it."""
    screening = PageScreening()
    _screen_one(_specific(page), screening, "", background)
    for companion in companions:
        prefix = _("interpretation “%(title)s”") % {"title": companion.title}
        _screen_one(_specific(companion), screening, prefix, background)
    return screening


# ---- the content a review covers -------------------------------------------


def companion_revisions(page):
    """[(companion page, its revision)] of the pages published together
    with `page` (三同步), from `page.publication_companions()`."""
    companions = getattr(_specific(page), "publication_companions", None)
    if companions is None:
        return []
    pairs = []
    for companion in companions():
        revision = companion.get_latest_revision() or companion.save_revision(clean=False)
        pairs.append((companion, revision))
    return pairs


def screen_revision(revision, background=True):
    """The screening of everything a review of `revision` covers: the
    revision's content and the latest revisions of its companions, with
    the fingerprint of that content."""
    page = revision.as_object()
    pairs = companion_revisions(page)
    screening = screen_page(page, [companion_revision.as_object() for _c, companion_revision in pairs], background)
    screening.fingerprint = review_fingerprint(revision, pairs, screening.files)
    return screening


def review_fingerprint(revision, pairs, files):
    """What a review step approves (StepApproval.fingerprint): the
    revision, its companions' revisions and the attachments' content hashes."""
    content = {
        "revision": revision.pk,
        "companions": sorted([companion.pk, companion_revision.pk] for companion, companion_revision in pairs),
        "files": sorted(files.items()),
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
