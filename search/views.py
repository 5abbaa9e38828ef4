from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 200
PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = None
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        paginator = Paginator(pages.search(query), PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": results, "too_long": too_long, "max_length": MAX_QUERY_LENGTH},
    )
