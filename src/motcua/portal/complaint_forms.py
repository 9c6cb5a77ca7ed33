"""The portal's complaint form and the form to read an answer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.text import vietnamese_sort_key
from motcua.geography import selectors as geography
from motcua.integrity.models import ComplaintCategory
from motcua.web.forms import ACCEPTED_UPLOADS, FILTERED_LIST, PageForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files from one picker; the upload check itself is the service's."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(EvidenceField, self).clean(file, initial) for file in files]


class ComplaintForm(PageForm):
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=ComplaintCategory.choices, widget=forms.RadioSelect
    )
    dossier = forms.CharField(
        label=_("Dossier code (if it is about a dossier)"), max_length=60, required=False
    )
    agency = forms.ChoiceField(
        label=_("Agency (if no dossier)"),
        choices=[],
        required=False,
        help_text=_("Leave it empty if you gave a dossier code: the dossier names its agency."),
    )
    official = forms.CharField(
        label=_("Official concerned (name or counter), if any"), max_length=200, required=False
    )
    text = forms.CharField(
        label=_("What the complaint says"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    evidence = EvidenceField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_(
            "Up to 3 files: a photo of the papers asked for, a message from a broker. "
            "PDF, JPG or PNG photo, Word or Excel."
        ),
    )
    contact = forms.CharField(
        label=_("Your phone or email, for the answer"),
        max_length=200,
        help_text=_("You will need it, with the tracking code, to read the answer."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.choices = [("", _("Choose…")), *agency_choices()]
        agency.widget.attrs.update(FILTERED_LIST)
        self.fields["evidence"].widget.attrs["accept"] = ACCEPTED_UPLOADS


def agency_choices() -> list[tuple[str, str]]:
    """The agencies by name, in Vietnamese alphabetical order."""
    rows = geography.agencies().values_list("code", "name")
    return sorted(rows, key=lambda row: vietnamese_sort_key(row[1]))


class AnswerLookupForm(PageForm):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    contact = forms.CharField(label=_("The phone or email you gave"), max_length=200)
    # Sent by the two buttons under an answer: the filer's verdict on it.
    verdict = forms.ChoiceField(
        choices=[("satisfied", _("Satisfied")), ("dissatisfied", _("Not satisfied"))],
        required=False,
        widget=forms.HiddenInput,
    )
