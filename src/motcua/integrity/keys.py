"""Submitter identities of a dossier: the account that filed online, the submitter's ID number,
the contact phone and email (the submitter's, else the applicant's), the device an online dossier
was filed from. One normalisation, written twice: in Python for the intake, as SQL expressions
for the nightly scan."""

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, Q, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower, NullIf, Replace

from motcua.core.logs import mask
from motcua.integrity.models import KeyKind

_PHONE_NOISE = re.compile(r"[ .\-]")


@dataclass(frozen=True)
class Key:
    kind: str
    value: str
    username: str = ""

    @property
    def label(self) -> str:
        """How officials see it: masked, computed only when a flag is raised."""
        return label(self.kind, self.value, self.username)


def phone(value: Any) -> str:
    return _PHONE_NOISE.sub("", str(value or ""))


def email(value: Any) -> str:
    return str(value or "").strip().lower()


def applicant_digest(id_number: str) -> str:
    """A short digest of an applicant's ID number, enough to count distinct applicants."""
    return hashlib.sha256(id_number.encode()).hexdigest()[:12]


def _contact(submitter: dict[str, Any], applicant: dict[str, Any], field: str) -> str:
    return str(submitter.get(field) or "") or str(applicant.get(field) or "")


def dossier_keys(
    *,
    channel: str,
    owner_id: int,
    username: str,
    applicant: dict[str, Any],
    submitter: Any,
    device: str = "",
) -> list[Key]:
    """Return the submitter identities of a dossier being received."""
    submitter = submitter if isinstance(submitter, dict) else {}
    keys = []
    if channel == "online":
        keys.append(Key(KeyKind.ACCOUNT, str(owner_id), username))
    if device:
        keys.append(Key(KeyKind.DEVICE, device))
    person = str(submitter.get("id_number") or "")
    if person and person != applicant.get("id_number"):
        keys.append(Key(KeyKind.PERSON, person))
    if number := phone(_contact(submitter, applicant, "phone")):
        keys.append(Key(KeyKind.PHONE, number))
    if address := email(_contact(submitter, applicant, "email")):
        keys.append(Key(KeyKind.EMAIL, address))
    return keys


def label(kind: str, value: str, username: str = "") -> str:
    """How an identity is shown to officials: accounts by name, personal data masked."""
    if kind == KeyKind.ACCOUNT:
        return username or value
    if kind == KeyKind.BANK:
        return f"{value[:4]}****{value[-3:]}" if len(value) > 7 else "****"
    if kind == KeyKind.DEVICE:
        return f"#{value[:8]}"  # already a digest: its head tells one device from another
    return mask(value)


TEXT = TextField()


def _blank_to_null(expression: Func | F) -> Func:
    return NullIf(expression, Value("", output_field=TEXT), output_field=TEXT)


def _json(field: str, key: str) -> Func:
    return _blank_to_null(KeyTextTransform(key, field))


def sql_keys() -> dict[str, tuple[Func | F, Q]]:
    """Return, per identity kind, the expression on Dossier rows and the rows it applies to."""
    raw_phone = Coalesce(
        _json("submitter", "phone"), _json("applicant", "phone"), output_field=TEXT
    )
    clean_phone = raw_phone
    for noise in (" ", ".", "-"):
        clean_phone = Replace(clean_phone, Value(noise, output_field=TEXT), output_field=TEXT)
    raw_email = Coalesce(
        _json("submitter", "email"), _json("applicant", "email"), output_field=TEXT
    )
    return {
        KeyKind.ACCOUNT: (F("owner_id"), Q(channel="online")),
        KeyKind.PERSON: (_json("submitter", "id_number"), Q(submitter__isnull=False)),
        KeyKind.PHONE: (_blank_to_null(clean_phone), Q()),
        KeyKind.EMAIL: (_blank_to_null(Lower(raw_email)), Q()),
        KeyKind.DEVICE: (F("device"), Q(channel="online") & ~Q(device="")),
    }
