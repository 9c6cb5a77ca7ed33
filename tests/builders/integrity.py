"""Filers' dossiers for the integrity tests, filed through the real intake."""

from datetime import datetime
from typing import Any

from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.dossiers import services as dossiers
from motcua.identity.connectors import sandbox_registry
from tests.builders.dossiers import BIRTH, BIRTH_FORM, WARD_A, WARD_B, WARD_C, upload

WARDS = (WARD_A, WARD_B, WARD_C)


def held_people(count: int) -> list[sandbox_registry.Person]:
    """People every national source the birth registration uses holds (sandbox)."""
    version = ProcedureVersion.objects.get(procedure__code=BIRTH, status="published")
    sources = {d.replaceable_by for d in version.documents.all() if d.required and d.replaceable_by}
    people = [
        p
        for p in sandbox_registry.people().values()
        if all(sandbox_registry.facts(s, p) for s in sources)
    ]
    return people[:count]


def birth_for(
    filer, person, *, unit: str = WARD_B, phone: str = "", channel: str = "online", **extra: Any
) -> dict[str, Any]:
    version = ProcedureVersion.objects.get(procedure__code=BIRTH, status="published")
    file_id = upload(filer)
    return {
        "procedure": BIRTH,
        "channel": channel,
        "receiving_point": f"MC-{unit}",
        "competent_unit": unit,
        "applicant": {
            "id_number": person.id_number,
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth,
            "phone": phone,
        },
        "documents": [
            {"requirement": d.pk, "from_data": True}
            if d.replaceable_by
            else {"requirement": d.pk, "file": file_id}
            for d in version.documents.all()
            if d.required
        ],
        "delivery": {"method": "online"},
        "form": BIRTH_FORM,
        **extra,
    }


def file_many(filer, people, *, at: datetime | None = None, phone: str = "", **extra: Any) -> list:
    """File one birth registration per person, spread over the three wards."""
    made = []
    for index, person in enumerate(people):
        data = birth_for(filer, person, unit=WARDS[index % 3], phone=phone, **extra)
        if at is not None:
            with clock.frozen(at):
                made.append(dossiers.receive_dossier(data, actor=filer)[0])
        else:
            made.append(dossiers.receive_dossier(data, actor=filer)[0])
    return made
