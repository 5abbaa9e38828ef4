"""Snippets: the passage of a document's original text that best matches
the query, escaped, with the matched words in <mark>. The same on every
backend, because it works on the text as written."""
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120


def _normalised_with_map(text):
    """NFKC + lower case of `text`, and for each character of the result the
    index of the original character it came from."""
    out, positions = [], []
    for index, char in enumerate(text):
        for normalised in unicodedata.normalize("NFKC", char).lower():
            out.append(normalised)
            positions.append(index)
    return "".join(out), positions


def _spans(text, terms):
    """(start, end) of every occurrence of the terms in `text` (original
    positions), longest term first, not overlapping."""
    terms = [term for term in terms if term]
    if not terms or not text:
        return []
    folded, positions = _normalised_with_map(text)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True)))
    spans = []
    for match in pattern.finditer(folded):
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        spans.append((start, end))
    return spans


def snippet(text, terms, length=SNIPPET_LENGTH):
    """The window of `text` holding the most distinct matched words, escaped
    and marked; the beginning of the text when nothing matches."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return mark_safe("")
    spans = _spans(text, terms)
    if not spans:
        return _render(text, 0, min(length, len(text)), [])
    best_start, best_score = spans[0][0], -1
    for start, _end in spans:
        window = [span for span in spans if start <= span[0] and span[1] <= start + length]
        score = len({text[a:b].lower() for a, b in window}) * 1000 + len(window)
        if score > best_score:
            best_start, best_score = start, score
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
        if span_start < position or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
