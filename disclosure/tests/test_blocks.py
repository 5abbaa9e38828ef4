"""Body blocks refuse inaccessible content with a clear message."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from disclosure.blocks import CaptionedTableBlock, ImageBlock

pytestmark = pytest.mark.django_db


def test_an_image_needs_a_text_alternative_unless_decorative():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="校门", file=get_test_image_file())
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt": "", "decorative": True, "caption": ""}))
    assert value["decorative"] is True
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": " ", "decorative": False, "caption": ""}))
    described = block.clean(block.to_python({"image": image.pk, "alt": "学校正门", "decorative": False, "caption": ""}))
    assert described["alt"] == "学校正门"


def test_a_table_needs_a_caption():
    block = CaptionedTableBlock()
    raw = {
        "caption": "",
        "columns": [{"type": "text", "heading": "项目"}, {"type": "number", "heading": "金额"}],
        "rows": [{"values": ["教育支出", "12.50"]}],
    }
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    assert "标题" in " ".join(error.value.messages) or "caption" in " ".join(error.value.messages)
    raw["caption"] = "2024年支出"
    value = block.clean(block.to_python(raw))
    assert value.caption == "2024年支出"


@pytest.mark.parametrize(
    "name, allowed",
    [
        ("方案.pdf", True),
        ("方案.ofd", True),
        ("表.xlsx", True),
        ("包.zip", True),
        ("程序.exe", False),
        ("页面.html", False),
    ],
)
def test_attachments_accept_only_document_formats(name, allowed):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    form_class = get_document_form(Document)
    form = form_class(
        data={"title": name, "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, b"content")},
    )
    assert form.is_valid() is allowed, form.errors
