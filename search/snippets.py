"""Snippets: the passage of a document's original text that best matches
the query, escaped, with the matched words in <mark>. The same on every
backend, because it works on the text as written.

The cost is linear in the text and bounded: at most `MAX_SOURCE`
characters of a document are looked at and at most `MAX_SPANS` matches
are used, and the best window is found in one pass over the matches (two
pointers). The search service computes snippets only for the page of
results shown and caches them with the results."""

import re
import unicodedata
from collections import Counter

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import work

SNIPPET_LENGTH = 120
MAX_SOURCE = 100_000  # characters of a document looked at for its snippet
MAX_SPANS = 5_000  # matches used to choose the passage
MAX_TERMS = 64  # distinct words highlighted

_SPACES_RE = re.compile(r"\s+")


def _normalised_with_map(text):
    """NFKC + lower case of `text`, and for each character of the result the
    index of the original character it came from (None when it is the same
    index: the text was already normalised, the common case)."""
    lowered = text.lower()
    if len(lowered) == len(text) and unicodedata.is_normalized("NFKC", lowered):
        return lowered, None
    out, positions = [], []
    for index, char in enumerate(text):
        for normalised in unicodedata.normalize("NFKC", char).lower():
            out.append(normalised)
            positions.append(index)
    return "".join(out), positions


def _spans(text, terms):
    """(start, end) of the occurrences of the terms in `text` (original
    positions), longest term first, not overlapping, at most MAX_SPANS."""
    terms = sorted({term for term in terms if term}, key=len, reverse=True)[:MAX_TERMS]
    if not terms or not text:
        return []
    folded, positions = _normalised_with_map(text)
    work.add("snippet.characters", len(text))
    pattern = re.compile("|".join(re.escape(term) for term in terms))
    spans = []
    for match in pattern.finditer(folded):
        if positions is None:
            spans.append((match.start(), match.end()))
        else:
            spans.append((positions[match.start()], positions[match.end() - 1] + 1))
        if len(spans) >= MAX_SPANS:
            break
    work.add("snippet.spans", len(spans))
    return spans


def _best_start(text, spans, length):
    """The start of the match that opens the window of `length` characters
    holding the most distinct matched words (then the most matches), in one
    pass: the window's end only moves forward."""
    best_start, best_score = spans[0][0], -1
    in_window = Counter()
    end = 0  # spans[start_index:end] are in the window
    for start_index, (start, _end) in enumerate(spans):
        if end < start_index:
            end = start_index
        while end < len(spans) and spans[end][1] <= start + length:
            in_window[text[spans[end][0] : spans[end][1]].lower()] += 1
            end += 1
            work.add("snippet.steps")
        count = end - start_index
        score = len(in_window) * 1000 + count
        if score > best_score:
            best_start, best_score = start, score
        if count:
            word = text[start:_end].lower()
            in_window[word] -= 1
            if not in_window[word]:
                del in_window[word]
        work.add("snippet.steps")
    return best_start


def snippet(text, terms, length=SNIPPET_LENGTH):
    """The window of `text` holding the most distinct matched words, escaped
    and marked; the beginning of the text when nothing matches."""
    text = _SPACES_RE.sub(" ", (text or "")[:MAX_SOURCE]).strip()
    if not text:
        return mark_safe("")
    spans = _spans(text, terms)
    if not spans:
        return _render(text, 0, min(length, len(text)), [])
    best_start = _best_start(text, spans, length)
    # Start a little before the first match, at a sentence break if there is one.
    start = max(0, best_start - length // 4)
    for breaker in "。；！？;!?\n":
        cut = text.rfind(breaker, start, best_start)
        if cut != -1:
            start = cut + 1
            break
    end = min(len(text), start + length)
    return _render(text, start, end, spans)


def _render(text, start, end, spans):
    parts, position = [], start
    for span_start, span_end in spans:
        if span_start < position:
            continue
        if span_end > end:
            break
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
