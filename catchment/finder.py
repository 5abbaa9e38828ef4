"""The finder's data: which years have published zones, and a compiled
matcher per year, kept in memory.

Only live, public, unexpired zone pages that are in force (not repealed or
amended) are used: drafts are never reachable. A year's matcher is kept with
the content generation it was last checked under (core.generation: it moves
on with every change that can alter public output, zones included, and at
every scheduled expiry). Under the same generation the matcher is used as
it is, without a query; under a new one, one query reads the version of the
year's zones — how many such pages there are, the sum of their ids and the
latest publication — and the matcher is rebuilt only when that changed. The
generation and the version live in the database, so every process (each
gunicorn worker) sees a publish, unpublish, deletion, move under a view
restriction or expiry at its next lookup, without a shared cache or signals
to miss."""

import datetime
import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum

from core import generation
from disclosure.listings import published
from disclosure.models import EnrolmentZonePage, ZoneRule
from disclosure.models.base import Validity

from .address import parse_address
from .matching import EXACT, Matcher, Zone

_lock = threading.Lock()
_matchers = {}  # year → (generation key, zones_version, Matcher)


def live_zones():
    """Zone pages the public may see and rely on."""
    return published(EnrolmentZonePage.objects.all()).exclude(validity__in=[Validity.REPEALED, Validity.AMENDED])


def years():
    """Years with published zones, newest first (read once per content generation)."""
    return generation.cached(
        "catchment-years", lambda: sorted(set(live_zones().values_list("year", flat=True)), reverse=True)
    )


def current_enrolment_year(today=None):
    """The year children start school this year (the zone pages' default year)."""
    return (today or datetime.date.today()).year


def default_year(available, today=None):
    """The current enrolment year when its zones are published, else the newest year that has zones."""
    current = current_enrolment_year(today)
    if current in available:
        return current
    return available[0] if available else None


def zones_version(year):
    """What changes whenever the year's live zones change: their count,
    the sum of their ids, their latest publication."""
    row = live_zones().filter(year=year).aggregate(count=Count("id"), ids=Sum("id"), latest=Max("last_published_at"))
    return (row["count"], row["ids"], row["latest"])


def build_matcher(year):
    pages = live_zones().filter(year=year).values_list("id", "stage", "school__name")
    zones = [Zone(id=page_id, stage=stage, school=school) for page_id, stage, school in pages]
    rules = ZoneRule.objects.filter(page_id__in=[zone.id for zone in zones]).order_by("page_id", "sort_order", "id")
    return Matcher(zones, [(rule.page_id, rule) for rule in rules])


def matcher_for(year):
    """The year's matcher: as it is while the content generation has not
    moved on since it was last checked, else rebuilt if its zones' version
    changed."""
    checked_under = generation.current().key
    cached = _matchers.get(year)
    if cached is not None and cached[0] == checked_under:
        return cached[2]
    current = zones_version(year)
    with _lock:
        cached = _matchers.get(year)
        matcher = cached[2] if cached is not None and cached[1] == current else build_matcher(year)
        _matchers[year] = (checked_under, current, matcher)
        return matcher


def clear_cache():
    with _lock:
        _matchers.clear()


# Other years searched when the chosen year has no match (newest first).
OTHER_YEARS_SEARCHED = 5


@dataclass
class OtherYear:
    """Another published year whose zones name the address."""

    year: int
    exact: list  # schools named exactly
    candidates: list  # schools possible


@dataclass
class Lookup:
    address: object  # catchment.address.Address
    year: int
    matches: list  # catchment.matching.Match
    other_years: list = field(default_factory=list)  # OtherYear, when the year has no match


def lookup(text, year, available=()):
    """Normalise the address and match it against the year's zones; when
    nothing matches, the other years of `available` (at most
    OTHER_YEARS_SEARCHED of them) that do."""
    address = parse_address(text)
    matches = matcher_for(year).match(address) if not address.is_empty else []
    found = Lookup(address=address, year=year, matches=matches)
    if not matches and not address.is_empty:
        for other in [y for y in available if y != year][:OTHER_YEARS_SEARCHED]:
            other_matches = matcher_for(other).match(address)
            if other_matches:
                found.other_years.append(
                    OtherYear(
                        year=other,
                        exact=[m.zone.school for m in other_matches if m.confidence == EXACT],
                        candidates=[m.zone.school for m in other_matches if m.confidence != EXACT],
                    )
                )
    return found


def examples(year):
    """Addresses the year's zones decide exactly (see Matcher.examples)."""
    if year is None:
        return {"address": "", "street": "", "place": ""}
    return matcher_for(year).examples


def zone_pages(ids):
    """{id: zone page} with what the finder shows, in a fixed number of
    queries, read once per content generation for the same matches."""

    def read():
        pages = (
            live_zones()
            .filter(id__in=ids)
            .defer("body", "attachments")  # not shown by the finder
            .select_related("school", "issuing_office")
            .prefetch_related("key_dates")
        )
        return {page.id: page for page in pages}

    return generation.cached(f"catchment-zone-pages:{sorted(ids)}", read) if ids else {}
