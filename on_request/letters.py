"""Letters (答复书, 补正告知书, 延期答复告知书, 第三方征求意见书, 说明理由告知书):
the editable template of each kind (LetterTemplate, defaults below) filled
with the case's facts and the remedies, frozen as a Letter, rendered to PDF
by WeasyPrint with the Noto CJK fonts (fonts-noto-cjk)."""

from pathlib import Path

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Letter, LetterTemplate
from .vocabulary import AnswerType, LetterKind

REMEDIES = (
    "如对本答复不服，可以自收到本答复书之日起60日内向{review}申请行政复议，"
    "或者自收到本答复书之日起6个月内向{court}提起行政诉讼。"
)
# 《中华人民共和国行政复议法》第二十条：60日; 《中华人民共和国行政诉讼法》第四十六条：6个月;
# 条例第五十一条: the right to both.

DEFAULT_TEMPLATES = {
    LetterKind.REPLY: (
        "{{ 申请人 }}：\n\n"
        "本机关于{{ 收到日期 }}收到您（单位）提出的政府信息公开申请，申请获取：{{ 申请内容 }}\n\n"
        "经审查，根据《中华人民共和国政府信息公开条例》的规定，现答复如下：\n\n"
        "{{ 答复内容 }}\n\n"
        "{{ 救济途径 }}\n\n"
        "{{ 机关 }}\n\n{{ 日期 }}"
    ),
    LetterKind.CORRECTION: (
        "{{ 申请人 }}：\n\n"
        "本机关于{{ 收到日期 }}收到您（单位）提出的政府信息公开申请。经审查，您的申请内容不明确。"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正：\n\n"
        "{{ 补正事项 }}\n\n"
        "请于{{ 补正期限 }}前通过本机关网站“依申请公开”栏目使用查询码提交补正，或者以书面形式提交。"
        "答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n"
        "{{ 机关 }}\n\n{{ 日期 }}"
    ),
    LetterKind.EXTENSION: (
        "{{ 申请人 }}：\n\n"
        "本机关于{{ 收到日期 }}收到您（单位）提出的政府信息公开申请。因{{ 延期理由 }}，本机关无法在规定期限内作出答复。"
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{{ 延长天数 }}个工作日，本机关将于{{ 答复期限 }}前作出答复。\n\n"
        "{{ 机关 }}\n\n{{ 日期 }}"
    ),
    LetterKind.CONSULTATION: (
        "{{ 第三方 }}：\n\n"
        "本机关于{{ 收到日期 }}收到一份政府信息公开申请，申请公开的政府信息可能涉及贵方合法权益。"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见：\n\n"
        "{{ 征求事项 }}\n\n"
        "请于收到本征求意见书之日起15个工作日内（{{ 意见期限 }}前）书面提出意见，并说明理由。"
        "逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n\n"
        "{{ 机关 }}\n\n{{ 日期 }}"
    ),
    LetterKind.REASONS: (
        "{{ 申请人 }}：\n\n"
        "本机关于{{ 收到日期 }}收到您（单位）提出的政府信息公开申请。您申请公开政府信息的数量、频次明显超过合理范围。"
        "根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您说明理由：\n\n"
        "{{ 答复内容 }}\n\n"
        "本机关认为申请理由不合理的，将告知您不予处理；认为理由合理但无法在规定期限内答复的，将确定延迟答复的合理期限并告知您。\n\n"
        "{{ 机关 }}\n\n{{ 日期 }}"
    ),
}

