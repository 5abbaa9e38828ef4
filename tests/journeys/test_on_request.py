"""依申请公开 from application to downloaded reply, in a real browser: a
member of the public applies on the form with an attachment and gets the
tracking code; the officer (foi-officer, through the real login page)
registers it and asks for a correction; the applicant corrects it on the
tracking page; the officer receives the correction and asks for an
extension, which the leader approves; the officer answers with a reply and
an attachment; the applicant downloads the PDF reply from the tracking page."""

import io
import re

from pypdf import PdfReader

from core.identity import id_check_char

ID_FIRST17 = "43040019880808012"  # fictional; only the check character is computed
ID_NUMBER = ID_FIRST17 + id_check_char(ID_FIRST17)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def case_page(officer, code):
    officer.goto("/admin/yishenqing/?status=all")
    officer.page.get_by_role("link", name=code).click()
    officer.page.wait_for_url(re.compile(r"/admin/yishenqing/\d+/$"))


def step(person, name):
    person.follow(person.page.locator(f"#step-{name} button[type=submit]"))
    person.page.locator(".messages .success, .messages li").first.wait_for()


def test_an_application_from_the_form_to_the_downloaded_reply(people, tmp_path):
    applicant = people.anonymous(name="applicant")
    applicant.goto("/yishenqing/")
    form = applicant.page.locator("main form.request-form")
    form.get_by_label("自然人").check()
    form.get_by_label("姓名或者名称").fill("旅程测试申请人（虚构）")
    form.get_by_label("证件号码", exact=True).fill(ID_NUMBER)
    applicant.page.locator("#id_phone").fill("13800000000")
    applicant.page.locator("#id_description").fill("2026年示例县义务教育学校校车运营补助的分配明细（旅程测试）。")
    form.get_by_label("电子文档").check()
    form.get_by_label("在本网站下载（查询页面）").check()
    attachment = tmp_path / "申请材料.pdf"
    attachment.write_bytes(PDF)
    applicant.page.locator("#id_attachments").set_input_files(str(attachment))
    form.get_by_label("我已阅读上面的隐私说明。").check()
    form.get_by_role("button", name="提交申请").click()
    applicant.page.wait_for_url(re.compile(r"/yishenqing/submitted/"))
    code = applicant.page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{10}", code)

    officer = people.log_in("foi-officer")
    case_page(officer, code)
    assert officer.page.get_by_text("申请材料.pdf").count() == 1
    step(officer, "register")
    officer.page.locator("#id_request_correction_items").fill("请写明所需分配明细的学期（春季或秋季）。")
    step(officer, "request_correction")
    assert officer.page.get_by_text("待补正").count() >= 1

    applicant.goto("/yishenqing/track/")
    applicant.page.get_by_label("查询码").fill(code)
    applicant.page.get_by_label("证件号码后四位").fill(ID_NUMBER[-4:])
    applicant.page.get_by_role("button", name="查看申请").click()
    applicant.page.get_by_text("请写明所需分配明细的学期").wait_for()
    applicant.page.get_by_label("补正内容").fill("需要2026年秋季学期的分配明细。")
    applicant.page.get_by_role("button", name="提交补正").click()
    applicant.page.get_by_text("补正已提交").first.wait_for()
    tracking_url = applicant.page.url

    case_page(officer, code)
    assert officer.page.get_by_text("需要2026年秋季学期的分配明细。").count() >= 1
    step(officer, "receive_correction")
    officer.page.locator("#id_request_extension_reason").fill("需要向多所学校调取数据。")
    step(officer, "request_extension")

    leader = people.log_in("leader")
    case_page(leader, code)
    leader.page.locator("#step-decide_extension").get_by_label("同意延期", exact=True).check()
    step(leader, "decide_extension")
    assert leader.page.get_by_text("已批准延期").count() >= 1

    case_page(officer, code)
    officer.page.locator("#id_answer_answer_type").select_option("disclosed")
    officer.page.locator("#id_answer_information_name").fill("2026年校车运营补助分配明细")
    reply = tmp_path / "分配明细.pdf"
    reply.write_bytes(PDF)
    officer.page.locator("#id_answer_attachments").set_input_files(str(reply))
    step(officer, "answer")
    assert officer.page.get_by_text("已答复").count() >= 1

    applicant.goto(tracking_url)
    assert applicant.page.get_by_text("已答复").count() >= 1
    with applicant.page.expect_download() as download_info:
        applicant.page.get_by_role("link", name=re.compile("政府信息公开申请答复书")).click()
    path = download_info.value.path()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(open(path, "rb").read())).pages).replace(
        "\n", ""
    )
    assert "政府信息公开申请答复书" in text and "旅程测试申请人" in text and "行政复议" in text
    assert applicant.page.get_by_role("link", name=re.compile("分配明细.pdf")).count() == 1
