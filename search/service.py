"""The public search, shared by the search page and the JSON API so that
both rank alike: reading the request, searching a backend (falling back to
the database when the search engine cannot be reached), ranking valid
documents before amended, expired and repealed ones, facet counts,
snippets, promoted results, suggestions and the query log."""

import atexit
import hashlib
import logging
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext
from modelsearch.query import And, Not
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from core import generation, work
from core.db import write_without_waiting
from core.pages import published
from core.params import ChoiceParam, NumberParam, QueryParams, TextParam
from disclosure.listings import english_titles
from disclosure.vocabulary import Validity
from home.templatetags.site_tags import english_interface
from moderation.screening import screen_text

from . import suggestions
from .analysis import MAX_QUERY_CHARACTERS, analyse_query, normalise
from .backends.registry import backend_named, engine_errors
from .documents import refresh_lapsed
from .models import QueryLogEntry, SearchDocument, SynonymGroup, ValidityRank
from .snippets import snippet

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_PAGE = 1000  # 10,000 results can be paged through
MAX_ECHOED_QUERY = 1000  # what the page shows back; only MAX_QUERY_CHARACTERS are searched
FACET_FIELDS = ["validity_rank", "kind", "category_id", "item_id", "issuer", "year"]
SORTS = ("relevance", "date")
FILTER_NOTICE = gettext_lazy("A filter in the address was not understood and has been ignored.")
FILTERS = {  # URL parameter → (search document field, type)
    "category": ("category_id", int),
    "item": ("item_id", int),
    "type": ("kind", str),
    "year": ("year", int),
    "office": ("office_id", int),
    # 发布机构 as the pages show it (the issuer as published, else the office).
    "issuer": ("issuer", "text"),
    "validity": ("validity_rank", int),
}
MAX_FILTER_TEXT = 200
PRIVATE_QUERY = "（含个人信息，未记录）"
RESULTS_SECONDS = 300


