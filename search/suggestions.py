"""“Did you mean”: when a query finds nothing, queries that differ from it
by one character (a wrong, missing or extra character) and use words of
the site's titles or its synonyms, the most common words first."""

import hashlib
from collections import Counter

from django.core.cache import cache

from .analysis import normalise, tokens_precise
from .models import SearchDocument

VOCABULARY_TITLES = 20_000
VOCABULARY_SECONDS = 3600
MAX_SUGGESTIONS = 3
MAX_CHECKED = 6  # candidates searched to confirm they find something


def _keys(word):
    """Keys shared by words one edit apart: a wildcard in each position
    (substitution) and each one-character deletion (insertion/deletion)."""
    keys = {word}
    for index in range(len(word)):
        keys.add(word[:index] + "?" + word[index + 1 :])
        keys.add(word[:index] + word[index + 1 :])
    return keys


def vocabulary(version, synonyms):
    """(frequency of each title word and synonym, key → words), cached per
    `version` of the search documents and per set of synonyms."""
    key = "search:vocabulary:" + hashlib.sha256(repr((version, sorted(synonyms.items()))).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached

    frequency = Counter()
    titles = SearchDocument.objects.order_by("-published").values_list("page__title", flat=True)
    for title in titles[:VOCABULARY_TITLES]:
        frequency.update(word for word in tokens_precise(title) if len(word) >= 2)
    for term, others in synonyms.items():
        for word in [term, *others]:
            frequency[word] += 1
    index = {}
    for word in frequency:
        for word_key in _keys(word):
            index.setdefault(word_key, set()).add(word)
    result = (frequency, index)
    cache.set(key, result, VOCABULARY_SECONDS)
    return result


def suggest(query_text, version, synonyms, has_results):
    """Up to three corrected queries for `query_text` (normalised) that
    `has_results(query)` confirms find something."""
    text = normalise(query_text)
    if not text or len(text) > 30:
        return []
    frequency, index = vocabulary(version, synonyms)
    candidates = Counter()
    compact = text.replace(" ", "")
    for length in (2, 3, 4):
        for start in range(0, len(compact) - length + 1):
            part = compact[start : start + length]
            if part in frequency:
                continue
            for part_key in _keys(part):
                for word in index.get(part_key, ()):
                    # Two characters differ from another word only by a wrong character.
                    allowed = 0 if length == 2 else 1
                    if word != part and abs(len(word) - len(part)) <= allowed:
                        corrected = compact[:start] + word + compact[start + length :]
                        candidates[corrected] = max(candidates[corrected], frequency[word])
    suggestions = []
    for corrected, _count in candidates.most_common(MAX_CHECKED):
        if corrected != compact and has_results(corrected):
            suggestions.append(corrected)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
    return suggestions
