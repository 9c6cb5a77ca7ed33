"""The sandbox national public service portal's single sign-on, for the demo and the tests.

The real portal (Cổng Dịch vụ công quốc gia) signs its users in and is an OpenID Connect
provider for the provincial systems it links to (DVCQG SSO: authorization code, `client_id`,
`redirect_uri`, `scope=openid`, `acr_values`, `state`; the account at `userinfo` in the portal's
field names: `LoaiTaiKhoan`, `SoDinhDanh`, `HoVaTen`, `TechID`, …). This sandbox speaks the
same over HTTP under `/sandbox-portal/sso/` (discovery, authorize, token, userinfo, JWKS; RS256
ID tokens; PKCE S256; one-time codes that expire in 5 minutes), with its own key and grants,
apart from the sandbox VNeID provider of `/sandbox-idp/`.

Its sign-in page is the portal's account chooser: the demo citizens, the officials linked to a
portal account, or any ID number (a resident who filed on the portal). It can also hand out a
broken ID token on purpose (`forge`: signed with another key, or already expired), so that the
tests show the relying party refusing it. Off unless MOTCUA_SANDBOX_PORTAL.
"""

import hashlib
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from motcua.identity import sandbox_oidc
from motcua.identity.connectors.base import SignOnFailed
from motcua.identity.connectors.sandbox_registry import DEMO_CITIZENS
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.models import OfficialPortalLink, SandboxPortalGrant

KEY_ID = "motcua-sandbox-portal-1"
TOKEN_SECONDS = 300
FORGERIES = ("", "bad_signature", "expired")
SEX_CODES = {"male": 1, "female": 2}  # GioiTinh: our assumption (1 nam, 2 nữ)


SANDBOX = sandbox_oidc.Sandbox(
    "MOTCUA_SANDBOX_PORTAL",
    "MOTCUA_PORTAL_SSO_ISSUER",
    "sandbox-portal-idp.key.pem",
    KEY_ID,
    ("openid",),
)
_enabled, _key, issuer = SANDBOX.enabled, SANDBOX.key, SANDBOX.issuer
public_keys, discovery, jwks = SANDBOX.public_keys, SANDBOX.discovery, SANDBOX.jwks


def accounts() -> list[dict[str, str]]:
    """The portal's accounts the chooser offers: demo citizens, then linked officials."""
    people = [
        {"id_number": n, "name": name, "born": born, "sex": sex}
        for n, name, born, sex in DEMO_CITIZENS
    ]
    for link in OfficialPortalLink.objects.select_related("user").order_by("id_number"):
        name = link.user.get_full_name() or link.user.get_username()
        people.append({"id_number": link.id_number, "name": name, "born": "", "sex": ""})
    return people


def _claims(person: dict[str, str], level: str) -> dict[str, Any]:
    """The account as the portal describes it (its userinfo field names)."""
    number = person["id_number"]
    tech_id = hashlib.sha256(f"dvcqg:{number}".encode()).hexdigest()[:24]
    claims: dict[str, Any] = {
        "sub": tech_id,
        "TechID": tech_id,
        "LoaiTaiKhoan": "1",  # 1 citizen (công dân), 2 enterprise, 3 organisation
        "SoDinhDanh": number,
        "HoVaTen": person["name"],
        "loAs": level,
    }
    if person.get("born"):
        claims["NgayThangNamSinh"] = person["born"].replace("-", "")  # yyyyMMdd
    if person.get("sex") in SEX_CODES:
        claims["GioiTinh"] = SEX_CODES[person["sex"]]
    return claims


def _chosen(params: Any) -> dict[str, str] | None:
    number = str(params.get("person", "") or params.get("other_id_number", "")).strip()
    known = next((p for p in accounts() if p["id_number"] == number), None)
    if known is not None:
        return known
    name = str(params.get("name", "")).strip()[:200]
    if name and id_number_problem(number) is None:  # any resident with a portal account
        return {"id_number": number, "name": name, "born": "", "sex": ""}
    return None


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The portal's account chooser; on a choice, back to the relying party with a code."""
    _enabled()
    asked = sandbox_oidc.authorization(
        request,
        client_id=settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
        redirect_ending="/sso/national-portal/callback/",
    )
    if isinstance(asked, HttpResponse):
        return asked
    params = asked.params
    if request.method == "GET":
        context = {"accounts": accounts(), "params": request.GET.items()}
        return render(request, "identity/sandbox_portal_idp.html", context)
    person, level = _chosen(params), params.get("level", "2")
    forge = params.get("forge", "")
    if person is None or level not in ("1", "2") or forge not in FORGERIES:
        return HttpResponse("choose an account and a level", status=400)
    grant = asked.new_grant(SandboxPortalGrant, claims=_claims(person, level), forge=forge)
    return asked.back_with(grant)


def exchange(
    *, client_id: str, secret: str, code: str, redirect_uri: str, verifier: str
) -> dict[str, Any]:
    """Exchange a code (once, within 5 minutes, with the PKCE verifier) for the tokens."""
    expected = (settings.MOTCUA_PORTAL_SSO_CLIENT_ID, settings.MOTCUA_PORTAL_SSO_CLIENT_SECRET)
    if not sandbox_oidc.client_ok(
        client_id, secret, expected_id=expected[0], expected_secret=expected[1]
    ):
        raise SignOnFailed("invalid_client")
    grant = sandbox_oidc.redeem(
        SandboxPortalGrant, code=code, redirect_uri=redirect_uri, verifier=verifier
    )
    if grant is None:
        raise SignOnFailed("invalid_grant")
    now = int(time.time())
    claims = {
        "iss": issuer(),
        "aud": client_id,
        "iat": now,
        "exp": now - 60 if grant.forge == "expired" else now + TOKEN_SECONDS,
        "nonce": grant.nonce,
        "sub": grant.claims["sub"],
        "acr": grant.claims["loAs"],
    }
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if grant.forge == "bad_signature"
        else _key()
    )
    id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})
    return sandbox_oidc.tokens(grant, id_token, TOKEN_SECONDS)


def account(access_token: str) -> dict[str, Any]:
    """The account behind an access token that was exchanged (the portal's userinfo)."""
    grant = sandbox_oidc.access_grant(SandboxPortalGrant, access_token)
    if grant is None:
        raise SignOnFailed("invalid_token")
    return dict(grant.claims)


@csrf_exempt
@require_http_methods(["POST"])
def token(request: HttpRequest) -> JsonResponse:
    _enabled()
    data = request.POST
    credentials = sandbox_oidc.client_credentials(request)
    if credentials is None:
        return sandbox_oidc.error("invalid_client", 401)
    client_id, secret = credentials
    try:
        answer = exchange(
            client_id=client_id,
            secret=secret,
            code=data.get("code", ""),
            redirect_uri=data.get("redirect_uri", ""),
            verifier=data.get("code_verifier", ""),
        )
    except SignOnFailed as exc:
        status = 401 if str(exc) == "invalid_client" else 400
        return sandbox_oidc.error(str(exc), status)
    return JsonResponse(answer)


@csrf_exempt
def userinfo(request: HttpRequest) -> JsonResponse:
    _enabled()
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    try:
        return JsonResponse(account(bearer), json_dumps_params={"ensure_ascii": False})
    except SignOnFailed:
        return sandbox_oidc.error("invalid_token", 401)
