from django import forms, template

register = template.Library()


@register.simple_tag
def field_widget(field, extra_class=""):
    """The widget with its hint and error tied to it (aria-describedby, aria-invalid)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if extra_class:
        attrs["class"] = extra_class
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field):
    return isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def first_input_id(field):
    """Where an error summary link should lead: the first radio of a group."""
    if is_choice_group(field):
        return f"{field.auto_id}_0"
    return field.auto_id
