"""The working-day calendar (工作日) of the statutory clocks.

A working day is a day that is not a weekend day and not a statutory
holiday, plus the make-up working days (调休) that the State Council
announces every year in 国务院办公厅关于××年部分节假日安排的通知. The
announced schedules come from the maintained `chinese-calendar` library;
the bureau enters a year the library does not know yet (or corrects a day)
in the admin (设置 › 工作日历, `core.models.CalendarYear`/`CalendarDay`).

Everything here is pure: a `Calendar` is built from the library and a dict
of overrides, and the functions take the calendar as an argument, so that
the tests can give them a calendar of their own. A day of a year that
neither the library nor the overrides know is never guessed silently: the
arithmetic carries on as if that year had only weekends off and the result
says which years it could not check (`Deadline.unknown_years`), so that the
case shows the deadline as provisional.

Counting follows 《政府信息公开条例》(国务院令第711号): a period of N
working days "自收到申请之日起" does not count the day of receipt — the
first day counted is the next working day, and the deadline is the N-th
working day after the start date.
"""

import datetime
from dataclasses import dataclass, field

import chinese_calendar
import chinese_calendar.constants as constants

from .models import CalendarDay, CalendarYear

ONE_DAY = datetime.timedelta(days=1)
# The largest period the clocks use is 20 + 20 working days plus pauses;
# a walk of more than ten years of days means the input is wrong.
MAX_WALK_DAYS = 3660


class UnknownYear(LookupError):
    """No holiday schedule is known for this year."""

    def __init__(self, year):
        self.year = year
        super().__init__(f"no working-day calendar for {year}")


@dataclass(frozen=True)
class Calendar:
    """Which days are working days.

    `overrides` maps a date to True (a working day: a make-up day) or False
    (a day off: a holiday); `known_years` are the years whose whole
    schedule the overrides give. `library` answers for the other days; it
    raises UnknownYear for a year it does not know."""

    overrides: dict = field(default_factory=dict)
    known_years: frozenset = frozenset()
    library: object = None

    def is_working_day(self, day):
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.known_years:
            return day.weekday() < 5
        if self.library is None:
            raise UnknownYear(day.year)
        return self.library(day)

    def knows(self, year):
        try:
            self.is_working_day(datetime.date(year, 1, 1))
        except UnknownYear:
            return False
        return True


def chinese_calendar_library(day):
    """`chinese_calendar.is_workday`, raising UnknownYear for years it lacks."""

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError as exc:
        raise UnknownYear(day.year) from exc


def library_years():
    """The years the installed chinese-calendar knows."""

    days = list(constants.holidays) + list(constants.workdays)
    return range(min(days).year, max(days).year + 1)


@dataclass(frozen=True)
class Deadline:
    """A computed date; `unknown_years` lists the years of the walk that no
    calendar knew (weekends only were assumed there): the date is then
    provisional and must be shown so."""

    date: datetime.date
    unknown_years: frozenset = frozenset()

    @property
    def provisional(self):
        return bool(self.unknown_years)


class _Walker:
    """Asks the calendar day by day, remembering unknown years."""

    def __init__(self, calendar):
        self.calendar = calendar
        self.unknown = set()

    def working(self, day):
        try:
            return self.calendar.is_working_day(day)
        except UnknownYear as exc:
            self.unknown.add(exc.year)
            return day.weekday() < 5


def add_working_days(calendar, start, count):
    """The `count`-th working day after `start` (`start` itself not
    counted). count=0 gives `start`. Returns a Deadline."""
    if count < 0:
        raise ValueError("count must not be negative")
    walker = _Walker(calendar)
    day = start
    remaining = count
    walked = 0
    while remaining:
        day += ONE_DAY
        walked += 1
        if walked > MAX_WALK_DAYS:
            raise ValueError("period too long")
        if walker.working(day):
            remaining -= 1
    return Deadline(day, frozenset(walker.unknown))


def working_days_between(calendar, start, end):
    """How many working days lie after `start` up to and including `end`
    (0 when end <= start). Returns (count, unknown years)."""
    walker = _Walker(calendar)
    count = 0
    day = start
    if (end - start).days > MAX_WALK_DAYS:
        raise ValueError("period too long")
    while day < end:
        day += ONE_DAY
        if walker.working(day):
            count += 1
    return count, frozenset(walker.unknown)


def is_working_day(calendar, day):
    """(working?, known?) for one day."""
    walker = _Walker(calendar)
    return walker.working(day), not walker.unknown


def default_calendar():
    """The library plus the overrides entered in the admin (one query for
    the days, one for the years)."""

    overrides = {day.date: day.is_working_day for day in CalendarDay.objects.all()}
    known = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return Calendar(overrides=overrides, known_years=known, library=chinese_calendar_library)
