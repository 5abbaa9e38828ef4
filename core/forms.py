"""Forms every app's pages share."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class SitePageForm(WagtailAdminPageForm):
    """The base form of every page type of the site.

    Two people editing the same page: Wagtail's editing sessions show in the
    editor who else has it open and, when one saves, warn the other (with
    JavaScript). This form adds the same protection on the server, for every
    save and without JavaScript: a form opened on an older revision than the
    page's latest is refused with a message saying who saved when, and the
    editor's input is kept (versions saved since by the same editor — their
    own autosave — are not a conflict). The form then carries the latest revision, so
    saving it again — after comparing the two in the page's history —
    deliberately replaces the other person's version."""

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_revision()
        return cleaned_data

    def _refuse_stale_revision(self):
        page = self.instance
        loaded = (self.data.get("loaded_revision_id") or "").strip()
        if not page.pk or not loaded or not page.latest_revision_id or loaded == str(page.latest_revision_id):
            return
        newer = page.revisions.filter(pk__gt=loaded) if loaded.isdigit() else page.revisions.none()
        user = getattr(self, "for_user", None)
        by_others = newer.exclude(user=user) if user is not None else newer
        latest = by_others.order_by("-pk").first()
        if latest is None and newer.exists():
            # Only this editor saved since (Wagtail's autosave, a moment before
            # they clicked): nobody else's work is overwritten.
            return
        latest = latest or page.latest_revision
        who = latest.user.get_full_name() or latest.user.get_username() if latest and latest.user else _("someone")
        when = date_format(timezone.localtime(latest.created_at), "Y-m-d H:i") if latest else ""
        raise forms.ValidationError(
            _(
                "%(user)s saved a newer version of this page at %(time)s, after you opened it: saving now would "
                "overwrite their changes. Your changes are still in the form. Compare them with the page's history, "
                "then save again to replace their version, or reload the page to start from theirs."
            )
            % {"user": who, "time": when},
            code="stale_revision",
        )
