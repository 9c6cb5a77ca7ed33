"""The sweep on several worker nodes at once: a dossier is flagged overdue, or closed, once."""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.services import flag_overdue, sweep
from motcua.dossiers.services.errors import AlreadyDone
from motcua.dossiers.services.processing import close_unsupplemented
from motcua.dossiers.services.sweep import _each
from motcua.dossiers.workflow import TransitionRefused
from tests.builders.dossiers import file_dossier


def _overdue(user) -> Dossier:
    code = file_dossier(user)["code"]
    Dossier.objects.filter(code=code).update(due_at=clock.now() - timedelta(hours=1))
    return Dossier.objects.get(code=code)


def test_a_dossier_another_node_flagged_meanwhile_is_not_flagged_again(ward_a, ward_b):
    read_by_this_node = _overdue(ward_a.receiving)
    flag_overdue(Dossier.objects.get(pk=read_by_this_node.pk))  # the other node, first

    with pytest.raises(AlreadyDone):
        flag_overdue(read_by_this_node)
    skipped = _each([read_by_this_node], flag_overdue)

    assert skipped == 0
    assert sweep().flagged == 0
    events = Event.objects.filter(dossier=read_by_this_node, action="flag-overdue")
    assert events.count() == 1


def test_a_sweep_counts_only_what_it_changed_and_goes_on_past_the_rest(ward_a, ward_b):
    done_elsewhere = _overdue(ward_a.receiving)
    flag_overdue(Dossier.objects.get(pk=done_elsewhere.pk))
    still_late = _overdue(ward_a.receiving)

    flagged = _each([done_elsewhere, still_late], flag_overdue)

    assert flagged == 1
    assert Dossier.objects.get(pk=still_late.pk).overdue_flagged_at is not None


def test_closing_a_dossier_that_is_not_waiting_is_refused_and_skipped(ward_a, ward_b):
    received = _overdue(ward_a.receiving)

    with pytest.raises(TransitionRefused):
        close_unsupplemented(received)
    assert _each([received], close_unsupplemented) == 0
    assert Dossier.objects.get(pk=received.pk).status == "received"
