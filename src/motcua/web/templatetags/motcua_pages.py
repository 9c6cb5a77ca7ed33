"""Template filters of the pages: money in VND, and who may see an ID number."""

from datetime import date
from typing import Any

from django import template
from django.conf import settings

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.web.forms import ACCEPTED_UPLOADS, QUESTION_LABELS, SCORE_WORDS
from motcua.web.wording import FACT_VALUES, FACTS, in_language

register = template.Library()


@register.filter
def vnd(amount: Any) -> str:
    """Return 125000 as '125.000 đ' (the Vietnamese way of writing money)."""
    if amount is None or amount == "":
        return "—"
    return f"{int(amount):,} đ".replace(",", ".")


@register.filter
def named(item: Any) -> str:
    """A catalog item's name in the page's language (a group, a procedure version)."""
    return in_language(item.name, getattr(item, "name_en", ""))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """Return mapping[key] (or None), for dicts keyed by ids in the templates."""
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def late(dossier: Any) -> bool:
    """Whether an open dossier is past its due moment (a paused clock is not late)."""
    return deadlines.is_open_overdue(dossier, clock.now())


@register.filter
def day(value: Any) -> str:
    """A date kept as text ("2026-06-10", as the catalog keeps the day its source was read)
    written as the pages write dates: 10/06/2026. Anything else is shown as it is."""
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


@register.filter
def fact_label(key: str) -> str:
    """The words for a fact a national database holds (full_name: "Họ và tên")."""
    return str(FACTS.get(key, key))


@register.filter
def fact_value(value: Any) -> str:
    """The words for what a national database answered: codes named, dates and records readable.

    A list of records (a person's businesses or land parcels) reads as one line per record.
    """
    if isinstance(value, list):
        return "; ".join(", ".join(fact_value(v) for v in item.values()) for item in value)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return str(FACT_VALUES.get(value, value))
    return str(value)


@register.filter
def question_label(key: str) -> str:
    """The words for a procedure's own question (child_full_name: "Họ và tên trẻ")."""
    return str(QUESTION_LABELS.get(key, key))


@register.simple_tag
def upload_accept() -> str:
    return ACCEPTED_UPLOADS


@register.simple_tag
def upload_max_mb() -> int:
    return int(settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024))


@register.filter
def score_words(score: Any) -> str:
    """A satisfaction score in words (5: "Rất hài lòng")."""
    return str(SCORE_WORDS.get(score, ""))
