"""Personal-data screening (保密审查 support): find 18-digit resident ID
numbers (身份证号, checksum and birth date validated), mainland mobile
numbers, bank card numbers (Luhn) and e-mail addresses in text.

Dates, document numbers (某教发〔2024〕12号), landline numbers and money
amounts are not personal data and must not raise false alarms: a digit run
only counts when it is not part of a longer number, a decimal or an amount."""

import datetime
import heapq
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from core.identity import ID_CHECK_CHARS, ID_WEIGHTS  # noqa: F401 (re-exported)
from core.identity import valid_resident_id as valid_id_number

# A number must stand alone, not be part of an amount: no digit and no
# decimal part directly before or after it, and no thousands group (a comma
# and exactly three digits) after it. A comma before a long number is a
# field separator (CSV), never a thousands separator.
_BEFORE = r"(?<!\d)(?<!\d[.．])"
_AFTER = r"(?!\d)(?![.．]\d)(?![,，]\d{3}(?!\d))"

ID_RE = re.compile(
    _BEFORE + r"([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])" + r"(?![\dXx])"
)
MOBILE_RE = re.compile(r"(?<![\d+])(?:\+?86[-\s]?)?(1[3-9]\d(?:[-\s]?\d{4}){2})" + _AFTER)
CARD_RE = re.compile(_BEFORE + r"((?:\d[ -]?){15,18}\d)" + _AFTER)
EMAIL_RE = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


@dataclass(frozen=True)
class Finding:
    kind: str  # "id_number" | "mobile" | "bank_card" | "email" | "id_number_unverifiable"
    value: str
    start: int
    end: int
    location: str = ""

    @property
    def masked(self):
        """The value with its middle hidden, for showing to reviewers."""
        value = self.value
        if self.kind == "email":
            name, _at, domain = value.partition("@")
            return f"{name[:1]}***@{domain}"
        keep = 3 if len(value) <= 11 else 4
        return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]

    def get_kind_display(self):

        return {
            "id_number": gettext("ID number"),
            "id_number_unverifiable": gettext("possible ID number stored as a number"),
            "mobile": gettext("mobile number"),
            "bank_card": gettext("bank card number"),
            "email": gettext("e-mail address"),
        }.get(self.kind, self.kind)


def luhn_valid(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(value):
    return re.sub(r"\D", "", value)


# Full-width digits and letters (１３８…, ｘ) are read as their ASCII forms,
# one character for one, so that positions stay those of the text.
_FULL_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


def _free_of(spans, matches):
    """The matches (in order of position, not overlapping each other) that
    overlap none of `spans` (sorted, not overlapping): one pass over both."""
    index = 0
    for match in matches:
        start, end = match.span(1)
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index < len(spans) and spans[index][0] < end:
            continue
        yield match


def screen_text(text, location=""):
    """Every finding in `text`, in order of position. The cost is linear in
    the length of the text and in the number of matches."""
    text = (text or "").translate(_FULL_WIDTH)
    ids = [
        Finding("id_number", match[1].upper(), match.start(1), match.end(1), location)
        for match in ID_RE.finditer(text)
        if valid_id_number(match[1])
    ]
    taken = [(finding.start, finding.end) for finding in ids]
    cards = [
        Finding("bank_card", digits, match.start(1), match.end(1), location)
        for match, digits in ((m, _digits(m[1])) for m in _free_of(taken, CARD_RE.finditer(text)))
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and not _looks_like_date_run(digits)
    ]
    taken = list(heapq.merge(taken, ((finding.start, finding.end) for finding in cards)))
    mobiles = [
        Finding("mobile", _digits(match[1]), match.start(1), match.end(1), location)
        for match in _free_of(taken, MOBILE_RE.finditer(text))
    ]
    emails = [Finding("email", match[1], match.start(1), match.end(1), location) for match in EMAIL_RE.finditer(text)]
    return list(heapq.merge(ids, cards, mobiles, emails, key=lambda finding: finding.start))


def _looks_like_date_run(digits):
    """Two dates written back to back (20240301 20240331) are not a card."""
    return len(digits) == 16 and all(_is_date(digits[i : i + 8]) for i in (0, 8))


def _is_date(eight):
    try:
        datetime.date(int(eight[:4]), int(eight[4:6]), int(eight[6:]))
    except ValueError:
        return False
    return 1900 <= int(eight[:4]) <= 2100
