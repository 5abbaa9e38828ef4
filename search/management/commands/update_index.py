"""`manage.py update_index`: Wagtail's command, preceded by rebuilding the
public search documents from the published pages, so that one command
catches up after anything that went wrong while publishing (for example
a search engine that could not be reached)."""
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search import documents


class Command(WagtailUpdateIndex):
    help = (
        "Rebuild the public search documents from the published pages, then rebuild the index of every "
        "search backend (or of --backend)."
    )

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        if not options.get("schema_only"):
            count = documents.rebuild(index=False)
            self.write(f"Search documents: {count} published pages")
        super().handle(**options)
