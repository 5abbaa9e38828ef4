"""The working-day calendar against the State Council's announced holiday
schedules, computed by hand (not with the library under test):

- 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）:
  春节 1月28日（周二）至2月4日（周二）放假调休，1月26日（周日）、2月8日（周六）上班；
  国庆节、中秋节 10月1日（周三）至8日（周三）放假调休，9月28日（周日）、10月11日（周六）上班。
- 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）:
  元旦 1月1日至3日放假调休，1月4日（周日）上班；
  春节 2月15日（周日）至23日（周一）放假调休，2月14日（周六）、2月28日（周六）上班；
  清明节 4月4日（周六）至6日（周一）放假；
  中秋节 9月25日（周五）至27日（周日）放假；
  国庆节 10月1日（周四）至7日（周三）放假调休，9月20日（周日）、10月10日（周六）上班。

The day of receipt is not counted: "20 working days from 2025-01-17" is
the 20th working day after it."""

import datetime

import pytest

from core.working_days import (
    Calendar,
    UnknownYear,
    add_working_days,
    chinese_calendar_library,
    default_calendar,
    is_working_day,
    working_days_between,
)

D = datetime.date
LIBRARY = Calendar(library=chinese_calendar_library)

# (start, working days, deadline, what the case shows)
DEADLINES = [
    (D(2025, 1, 17), 20, D(2025, 2, 20), "2025 春节: 1月26日(日)和2月8日(六)上班, 1月28日至2月4日放假"),
    (D(2025, 1, 24), 7, D(2025, 2, 10), "补正 7 working days over 2025 春节"),
    (D(2025, 1, 17), 7, D(2025, 1, 27), "补正 7 working days: the make-up Sunday 1月26日 counts"),
    (D(2025, 9, 25), 20, D(2025, 10, 29), "2025 国庆中秋: 9月28日(日)和10月11日(六)上班, 10月1日至8日放假"),
    (D(2025, 9, 25), 28, D(2025, 11, 10), "20 + 8 paused working days over 2025 国庆"),
    (D(2025, 9, 29), 15, D(2025, 10, 27), "a third party's 15 working days over 2025 国庆"),
    (D(2025, 2, 6), 20, D(2025, 3, 5), "restart after a correction received during 2025 春节 week"),
    (D(2026, 2, 9), 20, D(2026, 3, 13), "2026 春节: 2月14日(六)和2月28日(六)上班, 2月15日至23日放假"),
    (D(2026, 2, 24), 20, D(2026, 3, 23), "restart after a correction received the first day after 2026 春节"),
    (D(2026, 2, 24), 30, D(2026, 4, 7), "20 + 10 days' extension over 2026 清明 (4月4日至6日)"),
    (D(2026, 9, 18), 20, D(2026, 10, 22), "2026 中秋+国庆: 9月20日(日)和10月10日(六)上班"),
    (D(2026, 9, 18), 40, D(2026, 11, 19), "20 + the full 20 days' extension over 2026 国庆"),
    (D(2025, 12, 31), 1, D(2026, 1, 4), "2026 元旦: 1月1日至3日放假, 1月4日(日)上班"),
]


@pytest.mark.parametrize("start, days, expected, why", DEADLINES, ids=[row[3] for row in DEADLINES])
def test_deadlines_match_the_hand_computed_table(start, days, expected, why):
    deadline = add_working_days(LIBRARY, start, days)
    assert deadline.date == expected, why
    assert not deadline.provisional


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2025, 1, 26), True),  # Sunday, make-up
        (D(2025, 1, 28), False),  # 除夕, Tuesday
        (D(2025, 2, 8), True),  # Saturday, make-up
        (D(2025, 10, 8), False),  # Wednesday, holiday
        (D(2025, 10, 11), True),  # Saturday, make-up
        (D(2026, 2, 14), True),
        (D(2026, 2, 23), False),  # Monday, holiday
        (D(2026, 2, 28), True),
        (D(2026, 9, 20), True),
        (D(2026, 10, 7), False),
        (D(2026, 10, 10), True),
        (D(2026, 10, 11), False),  # an ordinary Sunday
        (D(2026, 10, 12), True),  # an ordinary Monday
    ],
)
def test_single_days(day, working):
    assert is_working_day(LIBRARY, day) == (working, True)


def test_counting_between_two_dates_skips_the_first_day():
    # 2025-09-29 (letter sent) to 2025-10-16 (opinion received): 9月30日, 10月9日, 10日, 11日(六),
    # 13日, 14日, 15日, 16日.
    assert working_days_between(LIBRARY, D(2025, 9, 29), D(2025, 10, 16)) == (8, frozenset())
    assert working_days_between(LIBRARY, D(2025, 10, 16), D(2025, 10, 16))[0] == 0


def test_a_year_nobody_knows_is_flagged_never_guessed_silently():
    # 2026-12-15 + 20: 12月16–18, 21–25, 28–31 are 12 days; 2027 is unknown to the library, so the
    # walk goes on with weekends only (1月1日 counted though it will surely be a holiday) and says so.
    deadline = add_working_days(LIBRARY, D(2026, 12, 15), 20)
    assert deadline.date == D(2027, 1, 12)
    assert deadline.provisional and deadline.unknown_years == {2027}
    with pytest.raises(UnknownYear):
        LIBRARY.is_working_day(D(2027, 1, 4))


def test_a_year_entered_by_hand_is_known():
    calendar = Calendar(
        overrides={D(2027, 1, 1): False}, known_years=frozenset({2027}), library=chinese_calendar_library
    )
    deadline = add_working_days(calendar, D(2026, 12, 15), 20)
    assert deadline.date == D(2027, 1, 13)  # 1月4日–8日 (17), 11日, 12日, 13日 (20)
    assert not deadline.provisional


def test_an_override_corrects_the_library():
    calendar = Calendar(overrides={D(2026, 3, 2): False}, library=chinese_calendar_library)
    # 2026-02-24 + 20 was 3月23日; one weekday off more moves it to 3月24日.
    assert add_working_days(calendar, D(2026, 2, 24), 20).date == D(2026, 3, 24)


def test_zero_days_is_the_start_and_negative_is_refused():
    assert add_working_days(LIBRARY, D(2025, 1, 28), 0).date == D(2025, 1, 28)
    with pytest.raises(ValueError):
        add_working_days(LIBRARY, D(2025, 1, 28), -1)


@pytest.mark.django_db
def test_the_admin_table_feeds_the_default_calendar():
    from core.models import CalendarDay, CalendarYear

    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY, name="元旦")
    calendar = default_calendar()
    assert add_working_days(calendar, D(2026, 12, 15), 20).date == D(2027, 1, 13)
    assert calendar.knows(2027) and not calendar.knows(2028)


@pytest.mark.django_db
def test_calendar_admin_pages(admin_client):
    response = admin_client.post(
        "/admin/calendar_days/new/", {"date": "2027-02-06", "kind": "workday", "name": "春节调休"}
    )
    assert response.status_code == 302
    from core.models import CalendarDay

    assert CalendarDay.objects.get(date=D(2027, 2, 6)).is_working_day
    assert admin_client.get("/admin/calendar_days/").status_code == 200
    assert admin_client.get("/admin/calendar_years/").status_code == 200
