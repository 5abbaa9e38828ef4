"""The steps of an application. Every step checks the state and the role,
records an Event (who, when, what), recomputes the clock and, where the law
asks for a written notice, issues the letter and e-mails the applicant.

States: submitted (online, not yet confirmed) → registered (条例第三十一条:
the clock starts on the day of confirmation) ⇄ correction (条例第三十条) /
consulting (第三十二条, 第三十三条第二款) → answered (第三十六条、第三十七条)
→ closed; withdrawn and abandoned end a case too."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import BureauSettings
from core.problems import ProblemsError
from core.working_days import default_calendar

from . import clock, letters, notifications
from .models import Application, Attachment, Consultation, Event, OnRequestSettings
from .permissions import is_leader, is_officer, may_add_office_note
from .vocabulary import (
    CLOCK_STATUSES,
    OPEN_STATUSES,
    PUBLISHABLE_ANSWERS,
    AnswerType,
    Channel,
    LetterKind,
    Status,
    TableRow,
    table_row,
)


class Refused(ProblemsError):
    """The step is not allowed now (state) or not for this user (role)."""


class Forbidden(Refused):
    pass


def _require(condition, message):
    if not condition:
        raise Refused([message])


def _officer(user):
    if not is_officer(user):
        raise Forbidden([_("Only the disclosure-on-request officer may do this.")])


def _officer_step(application, user, statuses, refusal):
    """A step only the officer takes, and only while the application is in
    one of `statuses`; `refusal` says why not otherwise."""
    _officer(user)
    _require(application.status in statuses, refusal)


def _site_facts(site):
    settings_ = OnRequestSettings.for_site(site)
    bureau = BureauSettings.for_site(site)
    return settings_, bureau.bureau_name


def refresh_clock(application, calendar=None):
    """Recompute the answer deadline from the case's facts."""
    if application.status not in (Status.REGISTERED, Status.CONSULTING) or application.received_on is None:
        application.due_on = None
        application.due_provisional = False
        return None
    calendar = calendar or default_calendar()
    pauses = tuple(clock.Pause(c.sent_on, c.answered_on, c.due_on) for c in application.consultations.all())
    result = clock.answer_clock(
        calendar,
        clock.ClockFacts(
            received_on=application.received_on,
            correction_received_on=application.correction_received_on,
            extension_days=application.extension_days,
            pauses=pauses,
        ),
    )
    application.due_on = result.due_on
    application.due_provisional = result.provisional
    return result


def record(application, kind, user=None, note="", by_applicant=False):
    return Event.objects.create(
        application=application,
        kind=kind,
        actor=user if getattr(user, "is_authenticated", False) else None,
        by_applicant=by_applicant,
        note=note,
    )


def save_files(application, kind, files):
    """Store checked uploads (on_request.uploads.CheckedFile) privately."""
    saved = []
    for upload in files or ():
        attachment = Attachment(
            application=application,
            kind=kind,
            original_name=upload.name[:200],
            content_type=upload.content_type,
            size=upload.size,
        )
        attachment.file.save(upload.name, upload.file, save=False)
        attachment.save()
        saved.append(attachment)
    return saved


def _finish(application, fields):
    refresh_clock(application)
    application.save(update_fields=[*fields, "due_on", "due_provisional"])


def _receive(application, user, awaited, field, received_on):
    """The officer receives the application, or its correction, on
    `received_on` (today by default), written to `field`: the status it
    awaited (with the refusal for any other) gives way to registered, and
    the working days count from that day, which is returned."""
    status, refusal = awaited
    _officer_step(application, user, (status,), refusal)
    application.status = Status.REGISTERED
    day = received_on or timezone.localdate()
    setattr(application, field, day)
    return day


def _received_note(day):
    return _("Received on %(date)s") % {"date": day}


@transaction.atomic
def submit_online(data, files):
    """A new application from the public form (not received yet: 条例第三十一条第（三）项)."""
    application = Application.objects.create(channel=Channel.ONLINE, status=Status.SUBMITTED, **data)
    save_files(application, Attachment.Kind.APPLICATION, files)
    record(application, Event.Kind.SUBMITTED, by_applicant=True)
    return application


