"""The due moments the services store, from the one time module (issue 20 item 1): at receipt,
at a transfer (Decree 118/2025 Art 17(2)(a)), at a pause's end (DOMAIN T6), at a complete
supplement (Art 19(5)), at a re-plan and at a part's acknowledgement (Art 20), on the centre's
calendar as shipped; and no service computes one itself."""

import ast
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.models import TimeUnit
from motcua.dossiers import deadlines
from motcua.dossiers.workflow import Status

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SERVICES = Path(__file__).resolve().parents[2] / "src" / "motcua" / "dossiers" / "services"

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=HANOI)


def limit(value, unit=TimeUnit.WORKING_DAYS):
    return SimpleNamespace(time_limit_value=value, time_limit_unit=unit)


def dossier(received, *, version=None, group=None, clock_started=None, pauses=()):
    """A dossier as the time module reads it; `pauses` are (started, ended or None)."""
    rows = [SimpleNamespace(started_at=a, ended_at=b) for a, b in pauses]
    return SimpleNamespace(
        received_at=received,
        clock_started_at=clock_started,
        procedure_version=version or limit(3),
        group_id=1 if group else None,
        group=group,
        pauses=SimpleNamespace(all=lambda: rows),
    )


# --- at receipt ------------------------------------------------------------------------------


def test_the_due_moment_at_receipt_skips_tet():
    # Friday 13/02/2026 10:00 + 3 working days: Tết off Sat 14/2 to Sun 22/2.
    assert deadlines.due_at_on_receipt(limit(3), at(2026, 2, 13, 10)) == at(2026, 2, 25, 10)
    # same day after 15:00 (Decree 118/2025 Art 18(2)): the next working day's end
    assert deadlines.due_at_on_receipt(limit(0), at(2026, 2, 13, 15, 30)) == at(2026, 2, 23, 17)
    assert deadlines.due_at_on_receipt(limit(None), at(2026, 2, 13, 10)) is None


# --- a pause across a weekend and holidays (DOMAIN T6) ---------------------------------------


def test_a_pause_across_the_may_holidays_and_a_weekend_adds_only_its_working_time():
    # Received Wed 29/04/2026 09:00, 3 working days: Thu 30/4 and Fri 1/5 off, then a weekend;
    # due Wed 06/05 09:00 without a pause.
    received = at(2026, 4, 29, 9)
    plain = dossier(received)
    assert deadlines.due_at_after_resume(plain, deadlines.pauses_since(plain)) == at(2026, 5, 6, 9)
    # Paused Wed 29/04 15:00 to Mon 04/05 10:00: 2 working hours on 29/4, none on the holidays
    # or the weekend, 2 on 4/5; the due moment moves by those 4 hours only.
    paused = dossier(received, pauses=[(at(2026, 4, 29, 15), at(2026, 5, 4, 10))])
    closed = deadlines.pauses_since(paused)
    assert deadlines.paused_seconds(closed) == 4 * 3600
    assert deadlines.due_at_after_resume(paused, closed) == at(2026, 5, 6, 14)  # lunch 12-13


def test_a_pause_still_open_does_not_count_yet():
    d = dossier(at(2026, 4, 29, 9), pauses=[(at(2026, 4, 29, 15), None)])
    assert deadlines.pauses_since(d) == []
    assert deadlines.paused_seconds([]) == 0


def test_a_joint_dossier_resumes_against_its_groups_limit():  # Decree 63/2024
    d = dossier(at(2026, 4, 29, 9), version=limit(3), group=limit(5))
    assert deadlines.due_at_after_resume(d, []) == at(2026, 5, 8, 9)


# --- a transfer restarts the clock at the competent agency (Art 17(2)(a)) ----------------------


