"""An application for government information (政府信息公开申请), its steps,
files and letters. The articles cited are those of 《政府信息公开条例》
(2019, 国务院令第711号).

Personal data (name, identity number, contact details) lives only on
`Application`; no model here is indexed for search, and nothing logs it.
Lists show it masked (`masked_name`, `masked_id`)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.identity import mask
from core.models import NumberedRecord

from .storage import get_private_storage
from .vocabulary import (
    OPEN_STATUSES,
    AnswerType,
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdType,
    LetterKind,
    Status,
    TableRow,
    WithholdingGround,
)

# No 0/O, 1/I/L: read aloud and typed from a letter without mistakes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_tracking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def remedy_field(verbose_name, help_text):
    """Where an applicant may seek a remedy (条例第五十一条): a body that
    every letter names; empty until the bureau fills it in."""
    return models.CharField(verbose_name, max_length=200, default="", blank=True, help_text=help_text)


@register_setting(icon="mail")
class OnRequestSettings(BaseSiteSetting):
    """The facts every letter needs: who handles applications and where the
    applicant may seek a remedy (条例第五十一条)."""

    office_name = models.CharField(
        _("disclosure office"),
        max_length=100,
        default="办公室",
        help_text=_(
            "The bureau's government information disclosure office (政府信息公开工作机构), for example 办公室."
        ),
    )
    review_body = remedy_field(
        _("administrative review body"),
        _(
            "Where an applicant may apply for administrative review (行政复议) within 60 days, for example 示例县人民政府."
        ),
    )
    court = remedy_field(
        _("court"),
        _(
            "Where an applicant may bring an administrative lawsuit (行政诉讼) within 6 months, for example 示例县人民法院."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention in years"),
        default=5,
        help_text=_(
            "Identity numbers, contact details and files of concluded applications are erased this many years after the conclusion (manage.py purge_applications)."
        ),
    )
    staff_email = models.EmailField(
        _("staff notification address"),
        blank=True,
        help_text=_("Optional: new online applications are announced to this address (without personal data)."),
    )

    class Meta:
        verbose_name = _("disclosure on request")
        verbose_name_plural = _("disclosure on request")


class Application(models.Model):
    tracking_code = models.CharField(
        _("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    # 条例第二十九条第二款第（一）项: name, proof of identity, contact.
    applicant_type = models.CharField(_("applicant type"), max_length=20, choices=ApplicantType.choices)
    name = models.CharField(_("name"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    id_type = models.CharField(_("identity document"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=40, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)

    # 第（二）项: the information sought.
    description = models.TextField(_("information sought"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    # 第（三）项: form and way of obtaining it.
    form_wanted = models.CharField(_("form wanted"), max_length=16, choices=FormWanted.choices)
    delivery = models.CharField(_("how to obtain it"), max_length=16, choices=Delivery.choices)

    office = models.ForeignKey(
        "disclosure.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    information_name = models.CharField(
        _("information (as catalogued)"),
        max_length=200,
        blank=True,
        help_text=_(
            "The officer's short name of the information, so that applications for the same information are found together (art. 44)."
        ),
    )

    # The clock (条例第三十条、第三十一条、第三十三条).
    received_on = models.DateField(_("received on"), null=True, blank=True)
    correction_requested_on = models.DateField(_("correction requested on"), null=True, blank=True)
    correction_due_on = models.DateField(_("correction due on"), null=True, blank=True)
    correction_items = models.TextField(_("what to correct"), blank=True)
    correction_submitted_at = models.DateTimeField(_("correction submitted"), null=True, blank=True)
    correction_text = models.TextField(_("correction"), blank=True)
    correction_received_on = models.DateField(_("corrected application received on"), null=True, blank=True)
    extension_status = models.CharField(_("extension"), max_length=16, blank=True, default="")
    extension_days_requested = models.PositiveSmallIntegerField(_("extension requested (working days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension approved (working days)"), default=0)
    reasons_requested_on = models.DateField(_("reasons requested on"), null=True, blank=True)
    due_on = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("deadline provisional"), default=False)

    # The answer (条例第三十五条至第三十九条).
    answer_type = models.CharField(_("answer"), max_length=20, choices=AnswerType.choices, blank=True)
    withholding_ground = models.CharField(_("ground"), max_length=20, choices=WithholdingGround.choices, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    withheld_text = models.TextField(_("what was withheld and why"), blank=True)
    where_published = models.CharField(_("where it is published"), max_length=300, blank=True)
    responsible_body = models.CharField(_("responsible body"), max_length=200, blank=True)
    table_row = models.CharField(_("table row"), max_length=4, choices=TableRow.choices, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, db_index=True)
    purged_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("handle_application", _("Can handle applications (依申请公开经办人)")),
            ("approve_extension", _("Can approve extensions of applications")),
            ("view_assigned_application", _("Can view the applications assigned to the user's office")),
        ]

    def __str__(self):
        return self.tracking_code

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_organisation(self):
        return self.applicant_type != ApplicantType.PERSON

    @property
    def masked_name(self):
        return mask(self.name)

    @property
    def masked_id(self):
        return mask(self.id_number, 3, 4) if self.id_number else ""

    @property
    def id_last_four(self):
        return (self.id_number or "")[-4:].upper()

    @property
    def clock_start(self):
        """The day the answer period counts from: receipt, or receipt of the corrected application (art. 30)."""
        return self.correction_received_on or self.received_on


class Consultation(NumberedRecord):
    """A written consultation of a third party (条例第三十二条) or of other
    bodies (第三十四条); its time is not counted (第三十三条第二款)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("Third party (art. 32)")
        OTHER_BODY = "other_body", _("Other administrative body (art. 33, 34)")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("consulted"), max_length=16, choices=Kind.choices, default=Kind.THIRD_PARTY)
    party = models.CharField(_("party consulted"), max_length=200)
    matters = models.TextField(_("what is asked"))
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("answer due"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]


