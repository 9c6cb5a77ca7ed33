"""The workspace's forms: sign-in, queue filters, counter intake and one form per action.

Each action form turns what the official chose into the keyword arguments of the dossier service
that the API's action calls too; the service decides whether the change is allowed.
"""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from django_otp import devices_for_user
from django_otp.forms import OTPAuthenticationForm

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Task
from motcua.dossiers.paperwork import person_name
from motcua.dossiers.workflow import Status
from motcua.identity.selectors import agency_officials
from motcua.identity.sign_in import second_factor_required
from motcua.portal.forms import ApplicantForm, PageForm


class SignInForm(AuthenticationForm):
    """Username and password (the demo, and wherever the second factor is off)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class OtpSignInForm(OTPAuthenticationForm):
    """Username, password and the code of the authenticator app (production)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = _("Code from your authenticator app")
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric"}
        )
        # one device per official: the code is checked against it, no device to pick
        self.fields["otp_device"].widget = forms.HiddenInput()
        self.fields["otp_challenge"].widget = forms.HiddenInput()

    def _chosen_device(self, user: Any) -> Any:
        """The official's enrolled authenticator (`motcua totp enrol`), when none is named."""
        chosen = super()._chosen_device(user)
        if chosen is None:
            chosen = next(devices_for_user(user, confirmed=True, for_verify=True), None)
        return chosen


def sign_in_form(request: HttpRequest) -> type[AuthenticationForm]:
    """The form with the TOTP code in production, or once a username is under attack."""
    return OtpSignInForm if second_factor_required(request) else SignInForm


class QueueFilterForm(PageForm):
    q = forms.CharField(
        label=_("Search"),
        help_text=_("Dossier code, applicant's name, ID number or phone"),
        max_length=100,
        required=False,
    )
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    due_this_week = forms.BooleanField(label=_("Due this week"), required=False)
    received_elsewhere = forms.BooleanField(label=_("Received elsewhere for us"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("", _("Due date, nearest first")),
            ("due_desc", _("Due date, latest first")),
            ("received", _("Received, newest first")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, procedures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [("", _("Any")), *procedures]


class VersionForm(PageForm):
    """Every action names the version the official saw: a stale one is refused (409)."""

    version = forms.IntegerField(min_value=1, max_value=2**31, widget=forms.HiddenInput)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class OptionalReasonForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea, required=False
    )


class ApologizeForm(ReasonForm):
    new_due_at = forms.DateTimeField(
        label=_("New appointment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )


class AssignForm(VersionForm):
    # A list to pick from, but checked by the service as the API's `to` is: after the caller's
    # role, with one answer for anyone who is not an official of the agency.
    to = forms.CharField(label=_("Official"), max_length=150, widget=forms.Select)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        officials = agency_officials(dossier.handling_agency_id)
        self.fields["to"].widget.choices = [
            (u.get_username(), person_name(u) or u.get_username()) for u in officials
        ]


class ForwardForm(VersionForm):
    to_step = forms.TypedChoiceField(label=_("To the step"), coerce=int)
    opinion = forms.CharField(
        label=_("Handling opinion"),
        help_text=_("What you checked and propose; the next step reads it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        pending = [t for t in dossier.tasks.all() if t.state == Task.State.PENDING]
        self.fields["to_step"].choices = [(t.position, t.name) for t in pending]


class RequestSupplementForm(VersionForm):
    """The picker: only documents the procedure version lists, and not those national data
    holds (DOMAIN P1, C4); everything is asked at once, each with its reason.

    Which documents national data holds is the service's rule (`services.held_by_data`): they
    are not offered, and one posted anyway goes to the service, which refuses it (422) and
    records the integrity event, as the API does; nothing is dropped silently."""

    note = forms.CharField(label=_("Note to the applicant"), max_length=2000, required=False)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        held = services.held_by_data(dossier)
        self.listed = list(dossier.procedure_version.documents.all())
        self.held = [r for r in self.listed if r.pk in held]
        for requirement in self.listed:
            self.fields[f"item_{requirement.pk}"] = forms.BooleanField(
                label=requirement.name, required=False
            )
            self.fields[f"reason_{requirement.pk}"] = forms.CharField(
                label=_("Why"), max_length=1000, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        items = []
        for requirement in self.listed:
            if data.get(f"item_{requirement.pk}"):
                reason = data.get(f"reason_{requirement.pk}") or ""
                if not reason:
                    self.add_error(f"reason_{requirement.pk}", _("Say what is missing or wrong."))
                items.append({"requirement": requirement.pk, "reason": reason})
        if not items:
            raise forms.ValidationError(_("Tick at least one listed document."))
        data["items"] = items
        return data

    def rows(self) -> list[tuple[Any, Any, Any]]:
        offered = [r for r in self.listed if r not in self.held]
        return [(r, self[f"item_{r.pk}"], self[f"reason_{r.pk}"]) for r in offered]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"expected_version": data["version"], "items": data["items"], "note": data["note"]}


class AssessFeeForm(VersionForm):
    """How many of each line of the fee schedule apply (0: not this one; none: exempt)."""

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        given = {line["fee"]: line.get("quantity", 1) for line in dossier.fee_lines or []}
        self.schedule = [
            f
            for f in dossier.procedure_version.fees.all()
            if f.amount_vnd is not None or not f.collectable
        ]
        for fee in self.schedule:
            shown = (
                f"{fee.amount_vnd:,} đ".replace(",", ".")
                if fee.collectable
                else _("not verified — an official will confirm it")
            )
            self.fields[f"fee_{fee.pk}"] = forms.IntegerField(
                label=f"{fee.name} ({shown})",
                min_value=0,
                max_value=100,
                initial=given.get(fee.pk, 0),
            )
            if not fee.collectable:
                self.fields[f"amount_{fee.pk}"] = forms.IntegerField(
                    label=_("Confirmed amount (VND) for: %(fee)s") % {"fee": fee.name},
                    min_value=0,
                    max_value=10**12,
                    required=False,
                )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        lines = []
        for fee in self.schedule:
            if not data.get(f"fee_{fee.pk}"):
                continue
            line = {"fee": fee.pk, "quantity": data[f"fee_{fee.pk}"]}
            if data.get(f"amount_{fee.pk}") is not None:
                line["confirmed_amount_vnd"] = data[f"amount_{fee.pk}"]
            lines.append(line)
        return {"expected_version": data["version"], "lines": lines}


class SignResultForm(VersionForm):
    result_file = forms.FileField(
        label=_("The result, as a PDF (only for results drawn up elsewhere)"), required=False
    )
    confirm = forms.BooleanField(
        label=_("I have read the result and sign it with the agency's digital signature."),
        error_messages={"required": _("Confirm that you have read the result before signing.")},
    )

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        kwargs.pop("confirm")
        return kwargs


class ScanForm(VersionForm):
    """Paper documents that came later, scanned at the counter (digitise)."""

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.listed = list(dossier.procedure_version.documents.all())
        for requirement in self.listed:
            self.fields[f"scan_{requirement.pk}"] = forms.FileField(
                label=requirement.name, required=False
            )


class CounterApplicantForm(ApplicantForm):
    """At the counter the officer types (or looks up) who the applicant is."""

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, units=units, verified=False, **kwargs)
