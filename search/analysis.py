"""The one Chinese text analysis of the site, used when indexing and when
querying on every search backend (SQLite, PostgreSQL, Elasticsearch), so
that all of them see the same words.

Text is normalised (NFKC: full-width letters and digits become ASCII;
lower case) and segmented with jieba in search mode without HMM word
discovery: a word jieba does not know is split into single characters
the same way wherever it occurs, so a query and a document agree. The
backends receive the words joined by spaces and only split on spaces.
The original text is never changed: it is kept for display.

A query becomes one *group* per word the user typed (precise mode). A
document matches a group when it contains the word or one of the shorter
dictionary words inside it (search mode), or a synonym of it; a document
matches the query when it matches every group (`relaxed`: any group).
"""

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from modelsearch.query import And, Or, Phrase, PlainText

from core import work
from core.text import without_control_characters

USER_DICTIONARY = Path(__file__).resolve().parent / "data" / "userdict.txt"

# A token is a run of letters and digits (Chinese characters are letters).
_WORD_RE = re.compile(r"[^\W_]+")
_SPACES_RE = re.compile(r"\s+")
# What people type as search syntax: quotes, wildcards, exclusion, grouping,
# boolean operators and field prefixes. None of it has a meaning here.
_OPERATOR_RE = re.compile(r"[\"'“”‘’*?~^()（）\[\]{}:：|&!+]|(?:^|\s)-\S|\b(?:AND|OR|NOT)\b")
_BOOLEAN_WORDS = {"and", "or", "not"}

# Words that carry no meaning in a query on their own: dropped from the
# query (when something else is left), never from the index.
STOP_WORDS = frozenset(
    [
        "的",
        "地",
        "得",
        "了",
        "着",
        "过",
        "和",
        "与",
        "及",
        "以及",
        "或",
        "或者",
        "在",
        "是",
        "对",
        "于",
        "把",
        "被",
        "让",
        "给",
        "等",
        "之",
        "也",
        "都",
        "就",
        "还",
        "又",
        "并",
        "而",
        "呢",
        "吗",
        "吧",
        "啊",
        "呀",
        "么",
        "哪",
        "哪里",
        "怎么",
        "怎么办",
        "怎样",
        "如何",
        "什么",
        "哪些",
        "哪个",
        "多少",
        "有没有",
        "是否",
        "能否",
        "可否",
        "我",
        "我们",
        "你",
        "你们",
        "您",
        "他",
        "她",
        "它",
        "他们",
        "我家",
        "俺",
        "请问",
        "请",
        "想",
        "想要",
        "要",
        "能",
        "能不能",
        "可以",
        "需要",
        "应该",
        "关于",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "for",
        "on",
        "by",
        "with",
        "and",
        "or",
        "not",
    ]
)

MAX_QUERY_CHARACTERS = 100
MAX_QUERY_GROUPS = 12
MAX_PHRASE_WORDS = 32
# Synonym expansion, the same on every backend: a word finds at most
# MAX_SYNONYMS_PER_WORD other words, and a whole query searches at most
# MAX_QUERY_TERMS words (the words typed always count; synonyms are
# dropped from the last words first). An FTS5, PostgreSQL or
# Elasticsearch query is therefore never larger than MAX_QUERY_TERMS words.
MAX_SYNONYMS_PER_WORD = 9
MAX_QUERY_TERMS = 48

_init_lock = threading.Lock()
_initialised = False


def _tokenizer():
    global _initialised
    if not _initialised:
        with _init_lock:
            if not _initialised:
                jieba.setLogLevel(60)
                jieba.initialize()
                if USER_DICTIONARY.exists():
                    jieba.load_userdict(str(USER_DICTIONARY))
                _initialised = True
    return jieba


def normalise(text):
    """NFKC (full-width → ASCII, compatibility forms), lower case, single
    spaces, no control characters."""
    text = unicodedata.normalize("NFKC", without_control_characters(text)).lower()
    return _SPACES_RE.sub(" ", text).strip()


def _words(token):
    """The letter/digit runs in a jieba token (it may contain punctuation)."""
    return _WORD_RE.findall(token)


def tokens(text):
    """The index words of `text`, in order: jieba search mode, no HMM."""
    text = normalise(text)
    if not text:
        return []
    result = []
    for token in _tokenizer().cut_for_search(text, HMM=False):
        result.extend(_words(token))
    return result


