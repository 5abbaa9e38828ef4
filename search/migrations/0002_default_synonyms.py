"""Synonym groups every bureau needs from the first day; editors change
them under 设置 › 同义词."""

from django.db import migrations

DEFAULT_GROUPS = [
    ("equivalent", "学区、划片、施教区、招生范围、招生片区、招生服务区", "各地对招生范围的不同叫法"),
    ("collective", "预决算、预算、决算", "预决算是预算和决算的合称"),
    ("collective", "三公经费、因公出国（境）费、公务用车购置及运行费、公务接待费", "三公经费的三项支出"),
    ("equivalent", "随迁子女、进城务工人员随迁子女、外来务工人员子女、流动儿童", ""),
    ("equivalent", "营养改善计划、营养餐", ""),
    ("equivalent", "防溺水、防溺亡", ""),
]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for kind, terms, note in DEFAULT_GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"kind": kind, "note": note})


def remove_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for _kind, terms, _note in DEFAULT_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(add_groups, remove_groups)]
