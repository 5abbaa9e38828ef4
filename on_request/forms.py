"""Forms of the public service and of the staff's steps. Every message is
in the user's language (Chinese by default) and names what to do."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.identity import normalise_identity, valid_credit_code, valid_resident_id
from disclosure.models import Office

from .clock import MAX_EXTENSION_DAYS
from .models import Consultation
from .uploads import ATTACHMENT_HELP, AttachmentsField
from .vocabulary import (
    ORGANISATION_ID_TYPES,
    AnswerType,
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdType,
    Status,
    WithholdingGround,
)

DESCRIPTION_MAX = 2000
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")


def no_markup(value):
    if MARKUP.search(value or ""):
        raise forms.ValidationError(
            _(
                "Please write plain text: angle brackets that look like web page code (for example <b>) are not accepted."
            )
        )
    return value


class ApplicantFields(forms.Form):
    """What 条例第二十九条 asks of every application."""

    applicant_type = forms.ChoiceField(
        label=gettext_lazy("Applicant"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose whether you apply as a person or for an organisation.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Name of the person or organisation"),
        max_length=100,
        help_text=gettext_lazy("As on the identity document; an organisation's full registered name."),
        error_messages={"required": gettext_lazy("Enter your name or the organisation's name.")},
    )
    contact_person = forms.CharField(
        label=gettext_lazy("Contact person (organisations)"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("For an organisation: who we may contact about the application."),
    )
    id_type = forms.ChoiceField(
        label=gettext_lazy("Identity document"),
        choices=IdType.choices,
        help_text=gettext_lazy(
            "A person: the identity card or another document. An organisation: the unified social credit code."
        ),
    )
    id_number = forms.CharField(
        label=gettext_lazy("Number of the identity document"),
        max_length=40,
        help_text=gettext_lazy(
            "For example 110105199001011234. Its last four characters and the tracking code let you follow the application."
        ),
        error_messages={"required": gettext_lazy("Enter the number of the identity document.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Telephone"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("A mobile or landline number, for example 13800000000 or 0734-8000000."),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "We send the receipt and the notices here. Needed if you want the information by e-mail."
        ),
        error_messages={"invalid": gettext_lazy("Enter an e-mail address such as name@example.com.")},
    )
    address = forms.CharField(
        label=gettext_lazy("Postal address"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Needed if you want the information by post."),
    )
    postcode = forms.RegexField(
        label=gettext_lazy("Postcode"),
        regex=r"^\d{6}$",
        required=False,
        max_length=6,
        error_messages={"invalid": gettext_lazy("A postcode has six digits, for example 421000.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Information you ask for"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Its name or what it is about, the period and anything else that helps us find it. You do not have to say why you want it."
        ),
        error_messages={
            "required": gettext_lazy("Describe the information you ask for."),
            "max_length": gettext_lazy(
                "Describe the information in at most %(limit_value)d characters (this has %(show_value)d). Split a long request into several applications."
            ),
        },
    )
    document_number = forms.CharField(
        label=gettext_lazy("Document number (if known)"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("For example 示教发〔2024〕12号."),
    )
    form_wanted = forms.ChoiceField(
        label=gettext_lazy("Form of the information"),
        choices=FormWanted.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the form in which you want the information.")},
    )
    delivery = forms.ChoiceField(
        label=gettext_lazy("How you obtain it"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how you want to obtain the information.")},
    )

    def clean_name(self):
        return no_markup(self.cleaned_data["name"].strip())

    def clean_contact_person(self):
        return no_markup(self.cleaned_data["contact_person"].strip())

    def clean_address(self):
        return no_markup(self.cleaned_data["address"].strip())

    def clean_description(self):
        return no_markup(self.cleaned_data["description"].strip())

    def clean_document_number(self):
        return no_markup(self.cleaned_data["document_number"].strip())

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a telephone number of digits, for example 13800000000 or 0734-8000000.")
            )
        return phone

    def clean_id_number(self):
        return normalise_identity(self.cleaned_data["id_number"])

    def clean(self):
        data = super().clean()
        applicant_type, id_type, number = data.get("applicant_type"), data.get("id_type"), data.get("id_number")
        if applicant_type and id_type:
            if applicant_type == ApplicantType.PERSON and id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", _("A person applies with an identity document, not a credit code."))
            elif applicant_type != ApplicantType.PERSON and id_type not in ORGANISATION_ID_TYPES:
                self.add_error(
                    "id_type", _("An organisation applies with its unified social credit code (or “Other”).")
                )
        if id_type and number:
            if id_type == IdType.RESIDENT_ID and not valid_resident_id(number):
                self.add_error(
                    "id_number",
                    _(
                        "This is not a valid resident identity card number: it has 18 characters (the last may be X) and its last character is a check digit. Please check it."
                    ),
                )
            elif id_type == IdType.CREDIT_CODE and not valid_credit_code(number):
                self.add_error(
                    "id_number",
                    _(
                        "This is not a valid unified social credit code: 18 characters, the last one a check character. Please check it."
                    ),
                )
            elif id_type not in (IdType.RESIDENT_ID, IdType.CREDIT_CODE) and not re.fullmatch(
                r"[0-9A-Z\-]{5,30}", number
            ):
                self.add_error("id_number", _("Enter the document number: 5 to 30 letters and digits."))
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter an e-mail address: you asked for the information by e-mail."))
        if delivery == Delivery.POST and not data.get("address") and "address" not in self.errors:
            self.add_error("address", _("Enter a postal address: you asked for the information by post."))
        if not (data.get("phone") or data.get("email") or data.get("address")) and not {
            "phone",
            "email",
            "address",
        } & set(self.errors):
            self.add_error(
                "phone", _("Give at least one way to contact you: a telephone number, an e-mail or a postal address.")
            )
        return data

    def application_data(self):
        fields = [
            "applicant_type",
            "name",
            "contact_person",
            "id_type",
            "id_number",
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "document_number",
            "form_wanted",
            "delivery",
        ]
        return {field: self.cleaned_data[field] for field in fields}


class ApplicationForm(ApplicantFields):
    attachments = AttachmentsField(label=gettext_lazy("Attachments (optional)"), help_text=ATTACHMENT_HELP)
    privacy = forms.BooleanField(
        label=gettext_lazy("I have read the privacy notice above."),
        error_messages={"required": gettext_lazy("Tick the box to confirm that you have read the privacy notice.")},
    )
    # A field people never see (hidden by the style sheet): only robots fill it in.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    # The parts of the form as the page shows them: heading, hint, fields.
    SECTIONS = [
        (gettext_lazy("1. About you"), None, ["applicant_type", "name", "contact_person", "id_type", "id_number"]),
        (
            gettext_lazy("2. How to reach you"),
            gettext_lazy("Give at least one."),
            ["phone", "email", "address", "postcode"],
        ),
        (
            gettext_lazy("3. The information you ask for"),
            None,
            ["description", "document_number", "form_wanted", "delivery", "attachments"],
        ),
    ]

    def sections(self):
        return [
            {"heading": heading, "hint": hint, "fields": [self[name] for name in names]}
            for heading, hint, names in self.SECTIONS
        ]

    def is_robot(self):
        return bool(self.data.get("website"))


class EntryForm(ApplicantFields):
    """An application handed in or posted, entered by the officer (条例第二十九条第一款: also oral applications written down)."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Received"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        help_text=gettext_lazy("Decides the day of receipt (art. 31)."),
    )
    received_on = forms.DateField(
        label=gettext_lazy("Day of receipt"),
        help_text=gettext_lazy(
            "In person: the day handed in. By post: the day signed for. By fax or e-mail: the day confirmed with the applicant."
        ),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    attachments = AttachmentsField(label=gettext_lazy("Scanned application and documents"), help_text=ATTACHMENT_HELP)

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day of receipt cannot be in the future."))
        return day


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=16,
        help_text=gettext_lazy("The 10 characters on your confirmation, for example 7KQ2M9XH4T."),
        error_messages={"required": gettext_lazy("Enter the tracking code.")},
    )
    last_four = forms.CharField(
        label=gettext_lazy("Last four characters of the identity document number"),
        max_length=4,
        min_length=4,
        help_text=gettext_lazy("For example 1234, or 123X."),
        error_messages={
            "required": gettext_lazy("Enter the last four characters of the document number."),
            "min_length": gettext_lazy("Enter exactly four characters."),
        },
    )

    def clean_code(self):
        return normalise_identity(self.cleaned_data["code"])

    def clean_last_four(self):
        return normalise_identity(self.cleaned_data["last_four"])


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your correction"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Answer each point of the notice."),
        error_messages={
            "required": gettext_lazy("Write your correction."),
            "max_length": gettext_lazy("Write at most %(limit_value)d characters (this has %(show_value)d)."),
        },
    )
    attachments = AttachmentsField(label=gettext_lazy("Attachments (optional)"), help_text=ATTACHMENT_HELP)

    def clean_text(self):
        return no_markup(self.cleaned_data["text"].strip())


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, I withdraw this application."),
        error_messages={"required": gettext_lazy("Tick the box to confirm the withdrawal.")},
    )


