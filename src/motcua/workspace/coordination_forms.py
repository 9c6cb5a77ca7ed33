"""The forms of the coordination pages: directives, progress reports, a point's resources."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.directives.models import Issuer
from motcua.geography import selectors as geography
from motcua.geography.models import Agency, AgencyKind, UnitLevel
from motcua.web.forms import PageForm
from motcua.workspace.ordering import vietnamese_key


class AgencyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


# The groups the assignees are chosen in, each with its "select all" (issue 19).
UNIT_GROUPS = (
    ("wards", _("Ward People's Committees")),
    ("communes", _("Commune and special zone People's Committees")),
    ("city", _("City departments and agencies")),
    ("police", _("Police")),
)


def unit_group(agency: Agency) -> str:
    if agency.kind == AgencyKind.COMMUNE_COMMITTEE:
        return "wards" if agency.unit.level == UnitLevel.WARD else "communes"
    if agency.kind in (AgencyKind.POLICE, AgencyKind.COMMUNE_POLICE):
        return "police"
    return "city"


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
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = sorted(geography.agencies(), key=lambda a: vietnamese_key(a.name))
        self.fields["agencies"].queryset = geography.agencies().order_by("name", "code")
        for key, label in UNIT_GROUPS:
            self.fields[f"all_{key}"] = forms.BooleanField(
                label=_("Select all: %(group)s") % {"group": label}, required=False
            )

    def groups(self) -> list[dict[str, Any]]:
        """The assignees to tick, group by group, for the page."""
        chosen = {str(v) for v in (self["agencies"].value() or [])}
        by_group: dict[str, list[Agency]] = {key: [] for key, _label in UNIT_GROUPS}
        for agency in self.units:
            by_group[unit_group(agency)].append(agency)
        return [
            {
                "key": key,
                "label": label,
                "all": self[f"all_{key}"],
                "units": [(a, str(a.pk) in chosen) for a in by_group[key]],
            }
            for key, label in UNIT_GROUPS
            if by_group[key]
        ]

    def assignees(self) -> list[Agency]:
        chosen = list(self.cleaned_data["agencies"])
        if self.cleaned_data["every_ward"]:
            chosen += list(geography.agencies(kind=AgencyKind.COMMUNE_COMMITTEE))
        whole = {key for key, _label in UNIT_GROUPS if self.cleaned_data.get(f"all_{key}")}
        chosen += [a for a in self.units if unit_group(a) in whole]
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
