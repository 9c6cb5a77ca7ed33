import io

from django.core.management import CommandError, call_command

import pytest

from motcua.identity.models import Membership


def test_users_create_makes_an_official_with_a_membership(db):
    call_command(
        "users",
        "create",
        "tn70",
        "--role",
        "receiving_officer",
        "--point",
        "MC-00070",
        "--password",
        "pw-12345",
        stdout=io.StringIO(),
    )
    call_command(
        "users",
        "create",
        "cb70",
        "--role",
        "handling_officer",
        "--agency",
        "H26.50.00070",
        stdout=io.StringIO(),
    )

    point = Membership.objects.get(user__username="tn70")
    agency = Membership.objects.get(user__username="cb70")
    assert (point.role, point.service_point.code, point.agency) == (
        "receiving_officer",
        "MC-00070",
        None,
    )
    assert (agency.role, agency.agency.code) == ("handling_officer", "H26.50.00070")
    assert point.user.check_password("pw-12345")


def test_users_create_refuses_a_role_without_its_place(db):
    with pytest.raises(CommandError, match="--point"):
        call_command("users", "create", "x", "--role", "receiving_officer", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--agency"):
        call_command(
            "users", "create", "y", "--role", "approver", "--agency", "nope", stdout=io.StringIO()
        )
