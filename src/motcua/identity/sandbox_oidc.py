"""The OpenID Connect machinery the two sandbox providers share (demo and tests only).

The sandbox VNeID (`sandbox_idp`) and the sandbox national portal's sign-on
(`sandbox_portal_idp`) each have their own key, client and grants, but the same shape: an RS256
signing key made once under MOTCUA_PKI_DIR, its JWKS, a discovery document, client credentials
in the form or in HTTP Basic, one-time codes bound to a PKCE S256 challenge and redeemed once
within 5 minutes.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from motcua.core import clock
from motcua.documents import pki

CODE_LIFETIME = timedelta(minutes=5)
Grant = TypeVar("Grant", bound=models.Model)


def signing_key(filename: str) -> rsa.RSAPrivateKey:
    """The provider's RSA key, made on first use (one process makes it, under the PKI lock)."""
    path = Path(settings.MOTCUA_PKI_DIR) / filename
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
    loaded = serialization.load_pem_private_key(path.read_bytes(), None)
    assert isinstance(loaded, rsa.RSAPrivateKey)
    return loaded


def key_set(key: rsa.RSAPrivateKey, key_id: str) -> dict[str, Any]:
    """The JWKS of the provider's public key."""
    public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {"keys": [{**public, "kid": key_id, "use": "sig", "alg": "RS256"}]}


def discovery_document(base: str, scopes: list[str]) -> dict[str, Any]:
    """The provider's `.well-known/openid-configuration`."""
    return {
        "issuer": base,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": scopes,
        "acr_values_supported": ["1", "2"],
    }


@dataclass(frozen=True)
class Sandbox:
    """One sandbox provider: the setting that turns it on, its issuer, key and scopes."""

    switch: str  # the setting that turns the provider on
    issuer_setting: str
    key_file: str
    key_id: str
    scopes: tuple[str, ...]

    def enabled(self) -> None:
        if not getattr(settings, self.switch):
            raise Http404()

    def issuer(self) -> str:
        return str(getattr(settings, self.issuer_setting)).rstrip("/")

    def key(self) -> rsa.RSAPrivateKey:
        return signing_key(self.key_file)

    def public_keys(self) -> dict[str, Any]:
        return key_set(self.key(), self.key_id)

    def discovery(self, request: HttpRequest) -> JsonResponse:
        self.enabled()
        return JsonResponse(discovery_document(self.issuer(), list(self.scopes)))

    def jwks(self, request: HttpRequest) -> JsonResponse:
        self.enabled()
        return JsonResponse(self.public_keys())


def error(code: str, status: int = 400) -> JsonResponse:
    """An OAuth error answer (RFC 6749 §5.2)."""
    return JsonResponse({"error": code}, status=status)


def client_credentials(request: HttpRequest) -> tuple[str, str] | None:
    """The client's id and secret, from HTTP Basic (RFC 6749 §2.3.1) or else the form; None
    when the Basic header is not base64 of UTF-8 `id:secret` (the caller answers
    `invalid_client`)."""
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Basic "):
        return request.POST.get("client_id", ""), request.POST.get("client_secret", "")
    try:
        decoded = base64.b64decode(auth[6:].strip(), validate=True).decode()
    except (binascii.Error, ValueError):  # not base64, or not UTF-8
        return None
    client_id, colon, secret = decoded.partition(":")
    return (client_id, secret) if colon else None


def client_ok(client_id: str, secret: str, *, expected_id: str, expected_secret: str) -> bool:
    """Whether the credentials are the client's; the secrets compared as bytes in constant time
    (compare_digest refuses a str with a character outside ASCII)."""
    return client_id == expected_id and hmac.compare_digest(
        secret.encode(), expected_secret.encode()
    )


def new_grant(model: type[Grant], **fields: Any) -> Grant:
    """A one-time code (and the access token it will give) for a sign-in just made."""
    created: Grant = model._default_manager.create(
        code=secrets.token_urlsafe(32),
        access_token=secrets.token_urlsafe(32),
        created_at=clock.now(),
        **fields,
    )
    return created


def _challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def redeem(model: type[Grant], *, code: str, redirect_uri: str, verifier: str) -> Grant | None:
    """The grant of `code`, now used; None (invalid_grant) when it is unknown, used, older than
    5 minutes, for another redirect URI or the PKCE verifier does not match its challenge."""
    with transaction.atomic():
        grant: Any = model._default_manager.select_for_update().filter(code=code).first()
        if (
            grant is None
            or grant.used_at is not None
            or grant.created_at < clock.now() - CODE_LIFETIME
            or grant.redirect_uri != redirect_uri
            or not hmac.compare_digest(
                _challenge_of(verifier).encode(), grant.code_challenge.encode()
            )
        ):
            return None
        grant.used_at = clock.now()
        grant.save(update_fields=["used_at"])
    redeemed: Grant = grant
    return redeemed


def tokens(grant: Any, id_token: str, seconds: int) -> dict[str, Any]:
    """The token endpoint's answer for a redeemed grant."""
    return {
        "access_token": grant.access_token,
        "token_type": "Bearer",
        "expires_in": seconds,
        "id_token": id_token,
    }


def bearer_grant(model: type[Grant], request: HttpRequest) -> Grant | None:
    """The redeemed grant whose access token the request's `Authorization: Bearer` carries."""
    return access_grant(
        model, request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    )


def access_grant(model: type[Grant], access_token: str) -> Grant | None:
    """The redeemed grant of an access token (the userinfo endpoint's account)."""
    if not access_token:
        return None
    found: Grant | None = model._default_manager.filter(
        access_token=access_token, used_at__isnull=False
    ).first()
    return found


@dataclass(frozen=True)
class Authorization:
    """An authorization request that names the client, its redirect URI and a PKCE challenge."""

    params: Any  # the query (GET: the sign-in page) or the form (POST: the choice made)
    client_id: str
    redirect_uri: str
    challenge: str

    def new_grant(self, model: type[Grant], **fields: Any) -> Grant:
        return new_grant(
            model,
            client_id=self.client_id,
            redirect_uri=self.redirect_uri,
            code_challenge=self.challenge,
            nonce=self.params.get("nonce", "")[:200],
            **fields,
        )

    def back_with(self, grant: Any) -> HttpResponse:
        """Back to the relying party with the one-time code and its state."""
        query = urlencode({"code": grant.code, "state": self.params.get("state", "")})
        return HttpResponseRedirect(f"{self.redirect_uri}?{query}")


def authorization(
    request: HttpRequest, *, client_id: str, redirect_ending: str
) -> Authorization | HttpResponse:
    """The request read, or the 400 that refuses another client, redirect URI, response type,
    or a request without a PKCE S256 challenge."""
    params = request.GET if request.method == "GET" else request.POST
    given_id, redirect_uri = params.get("client_id", ""), params.get("redirect_uri", "")
    challenge, method = params.get("code_challenge", ""), params.get("code_challenge_method", "")
    if (
        given_id != client_id
        or not redirect_uri.endswith(redirect_ending)
        or params.get("response_type") != "code"
    ):
        return HttpResponse("invalid client or redirect_uri", status=400)
    if not challenge or method != "S256":
        return HttpResponse("PKCE (S256) is required", status=400)
    return Authorization(params, given_id, redirect_uri, challenge)
