"""Life events: the procedures people need at a moment of their life, curated by hand."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    title: Promise
    summary: Promise
    codes: tuple[str, ...]  # national procedure codes, in the order a person meets them
    groups: tuple[str, ...] = ()  # joint groups filed once for several of them (Decree 63/2024)


LIFE_EVENTS = (
    LifeEvent(
        "baby",
        _("Having a baby"),
        _("Register the birth, the residence and the health insurance card of the child."),
        ("1.001193", "2.001023", "1.004222", "2.000635"),
        ("nd63-khai-sinh",),
    ),
    LifeEvent(
        "death",
        _("A death in the family"),
        _("Register the death, deregister the permanent residence, claim the funeral allowance."),
        ("1.000656", "1.003197"),
        ("nd63-khai-tu",),
    ),
    LifeEvent(
        "marriage",
        _("Getting married"),
        _("Confirm your marital status, register the marriage, move in together."),
        ("1.004873", "1.000894", "2.000806", "1.004222", "1.010038"),
    ),
    LifeEvent(
        "business",
        _("Starting a business"),
        _("Register a household business or a company."),
        ("1.001612", "2.001610", "2.001583", "2.001199", "2.002043"),
    ),
    LifeEvent(
        "house",
        _("Building a house"),
        _("Register the land, split a parcel, get the building permit."),
        ("1.013978", "1.012784", "1.013831", "1.013225"),
    ),
)
BY_SLUG = {event.slug: event for event in LIFE_EVENTS}
