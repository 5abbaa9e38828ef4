"""Public views: the finder (/catchment/), its JSON twin (/api/catchment/),
the list of every school's zone for a year (/catchment/zones/) and the
year's zones as open data in the import format (/catchment/zones/<year>.csv).
Only live, public zone pages are ever used (see finder.live_zones)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import errors
from core.models import BureauSettings

from . import finder
from .forms import FinderForm, ZoneFilterForm
from .matching import CANDIDATE, EXACT
from .spreadsheet import write_csv, zone_rows


def _bureau(request):
    try:
        return BureauSettings.for_request(request)
    except Exception:  # no site for this host: the page still works without the site's numbers
        return None


def _results(request, found):
    """The matches with their pages and contacts, for the template."""
    pages = finder.zone_pages([match.zone.id for match in found.matches])
    bureau = _bureau(request)
    results = []
    for match in found.matches:
        page = pages.get(match.zone.id)
        if page is None:  # unpublished since the matcher was built
            continue
        results.append(
            {
                "match": match,
                "page": page,
                "exact": match.confidence == EXACT,
                "timeline": page.timeline(page.key_dates.all()),
                **page.contact_details(bureau),
            }
        )
    return results


@require_safe
def finder_view(request):
    years = finder.years()
    default = finder.default_year(years)
    # Without published zones there is nothing to look up: the page says so.
    submitted = bool(years) and ("address" in request.GET or "year" in request.GET)
    data = (
        {"address": request.GET.get("address", ""), "year": request.GET.get("year") or default} if submitted else None
    )
    form = FinderForm(data, years=years, initial={"year": default})
    results = found = None
    if submitted and form.is_valid():
        found = finder.lookup(form.cleaned_data["address"], form.cleaned_data["year"], years)
        results = _results(request, found)
    year = form.cleaned_data.get("year") if submitted and form.is_valid() else default
    current = finder.current_enrolment_year()
    bureau = _bureau(request)
    exact = [result for result in results or [] if result["exact"]]
    candidates = [result for result in results or [] if not result["exact"]]
    context = {
        "form": form,
        "years": years,
        "year": year,
        "default_year": default,
        "current_year": current,
        # The year of the zones looked up is the newest published, not this year's: say so
        # (only while that is the year shown).
        "default_year_notice": default != current and year == default,
        "submitted": submitted,
        "error_list": errors.summary(form, {"address": "finder-address", "year": "finder-year"}) if submitted else [],
        "found": found,
        "results": results,
        "exact_count": len(exact),
        "candidate_count": len(candidates),
        # One possible school whose boundary the address is on: it may also belong to a
        # neighbouring school that the published zones do not name.
        "single_boundary": len(candidates) == 1
        and not exact
        and any(reason.why == "boundary" for reason in candidates[0]["match"].reasons),
        "examples": finder.examples(year),
        "bureau_phone": bureau.contact_phone if bureau else "",
    }
    return TemplateResponse(request, "catchment/finder.html", context)


@require_safe
def api_view(request):
    """GET /api/catchment/?address=…&year=… → {"normalized", "year", "matches": [...]}."""
    years = finder.years()
    default = finder.default_year(years)
    form = FinderForm(
        {"address": request.GET.get("address", ""), "year": request.GET.get("year") or default}, years=years
    )
    if not years:
        return JsonResponse(
            {"error": _("No zones have been published yet."), "normalized": "", "matches": []},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        # Bad input is not an error of the service: 200 with the message (as the page does).
        return JsonResponse(
            {"error": message, "normalized": "", "matches": []}, json_dumps_params={"ensure_ascii": False}
        )
    found = finder.lookup(form.cleaned_data["address"], form.cleaned_data["year"])
    pages = finder.zone_pages([match.zone.id for match in found.matches])
    matches = []
    for match in found.matches:
        page = pages.get(match.zone.id)
        if page is None:
            continue
        matches.append(
            {
                "school": match.zone.school,
                "stage": match.zone.stage,
                "rule": match.rule.label,
                "reason": match.why,
                "confidence": EXACT if match.confidence == EXACT else CANDIDATE,
                "zone_url": request.build_absolute_uri(page.get_url(request)),
            }
        )
    return JsonResponse(
        {"normalized": found.address.normalised, "year": found.year, "matches": matches},
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def zone_list_view(request):
    years = finder.years()
    default = finder.default_year(years)
    submitted = "year" in request.GET or "stage" in request.GET
    data = {"year": request.GET.get("year") or default, "stage": request.GET.get("stage", "")} if submitted else None
    form = ZoneFilterForm(data, years=years, initial={"year": default, "stage": ""})
    year, stage = default, ""
    if submitted and years and form.is_valid():
        year, stage = form.cleaned_data["year"], form.cleaned_data["stage"]
    pages = []
    if year is not None and (not submitted or form.is_valid()):

        def zone_pages():
            queryset = (
                finder.live_zones()
                .filter(year=year)
                .select_related("school")
                .defer("body", "attachments", "required_documents")  # not shown in the list
            )
            if stage:
                queryset = queryset.filter(stage=stage)
            return sorted(queryset, key=lambda page: (page.stage != "primary", page.school.name))

        # Read only when the template's table is not cached for this content
        # generation, year and stage ({% generationcache %}).
        pages = SimpleLazyObject(zone_pages)
    context = {
        "form": form,
        "years": years,
        "year": year,
        "stage": stage,
        "stage_label": dict(form.fields["stage"].choices).get(stage, "") if stage else "",
        "error_list": errors.summary(form, {"year": "zones-year", "stage": "zones-stage"}) if submitted else [],
        "pages": pages,
        "default_is_current": default == finder.current_enrolment_year(),
        "current_year": finder.current_enrolment_year(),
        "submitted": submitted,
    }
    return TemplateResponse(request, "catchment/zone_list.html", context)


def year_rows(year):
    """The spreadsheet rows of the year's published zones, primary schools first, by school name."""
    pages = list(finder.live_zones().filter(year=year).select_related("school").prefetch_related("rules"))
    pages.sort(key=lambda page: (page.stage != "primary", page.school.name))
    return [row for page in pages for row in zone_rows(page, page.rules.all())]


def zones_csv_response(year):
    """The year's zones as the import spreadsheet (CSV, UTF-8 with BOM), as a download."""
    rows = year_rows(year)
    if not rows:
        raise Http404(_("No zones are published for %(year)s.") % {"year": year})
    response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catchment-zones-{year}.csv"'
    return response


@require_safe
def zones_csv_view(request, year):
    return zones_csv_response(year)
