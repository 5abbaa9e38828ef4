"""The review, as each demo role does it in the real admin (issue 11):

1. the office editor writes a policy document with a table, an attachment
   and a Q&A interpretation to go with it, cannot publish it, submits it;
   审核员 approves from the edit page; 保密审查员 sees the findings near the
   top and approves with a justification from the dashboard; 分管领导
   approves and publishes; visitors then find both pages, with 索引号, on
   the item page, the home page and in search;
2. changes requested and resubmitted: back to 科室审核;
3. a valid ID number in an .xls attachment: no plain approval, only with a
   justification;
4. every way around the review, tried by the leader and by a superuser,
   publishes nothing."""

import json
import re
from pathlib import Path

import pytest

from .conftest import add_block, follow

DATA = Path(__file__).resolve().parents[2] / "moderation" / "tests" / "data"
ROSTER_ID = "430402201003151230"  # in moderation/tests/data/roster.xls
MASKED_ROSTER_ID = ROSTER_ID[:4] + "*" * 10 + ROSTER_ID[-4:]
ITEM = "招生管理/招生政策"


@pytest.fixture(scope="module")
def site(journey_site):
    """The served site, with its item ids and a superuser (`admin`)."""
    journey_site.manage("load_demo", "--demo-admin", settings="edusite.settings.dev")
    out = journey_site.manage(
        "shell",
        "-c",
        "from disclosure.models import CatalogueItemPage as I;"
        f"i = I.objects.get(catalogue_key='{ITEM}'); print(i.pk, i.url_path)",
    )
    item_id, _path = out.split()[-2:]
    journey_site.item_id = int(item_id)
    return journey_site


@pytest.fixture(autouse=True)
def autosave_refusals_are_not_errors(people):
    """Wagtail 8's autosave posts the form (as JSON) while the editor is
    still typing; a form not yet valid is answered 400 with its errors and
    the editor sees 自动保存已暂停 — the browser logs each such answer as a
    console error. Those, and only as many as there were such answers, are
    not what went wrong; any other console error still fails the journey."""
    anonymous = people.anonymous

    def watched(**options):
        person = anonymous(**options)
        person.autosave_refusals = 0

        def on_response(response):
            request = response.request
            if (
                response.status == 400
                and request.method == "POST"
                and "json" in response.headers.get("content-type", "")
            ):
                person.autosave_refusals += 1

        person.page.on("response", on_response)
        return person

    people.anonymous = watched
    yield
    for person in people.everyone:
        for _ in range(getattr(person, "autosave_refusals", 0)):
            match = next((p for p in person.problems if "status of 400" in p), None)
            if match is not None:
                person.problems.remove(match)


def page_id(site, title):
    out = site.manage("shell", "-c", f"from wagtail.models import Page; print(Page.objects.get(title='{title}').pk)")
    return int(out.split()[-1])


def saved(site, page_id_):
    """What the server stored as the page's latest version: whether its body
    has the table's text, the documents of its attachments, and the page's
    revisions (who saved each, when)."""
    code = (
        "import json; from wagtail.models import Page; p = Page.objects.get(pk=%d); latest = p.get_latest_revision();"
        "page = latest.as_object();"
        "print(json.dumps({'cell': '网上报名' in str(page.body.raw_data),"
        " 'documents': [block['value'] for block in page.attachments.raw_data],"
        " 'revisions': [(r.pk, str(r.user), r.created_at.isoformat()) for r in p.revisions.order_by('pk')]},"
        " ensure_ascii=False, separators=(',', ':')))"
    ) % page_id_
    return json.loads(site.manage("shell", "-c", code).splitlines()[-1])


def fill_rich_text(page, container, text, name):
    """Types into the rich text editor, and waits, as a person does before
    saving, until the editor has written the text into its form field
    `name` (Draftail writes a moment after the last key)."""
    editor = container.locator("[contenteditable=true]").first
    editor.click()
    editor.type(text)
    page.wait_for_function(
        "([name, text]) => (document.querySelector(`[name='${name}']`) || {value: ''}).value.includes(text)",
        arg=[name, text],
    )


def write_policy(editor, site, title, attachment=None):
    """The add form of a policy document, filled as the editor would."""
    page = editor.page
    editor.goto(f"/admin/pages/add/disclosure/policydocumentpage/{site.item_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_issuing_office").select_option(label="基础教育科")
    page.locator("#id_requires_interpretation").check()
    page.locator("#id_summary").fill("2025年义务教育招生入学工作安排。")
    body = page.locator("[data-contentpath='body']")
    add_block(page, body, "表格")
    body.locator("#body-0-value-caption").fill("报名时间安排")
    body.locator("button[data-append-column]").click()
    page.get_by_role("button", name="正文", exact=True).click()
    body.locator("input[name='body-0-value-column-0-heading']").fill("阶段")
    body.locator("#body-0-value-cell-0-0").fill("网上报名")
    if attachment:
        attach(page, *attachment)
    return page