class SearchQuery(QueryParams):
    """The query string of the search page and the search API."""

    q = TextParam(max_length=MAX_ECHOED_QUERY)
    category = NumberParam(error_messages={"invalid": FILTER_NOTICE})
    item = NumberParam(error_messages={"invalid": FILTER_NOTICE})
    type = forms.RegexField(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$", required=False, error_messages={"invalid": FILTER_NOTICE})
    year = NumberParam(error_messages={"invalid": FILTER_NOTICE})
    office = NumberParam(error_messages={"invalid": FILTER_NOTICE})
    issuer = TextParam(max_length=MAX_FILTER_TEXT)
    validity = NumberParam(error_messages={"invalid": FILTER_NOTICE})
    sort = ChoiceParam(
        choices=[(sort, sort) for sort in SORTS],
        default="relevance",
        error_messages={"invalid_choice": gettext_lazy("Unknown sort order: results are sorted by relevance.")},
    )
    page = NumberParam(
        min_value=1,
        default=1,
        error_messages={
            "invalid": gettext_lazy("The page number was not understood: showing the first page."),
            "min_value": gettext_lazy("The page number was not understood: showing the first page."),
        },
    )


@dataclass
class SearchParams:
    """Everything a search request can ask for; every value is in the URL."""

    q: str = ""
    filters: dict = field(default_factory=dict)  # URL parameter → value
    sort: str = "relevance"
    page: int = 1
    notices: list = field(default_factory=list)

    @classmethod
    def from_query(cls, data):
        """Read a query string through `SearchQuery`: a value that is not
        understood is left out and explained in `notices`."""
        query = SearchQuery.read(data)
        values = query.values
        params = cls(q=values["q"], sort=values["sort"], page=min(values["page"], MAX_PAGE))
        params.filters = {name: values[name] for name in FILTERS if values[name] not in (None, "")}
        params.notices = [str(problem) for problem in query.problems]
        return params

    def url(self, **changes):
        """The query string of this search with some values changed (None
        removes one); `page` returns to 1 unless given."""
        values = {"q": self.q, **self.filters, "sort": self.sort if self.sort != "relevance" else None}
        changes.setdefault("page", None)
        values.update(changes)
        return "?" + urlencode([(key, value) for key, value in values.items() if value not in (None, "")])


@dataclass
class Hit:
    document: SearchDocument
    url: str
    title: str
    snippet: str
    type_label: str
    category: str
    item: str
    validity_label: str
    repealed: bool
    # English names of catalogue pages, shown on the English site (see site_tags.localized).
    title_en: str = ""
    category_en: str = ""
    item_en: str = ""

    def as_json(self):
        published = self.document.published
        return {
            "title": self.title,
            "url": self.url,
            "snippet": str(self.snippet),
            "type": self.type_label,
            "published": timezone.localtime(published).date().isoformat() if published else None,
            "category": self.category,
            "item": self.item,
            "validity": self.validity_label,
        }


@dataclass
class FacetOption:
    value: object
    label: str
    count: int
    selected: bool
    url: str
    label_en: str = ""

    @property
    def count_label(self):
        """ "(3 results)": translated here, not by the template (a facet has many options)."""
        return ngettext("(%(counter)s result)", "(%(counter)s results)", self.count) % {"counter": self.count}


@dataclass
class Facet:
    name: str
    label: str
    options: list
    clear_url: str
    selected: bool


@dataclass
class SearchOutcome:
    params: SearchParams
    query: object = None  # AnalysedQuery
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    facets: list = field(default_factory=list)
    promoted: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    relaxed: bool = False  # no result had every word: results with some of them
    fallback: bool = False  # the search engine could not be reached: the database answered
    unavailable: bool = False  # nothing could answer
    messages: list = field(default_factory=list)
    logged: tuple = None  # (text, found) when this search was counted in the query log

    @property
    def searched(self):
        return bool(self.query)

    @property
    def start_index(self):
        return (self.page - 1) * PER_PAGE + 1 if self.hits else 0

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def previous_url(self):
        return self.params.url(page=self.page - 1 if self.page > 2 else None)

    @property
    def next_url(self):
        return self.params.url(page=self.page + 1)

    @property
    def relevance_url(self):
        return self.params.url(sort=None)

    @property
    def date_url(self):
        return self.params.url(sort="date")


def _type_labels():
    return {model._meta.model_name: str(model._meta.verbose_name) for model in get_page_models()}


def _validity_labels():
    return dict(Validity.choices)


def _base_queryset(params, now):
    """Search documents not past their expiry, with the requested filters."""
    queryset = SearchDocument.objects.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    for name, value in params.filters.items():
        queryset = queryset.filter(**{FILTERS[name][0]: value})
    return queryset


def _search(backend, query, queryset, relevance=True):
    return backend.search(query, queryset, order_by_relevance=relevance)


@dataclass
class RankingTier:
    """A slice of the ranking: documents of one validity that match `query`."""

    validity_rank: int
    query: object
    size: int


class SearchRun:
    """One search on one backend. What is costly — the facet counts and the
    ranked page — is cached for `RESULTS_SECONDS` under the content
    generation (moved on by every change to the search documents and the
    synonyms, and at every expiry) and everything asked, so that a
    publication, a new synonym or an expiry is seen at once by every
    process."""

    def __init__(self, backend_name, analysed, params, synonyms):
        self.backend_name = backend_name
        self.synonyms = synonyms
        self.backend = backend_named(backend_name)
        self.analysed = analysed
        self.params = params
        self.now = timezone.now()
        self.queryset = _base_queryset(params, self.now)
        # The content generation moves on with every change to the search
        # documents (in their transaction; IndexVersion.bump for bulk
        # rebuilds) and at every expiry and end of validity (scheduled
        # changes): cached results are never read after either.
        self.key = (backend_name, generation.current().key, sorted(params.filters.items()))

    def cache_key(self, what):
        return "search:results:" + hashlib.sha256(repr((self.key, what)).encode()).hexdigest()

    def cached(self, what, compute):
        key = self.cache_key(what)
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, RESULTS_SECONDS)
        return value

    def counts(self, query, fields=FACET_FIELDS):
        return self.cached(
            ("counts", repr(query), fields),
            lambda: _search(self.backend, query, self.queryset, relevance=False).facets(fields),
        )

    def tiers(self, counts, relaxed):
        """The ranking, best tier first. Documents with the words next to
        each other as typed (the query's phrase) come first, valid before
        amended and expired ones; then the others by validity; within each
        validity, documents with the words as typed before those found only
        through a synonym. Repealed documents come last."""
        query = self.analysed.as_query(relaxed=relaxed)
        literal = self.analysed.as_query(relaxed=relaxed, synonyms=False) if self.analysed.has_synonyms else None
        phrase = self.analysed.phrase
        total = Counter(counts["validity_rank"])
        parts = []  # (query, counts by validity, is phrase, is literal)
        if phrase is not None:
            in_phrase = And([query, phrase])
            phrase_counts = Counter(self.counts(in_phrase, ["validity_rank"])["validity_rank"])
            parts.append((in_phrase, phrase_counts, True, True))
            rest_query, rest_counts, excluded = And([query, Not(phrase)]), total - phrase_counts, [Not(phrase)]
        else:
            rest_query, rest_counts, excluded = query, total, []
        if literal is None:
            parts.append((rest_query, rest_counts, False, True))
        else:
            with_literal = And([literal, *excluded])
            literal_counts = Counter(self.counts(with_literal, ["validity_rank"])["validity_rank"])
            parts.append((with_literal, literal_counts, False, True))
            parts.append((And([query, Not(literal), *excluded]), rest_counts - literal_counts, False, False))
        tiers = []
        for tier_query, by_rank, is_phrase, is_literal in parts:
            for rank, size in by_rank.items():
                if size > 0:
                    key = (rank == ValidityRank.REPEALED, not is_phrase, rank, not is_literal)
                    tiers.append((key, RankingTier(rank, tier_query, size)))
        return [tier for _key, tier in sorted(tiers, key=lambda pair: pair[0])]

    def page_ids(self, query, tiers, start, stop):
        """Page ids of the documents from `start` to `stop`: by date, or by
        relevance within the tiers."""
        if self.params.sort == "date":
            ordered = self.queryset.order_by("-published", "-page_id")
            return [doc.page_id for doc in _search(self.backend, query, ordered, relevance=False)[start:stop]]
        ids, offset = [], 0
        for tier in tiers:
            low, high = max(start - offset, 0), min(stop - offset, tier.size)
            if low < high:
                tier_documents = self.queryset.filter(validity_rank=tier.validity_rank)
                ids += [doc.page_id for doc in _search(self.backend, tier.query, tier_documents)[low:high]]
            offset += tier.size
            if offset >= stop:
                break
        return ids

    def run(self, outcome):
        """Fill in the totals of `outcome`; return the page's documents and the facet counts."""
        analysed, params = self.analysed, self.params
        relaxed = False
        counts = self.counts(analysed.as_query())
        if not sum(counts["validity_rank"].values()) and len(analysed.groups) > 1:
            relaxed_counts = self.counts(analysed.as_query(relaxed=True))
            if sum(relaxed_counts["validity_rank"].values()):
                counts, relaxed = relaxed_counts, True
        outcome.relaxed = relaxed
        outcome.total = sum(counts["validity_rank"].values())
        outcome.num_pages = min(math.ceil(outcome.total / PER_PAGE), MAX_PAGE)
        if params.page > max(outcome.num_pages, 1):
            outcome.messages.append(gettext("There are not that many result pages: showing the last one."))
        outcome.page = max(1, min(params.page, outcome.num_pages))
        if not outcome.total:
            return [], counts, {}
        start = (outcome.page - 1) * PER_PAGE
        query = analysed.as_query(relaxed=relaxed)
        ids = self.cached(
            ("page", repr(query), params.sort, start),
            lambda: self.page_ids(
                query, self.tiers(counts, relaxed) if params.sort == "relevance" else [], start, start + PER_PAGE
            ),
        )
        # The page shown — its documents (without their text) and snippets —
        # cached with the ranking: a repeated search loads and builds nothing.
        documents, snippets = self.cached(("shown", repr(query), tuple(ids)), lambda: self.shown(ids))
        return documents, counts, snippets

    def shown(self, ids):
        """The documents of `ids` in that order, and their snippets."""
        texts = SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "summary", "body", "page__title")
        snippets = {page_id: _snippet(summary, body, title, self.analysed) for page_id, summary, body, title in texts}
        documents = (
            SearchDocument.objects.filter(page_id__in=ids)
            .defer("summary", "body")
            .select_related("page", "category", "item")
        )
        by_id = {document.page_id: document for document in documents}
        return [by_id[page_id] for page_id in ids if page_id in by_id], snippets


