"""The admin speaks Chinese (issue 11, item 13): every string of Wagtail's
installed apps has a translation (Wagtail's zh-Hans catalogue, or the
project's supplement in locale/wagtail), and a crawl of the admin as each
role finds no visible English."""

import re
from collections import deque
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from core.i18n import missing_strings
from moderation.tests.review import draft_policy, people, submit  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent
SUPPLEMENT = ROOT / "locale" / "wagtail" / "zh_Hans" / "LC_MESSAGES"

pytestmark = pytest.mark.django_db


def test_every_string_of_the_installed_wagtail_apps_has_chinese():
    assert missing_strings() == [], "add them to locale/wagtail/zh_Hans (manage.py wagtail_strings_missing)"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_supplement_is_compiled_and_complete(domain):
    po = polib.pofile(str(SUPPLEMENT / f"{domain}.po"))
    mo = polib.mofile(str(SUPPLEMENT / f"{domain}.mo"))
    assert [e.msgid for e in po if not e.translated()] == []
    compiled = {e.msgid: (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po:
        assert compiled.get(entry.msgid) == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), entry.msgid


def test_the_dashboard_is_in_chinese_with_the_site_name(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert settings.WAGTAIL_SITE_NAME in html and ">localhost<" not in html
    assert "个页面" in html and "搜索全部页面" in html
    assert not re.search(r"\d+\s+Pages\b", html)


def test_the_avatars_are_the_sites_own_images(admin_client):
    """No broken avatar images: no gravatar.com (the admin works on a closed
    network), every avatar a static file that exists."""
    from django.contrib.staticfiles import finders

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    avatars = BeautifulSoup(html, "html.parser").select("img.avatar, .avatar img")
    assert avatars, "the dashboard shows the user's avatar"
    for image in avatars:
        src = image["src"]
        assert src.startswith(settings.STATIC_URL), src
        assert finders.find(src.removeprefix(settings.STATIC_URL).split("?")[0]) is not None, src


# ---- the crawl ------------------------------------------------------------

# Words that are the same in Chinese text: names of formats, products and
# standards, and what people typed themselves (usernames, e-mail addresses).
ALLOWED = {
    "english",
    "wagtail",
    "pdf",
    "ofd",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "zip",
    "csv",
    "txt",
    "url",
    "api",
    "json",
    "html",
    "id",
    "seo",
    "utf",
    "gbk",
    "big5",
    "gb18030",
    "xml",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "ico",
    "elasticsearch",
    "postgresql",
    "sqlite",
    "javascript",
    "http",
    "https",
    "www",
    "email",
    "ip",
    "cms",
    "editor",
    "jichu",
    "caiwu",
    "reviewer",
    "secrecy",
    "leader",
    "admin",
    "example",
    "invalid",
    "test",
    "r",
    "yyyy",
    "mm",
    "dd",
    "hh",
    "v3",
    "v",
    "px",
    "kb",
    "mb",
    "gb",
    "bytes",
    "ok",
    "tab",
    "enter",
    "esc",
    "shift",
    "ctrl",
    "alt",
    "cmd",
    "option",
    "x",
    "k",
    "b",
    "i",
    "s",
    "a",
    "z",
}
SKIP_TAGS = {"script", "style", "code", "pre", "template", "noscript", "svg", "kbd"}
# Not the admin's own text: drafts and previews show the public site (whose
# language switch says "English"); and nothing that changes anything.
NOT_CRAWLED = re.compile(
    r"/(logout|delete|unpublish|lock|unlock|revisions/\d+/revert|copy|move|export|jsi18n|api|view_draft|preview)/|[?&]export="
)
PAGES_PER_ROLE = 60


def latin_words(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(SKIP_TAGS):
        tag.decompose()
    for select in soup.find_all("select", attrs={"name": "locale-current_time_zone"}):
        select.decompose()  # time zone names (Asia/Shanghai) are identifiers
    for counter in soup.find_all(class_="w-side-panel-toggle__counter"):
        counter.decompose()  # a number the side panel's script fills in
    words = set()
    for text in soup.find_all(string=True):
        for word in re.findall(r"[A-Za-z][A-Za-z'’]+", re.sub(r"https?://\S+|\S+@\S+", "", str(text))):
            if word.lower() not in ALLOWED:
                words.add(word)
    for tag in soup.find_all(True):
        for attribute in ("title", "placeholder", "aria-label", "alt"):
            for word in re.findall(r"[A-Za-z][A-Za-z'’]+", tag.get(attribute) or ""):
                if word.lower() not in ALLOWED:
                    words.add(f"{attribute}:{word}")
    return words


def crawl(client, start="/admin/"):
    seen, queue, found = {start}, deque([start]), {}
    while queue and len(seen) <= PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        words = latin_words(html)
        if words:
            found[url] = sorted(words)
        for link in re.findall(r'href="(/admin/[^"#]*)"', html):
            link = link.replace("&amp;", "&")
            if link not in seen and not NOT_CRAWLED.search(link):
                seen.add(link)
                queue.append(link)
    return found


@pytest.mark.parametrize("role", ["editor", "reviewer", "secrecy", "leader", "superuser"])
def test_the_admin_each_role_reaches_shows_no_english(people, role):
    page, _companion = draft_policy("抓取用的通知", people["editor"], with_interpretation=True)
    submit(people["editor"], page)
    found = crawl(people[role].client)
    assert found == {}, "\n".join(f"{url}: {words}" for url, words in found.items())
