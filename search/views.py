"""The public search page and its JSON twin: both call
`search.service.run_search`, so they rank alike."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from core import hits
from disclosure.models import CatalogueIndexPage

from .service import SearchParams, run_search

# On a search page counted in the query log: whether it found something.
COUNTED_HEADER = "X-Search-Counted"


def _links(request):
    """Where to go when a search finds nothing: the catalogue and the
    catchment finder."""

    catalogue = CatalogueIndexPage.objects.live().public().only("url_path", "path", "depth").first()
    return {
        "catalogue_url": catalogue.get_url(request) if catalogue else None,
        "catchment_url": reverse("catchment:finder"),
    }


@require_GET
def search(request):
    params = SearchParams.from_query(request.GET)
    outcome = run_search(params, request)
    context = {"outcome": outcome, "params": params, "search_query": params.q}
    if outcome.searched and (not outcome.total or outcome.relaxed):
        context.update(_links(request))
    response = TemplateResponse(request, "search/search.html", context, status=503 if outcome.unavailable else 200)
    if outcome.logged:
        # Served again from the page cache, the search still counts; served
        # again by Varnish, Varnish logs it (deploy/varnish/edusite.vcl) for
        # `manage.py record_varnish_searches`.
        hits.mark(response, "search.log", *outcome.logged)
        response[COUNTED_HEADER] = "found" if outcome.logged[1] else "nothing"
    return response


@require_GET
def search_api(request):
    params = SearchParams.from_query(request.GET)
    outcome = run_search(params, request)
    messages = [str(message) for message in outcome.messages]
    if not outcome.searched and not params.q:
        messages.append(gettext("Enter the words to search for in the parameter q."))
    data = {
        "query": params.q,
        "total": outcome.total,
        "page": outcome.page,
        "pages": outcome.num_pages,
        "relaxed": outcome.relaxed,
        "fallback": outcome.fallback,
        "messages": messages,
        "results": [{**hit.as_json(), "url": request.build_absolute_uri(hit.url)} for hit in outcome.hits],
        "promoted": [{**item, "url": request.build_absolute_uri(item["url"])} for item in outcome.promoted],
        "suggestions": outcome.suggestions,
    }
    return JsonResponse(data, status=503 if outcome.unavailable else 200, json_dumps_params={"ensure_ascii": False})
