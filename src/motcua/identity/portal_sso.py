"""Single sign-on from the national public service portal (DVCQG SSO), issue 23 item 6.

Where the portal links to a resident's dossier (`/my/dossiers/<code>/`) or to an official's
page (`/workspace/dossiers/<code>/`), the link goes through `/sso/national-portal/?next=<page>`:
we send the browser to the portal's OpenID Connect provider (authorization code with PKCE S256,
a one-time `state` and `nonce` kept in the session), the portal (where the person is signed in
already) sends it back with a code, and we exchange it server to server, check the ID token
(RS256 against the portal's keys, issuer, audience, expiry, nonce), read the account
(`userinfo`, the portal's field names) and sign the person in:

- towards `/workspace/…`: the official account linked to that ID number
  (`OfficialPortalLink`), or a refusal (no link, no access by the back door);
- anywhere else: the citizen with that ID number (created on the first visit, as a VNeID
  sign-in does), who sees their own dossiers only.

A replayed or foreign `state`, an expired or forged token and a `next` that leaves this site
are refused with a page that says why, in Vietnamese and English. Where the page itself checks
access (the workspace's dossier is 404 to an official without a role on it), it still does.
"""

import base64
import hashlib
import logging
import secrets
import time
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

import jwt

from motcua.identity import connectors, services
from motcua.identity.connectors.base import SignOnFailed
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.models import OfficialPortalLink
from motcua.identity.oidc import SESSION_LEVEL

logger = logging.getLogger(__name__)
SESSION_KEY = "motcua_portal_sso"
STATE_SECONDS = 600  # a sign-in started more than 10 minutes ago is not finished
KEPT_STATES = 5  # sign-ins started in other tabs, at most
DEFAULT_NEXT = "/my/dossiers/"
WORKSPACE = "/workspace/"
CITIZEN_ACCOUNT = "1"  # LoaiTaiKhoan: 1 citizen, 2 enterprise, 3 organisation

REASONS = {
    "next": (
        400,
        _(
            "The link asks to go on to another site after signing in. For your safety, "
            "only pages of this system are allowed."
        ),
    ),
    "state": (
        400,
        _(
            "This sign-in link has already been used, or was not started here. Open the link "
            "on the national public service portal again."
        ),
    ),
    "expired": (
        400,
        _("This sign-in has expired. Open the link on the national public service portal again."),
    ),
    "signature": (
        400,
        _(
            "The national portal's sign-in could not be verified (its signature or issuer is "
            "wrong). You have not been signed in."
        ),
    ),
    "provider": (
        400,
        _(
            "The national public service portal did not confirm this sign-in. Please try "
            "again from the portal."
        ),
    ),
    "account": (
        400,
        _("The national portal's account has no valid personal identification number."),
    ),
    "organisation": (
        400,
        _(
            "Organisation accounts of the national portal cannot sign in here yet: sign in "
            "with your personal account."
        ),
    ),
    "official": (
        403,
        _(
            "No official account of this system is linked to your national portal account. "
            "Ask the centre to link it."
        ),
    ),
}


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def refused_page(request: HttpRequest, reason: str) -> HttpResponse:
    """The page that says why the sign-in was refused, in Vietnamese then English."""
    status, message = REASONS[reason]
    with translation.override("en"):
        english = str(message)
    logger.warning("portal_sso_refused", extra={"reason": reason})
    context = {"message": message, "message_en": english, "reason": reason}
    return TemplateResponse(request, "identity/portal_sso_refused.html", context, status=status)


