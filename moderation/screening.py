"""Personal-data screening (保密审查 support): find 18-digit resident ID
numbers (身份证号, checksum and birth date validated), mainland mobile
numbers, bank card numbers (Luhn) and e-mail addresses in text.

Dates, document numbers (某教发〔2024〕12号), landline numbers and money
amounts are not personal data and must not raise false alarms: a digit run
only counts when it is not part of a longer number, a decimal or an amount."""
import datetime
import re
from dataclasses import dataclass

from core.identity import ID_CHECK_CHARS, ID_WEIGHTS  # noqa: F401 (re-exported)
from core.identity import valid_resident_id as valid_id_number

# A number must stand alone: no digit, decimal point or thousands separator
# directly before or after it (which would make it part of an amount).
_BEFORE = r"(?<![\d.,，．])"
_AFTER = r"(?![\d.,，．]\d)(?!\d)"

ID_RE = re.compile(_BEFORE + r"([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])" + r"(?![\dXx])")
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
        from django.utils.translation import gettext

        return {
            "id_number": gettext("ID number"),
            "id_number_unverifiable": gettext("possible ID number stored as a number"),
            "mobile": gettext("mobile number"),
            "bank_card": gettext("bank card number"),
            "email": gettext("e-mail address"),
        }.get(self.kind, self.kind)

    def context(self, text, width=12):
        return text[max(0, self.start - width) : self.end + width]


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


def screen_text(text, location=""):
    """Every finding in `text`, in order of position."""
    text = text or ""
    findings = []
    taken = []

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    for match in ID_RE.finditer(text):
        if valid_id_number(match[1]):
            findings.append(Finding("id_number", match[1].upper(), match.start(1), match.end(1), location))
            taken.append(match.span(1))
    for match in CARD_RE.finditer(text):
        digits = _digits(match[1])
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and free(*match.span(1)) and not _looks_like_date_run(digits):
            findings.append(Finding("bank_card", digits, match.start(1), match.end(1), location))
            taken.append(match.span(1))
    for match in MOBILE_RE.finditer(text):
        if free(*match.span(1)):
            findings.append(Finding("mobile", _digits(match[1]), match.start(1), match.end(1), location))
            taken.append(match.span(1))
    for match in EMAIL_RE.finditer(text):
        findings.append(Finding("email", match[1], match.start(1), match.end(1), location))
    return sorted(findings, key=lambda finding: finding.start)


def _looks_like_date_run(digits):
    """Two dates written back to back (20240301 20240331) are not a card."""
    return len(digits) == 16 and all(_is_date(digits[i : i + 8]) for i in (0, 8))


def _is_date(eight):
    try:
        datetime.date(int(eight[:4]), int(eight[4:6]), int(eight[6:]))
    except ValueError:
        return False
    return 1900 <= int(eight[:4]) <= 2100
