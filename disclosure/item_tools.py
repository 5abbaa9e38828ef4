"""Services that answer the question of a catalogue item, registered by the
apps that provide them (apps above this one may not be imported here):
the catchment finder registers itself for 招生管理 › 招生范围, and the
catalogue and the item's page then link to it."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ItemTool:
    url_name: str  # a URL name, e.g. "catchment:finder"
    label: str  # lazily translated

    @property
    def url(self):
        return reverse(self.url_name)


_tools = {}  # catalogue key ("category/item") → ItemTool


def register(catalogue_key, url_name, label):
    _tools[catalogue_key] = ItemTool(url_name, label)


def tool_for(catalogue_key):
    return _tools.get(catalogue_key)
