"""The citizen portal's forms: search, the filing steps, supplementation and the rating.

Forms check what a person typed; the rules of a dossier are the services' (intake, processing)
and their refusals are shown on the same page.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Level, OnlineLevel
from motcua.catalog.result_papers import ResultField
from motcua.core.text import BIDI_MESSAGE, PHONE, PHONE_MESSAGE, clean_text
from motcua.documents.sniffing import _OFFICE_BY_SUFFIX

# What the upload check accepts (documents.sniffing): PDF, JPEG and PNG by their bytes, and the
# office documents by name; the file picker offers the same and the label names the same.
ACCEPTED_UPLOADS = ",".join(
    ["application/pdf", ".pdf", "image/jpeg", ".jpg", ".jpeg", "image/png", ".png"]
    + sorted(_OFFICE_BY_SUFFIX)
)


class PageForm(forms.Form):
    """A form of the pages: labels without Django's trailing colon; every text NFC and without
    text-direction controls (core/text.clean_text, as the API's parser does)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def _clean_fields(self) -> None:
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                try:
                    self.cleaned_data[name] = clean_text(value)
                except ValueError:
                    self.add_error(name, BIDI_MESSAGE)


class SearchForm(PageForm):
    q = forms.CharField(label=_("What do you need to do?"), max_length=100, required=False)
    field = forms.SlugField(label=_("Field"), max_length=100, required=False)
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("Any level")), *Level.choices], required=False
    )
    online = forms.ChoiceField(
        label=_("Online"), choices=[("", _("Online or not")), *OnlineLevel.choices], required=False
    )
    event = forms.SlugField(max_length=40, required=False)
    who = forms.ChoiceField(
        choices=[("", ""), ("business", _("Businesses and organisations"))], required=False
    )


# A long list with a search box above it (motcua/choose.js).
FILTERED_LIST = {
    "data-filter-label": _("Search the list by name"),
    "data-filter-count": _("{n} found"),
}