def _query_notices(analysed):
    """What the page says about how the query was read."""
    notices = []
    if analysed.truncated:
        notices.append(
            gettext("Only the first %(count)d characters or words of a long query were searched.")
            % {"count": MAX_QUERY_CHARACTERS}
        )
    if analysed.had_operators:
        notices.append(
            gettext(
                "Quotation marks, brackets, *, - and AND/OR/NOT have no special meaning here: "
                "the words were searched as they are."
            )
        )
    return notices


def _fallback_run(outcome, error, backend_name, analysed, params, synonyms):
    """The search engine did not answer: the run on the fallback backend, or
    None (and a message) when there is none."""
    fallback = getattr(settings, "SEARCH_FALLBACK_BACKEND", None)
    if not fallback or fallback == backend_name:
        logger.exception("Search engine unavailable and no fallback backend configured.")
        outcome.unavailable = True
        outcome.messages.append(gettext("Search is not available at the moment. Please try again later."))
        return None
    logger.warning("Search engine unavailable (%s); searching the database instead.", error)
    outcome.fallback = True
    outcome.relaxed = False
    outcome.messages.append(
        gettext(
            "The search service is busy at the moment, so these results come from a simpler search "
            "and may be less complete."
        )
    )
    return SearchRun(fallback, analysed, params, synonyms)


