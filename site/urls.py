from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catchment import views as catchment_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/search/", search_views.search_api, name="search_api"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/catchment/", catchment_views.api_view, name="catchment_api"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: a document's file is served by /documents/, and only while
    # a published page uses it (moderation.documents).
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder)

# Public pages: Chinese at /, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("catchment/", include("catchment.urls")),
    path("yishenqing/", include("on_request.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
