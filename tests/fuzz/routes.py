"""What the fuzzing suite tries: every public URL pattern (from the URL
resolver, so a new view is covered without being listed), every page
type's URL (and the sub-routes of routable pages), the names of the query
parameters the site reads (every `core.params.QueryParams` form, and every
field of every GET form the pages show), hostile values, and how a
response is judged (no 5xx, bounded size, well-formed HTML or JSON).

Hypothesis settings: the "ci" profile (default) keeps the suite to a few
minutes; HYPOTHESIS_PROFILE=thorough tries many more inputs."""

import contextlib
import json
import os
import re
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = {
    "deadline": None,  # bounds are asserted with work counters and sizes, not clocks
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("fuzz-ci", max_examples=12, derandomize=True, **_COMMON)
settings.register_profile("fuzz-thorough", max_examples=300, **_COMMON)
FUZZ = settings.get_profile("fuzz-" + os.environ.get("HYPOTHESIS_PROFILE", "ci").removeprefix("fuzz-"))

NOT_PUBLIC = ("admin/",)
MAX_RESPONSE_BYTES = 2 * 1024 * 1024

# Values that broke or could break a parser somewhere.
NASTY = [
    "",
    " ",
    "²",
    "①",
    "٢٠٢٤",
    "１２",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2024.0",
    "0x7e8",
    "\x00",
    "%00",
    "\u200b",
    "\ufeff",
    "\U0001f600",
    "'",
    '"',
    "<script>alert(1)</script>",
    "{{7*7}}",
    "${7*7}",
    "' OR '1'='1",
    "../../../../etc/passwd",
    "a" * 5000,
    "招生" * 600,
    '=HYPERLINK("http://evil.example/")',
    "学校 招生 入学 工作 规定 公开 范围 按照 做好 应当",
    "\r\nSet-Cookie: x=1",
    "%E0%A4%A",
]
EXTRA_NAMES = ["q", "page", "year", "address", "stage", "type", "sort", "format", "next", "export", "lang", "code"]


def _field_names():
    from core.params import QueryParams

    names, pending = set(), list(QueryParams.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        names.update(form.base_fields)
    return names


def param_names():
    return sorted(_field_names() | set(EXTRA_NAMES))


def values():
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=300),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=12),
    )


def query(names):
    """A query string's parameters: known names and a few unknown ones, values hostile; some repeated."""
    name = st.one_of(
        st.sampled_from(names), st.sampled_from(names), st.sampled_from(names), st.text(min_size=1, max_size=20)
    )
    return st.lists(st.tuples(name, values()), min_size=1, max_size=6)


# ---- the URL patterns -------------------------------------------------------------------

_CONVERTER_VALUES = {
    "int": st.integers(min_value=0, max_value=10**20).map(str),
    "year": st.integers(min_value=0, max_value=9999).map(lambda year: f"{year:04d}"),
    "slug": st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True),
    "uuid": st.uuids().map(str),
    "str": st.text(
        alphabet=st.characters(blacklist_characters="/", blacklist_categories=["Cs"]), min_size=1, max_size=80
    ),
    "path": st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=120),
}
_PART_RE = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _route_strategy(route):
    """Generated paths for a RoutePattern string such as 'catchment/zones/<year:year>.csv'."""
    parts, position = [], 0
    for match in _PART_RE.finditer(route):
        parts.append(st.just(route[position : match.start()]))
        parts.append(_CONVERTER_VALUES.get(match.group("converter") or "str", _CONVERTER_VALUES["str"]))
        position = match.end()
    parts.append(st.just(route[position:]))
    return st.tuples(*parts).map("".join)


def _regex_strategy(regex):
    return st.from_regex(regex.lstrip("^").rstrip("$") or "x", fullmatch=True).filter(lambda text: "\n" not in text)


def public_patterns(include_admin=False):
    """[(name, [pattern pieces])]: every URL pattern not under the admin (or
    every one, with `include_admin`), as the resolver has them."""
    found = []

    def walk(patterns, pieces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, [*pieces, pattern.pattern])
            elif isinstance(pattern, URLPattern):
                full = [*pieces, pattern.pattern]
                text = "".join(str(piece) for piece in full)
                if include_admin or not text.startswith(NOT_PUBLIC):
                    found.append((pattern.name or text, full))

    walk(get_resolver().url_patterns, [])
    return found


def path_strategy(pieces):
    """Paths generated for one pattern (its route or regex pieces joined)."""
    strategies = []
    for piece in pieces:
        if isinstance(piece, RoutePattern):
            strategies.append(_route_strategy(str(piece)))
        elif isinstance(piece, RegexPattern):
            strategies.append(_regex_strategy(str(piece)))
        else:  # LocalePrefixPattern: the default language has no prefix; English is /en/
            strategies.append(st.sampled_from(["", "en/"]))
    return st.tuples(*strategies).map(lambda parts: "/" + "".join(parts))


def page_urls():
    """One live page of each page type, and the sub-routes of routable pages."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    urls, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page)
        if kind in seen:
            continue
        seen.add(kind)
        url = page.get_url()
        if not url:
            continue
        urls.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_resolver().url_patterns:
                with contextlib.suppress(Exception):
                    urls.append(url.rstrip("/") + page.reverse_subpage(pattern.name))
    return urls


# ---- judging a response -----------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets one leave out.
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup"}


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.doctype = [], [], False

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


def html_problems(text):
    parser = _Balance()
    parser.feed(text)
    parser.close()
    problems = list(parser.problems[:5])
    if not parser.doctype:
        problems.append("no <!DOCTYPE html>")
    if not re.search(r"<html[^>]*\blang=", text):
        problems.append("no <html lang=…>")
    unclosed = [tag for tag in parser.stack if tag not in OPTIONAL_END]
    if unclosed:
        problems.append(f"unclosed: {unclosed[:5]}")
    return problems


def judge(response, where):
    """The response is not a 5xx, is bounded, and is well-formed HTML or JSON."""
    assert response.status_code < 500, f"{where}: HTTP {response.status_code}"
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    assert len(content) <= MAX_RESPONSE_BYTES, f"{where}: {len(content)} bytes"
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html") and response.status_code not in (301, 302, 303, 307, 308) and content:
        text = content.decode("utf-8")
        problems = html_problems(text)
        assert not problems, f"{where}: {problems}"
        assert "Content-Security-Policy" in response, f"{where}: HTML without a CSP"
    elif kind.startswith("application/json"):
        json.loads(content.decode("utf-8"))
    return content