def run_search(params, request=None, backend_name=None, log=True):
    """Search for `params` and return a `SearchOutcome`. Never raises for
    what a visitor typed."""
    outcome = SearchOutcome(params=params, messages=list(params.notices))
    # A document whose validity ended since it was indexed is rebuilt first
    # (one indexed query when none did). That moment is a scheduled change of
    # the content generation (search.apps), so no cached result outlives it,
    # and the rebuild moves the generation on again (IndexVersion.bump).
    _refresh_lapsed()
    # Any change to the synonyms moves the content generation on: every
    # process sees it at once.
    synonyms = generation.cached("search-synonyms", SynonymGroup.mapping)
    analysed = analyse_query(params.q, synonyms)
    outcome.query = analysed
    outcome.messages += _query_notices(analysed)
    if not analysed:
        if params.q:
            outcome.messages.append(
                gettext("There is nothing to search for in “%(query)s”: enter words or numbers.")
                % {"query": params.q[:MAX_QUERY_CHARACTERS]}
            )
        return outcome

    search_run = SearchRun(backend_name or "default", analysed, params, synonyms)
    try:
        documents, counts, snippets = search_run.run(outcome)
    except engine_errors() as error:
        search_run = _fallback_run(outcome, error, backend_name, analysed, params, synonyms)
        if search_run is None:
            return outcome
        documents, counts, snippets = search_run.run(outcome)

    outcome.hits = _hits(documents, snippets, request)
    outcome.facets = _facets(counts, params)
    if outcome.page == 1:
        outcome.promoted = _promoted(params.q, request)
    # A correction is offered whenever no result has every word typed and the correction finds all of its own.
    if not outcome.total or outcome.relaxed:
        outcome.suggestions = _suggestions(analysed, search_run)
    if log and outcome.page == 1 and not params.filters:
        outcome.logged = (analysed.text, outcome.total > 0 and not outcome.relaxed)
        log_search(*outcome.logged)
    return outcome


_lapsed_checked_under = None  # the content generation of the last check in this process


def _refresh_lapsed():
    """Documents whose validity ended since they were indexed are rebuilt
    first (失效 in search at once). Once per content generation and process:
    the end of a validity is a scheduled change of the generation, so
    nothing lapses under a generation already checked (a rebuild moves it
    on, and the next search checks again)."""
    global _lapsed_checked_under
    checked_under = generation.current().key
    if checked_under == _lapsed_checked_under:
        return
    try:
        refresh_lapsed()
    except Exception:
        logger.exception("Lapsed search documents not refreshed")
        return
    _lapsed_checked_under = checked_under


def _english_titles(ids):
    """English names of catalogue pages, only for the English interface (no query in Chinese)."""

    return english_titles(ids) if ids and english_interface() else {}


def _snippet(summary, body, title, analysed):
    """The snippet of one result (only the results of the page shown get one)."""
    text = "\n".join(part for part in (summary, body) if part) or title
    work.add("search.snippets")
    return str(snippet(text, analysed.highlight_terms))


def _hits(documents, snippets, request):
    types, validities = _type_labels(), _validity_labels()
    english = _english_titles(
        {pk for document in documents for pk in (document.page_id, document.category_id, document.item_id) if pk}
    )
    hits = []
    for document in documents:
        page = document.page
        hits.append(
            Hit(
                document=document,
                url=page.get_url(request) or page.url_path,
                title=page.title,
                snippet=mark_safe(snippets.get(document.page_id, "")),
                type_label=types.get(document.kind, document.kind),
                category=document.category.title if document.category else "",
                item=document.item.title if document.item and document.item_id != page.pk else "",
                validity_label=str(validities.get(document.validity, "")) if document.validity else "",
                repealed=document.validity_rank == ValidityRank.REPEALED,
                title_en=english.get(page.pk, ""),
                category_en=english.get(document.category_id, ""),
                item_en=english.get(document.item_id, "") if document.item_id != page.pk else "",
            )
        )
    return hits


