"""One registry of the actions on a dossier (issue 20, item 3): `work.allowed_actions`, the API's
action view and the workspace's dossier page read `actions.REGISTRY` only, and each action's
precondition (`preconditions`) is the one statement of its rule: the supplement rule included."""

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from django.test import Client

import pytest

from motcua.core import clock
from motcua.dossiers import actions, preconditions, selectors, work
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import TRANSITIONS, Status
from motcua.workspace.forms import VersionForm
from motcua.workspace.views.dossier import form_of
from tests.builders.dossiers import act, client_for, file_dossier, upload

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
DOSSIER_ACTIONS = [s.action.value for s in actions.DOSSIER_ACTIONS]


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _accepted(ward_a, ward_b) -> dict:
    return act(ward_b.handling, file_dossier(ward_a.receiving), "accept").json()


def _row(dossier: dict) -> Dossier:
    return selectors.dossier_detail(Dossier.objects.get(code=dossier["code"]))


def _edge_allows(user, row: Dossier, spec: actions.ActionSpec) -> bool:
    edge = TRANSITIONS.get((Status(row.status), spec.action))
    return edge is not None and bool(edge.roles & selectors.roles_on(user, row))


# --- (1) the registry is the one table ----------------------------------------------------------


def test_every_entry_names_its_service_precondition_body_and_a_workspace_form():
    assert list(actions.REGISTRY) == [s.action.value for s in actions.REGISTRY.values()]
    for spec in actions.REGISTRY.values():
        assert callable(spec.service)
        assert callable(spec.precondition)
        assert spec.precondition.__module__ == preconditions.__name__
        if spec.form is not None:  # resolved by the workspace, which the dossiers do not import
            assert issubclass(form_of(spec), VersionForm), spec.action
    assert [s.action.value for s in actions.REGISTRY.values() if s.form is None] == ["evaluate"]


@pytest.mark.parametrize("holds", [True, False])
def test_an_action_is_offered_exactly_while_its_precondition_holds(
    ward_a, ward_b, monkeypatch, holds
):
    received = _row(file_dossier(ward_a.receiving))
    in_progress = _row(_accepted(ward_a, ward_b))
    forced = tuple(
        replace(s, precondition=lambda dossier, now: holds) for s in actions.DOSSIER_ACTIONS
    )
    monkeypatch.setattr(actions, "DOSSIER_ACTIONS", forced)
    cases = [(u, received) for u in (ward_a.receiving, ward_b.handling)]
    cases += [(u, in_progress) for u in (ward_b.handling, ward_b.approver)]

    for user, row in cases:
        allowed = work.allowed_actions(user, row)
        expected = [s.action for s in forced if holds and _edge_allows(user, row, s)]
        assert allowed == expected, (user, row.status)
    assert holds is False or any(work.allowed_actions(u, r) for u, r in cases)


