"""Chinese content inside interface sentences (rule labels, school names)."""

from django import template

from catchment import finder
from home.templatetags.site_tags import content, join_list

register = template.Library()


register.simple_tag(content, name="content")


@register.filter
def first_schools(results, confidence):
    """The school names of the finder's results that are exact ("exact") or
    candidates ("candidate"), joined in the interface language."""

    wanted = confidence == "exact"
    return join_list([result["page"].school.name for result in results if result["exact"] == wanted])


@register.inclusion_tag("catchment/includes/finder_box.html")
def finder_box():
    """The finder as the home page's main task: the address box, answered
    with the default year (the years and the year's matcher are kept for the
    content generation)."""

    years = finder.years()
    default = finder.default_year(years)
    examples = finder.examples(default)
    return {"years": years, "examples": examples, "default_year": default}
