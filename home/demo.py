"""Demo content for `make run`: the home page, the site settings, the
disclosure guide and a local-only admin account. Idempotent."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from core.models import BureauSettings

from .models import GuidePage, HomePage

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_site.json"
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "local-demo-only"


def load_demo_site(path=DEMO_FILE):
    """Returns the list of things created (empty on a second run)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    created = []
    with transaction.atomic():
        home = _ensure_home(data["home"], created)
        site = _ensure_site(home, created)
        _ensure_settings(site, data["settings"], created)
        _ensure_guide(home, data["guide"], created)
        _name_the_root(created)
    return created


def _name_the_root(created):
    """Wagtail names the top of the page tree "Root"; the admin shows it."""
    root = Page.get_first_root_node()
    if root is not None and root.title == "Root":
        Page.objects.filter(pk=root.pk).update(title="全部站点", draft_title="全部站点")
        created.append("root title")


def _ensure_home(values, created):
    home = HomePage.objects.filter(depth=2).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's initial migration creates a placeholder page at /home/;
    # the bureau's home page takes its place.
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    home = HomePage(title=values["title"], slug="home", intro=values["intro"])
    root.add_child(instance=home)
    home.save_revision().publish()
    created.append("home page")
    return home


def _ensure_site(home, created):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
        created.append("site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        created.append("site root")
    if not site.site_name:
        # Shown as the admin's title (Wagtail falls back to the host name).
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save(update_fields=["site_name"])
        created.append("site name")
    return site


def _ensure_settings(site, values, created):
    settings = BureauSettings.for_site(site)
    if settings.bureau_name:
        return
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    created.append("bureau settings")


def _section(values):
    return {key: values.get(key, "") for key in ("heading", "body", "heading_en", "body_en")}


def _ensure_guide(home, values, created):
    existing = GuidePage.objects.child_of(home).first()
    if existing is not None:
        if not existing.title_en and values.get("title_en"):
            _add_english(existing, values, created)
        return
    guide = GuidePage(
        title=values["title"],
        title_en=values.get("title_en", ""),
        slug=values["slug"],
        intro=values["intro"],
        intro_en=values.get("intro_en", ""),
        show_in_menus=True,
        body=[("section", _section(s)) for s in values["sections"]],
    )
    home.add_child(instance=guide)
    guide.save_revision().publish()
    created.append("disclosure guide")


def _add_english(guide, values, created):
    """A guide loaded before it had English gets the English of the demo's
    sections whose Chinese heading it still has; editors' Chinese is kept."""
    guide = guide.get_latest_revision_as_object()
    guide.title_en = values["title_en"]
    guide.intro_en = guide.intro_en or values.get("intro_en", "")
    english = {s["heading"]: s for s in values["sections"]}
    sections = []
    for block in guide.body:
        value = dict(block.value)
        source = english.get(value.get("heading"))
        if source and not value.get("heading_en"):
            value["heading_en"], value["body_en"] = source.get("heading_en", ""), source.get("body_en", "")
        sections.append(("section", _section(value)))
    guide.body = sections
    guide.save_revision().publish()
    created.append("disclosure guide in English")


def ensure_demo_admin():
    """Creates the local demo superuser once. Returns True if it was created."""
    User = get_user_model()
    if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@example.invalid", DEMO_ADMIN_PASSWORD)
    return True