def index_text(value):
    """What a backend indexes for `value` (a string or a list of strings):
    its words separated by spaces."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value if item is not None)
    elif isinstance(value, dict):
        value = " ".join(str(item) for item in value.values() if item is not None)
    return " ".join(tokens(value))


@dataclass
class Group:
    """One word of the query with the forms that satisfy it. `alternatives`
    are lists of words that must all occur (a multi-word synonym)."""

    word: str
    forms: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)
    synonym: bool = False

    def as_query(self, synonyms=True):
        if self.synonym and not synonyms:
            return _words_query(self.alternatives[0])
        parts = []
        if self.forms:
            parts.append(PlainText(" ".join(self.forms), operator="or"))
        parts += [_words_query(words) for words in self.alternatives]
        return parts[0] if len(parts) == 1 else Or(parts)

    @property
    def surface_forms(self):
        """Strings to highlight in the original text."""
        forms = [self.word, *self.forms]
        forms += ["".join(words) for words in self.alternatives]
        forms += [word for words in self.alternatives for word in words]
        return forms

    @property
    def size(self):
        """Words this group searches for."""
        return len(self.forms) + sum(len(words) for words in self.alternatives)


def _words_query(words):
    """All of `words`."""
    return PlainText(" ".join(words), operator="and" if len(words) > 1 else "or")


@dataclass
class AnalysedQuery:
    text: str  # the normalised query as searched
    groups: list
    truncated: bool = False
    had_operators: bool = False
    synonyms_limited: bool = False  # some synonyms were left out to keep the query small

    def __bool__(self):
        return bool(self.groups)

    def as_query(self, relaxed=False, synonyms=True):
        """Every group (`relaxed`: any group); without `synonyms`, only the
        words as typed."""
        queries = [group.as_query(synonyms) for group in self.groups]
        if len(queries) == 1:
            return queries[0]
        return Or(queries) if relaxed else And(queries)

    @property
    def has_synonyms(self):
        return any(group.synonym for group in self.groups)

    @property
    def highlight_terms(self):
        terms = {term for group in self.groups for term in group.surface_forms if term}
        return sorted(terms, key=len, reverse=True)

    @property
    def words(self):
        return [group.word for group in self.groups]

    @property
    def phrase(self):
        """The words as typed, next to each other: the index words of the
        query text in order (jieba's search mode gives a text's words the
        same way wherever it occurs), as a phrase query; None when that is
        a single word (then it is the query itself)."""
        words = [word for chunk in self.text.split(" ") for word in tokens(chunk)][:MAX_PHRASE_WORDS]
        if len(words) < 2:
            return None
        return Phrase(" ".join(words))


def _word_groups(text):
    """Precise-mode words of `text` with the search-mode words inside each."""
    tokenizer = _tokenizer()
    precise = [(w, start, end) for w, start, end in tokenizer.tokenize(text, mode="default", HMM=False)]
    inner = [(w, start, end) for w, start, end in tokenizer.tokenize(text, mode="search", HMM=False)]
    groups = []
    for word, start, end in precise:
        for part in _words(word):
            forms = []
            for sub, sub_start, sub_end in inner:
                if start <= sub_start and sub_end <= end:
                    for sub_word in _words(sub):
                        if sub_word != part and sub_word not in forms and sub_word in part:
                            forms.append(sub_word)
            groups.append(Group(word=part, forms=[part, *forms]))
    return groups


def _synonym_alternatives(term, expansions):
    """The word itself and at most MAX_SYNONYMS_PER_WORD synonyms, each as its words."""
    alternatives = []
    for expansion in [term, *expansions]:
        words = tokens_precise(expansion)[:MAX_QUERY_GROUPS]
        if words and words not in alternatives:
            alternatives.append(words)
        if len(alternatives) > MAX_SYNONYMS_PER_WORD:
            break
    work.add("search.synonym_alternatives", len(alternatives))
    return alternatives


def _bounded(groups):
    """Drop synonyms, from the last group back, until the query searches at
    most MAX_QUERY_TERMS words; True if any was dropped."""
    limited = False
    for group in reversed(groups):
        if sum(group.size for group in groups) <= MAX_QUERY_TERMS:
            break
        if group.synonym and len(group.alternatives) > 1:
            excess = sum(group.size for group in groups) - MAX_QUERY_TERMS
            while len(group.alternatives) > 1 and excess > 0:
                excess -= len(group.alternatives.pop())
            limited = True
    return limited


def tokens_precise(text):
    """Precise-mode words of `text` (for multi-word synonyms)."""
    result = []
    for token in _tokenizer().cut(normalise(text), HMM=False):
        result.extend(_words(token))
    return result


def analyse_query(raw, synonyms=None):
    """Turn what the user typed into an `AnalysedQuery`. `synonyms` maps a
    normalised term to the normalised terms it also finds (see
    `search.models.Synonym.mapping`)."""
    raw = str(raw or "")
    had_operators = bool(_OPERATOR_RE.search(raw))
    text = normalise(raw)
    truncated = len(text) > MAX_QUERY_CHARACTERS
    text = text[:MAX_QUERY_CHARACTERS]
    groups = []
    for chunk, term in _split_on_synonyms(text, synonyms or {}):
        if term is not None:
            groups.append(Group(word=term, alternatives=_synonym_alternatives(term, synonyms[term]), synonym=True))
        else:
            groups.extend(_word_groups(chunk))
    meaningful = [group for group in groups if group.synonym or group.word not in STOP_WORDS]
    if any(group.word in _BOOLEAN_WORDS for group in groups):
        had_operators = True
    groups = meaningful or [group for group in groups if group.word not in _BOOLEAN_WORDS]
    unique = []
    for group in groups:
        if all(group.word != other.word for other in unique):
            unique.append(group)
    if len(unique) > MAX_QUERY_GROUPS:
        unique, truncated = unique[:MAX_QUERY_GROUPS], True
    limited = _bounded(unique)
    return AnalysedQuery(
        text=text, groups=unique, truncated=truncated, had_operators=had_operators, synonyms_limited=limited
    )


def _split_on_synonyms(text, synonyms):
    """[(chunk, None) | (term, term)]: the text cut around the synonym terms
    it contains, the longest term at each position first. Linear in the
    text: each position looks up one string per distinct term length,
    however many synonyms there are."""
    if not synonyms:
        return [(text, None)]
    lengths = _term_lengths(frozenset(len(term) for term in synonyms if term))
    parts, position, plain_start = [], 0, 0
    while position < len(text):
        for length in lengths:
            candidate = text[position : position + length]
            work.add("search.synonym_lookups")
            if len(candidate) == length and candidate in synonyms:
                if position > plain_start:
                    parts.append((text[plain_start:position], None))
                parts.append((candidate, candidate))
                position += length
                plain_start = position
                break
        else:
            position += 1
    if plain_start < len(text):
        parts.append((text[plain_start:], None))
    return parts


@functools.lru_cache(maxsize=16)
def _term_lengths(lengths):
    return sorted(lengths, reverse=True)
