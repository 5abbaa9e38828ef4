"""Search benchmark: generate Chinese disclosures in bulk and measure the
latency of `/api/search/` on each backend (`manage.py benchmark_search`,
driven by `scripts/search-benchmark`). A benchmark, not a test: it fills
the database it runs on with generated pages, so it runs on throwaway
databases only.

The disclosures are made of the vocabulary of the real corpus
(`disclosure/data/documents.json`): its sentences, with titles built like
real ones (招生划片 announcements, notices, budgets, safety notices,
interpretations) for generated schools and years, filed under the
catalogue items their type belongs to. Generated pages are plain Wagtail
pages (slug prefix `bench-`) with a search document each, indexed into the
backends in bulk — exactly what the public search reads."""

import random
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Locale, Page

from disclosure.datafiles import read_json
from disclosure.importer import DEFAULT_DOCUMENTS as CORPUS_FILE
from disclosure.models import CatalogueItemPage

from .backends.registry import backend_named
from .models import VALIDITY_RANKS, SearchDocument

SLUG_PREFIX = "bench-"
CHUNK = 1000

PLACES = [
    "城关",
    "城南",
    "城北",
    "东城",
    "西城",
    "河西",
    "河东",
    "新华",
    "解放",
    "人民",
    "建设",
    "向阳",
    "红星",
    "光明",
    "胜利",
    "和平",
    "长乐",
    "永安",
    "高升",
    "实验",
    "育才",
    "滨江",
    "凤凰",
    "石桥",
    "白沙",
    "雁城",
    "中南",
    "天后",
    "联盟",
    "广场",
]
TOWNS = ["城关镇", "青山镇", "石门镇", "白马乡", "龙泉镇", "新市镇", "桥头乡", "河口镇", "花园乡", "柳溪镇"]
STAGES = ["小学", "中学", "初级中学", "九年一贯制学校"]
ORDINALS = ["", "第一", "第二", "第三", "实验", "中心"]
TOPICS = [
    "义务教育招生入学",
    "招生划片",
    "学籍管理",
    "校园安全",
    "防溺水安全教育",
    "营养改善计划",
    "课后服务",
    "教育收费",
    "教师招聘",
    "控辍保学",
    "随迁子女入学",
    "学生资助",
    "政务公开",
    "校车安全",
    "食品安全",
    "体育艺术",
    "劳动教育",
    "作业管理",
    "教育督导",
    "民办学校年检",
]
WEATHER = ["暴雨", "台风", "寒潮", "冰冻", "高温", "大雪", "强对流天气"]


@dataclass(frozen=True)
class Kind:
    name: str
    items: tuple  # catalogue keys (category/item)
    share: float


KINDS = [
    Kind("policydocumentpage", ("政策文件/规范性文件", "招生管理/招生政策", "学生管理/学籍管理"), 0.35),
    Kind("interpretationpage", ("招生管理/招生政策", "政策文件/规范性文件"), 0.15),
    Kind("safetynoticepage", ("校园安全/安全预警信息",), 0.15),
    Kind("enrolmentzonepage", ("招生管理/招生范围",), 0.2),
    Kind("budgetpage", ("财务信息/财务信息",), 0.15),
]


def corpus_sentences():
    sentences = []
    data = read_json(CORPUS_FILE)
    for document in data["documents"] if isinstance(data, dict) else data:
        for sentence in re.split(r"(?<=[。；！？])", document.get("body") or ""):
            sentence = sentence.strip()
            if 8 <= len(sentence) <= 120:
                sentences.append(sentence)
    return sentences


class Generator:
    def __init__(self, seed=2026):
        self.random = random.Random(seed)
        self.sentences = corpus_sentences()
        self.items = {item.catalogue_key: item for item in CatalogueItemPage.objects.all()}

    def school(self):
        pick = self.random.choice
        return f"{pick(TOWNS) if self.random.random() < 0.3 else ''}{pick(PLACES)}{pick(ORDINALS)}{pick(STAGES)}"

    def title(self, kind, year):
        pick = self.random.choice
        school = self.school()
        if kind == "enrolmentzonepage":
            return (
                f"{year}年{school}招生范围",
                f"{school}服务区：{pick(PLACES)}路以东、{pick(PLACES)}街以南，含{pick(PLACES)}小区、{pick(PLACES)}社区。",
            )
        if kind == "budgetpage":
            which = pick(["部门预算", "部门决算", "三公经费预算", "三公经费决算"])
            return f"{school}{year}年{which}", f"{year}年{which}公开说明，含收支总表和三公经费。"
        if kind == "safetynoticepage":
            weather = pick(WEATHER)
            return (
                f"关于{weather}期间{pick(['全县中小学停课', '加强校园安全', '学生安全防范'])}的通知",
                f"受{weather}影响，请各校做好安全防范。",
            )
        if kind == "interpretationpage":
            topic = pick(TOPICS)
            return f"《关于做好{year}年{topic}工作的通知》政策解读", f"{topic}问答。"
        topic = pick(TOPICS)
        return pick(
            [
                f"关于做好{year}年{topic}工作的通知",
                f"关于印发《{school}{topic}实施方案》的通知",
                f"{year}年{topic}工作要点",
            ]
        ), ""

    def document(self, page, kind, item, category_id, year):
        title, summary = self.title(kind.name, year)
        body = "".join(self.random.sample(self.sentences, self.random.randint(4, 10)))
        validity = self.random.choices(["valid", "amended", "expired", "repealed"], [85, 5, 5, 5])[0]
        number = f"某教发〔{year}〕{self.random.randint(1, 99)}号" if kind.name == "policydocumentpage" else ""
        page.title = page.draft_title = title
        return SearchDocument(
            page=page,
            title=f"{title} {number}".strip(),
            summary=summary,
            body=body,
            kind=kind.name,
            category_id=category_id,
            item=item,
            office_id=item.office_id,
            validity=validity,
            validity_rank=VALIDITY_RANKS[validity],
            published=page.first_published_at,
            year=year,
        )


