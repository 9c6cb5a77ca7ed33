import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from rest_framework.authtoken.models import Token


def test_load_demo_creates_the_admin_once(db, settings):
    out = io.StringIO()

    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(settings.MOTCUA_DEMO_PASSWORD)
    assert out.getvalue().splitlines() == [
        "demo data: created the administrator 'admin'",
        "demo data: the administrator 'admin' exists",
    ]


def test_load_demo_does_nothing_in_production(db, settings):
    settings.MOTCUA_ENV = "production"

    call_command("load_demo", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username="admin").exists()


def test_token_create_prints_a_token_that_authenticates(db, api, admin_user):
    out = io.StringIO()

    call_command("token", "create", admin_user.username, stdout=out)

    key = out.getvalue().strip()
    assert Token.objects.get(key=key).user == admin_user
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/units/").status_code == 200


def test_the_banner_says_where_to_go_and_how_to_sign_in(settings):
    out = io.StringIO()

    call_command("banner", "--port", "8123", stdout=out)

    text = out.getvalue()
    assert "http://127.0.0.1:8123/api/v1/docs/" in text
    assert "http://127.0.0.1:8123/admin/" in text
    assert f"user: admin    password: {settings.MOTCUA_DEMO_PASSWORD}" in text
