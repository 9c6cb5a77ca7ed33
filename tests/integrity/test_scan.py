"""The nightly rescan: it finds the planted brokers of a simulated month and none of the
helpers or lawful representatives; it flags officials who ask beyond the list and dossiers
with too many rounds; it runs once a night however many workers call it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.demo import rehearsal, simulation
from motcua.integrity import services
from motcua.integrity.models import Flag, FlagKind, FlagStatus, KeyKind, ScanRun
from tests.builders.dossiers import act, file_dossier
from tests.builders.integrity import file_many, held_people

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_simulated_month_is_the_same_for_the_same_seed():
    end = datetime(2026, 11, 30, 12, tzinfo=HANOI)

    first = simulation.generate(7, dossiers=3000, units=[1, 2, 3, 4, 5, 6], end=end)
    again = simulation.generate(7, dossiers=3000, units=[1, 2, 3, 4, 5, 6], end=end)
    other = simulation.generate(8, dossiers=3000, units=[1, 2, 3, 4, 5, 6], end=end)

    assert first.filings == again.filings
    assert first.filings != other.filings
    assert {a.role for a in first.actors} == {
        "broker",
        "helper",
        "lawyer",
        "business",
        "neighbour",
        "honest",
    }


def test_the_scan_finds_the_planted_brokers_and_no_helper(db):
    report = rehearsal.rehearse(3, dossiers=4000)

    assert report.brokers == 5
    assert report.recall >= 0.8
    assert report.precision >= 0.9
    assert report.helpers_flagged == 0
    assert report.representatives_flagged == 0
    with pytest.raises(rehearsal.AlreadySimulated):
        rehearsal.rehearse(3, dossiers=100)


def test_an_official_asking_twice_beyond_the_list_is_flagged(ward_a, ward_b, inspector):
    for _ in range(2):
        dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
        refused = act(
            ward_b.handling,
            dossier,
            "request-supplement",
            items=[{"requirement": 999999, "reason": "Sổ hộ khẩu"}],
        )
        assert refused.status_code == 422

    services.scan()

    flag = Flag.objects.get(kind=FlagKind.EXTRA_DOCUMENTS)
    assert (flag.key_kind, flag.label, flag.score) == (KeyKind.OFFICIAL, "cb00008", 60)
    assert flag.reasons[0]["code"] == "extra_requests"
    assert flag.agency.unit.code == "00008"
    assert len(flag.evidence["events"]) == 2


def test_a_dossier_with_more_rounds_than_the_rule_is_flagged(ward_a, ward_b, settings):
    settings.MOTCUA_INTEGRITY_MAX_SUPPLEMENT_ROUNDS = 0
    dossier = act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()
    first = dossier["documents"][0]["id"]
    act(ward_b.handling, dossier, "request-supplement", items=[{"document": first, "reason": "Mờ"}])

    services.scan()

    flag = Flag.objects.get(kind=FlagKind.EXTRA_DOCUMENTS, key_kind=KeyKind.DOSSIER)
    assert flag.key_value == dossier["code"]
    assert flag.reasons[0]["params"] == {"rounds": 1, "limit": 0}


def test_a_dismissed_flag_stays_dismissed_until_the_score_rises_markedly(broker, inspector):
    people = held_people(14)
    at = datetime(2026, 11, 20, 10, tzinfo=HANOI)
    with time_machine.travel(at + timedelta(days=1)):
        file_many(broker, people[:7], at=at)
        flag = Flag.objects.get(key_kind=KeyKind.ACCOUNT)
        with pytest.raises(DomainError):
            services.dismiss_flag(flag.pk, actor=inspector, reason="  ")
        services.dismiss_flag(flag.pk, actor=inspector, reason="Người nhà, đã xác minh")
        services.scan()
        assert Flag.objects.get(pk=flag.pk).status == FlagStatus.DISMISSED

        file_many(broker, people[7:14], at=at + timedelta(hours=14))  # 7 more, at night
        services.scan()

    assert Flag.objects.get(pk=flag.pk).status == FlagStatus.OPEN


def test_the_nightly_scan_runs_once_a_night_from_its_hour(db, settings):
    settings.MOTCUA_INTEGRITY_SCAN_HOUR = 1
    night = datetime(2026, 11, 25, 0, 30, tzinfo=HANOI)

    with clock.frozen(night):
        too_early = services.run_nightly_scan()
    with clock.frozen(night + timedelta(hours=1)):
        first = services.run_nightly_scan()
        second = services.run_nightly_scan()
    with clock.frozen(night + timedelta(days=1, hours=1)):
        next_night = services.run_nightly_scan()

    assert too_early is None
    assert second is None
    assert first.finished_at is not None
    assert next_night.finished_at is not None
    assert list(ScanRun.objects.values_list("night", flat=True).order_by("night")) == [
        night.date(),
        night.date() + timedelta(days=1),
    ]