def test_a_transfer_restarts_the_whole_limit_at_the_competent_agencys_receipt():
    # Filed at the wrong ward on Mon 20/04/2026 10:00 (2 working days: due Wed 22/04 10:00),
    # paused there Tue 21/04 08:00 to 12:00; sent on, received by the competent agency on
    # Fri 24/04 16:30.
    transferred = at(2026, 4, 24, 16, 30)
    restart = deadlines.restart_on_transfer(limit(2), transferred)
    # The whole limit from that receipt: 0.5 h on Friday, Mon 27/4 off (Hùng Kings), Tue 28/4,
    # and Wed 29/4 until 16:30; the legal due moment restarts alike.
    assert restart == (transferred, at(2026, 4, 29, 16, 30), at(2026, 4, 29, 16, 30))
    assert restart.clock_started_at == transferred
    d = dossier(
        at(2026, 4, 20, 10),
        version=limit(2),
        clock_started=restart.clock_started_at,
        pauses=[
            (at(2026, 4, 21, 8), at(2026, 4, 21, 12)),  # at the wrong ward: not this agency's
            (at(2026, 4, 28, 8), at(2026, 4, 29, 8)),  # at the competent agency: 8 working hours
        ],
    )
    assert deadlines.clock_start(d) == transferred
    closed = deadlines.pauses_since(d)
    assert closed == [(at(2026, 4, 28, 8), at(2026, 4, 29, 8))]
    assert deadlines.paused_seconds(closed) == 8 * 3600
    # a working day later: Wed 29/04 16:30-17:00, Thu 30/4 and Fri 1/5 off, the weekend, then
    # Mon 04/05 until 16:30
    assert deadlines.due_at_after_resume(d, closed) == at(2026, 5, 4, 16, 30)


# --- the legal due moment: a complete supplement, a re-plan (Art 19(5)) -----------------------


def test_a_complete_supplement_restarts_the_legal_limit_and_a_replan_keeps_that_restart():
    supplemented = at(2025, 12, 31, 10)  # New Year 2026: off Thu 1/1 to Sun 4/1
    assert deadlines.legal_due_at_after_supplement(limit(1), supplemented) == at(2026, 1, 5, 10)
    replanned = at(2026, 1, 7, 10)
    assert deadlines.replanned_legal_due_at(limit(1), supplemented, replanned) == at(2026, 1, 5, 10)
    assert deadlines.replanned_legal_due_at(limit(1), None, replanned) == replanned


# --- a joint dossier's part (Art 20, issue 24) -------------------------------------------------


def test_a_part_is_due_at_its_share_of_the_groups_limit_from_its_acknowledgement():
    # The group's 10 working days, a 30 % share: 24 working hours from Fri 13/02/2026 10:00:
    # 6 h that Friday, Tết off to Sun 22/2, 8 h on Mon 23/2 and Tue 24/2, 2 h on Wed 25/2.
    d = dossier(at(2026, 2, 13, 9), version=limit(5), group=limit(10))
    assert deadlines.part_due_at(d, at(2026, 2, 13, 10), 30) == at(2026, 2, 25, 10)
    # a share of under an hour is still a whole working hour
    assert deadlines.part_due_at(d, at(2026, 2, 13, 16, 30), 0) == at(2026, 2, 23, 8, 30)
    assert (
        deadlines.part_due_at(
            dossier(at(2026, 2, 13, 9), version=limit(None)), at(2026, 2, 13, 10), 30
        )
        is None
    )


# --- waiting for a supplement too long (DOMAIN I6) ---------------------------------------------


def test_a_dossier_waiting_for_documents_closes_fifteen_days_after_the_request():
    asked = at(2026, 4, 29, 15)
    assert deadlines.supplement_closes_at(asked) == at(2026, 5, 14, 15)
    q = dict(deadlines.unsupplemented_q(at(2026, 5, 14, 15, 1)).children)
    assert q["status"] == Status.WAITING_SUPPLEMENT
    assert q["pauses__started_at__lt"] == at(2026, 5, 14, 15, 1) - timedelta(days=15)


