"""Forms of the integrity pages: reviewing a flag, inspection cases, answering complaints and
recording a media report. Each turns what the official typed into one service's arguments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.integrity.models import ComplaintCategory
from motcua.web.forms import PageForm


class ReviewForm(PageForm):
    decision = forms.ChoiceField(
        choices=[
            ("confirm", _("Confirm")),
            ("dismiss", _("Dismiss")),
            ("escalate", _("Escalate")),
        ]
    )
    note = forms.CharField(
        label=_("Note (the reason, when dismissing)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CaseForm(PageForm):
    agency = forms.CharField(label=_("Agency code"), max_length=40)
    title = forms.CharField(label=_("Subject"), max_length=200)
    grounds = forms.CharField(
        label=_("Grounds"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FindingsForm(PageForm):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))


class FollowUpForm(PageForm):
    due_on = forms.DateField(
        label=_("Follow up on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    action = forms.CharField(label=_("What to check"), max_length=300)


class AnswerForm(PageForm):
    answer = forms.CharField(
        label=_("Answer to the citizen"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class MediaReportForm(PageForm):
    agency = forms.CharField(label=_("Agency code"), max_length=40, required=False)
    dossier = forms.CharField(label=_("Dossier code"), max_length=60, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=ComplaintCategory.choices)
    contact = forms.CharField(label=_("Outlet and article"), max_length=200)
    text = forms.CharField(
        label=_("What the report says"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