def safe_next(request: HttpRequest, target: str) -> str:
    """The page to land on: a path of this site, or Refused("next")."""
    target = target or DEFAULT_NEXT
    parts = urlsplit(target)
    if (
        not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or parts.scheme
        or parts.netloc
        or any(c in target for c in "\\\r\n\t\x00")
        or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        raise Refused("next")
    return target


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portal_sso:callback"))


def start(request: HttpRequest) -> HttpResponse:
    """GET /sso/national-portal/?next=…: off to the portal's sign-on, back at `callback`."""
    try:
        target = safe_next(request, request.GET.get("next", ""))
    except Refused as exc:
        return refused_page(request, exc.reason)
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    pending = dict(request.session.get(SESSION_KEY, {}))
    for old in sorted(pending, key=lambda s: pending[s]["at"])[
        : max(0, len(pending) - KEPT_STATES + 1)
    ]:
        pending.pop(old)
    pending[state] = {"nonce": nonce, "verifier": verifier, "next": target, "at": time.time()}
    request.session[SESSION_KEY] = pending
    query = urlencode(
        {
            "response_type": "code",
            "client_id": settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
            "redirect_uri": _callback_url(request),
            "scope": "openid",
            "state": state,
            "nonce": nonce,
            "code_challenge": _challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    return HttpResponseRedirect(f"{connectors.portal_sign_on().authorize_url()}?{query}")


def _taken(request: HttpRequest) -> dict[str, Any]:
    """The sign-in this callback finishes, taken out of the session: once only."""
    pending = dict(request.session.get(SESSION_KEY, {}))
    found = pending.pop(request.GET.get("state", ""), None)
    request.session[SESSION_KEY] = pending
    if found is None:
        raise Refused("state")
    if time.time() - float(found["at"]) > STATE_SECONDS:
        raise Refused("expired")
    return found


def verified_token(id_token: str, keys: dict[str, Any], nonce: str) -> dict[str, Any]:
    """The ID token's claims once its signature, issuer, audience, expiry and nonce hold."""
    try:
        kid = jwt.get_unverified_header(id_token).get("kid")
        found = [k for k in keys.get("keys", []) if not kid or k.get("kid") == kid]
        if not found:
            raise Refused("signature")
        key = jwt.PyJWK(found[0], algorithm="RS256")
        claims = jwt.decode(
            id_token,
            key,
            algorithms=["RS256"],
            audience=settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
            issuer=settings.MOTCUA_PORTAL_SSO_ISSUER.rstrip("/"),
            options={"require": ["exp", "iat", "sub"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Refused("expired") from exc
    except (jwt.InvalidTokenError, jwt.PyJWKError, ValueError, TypeError) as exc:
        raise Refused("signature") from exc
    if not secrets.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise Refused("state")  # a token minted for another sign-in: a replay
    return claims


def _born(value: Any) -> date | None:
    text = str(value or "").strip()
    for shape in (text[:10], f"{text[:4]}-{text[4:6]}-{text[6:8]}"):
        try:
            return date.fromisoformat(shape)
        except ValueError:
            continue
    return None


def _person(account: dict[str, Any]) -> dict[str, Any]:
    """Who the portal says this is, in our terms (or Refused)."""
    if str(account.get("LoaiTaiKhoan", CITIZEN_ACCOUNT)) != CITIZEN_ACCOUNT:
        raise Refused("organisation")
    number = str(account.get("SoDinhDanh") or account.get("SoCMND") or "").strip()
    born = _born(account.get("NgayThangNamSinh"))
    sex = {"1": "male", "2": "female"}.get(str(account.get("GioiTinh", "")), "")
    if id_number_problem(number, born_on=born, sex=sex or None) is not None:
        raise Refused("account")
    return {
        "id_number": number,
        "full_name": str(account.get("HoVaTen", ""))[:200],
        "date_of_birth": born,
        "sex": sex,
        "email": str(account.get("ThuDienTu", "") or "")[:254],
        "phone": str(account.get("SoDienThoai", "") or "")[:20],
    }


def _official(number: str) -> AbstractBaseUser:
    link = OfficialPortalLink.objects.select_related("user").filter(id_number=number).first()
    if link is None or not link.user.is_active:
        raise Refused("official")
    return link.user


def callback(request: HttpRequest) -> HttpResponse:
    """GET /sso/national-portal/callback/?code&state: check everything, sign in, land."""
    try:
        pending = _taken(request)
        target = safe_next(request, pending["next"])
        if request.GET.get("error") or not request.GET.get("code"):
            raise Refused("provider")
        portal = connectors.portal_sign_on()
        try:
            tokens = portal.exchange(
                code=request.GET["code"],
                redirect_uri=_callback_url(request),
                verifier=pending["verifier"],
            )
            claims = verified_token(
                str(tokens.get("id_token", "")), portal.keys(), pending["nonce"]
            )
            account = portal.userinfo(str(tokens.get("access_token", "")))
        except SignOnFailed as exc:
            logger.warning("portal_sso_provider_failed", extra={"error": str(exc)[:200]})
            raise Refused("provider") from exc
        if str(account.get("sub", "")) != str(claims["sub"]):
            raise Refused("signature")  # the account is not the token's person
        person = _person(account)
        level = 2 if str(claims.get("acr") or account.get("loAs") or "1") == "2" else 1
        if target.startswith(WORKSPACE):
            user = _official(person["id_number"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        else:
            user = services.citizen_signed_on(person, level=level)
            login(request, user, backend="motcua.identity.oidc.CitizenBackend")
            request.session[SESSION_LEVEL] = level
    except Refused as exc:
        return refused_page(request, exc.reason)
    logger.info(
        "portal_sso_signed_in",
        extra={"user": user.pk, "official": target.startswith(WORKSPACE)},
    )
    return HttpResponseRedirect(target)
