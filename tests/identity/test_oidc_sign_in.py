"""A citizen signs in through the sandbox OpenID Connect provider over real HTTP: the portal
(mozilla-django-oidc, PKCE) redirects to the provider, the citizen chooses who and at which level,
the provider redirects back with a code, and the portal exchanges it server to server."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from motcua.catalog.models import ProcedureVersion
from motcua.identity.models import Citizen, SandboxGrant
from tests.builders.dossiers import WARD_A, birth_payload, make_ward

pytestmark = pytest.mark.usefixtures("reference_data_restored")


def _sign_in(base: str, citizen: str, level: str) -> tuple[requests.Session, list[str]]:
    """Walk the flow as a browser does; return the signed-in session and the URLs visited."""
    browser = requests.Session()
    start = browser.get(f"{base}/oidc/authenticate/", timeout=30)  # follows to the provider
    visited = [r.url for r in start.history] + [start.url]
    form = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', start.text))
    form.update({"citizen": citizen, "level": level})
    done = browser.post(start.url.split("?")[0], data=form, timeout=30)
    visited += [r.url for r in done.history] + [done.url]
    return browser, visited


def test_a_demo_citizen_signs_in_with_pkce_over_real_redirects(idp):
    browser, visited = _sign_in(idp, "001090012345", "2")

    authorize = parse_qs(urlparse(visited[1]).query)
    me = Citizen.objects.get(id_number="001090012345")
    grant = SandboxGrant.objects.get()

    assert urlparse(visited[1]).path == "/sandbox-idp/authorize"
    assert authorize["code_challenge_method"] == ["S256"]  # PKCE
    assert authorize["response_type"] == ["code"]
    assert any(urlparse(u).path == "/oidc/callback/" for u in visited)
    assert me.full_name == "Nguyễn Văn An"
    assert me.assurance_level == 2
    assert grant.used_at is not None  # the code was exchanged, once
    assert "sessionid" in browser.cookies


def test_a_procedure_needing_level_2_refuses_a_level_1_session(idp):
    make_ward(WARD_A)
    make_ward("00008")
    ProcedureVersion.objects.filter(procedure__code="1.001193").update(assurance_level=2)
    low, _ = _sign_in(idp, "001090012345", "1")
    high, _ = _sign_in(idp, "001195004321", "2")

    def file(browser: requests.Session, number: str):
        user = Citizen.objects.get(id_number=number).user
        body = birth_payload(user, channel="online")
        body["applicant"]["id_number"] = number
        body["applicant"]["date_of_birth"] = (
            "1990-05-01" if number.startswith("0010") else "1995-03-12"
        )
        return browser.post(
            f"{idp}/api/v1/dossiers/",
            json=body,
            headers={"X-CSRFToken": browser.cookies["csrftoken"], "Referer": idp},
            timeout=30,
        )

    refused = file(low, "001090012345")
    accepted = file(high, "001195004321")

    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "assurance_too_low"
    assert accepted.status_code == 201, accepted.text


def test_a_code_is_good_once_and_only_with_its_verifier(idp):
    browser = requests.Session()
    start = browser.get(f"{idp}/oidc/authenticate/", timeout=30)
    form = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', start.text))
    form.update({"citizen": "001090012345", "level": "2"})
    back = browser.post(start.url.split("?")[0], data=form, allow_redirects=False, timeout=30)
    code = parse_qs(urlparse(back.headers["Location"]).query)["code"][0]

    stolen = requests.post(
        f"{idp}/sandbox-idp/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": "motcua-demo",
            "client_secret": "sandbox-only-secret",
            "redirect_uri": form["redirect_uri"],
            "code_verifier": "not-the-verifier",
        },
        timeout=30,
    )

    assert stolen.status_code == 400
    assert stolen.json() == {"error": "invalid_grant"}


def test_a_code_the_provider_refuses_to_exchange_is_a_clear_400(idp):
    browser = requests.Session()
    start = browser.get(f"{idp}/oidc/authenticate/", timeout=30)  # at the provider's page
    state = parse_qs(urlparse(start.url).query)["state"][0]

    back = browser.get(
        f"{idp}/oidc/callback/", params={"code": "forged-code", "state": state}, timeout=30
    )

    assert back.status_code == 400
    assert "Đăng nhập chưa hoàn tất" in back.text
    assert "did not confirm this sign-in" in back.text
    assert not Citizen.objects.exists()  # nobody signed in


def test_a_level_2_sign_in_brings_the_organisations_the_person_acts_for(idp):
    from motcua.identity.models import OrganisationRole

    _sign_in(idp, "001195004321", "2")  # Trần Thị Bình, owner of a household business
    roles = OrganisationRole.objects.filter(user__citizen__id_number="001195004321")
    assert [(r.organisation.enterprise_code, r.organisation.kind, r.role) for r in roles] == [
        ("8012345677", "household_business", "representative")
    ]

    _sign_in(idp, "001195004321", "1")  # a level-1 sign-in does not vouch for organisations
    assert Citizen.objects.get(id_number="001195004321").assurance_level == 1
    assert not roles.all().exists()


def test_an_authorised_person_gets_the_enterprise_that_authorised_them(idp):
    from motcua.identity.models import OrganisationRole

    _sign_in(idp, "031085111222", "2")  # Hoàng Quốc Huy
    (role,) = OrganisationRole.objects.filter(user__citizen__id_number="031085111222")
    assert (role.organisation.enterprise_code, role.role) == ("0109555553", "authorised")
