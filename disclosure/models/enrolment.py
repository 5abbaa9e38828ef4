"""招生划片: the enrolment zone (catchment) of one school for one year and
stage, as published, with the structured rules an address finder can use.

The fields follow the zone spreadsheet that zones are imported from and
exported to, one rule per row::

    年度,学段,学校,规则,类型,名称,起,止,单双号,备注
    year,stage,school,rule,kind,name,start,end,parity,note

The `*_TERMS` dictionaries give the Chinese term of each stored key, as
written in the spreadsheet and in the announcements. They are content, not
interface text: rule labels (`ZoneRule.label`) are built from them and are
always Chinese, like the announcements they come from."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import generation
from core.fields import telephone_field
from core.models import BureauSettings
from core.pages import public

from .base import DisclosurePage
from .organisations import School


class EnrolmentStage(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary school")


STAGE_TERMS = {EnrolmentStage.PRIMARY: "小学", EnrolmentStage.JUNIOR: "初中"}

# The school stages that may enrol at each zone stage.
SCHOOL_STAGES = {
    EnrolmentStage.PRIMARY: {School.Stage.PRIMARY, School.Stage.NINE_YEAR},
    EnrolmentStage.JUNIOR: {School.Stage.JUNIOR, School.Stage.NINE_YEAR},
}


class RuleType(models.TextChoices):
    INCLUDE = "include", _("Included")
    EXCLUDE = "exclude", _("Excluded")
    BOUNDARY = "boundary", _("Boundary")
    DESCRIPTION = "description", _("Description")


RULE_TERMS = {
    RuleType.INCLUDE: "包含",
    RuleType.EXCLUDE: "排除",
    RuleType.BOUNDARY: "边界",
    RuleType.DESCRIPTION: "描述",
}


# How the zone page shows the rules: type, heading, note.
RULE_SECTIONS = [
    (RuleType.INCLUDE, _("Included"), None),
    (RuleType.EXCLUDE, _("Not included"), None),
    (
        RuleType.BOUNDARY,
        _("Boundaries"),
        _(
            "These streets and places form the edge of the zone. An address on a boundary may belong to this school or "
            "to a neighbouring one: please confirm with the bureau before you apply."
        ),
    ),
    (RuleType.DESCRIPTION, _("Further details"), None),
]


class RuleKind(models.TextChoices):
    STREET = "street", _("Whole street")
    HOUSE_NUMBERS = "house_numbers", _("House numbers on a street")
    SEGMENT = "segment", _("Street segment between two cross streets")
    COMPOUND = "compound", _("Residential compound")
    COMMUNITY = "community", _("Community")
    VILLAGE = "village", _("Village")
    AREA = "area", _("Area described in words")


KIND_TERMS = {
    RuleKind.STREET: "街道",
    RuleKind.HOUSE_NUMBERS: "门牌",
    RuleKind.SEGMENT: "路段",
    RuleKind.COMPOUND: "小区",
    RuleKind.COMMUNITY: "社区",
    RuleKind.VILLAGE: "村",
    RuleKind.AREA: "范围",
}


class Parity(models.TextChoices):
    ALL = "all", _("All numbers")
    ODD = "odd", _("Odd numbers")
    EVEN = "even", _("Even numbers")


PARITY_TERMS = {Parity.ALL: "全", Parity.ODD: "单", Parity.EVEN: "双"}


class Side(models.TextChoices):
    EAST = "east", _("East side")
    WEST = "west", _("West side")
    SOUTH = "south", _("South side")
    NORTH = "north", _("North side")
    BOTH = "both", _("Both sides")


SIDE_TERMS = {Side.EAST: "东侧", Side.WEST: "西侧", Side.SOUTH: "南侧", Side.NORTH: "北侧", Side.BOTH: "两侧"}


class KeyDateStage(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    VERIFICATION = "verification", _("Verification of documents")
    ADMISSION = "admission", _("Admission results")
    OTHER = "other", _("Other")


KEY_DATE_TERMS = {
    KeyDateStage.REGISTRATION: "报名",
    KeyDateStage.VERIFICATION: "审核",
    KeyDateStage.ADMISSION: "录取",
    KeyDateStage.OTHER: "其他",
}

# House numbers: ASCII or full-width digits, optionally followed by 号.
_HOUSE_NUMBER_RE = re.compile(r"^\s*([0-9０-９]{1,6})\s*号?\s*$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ALIAS_PREFIX_RE = re.compile(r"^\s*(?:别名|又名|又称|曾用名)\s*[:：]\s*")
_ALIAS_SEPARATORS_RE = re.compile(r"[、，,；;]+")


def house_number(value):
    """The integer of a house number typed as 12, １２ or 12号; None if it is not one."""
    match = _HOUSE_NUMBER_RE.match(value or "")
    return int(match[1].translate(_FULLWIDTH_DIGITS)) if match else None


def parse_aliases(text):
    """`别名：A、B` (or just `A、B`) → ["A", "B"]."""
    text = _ALIAS_PREFIX_RE.sub("", text or "")
    aliases = []
    for alias in _ALIAS_SEPARATORS_RE.split(text):
        alias = alias.strip()
        if alias and alias not in aliases:
            aliases.append(alias)
    return aliases


def _current_year():
    return datetime.date.today().year


class EnrolmentZonePage(DisclosurePage):
    """招生划片: which addresses belong to one school, for one enrolment year
    and stage, with the enrolment plan, key dates and documents to bring."""

    # Listings file a zone under its enrolment year.
    document_year_field = "year"

    year = models.PositiveSmallIntegerField(
        _("enrolment year"),
        default=_current_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the children start school, for example 2024."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=EnrolmentStage.choices,
        help_text=_("Primary school or junior secondary school: one zone page per school, year and stage."),
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="enrolment_zones",
        help_text=_("Add a missing school under “Offices and schools › Schools” first."),
    )
    zone_description = models.TextField(
        _("zone as published"),
        help_text=_(
            "The zone exactly as the announcement words it. It is shown unchanged, with its line breaks, and is what counts."
        ),
    )
    classes = models.PositiveIntegerField(
        _("classes"), null=True, blank=True, help_text=_("Number of first-year classes planned, if published.")
    )
    places = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Number of first-year places planned, if published.")
    )
    required_documents = StreamField(
        [("document", blocks.CharBlock(label=_("document"), max_length=200))],
        verbose_name=_("documents to bring"),
        blank=True,
        help_text=_("One document per line, in the order parents should prepare them, for example 户口簿."),
    )
    consultation_phone = telephone_field(
        _("enquiry telephone"),
        _("The number parents can call with questions about this zone, for example 0734-8888888."),
    )
    complaint_channel = models.TextField(
        _("complaint channel"),
        blank=True,
        help_text=_(
            "Where to report problems with enrolment (监督举报). Leave empty to show the site's complaint channel."
        ),
    )

    content_panels = (
        Page.content_panels
        + DisclosurePage.screening_panels
        + DisclosurePage.record_panels
        + [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("year"), FieldPanel("stage")]), FieldPanel("school")],
                heading=_("School and stage"),
            ),
            FieldPanel("zone_description"),
            InlinePanel(
                "rules",
                heading=_("Zone rules"),
                label=_("rule"),
                help_text=_(
                    "The zone split into streets, house numbers, segments, compounds, communities and villages, "
                    "in the order of the announcement. They help parents find their address; the wording above still counts."
                ),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("classes"), FieldPanel("places")])], heading=_("Enrolment plan")
            ),
            InlinePanel("key_dates", heading=_("Key dates"), label=_("date")),
            FieldPanel("required_documents"),
            MultiFieldPanel(
                [FieldPanel("consultation_phone"), FieldPanel("complaint_channel")],
                heading=_("Enquiries and complaints"),
            ),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("attachments"),
        ]
        + DisclosurePage.change_panels
    )

    search_fields = [
        *DisclosurePage.search_fields,
        index.RelatedFields("school", [index.SearchField("name", boost=3), index.AutocompleteField("name")]),
        index.SearchField("zone_description", boost=2),
        index.RelatedFields("rules", [index.SearchField("name"), index.SearchField("aliases")]),
        index.FilterField("year"),
        index.FilterField("stage"),
        index.FilterField("school"),
    ]

    serve_select_related = ("issuing_office", "superseded_by", "school")

    class Meta:
        verbose_name = _("enrolment zone")
        verbose_name_plural = _("enrolment zones")

    def clean(self):
        super().clean()
        self.zone_description = (self.zone_description or "").strip("\n")
        if self.school_id and self.stage in SCHOOL_STAGES:
            school = self.school
            if school.stage not in SCHOOL_STAGES[self.stage]:
                raise ValidationError(
                    {
                        "school": gettext(
                            "%(school)s is registered as “%(school_stage)s”: it does not enrol at this stage."
                        )
                        % {"school": school.name, "school_stage": school.get_stage_display()}
                    }
                )

    # ---- display ------------------------------------------------------------

    @property
    def stage_term(self):
        return STAGE_TERMS.get(self.stage, "")

    def rule_sections(self, rules=None):
        """The page's parts of the rules: one per type that has rules, in
        RULE_SECTIONS' order, each with its rules in the editor's order."""
        by_type = {}
        for rule in self.rules.all() if rules is None else rules:
            by_type.setdefault(rule.rule, []).append(rule)
        return [
            {"type": rule_type, "heading": heading, "notice": notice, "rules": by_type[rule_type]}
            for rule_type, heading, notice in RULE_SECTIONS
            if by_type.get(rule_type)
        ]

    def timeline(self, key_dates=None):
        """The key dates in date order (the editor's order breaks ties)."""
        dates = list(self.key_dates.all() if key_dates is None else key_dates)
        return sorted(dates, key=lambda d: (d.start_date, d.end_date or d.start_date, d.sort_order or 0))

    def newer_zone(self):
        """The latest published zone of the same school and stage for a later
        year, if any (read once per content generation)."""
        return generation.cached(
            f"newer-zone:{self.school_id}:{self.stage}:{self.year}",
            lambda: (
                public(EnrolmentZonePage.objects.live())
                .filter(school_id=self.school_id, stage=self.stage, year__gt=self.year)
                .order_by("-year", "-first_published_at")
                .only("title", "url_path", "path", "depth")
                .first()
            ),
        )

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        # A fixed number of queries however many rules and dates there are:
        # each relation is read once (in previews they are in memory), and
        # only when the page's fragment is rendered ({% generationcache %}).
        rules = SimpleLazyObject(lambda: list(self.rules.all()))
        context["rule_sections"] = SimpleLazyObject(lambda: self.rule_sections(rules))
        context["rule_count"] = SimpleLazyObject(lambda: len(rules))
        context["timeline"] = SimpleLazyObject(self.timeline)
        context["school"] = self.school
        context["newer_zone"] = SimpleLazyObject(lambda: self.newer_zone() if self.school_id else None)
        contacts = SimpleLazyObject(
            lambda: self.contact_details(BureauSettings.for_request(request) if request is not None else None)
        )
        for name in ("enquiry_phone", "complaint_channel", "complaint_phone"):
            context[name] = SimpleLazyObject(lambda name=name: contacts[name])
        return context

    def contact_details(self, bureau=None):
        """Whom parents ask or complain to: the zone's own numbers, else its
        office's and the site's (`bureau`: the BureauSettings, or None)."""
        return {
            "enquiry_phone": self.consultation_phone
            or self.issuing_office.phone
            or (bureau.contact_phone if bureau else ""),
            "complaint_channel": self.complaint_channel.strip() or (bureau.complaint_channel if bureau else ""),
            "complaint_phone": bureau.complaint_phone if bureau else "",
        }


class ZoneRule(Orderable):
    """One row of a zone: a rule (included, excluded, boundary, description)
    about one kind of place (street, house numbers, segment, compound,
    community, village, area in words)."""

    page = ParentalKey(EnrolmentZonePage, on_delete=models.CASCADE, related_name="rules")
    rule = models.CharField(
        _("rule"),
        max_length=16,
        choices=RuleType.choices,
        default=RuleType.INCLUDE,
        help_text=_(
            "Include, exclude (overrides includes), boundary (an address on it may belong to either side) or description."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=RuleKind.choices,
        default=RuleKind.STREET,
        help_text=_(
            "What the name is: a whole street, house numbers on a street, a street segment, a compound, a community, a village, or an area in words."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=500,
        help_text=_(
            "As published: the street (雁城路), compound (阳光花园小区), community (犀牛社区) or village (红旗村); "
            "for an area, its description in words."
        ),
    )
    start = models.CharField(
        _("from"),
        max_length=100,
        blank=True,
        help_text=_("House numbers: the first number. Street segment: the cross street where it starts."),
    )
    end = models.CharField(
        _("to"),
        max_length=100,
        blank=True,
        help_text=_("House numbers: the last number. Street segment: the cross street where it ends."),
    )
    parity = models.CharField(
        _("odd or even"),
        max_length=8,
        choices=Parity.choices,
        default=Parity.ALL,
        help_text=_("House numbers only: odd numbers (单号), even numbers (双号) or all."),
    )
    side = models.CharField(
        _("side of the street"),
        max_length=8,
        choices=Side.choices,
        blank=True,
        help_text=_("Whole streets and segments only, when the announcement names a side (东侧, 两侧 …)."),
    )
    aliases = models.CharField(
        _("other names"),
        max_length=500,
        blank=True,
        help_text=_("Other names people use, separated by 、 — for example 阳光小区、阳光花园一期."),
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("Shown after the rule, for example 含南侧临街面.")
    )

    panels = [
        FieldRowPanel([FieldPanel("rule"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("parity"), FieldPanel("side")]),
        FieldPanel("aliases"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("zone rule")
        verbose_name_plural = _("zone rules")

    def __str__(self):
        return self.label

    def _clean_house_numbers(self, errors):
        numbers = {}
        for field in ("start", "end"):
            value = getattr(self, field)
            if not value:
                errors[field] = gettext("Enter the house number.")
            elif house_number(value) is None:
                errors[field] = gettext("Enter a whole house number, such as 70.")
            else:
                numbers[field] = house_number(value)
                setattr(self, field, str(numbers[field]))
        if len(numbers) == 2 and numbers["start"] > numbers["end"]:
            errors["end"] = gettext("The last number must not be smaller than the first.")

    def _clean_segment(self, errors):
        if not self.start:
            errors["start"] = gettext("Enter the cross street where the segment starts.")
        if not self.end:
            errors["end"] = gettext("Enter the cross street where the segment ends.")
        if self.start and self.end and self.start == self.end:
            errors["end"] = gettext("A segment needs two different cross streets.")

    def clean(self):
        super().clean()
        for name in ("name", "start", "end", "aliases", "note"):
            setattr(self, name, (getattr(self, name) or "").strip())
        errors = {}
        kind = self.kind
        if kind == RuleKind.HOUSE_NUMBERS:
            self._clean_house_numbers(errors)
        elif kind == RuleKind.SEGMENT:
            self._clean_segment(errors)
        else:
            for field in ("start", "end"):
                if getattr(self, field):
                    errors[field] = gettext(
                        "Only house-number ranges and street segments have a start and an end: change the kind or leave this empty."
                    )
        if kind != RuleKind.HOUSE_NUMBERS and self.parity not in ("", Parity.ALL):
            errors["parity"] = gettext("Odd or even numbers apply to house-number ranges only.")
        if not self.parity:
            self.parity = Parity.ALL
        if self.side and kind not in (RuleKind.STREET, RuleKind.SEGMENT):
            errors["side"] = gettext("A side applies to whole streets and street segments only.")
        if self.rule == RuleType.DESCRIPTION and kind != RuleKind.AREA:
            errors["kind"] = gettext("A description is an area in words: choose that kind.")
        if self.aliases:
            self.aliases = "、".join(parse_aliases(self.aliases))
        if errors:
            raise ValidationError(errors)

    # ---- display ------------------------------------------------------------

    @property
    def alias_list(self):
        return parse_aliases(self.aliases)

    @property
    def label(self):
        """How the rule reads in Chinese: 雁城路1–70号（单号）, 解放路（东风路至人民路段，东侧）, 阳光花园小区."""
        name, side = self.name, SIDE_TERMS.get(self.side, "")
        if self.kind == RuleKind.HOUSE_NUMBERS:
            numbers = self.start if self.start == self.end else f"{self.start}–{self.end}"
            parity = {Parity.ODD: "（单号）", Parity.EVEN: "（双号）"}.get(self.parity, "")
            return f"{name}{numbers}号{parity}"
        if self.kind == RuleKind.SEGMENT:
            return f"{name}（{self.start}至{self.end}段{'，' + side if side else ''}）"
        if self.kind == RuleKind.STREET and side:
            return f"{name}（{side}）"
        return name


class EnrolmentKeyDate(Orderable):
    """A date of the enrolment timetable: registration, verification, admission…"""

    page = ParentalKey(EnrolmentZonePage, on_delete=models.CASCADE, related_name="key_dates")
    stage = models.CharField(
        _("what happens"),
        max_length=16,
        choices=KeyDateStage.choices,
        help_text=_("Registration, verification, admission, or other (then describe it in the note)."),
    )
    start_date = models.DateField(_("date"), help_text=_("The day, or the first day, YYYY-MM-DD."))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day, if it lasts several days.")
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("For example where to go, or the hours. Required for “other”."),
    )

    panels = [
        FieldPanel("stage"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")

    def __str__(self):
        return f"{KEY_DATE_TERMS.get(self.stage, self.stage)} {self.start_date}"

    def clean(self):
        super().clean()
        self.note = (self.note or "").strip()
        errors = {}
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = gettext("The last day must not be before the first day.")
            elif self.end_date == self.start_date:
                self.end_date = None
        if self.stage == KeyDateStage.OTHER and not self.note:
            errors["note"] = gettext("Say what happens on this date.")
        if errors:
            raise ValidationError(errors)