@transaction.atomic
def enter(user, data, files, received_on):
    """An application handed in or posted, entered by the officer: received on the day handed in or signed for."""
    _officer(user)
    application = Application.objects.create(status=Status.REGISTERED, received_on=received_on, **data)
    save_files(application, Attachment.Kind.APPLICATION, files)
    record(application, Event.Kind.ENTERED, user, _received_note(received_on))
    _finish(application, ["status"])
    return application


@transaction.atomic
def register(application, user, received_on=None):
    """登记: the officer confirms the online application with the applicant; that day is the day of receipt."""
    awaited = (Status.SUBMITTED, _("Only an application awaiting registration can be registered."))
    day = _receive(application, user, awaited, "received_on", received_on)
    record(application, Event.Kind.REGISTERED, user, _received_note(day))
    _finish(application, ["status", "received_on"])
    notifications.send_notice(
        application, _("Your application %(code)s has been registered"), "on_request/email/registered.txt"
    )
    return application


@transaction.atomic
def assign(application, user, office):
    _officer(user)
    _require(application.is_open or application.status == Status.ANSWERED, _("This application is concluded."))
    application.office = office
    application.save(update_fields=["office"])
    record(application, Event.Kind.ASSIGNED, user, str(office) if office else _("no office"))


@transaction.atomic
def add_office_note(application, user, note, files):
    if not may_add_office_note(user, application):
        raise Forbidden([_("Only the officer and the assigned office may add an opinion.")])
    _require(application.is_open, _("This application is concluded."))
    _require(note.strip() or files, _("Write the opinion or attach the material."))
    save_files(application, Attachment.Kind.OFFICE, files)
    record(application, Event.Kind.OFFICE_NOTE, user, note)


@transaction.atomic
def request_correction(application, user, site, items, due_on):
    """补正: once, naming what to supplement and a reasonable deadline (条例第三十条)."""
    _officer_step(
        application,
        user,
        (Status.REGISTERED,),
        _("A correction can only be requested while the application is being handled."),
    )
    _require(
        application.correction_requested_on is None,
        _("A correction has already been requested once (art. 30: one request, naming everything)."),
    )
    _require(
        not application.consultations.exists(), _("A correction cannot be requested once a consultation has started.")
    )
    today = timezone.localdate()
    _require(due_on > today, _("The deadline for the correction must be after today."))
    application.status = Status.CORRECTION
    application.correction_requested_on = today
    application.correction_due_on = due_on
    application.correction_items = items
    late = today > clock.correction_request_deadline(default_calendar(), application.received_on).date
    record(
        application,
        Event.Kind.CORRECTION_REQUESTED,
        user,
        items + ("\n" + _("Requested after the 7 working days of art. 30.") if late else ""),
    )
    _finish(application, ["status", "correction_requested_on", "correction_due_on", "correction_items"])
    settings_, bureau = _site_facts(site)
    letter = letters.issue(application, LetterKind.CORRECTION, user, settings_, bureau)
    notifications.send_letter(application, letter)
    return letter


@transaction.atomic
def submit_correction(application, text, files):
    """The applicant's correction, through the tracking page; received once the officer confirms it."""
    _require(application.status == Status.CORRECTION, _("No correction is requested for this application."))
    _require(application.correction_submitted_at is None, _("The correction has already been submitted."))
    _require(
        timezone.localdate() <= application.correction_due_on,
        _("The deadline for the correction has passed. Please contact the bureau."),
    )
    application.correction_text = text
    application.correction_submitted_at = timezone.now()
    application.save(update_fields=["correction_text", "correction_submitted_at"])
    save_files(application, Attachment.Kind.CORRECTION, files)
    record(application, Event.Kind.CORRECTION_SUBMITTED, note=text, by_applicant=True)


@transaction.atomic
def receive_correction(application, user, received_on=None):
    """The corrected application is received: the 20 working days count again from this day."""
    awaited = (Status.CORRECTION, _("No correction is awaited for this application."))
    day = _receive(application, user, awaited, "correction_received_on", received_on)
    _require(
        day >= application.correction_requested_on, _("The correction cannot be received before it was requested.")
    )
    record(application, Event.Kind.CORRECTION_RECEIVED, user, _received_note(day))
    _finish(application, ["status", "correction_received_on"])


