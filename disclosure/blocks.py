"""StreamField blocks of disclosure bodies."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.richtext import RichTextBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "disclosure/blocks/heading.html"


class CaptionedTableBlock(TypedTableBlock):
    """A table with typed columns; a caption is required so that screen
    readers can announce what the table is."""

    text = blocks.CharBlock(label=_("text"))
    number = blocks.DecimalBlock(label=_("number"), decimal_places=2)
    rich_text = RichTextBlock(label=_("rich text"), features=["bold", "link"])

    def clean(self, value):
        value = super().clean(value)
        if not (value.caption or "").strip():
            raise ValidationError(_("Give the table a caption saying what it shows."))
        return value

    class Meta:
        icon = "table"
        label = _("table")
        template = "disclosure/blocks/table.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        max_length=500,
        help_text=_("What the image shows, for people who cannot see it. Required unless the image is decorative."),
    )
    decorative = blocks.BooleanBlock(
        label=_("decorative"),
        required=False,
        help_text=_("Tick only if the image adds no information (it is then hidden from screen readers)."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Describe the image, or tick “decorative”."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("image")
        template = "disclosure/blocks/image.html"


class AttachmentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("list of attachments")
        template = "disclosure/blocks/attachment_list.html"


class DisclosureBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock(label=_("paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    table = CaptionedTableBlock()
    image = ImageBlock()
    attachments = AttachmentListBlock()
