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
