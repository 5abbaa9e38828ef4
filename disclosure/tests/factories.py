"""Factories for the disclosure app: offices, schools, the catalogue and
every disclosure type. Each test builds what it needs; nothing here reads
the demo content.

Pages are created under the default site's root page (Wagtail's own
placeholder in a fresh test database, or a home page a test made the site
root), so that they have URLs:

    item = CatalogueItemPageFactory()                 # a catalogue, a category and an item
    policy = PolicyDocumentPageFactory(parent=item)   # a draft under that item
    publish(policy)                                   # through a revision, as the admin does
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from core.publication import trusted_publication
from disclosure.models import (
    BudgetPage,
    CatalogueIndexPage,
    CatalogueItemContentElement,
    CatalogueItemPage,
    CategoryPage,
    EnrolmentZonePage,
    InterpretationPage,
    Office,
    PolicyDocumentPage,
    SafetyNoticePage,
    School,
    ZoneRule,
)


def site_root():
    """The page the default site serves at /."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page, user=None):
    """Publish `page` through a new revision, as the admin's publish does."""
    revision = page.save_revision(user=user)
    with trusted_publication("test fixture", justification="test fixture"):
        revision.publish(user=user)
    page.refresh_from_db()
    return page


class OfficeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试科室{n}")
    phone = "0734-8888888"

    class Meta:
        model = Office
        django_get_or_create = ("name",)


class SchoolFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试第{n}小学")
    stage = School.Stage.PRIMARY

    class Meta:
        model = School
        django_get_or_create = ("name",)


class FixturePageFactory(wagtail_factories.PageFactory):
    """Pages built as test fixtures, live without the review (as the demo's are)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with trusted_publication("test fixture", justification="test fixture"):
            return super()._create(model_class, *args, **kwargs)


class CatalogueIndexPageFactory(FixturePageFactory):
    title = "标准目录"
    slug = "catalogue"
    parent = factory.LazyFunction(site_root)

    class Meta:
        model = CatalogueIndexPage


def default_catalogue():
    """The catalogue under the site root, made on first use."""
    root = site_root()
    return CatalogueIndexPage.objects.child_of(root).first() or CatalogueIndexPageFactory(parent=root)


class CategoryPageFactory(FixturePageFactory):
    title = factory.Sequence(lambda n: f"测试类别{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    parent = factory.LazyFunction(default_catalogue)

    class Meta:
        model = CategoryPage


class CatalogueItemPageFactory(FixturePageFactory):
    title = factory.Sequence(lambda n: f"测试事项{n}")
    slug = factory.Sequence(lambda n: f"item-{n}")
    parent = factory.SubFactory(CategoryPageFactory)
    office = factory.SubFactory(OfficeFactory)
    legal_basis = "《中华人民共和国政府信息公开条例》"
    time_limit_days = 20
    channels = factory.LazyFunction(lambda: ["政府网站"])
    levels = factory.LazyFunction(lambda: ["county"])
    content_elements = factory.LazyFunction(lambda: [CatalogueItemContentElement(text="政策文件")])

    class Meta:
        model = CatalogueItemPage


class DisclosurePageFactory(FixturePageFactory):
    """Abstract: a draft disclosure under a new catalogue item, issued by
    that item's office."""

    parent = factory.SubFactory(CatalogueItemPageFactory)
    live = False
    issuing_office = factory.LazyAttribute(lambda o: getattr(o.parent.specific, "office", None) or OfficeFactory())
    written_date = datetime.date(2025, 3, 1)

    class Meta:
        abstract = True


class PolicyDocumentPageFactory(DisclosurePageFactory):
    title = factory.Sequence(lambda n: f"关于做好义务教育招生入学工作的通知（{n}）")

    class Meta:
        model = PolicyDocumentPage


class InterpretationPageFactory(DisclosurePageFactory):
    """A Q&A interpretation under a new policy document."""

    title = factory.Sequence(lambda n: f"政策解读（{n}）")
    parent = factory.SubFactory(PolicyDocumentPageFactory)
    issuing_office = factory.LazyAttribute(lambda o: o.parent.specific.issuing_office)
    form = InterpretationPage.Form.QA
    questions = factory.LazyFunction(
        lambda: [("qa", {"question": "今年招生有什么变化？", "answer": "<p>实行网上报名。</p>"})]
    )

    class Meta:
        model = InterpretationPage


class SafetyNoticePageFactory(DisclosurePageFactory):
    title = factory.Sequence(lambda n: f"关于防范强降雨的安全提示（{n}）")
    alert_level = "orange"
    affected_areas = "全县中小学校"
    measures = "<ul><li>停止户外活动</li></ul>"
    valid_from = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    valid_until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))

    class Meta:
        model = SafetyNoticePage


def budget_table(
    title="收入支出预算总表", income=(("一、一般公共预算拨款", "100.00"),), expenditure=(("一、教育支出", "100.00"),)
):
    """The raw value of one budget table whose totals add up."""

    def rows(items):
        total = sum((float(amount) for _label, amount in items), 0.0)
        return [{"label": label, "amount": amount, "row_type": "item"} for label, amount in items] + [
            {"label": "合计", "amount": f"{total:.2f}", "row_type": "total"}
        ]

    return {"title": title, "code": "", "income_rows": rows(income), "expenditure_rows": rows(expenditure)}


class BudgetPageFactory(DisclosurePageFactory):
    title = factory.Sequence(lambda n: f"2025年部门预算（{n}）")
    fiscal_year = 2025
    kind = "budget"
    tables = factory.LazyFunction(lambda: [("table", budget_table())])
    explanation = "<p>2025年收支总预算100.00万元。</p>"

    class Meta:
        model = BudgetPage


class EnrolmentZonePageFactory(DisclosurePageFactory):
    title = factory.LazyAttribute(lambda o: f"{o.school.name}{o.year}年招生范围")
    school = factory.SubFactory(SchoolFactory)
    year = 2025
    stage = "primary"
    zone_description = "东至东风路，西至人民路。"

    class Meta:
        model = EnrolmentZonePage


class ZoneRuleFactory(DjangoModelFactory):
    page = factory.SubFactory(EnrolmentZonePageFactory)
    rule = "include"
    kind = "street"
    name = "人民路"

    class Meta:
        model = ZoneRule


__all__ = [name for name in dir() if name.endswith("Factory")] + ["publish", "site_root", "default_catalogue", "Page"]
