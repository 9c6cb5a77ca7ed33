from django.db import DatabaseError, connection, transaction

import pytest

from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier, Event
from tests.dossiers.conftest import act, file_dossier


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