# --- no service computes a due moment ----------------------------------------------------------

WATCHED = {"due_at", "legal_due_at", "paused_seconds", "clock_started_at"}
# calls that write model fields from keywords (constructors are checked too)
WRITERS = {"create", "update", "get_or_create", "update_or_create"}


def _assignments(tree):
    """Every (target, value) pair of the module, tuple assignments paired element-wise."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from _pairs(target, node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            yield node.target, node.value
        elif isinstance(node, ast.AugAssign):
            yield node.target, node  # "+=": always arithmetic
        elif isinstance(node, ast.NamedExpr):
            yield node.target, node.value


def _pairs(target, value):
    if isinstance(target, ast.Tuple | ast.List):
        if isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(target.elts):
            for t, v in zip(target.elts, value.elts, strict=True):
                yield from _pairs(t, v)
        else:
            for t in target.elts:
                yield from _pairs(t, value)
    else:
        yield target, value


def _writes(tree):
    """The due moments the module stores: `x.due_at = ...` and `Model(due_at=...)`-style calls."""
    for target, value in _assignments(tree):
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in WATCHED:
            yield value
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        writer = (isinstance(func, ast.Attribute) and func.attr in WRITERS) or (
            isinstance(func, ast.Name) and func.id[:1].isupper()
        )
        if writer:
            yield from (k.value for k in node.keywords if k.arg in WATCHED)


def _computed_by_deadlines(node, names, seen=frozenset()):
    """Whether a stored value comes from the time module: a call of `deadlines.<fn>`, None, a
    copy of another stored moment, a parameter (a date the caller gives, e.g. the apology's),
    or a local name every assignment of which is one of those."""
    if isinstance(node, ast.Call):
        func = node.func
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "deadlines"
        )
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.Attribute):
        return node.attr in WATCHED
    if isinstance(node, ast.IfExp):
        return all(_computed_by_deadlines(n, names, seen) for n in (node.body, node.orelse))
    if isinstance(node, ast.BoolOp):
        return all(_computed_by_deadlines(n, names, seen) for n in node.values)
    if isinstance(node, ast.Name):
        if node.id in seen:
            return True
        return all(
            _computed_by_deadlines(v, names, seen | {node.id}) for v in names.get(node.id, [])
        )
    return False


def _offending(source):
    tree = ast.parse(source)
    names = {}
    for target, value in _assignments(tree):
        if isinstance(target, ast.Name):
            names.setdefault(target.id, []).append(value)
    writes = list(_writes(tree))
    bad = sorted(v.lineno for v in writes if not _computed_by_deadlines(v, names))
    return writes, bad


def test_the_check_sees_arithmetic_and_passes_the_time_modules_results():
    _, bad = _offending(
        "def f(d, now, given):\n"
        "    d.due_at = now + timedelta(days=5)\n"
        "    due = calendar().due_at(now, 1, 'working_days')\n"
        "    Dossier.objects.create(due_at=due, legal_due_at=deadlines.due_at_on_receipt(v, now))\n"
        "    d.paused_seconds += 60\n"
        "    d.clock_started_at, d.due_at, d.legal_due_at = deadlines.restart_on_transfer(v, now)\n"
        "    d.apologized_at, d.due_at = now, given\n"
        "    t = deadlines.part_due_at(d, now, 30)\n"
        "    part.due_at = t if t else None\n"
        "    d.legal_due_at = d.due_at\n"
    )
    assert bad == [2, 4, 5]


def test_no_service_computes_a_due_moment():  # issue 20 item 1
    found, offending = 0, []
    for path in sorted(SERVICES.glob("*.py")):
        writes, bad = _offending(path.read_text())
        found += len(writes)
        offending += [f"{path.name}:{line}" for line in bad]
    assert offending == []
    assert found >= 10  # receipt, transfer, resume, supplement, re-plan, steps, parts, apology
