"""The fixed vocabularies of the standard catalogue.

Stored values are stable keys; labels are translated for display. The
channel values are the Chinese terms of `channels_vocabulary` in
data/catalogue.json (a test keeps the two in step)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CHANNEL_OTHER = "其他"

CHANNELS = [
    ("政府网站", _("Government website")),
    ("政府公报", _("Government gazette")),
    ("两微一端", _("Weibo, WeChat and mobile app")),
    ("发布会/听证会", _("Press conference or hearing")),
    ("广播电视", _("Radio and television")),
    ("纸质媒体", _("Print media")),
    ("公开查阅点", _("Public reading point")),
    ("政务服务中心", _("Government service centre")),
    ("便民服务站", _("Community service station")),
    ("入户/现场", _("Door-to-door or on site")),
    ("社区/企事业单位/村公示栏(电子屏)", _("Notice boards (or screens) of communities, organisations and villages")),
    ("精准推送", _("Targeted push notifications")),
    (CHANNEL_OTHER, _("Other")),
]


class Level(models.TextChoices):
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")


LEVEL_BY_SOURCE = {"县级": Level.COUNTY, "乡级": Level.TOWNSHIP}


class Audience(models.TextChoices):
    PUBLIC = "public", _("The whole of society")
    SPECIFIC = "specific", _("Specific groups")


AUDIENCE_BY_SOURCE = {"全社会": Audience.PUBLIC, "特定群体": Audience.SPECIFIC}


class Method(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_REQUEST = "on_request", _("Disclosure on request")


METHOD_BY_SOURCE = {"主动": Method.PROACTIVE, "依申请": Method.ON_REQUEST}


class DisclosureAttribute(models.TextChoices):
    """公开属性 of a disclosure: the two methods of disclosure, or not disclosed."""

    PROACTIVE = Method.PROACTIVE.value, Method.PROACTIVE.label
    ON_REQUEST = Method.ON_REQUEST.value, Method.ON_REQUEST.label
    WITHHELD = "withheld", _("Not disclosed")


class Validity(models.TextChoices):
    """有效性 of a document."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")
    AMENDED = "amended", _("Amended")


class TimeLimitKind(models.TextChoices):
    WORKING_DAYS = "working_days", _("Within a number of working days of the information being formed or changed")
    ANNUAL = "annual", _("Every year by a date")
    ON_CHANGE = "on_change", _("Whenever the information changes")
    OTHER = "other", _("Other (state it in the display text)")


class Provenance(models.TextChoices):
    READ = "read", _("Read from a published catalogue")
    DEFAULT = "default", _("Default, to be confirmed")
    INFERRED = "inferred", _("Inferred, to be confirmed")
