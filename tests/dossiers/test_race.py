"""Two officials at once: exactly one wins (PostgreSQL, real concurrent transactions)."""

import threading

from django.db import connection

import pytest

from motcua.catalog import packaged
from motcua.catalog.joint import load_joint_groups
from motcua.catalog.services import import_catalog
from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Event
from motcua.geography.services import load_reference_data
from tests.builders.dossiers import WARD_A, WARD_B, birth_payload, make_ward

pytestmark = pytest.mark.skipif(
    "postgresql" not in connection.settings_dict["ENGINE"],
    reason="concurrent writers are a PostgreSQL test",
)


@pytest.fixture
def committed_world(transactional_db):
    """Reference data and catalog committed for real, so other connections see them."""
    load_reference_data("01")
    import_catalog(packaged.packaged_records())
    load_joint_groups()
    return make_ward(WARD_A), make_ward(WARD_B)


def test_twenty_concurrent_accepts_exactly_one_succeeds(committed_world):
    ward_a, ward_b = committed_world
    dossier, _created = services.receive_dossier(
        _as_service_input(birth_payload(ward_a.receiving)), actor=ward_a.receiving
    )
    start = threading.Barrier(20)
    outcomes: list[str] = []

    def accept() -> None:
        try:
            start.wait()
            services.accept(dossier, actor=ward_b.handling, expected_version=1)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == 1
    assert len(outcomes) == 20
    assert set(outcomes) - {"ok"} <= {"stale_version", "transition_not_allowed"}
    assert Event.objects.filter(dossier=dossier, action="accept").count() == 1
    assert Dossier.objects.get(pk=dossier.pk).version == 2


def _as_service_input(body):
    """Parse the API body as the API view would."""
    from motcua.dossiers.serializers import DossierIn, parse

    return parse(DossierIn, body)


def test_concurrent_intakes_at_one_agency_get_consecutive_codes(committed_world):
    """The day sequence is bumped under its row lock: ten counters filing at once for the same
    agency get ten different codes, numbered 1 to 10, and nobody is refused."""
    ward_a, _ward_b = committed_world
    start = threading.Barrier(10)
    codes: list[str] = []
    failures: list[BaseException] = []

    def receive() -> None:
        try:
            start.wait()
            dossier, _created = services.receive_dossier(
                _as_service_input(birth_payload(ward_a.receiving)), actor=ward_a.receiving
            )
            codes.append(dossier.code)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=receive) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(set(codes)) == 10
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 11))