ANSWER_PARAGRAPHS = {
    AnswerType.ALREADY_PUBLISHED: "您申请获取的政府信息已经主动公开（条例第三十六条第（一）项），获取方式、途径：{where}。",
    AnswerType.DISCLOSED: "您申请获取的政府信息属于可以公开的政府信息（条例第三十六条第（二）项），现向您提供（见附件）。",
    AnswerType.PARTLY: "您申请获取的政府信息中含有不应当公开的内容，本机关作区分处理（条例第三十七条），向您提供可以公开的内容（见附件）。不予公开的内容及理由：{withheld}",
    AnswerType.WITHHELD: "您申请获取的政府信息属于不予公开的范围（{ground}），本机关决定不予公开（条例第三十六条第（三）项）。",
    AnswerType.NOT_EXISTING: "经检索，本机关没有您申请公开的政府信息，该政府信息不存在（条例第三十六条第（四）项）。",
    AnswerType.NOT_OURS: "您申请公开的政府信息不属于本机关负责公开（条例第三十六条第（五）项）。{body}",
    AnswerType.REPEAT: "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理（条例第三十六条第（六）项）。",
    AnswerType.OTHER_LAW: "您申请公开的信息有关法律、行政法规对信息的获取有特别规定，请依照有关法律、行政法规的规定办理（条例第三十六条第（七）项）。",
    AnswerType.NEEDS_MAKING: "本机关提供的政府信息为已制作或者获取的政府信息；您申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供（条例第三十八条）。",
    AnswerType.STILL_UNCLEAR: "经补正，您的申请内容仍不明确，本机关无法确定您所需的政府信息（条例第三十条）。",
    AnswerType.PETITION: "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，请通过相应渠道提出（条例第三十九条第一款）。",
    AnswerType.PUBLICATION: "您申请获取的是政府公报、报刊、书籍等公开出版物，请通过相应途径获取（条例第三十九条第二款）。",
    AnswerType.UNREASONABLE: "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理，不予处理（条例第三十五条）。",
    AnswerType.CONFIRMATION: "您申请的是要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。",
}


def remedies(settings_):
    review = settings_.review_body or "本机关的上一级行政机关"
    court = settings_.court or "有管辖权的人民法院"
    return REMEDIES.format(review=review, court=court)


def answer_paragraph(application):
    """The paragraph of the answer, from its type and the officer's fields, then the officer's own text."""
    text = ANSWER_PARAGRAPHS[application.answer_type].format(
        where=application.where_published,
        withheld=application.withheld_text,
        ground=application.get_withholding_ground_display(),
        body=f"负责公开该政府信息的机关：{application.responsible_body}。" if application.responsible_body else "",
    )
    if application.answer_text:
        text += "\n\n" + application.answer_text
    return text


def template_for(kind):
    template, _created = LetterTemplate.objects.get_or_create(kind=kind, defaults={"body": DEFAULT_TEMPLATES[kind]})
    return template


def ensure_templates():
    for kind in LetterKind:
        template_for(kind)


def _date(value):
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def facts(application, site_settings, bureau_name, **extra):
    """The placeholders' values, all plain strings."""
    today = timezone.localdate()
    values = {
        "申请人": application.name,
        "收到日期": _date(application.received_on),
        "申请内容": application.description,
        "补正事项": application.correction_items,
        "补正期限": _date(application.correction_due_on),
        "延长天数": str(application.extension_days or application.extension_days_requested),
        "延期理由": application.extension_reason,
        "答复期限": _date(application.due_on),
        "答复内容": "",
        "第三方": "",
        "征求事项": "",
        "意见期限": "",
        "救济途径": remedies(site_settings),
        "机关": bureau_name,
        "日期": _date(today),
    }
    values.update({key: (_date(value) if hasattr(value, "year") else str(value)) for key, value in extra.items()})
    return values


def issue(application, kind, user, site_settings, bureau_name, **extra):
    """Makes and stores the letter of this kind for the case, frozen."""
    body = Template(template_for(kind).body).render(
        Context(facts(application, site_settings, bureau_name, **extra), autoescape=False)
    )
    count = application.letters.filter(kind=kind).count() + 1
    return Letter.objects.create(
        application=application,
        kind=kind,
        number=f"{application.tracking_code}-{kind[:3].upper()}{count}",
        title=LetterKind(kind).label,
        body=body.strip(),
        issued_on=timezone.localdate(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


STYLESHEET = Path(__file__).resolve().parent / "static" / "on_request" / "letter.css"


def letter_html(letter):
    paragraphs = [part.strip() for part in letter.body.split("\n\n") if part.strip()]
    return render_to_string("on_request/letter_pdf.html", {"letter": letter, "paragraphs": paragraphs})


def letter_pdf(letter):
    from weasyprint import CSS, HTML  # local: heavy import (0.8 s, loads Pango) only when a letter's PDF is made

    return HTML(string=letter_html(letter)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
