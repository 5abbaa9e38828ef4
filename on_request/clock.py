"""The statutory clock of an application, as pure functions of its facts.

- 条例第三十三条第二款: the answer is due 20 working days after receipt; an
  approved extension adds at most 20 working days; the time spent
  consulting a third party or other bodies is not counted.
- 条例第三十条: a correction must be requested within 7 working days of
  receipt; the period then counts from the receipt of the corrected
  application (a restart, not a pause); no correction by the deadline
  without good reason means the application is deemed abandoned.
- 条例第三十二条: a third party answers within 15 working days of receiving
  the consultation.

A period "from receipt" does not count the day of receipt (core.working_days).
A consultation sent on day A and answered on day B pauses the clock for the
working days after A up to and including B; overlapping consultations count
once. A consultation not yet answered is taken to last until its own
deadline, so that the due date shown is the latest it can be (and is marked
paused)."""

import datetime
from dataclasses import dataclass, field

from core.working_days import add_working_days, working_days_between

ANSWER_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_REQUEST_DAYS = 7
CONSULTATION_DAYS = 15


@dataclass(frozen=True)
class Pause:
    start: datetime.date
    end: datetime.date | None  # None: not answered yet
    due: datetime.date | None = None


@dataclass(frozen=True)
class ClockFacts:
    received_on: datetime.date
    correction_received_on: datetime.date | None = None
    extension_days: int = 0
    pauses: tuple = ()


@dataclass(frozen=True)
class Clock:
    due_on: datetime.date
    provisional: bool
    paused: bool
    paused_days: int
    unknown_years: frozenset = field(default_factory=frozenset)


def _merged(intervals):
    """Union of [start, end] intervals."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def answer_clock(calendar, facts):
    """When the answer is due."""
    start = facts.correction_received_on or facts.received_on
    unknown = set()
    intervals = []
    paused = False
    for pause in facts.pauses:
        end = pause.end
        if end is None:
            paused = True
            end = pause.due or add_working_days(calendar, pause.start, CONSULTATION_DAYS).date
        begin = max(pause.start, start)
        if end > begin:
            intervals.append((begin, end))
    paused_days = 0
    for begin, end in _merged(intervals):
        count, years = working_days_between(calendar, begin, end)
        paused_days += count
        unknown |= years
    extension = min(max(facts.extension_days, 0), MAX_EXTENSION_DAYS)
    deadline = add_working_days(calendar, start, ANSWER_DAYS + extension + paused_days)
    unknown |= deadline.unknown_years
    return Clock(deadline.date, bool(unknown), paused, paused_days, frozenset(unknown))


def correction_request_deadline(calendar, received_on):
    """The last day a correction may be requested (art. 30)."""
    return add_working_days(calendar, received_on, CORRECTION_REQUEST_DAYS)


def consultation_deadline(calendar, sent_on):
    """A third party's 15 working days (art. 32), counted from the day the letter is sent."""
    return add_working_days(calendar, sent_on, CONSULTATION_DAYS)


def working_days_left(calendar, today, due_on):
    """Working days from today to the due date (negative when overdue)."""
    if due_on >= today:
        return working_days_between(calendar, today, due_on)[0]
    return -working_days_between(calendar, due_on, today)[0]
