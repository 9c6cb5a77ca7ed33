"""The sandbox's seeded records: a few thousand synthetic people the national sources hold."""

from django.test import override_settings

import pytest

from motcua.identity.connectors import sandbox_registry
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.connectors.sandbox import SandboxNationalData
from motcua.identity.idnumbers import id_number_problem


def test_a_few_thousand_people_each_with_a_number_that_agrees_with_them():
    people = sandbox_registry.people()

    assert len(people) == sandbox_registry.SIZE == 3000
    assert all(
        id_number_problem(p.id_number, born_on=p.date_of_birth, sex=p.sex) is None
        for p in people.values()
    )
    assert [p.full_name for p in list(people.values())[:5]] == [
        name for _number, name, _born, _sex in sandbox_registry.DEMO_CITIZENS
    ]


def test_the_population_database_answers_identity_and_residence():
    an = SandboxNationalData().lookup("population_db", id_number="001090012345")

    assert an.found
    assert an.facts["full_name"] == "Nguyễn Văn An"
    assert an.facts["date_of_birth"] == "1990-05-01"
    assert an.facts["sex"] == "male"
    assert an.facts["residence"].endswith("thành phố Hà Nội")


def test_a_number_it_does_not_hold_and_a_source_with_nothing_are_not_found():
    sandbox = SandboxNationalData()
    people = sandbox_registry.people().values()
    landless = next(p for p in people if not p.parcels)
    owner = next(p for p in people if p.parcels)

    assert not sandbox.lookup("population_db", id_number=sandbox_registry.UNKNOWN_TO_SANDBOX).found
    assert not sandbox.lookup("land_db", id_number=landless.id_number).found
    assert sandbox.lookup("land_db", id_number=owner.id_number).facts["parcels"][0]["area_m2"] > 0


def test_marriages_are_recorded_on_both_spouses():
    married = next(p for p in sandbox_registry.people().values() if p.spouse)

    mine = SandboxNationalData().lookup("civil_status_db", id_number=married.id_number).facts
    theirs = SandboxNationalData().lookup("civil_status_db", id_number=married.spouse).facts

    assert mine["marital_status"] == theirs["marital_status"] == "married"
    assert theirs["spouse_id_number"] == married.id_number


@override_settings(MOTCUA_SANDBOX_DATA_DOWN=True)
def test_down_means_a_timeout_not_an_answer():
    with pytest.raises(SourceUnavailable):
        SandboxNationalData().lookup("population_db", id_number="001090012345")
