"""The rows an intake is routed by are kept per process (dossiers.routing, core.kept): an edit
made through `save` or `delete` is seen at the next intake here, and by the other processes
through the version stamp in the shared cache."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from motcua.catalog import services as catalog
from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.dossiers import routing
from motcua.dossiers.models import Dossier
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint
from tests.builders.dossiers import BIRTH, WARD_A, WARD_B, birth_payload, client_for, committee

pytestmark = [pytest.mark.kept_values, pytest.mark.django_db]


def another_process_changed() -> None:
    """What another process's committed change leaves: a new stamp (its rows written here
    without signals, as that process's writes are not seen by this one's receivers)."""
    caches["shared"].set(routing._LOOKUPS.key, "moved by another process", timeout=None)


def intake(user, **kwargs):
    return client_for(user).post("/api/v1/dossiers/", birth_payload(user, **kwargs), format="json")


def refused_field(response) -> list[str]:
    assert response.status_code == 400, response.content
    return list(response.json()["error"]["fields"])


def test_a_renamed_service_point_is_seen_at_the_next_intake(ward_a):
    assert intake(ward_a.receiving).status_code == 201
    point = ServicePoint.objects.get(code=f"MC-{WARD_A}")

    point.code = "MC-MOI"
    point.save()

    assert refused_field(intake(ward_a.receiving)) == ["receiving_point"]
    assert intake(ward_a.receiving, point="MC-MOI").status_code == 201


def test_a_unit_that_is_no_longer_a_ward_is_seen_at_the_next_intake(ward_a):
    assert intake(ward_a.receiving).status_code == 201
    unit = AdministrativeUnit.objects.get(code=WARD_B)

    unit.level = "province"
    unit.save()

    assert refused_field(intake(ward_a.receiving)) == ["competent_unit"]


def test_the_unit_s_agency_edited_or_removed_is_seen_at_the_next_intake(ward_a):
    assert intake(ward_a.receiving).json()["handling_agency"] == committee(WARD_B).code
    agency = committee(WARD_B)

    agency.code = "H26.50.MOI"
    agency.save()
    assert intake(ward_a.receiving).json()["code"].startswith("H26.50.MOI-")
    agency.role = "retired_committee"
    agency.save()

    assert refused_field(intake(ward_a.receiving)) == ["competent_unit"]


def test_a_new_publication_and_a_retirement_are_seen_at_the_next_intake(ward_a, admin_user):
    first = intake(ward_a.receiving).json()["procedure"]["version"]
    old = ProcedureVersion.objects.get(procedure__code=BIRTH, status=VersionStatus.PUBLISHED)
    assert first == old.number

    draft = catalog.create_draft(old, actor=admin_user)
    catalog.publish_version(draft, actor=admin_user)
    second = intake(ward_a.receiving)
    body = birth_payload(ward_a.receiving)  # the documents of the version published now
    draft.status = VersionStatus.RETIRED  # no version of the procedure is published now
    draft.save()
    third = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")

    assert second.json()["procedure"]["version"] == draft.number
    assert Dossier.objects.get(code=second.json()["code"]).procedure_version_id == draft.pk
    assert refused_field(third) == ["procedure"]


def test_another_process_s_change_is_seen_through_the_stamp(ward_a):
    before = committee(WARD_B).code
    assert intake(ward_a.receiving).status_code == 201

    Agency.objects.filter(code=before).update(code="H26.50.KHAC")
    kept = intake(ward_a.receiving).json()["code"]
    another_process_changed()
    seen = intake(ward_a.receiving).json()["code"]

    assert kept.startswith(f"{before}-")  # kept: no stamp moved
    assert seen.startswith("H26.50.KHAC-")


def test_the_rows_given_are_copies_and_the_look_ups_read_only_the_stamp(
    ward_a, django_assert_num_queries
):
    unit = routing.lookups().commune(WARD_B)
    point = routing.lookups().point(f"MC-{WARD_A}")
    agency = routing.lookups().agency(unit, "commune_committee")
    routing.lookups().published_version_pk(BIRTH)
    unit.name, point.code, point.unit.name, agency.code = "changed", "changed", "changed", "x"

    with django_assert_num_queries(1):  # the stamp only
        lookups = routing.lookups()
        again = (lookups.commune(WARD_B), lookups.point(f"MC-{WARD_A}"))
        agency_again = lookups.agency(again[0], "commune_committee")
        published = lookups.published_version_pk(BIRTH)

    assert again[0].name == AdministrativeUnit.objects.get(code=WARD_B).name
    assert again[1].code == f"MC-{WARD_A}"
    assert again[1].unit.name == AdministrativeUnit.objects.get(code=WARD_A).name
    assert agency_again.code == committee(WARD_B).code
    assert published == ProcedureVersion.objects.get(procedure__code=BIRTH, status="published").pk


def test_an_intake_reads_the_kept_values_stamps_once(ward_a):
    intake(ward_a.receiving)  # the values loaded
    body = birth_payload(ward_a.receiving)

    with CaptureQueriesContext(connection) as filing:
        response = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")

    assert response.status_code == 201
    stamps = [q for q in filing.captured_queries if "motcua_shared_cache" in q["sql"]]
    assert len(stamps) == 1  # routing, fee rules and subscribers: one key read
