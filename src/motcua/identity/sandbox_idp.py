"""A sandbox OpenID Connect provider standing in for VNeID in the demo and the tests.

It speaks real OIDC over HTTP (discovery, authorization code with PKCE S256, token, userinfo,
JWKS; RS256 ID tokens), so the portal's sign-in is the same code path in demo and production.
Its own sign-in is a list of synthetic demo citizens and a choice of assurance level (at level 2
the claims list the organisations the citizen acts for: two demo enterprises and a household
business, VNeID organisation accounts); it never
touches the portal's session or user table. Off in production (MOTCUA_SANDBOX_IDP).
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

from motcua.identity import sandbox_oidc
from motcua.identity.connectors.business import demo_organisations_of
from motcua.identity.connectors.sandbox_registry import DEMO_CITIZENS
from motcua.identity.models import SandboxGrant

KEY_ID = "motcua-sandbox-1"


SANDBOX = sandbox_oidc.Sandbox(
    "MOTCUA_SANDBOX_IDP", "MOTCUA_OIDC_ISSUER", "sandbox-idp.key.pem", KEY_ID, ("openid", "profile")
)
_enabled, _key, issuer = SANDBOX.enabled, SANDBOX.key, SANDBOX.issuer
discovery, jwks = SANDBOX.discovery, SANDBOX.jwks


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """Show the demo citizens; on a choice, redirect back with a one-time code."""
    _enabled()
    asked = sandbox_oidc.authorization(
        request, client_id=settings.MOTCUA_OIDC_CLIENT_ID, redirect_ending="/oidc/callback/"
    )
    if isinstance(asked, HttpResponse):
        return asked
    params = asked.params
    if request.method == "GET":
        citizens = [(*c, demo_organisations_of(c[0])) for c in DEMO_CITIZENS]
        return render(
            request,
            "identity/sandbox_idp.html",
            {"citizens": citizens, "params": request.GET.items()},
        )
    chosen = next((c for c in DEMO_CITIZENS if c[0] == params.get("citizen")), None)
    level = params.get("level", "1")
    if chosen is None or level not in ("1", "2"):
        return HttpResponse("choose a citizen and a level", status=400)
    id_number, name, born, sex = chosen
    grant = asked.new_grant(
        SandboxGrant,
        claims={
            "sub": f"vneid-{hashlib.sha256(id_number.encode()).hexdigest()[:16]}",
            "id_number": id_number,
            "name": name,
            "birthdate": born,
            "gender": sex,
            "acr": level,
            # VNeID organisation accounts: the organisations the person represents or was
            # authorised for, given at level 2 only (issue 22)
            **({"organisations": demo_organisations_of(id_number)} if level == "2" else {}),
        },
    )
    return asked.back_with(grant)


@csrf_exempt
@require_http_methods(["POST"])
def token(request: HttpRequest) -> JsonResponse:
    """Exchange a code (once, within 5 minutes, with the PKCE verifier) for the tokens."""
    _enabled()
    credentials = sandbox_oidc.client_credentials(request)
    if credentials is None:
        return sandbox_oidc.error("invalid_client", 401)
    client_id, secret = credentials
    expected = (settings.MOTCUA_OIDC_CLIENT_ID, settings.MOTCUA_OIDC_CLIENT_SECRET)
    if not sandbox_oidc.client_ok(
        client_id, secret, expected_id=expected[0], expected_secret=expected[1]
    ):
        return sandbox_oidc.error("invalid_client", 401)
    grant = sandbox_oidc.redeem(
        SandboxGrant,
        code=request.POST.get("code", ""),
        redirect_uri=request.POST.get("redirect_uri", ""),
        verifier=request.POST.get("code_verifier", ""),
    )
    if grant is None:
        return sandbox_oidc.error("invalid_grant")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer(),
        "aud": client_id,
        "iat": now,
        "exp": now + 300,
        "nonce": grant.nonce,
        **grant.claims,
    }
    id_token = jwt.encode(claims, _key(), algorithm="RS256", headers={"kid": KEY_ID})
    return JsonResponse(sandbox_oidc.tokens(grant, id_token, 300))


@csrf_exempt
def userinfo(request: HttpRequest) -> JsonResponse:
    _enabled()
    grant = sandbox_oidc.bearer_grant(SandboxGrant, request)
    if grant is None:
        return sandbox_oidc.error("invalid_token", 401)
    return JsonResponse(grant.claims, json_dumps_params={"ensure_ascii": False})