# ---- staff steps ----------------------------------------------------------


def _date_field(label, help_text="", required=True):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class RegisterForm(forms.Form):
    received_on = _date_field(
        gettext_lazy("Day of receipt"),
        gettext_lazy("The day you confirmed the application with the applicant (art. 31(3)); usually today."),
    )


class AssignForm(forms.Form):
    office = forms.ModelChoiceField(
        label=gettext_lazy("Office"),
        queryset=Office.objects.all(),
        required=False,
        empty_label=gettext_lazy("No office"),
    )


class OfficeNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Opinion of the office"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    attachments = AttachmentsField(label=gettext_lazy("Material found"), help_text=ATTACHMENT_HELP)


class CorrectionRequestForm(forms.Form):
    items = forms.CharField(
        label=gettext_lazy("What to correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy("Everything at once (art. 30): the request can be made only once."),
    )
    due_on = _date_field(
        gettext_lazy("Deadline for the correction"), gettext_lazy("A reasonable period, for example 15 working days.")
    )


class ReceiveCorrectionForm(forms.Form):
    received_on = _date_field(
        gettext_lazy("Corrected application received on"), gettext_lazy("The answer period counts again from this day.")
    )


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Consulted"), choices=Consultation.Kind.choices)
    party = forms.CharField(label=gettext_lazy("Party consulted"), max_length=200)
    matters = forms.CharField(
        label=gettext_lazy("What is asked"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class EndConsultationForm(forms.Form):
    consultation = forms.ModelChoiceField(label=gettext_lazy("Consultation"), queryset=Consultation.objects.none())
    answered_on = _date_field(
        gettext_lazy("Opinion received on"), gettext_lazy("Or the day the 15 working days ran out without an answer.")
    )
    opinion = forms.CharField(
        label=gettext_lazy("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            self.fields["consultation"].queryset = application.consultations.filter(answered_on__isnull=True)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Working days"), min_value=1, max_value=MAX_EXTENSION_DAYS, initial=MAX_EXTENSION_DAYS
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve the extension")), ("refuse", gettext_lazy("Refuse the extension"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)


class ReasonsForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What the applicant is asked to explain"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    answer_type = forms.ChoiceField(label=gettext_lazy("Answer"), choices=AnswerType.choices)
    withholding_ground = forms.ChoiceField(
        label=gettext_lazy("Legal ground for withholding"),
        choices=[("", "—"), *list(WithholdingGround.choices)],
        required=False,
        help_text=gettext_lazy("Needed to withhold, and for what a partial answer withholds."),
    )
    where_published = forms.CharField(
        label=gettext_lazy("Where it is published"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Needed when it is already published: the page address or place."),
    )
    withheld_text = forms.CharField(
        label=gettext_lazy("What was withheld and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    responsible_body = forms.CharField(
        label=gettext_lazy("Body responsible (if known)"), max_length=200, required=False
    )
    answer_text = forms.CharField(
        label=gettext_lazy("Further text of the answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        required=False,
    )
    information_name = forms.CharField(
        label=gettext_lazy("Information (short name)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Applications for the same information are found together under this name (art. 44)."),
    )
    attachments = AttachmentsField(label=gettext_lazy("Information provided"), help_text=ATTACHMENT_HELP)

    def clean(self):
        data = super().clean()
        answer_type = data.get("answer_type")
        if answer_type == AnswerType.WITHHELD and not data.get("withholding_ground"):
            self.add_error("withholding_ground", _("Choose the legal ground for withholding."))
        if answer_type == AnswerType.PARTLY:
            if not data.get("withheld_text"):
                self.add_error("withheld_text", _("Say what was withheld and why (art. 37)."))
            if not data.get("withholding_ground"):
                self.add_error("withholding_ground", _("Choose the legal ground of what is withheld."))
        if answer_type == AnswerType.ALREADY_PUBLISHED and not data.get("where_published"):
            self.add_error("where_published", _("Say where the information is published (art. 36(1))."))
        if (
            answer_type in (AnswerType.DISCLOSED, AnswerType.PARTLY)
            and not data.get("attachments")
            and not data.get("answer_text")
        ):
            self.add_error("attachments", _("Attach the information provided, or say in the text how it is provided."))
        if answer_type not in (AnswerType.WITHHELD, AnswerType.PARTLY):
            data["withholding_ground"] = ""
        return data


class StaffWithdrawForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How the applicant withdrew"),
        max_length=500,
        help_text=gettext_lazy("For example: letter of 3 March."),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    office = forms.ModelChoiceField(
        label=gettext_lazy("Office"),
        queryset=Office.objects.all(),
        required=False,
        empty_label=gettext_lazy("All offices"),
    )
    deadline = forms.ChoiceField(
        label=gettext_lazy("Deadline"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("overdue", gettext_lazy("Overdue")),
            ("soon", gettext_lazy("Due within 3 working days")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["status"].choices = [
            ("", gettext_lazy("Open applications")),
            ("all", gettext_lazy("All")),
            *list(Status.choices),
        ]


class StatisticsForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2008, max_value=2100)