def _encode(number):
    alphabet = Page.alphabet
    digits = ""
    while True:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
        if not number:
            break
    return digits.rjust(Page.steplen, alphabet[0])


def generated_pages():
    return Page.objects.filter(slug__startswith=SLUG_PREFIX)


def generate(count, backends, generator, log=print):
    """Add `count` generated disclosures and index them into `backends`."""
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    items = {key: generator.items[key] for kind in KINDS for key in kind.items}
    categories = {key: item.get_parent().pk for key, item in items.items()}
    next_child = {key: Page.objects.get(pk=item.pk).numchild for key, item in items.items()}
    made = 0
    started = time.monotonic()
    while made < count:
        batch = min(CHUNK, count - made)
        pages, documents = [], []
        for _ in range(batch):
            kind = generator.random.choices(KINDS, [kind.share for kind in KINDS])[0]
            key = generator.random.choice(kind.items)
            item = items[key]
            next_child[key] += 1
            year = generator.random.randint(2015, 2026)
            moment = timezone.make_aware(
                timezone.datetime(year, generator.random.randint(1, 12), generator.random.randint(1, 28), 9)
            )
            slug = f"{SLUG_PREFIX}{next_child[key]}"
            page = Page(
                title="",
                draft_title="",
                slug=slug,
                content_type=content_type,
                locale=locale,
                live=True,
                path=item.path + _encode(next_child[key]),
                depth=item.depth + 1,
                numchild=0,
                url_path=f"{item.url_path}{slug}/",
                first_published_at=moment,
                last_published_at=moment,
            )
            document = generator.document(page, kind, item, categories[key], year)
            pages.append(page)
            documents.append(document)
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            for page, document in zip(pages, documents, strict=False):
                document.page_id = page.pk
            SearchDocument.objects.bulk_create(documents)
        for backend in backends:
            backend.add_bulk(SearchDocument, documents)
        made += batch
        log(f"  {made}/{count} generated and indexed ({time.monotonic() - started:.0f} s)")
    for key, item in items.items():
        Page.objects.filter(pk=item.pk).update(numchild=next_child[key])
    for backend in backends:
        backend.refresh_indexes()
    if connection.vendor == "postgresql":  # statistics, as autovacuum keeps them on a live database
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


QUERIES = [
    "招生",
    "划片范围",
    "入学年龄",
    "停课",
    "学区",
    "部门决算",
    "预决算",
    "三公经费",
    "政务公开工作要点",
    "泉州市教育局 实施方案",
    "营养改善计划",
    "防溺水",
    "招生计划",
    "年满6周岁",
    "课后服务",
    "随迁子女入学",
    "暴雨 停课",
    "2023年 招生范围",
    "城关第一小学",
    "实验小学 招生",
    "学籍管理",
    "教师招聘",
    "校车安全",
    "食品安全",
    "学生资助",
    "控辍保学",
    "作业管理",
    "教育收费",
    "标准目录",
    "先行县",
    "划骗",
    "招生 火星",
]
VARIANTS = [{}, {"page": "2"}, {"sort": "date"}, {"type": "enrolmentzonepage"}, {"year": "2023"}]


def measure(backend_name, rounds, log=print):
    """Latencies (ms) of /api/search/ for the benchmark queries on one
    backend: [(round, ms, query, variant)]. Round 1 finds nothing cached;
    later rounds ask the same again (cached for a while, as in production)."""

    client = Client()
    backends = {**settings.WAGTAILSEARCH_BACKENDS, "default": settings.WAGTAILSEARCH_BACKENDS[backend_name]}
    timings = []
    with override_settings(WAGTAILSEARCH_BACKENDS=backends, SEARCH_FALLBACK_BACKEND=None):
        client.get("/api/search/", {"q": "预热"})  # connections, jieba's dictionary
        cache.clear()
        for number in range(1, rounds + 1):
            for query in QUERIES:
                for variant in VARIANTS:
                    started = time.perf_counter()
                    response = client.get("/api/search/", {"q": query, **variant})
                    timings.append((number, (time.perf_counter() - started) * 1000, query, variant))
                    if response.status_code != 200:
                        raise RuntimeError(f"{backend_name}: /api/search/?q={query} answered {response.status_code}")
    return timings


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(timings):
    """p50/p95/max of the first round (nothing cached) and of the others."""
    result = {}
    for label, selected in (("cold", [t for t in timings if t[0] == 1]), ("warm", [t for t in timings if t[0] > 1])):
        values = [t[1] for t in selected]
        if not values:
            continue
        result[label] = {
            "requests": len(values),
            "p50": percentile(values, 0.5),
            "p95": percentile(values, 0.95),
            "max": max(values),
            "slowest": sorted(selected, key=lambda t: -t[1])[:3],
        }
    return result


def backends_by_name(names):
    return [backend_named(name) for name in names]
