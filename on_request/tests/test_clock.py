"""The answer clock over the 2025 and 2026 holidays: 补正 restarts,
third-party pauses and extensions. Every expected date is computed by hand
from the State Council's notices (see core/tests/test_working_days.py for
the holiday schedules); the day of receipt is not counted."""

import datetime

import pytest

from core.working_days import Calendar, chinese_calendar_library
from on_request.clock import ClockFacts, Pause, answer_clock, consultation_deadline, correction_request_deadline

D = datetime.date
LIBRARY = Calendar(library=chinese_calendar_library)

CASES = [
    # (name, facts, due, paused working days)
    (
        "2025 春节: received Fri 1月17日, 26日(日) and 2月8日(六) work, 28日–2月4日 off",
        ClockFacts(received_on=D(2025, 1, 17)),
        D(2025, 2, 20),
        0,
    ),
    (
        "2025 春节, 补正 received Thu 2月6日: 20 days again from then",
        ClockFacts(received_on=D(2025, 1, 17), correction_received_on=D(2025, 2, 6)),
        D(2025, 3, 5),
        0,
    ),
    (
        "2025 国庆: received Thu 9月25日, 28日(日) and 10月11日(六) work, 10月1日–8日 off",
        ClockFacts(received_on=D(2025, 9, 25)),
        D(2025, 10, 29),
        0,
    ),
    (
        "2025 国庆, third party consulted 9月29日–10月16日: 9月30日, 10月9–11日, 13–16日 = 8 days not counted",
        ClockFacts(received_on=D(2025, 9, 25), pauses=(Pause(D(2025, 9, 29), D(2025, 10, 16)),)),
        D(2025, 11, 10),
        8,
    ),
    (
        "two overlapping consultations count once (9月29日–10月16日 and 10月9日–10月14日)",
        ClockFacts(
            received_on=D(2025, 9, 25),
            pauses=(Pause(D(2025, 9, 29), D(2025, 10, 16)), Pause(D(2025, 10, 9), D(2025, 10, 14))),
        ),
        D(2025, 11, 10),
        8,
    ),
    (
        "2025 国庆, a consultation still open counts to its own 15-day deadline 10月27日: 9月30日…10月27日 = 15 days",
        ClockFacts(received_on=D(2025, 9, 25), pauses=(Pause(D(2025, 9, 29), None),)),
        D(2025, 11, 19),
        15,
    ),
    (
        "2026 春节: received Mon 2月9日, 14日(六) and 28日(六) work, 15日–23日 off",
        ClockFacts(received_on=D(2026, 2, 9)),
        D(2026, 3, 13),
        0,
    ),
    (
        "2026 春节, 补正 received Tue 2月24日, extension of 10 days over 清明 (4月4日–6日)",
        ClockFacts(received_on=D(2026, 2, 9), correction_received_on=D(2026, 2, 24), extension_days=10),
        D(2026, 4, 7),
        0,
    ),
    (
        "2026 中秋+国庆: received Fri 9月18日, 20日(日) and 10月10日(六) work, 25–27日 and 10月1–7日 off",
        ClockFacts(received_on=D(2026, 9, 18)),
        D(2026, 10, 22),
        0,
    ),
    (
        "2026 国庆 with the full extension of 20 days",
        ClockFacts(received_on=D(2026, 9, 18), extension_days=20),
        D(2026, 11, 19),
        0,
    ),
    (
        "an extension never exceeds 20 days (art. 33)",
        ClockFacts(received_on=D(2026, 9, 18), extension_days=35),
        D(2026, 11, 19),
        0,
    ),
]


@pytest.mark.parametrize("name, facts, due, paused", CASES, ids=[case[0] for case in CASES])
def test_answer_deadlines(name, facts, due, paused):
    result = answer_clock(LIBRARY, facts)
    assert (result.due_on, result.paused_days) == (due, paused), name
    assert not result.provisional


def test_an_open_consultation_is_marked_paused():
    assert answer_clock(LIBRARY, ClockFacts(received_on=D(2025, 9, 25), pauses=(Pause(D(2025, 9, 29), None),))).paused


def test_a_consultation_before_a_restart_does_not_count():
    facts = ClockFacts(
        received_on=D(2025, 1, 17),
        correction_received_on=D(2025, 2, 6),
        pauses=(Pause(D(2025, 1, 20), D(2025, 1, 22)),),
    )
    assert answer_clock(LIBRARY, facts).due_on == D(2025, 3, 5)


def test_the_correction_must_be_requested_within_7_working_days():
    # 1月17日 + 7: 20, 21, 22, 23, 24, 26(日, make-up), 27.
    assert correction_request_deadline(LIBRARY, D(2025, 1, 17)).date == D(2025, 1, 27)
    # 1月24日 + 7: 26(日), 27, 2月5, 6, 7, 8(六), 10.
    assert correction_request_deadline(LIBRARY, D(2025, 1, 24)).date == D(2025, 2, 10)


def test_a_third_party_has_15_working_days():
    assert consultation_deadline(LIBRARY, D(2025, 9, 29)).date == D(2025, 10, 27)


def test_a_deadline_in_a_year_without_calendar_is_provisional():
    result = answer_clock(LIBRARY, ClockFacts(received_on=D(2026, 12, 15)))
    assert result.provisional and result.unknown_years == {2027}
    assert result.due_on == D(2027, 1, 12)