class Event(NumberedRecord):
    """One step of the history: who did what, when."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted online")
        ENTERED = "entered", _("Entered by staff")
        REGISTERED = "registered", _("Registered (clock started)")
        ASSIGNED = "assigned", _("Assigned to an office")
        OFFICE_NOTE = "office_note", _("Office's opinion")
        CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
        CORRECTION_SUBMITTED = "correction_submitted", _("Correction submitted by the applicant")
        CORRECTION_RECEIVED = "correction_received", _("Corrected application received (clock restarted)")
        ABANDONED = "abandoned", _("Deemed abandoned")
        CONSULTATION_SENT = "consultation_sent", _("Consultation sent (clock paused)")
        CONSULTATION_ANSWERED = "consultation_answered", _("Consultation ended (clock resumed)")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        EXTENSION_APPROVED = "extension_approved", _("Extension approved")
        EXTENSION_REFUSED = "extension_refused", _("Extension refused")
        REASONS_REQUESTED = "reasons_requested", _("Reasons requested (art. 35)")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
        EMAILED = "emailed", _("E-mail sent to the applicant")
        PURGED = "purged", _("Personal data erased")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_applicant = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def actor_label(self):
        if self.by_applicant:
            return _("the applicant")
        if self.actor is None:
            return _("the system")
        return self.actor.get_full_name() or self.actor.get_username()


def attachment_path(instance, filename):
    return f"{instance.application.tracking_code}/{secrets.token_hex(8)}{instance.extension}"


class Attachment(NumberedRecord):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Sent with the application")
        CORRECTION = "correction", _("Sent with the correction")
        OFFICE = "office", _("Office's material (staff only)")
        REPLY = "reply", _("Information provided with the answer")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(storage=get_private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    @property
    def extension(self):
        return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(self.content_type, "")


class Letter(models.Model):
    """A letter as issued: its text is frozen when it is made (later edits of
    the template do not change it); the PDF is rendered from that text."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=16, choices=LetterKind.choices)
    number = models.CharField(max_length=40)
    title = models.CharField(max_length=100)
    body = models.TextField()
    issued_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.title}（{self.number}）"


class LetterTemplate(models.Model):
    """The editable text of each kind of letter. Placeholders in double
    braces are replaced with the case's facts (see the help text)."""

    kind = models.CharField(_("letter"), max_length=16, choices=LetterKind.choices, unique=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by an empty line. Placeholders: {{ 申请人 }}, {{ 收到日期 }}, {{ 申请内容 }}, {{ 补正事项 }}, {{ 补正期限 }}, {{ 延长天数 }}, {{ 延期理由 }}, {{ 答复期限 }}, {{ 答复内容 }}, {{ 第三方 }}, {{ 征求事项 }}, {{ 意见期限 }}, {{ 救济途径 }}, {{ 机关 }}, {{ 日期 }}."
        ),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return self.get_kind_display()
