import io
import unicodedata

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from motcua.dossiers import paperwork
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier, Event


def test_load_demo_creates_the_admin_once(db, settings):
    out = io.StringIO()

    call_command("load_demo", "--dossiers", "12", stdout=out)
    call_command("load_demo", "--dossiers", "12", stdout=out)

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(settings.MOTCUA_DEMO_PASSWORD)
    assert out.getvalue().splitlines() == [
        "demo data: created the administrator 'admin'",
        "demo data: 16 demo sign-ins",
        "demo data: 12 demo dossiers created",
        "demo data: the administrator 'admin' exists",
        "demo data: 16 demo sign-ins",
        "demo data: 0 demo dossiers created",
    ]
    assert Dossier.objects.count() == 12
    assert all(verify_chain(d).valid for d in Dossier.objects.all())
    assert len(set(Dossier.objects.values_list("status", flat=True))) >= 5
    assert not Dossier.objects.filter(received_at__gt=timezone.now()).exists()
    assert not Event.objects.filter(created_at__gt=timezone.now()).exists()


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
    assert "Citizen portal          http://127.0.0.1:8123/" in text
    assert "http://127.0.0.1:8123/workspace/" in text
    assert "http://127.0.0.1:8123/api/v1/docs/" in text
    assert "http://127.0.0.1:8123/admin/" in text
    assert f"all with the password {settings.MOTCUA_DEMO_PASSWORD}" in text
    assert "dieuphoi" in text
    assert "http://127.0.0.1:8123/workspace/monitoring/" in text
    assert "http://127.0.0.1:8123/track/" in text


def test_once_the_server_listens_the_banner_says_so_after_the_start_up_lines(
    db, monkeypatch, capsys
):
    """`make run` prints it again from gunicorn's master once it is bound: the worker's and the
    server's start-up lines no longer push it off the screen."""
    from motcua import gunicorn_conf

    monkeypatch.setenv("MOTCUA_BANNER_PORT", "8124")
    monkeypatch.setattr(gunicorn_conf.gc, "freeze", lambda: None)
    gunicorn_conf.when_ready(server=None)

    text = capsys.readouterr().out
    assert text.index("Motcua is ready") < text.index("http://127.0.0.1:8124/workspace/")


def test_the_demo_of_make_run_loads_its_payments_after_its_dossiers(db):
    """`make run` chains the demo loaders: the payments demo pays what is still payable and
    never stops the chain on a refused or withdrawn dossier that carries a fee."""
    call_command("load_demo", "--dossiers", "80", stdout=io.StringIO())
    ended_with_fee = Dossier.objects.filter(
        fee_amount_vnd__gt=0, status__in=["rejected", "withdrawn"]
    )
    out = io.StringIO()

    call_command("demo", "payments", stdout=out)

    assert ended_with_fee.exists()  # the case that stopped `make run`
    assert out.getvalue().startswith("payments demo: ")
    # A result drawn up elsewhere is a readable paper, not a blank page (signed on upload).
    elsewhere = [
        d
        for d in Dossier.objects.filter(result_document__isnull=False)
        if not paperwork.has_result_template(d)
    ]
    assert elsewhere
    with elsewhere[0].result_document.file.open("rb") as pdf:
        text = unicodedata.normalize(
            "NFC", "".join(page.extract_text() for page in PdfReader(pdf).pages)
        )
    assert "Kết quả giải quyết thủ tục" in text
    assert elsewhere[0].applicant["full_name"] in text
    assert elsewhere[0].code in text
