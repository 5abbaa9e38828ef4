"""The fixed vocabularies of an application, with the articles of
《政府信息公开条例》(国务院令第711号, "条例") they come from, and the rows and
columns of table 三 of the annual report (国办公开办函〔2021〕30号)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """The columns of table 三: 自然人, then 法人或其他组织 in five columns."""

    PERSON = "person", _("Natural person")
    BUSINESS = "business", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    PUBLIC_INTEREST = "public_interest", _("Public-interest organisation")
    LEGAL_SERVICES = "legal_services", _("Legal services organisation")
    OTHER_ORGANISATION = "other_organisation", _("Other organisation")


ORGANISATION_TYPES = [t for t in ApplicantType if t != ApplicantType.PERSON]


class IdType(models.TextChoices):
    """The proof of identity (条例第二十九条第二款第（一）项: 身份证明)."""

    RESIDENT_ID = "resident_id", _("Resident identity card")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    HK_MACAO = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN = "taiwan", _("Mainland travel permit for Taiwan residents")
    PASSPORT = "passport", _("Passport")
    FOREIGN_PERMANENT = "foreign_permanent", _("Foreign permanent resident ID card")
    OTHER = "other", _("Other identity document")


PERSON_ID_TYPES = [t for t in IdType if t != IdType.CREDIT_CODE]
ORGANISATION_ID_TYPES = [IdType.CREDIT_CODE, IdType.OTHER]


class Channel(models.TextChoices):
    """How the application arrived; decides the day of receipt (条例第三十一条)."""

    ONLINE = "online", _("Online (this site)")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    FAX = "fax", _("By fax or e-mail")


class FormWanted(models.TextChoices):
    """The form of the information wanted (条例第二十九条第二款第（三）项)."""

    PAPER = "paper", _("On paper")
    ELECTRONIC = "electronic", _("Electronic document")
    DISC = "disc", _("On a disc")


class Delivery(models.TextChoices):
    """How the applicant obtains it (the same item: 获取信息的方式、途径)."""

    ONLINE = "online", _("Download from this site (tracking page)")
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")
    COLLECT = "collect", _("Collect in person")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting registration")
    REGISTERED = "registered", _("Being handled")
    CORRECTION = "correction", _("Awaiting correction")
    CONSULTING = "consulting", _("Consulting a third party")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ABANDONED = "abandoned", _("Deemed abandoned")


OPEN_STATUSES = [Status.SUBMITTED, Status.REGISTERED, Status.CORRECTION, Status.CONSULTING]
CLOCK_STATUSES = [Status.REGISTERED, Status.CONSULTING]
CONCLUDED_STATUSES = [Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN, Status.ABANDONED]


class AnswerType(models.TextChoices):
    """The kinds of answer (条例第三十五条至第三十九条)."""

    ALREADY_PUBLISHED = "already_published", _("Already published proactively (say where) — art. 36(1)")
    DISCLOSED = "disclosed", _("Disclosed — art. 36(2)")
    PARTLY = "partly", _("Partly disclosed (what was withheld and why) — art. 37")
    WITHHELD = "withheld", _("Not disclosed (with the legal reason) — art. 36(3)")
    NOT_EXISTING = "not_existing", _("The information does not exist — art. 36(4)")
    NOT_OURS = "not_ours", _("Not this bureau's to disclose (name the body if known) — art. 36(5)")
    REPEAT = "repeat", _("Repeated application — art. 36(6)")
    OTHER_LAW = "other_law", _("To be obtained under another law — art. 36(7)")
    NEEDS_MAKING = "needs_making", _("No such information without producing it anew — art. 38")
    STILL_UNCLEAR = "still_unclear", _("Still unclear after correction — art. 30")
    PETITION = "petition", _("A petition, complaint or report, not an application — art. 39(1)")
    PUBLICATION = "publication", _("Asks for public publications — art. 39(2)")
    UNREASONABLE = "unreasonable", _("Not processed: unreasonable volume without good reason — art. 35")
    CONFIRMATION = "confirmation", _("Asks to confirm or reissue information already obtained")


class WithholdingGround(models.TextChoices):
    """The legal reasons for withholding (条例第十四条至第十六条、第三十六条第（七）项);
    the eight rows under 不予公开 in table 三."""

    STATE_SECRET = "state_secret", _("State secret — art. 14")
    LAW = "law", _("Other laws or administrative regulations forbid it — art. 14")
    SECURITY = "security", _("Would endanger national, public or economic security or social stability — art. 14")
    THIRD_PARTY = "third_party", _("Protects a third party's lawful rights (trade secrets, privacy) — art. 15")
    INTERNAL = "internal", _("Internal affairs (personnel, logistics, internal procedures) — art. 16")
    PROCESS = "process", _("Process information (discussion records, drafts, consultations, requests) — art. 16")
    ENFORCEMENT = "enforcement", _("Administrative enforcement case files — art. 16")
    QUERY = "query", _("Administrative query matter — art. 36(7)")


class TableRow(models.TextChoices):
    """The rows of 三、本年度办理结果 in table 三 (国办公开办函〔2021〕30号), in order."""

    DISCLOSED = "1", "（一）予以公开"
    PARTLY = "2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD_STATE_SECRET = "3.1", "（三）不予公开 1.属于国家秘密"
    WITHHELD_LAW = "3.2", "（三）不予公开 2.其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "3.3", "（三）不予公开 3.危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "3.4", "（三）不予公开 4.保护第三方合法权益"
    WITHHELD_INTERNAL = "3.5", "（三）不予公开 5.属于三类内部事务信息"
    WITHHELD_PROCESS = "3.6", "（三）不予公开 6.属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "3.7", "（三）不予公开 7.属于行政执法案卷"
    WITHHELD_QUERY = "3.8", "（三）不予公开 8.属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "4.1", "（四）无法提供 1.本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_MAKING = "4.2", "（四）无法提供 2.没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "4.3", "（四）无法提供 3.补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "5.1", "（五）不予处理 1.信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "5.2", "（五）不予处理 2.重复申请"
    NOT_PROCESSED_PUBLICATION = "5.3", "（五）不予处理 3.要求提供公开出版物"
    NOT_PROCESSED_UNREASONABLE = "5.4", "（五）不予处理 4.无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = "5.5", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"
    OTHER_ABANDONED = "6.1", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    OTHER_FEE_UNPAID = "6.2", "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "6.3", "（六）其他处理 3.其他"


ANSWER_ROWS = {
    AnswerType.ALREADY_PUBLISHED: TableRow.DISCLOSED,
    AnswerType.DISCLOSED: TableRow.DISCLOSED,
    AnswerType.PARTLY: TableRow.PARTLY,
    AnswerType.NOT_EXISTING: TableRow.UNAVAILABLE_NOT_HELD,
    AnswerType.NOT_OURS: TableRow.UNAVAILABLE_NOT_HELD,
    AnswerType.REPEAT: TableRow.NOT_PROCESSED_REPEAT,
    AnswerType.OTHER_LAW: TableRow.WITHHELD_QUERY,
    AnswerType.NEEDS_MAKING: TableRow.UNAVAILABLE_NEEDS_MAKING,
    AnswerType.STILL_UNCLEAR: TableRow.UNAVAILABLE_UNCLEAR,
    AnswerType.PETITION: TableRow.NOT_PROCESSED_PETITION,
    AnswerType.PUBLICATION: TableRow.NOT_PROCESSED_PUBLICATION,
    AnswerType.UNREASONABLE: TableRow.NOT_PROCESSED_UNREASONABLE,
    AnswerType.CONFIRMATION: TableRow.NOT_PROCESSED_CONFIRMATION,
}
WITHHELD_ROWS = {
    WithholdingGround.STATE_SECRET: TableRow.WITHHELD_STATE_SECRET,
    WithholdingGround.LAW: TableRow.WITHHELD_LAW,
    WithholdingGround.SECURITY: TableRow.WITHHELD_SECURITY,
    WithholdingGround.THIRD_PARTY: TableRow.WITHHELD_THIRD_PARTY,
    WithholdingGround.INTERNAL: TableRow.WITHHELD_INTERNAL,
    WithholdingGround.PROCESS: TableRow.WITHHELD_PROCESS,
    WithholdingGround.ENFORCEMENT: TableRow.WITHHELD_ENFORCEMENT,
    WithholdingGround.QUERY: TableRow.WITHHELD_QUERY,
}
# Answers that may be published proactively when several applicants ask (条例第四十四条).
PUBLISHABLE_ANSWERS = [AnswerType.DISCLOSED, AnswerType.PARTLY]


def table_row(answer_type, ground=""):
    """The row of table 三 an answer is counted in."""
    if answer_type == AnswerType.WITHHELD:
        return WITHHELD_ROWS[ground]
    return ANSWER_ROWS[answer_type]


class LetterKind(models.TextChoices):
    REPLY = "reply", "政府信息公开申请答复书"
    CORRECTION = "correction", "政府信息公开申请补正告知书"
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"
    CONSULTATION = "consultation", "政府信息公开第三方征求意见书"
    REASONS = "reasons", "政府信息公开申请说明理由告知书"


APPLICANT_LETTERS = [LetterKind.REPLY, LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.REASONS]