class ApplicantForm(PageForm):
    """Who files: prefilled from the sign-in and the population database."""

    id_number = forms.RegexField(
        label=_("Personal identification number"),
        regex=r"^\d{12}$",
        error_messages={"invalid": _("Enter the 12 digits of the ID number.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("male", _("Male")), ("female", _("Female"))], required=False
    )
    phone = forms.RegexField(
        label=_("Phone"),
        regex=PHONE,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"invalid": PHONE_MESSAGE},
    )
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    address = forms.CharField(
        label=_("Address"), max_length=500, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    competent_unit = forms.ChoiceField(label=_("Ward or commune that resolves it"), choices=[])
    acting_for = forms.ChoiceField(
        label=_("Filing for"),
        choices=[],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The organisations your VNeID account represents or is authorised for."),
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[str, str]],
        verified: bool,
        organisations: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations:  # a person who acts for organisations chooses for whom they file
            self.fields["acting_for"].choices = [("", _("Myself")), *organisations]
        else:
            del self.fields["acting_for"]
        if units:
            self.fields["competent_unit"].choices = [("", _("Choose…")), *units]
            self.fields["competent_unit"].widget.attrs.update(FILTERED_LIST)
        else:
            del self.fields["competent_unit"]  # a city-level procedure: the city resolves it
        if verified:  # what VNeID verified is not typed again, nor changed
            for name in ("id_number", "full_name", "date_of_birth", "sex"):
                self.fields[name].disabled = True


# The procedure's own questions, keyed by the result template's form fields.
QUESTION_LABELS = {
    "company_name": _("Company name"),
    "head_office": _("Head-office address of the company"),
    "charter_capital": _("Charter capital (VND)"),
    "child_full_name": _("Child's full name"),
    "child_date_of_birth": _("Child's date of birth"),
    "child_sex": _("Child's sex"),
    "child_id_number": _("Child's personal ID number (if already assigned)"),
    "place_of_birth": _("Place of birth"),
    "ethnicity": _("Ethnicity"),
    "nationality": _("Nationality"),
    "mother_full_name": _("Mother's full name"),
    "father_full_name": _("Father's full name"),
    "marital_status": _("Marital status"),
    "purpose": _("What the certificate is for"),
    "permanent_address": _("Permanent residence"),
    "current_address": _("Current residence"),
    "content": _("What to confirm"),
    "spouse_full_name": _("The other spouse's full name"),
    "spouse_date_of_birth": _("The other spouse's date of birth"),
    "spouse_id_number": _("The other spouse's personal ID number"),
    "copy_of": _("Which paper you need copies of"),
    "copies": _("Number of copies"),
}
QUESTION_HINTS = {
    "spouse_id_number": _("12 digits: the registry checks both spouses' marital status with it."),
    "copies": _("The fee is charged per copy."),
}
SEX_VI = [("Nam", _("Male")), ("Nữ", _("Female"))]  # as the Vietnamese result states it


class DetailsForm(PageForm):
    """The questions the procedure's result is drawn up from (e.g. the child's name)."""

    def __init__(self, *args: Any, questions: list[ResultField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            key = question.source.split(".", 1)[1]
            label = QUESTION_LABELS.get(key, question.label)
            common = {
                "label": label,
                "required": question.required,
                "help_text": QUESTION_HINTS.get(key, ""),
            }
            if key == "copies":
                field: forms.Field = forms.IntegerField(
                    min_value=1, max_value=20, initial=question.default or 1, **common
                )
            elif key.endswith("_id_number") and question.required:
                field = forms.RegexField(
                    regex=r"^\d{12}$",
                    error_messages={"invalid": _("Enter the 12 digits of the ID number.")},
                    widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                    **common,
                )
            elif key.endswith("date_of_birth"):
                field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
            elif key.endswith("_sex"):
                field = forms.ChoiceField(choices=[("", _("Choose…")), *SEX_VI], **common)
            else:
                field = forms.CharField(max_length=300, initial=question.default, **common)
            self.fields[key] = field

    def answers(self) -> dict[str, str]:
        return {
            key: value.isoformat() if hasattr(value, "isoformat") else str(value)
            for key, value in self.cleaned_data.items()
            if value
        }


class DeliveryForm(PageForm):
    method = forms.ChoiceField(
        label=_("Where do you want to receive the result?"),
        choices=[
            ("online", _("Online: download it here, digitally signed")),
            ("postal", _("The paper result by post, to my address")),
            ("counter", _("At a service point of my choice")),
        ],
        widget=forms.RadioSelect,
        initial="online",
    )
    address = forms.CharField(label=_("Address for the post"), max_length=500, required=False)
    point = forms.ChoiceField(label=_("Service point"), choices=[], required=False)

    def __init__(
        self, *args: Any, points: list[tuple[str, str]], counter: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].choices = [("", _("Choose…")), *points]
        if not counter:  # paper results go by post (catalog.results): no counter to offer
            method = self.fields["method"]
            method.choices = [c for c in method.choices if c[0] != "counter"]
            del self.fields["point"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == "counter" and not data.get("point"):
            self.add_error("point", _("Choose the service point where you will collect it."))
        if data.get("method") == "postal" and not (data.get("address") or "").strip():
            self.add_error("address", _("Give the address the post delivers the result to."))
        return data


# Each score in words (the National Public Service Portal's satisfaction scale).
SCORE_WORDS = {
    5: _("Very satisfied"),
    4: _("Satisfied"),
    3: _("Neither satisfied nor dissatisfied"),
    2: _("Dissatisfied"),
    1: _("Very dissatisfied"),
}


class EvaluateForm(PageForm):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the service?"),
        choices=[(n, format_lazy("{} – {}", n, SCORE_WORDS[n])) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), max_length=2000, required=False, widget=forms.Textarea
    )


def positive_id(value: str) -> int | None:
    """Return a posted id (an upload's, a wallet item's), or None when absent or not a number."""
    if not value or not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


def check_upload_choice(value: Any) -> None:
    if value and positive_id(str(value)) is None:
        raise ValidationError(_("Not an upload."))
