"""Body blocks refuse inaccessible content with a clear message."""
import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from disclosure.blocks import CaptionedTableBlock, ImageBlock

pytestmark = pytest.mark.django_db


def test_an_image_needs_a_text_alternative_unless_decorative():
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.images.models import Image

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
