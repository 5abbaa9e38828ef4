"""Admin upload of the zone spreadsheet: upload → preview (every change and
every bad row with its line number; nothing written) → apply. Only users who
may add pages under 招生管理 › 招生范围 may use it; publishing needs the
publish permission, otherwise the zones are saved as drafts and submitted to
the review workflow. The file travels from the preview to the apply step
inside the form, signed for the user, so it works across processes and
leaves nothing behind on the server."""

import base64

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import jobs
from core.admin_views import UserTestMixin
from core.params import NumberParam, QueryParams
from disclosure.models import CatalogueItemPage, EnrolmentZonePage

from . import finder
from .importer import ITEM_KEY, plan_file
from .jobs import IMPORT as IMPORT_JOB
from .spreadsheet import MAX_BYTES, SpreadsheetError
from .views import zones_csv_response

PUBLISH, DRAFT = "publish", "draft"
SIGNING_SALT = "catchment.import"
SIGNATURE_MAX_AGE = 60 * 60


def zone_item():
    return CatalogueItemPage.objects.filter(catalogue_key=ITEM_KEY).first()


def user_may_import(user):
    item = zone_item()
    return item is not None and item.permissions_for_user(user).can_add_subpage()


def user_may_publish(user):
    item = zone_item()
    return item is not None and item.permissions_for_user(user).can_publish_subpage()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Zone spreadsheet"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or XLSX with the header row 年度,学段,学校,规则,类型,名称,起,止,单双号,备注; at most 1 MB."
        ),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("When applied"),
        widget=forms.RadioSelect,
        choices=[
            (PUBLISH, gettext_lazy("Publish the zones at once")),
            (DRAFT, gettext_lazy("Save them as drafts and submit them for review")),
        ],
        help_text=gettext_lazy("Only those who may publish can publish at once."),
    )
    partial = forms.BooleanField(
        label=gettext_lazy("Apply the valid zones even if some rows are wrong"),
        required=False,
        help_text=gettext_lazy(
            "Without this, nothing is applied while any row is wrong. A zone with a wrong row is never applied in part."
        ),
    )

    def __init__(self, *args, may_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            self.fields["mode"].choices = [choice for choice in self.fields["mode"].choices if choice[0] == DRAFT]
        self.fields["mode"].initial = PUBLISH if may_publish else DRAFT

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a CSV (UTF-8) or XLSX file."))
        return upload


class CatchmentAdminMixin(UserTestMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    user_tests = (user_may_import,)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("catchment_import"), "label": _("Import zones")}]


class ImportView(CatchmentAdminMixin, TemplateView):
    """GET: the upload form. POST (file): the preview. POST (signed file, apply): the result."""

    template_name = "catchment/admin/import.html"
    page_title = gettext_lazy("Import enrolment zones")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def make_form(self, data=None, files=None):
        return ImportForm(data, files, may_publish=user_may_publish(self.request.user))

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.apply(request)
        form = self.make_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        data = upload.read()
        options = {"mode": form.cleaned_data["mode"], "partial": form.cleaned_data["partial"], "filename": upload.name}
        return self.preview(form, data, options)

    def plan(self, data, options):
        return plan_file(data, options["filename"], publish=options["mode"] == PUBLISH, user=self.request.user)

    def preview(self, form, data, options):
        try:
            plan = self.plan(data, options)
        except SpreadsheetError as error:
            form.add_error("file", error.problems)
            return self.render_to_response(self.get_context_data(form=form))
        payload = signing.dumps(
            {"data": base64.b64encode(data).decode("ascii"), **options},
            salt=f"{SIGNING_SALT}:{self.request.user.pk}",
            compress=True,
        )
        applicable = bool(plan.applicable) and (plan.ok or options["partial"])
        return self.render_to_response(
            self.get_context_data(form=form, plan=plan, options=options, payload=payload, applicable=applicable)
        )

    def apply(self, request):
        try:
            payload = signing.loads(
                request.POST["payload"], salt=f"{SIGNING_SALT}:{request.user.pk}", max_age=SIGNATURE_MAX_AGE
            )
        except signing.BadSignature:
            return self.refused(None, [_("The preview has expired or was changed: upload the file again.")])
        data = base64.b64decode(payload["data"])
        options = {key: payload[key] for key in ("mode", "partial", "filename")}
        publish = options["mode"] == PUBLISH
        if publish and not user_may_publish(request.user):
            raise PermissionDenied
        # Applying runs in the background (it may take a while): the file is
        # checked again there, against the site as it is then, and applied in
        # one transaction, or not at all. The progress page follows it.
        job = jobs.start(
            IMPORT_JOB,
            user=request.user,
            title=_("Import of %(name)s") % {"name": options["filename"]},
            params=options,
            payload=data,
        )
        return redirect("core_job", job.pk)

    def refused(self, options, problems):
        """The upload form again, with the options chosen before, and why nothing was applied."""
        form = self.make_form()
        if options:
            form.initial.update({"mode": options["mode"], "partial": options["partial"]})
        return self.render_to_response(self.get_context_data(form=form, refused=problems))


class ExportQuery(QueryParams):
    year = NumberParam()


class ExportView(CatchmentAdminMixin, TemplateView):
    """The published zones of a year, in the import format."""

    template_name = "catchment/admin/export.html"
    page_title = gettext_lazy("Export enrolment zones")
    header_icon = "download"

    def get(self, request, *args, **kwargs):
        years = finder.years()
        year = ExportQuery.read(request.GET).values["year"]
        if year in years:
            return zones_csv_response(year)
        return self.render_to_response(self.get_context_data(years=years, draft_count=self.draft_count()))

    @staticmethod
    def draft_count():
        return EnrolmentZonePage.objects.filter(has_unpublished_changes=True).count()
