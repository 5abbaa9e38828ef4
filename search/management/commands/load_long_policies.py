"""`manage.py load_long_policies`: publish long policy documents for
benchmarks and the soak test (scripts/soak) — by default three of 38,000
characters, dense with the words people search for (issue 12, finding 1:
snippets of such pages once took 30 s for one search). Idempotent: pages
that exist are left as they are."""

from django.core.management.base import BaseCommand

from disclosure.models import CatalogueItemPage, PolicyDocumentPage

SENTENCE = "学校应当按照规定做好招生入学工作，公开招生范围。"
TITLE = "长篇政策文件（基准测试）{number}"


class Command(BaseCommand):
    help = "Publish long policy documents (benchmarks and the soak test)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=3)
        parser.add_argument("--characters", type=int, default=38_000)

    def handle(self, count, characters, **options):

        parent = CatalogueItemPage.objects.select_related("office").get(catalogue_key="招生管理/招生政策")
        text = (SENTENCE * (characters // len(SENTENCE) + 1))[:characters]
        made = 0
        for number in range(1, count + 1):
            title = TITLE.format(number=number)
            if PolicyDocumentPage.objects.filter(title=title).exists():
                continue
            page = PolicyDocumentPage(
                title=title, issuing_office=parent.office, live=False, body=[("paragraph", f"<p>{text}</p>")]
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            made += 1
        self.stdout.write(
            f"{made} long policy documents published ({count - made} existed), {characters} characters each"
        )
