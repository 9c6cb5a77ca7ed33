"""The forms of the coordination pages: directives, progress reports, a point's resources."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.geography import selectors as geography
from motcua.geography.models import Agency, AgencyKind
from motcua.monitoring.models import Issuer
from motcua.portal.forms import PageForm


class AgencyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.name} ({obj.code})"


class DirectiveForm(PageForm):
    title = forms.CharField(label=_("Task"), max_length=255)
    body = forms.CharField(label=_("What is to be done"), widget=forms.Textarea, required=False)
    theme = forms.CharField(
        label=_("Theme"),
        max_length=80,
        help_text=_("Difficulties are grouped by it in the compiled report."),
    )
    issued_by = forms.ChoiceField(label=_("Issued by"), choices=Issuer.choices)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    every_ward = forms.BooleanField(
        label=_("Assign to every ward and commune People's Committee"), required=False
    )
    agencies = AgencyChoice(
        label=_("Assignees"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = geography.agencies().order_by("kind", "code")

    def assignees(self) -> list[Agency]:
        chosen = list(self.cleaned_data["agencies"])
        if self.cleaned_data["every_ward"]:
            chosen += list(geography.agencies(kind=AgencyKind.COMMUNE_COMMITTEE))
        return sorted(set(chosen), key=lambda a: a.code)


class ReportForm(PageForm):
    progress_percent = forms.IntegerField(
        label=_("Progress (per cent)"), min_value=0, max_value=100
    )
    progress = forms.CharField(label=_("What was done"), widget=forms.Textarea, required=False)
    difficulties = forms.CharField(label=_("Difficulties"), widget=forms.Textarea, required=False)
    proposals = forms.CharField(
        label=_("Proposals to the centre or the city"), widget=forms.Textarea, required=False
    )


class ResourcesForm(PageForm):
    staff = forms.IntegerField(label=_("Staff at the counters"), min_value=0, max_value=500)
    trained_staff = forms.IntegerField(
        label=_("Staff trained on the system"), min_value=0, max_value=500
    )
    counters = forms.IntegerField(label=_("Counters"), min_value=0, max_value=200)
    scanners = forms.IntegerField(label=_("Scanners"), min_value=0, max_value=500)
    computers = forms.IntegerField(label=_("Computers"), min_value=0, max_value=500)
    signature_devices = forms.IntegerField(
        label=_("Digital signature devices"), min_value=0, max_value=500
    )
    merged_units = forms.IntegerField(
        label=_("Former units merged into this one on 1 July 2025"),
        min_value=0,
        max_value=20,
        help_text=_("0 if the unit was not merged."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("trained_staff") or 0) > (data.get("staff") or 0):
            self.add_error("trained_staff", _("More trained staff than staff."))
        return data


class TrainingForm(PageForm):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label=_("Topic"), max_length=200)
    attendees = forms.IntegerField(label=_("Staff who attended"), min_value=1, max_value=500)