@transaction.atomic
def abandon(application, user):
    """No correction by the deadline: deemed abandoned (条例第三十条)."""
    _officer_step(
        application, user, (Status.CORRECTION,), _("Only an application awaiting correction can be deemed abandoned.")
    )
    _require(
        application.correction_submitted_at is None, _("The applicant has submitted a correction: receive it instead.")
    )
    _require(
        timezone.localdate() > application.correction_due_on, _("The deadline for the correction has not passed yet.")
    )
    _conclude(application, Status.ABANDONED, TableRow.OTHER_ABANDONED)
    record(application, Event.Kind.ABANDONED, user)


@transaction.atomic
def start_consultation(application, user, site, kind, party, matters):
    """Written consultation of a third party (15 working days) or of another body; the clock pauses."""
    _officer_step(
        application,
        user,
        CLOCK_STATUSES,
        _("A consultation can only start while the application is being handled."),
    )
    today = timezone.localdate()
    due = clock.consultation_deadline(default_calendar(), today).date
    consultation = Consultation.objects.create(
        application=application, kind=kind, party=party, matters=matters, sent_on=today, due_on=due
    )
    application.status = Status.CONSULTING
    record(application, Event.Kind.CONSULTATION_SENT, user, f"{party}：{matters}")
    _finish(application, ["status"])
    settings_, bureau = _site_facts(site)
    return letters.issue(
        application, LetterKind.CONSULTATION, user, settings_, bureau, 第三方=party, 征求事项=matters, 意见期限=due
    ), consultation


@transaction.atomic
def end_consultation(application, user, consultation, answered_on, opinion):
    _officer(user)
    _require(
        consultation.application_id == application.pk and consultation.answered_on is None,
        _("This consultation is not open."),
    )
    _require(
        consultation.sent_on <= answered_on <= timezone.localdate(),
        _("The answer date must lie between the day the letter was sent and today."),
    )
    consultation.answered_on = answered_on
    consultation.opinion = opinion
    consultation.save(update_fields=["answered_on", "opinion"])
    if not application.consultations.filter(answered_on__isnull=True).exists():
        application.status = Status.REGISTERED
    record(application, Event.Kind.CONSULTATION_ANSWERED, user, f"{consultation.party}：{opinion}")
    _finish(application, ["status"])


@transaction.atomic
def request_extension(application, user, days, reason):
    _officer_step(
        application,
        user,
        CLOCK_STATUSES,
        _("An extension can only be asked while the application is being handled."),
    )
    _require(application.extension_status in ("", "refused"), _("An extension has already been asked for."))
    _require(1 <= days <= clock.MAX_EXTENSION_DAYS, _("An extension is of 1 to 20 working days (art. 33)."))
    _require(
        application.due_on is None or timezone.localdate() <= application.due_on,
        _("The answer is overdue: an extension can no longer be asked for."),
    )
    application.extension_status = "requested"
    application.extension_days_requested = days
    application.extension_reason = reason
    application.save(update_fields=["extension_status", "extension_days_requested", "extension_reason"])
    record(
        application,
        Event.Kind.EXTENSION_REQUESTED,
        user,
        _("%(days)s working days: %(reason)s") % {"days": days, "reason": reason},
    )


@transaction.atomic
def decide_extension(application, user, site, approve, note=""):
    """分管领导 approves or refuses; an approved extension is notified to the applicant (条例第三十三条第二款)."""
    if not is_leader(user):
        raise Forbidden([_("Only the leader in charge may approve an extension.")])
    _require(application.extension_status == "requested", _("No extension is waiting for a decision."))
    _require(application.status in CLOCK_STATUSES, _("This application is no longer being handled."))
    if not approve:
        application.extension_status = "refused"
        application.save(update_fields=["extension_status"])
        record(application, Event.Kind.EXTENSION_REFUSED, user, note)
        return None
    application.extension_status = "approved"
    application.extension_days = application.extension_days_requested
    record(application, Event.Kind.EXTENSION_APPROVED, user, note)
    _finish(application, ["extension_status", "extension_days"])
    settings_, bureau = _site_facts(site)
    letter = letters.issue(application, LetterKind.EXTENSION, user, settings_, bureau)
    notifications.send_letter(application, letter)
    return letter


