"""{% generationcache "name" value… %}…{% endgenerationcache %}: a fragment
rendered once per content generation, language and the values given (the
fragment must not depend on anything else of the request)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import generation

register = template.Library()


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows the draft, never what is cached
        parts = [str(self.name.resolve(context)), get_language()]
        parts += [str(value.resolve(context)) for value in self.values]
        return generation.cached("fragment:" + "|".join(parts), lambda: mark_safe(self.nodelist.render(context)))


@register.tag
def generationcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% generationcache %} needs a fragment name.")
    nodelist = parser.parse(("endgenerationcache",))
    parser.delete_first_token()
    return GenerationCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
