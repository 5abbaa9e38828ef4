"""Personal-data screening: real findings, and no false alarms on dates,
document numbers, landlines or money amounts."""

import datetime

import pytest

from moderation.screening import ID_CHECK_CHARS, ID_WEIGHTS, luhn_valid, screen_text, valid_id_number


def id_number(first17):
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=False))
    return first17 + ID_CHECK_CHARS[total % 11]


def luhn_number(prefix, length=16):
    for last in "0123456789":
        candidate = prefix.ljust(length - 1, "0") + last
        if luhn_valid(candidate):
            return candidate
    raise AssertionError


VALID_ID = id_number("43040220100315123")  # born 2010-03-15
VALID_X_ID = "11010519491231002X"  # the published sample with check character X


def kinds(text):
    return [(finding.kind, finding.value) for finding in screen_text(text)]


def test_valid_id_numbers_are_found():
    assert valid_id_number(VALID_ID) and valid_id_number(VALID_X_ID)
    assert kinds(f"学生身份证号：{VALID_ID}，家长身份证{VALID_X_ID.lower()}。") == [
        ("id_number", VALID_ID),
        ("id_number", VALID_X_ID),
    ]


@pytest.mark.parametrize(
    "number",
    [
        VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1"),  # wrong check digit
        id_number("43040220101315123"),  # month 13
        id_number("43040220100230123"),  # 30 February
        id_number("43040230100315123"),  # born in the future
        id_number("03040220100315123"),  # region code cannot start with 0
    ],
)
def test_invalid_id_numbers_are_not_reported(number):
    assert not valid_id_number(number)
    assert [k for k, _v in kinds(f"号码{number}。")] == []


def test_mobile_numbers_are_found_in_common_writings():
    text = "联系人手机13800138000，或 139 1234 5678，或 +86-186-1234-5678。"
    assert kinds(text) == [("mobile", "13800138000"), ("mobile", "13912345678"), ("mobile", "18612345678")]


def test_bank_cards_need_a_valid_luhn_checksum():
    card = luhn_number("622202100011223")
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    spaced = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert kinds(f"退费账户{spaced}") == [("bank_card", card)]
    assert kinds(f"退费账户{wrong}") == []


def test_email_addresses_are_found():
    assert kinds("请发送至 zhang.san+2024@school.example.cn 。") == [("email", "zhang.san+2024@school.example.cn")]


@pytest.mark.parametrize(
    "text",
    [
        "报名时间：2024年6月25日至2024年6月27日，20240625—20240627。",
        "日期 2024-03-01 08:30",
        "根据阳教体办发〔2021〕12号文件和泉教办〔2018〕85号文件",
        "咨询电话：0734-8000003，监督电话 12345",
        "一般公共预算拨款收入 16,745.59 万元，支出合计 16745.59 万元",
        "全年经费 13800138000.00 元",  # an amount, not a mobile number
        "合计金额 4300000000000000.00 元",
        "索引号 00618806-3/2026-00001",
        "在校生 1380013 人",
        "起止日期 2024030120240331",
    ],
)
def test_no_false_alarms(text):
    assert kinds(text) == []


def test_findings_carry_their_location_span_and_a_masked_value():
    text = f"附件名单：张三 {VALID_ID} 一年级"
    finding = screen_text(text, location="附件《名单.xlsx》 第2行")[0]
    assert finding.location == "附件《名单.xlsx》 第2行"
    assert finding.masked == VALID_ID[:4] + "*" * 10 + VALID_ID[-4:]
    assert text[finding.start : finding.end] == VALID_ID
    assert datetime.date.today().year > 2010


def python_lines_run(function, *args):
    """How many lines of Python `function` runs: a measure of work that,
    unlike time, is the same on every machine."""
    import sys

    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def test_the_scan_is_linear_in_the_number_of_matches():
    """Item 12: screen_text once compared every match with every other
    (quadratic). Four times the matches must cost about four times the work."""

    def text(n):
        return "；".join(f"学生{i} {VALID_ID} 家长 1391234{i % 10000:04d}" for i in range(n))

    small, large = python_lines_run(screen_text, text(250)), python_lines_run(screen_text, text(1000))
    assert len(screen_text(text(1000))) == 2000
    assert large < 5 * small, (small, large)
