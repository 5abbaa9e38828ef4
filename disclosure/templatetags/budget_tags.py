"""Amounts on budget pages: thousands separators and two decimals."""

from django import template

from ..budget import format_amount

register = template.Library()


@register.filter
def amount(value):
    """Decimal('16745.59') → '16,745.59'; None → ''."""
    return format_amount(value)
