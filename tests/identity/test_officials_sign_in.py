"""Officials: a TOTP second factor where required (production), and failed sign-ins throttled."""

import io

from django.core.management import call_command
from django.utils import translation

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def _staff(django_user_model):
    return django_user_model.objects.create_superuser("ld.ngocha", "x@motcua.invalid", "pw-123456")


def test_with_otp_required_a_password_alone_is_not_enough(client, django_user_model, settings):
    settings.MOTCUA_REQUIRE_OTP = True
    user = _staff(django_user_model)
    out = io.StringIO()
    call_command("totp", "enrol", "ld.ngocha", stdout=out)
    device = TOTPDevice.objects.get(user=user)

    without = client.post(
        "/admin/login/", {"username": "ld.ngocha", "password": "pw-123456", "next": "/admin/"}
    )
    wrong = client.post(
        "/admin/login/",
        {
            "username": "ld.ngocha",
            "password": "pw-123456",
            "otp_device": device.persistent_id,
            "otp_token": "000000",
        },
    )
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes django-otp wait before the next try
    good_code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    good = client.post(
        "/admin/login/",
        {
            "username": "ld.ngocha",
            "password": "pw-123456",
            "otp_device": device.persistent_id,
            "otp_token": good_code,
            "next": "/admin/",
        },
    )

    assert out.getvalue().startswith("otpauth://totp/")
    assert without.status_code == 200  # the form again, not the admin
    assert wrong.status_code == 200
    assert good.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_demo_admin_signs_in_with_a_password(client, django_user_model):
    _staff(django_user_model)

    response = client.post(
        "/admin/login/", {"username": "ld.ngocha", "password": "pw-123456", "next": "/admin/"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_failed_sign_ins_are_throttled(client, django_user_model, settings):
    _staff(django_user_model)
    settings.AXES_FAILURE_LIMIT = 3
    answers = [
        client.post(
            "/admin/login/", {"username": "ld.ngocha", "password": f"guess-{i}"}
        ).status_code
        for i in range(3)
    ]
    with translation.override("en"):
        locked = client.post("/admin/login/", {"username": "ld.ngocha", "password": "pw-123456"})

    assert answers[:2] == [200, 200]
    assert answers[2] == 429  # the 3rd failure already locks (django-axes)
    assert locked.status_code == 429  # even the right password, until the cool-off ends


PROXY = "10.0.0.2"  # the reverse proxy in front of the app: every request comes from it


def _behind_proxy(forwarded_for: str):
    from django.test import Client

    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _sign_in(client, password, **extra):
    return client.post(
        "/workspace/sign-in/", {"username": "tn.victim", "password": password, **extra}
    )


def test_an_attacker_behind_the_proxy_does_not_lock_the_official_out(db, settings):
    from motcua.identity.services import create_official

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    create_official("tn.victim", role="coordinator", password="pw-123456-x")
    attacker = _behind_proxy("203.0.113.9")
    # a forged first entry is not trusted: the proxy appends the attacker's real address
    forging = _behind_proxy("198.51.100.7, 203.0.113.9")
    tries = [_sign_in(attacker, f"guess-{i}").status_code for i in range(5)]
    forged = _sign_in(forging, "pw-123456-x")

    owner = _sign_in(_behind_proxy("198.51.100.7"), "pw-123456-x")

    assert tries[-1] == 429
    assert _sign_in(attacker, "pw-123456-x").status_code == 429
    assert forged.status_code == 429  # the attacker's address, whatever the header claims
    assert owner.status_code == 302  # the official, from their own address, signs in


def test_failures_from_many_addresses_ask_the_owner_for_the_second_factor(db, settings):
    from motcua.identity.services import create_official

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    user = create_official("tn.victim", role="coordinator", password="pw-123456-x")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    for i in range(10):  # a botnet: one guess from each address, none locked out
        assert _sign_in(_behind_proxy(f"203.0.113.{i + 1}"), f"guess-{i}").status_code == 200
    owner = _behind_proxy("198.51.100.7")

    password_only = _sign_in(owner, "pw-123456-x")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    with_code = _sign_in(owner, "pw-123456-x", otp_token=code)

    assert password_only.status_code == 200  # not signed in: the code is asked for
    assert 'name="otp_token"' in password_only.content.decode()
    assert with_code.status_code == 302
    assert owner.get("/workspace/").status_code == 200