@transaction.atomic
def request_reasons(application, user, site, text):
    """Unreasonable volume: ask the applicant for reasons (条例第三十五条)."""
    _officer_step(
        application,
        user,
        CLOCK_STATUSES,
        _("Reasons can only be asked while the application is being handled."),
    )
    application.reasons_requested_on = timezone.localdate()
    application.save(update_fields=["reasons_requested_on"])
    record(application, Event.Kind.REASONS_REQUESTED, user, text)
    settings_, bureau = _site_facts(site)
    letter = letters.issue(application, LetterKind.REASONS, user, settings_, bureau, 答复内容=text)
    notifications.send_letter(application, letter)
    return letter


def _conclude(application, status, row):
    application.status = status
    application.table_row = row
    application.concluded_on = timezone.localdate()
    application.due_on = None
    application.due_provisional = False
    application.save()


@transaction.atomic
def answer(application, user, site, data, files):
    """The answer (条例第三十六条、第三十七条), with the information provided as attachments."""
    _officer_step(
        application,
        user,
        (Status.REGISTERED,),
        _("Only an application being handled (no consultation open) can be answered."),
    )
    answer_type = data["answer_type"]
    if answer_type == AnswerType.UNREASONABLE:
        _require(application.reasons_requested_on is not None, _("Ask the applicant for reasons first (art. 35)."))
    if answer_type == AnswerType.STILL_UNCLEAR:
        _require(
            application.correction_received_on is not None,
            _("Only an application corrected once can be answered as still unclear (art. 30)."),
        )
    for field in (
        "answer_type",
        "withholding_ground",
        "answer_text",
        "withheld_text",
        "where_published",
        "responsible_body",
    ):
        setattr(application, field, data.get(field, ""))
    saved = save_files(application, Attachment.Kind.REPLY, files)
    _conclude(application, Status.ANSWERED, table_row(answer_type, data.get("withholding_ground", "")))
    record(application, Event.Kind.ANSWERED, user, application.get_answer_type_display())
    settings_, bureau = _site_facts(site)
    letter = letters.issue(
        application, LetterKind.REPLY, user, settings_, bureau, 答复内容=letters.answer_paragraph(application)
    )
    if notifications.wants_letters_by_email(application):
        notifications.send_letter(application, letter, attachments=saved)
    else:
        notifications.send_notice(
            application, _("Your application %(code)s has been answered"), "on_request/email/answered.txt"
        )
    return letter


@transaction.atomic
def close(application, user):
    _officer_step(application, user, (Status.ANSWERED,), _("Only an answered application can be closed."))
    application.status = Status.CLOSED
    application.save(update_fields=["status"])
    record(application, Event.Kind.CLOSED, user)


@transaction.atomic
def withdraw(application, user=None, by_applicant=False, note=""):
    """The applicant withdraws (through the tracking page, or in writing recorded by the officer)."""
    if not by_applicant:
        _officer(user)
    _require(application.status in OPEN_STATUSES, _("This application can no longer be withdrawn."))
    if application.received_on is None:
        # Never received: not counted in the statistics.
        application.status = Status.WITHDRAWN
        application.concluded_on = timezone.localdate()
        application.save(update_fields=["status", "concluded_on", "due_on", "due_provisional"])
    else:
        _conclude(application, Status.WITHDRAWN, TableRow.OTHER)
    record(application, Event.Kind.WITHDRAWN, user, note, by_applicant=by_applicant)


def proactive_suggestions(queryset=None):
    """Information asked for by several applicants and answered as publishable:
    a candidate for proactive disclosure (条例第四十四条). Groups by the
    officer's name of the information, else by the document number."""
    queryset = queryset if queryset is not None else Application.objects.all()
    groups = {}
    rows = queryset.filter(answer_type__in=PUBLISHABLE_ANSWERS).values_list(
        "information_name", "document_number", "id_number", "name", "tracking_code"
    )
    for information_name, document_number, id_number, name, code in rows:
        key = (information_name or document_number or "").strip()
        if not key:
            continue
        group = groups.setdefault(key, {"key": key, "applicants": set(), "codes": []})
        group["applicants"].add(id_number or name)
        group["codes"].append(code)
    return sorted(
        (g for g in groups.values() if len(g["applicants"]) >= 2), key=lambda g: (-len(g["applicants"]), g["key"])
    )
