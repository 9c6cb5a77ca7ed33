"""Filters of the PDF templates (documents/pdf/)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Where a Vietnamese agency's place name begins ("Ủy ban nhân dân | phường Ngọc Hà").
_PLACE = re.compile(
    r"\s(?=(?:phường|xã|thị trấn|đặc khu|quận|huyện|thị xã|thành phố|tỉnh)\s)", re.IGNORECASE
)


@register.filter
def agency_lines(name: str) -> SafeString:
    """Escape an agency's name so that a line breaks only between words and never inside its
    place name: "ỦY BAN NHÂN DÂN / PHƯỜNG NGỌC HÀ", not "… PHƯỜNG NGỌC / HÀ"."""
    body, *place = _PLACE.split(str(name), maxsplit=1)
    escaped = conditional_escape(body)
    if place:
        escaped += f' <span class="place">{conditional_escape(place[0])}</span>'
    return mark_safe(escaped)  # noqa: S308 — both parts are escaped above