def attach(page, path, title):
    attachments = page.locator("[data-contentpath='attachments']")
    add_block(page, attachments)
    attachments.get_by_role("button", name=re.compile("选择.*文档")).last.click()
    modal = page.locator(".modal-content").last
    modal.get_by_role("tab", name="上传").click()
    modal.locator("#id_document-chooser-upload-file").set_input_files(str(path))
    modal.locator("#id_document-chooser-upload-title").fill(title)
    modal.get_by_role("button", name="上传").click()
    # The chosen document shows in the block (the chooser then closes).
    attachments.get_by_text(title).first.wait_for()


def footer(page, action):
    """A button of the edit page's footer (the main one or in its menu)."""
    button = page.locator("footer").get_by_role("button", name=action, exact=True)
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    return button


def save_draft(page):
    follow(page, page.locator("footer").get_by_role("button", name="保存草稿"))


def add_interpretation(editor, site, document_id, title):
    page = editor.page
    editor.goto(f"/admin/pages/add/disclosure/interpretationpage/{document_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_issuing_office").select_option(label="基础教育科")
    page.locator("#id_form").select_option(value="qa")  # 简明问答
    questions = page.locator("[data-contentpath='questions']")
    add_block(page, questions)
    questions.locator("input[name='questions-0-value-question']").fill("今年怎样报名？")
    fill_rich_text(page, questions, "在网上报名平台填写信息。", "questions-0-value-answer")
    save_draft(page)
    assert "/edit/" in page.url, page.url


def messages_text(page):
    """The messages at the top and, when the form was refused, each field's
    error with where it is (the field's input name, else its block's
    content path), to say what went wrong."""
    errors = page.evaluate(
        """() => Array.from(document.querySelectorAll(".error-message"))
            .filter((node) => node.innerText.trim())
            .map((node) => {
                const field = node.closest(".w-field, [data-contentpath]");
                const input = field && field.querySelector("[name]");
                const where = input ? input.name : field ? field.dataset.contentpath : "";
                return (where ? where + ": " : "") + node.innerText.trim();
            })"""
    )
    return " ".join([*page.locator(".messages").all_inner_texts(), *errors])


def mail_text(mail):
    body = mail.get_body(preferencelist=("plain", "html"))
    return str(mail["Subject"]) + "\n" + (body.get_content() if body is not None else "")


def shell(site, code):
    return site.manage("shell", "-c", code).split()[-1]


def step_of(site, page_id_):
    """The step the page's review is at (read from the served site's database)."""
    return shell(
        site,
        "from wagtail.models import Page; t = Page.objects.get(pk=%d).current_workflow_task; print(t.name if t else '-')"
        % page_id_,
    )


def is_live(site, page_id_):
    return shell(site, "from wagtail.models import Page; print(Page.objects.get(pk=%d).live)" % page_id_) == "True"


SUBMIT = re.compile("^(重新)?提交")  # 提交给政务公开发布审核 / 重新提交给科室审核


def submit_from_footer(page):
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    follow(page, page.locator("footer").get_by_role("button", name=SUBMIT).first)


def dashboard_decision(person, title, action, comment=None):
    """A decision from the dashboard's 等待你的审查 panel, as a reviewer clicks it."""
    person.goto("/admin/")
    row = person.page.locator("tr", has_text=title).first
    row.locator("[data-w-dropdown-target='toggle']").click()
    button = row.get_by_role("button", name=action, exact=True)
    if comment is None:
        follow(person.page, button)
        return
    button.click()
    modal = person.page.locator(".modal-content").last
    modal.wait_for(state="visible")
    modal.locator("textarea").fill(comment)
    follow(person.page, modal.get_by_role("button", name=action))


JUSTIFIED = "说明理由后通过"


