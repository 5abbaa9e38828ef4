"""What the public search searches (`SearchDocument`: one row per live,
public page), the synonyms editors manage, and the query log behind the
editors' search report."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from core import generation
from core.models import NumberedRecord
from disclosure.vocabulary import Validity

from .analysis import MAX_SYNONYMS_PER_WORD, normalise


class ValidityRank(models.IntegerChoices):
    """How a document ranks by its validity (有效性, `disclosure.vocabulary.Validity`):
    valid documents (and pages that have no validity) first, repealed ones last."""

    CURRENT = 0, _("Valid")
    AMENDED = 1, _("Amended")
    EXPIRED = 2, _("Expired")
    REPEALED = 3, _("Repealed")


# A page's validity → its rank ("" for pages that have none).
VALIDITY_RANKS = {
    "": ValidityRank.CURRENT,
    Validity.VALID: ValidityRank.CURRENT,
    Validity.AMENDED: ValidityRank.AMENDED,
    Validity.EXPIRED: ValidityRank.EXPIRED,
    Validity.REPEALED: ValidityRank.REPEALED,
}


class SearchDocument(index.Indexed, models.Model):
    """A live, public page as the public search sees it, with where it is
    filed (category › item), its type, office, validity and date. Kept in
    step with publishing by `search.documents`; `manage.py update_index`
    rebuilds every row from the pages before indexing them.

    `title` holds the page title followed by its document number (文号):
    the words that weigh most. Results show the page's own title."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.CharField(max_length=600)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=100, db_index=True)
    category = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    item = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    office = models.ForeignKey("disclosure.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The issuer as the page shows it (发布机构): the issuer as published, else the office.
    issuer = models.CharField(max_length=200, blank=True, db_index=True)
    validity = models.CharField(max_length=16, blank=True)
    validity_rank = models.PositiveSmallIntegerField(choices=ValidityRank.choices, default=ValidityRank.CURRENT)
    published = models.DateTimeField(null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    expire_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When a page that is valid now stops being valid by itself (a safety notice's end):
    # its document is rebuilt then (search.documents.refresh_lapsed).
    valid_until = models.DateTimeField(null=True, blank=True, db_index=True)

    # Indexed explicitly, in bulk, by search.documents (not on every save).
    search_auto_update = False
    # The title words are in the body too (`heading`), so PostgreSQL matches
    # the body vector alone (see search.backends.database).
    search_body_includes_title = True

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("heading", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("page"),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("item"),
        index.FilterField("office"),
        index.FilterField("issuer"),
        index.FilterField("validity_rank"),
        index.FilterField("year"),
        index.FilterField("published"),
        index.FilterField("expire_at"),
    ]

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title

    def heading(self):
        return self.title


class IndexVersion(NumberedRecord):
    """One row whose number grows whenever search documents change, in the
    same transaction: cached search results name the version they were
    computed for, so every process sees a change at once."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search index version")

    @classmethod
    def current(cls):
        number = cls.objects.filter(pk=1).values_list("number", flat=True).first()
        if number is None:
            cls.objects.get_or_create(pk=1)
            return 0
        return number

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
        # Search results pages are cached for the content generation too
        # (`update_index` rebuilds documents in bulk, without signals).
        generation.bump()


MAX_GROUP_WORDS = 10
MAX_WORD_LENGTH = 20


class SynonymGroup(models.Model):
    """Words that find each other. 同义词: every word finds all the others
    (学区、划片、施教区、招生范围). 总称: the first word is the collective term
    for the others — it finds each of them and each finds it, but the parts
    do not find each other (预决算: 预算、决算)."""

    class Kind(models.TextChoices):
        EQUIVALENT = "equivalent", _("Synonyms: every word finds the others")
        COLLECTIVE = "collective", _("Collective term: the first word stands for the others")

    terms = models.CharField(
        _("words"),
        max_length=500,
        help_text=_(
            "Two to ten words separated by 、 or spaces, each at most 20 characters, for example 学区、划片、施教区、招生范围."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.EQUIVALENT,
        help_text=_("For a collective term put it first: 预决算、预算、决算."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why these words belong together."))

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self):
        return split_terms(self.terms)

    def clean(self):

        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Enter at least two different words.")})
        if len(terms) > MAX_GROUP_WORDS:
            raise ValidationError(
                {
                    "terms": _(
                        "A group has at most %(limit)d words (this one has %(count)d): a search expands a word to "
                        "at most %(synonyms)d others. Split it into smaller groups of words that truly mean the same."
                    )
                    % {"limit": MAX_GROUP_WORDS, "count": len(terms), "synonyms": MAX_SYNONYMS_PER_WORD}
                }
            )
        long_words = [term for term in terms if len(term) > MAX_WORD_LENGTH]
        if long_words:
            raise ValidationError(
                {
                    "terms": _("A word has at most %(limit)d characters: “%(word)s” is longer.")
                    % {"limit": MAX_WORD_LENGTH, "word": long_words[0][:MAX_WORD_LENGTH] + "…"}
                }
            )
        self.terms = "、".join(terms)
        others = SynonymGroup(kind=self.kind, terms=self.terms)
        mapping = type(self).mapping(exclude=self.pk, extra=[others])
        crowded = [
            (term, len(mapping[normalise(term)]))
            for term in terms
            if len(mapping.get(normalise(term), ())) > MAX_SYNONYMS_PER_WORD
        ]
        if crowded:
            term, count = crowded[0]
            raise ValidationError(
                {
                    "terms": _(
                        "With this group, “%(word)s” would find %(count)d other words (groups add up), more than "
                        "the %(limit)d a search uses. Merge or shorten the groups that contain it."
                    )
                    % {"word": term, "count": count, "limit": MAX_SYNONYMS_PER_WORD}
                }
            )

    @classmethod
    def mapping(cls, exclude=None, extra=()):
        """{normalised word: [normalised words it also finds]} over all groups
        (without the group `exclude`, with the unsaved groups `extra`).
        Read from the database on every search (one small query), so that an
        editor's change applies at once in every process."""
        mapping = {}
        rows = cls.objects.exclude(pk=exclude) if exclude else cls.objects.all()
        for kind, terms_text in [*rows.values_list("kind", "terms"), *[(group.kind, group.terms) for group in extra]]:
            terms = [term for term in (normalise(term) for term in split_terms(terms_text)) if term]
            if len(terms) < 2:
                continue
            if kind == cls.Kind.COLLECTIVE:
                pairs = [(terms[0], terms[1:])] + [(term, [terms[0]]) for term in terms[1:]]
            else:
                pairs = [(term, [other for other in terms if other != term]) for term in terms]
            for term, others in pairs:
                known = mapping.setdefault(term, [])
                known.extend(other for other in others if other not in known)
        return mapping


def split_terms(text):

    terms = []
    for term in re.split(r"[、，,；;\s/|]+", text or ""):
        term = term.strip()
        if term and term not in terms:
            terms.append(term)
    return terms


class QueryLogEntry(models.Model):
    """How often a query was searched on one day, and how often it found
    nothing. Queries that contain personal data are never stored."""

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("query log entry")
        verbose_name_plural = _("query log")
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_querylog_day_query")]

    def __str__(self):
        return f"{self.day} {self.query}"

    @classmethod
    def record(cls, query, found=None, searches=1, zero_results=None, day=None):
        """Count `searches` searches of `query` on `day` (today), of which
        `zero_results` found nothing (or all of them unless `found`)."""
        day = day or timezone.localdate()
        if zero_results is None:
            zero_results = 0 if found else searches
        updated = cls.objects.filter(day=day, query=query).update(
            searches=F("searches") + searches, zero_results=F("zero_results") + zero_results
        )
        if not updated:
            entry, created = cls.objects.get_or_create(
                day=day, query=query, defaults={"searches": searches, "zero_results": zero_results}
            )
            if not created:
                cls.objects.filter(pk=entry.pk).update(
                    searches=F("searches") + searches, zero_results=F("zero_results") + zero_results
                )
