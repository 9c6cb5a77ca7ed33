"""The portal's complaint form and the form to read an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.integrity.models import ComplaintCategory
from motcua.portal.forms import PageForm


class ComplaintForm(PageForm):
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=ComplaintCategory.choices, widget=forms.RadioSelect
    )
    dossier = forms.CharField(
        label=_("Dossier code (if it is about a dossier)"), max_length=60, required=False
    )
    agency = forms.CharField(
        label=_("Agency code (if no dossier)"),
        max_length=40,
        required=False,
        help_text=_("For example H26.50.00070; leave empty if you named a dossier."),
    )
    official = forms.CharField(
        label=_("Official concerned (name or counter), if any"), max_length=200, required=False
    )
    text = forms.CharField(
        label=_("What the complaint says"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact = forms.CharField(
        label=_("Your phone or email, for the answer"),
        max_length=200,
        help_text=_("You will need it, with the tracking code, to read the answer."),
    )


class AnswerLookupForm(PageForm):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    contact = forms.CharField(label=_("The phone or email you gave"), max_length=200)
    # Sent by the two buttons under an answer: the filer's verdict on it.
    verdict = forms.ChoiceField(
        choices=[("satisfied", _("Satisfied")), ("dissatisfied", _("Not satisfied"))],
        required=False,
        widget=forms.HiddenInput,
    )
