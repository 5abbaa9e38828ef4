"""Every allowed attachment format is read, inside ZIPs too; a limit
reached or a file that cannot be read is reported, never passed (issue 11,
item 11)."""

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from moderation.extraction import Limits, decode_text, extract
from moderation.page_screening import screen_file

from .test_page_screening import docx_with, pdf_with_text, xlsx_with
from .test_screening import VALID_ID

DATA = Path(__file__).parent / "data"
# The ID number in the fixture files made with LibreOffice (roster.doc, roster.xls).
ROSTER_ID = "430402201003151230"

needs_catdoc = pytest.mark.skipif(
    shutil.which("catdoc") is None and not __import__("os").environ.get("CI"),
    reason="CATDOC NOT INSTALLED — .doc attachments are reported as unreadable (apt-get install catdoc)",
)


def zip_of(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def ofd_with(text):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
        f'<ofd:Layer ID="1"><ofd:TextObject ID="2"><ofd:TextCode X="0" Y="0">{text}</ofd:TextCode></ofd:TextObject>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    return zip_of(
        {
            "OFD.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>',
            "Doc_0/Document.xml": "<Document/>",
            "Doc_0/Pages/Page_0/Content.xml": content,
        }
    )


def kinds(name, data):
    findings, problems = screen_file(name, data)
    return [(finding.kind, finding.masked[:4]) for finding in findings], problems


@needs_catdoc
def test_a_doc_is_read():
    findings, problems = kinds("名单.doc", (DATA / "roster.doc").read_bytes())
    assert problems == [] and findings == [("id_number", ROSTER_ID[:4])]
    clean, problems = kinds("安排.doc", (DATA / "schedule.doc").read_bytes())
    assert clean == [] and problems == []


def test_an_xls_is_read_with_the_cell():
    findings, problems = screen_file("名单.xls", (DATA / "roster.xls").read_bytes())
    assert problems == [] and [finding.kind for finding in findings] == ["id_number"]
    assert "B2" in findings[0].location
    assert screen_file("计划.xls", (DATA / "plan.xls").read_bytes()) == ([], [])


def test_an_ofd_is_read():
    assert kinds("通知.ofd", ofd_with(f"学生身份证号{VALID_ID}")) == ([("id_number", VALID_ID[:4])], [])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "utf-16"])
def test_csv_and_txt_are_read_in_any_common_chinese_encoding(encoding):
    text = f"姓名,身份证号,联系电话\n张三,{VALID_ID},13800138000\n"
    if encoding == "big5":
        text = f"姓名,身份證號,聯繫電話\n張三,{VALID_ID},13800138000\n"
    data = text.encode(encoding)
    assert "张三" in decode_text(data) or "張三" in decode_text(data)
    for name in ("名单.csv", "名单.txt"):
        found, problems = kinds(name, data)
        assert problems == [] and sorted(kind for kind, _prefix in found) == ["id_number", "mobile"]


@needs_catdoc
def test_every_format_is_read_inside_a_zip_and_a_nested_zip():
    inner = zip_of({"附件/名单.csv": f"张三,{VALID_ID}\n".encode("gbk"), "说明.txt": "无".encode("gb18030")})
    archive = zip_of(
        {
            "名单.doc": (DATA / "roster.doc").read_bytes(),
            "名单.xls": (DATA / "roster.xls").read_bytes(),
            "名单.xlsx": xlsx_with({"A1": VALID_ID}),
            "名单.docx": docx_with(f"身份证 {VALID_ID}"),
            "名单.pdf": pdf_with_text(f"ID {VALID_ID}"),
            "名单.ofd": ofd_with(VALID_ID),
            "内层.zip": inner,
        }
    )
    findings, problems = screen_file("材料.zip", archive)
    assert problems == []
    located = sorted(finding.location.split("，")[0] for finding in findings)
    assert located == sorted(
        [
            "材料.zip/名单.doc",
            "材料.zip/名单.xls",
            "材料.zip/名单.xlsx",
            "材料.zip/名单.docx",
            "材料.zip/名单.pdf",
            "材料.zip/名单.ofd",
            "材料.zip/内层.zip/附件/名单.csv",
        ]
    )


def test_a_zip_with_gbk_member_names_is_read():
    """Made on Chinese Windows: GBK names, without the UTF-8 flag."""
    placeholder = "abcd.csv"
    data = zip_of({placeholder: f"张三,{VALID_ID}".encode("gbk")})
    gbk = "名单.csv".encode("gbk")
    assert len(gbk) == len(placeholder)
    findings, problems = screen_file("材料.zip", data.replace(placeholder.encode(), gbk))
    assert problems == [] and findings and "名单.csv" in findings[0].location


def test_an_unknown_format_inside_a_zip_is_a_problem():
    findings, problems = screen_file("材料.zip", zip_of({"照片.jpg": b"\xff\xd8\xff\xe0 not really"}))
    assert findings == [] and len(problems) == 1 and "照片.jpg" in problems[0] and "未检查" in problems[0]


@pytest.mark.parametrize(
    "limits, archive, reported",
    [
        (Limits(depth=1), lambda: zip_of({"a.zip": zip_of({"b.txt": b"x"})}), "嵌套"),
        (Limits(members=2), lambda: zip_of({f"{n}.txt": b"x" for n in range(5)}), "超过 2 个"),
        (Limits(member_bytes=1000), lambda: zip_of({"big.txt": b"1" * 5000}), "大小上限"),
        (Limits(total_bytes=3000), lambda: zip_of({"a.txt": b"1" * 2000, "b.txt": b"2" * 2000}), "大小上限"),
        (Limits(text_chars=10), lambda: "很长的文字内容超过了上限".encode() * 3, "上限"),
    ],
)
def test_every_limit_reached_is_reported(limits, archive, reported):
    from django.utils import translation

    with translation.override("zh-hans"):
        result = extract("材料.zip" if limits.text_chars > 10 else "长.txt", archive(), limits)
    assert result.problems and reported in " ".join(result.problems)


def test_a_member_that_lies_about_its_size_is_stopped_at_the_limit():
    """A ZIP bomb: the header says 10 bytes, the data expands to 5 MB."""
    data = bytearray(zip_of({"bomb.txt": b"0" * 5_000_000}))
    # Patch the uncompressed size in the central directory to 10 bytes.
    offset = data.rfind(b"PK\x01\x02")
    data[offset + 24 : offset + 28] = (10).to_bytes(4, "little")
    result = extract("bomb.zip", bytes(data), Limits(member_bytes=1000))
    assert result.problems
    assert result.bytes_read <= 1000


def test_a_broken_file_is_a_problem_not_a_pass():
    for name in ("坏.xls", "坏.doc", "坏.ofd", "坏.zip", "坏.docx", "坏.xlsx"):
        findings, problems = screen_file(name, b"this is not the format it claims")
        assert findings == [] and problems, name