def test_a_policy_document_with_its_interpretation_is_reviewed_and_published(site, people):
    title = "关于做好2025年义务教育招生入学工作的通知（旅程）"
    editor = people.log_in("editor-jichu")
    page = write_policy(editor, site, title, attachment=(DATA / "roster.doc", "新生名单"))
    save_draft(page)
    document_id = page_id(site, title)
    draft = saved(site, document_id)
    # Stored as the editor saved it: the table's text and the attachment.
    assert draft["cell"] and draft["documents"] and None not in draft["documents"], draft
    add_interpretation(editor, site, document_id, f"{title}政策解读")
    assert saved(site, document_id) == draft  # adding the interpretation leaves the document as it was
    # The editor cannot publish: no Publish button, only submitting.
    editor.goto(f"/admin/pages/{document_id}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    assert page.locator("footer").get_by_role("button", name="发布", exact=True).count() == 0
    follow(page, page.locator("footer").get_by_role("button", name=SUBMIT).first)
    assert step_of(site, document_id) == "科室审核", messages_text(page)
    mails = [mail for mail in site.mails() if title in mail_text(mail)]
    # The members of 科室审核's group were told, and nobody else.
    assert {address.addr_spec for mail in mails for address in mail["To"].addresses} == {"reviewer@example.invalid"}

    reviewer = people.log_in("reviewer")
    reviewer.goto(f"/admin/pages/{document_id}/edit/")
    follow(reviewer.page, footer(reviewer.page, "批准"))
    assert "没有权限" not in messages_text(reviewer.page)
    assert step_of(site, document_id) == "保密审查", messages_text(reviewer.page)

    secrecy = people.log_in("secrecy")
    secrecy.goto(f"/admin/pages/{document_id}/edit/")
    panel = secrecy.page.locator("[data-screening]").first
    assert panel.is_visible() and MASKED_ROSTER_ID in panel.inner_text()
    # Near the top: right below the title, above the record's fields.
    assert panel.bounding_box()["y"] < secrecy.page.locator("#id_issuing_office").bounding_box()["y"]
    dashboard_decision(secrecy, title, JUSTIFIED, comment="名单为依法公示的录取名单。")
    assert step_of(site, document_id) == "领导审签", messages_text(secrecy.page)

    leader = people.log_in("leader")
    leader.goto(f"/admin/pages/{document_id}/edit/")
    follow(leader.page, footer(leader.page, "批准并发布"))
    assert "没有权限" not in messages_text(leader.page)
    assert is_live(site, document_id), messages_text(leader.page)

    visitor = people.anonymous(phone=True)
    out = site.manage(
        "shell",
        "-c",
        f"from wagtail.models import Page; p = Page.objects.get(pk={document_id}).specific; print(p.url, p.index_number)",
    )
    url, index_number = out.split()[-2:]
    assert index_number != "None"
    visitor.goto(url)
    assert index_number in visitor.page.content()
    follow(visitor.page, visitor.page.get_by_role("link", name=re.compile("解读")).first)
    assert "今年怎样报名" in visitor.page.content() and "在网上报名平台填写信息" in visitor.page.content()
    item_url = site.manage(
        "shell", "-c", f"from wagtail.models import Page; print(Page.objects.get(pk={site.item_id}).url)"
    ).split()[-1]
    for where in (item_url, "/", f"/search/?q={title[:12]}"):
        visitor.goto(where)
        assert title in visitor.page.content(), where


def submitted(site, editor, title, attachment=None):
    page = write_policy(editor, site, title, attachment=attachment)
    page.locator("#id_requires_interpretation").uncheck()
    submit_from_footer(page)
    document_id = page_id(site, title)
    assert step_of(site, document_id) == "科室审核", messages_text(page)
    return document_id


def approved_by_the_reviewer(site, people, document_id):
    reviewer = people.log_in("reviewer")
    reviewer.goto(f"/admin/pages/{document_id}/edit/")
    follow(reviewer.page, footer(reviewer.page, "批准"))
    assert step_of(site, document_id) == "保密审查", messages_text(reviewer.page)


def test_requested_changes_and_a_resubmission_start_again_at_step_one(site, people):
    title = "退回后重新提交的招生通知（旅程）"
    editor = people.log_in("editor-jichu")
    document_id = submitted(site, editor, title)
    approved_by_the_reviewer(site, people, document_id)
    secrecy = people.log_in("secrecy")
    dashboard_decision(secrecy, title, "请求修改", comment="请补充报名所需材料。")
    assert step_of(site, document_id) == "-"
    editor.goto(f"/admin/pages/{document_id}/edit/")
    assert "请补充报名所需材料。" in editor.page.content()
    editor.page.locator("#id_summary").fill("已补充报名所需材料。")
    submit_from_footer(editor.page)
    assert step_of(site, document_id) == "科室审核", messages_text(editor.page)


def test_an_id_number_in_an_xls_attachment_allows_only_a_justified_approval(site, people):
    title = "附名单表格的招生通知（旅程）"
    editor = people.log_in("editor-jichu")
    document_id = submitted(site, editor, title, attachment=(DATA / "roster.xls", "录取名单"))
    approved_by_the_reviewer(site, people, document_id)
    secrecy = people.log_in("secrecy")
    secrecy.goto(f"/admin/pages/{document_id}/edit/")
    panel = secrecy.page.locator("[data-screening]").first
    assert MASKED_ROSTER_ID in panel.inner_text() and "B2" in panel.inner_text()
    assert ROSTER_ID not in secrecy.page.content()
    secrecy.page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    footer_buttons = secrecy.page.locator("footer").get_by_role("button")
    assert footer_buttons.filter(has_text=re.compile("^批准$")).count() == 0
    footer(secrecy.page, JUSTIFIED).click()
    modal = secrecy.page.locator(".modal-content").last
    modal.wait_for(state="visible")
    modal.get_by_role("button", name=JUSTIFIED).click()
    # Without a justification: refused in the modal, still at 保密审查.
    modal.locator(".error-message, .w-field__errors").first.wait_for(state="visible")
    assert step_of(site, document_id) == "保密审查"
    modal.locator("textarea").fill("名单依法公示，已取得监护人同意。")
    follow(secrecy.page, modal.get_by_role("button", name=JUSTIFIED))
    assert step_of(site, document_id) == "领导审签", messages_text(secrecy.page)


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_no_way_around_the_review_publishes(site, people, who):
    title = f"绕过审核的草稿（{who}）"
    editor = people.log_in("editor-jichu")
    page = write_policy(editor, site, title, attachment=(DATA / "roster.xls", f"名单（{who}）"))
    page.locator("#id_requires_interpretation").uncheck()
    save_draft(page)
    document_id = page_id(site, title)
    person = people.log_in(who)

    def still_draft():
        return not is_live(site, document_id)

    # Bulk publish of the draft and of its item, with descendants.
    person.goto(f"/admin/bulk/wagtailcore/page/publish/?id={document_id}&id={site.item_id}&next=/admin/")
    checkbox = person.page.locator("input[name=include_descendants]")
    if checkbox.count():
        checkbox.check()
    submit = person.page.locator("main form button[type=submit]")
    if submit.count():
        follow(person.page, submit.first)
    assert still_draft()
    # The edit page: no Publish button; a forged Publish keeps a draft.
    person.goto(f"/admin/pages/{document_id}/edit/")
    toggle = person.page.locator("footer [data-w-dropdown-target='toggle']")
    if toggle.count():
        toggle.last.click()
    assert person.page.locator("footer").get_by_role("button", name="发布", exact=True).count() == 0
    status = person.page.evaluate(
        """async () => {
            // The edit form as it is, with Publish added; a page the person
            // may not edit has no form: the forged request carries the token.
            const form = document.getElementById("page-edit-form");
            const data = form ? new FormData(form) : new FormData();
            const token = document.cookie.match(/csrftoken=([^;]+)/);
            if (!form && token) data.append("csrfmiddlewaretoken", token[1]);
            data.append("action-publish", "action-publish");
            const response = await fetch((form && form.action) || location.href,
                {method: "POST", body: data, redirect: "manual"});
            return response.status;
        }"""
    )
    assert status < 500
    # The forged request is refused (405 where the person has no edit form): that refusal is the point.
    person.problems[:] = [problem for problem in person.problems if not re.search(r"\b40[035]\b", problem)]
    assert still_draft()
    # Copy offers no "publish copies"; moving keeps a draft.
    person.goto(f"/admin/pages/{document_id}/copy/", expect_status=None)
    assert person.page.locator("input[name=publish_copies]").count() == 0
    person.goto(f"/admin/pages/{document_id}/move/", expect_status=None)
    assert still_draft()
    # The admin API.
    status = person.page.evaluate(
        """async ([id]) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/);
            const response = await fetch(`/admin/api/main/pages/${id}/action/publish/`, {method: "POST",
                headers: {"Content-Type": "application/json", "X-CSRFToken": token ? token[1] : ""}, body: "{}"});
            return response.status;
        }""",
        [document_id],
    )
    assert status in (400, 403)
    person.problems[:] = [problem for problem in person.problems if not re.search(r"\b40[03]\b", problem)]
    assert still_draft()
    # Scheduled publishing of the unapproved draft.
    site.manage(
        "shell",
        "-c",
        "from django.utils import timezone; import datetime; from wagtail.models import Page;"
        f"p = Page.objects.get(pk={document_id}); r = p.get_latest_revision();"
        "r.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1); r.save()",
    )
    site.manage("publish_scheduled")
    assert still_draft()
    visitor = people.anonymous()
    visitor.goto(f"/search/?q={title}")
    assert visitor.page.locator("main a", has_text=title).count() == 0
