"""Policy documents (政策文件, 通知) and their interpretations (政策解读),
published together (三同步)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from core import generation
from core.pages import public
from core.richtext import RichTextBlock

from ..completeness import incomplete_fields
from .base import DisclosurePage


class PolicyDocumentPage(DisclosurePage):
    requires_interpretation = models.BooleanField(
        _("requires an interpretation"),
        default=False,
        help_text=_(
            "Tick for policies that must be published together with an interpretation (三同步): publication is refused until one is ready."
        ),
    )

    content_panels = (
        Page.content_panels
        + DisclosurePage.screening_panels
        + [FieldPanel("requires_interpretation")]
        + DisclosurePage.record_panels
        + DisclosurePage.document_panels
        + DisclosurePage.change_panels
    )

    subpage_types = ["disclosure.InterpretationPage"]

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def interpretations(self):
        return public(InterpretationPage.objects.child_of(self).live()).order_by("path")

    def interpretations_ready(self):
        """Child interpretations that are live or that will be published with this document."""
        if not self.pk:
            return InterpretationPage.objects.none()
        children = InterpretationPage.objects.child_of(self)
        return children.filter(models.Q(live=True) | models.Q(publish_with_document=True))

    def publication_companions(self):
        """三同步: the interpretations under this document that are published
        with it (marked so, and not live as they are)."""
        if not self.pk:
            return []
        children = InterpretationPage.objects.child_of(self).filter(publish_with_document=True).order_by("path")
        return [child for child in children if not (child.live and not child.has_unpublished_changes)]

    def publication_problems(self, values=None, formsets=None):
        problems = super().publication_problems(values, formsets)
        requires = (
            values.get("requires_interpretation", self.requires_interpretation)
            if values is not None
            else self.requires_interpretation
        )
        for companion in self.publication_companions():
            revision = companion.get_latest_revision()
            labels = incomplete_fields(revision.as_object() if revision else companion)
            if labels:
                problems.append(
                    (
                        "requires_interpretation",
                        gettext(
                            "The interpretation “%(title)s” is published with this document but is not complete: "
                            "%(fields)s has an empty required field. Open it, complete it and save it, then submit."
                        )
                        % {"title": companion.title, "fields": "、".join(labels)},
                    )
                )
        if requires and not self.interpretations_ready().exists():
            problems.append(
                (
                    "requires_interpretation",
                    gettext(
                        "This policy must be published together with its interpretation (三同步). Add an interpretation "
                        "under this document and tick “publish with the document”, or publish the interpretation first."
                    ),
                )
            )
        return problems

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interpretations"] = (
            generation.cached(f"interpretations:{self.pk}", lambda: list(self.interpretations())) if self.pk else []
        )
        return context


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=500)
    answer = RichTextBlock(label=_("answer"), features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("question and answer")


class GraphicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("graphic"))
    text_alternative = blocks.TextBlock(
        label=_("text alternative"),
        help_text=_("Everything the graphic says, in words: people who cannot see it read this instead."),
    )

    class Meta:
        icon = "image"
        label = _("graphic")


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    video = DocumentChooserBlock(label=_("video file"), required=False)
    url = blocks.URLBlock(label=_("or a link to the video"), required=False)
    transcript = blocks.TextBlock(label=_("transcript"), help_text=_("The full words of the video, required."))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Upload the video or give a link to it."))}
            )
        return value

    class Meta:
        icon = "media"
        label = _("video")


class InterpretationPage(DisclosurePage):
    """政策解读: a child of its policy document, or of a catalogue item when
    it stands alone."""

    class Form(models.TextChoices):
        TEXT = "text", _("Text interpretation")
        QA = "qa", _("Questions and answers")
        GRAPHIC = "graphic", _("Graphic interpretation")
        VIDEO = "video", _("Video interpretation")

    form = models.CharField(
        _("form"),
        max_length=16,
        choices=Form.choices,
        default=Form.TEXT,
        help_text=_(
            "Text, questions and answers, graphics (each with a text alternative) or video (with a transcript)."
        ),
    )
    publish_with_document = models.BooleanField(
        _("publish with the document"),
        default=True,
        help_text=_("Publish this interpretation automatically when its policy document is published (三同步)."),
    )
    related_document = models.ForeignKey(
        "disclosure.PolicyDocumentPage",
        verbose_name=_("interpreted document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For a stand-alone interpretation under a catalogue item: the document it interprets, if it is on this site."
        ),
    )
    questions = StreamField(
        [("qa", QuestionAnswerBlock())],
        verbose_name=_("questions and answers"),
        blank=True,
        help_text=_("For a Q&A interpretation: each question with its answer."),
    )
    graphics = StreamField(
        [("graphic", GraphicBlock())],
        verbose_name=_("graphics"),
        blank=True,
        help_text=_("For a graphic interpretation: each graphic with everything it says in words."),
    )
    videos = StreamField(
        [("video", VideoBlock())],
        verbose_name=_("videos"),
        blank=True,
        help_text=_("For a video interpretation: the video with its full transcript."),
    )

    content_panels = (
        Page.content_panels
        + DisclosurePage.screening_panels
        + [
            MultiFieldPanel(
                [FieldPanel("form"), FieldPanel("publish_with_document"), PageChooserPanel("related_document")],
                heading=_("Interpretation"),
            ),
            FieldPanel("questions"),
            FieldPanel("graphics"),
            FieldPanel("videos"),
        ]
        + DisclosurePage.record_panels
        + DisclosurePage.document_panels
        + DisclosurePage.change_panels
    )
    search_fields = [*DisclosurePage.search_fields, index.SearchField("questions")]

    parent_page_types = ["disclosure.PolicyDocumentPage", "disclosure.CatalogueItemPage"]

    class Meta:
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")

    def clean(self):
        super().clean()
        required = {
            self.Form.QA: ("questions", _("Add at least one question and answer.")),
            self.Form.GRAPHIC: ("graphics", _("Add at least one graphic with its text alternative.")),
            self.Form.VIDEO: ("videos", _("Add the video with its transcript.")),
        }
        if self.form in required:
            field, message = required[self.form]
            if not len(getattr(self, field)):
                raise ValidationError({field: message})

    def interpreted_document(self):
        parent = self.get_parent().specific
        if isinstance(parent, PolicyDocumentPage):
            return parent
        return self.related_document

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def document():
            document = self.interpreted_document()
            return document if document and document.live else None

        context["document"] = SimpleLazyObject(document)
        return context
