"""What the error summary of a public form lists (templates/includes/error_summary.html)."""


def summary(form, field_ids):
    """[(field id, message)] for every error of a bound `form`, in the order
    of `field_ids` ({field name: id of its input}); errors of the whole
    form link to the first field."""
    if not form.is_bound or not form.errors:
        return []
    first = next(iter(field_ids.values()), "")
    problems = [(first, str(message)) for message in form.non_field_errors()]
    for name, field_id in field_ids.items():
        problems.extend((field_id, str(message)) for message in form.errors.get(name, []))
    return problems