def test_the_real_preconditions_decide_what_the_state_machine_would_offer(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    Dossier.objects.filter(code=dossier["code"]).update(
        fee_paid_at=clock.now(), apologized_at=clock.now()
    )
    row, now = _row(dossier), clock.now()

    allowed = work.allowed_actions(ward_b.handling, row)

    for spec in actions.DOSSIER_ACTIONS:
        offered = _edge_allows(ward_b.handling, row, spec) and spec.precondition(row, now)
        assert (spec.action in allowed) == offered, spec.action
    assert "assess-fee" not in allowed
    assert "apologize" not in allowed
    assert "request-supplement" in allowed
    assert "forward" in allowed


def test_the_api_accepts_exactly_the_registry_actions(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    url = f"/api/v1/dossiers/{dossier['code']}/actions"

    unknown = client_for(ward_b.handling).post(f"{url}/pay/", {}, format="json")  # the system's

    assert unknown.status_code == 404
    error = unknown.json()["error"]
    assert error["code"] == "unknown_action"
    assert "request-supplement" in error["message_en"]
    assert "finish-part" in error["message_en"]
    for name in actions.REGISTRY:  # each is there: its body is checked (no expected_version)
        response = client_for(ward_b.handling).post(f"{url}/{name}/", {}, format="json")
        assert response.status_code == 400, (name, response.content)
        assert "expected_version" in response.json()["error"]["fields"], name


def test_the_workspace_accepts_exactly_the_registry_actions_with_a_form(ward_a, ward_b):
    dossier = _accepted(ward_a, ward_b)
    url = f"/workspace/dossiers/{dossier['code']}"
    client = signed_in(ward_b.handling)

    for name in ("pay", "evaluate", "hand-over", "nonsense"):  # not taken on the page
        assert client.post(f"{url}/act/{name}/", {"version": 1}).status_code == 404, name
    for name in ("accept", "nonsense"):  # not a part's action
        assert client.post(f"{url}/parts/0/{name}/", {"version": 1}).status_code == 404, name
    for spec in actions.DOSSIER_ACTIONS:
        if spec.form is not None:  # there, and refused by the form or the service (400)
            posted = client.post(f"{url}/act/{spec.action.value}/", {"version": 1})
            assert posted.status_code == 400, spec.action


def _supplemented_once(ward_a, ward_b) -> dict:
    """A dossier whose one supplementation round the applicant answered in full (DOMAIN P1)."""
    dossier = _accepted(ward_a, ward_b)
    form = dossier["documents"][0]["requirement"]
    dossier = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": form, "reason": "Thiếu chữ ký"}],
    ).json()
    new_form = upload(ward_a.receiving)
    return act(
        ward_a.receiving, dossier, "supplement", documents=[{"requirement": form, "file": new_form}]
    ).json()


def _forwarded_to_the_last_step(ward_a, ward_b) -> dict:
    dossier = _accepted(ward_a, ward_b)
    last = max(t["step"] for t in dossier["tasks"])
    return act(ward_b.handling, dossier, "forward", to_step=last).json()


# The precondition made false as the dossier's history makes it, the body the action takes, and
# the refusal the service answers with.
REFUSED = {
    "request-supplement": (_supplemented_once, {"reason": "x"}, 422, "supplement_round_limit"),
    "assess-fee": ({"fee_paid_at": "now"}, {"lines": []}, 422, "already_done"),
    "apologize": ({"apologized_at": "now"}, {"reason": "x"}, 422, "already_done"),
    "evaluate": ({"evaluation_score": 4}, {"score": 5}, 422, "already_done"),
    "forward": (_forwarded_to_the_last_step, {}, 400, "invalid_dossier"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_an_action_whose_precondition_fails_is_refused_and_not_offered(ward_a, ward_b, name):
    setup, body, status, code = REFUSED[name]
    if callable(setup):
        dossier = setup(ward_a, ward_b)
    else:
        dossier = _accepted(ward_a, ward_b)
        changes = {k: clock.now() if v == "now" else v for k, v in setup.items()}
        Dossier.objects.filter(code=dossier["code"]).update(**changes)
    row = _row(dossier)
    spec = actions.REGISTRY[name]
    if name == "request-supplement":
        body["items"] = [{"requirement": dossier["documents"][0]["requirement"], "reason": "x"}]
    if name == "apologize":
        body["new_due_at"] = (row.due_at + timedelta(days=3)).isoformat()
    if name == "forward":
        body["to_step"] = max(t["step"] for t in dossier["tasks"])

    refused = act(ward_b.handling, {"code": row.code, "version": row.version}, name, **body)

    assert not spec.precondition(row, clock.now())
    assert spec.action not in work.allowed_actions(ward_b.handling, row)
    assert refused.status_code == status, refused.content
    assert refused.json()["error"]["code"] == code


# --- (2) the supplement rule has one definition ------------------------------------------------


def test_the_supplement_rule_is_stated_once_and_the_registry_names_it():
    rule = re.compile(r"supplement_rounds\s+and\s+\w*\.?last_supplement_complete")
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and rule.search(path.read_text())
    ]

    assert found == ["dossiers/preconditions.py"], found
    spec = actions.REGISTRY["request-supplement"]
    assert spec.precondition is preconditions.can_request_supplement


def test_a_dossier_the_precondition_refuses_gets_no_supplement_button_and_a_refusal(ward_a, ward_b):
    fresh = _accepted(ward_a, ward_b)
    dossier = _supplemented_once(ward_a, ward_b)
    row = _row(dossier)
    client = signed_in(ward_b.handling)
    button = 'action="/workspace/dossiers/{}/act/request-supplement/"'
    form = dossier["documents"][0]["requirement"]

    offered = client.get(f"/workspace/dossiers/{fresh['code']}/").content.decode()
    page = client.get(f"/workspace/dossiers/{row.code}/").content.decode()
    posted = client.post(
        f"/workspace/dossiers/{row.code}/act/request-supplement/",
        {"version": row.version, f"item_{form}": "on", f"reason_{form}": "Lại thiếu"},
    )
    api = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": form, "reason": "Lại thiếu"}],
    )

    assert preconditions.can_request_supplement(_row(fresh), clock.now())
    assert button.format(fresh["code"]) in offered
    assert not preconditions.can_request_supplement(row, clock.now())
    assert "request-supplement" not in work.allowed_actions(ward_b.handling, row)
    assert button.format(row.code) not in page
    assert posted.status_code == 400
    assert "Another request is not allowed" in posted.content.decode()
    assert api.status_code == 422
    assert api.json()["error"]["code"] == "supplement_round_limit"
    assert Dossier.objects.get(code=row.code).status == "in_progress"
