"""A sandbox OpenID Connect provider standing in for VNeID in the demo and the tests.

It speaks real OIDC over HTTP (discovery, authorization code with PKCE S256, token, userinfo,
JWKS; RS256 ID tokens), so the portal's sign-in is the same code path in demo and production.
Its own sign-in is a list of synthetic demo citizens and a choice of assurance level (at level 2
the claims list the organisations the citizen acts for: two demo enterprises and a household
business, VNeID organisation accounts); it never
touches the portal's session or user table. Off in production (MOTCUA_SANDBOX_IDP).
"""

import base64
import hashlib
import secrets
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from motcua.core import clock
from motcua.documents import pki
from motcua.identity.connectors.business import demo_organisations_of
from motcua.identity.connectors.sandbox_registry import DEMO_CITIZENS
from motcua.identity.models import SandboxGrant

KEY_ID = "motcua-sandbox-1"
CODE_LIFETIME = timedelta(minutes=5)


def _enabled() -> None:
    if not settings.MOTCUA_SANDBOX_IDP:
        raise Http404()


def _key() -> rsa.RSAPrivateKey:
    path = Path(settings.MOTCUA_PKI_DIR) / "sandbox-idp.key.pem"
    if not path.exists():
        with pki.locked():
            if not path.exists():
                key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                pki.write_private(
                    path,
                    key.private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    ),
                )
    key = serialization.load_pem_private_key(path.read_bytes(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def issuer() -> str:
    return settings.MOTCUA_OIDC_ISSUER


def discovery(request: HttpRequest) -> JsonResponse:
    _enabled()
    base = issuer()
    return JsonResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile"],
            "acr_values_supported": ["1", "2"],
        }
    )


def jwks(request: HttpRequest) -> JsonResponse:
    _enabled()
    public = jwt.algorithms.RSAAlgorithm.to_jwk(_key().public_key(), as_dict=True)
    return JsonResponse({"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]})


def _redirect_ok(client_id: str, redirect_uri: str) -> bool:
    return client_id == settings.MOTCUA_OIDC_CLIENT_ID and redirect_uri.endswith("/oidc/callback/")


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """Show the demo citizens; on a choice, redirect back with a one-time code."""
    _enabled()
    params = request.GET if request.method == "GET" else request.POST
    client_id, redirect_uri = params.get("client_id", ""), params.get("redirect_uri", "")
    challenge, method = params.get("code_challenge", ""), params.get("code_challenge_method", "")
    if not _redirect_ok(client_id, redirect_uri) or params.get("response_type") != "code":
        return HttpResponse("invalid client or redirect_uri", status=400)
    if not challenge or method != "S256":
        return HttpResponse("PKCE (S256) is required", status=400)
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
    grant = SandboxGrant.objects.create(
        code=secrets.token_urlsafe(32),
        access_token=secrets.token_urlsafe(32),
        client_id=client_id,
        redirect_uri=redirect_uri,
        code_challenge=challenge,
        nonce=params.get("nonce", ""),
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
        created_at=clock.now(),
    )
    query = urlencode({"code": grant.code, "state": params.get("state", "")})
    return HttpResponseRedirect(f"{redirect_uri}?{query}")


def _error(code: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": code}, status=status)


@csrf_exempt
@require_http_methods(["POST"])
def token(request: HttpRequest) -> JsonResponse:
    """Exchange a code (once, within 5 minutes, with the PKCE verifier) for the tokens."""
    _enabled()
    data = request.POST
    client_id, secret = data.get("client_id", ""), data.get("client_secret", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Basic "):
        client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
    if client_id != settings.MOTCUA_OIDC_CLIENT_ID or not secrets.compare_digest(
        secret, settings.MOTCUA_OIDC_CLIENT_SECRET
    ):
        return _error("invalid_client", 401)
    with transaction.atomic():
        grant = SandboxGrant.objects.select_for_update().filter(code=data.get("code", "")).first()
        if (
            grant is None
            or grant.used_at is not None
            or grant.created_at < clock.now() - CODE_LIFETIME
            or grant.redirect_uri != data.get("redirect_uri")
        ):
            return _error("invalid_grant")
        verifier = data.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.code_challenge:
            return _error("invalid_grant")
        grant.used_at = clock.now()
        grant.save(update_fields=["used_at"])
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
    return JsonResponse(
        {
            "access_token": grant.access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }
    )


@csrf_exempt
def userinfo(request: HttpRequest) -> JsonResponse:
    _enabled()
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    grant = SandboxGrant.objects.filter(access_token=bearer, used_at__isnull=False).first()
    if not bearer or grant is None:
        return _error("invalid_token", 401)
    return JsonResponse(grant.claims, json_dumps_params={"ensure_ascii": False})
