from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.test import Client

import pytest

from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier, Event
from tests.builders.dossiers import ID_NUMBER, WARD_A, act, client_for, file_dossier


def test_a_missing_event_breaks_the_chain_at_the_gap(ward_a, ward_b):
    dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
    act(ward_b.approver, dossier, "reject", reason="Không đủ điều kiện")
    row = Dossier.objects.get(code=dossier["code"])

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute("DELETE FROM dossiers_event WHERE dossier_id = %s AND seq = 2", [row.pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")

    assert verify_chain(row).first_bad_seq == 3


@pytest.mark.skipif(
    "postgresql" not in connection.settings_dict["ENGINE"],
    reason="the append-only trigger is PostgreSQL's",
)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE dossiers_event SET actor = 'someone else'",
        "DELETE FROM dossiers_event",
    ],
)
def test_postgresql_refuses_to_change_or_delete_events(ward_a, statement):
    file_dossier(ward_a.receiving)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert Event.objects.count() == 1


def test_a_citizens_id_number_in_the_event_log_is_shown_whole_only_to_who_handles_it(
    ward_a, ward_b, coordinator
):
    citizen = get_user_model().objects.create_user(f"cd-{ID_NUMBER}")  # a VNeID account's name
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")  # handled by ward B
    events = f"/api/v1/dossiers/{dossier['code']}/events/"
    browser = Client()
    browser.force_login(coordinator)

    seen = {
        who: client_for(user).get(events).json()["results"][0]["actor"]
        for who, user in [
            ("applicant", citizen),
            ("handling", ward_b.handling),
            ("receiving point", ward_a.receiving),
            ("centre", coordinator),
        ]
    }
    page = browser.get(f"/workspace/dossiers/{dossier['code']}/").content.decode()
    chain = client_for(coordinator).get(f"{events}verify/").json()

    assert seen == {
        "applicant": f"cd-{ID_NUMBER}",
        "handling": f"cd-{ID_NUMBER}",
        "receiving point": "cd-********2345",
        "centre": "cd-********2345",
    }
    assert ID_NUMBER not in page
    assert chain == {"valid": True, "first_bad_seq": None}  # masked when shown, not when stored
    assert Event.objects.get(dossier__code=dossier["code"], seq=1).actor == f"cd-{ID_NUMBER}"
