"""Identity numbers: the 18-character resident identity card number
(公民身份号码, GB 11643-1999: birth date and ISO 7064 MOD 11-2 check
character) and the unified social credit code of organisations
(统一社会信用代码, GB 32100-2015: 18 characters, MOD 31 check character);
masking for showing them."""

import datetime
import re
import unicodedata

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check_char(first17):
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=False))
    return ID_CHECK_CHARS[total % 11]


def valid_resident_id(number, today=None):
    """A resident ID number with a real birth date (1900 to today) and the right check character."""
    number = (number or "").upper()
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", number):
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today()):
        return False
    return id_check_char(number[:17]) == number[17]


def credit_code_check_char(first17):
    total = sum(
        CREDIT_CODE_CHARS.index(char) * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=False)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def valid_credit_code(code):
    code = (code or "").upper()
    if len(code) != 18 or any(char not in CREDIT_CODE_CHARS for char in code):
        return False
    return credit_code_check_char(code[:17]) == code[17]


def normalise_identity(value):
    """Spaces and full-width characters out, capitals: what people type into what is stored."""

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


def mask(value, keep_start=1, keep_end=1):
    """张三丰 → 张*丰, 110105199001011234 → 1****************4; short values keep less."""
    value = value or ""
    if len(value) <= 1:
        return "*" * len(value)
    if len(value) <= keep_start + keep_end:
        return value[:1] + "*" * (len(value) - 1)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