def _facets(counts, params):
    ids = {value for name in ("category_id", "item_id") for value in counts[name] if value}
    # Read once per content generation (a title changed moves it on).
    titles = generation.cached(
        f"search-facet-titles:{sorted(ids)}",
        lambda: dict(Page.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {},
    )
    english = generation.cached(f"search-facet-english:{get_language()}:{sorted(ids)}", lambda: _english_titles(ids))
    types = _type_labels()
    validity = dict(ValidityRank.choices)
    specs = [
        ("category", gettext("Category"), "category_id", lambda value: titles.get(value), None),
        ("item", gettext("Catalogue item"), "item_id", lambda value: titles.get(value), None),
        ("type", gettext("Type"), "kind", lambda value: types.get(value), None),
        ("year", gettext("Year published"), "year", str, lambda option: -option.value),
        ("issuer", gettext("Issuing office"), "issuer", lambda value: value, None),
        (
            "validity",
            gettext("Validity"),
            "validity_rank",
            lambda value: str(validity.get(value, "")),
            lambda o: o.value,
        ),
    ]
    facets = []
    for param, label, field_name, label_of, order in specs:
        options = []
        for value, count in counts[field_name].items():
            if value is None or not count:
                continue
            option_label = label_of(value)
            if not option_label:
                continue
            selected = params.filters.get(param) == value
            # Catalogue names have English names; issuers are content (Chinese); the rest are interface words.
            if param in ("category", "item"):
                label_en = english.get(value, "")
            elif param == "issuer":
                label_en = ""
            else:
                label_en = option_label
            options.append(FacetOption(value, option_label, count, selected, params.url(**{param: value}), label_en))
        options.sort(key=order or (lambda option: (-option.count, option.label)))
        if options:
            facets.append(Facet(param, label, options, params.url(**{param: None}), selected=param in params.filters))
    return facets


def _promoted(raw_query, request):

    candidates = {normalise_query_string(raw_query), normalise_query_string(normalise(raw_query))}

    def shown():
        """The promotions of the query whose page is live and public (a
        draft, unpublished or private page is never shown), for the generation."""
        promotions = list(
            SearchPromotion.objects.filter(query__query_string__in=candidates)
            .select_related("page")
            .order_by("sort_order")
        )
        page_ids = [p.page_id for p in promotions if p.page_id]
        public_ids = (
            set(published(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)) if page_ids else set()
        )
        return [p for p in promotions if not p.page_id or p.page_id in public_ids]

    result = []
    for promotion in generation.cached(f"search-promotions:{sorted(candidates)}", shown):
        url = promotion.page.get_url(request) if promotion.page_id else promotion.external_link_url
        result.append({"title": promotion.title, "url": url, "description": promotion.description})
    return result


def _suggestions(analysed, search_run):
    everything = _base_queryset(SearchParams(), search_run.now)

    def has_results(text):
        candidate = analyse_query(text)
        if not candidate:
            return False
        return _search(search_run.backend, candidate.as_query(), everything, relevance=False).count() > 0

    try:
        return search_run.cached(
            ("suggestions", analysed.text),
            lambda: suggestions.suggest(analysed.text, search_run.key[1], search_run.synonyms, has_results),
        )
    except engine_errors():
        return []


def log_search(text, found):
    """Count a search in the query log (the search report), without personal
    data. Counted in memory and written at most every
    SEARCH_LOG_FLUSH_SECONDS (default 10) by the process: a search served
    from the page cache costs no database write."""

    query = text[:100]
    if screen_text(query):
        query = PRIVATE_QUERY
    query_log.add(query, found)


class QueryLogBuffer:
    """Searches counted per (day, query) in this process, written in one
    transaction when due. At most the last few seconds of counts are lost
    if the process dies."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = {}
        self.last_write = time.monotonic()

    def add(self, query, found):
        key = (timezone.localdate(), query)
        with self.lock:
            searches, zero = self.pending.get(key, (0, 0))
            self.pending[key] = (searches + 1, zero + (0 if found else 1))
            due = time.monotonic() - self.last_write >= getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", 10)
        if due or len(self.pending) >= 1000:
            self.flush()

    def discard(self):
        """Drop the counts not yet written (their transaction was rolled back: tests)."""
        with self.lock:
            self.pending = {}
            self.last_write = time.monotonic()

    def flush(self):
        with self.lock:
            pending, self.pending = self.pending, {}
            self.last_write = time.monotonic()
        if not pending:
            return
        try:
            # A statistic: never worth making a visitor wait for a lock (an import holding SQLite's write lock).
            with write_without_waiting(), transaction.atomic():
                for (day, query), (searches, zero) in pending.items():
                    QueryLogEntry.record(query, searches=searches, zero_results=zero, day=day)
        except OperationalError as error:  # the lock not granted at once: these searches are not counted
            logger.warning("Search query not logged (%s)", error)
        except Exception:
            logger.exception("%d searches not logged", sum(count for count, _zero in pending.values()))


query_log = QueryLogBuffer()
atexit.register(query_log.flush)
