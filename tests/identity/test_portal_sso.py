"""Single sign-on from the national public service portal (issue 23 item 6), over real HTTP
against the sandbox portal served by the live test server: the portal's link to a dossier goes
through /sso/national-portal/, the sandbox portal's OpenID Connect provider signs the person in,
and they land on their page; replays, expired or forged tokens and links that leave the site
are refused with a page that says why, in Vietnamese and English."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import requests
import time_machine

from motcua.core import clock
from motcua.identity.connectors.sandbox_registry import DEMO_CITIZENS
from motcua.identity.models import Citizen
from motcua.identity.services import link_portal_account
from motcua.integrations import sandbox_portal
from tests.builders.dossiers import WARD_A, WARD_B, make_ward
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.usefixtures("reference_data_restored")

HTTP = "motcua.identity.connectors.http.HttpPortalSignOn"
SANDBOX = "motcua.identity.connectors.sandbox.SandboxPortalSignOn"


@pytest.fixture
def live(transactional_db, live_server, settings):
    """The sandbox national portal (its filings and its sign-on) at the live server."""
    reload_reference_data()
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_PORTAL_SSO_ISSUER = f"{live_server.url}/sandbox-portal/sso"
    settings.MOTCUA_PORTAL_SSO_CONNECTOR = HTTP
    return live_server.url


def _filed(live: str, count: int = 1) -> list[str]:
    """Dossiers filed on the sandbox portal for Ngọc Hà ward; their Motcua codes."""
    codes = []
    for _ in range(count):
        (filing,) = sandbox_portal.file("ok", target=live)
        assert filing.answer_status == 201, filing.answer
        codes.append(filing.answer["code"])
    return codes


def _applicant(code: str) -> tuple[str, str]:
    from motcua.dossiers.models import Dossier

    dossier = Dossier.objects.get(code=code)
    return dossier.applicant_id_number, dossier.applicant_name


def _arrive(
    link: str, person: str, *, name: str = "", forge: str = "", browser=None
) -> tuple[requests.Session, requests.Response]:
    """Follow the portal's link as a browser does and choose the account at the portal."""
    browser = browser or requests.Session()
    chooser = browser.get(link, timeout=30)  # our start page sends it on to the portal
    assert chooser.status_code == 200, chooser.text[:500]
    assert "/sandbox-portal/sso/authorize" in chooser.url
    form = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', chooser.text))
    form.update({"person": person, "name": name, "level": "2", "forge": forge})
    landed = browser.post(chooser.url.split("?")[0], data=form, timeout=30)
    return browser, landed


def _link(live: str, next_page: str) -> str:
    return f"{live}/sso/national-portal/?next={quote(next_page)}"


def test_a_resident_follows_the_portals_link_and_lands_signed_in_on_their_own_dossier(live):
    make_ward(WARD_B)
    mine, theirs = _filed(live, 2)
    number, name = _applicant(mine)
    links = {f["answer"]["code"]: f["links"] for f in sandbox_portal.state()["filings"]}

    browser, landed = _arrive(links[mine]["resident"], number, name=name)

    assert landed.status_code == 200, landed.text[:500]
    assert landed.url == f"{live}/my/dossiers/{mine}/"
    assert mine in landed.text
    assert Citizen.objects.get(id_number=number).full_name == name
    listed = browser.get(f"{live}/my/dossiers/", timeout=10)
    assert mine in listed.text
    assert theirs not in listed.text
    assert browser.get(f"{live}/my/dossiers/{theirs}/", timeout=10).status_code == 404


def test_an_official_lands_on_the_workspace_dossier_only_with_access_to_it(live):
    ward_b, ward_a = make_ward(WARD_B), make_ward(WARD_A)
    (code,) = _filed(live)
    handler, stranger = DEMO_CITIZENS[1][0], DEMO_CITIZENS[2][0]
    link_portal_account(ward_b.handling.username, handler)
    link_portal_account(ward_a.handling.username, stranger)
    page = _link(live, f"/workspace/dossiers/{code}/")

    _, landed = _arrive(page, handler)
    _, elsewhere = _arrive(page, stranger)
    _, unlinked = _arrive(page, DEMO_CITIZENS[3][0])

    assert landed.status_code == 200, landed.text[:500]
    assert landed.url == f"{live}/workspace/dossiers/{code}/"
    assert code in landed.text
    assert elsewhere.status_code == 404  # signed in, but the dossier is not theirs to see
    assert unlinked.status_code == 403
    assert "No official account of this system is linked" in unlinked.text
    assert 'data-reason="official"' in unlinked.text


def test_a_replayed_callback_is_refused(live):
    make_ward(WARD_B)
    (code,) = _filed(live)
    number, name = _applicant(code)
    browser, landed = _arrive(_link(live, f"/my/dossiers/{code}/"), number, name=name)
    callback = next(
        r.headers["Location"]
        for r in landed.history
        if "/callback/" in r.headers.get("Location", "")
    )
    callback = callback if callback.startswith("http") else f"{live}{callback}"

    again = browser.get(callback, timeout=10, allow_redirects=False)
    elsewhere = requests.get(callback, timeout=10, allow_redirects=False)

    for refused in (again, elsewhere):
        assert refused.status_code == 400
        assert 'data-reason="state"' in refused.text
        assert "This sign-in link has already been used" in refused.text  # the English line


@pytest.mark.parametrize(
    ("forge", "reason"), [("expired", "expired"), ("bad_signature", "signature")]
)
def test_an_expired_or_forged_id_token_is_refused(live, forge, reason):
    person = DEMO_CITIZENS[0][0]

    _, refused = _arrive(_link(live, "/my/dossiers/"), person, forge=forge)

    assert refused.status_code == 400
    assert f'data-reason="{reason}"' in refused.text
    assert not Citizen.objects.filter(id_number=person).exists()  # nobody was signed in


def test_a_sign_in_finished_after_ten_minutes_is_refused(live):
    browser = requests.Session()
    chooser = browser.get(_link(live, "/my/dossiers/"), timeout=30)
    form = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', chooser.text))
    form.update({"person": DEMO_CITIZENS[0][0], "level": "2"})

    with time_machine.travel(clock.now() + timedelta(minutes=11), tick=True):
        late = browser.post(chooser.url.split("?")[0], data=form, timeout=30)

    assert late.status_code == 400
    assert 'data-reason="expired"' in late.text


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/my/dossiers/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
    ],
)
def test_a_link_that_would_leave_the_site_after_sign_in_is_refused(live, target):
    answer = requests.get(_link(live, target), timeout=10, allow_redirects=False)

    assert answer.status_code == 400
    assert 'data-reason="next"' in answer.text
    assert "only pages of this system are allowed" in answer.text


def test_the_in_process_sandbox_connector_signs_in_the_same_way(live, settings):
    settings.MOTCUA_PORTAL_SSO_CONNECTOR = SANDBOX
    person, name = DEMO_CITIZENS[4][0], DEMO_CITIZENS[4][1]

    _, landed = _arrive(_link(live, "/my/dossiers/"), person)

    assert landed.status_code == 200
    assert landed.url == f"{live}/my/dossiers/"
    assert Citizen.objects.get(id_number=person).full_name == name
