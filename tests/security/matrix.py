"""The permission matrix: every URL pattern × every kind of user → allowed or refused.

One row per URL pattern (its route as the resolver spells it), with the method sent, the body
and the set of users who are let through. Everyone else must be refused: 401, 403, 404 (another
unit's or applicant's dossier is not even confirmed to exist) or a redirect to a sign-in page.
"Allowed" means the request got past the access checks: any answer below 500 that is not a
refusal (a 400 for an incomplete form, a 409 for an action the status does not allow...).

The object is always dossier A: a marital-status certificate (a fee of 3,000 VND, paid to ward A's
approved account) filed online by citizen A, received at ward A's service point
and resolved by ward A. "own" officials work at ward A, "other" officials at ward B; citizen B
has a dossier of their own at ward B. A new URL pattern fails the test until it has a row here.
"""

from dataclasses import dataclass, field
from typing import Any

ANONYMOUS = "anonymous"
CITIZEN_OWNER, CITIZEN_OTHER = "citizen_owner", "citizen_other"
RECEIVING_OWN, RECEIVING_OTHER = "receiving_own", "receiving_other"
HANDLING_OWN, HANDLING_OTHER = "handling_own", "handling_other"
APPROVER_OWN, APPROVER_OTHER = "approver_own", "approver_other"
COORDINATOR, INSPECTOR, SYSTEM = "coordinator", "inspector", "system"

SUBJECTS = (
    ANONYMOUS,
    CITIZEN_OWNER,
    CITIZEN_OTHER,
    RECEIVING_OWN,
    RECEIVING_OTHER,
    HANDLING_OWN,
    HANDLING_OTHER,
    APPROVER_OWN,
    APPROVER_OTHER,
    COORDINATOR,
    INSPECTOR,
    SYSTEM,
)
ANYONE = frozenset(SUBJECTS)
SIGNED_IN = ANYONE - {ANONYMOUS}
CITIZENS = frozenset({CITIZEN_OWNER, CITIZEN_OTHER})
CITY_WIDE = frozenset({COORDINATOR, INSPECTOR, SYSTEM})
OFFICIALS = SIGNED_IN - CITIZENS
OWN_UNIT = frozenset({RECEIVING_OWN, HANDLING_OWN, APPROVER_OWN})
# Who sees dossier A: its applicant, ward A's officials and the city-wide roles.
SEES_A = OWN_UNIT | CITY_WIDE | {CITIZEN_OWNER}
# Who may download its papers: those who act on it (the centre and inspectors only read it).
PAPERS_A = SEES_A - {COORDINATOR, INSPECTOR}
AGENCY_OFFICIALS = frozenset({HANDLING_OWN, HANDLING_OTHER, APPROVER_OWN, APPROVER_OTHER})
NOBODY: frozenset[str] = frozenset()
OVERSIGHT = frozenset({COORDINATOR, INSPECTOR})
LEADERS = frozenset({APPROVER_OWN, APPROVER_OTHER})  # a unit's leaders (approvers)


@dataclass(frozen=True)
class Row:
    route: str  # as the URL resolver spells it (the test compares them)
    allowed: frozenset[str]
    method: str = "get"
    # with {code}, {document}, {issued}, {account}, {review}, {version}, {complaint}, {flag},
    # {case}, {agency}, {directive}, {assignment}, {point}, {message}, {subscription},
    # {delivery}, {difference}, {evidence}; default: the route
    url: str = ""
    body: dict[str, Any] = field(default_factory=dict)
    json: bool = True  # API rows send JSON; page rows send a form
    # Judged by what happens to dossier A (the action applied or not), one user per test: pages
    # answer a refused action with the form and its error, not with a 403.
    effect: bool = False
    # Sent by one user per test: the first one let through uses the thing up (a review settled).
    alone: bool = False
    statement: bool = False  # send a bank statement file
    # A redirect to a sign-in page is the expected answer (signing out), not a refusal.
    ends_at_sign_in: bool = False


def page(route: str, allowed: frozenset[str], method: str = "get", **kw: Any) -> Row:
    return Row(route, allowed, method, json=False, **kw)


API = "api/v1/"
ROWS: list[Row] = [
    # --- API: reference data and catalog (public) ---------------------------------------------
    Row(API, ANYONE),
    Row(f"{API}^units/$", ANYONE),
    Row(f"{API}^units/(?P<code>[^/.]+)/$", ANYONE, url=f"/{API}units/00070/"),
    Row(f"{API}^agencies/$", ANYONE),
    Row(f"{API}^agencies/(?P<code>[^/]+)/$", ANYONE, url=f"/{API}agencies/{{agency}}/"),
    Row(f"{API}^service-points/$", ANYONE),
    Row(
        f"{API}^service-points/(?P<code>[^/]+)/$",
        ANYONE,
        url=f"/{API}service-points/MC-00070/",
    ),
    Row(f"{API}^procedures/$", ANYONE),
    Row(f"{API}^procedures/(?P<code>[^/]+)/$", ANYONE, url=f"/{API}procedures/1.001193/"),
    Row(f"{API}^procedure-groups/$", ANYONE),
    Row(
        f"{API}^procedure-groups/(?P<code>[^/]+)/$",
        ANYONE,
        url=f"/{API}procedure-groups/nd63-khai-sinh/",
    ),
    Row(f"{API}catalog/audit/", ANYONE),  # facts of the published catalog
    Row(f"{API}schema/", ANYONE),
    Row(f"{API}docs/", ANYONE),
    Row(f"{API}assistant/ask", ANYONE, "post", body={"question": "khai sinh"}),
    Row(f"{API}assistant/ask/", ANYONE, "post", body={"question": "khai sinh"}),
    # --- API: files, verification, tracking ---------------------------------------------------
    Row(f"{API}uploads/", SIGNED_IN, "post"),
    Row(f"{API}verify/", ANYONE, "post"),
    Row(f"{API}track/<str:code>/", ANYONE, url=f"/{API}track/{{code}}/?id_last4=2345"),
    # --- API: dossiers ------------------------------------------------------------------------
    Row(f"{API}^dossiers/$", SIGNED_IN),
    Row(f"{API}^dossiers/(?P<code>[^/]+)/$", SEES_A),
    Row(f"{API}dossiers/<str:code>/events/", SEES_A),
    Row(f"{API}dossiers/<str:code>/events/verify/", SEES_A),
    Row(f"{API}dossiers/<str:code>/receipt.pdf", PAPERS_A),
    # No result is signed yet: there is none to give anyone (tests/documents covers a signed one).
    Row(f"{API}dossiers/<str:code>/result.pdf", NOBODY),
    Row(f"{API}dossiers/<str:code>/documents/", PAPERS_A),
    Row(
        f"{API}dossiers/<str:code>/documents/<int:pk>.pdf",
        PAPERS_A,
        url=f"/{API}dossiers/{{code}}/documents/{{issued}}.pdf",
    ),
    # Ward A's officials accept it (dossiers/workflow.py); the applicant withdraws their own, or
    # the counter that received it records the withdrawal.
    Row(
        f"{API}dossiers/<str:code>/actions/<str:action>/",
        OWN_UNIT,
        "post",
        url=f"/{API}dossiers/{{code}}/actions/accept/",
        body={"expected_version": "{version}"},
        effect=True,
    ),
    Row(
        f"{API}dossiers/<str:code>/actions/<str:action>/",
        frozenset({CITIZEN_OWNER, RECEIVING_OWN}),
        "post",
        url=f"/{API}dossiers/{{code}}/actions/withdraw/",
        body={"expected_version": "{version}", "reason": "Nộp nhầm"},
        effect=True,
    ),
    # --- API: payments ------------------------------------------------------------------------
    Row(f"{API}dossiers/<str:code>/payment/", SEES_A),
    Row(f"{API}dossiers/<str:code>/payment/start/", SEES_A, "post"),
    Row(
        f"{API}dossiers/<str:code>/payment/qr.<str:kind>",
        SEES_A,
        url=f"/{API}dossiers/{{code}}/payment/qr.svg",
    ),
    # A provider's callback carries no session or token: its signature is the credential, so an
    # unsigned one is refused whoever sends it.
    Row(
        f"{API}payments/providers/<str:provider>/callback/",
        NOBODY,
        "post",
        url=f"/{API}payments/providers/sandbox/callback/",
    ),
    # --- API: results by post (docs/delivery.md) ---------------------------------------------
    Row(f"{API}dossiers/<str:code>/postal/", SEES_A),
    # Only the dossier's receiving and handling officials handle a returned item (409 here:
    # dossier A has none).
    Row(
        f"{API}dossiers/<str:code>/postal/returned/",
        frozenset({RECEIVING_OWN, HANDLING_OWN}),
        "post",
        body={"handling": "counter"},
    ),
    # The postal operator's callback: its signature is the credential, as a provider's.
    Row(f"{API}delivery/postal/callback/", NOBODY, "post"),
    Row(f"{API}payments/statements/", frozenset({COORDINATOR, SYSTEM}), "post", statement=True),
    # Each agency's officials see the transfers to review on their own accounts.
    Row(f"{API}payments/reviews/", CITY_WIDE | AGENCY_OFFICIALS),
    # The centre (or its integration account) settles them; inspectors only read.
    Row(
        f"{API}payments/reviews/<int:pk>/resolve/",
        frozenset({COORDINATOR, SYSTEM}),
        "post",
        url=f"/{API}payments/reviews/{{review}}/resolve/",
        body={"resolution": "Hoàn trả"},
        alone=True,
    ),
    Row(f"{API}payments/report/", CITY_WIDE | AGENCY_OFFICIALS),
    Row(f"{API}payments/deadlines/", CITY_WIDE | AGENCY_OFFICIALS),
    Row(f"{API}^fee-accounts/$", CITY_WIDE | AGENCY_OFFICIALS),
    Row(
        f"{API}^fee-accounts/(?P<pk>[^/.]+)/approve/$",
        frozenset({COORDINATOR}),
        "post",
        url=f"/{API}fee-accounts/{{account}}/approve/",
    ),
    Row(
        f"{API}^fee-accounts/(?P<pk>[^/.]+)/return/$",
        frozenset({COORDINATOR}),
        "post",
        url=f"/{API}fee-accounts/{{account}}/return/",
        body={"reason": "Sai số tài khoản"},
    ),
    Row(
        f"{API}helpers/",
        frozenset({COORDINATOR, INSPECTOR}),
    ),
    Row(  # the centre, or ward A's own leader for ward A (identity.services.register_helper)
        f"{API}helpers/",
        frozenset({COORDINATOR, APPROVER_OWN}),
        "post",
        body={
            "username": "citizen-b",
            "unit": "00070",
            "team": "Tổ công nghệ số",
            "consent": {"method": "vneid_confirmation"},
        },
    ),
    # --- Portal -------------------------------------------------------------------------------
    page("", ANYONE),
    page("procedures/", ANYONE),
    page("procedures/<str:code>/", ANYONE, url="/procedures/1.001193/"),
    page("procedures/<str:code>/file/", SIGNED_IN, url="/procedures/1.001193/file/"),
    page(
        "procedures/<str:code>/file/<slug:step>/",
        SIGNED_IN,
        url="/procedures/1.001193/file/applicant/",
    ),
    page("groups/<slug:code>/", ANYONE, url="/groups/nd63-khai-sinh/"),
    page("groups/<slug:code>/file/", SIGNED_IN, url="/groups/nd63-khai-sinh/file/"),
    page(
        "groups/<slug:code>/file/<slug:step>/",
        SIGNED_IN,
        url="/groups/nd63-khai-sinh/file/applicant/",
    ),
    page("my/dossiers/", SIGNED_IN),
    # "My dossiers" are the applicant's own pages; officials use the workspace.
    page("my/dossiers/<str:code>/", frozenset({CITIZEN_OWNER})),
    page("my/dossiers/<str:code>/receipt/", frozenset({CITIZEN_OWNER})),
    page("my/dossiers/<str:code>/track-qr.svg", frozenset({CITIZEN_OWNER})),
    page("my/dossiers/<str:code>/supplement/", frozenset({CITIZEN_OWNER})),
    page("my/dossiers/<str:code>/supplement/", frozenset({CITIZEN_OWNER}), "post"),
    page("my/dossiers/<str:code>/evaluate/", frozenset({CITIZEN_OWNER}), "post"),
    page("my/dossiers/<str:code>/withdraw/", frozenset({CITIZEN_OWNER})),
    page("my/dossiers/<str:code>/withdraw/", frozenset({CITIZEN_OWNER}), "post"),
    page("track/", ANYONE, url="/track/?code={code}&id_last4=2345"),
    page("track/<str:code>/", ANYONE, url="/track/{code}/?id_last4=2345"),
    page("track/<str:code>", ANYONE, url="/track/{code}?id_last4=2345"),
    page("verify/", ANYONE),
    page("assistant/ask/", ANYONE, "post", body={"question": "khai sinh"}),
    # The sandbox payment page (demo only) is the applicant's, for a dossier with a fee to pay.
    page("payments/sandbox/<str:code>/", SEES_A, url="/payments/sandbox/{code}/"),
    page("i18n/setlang/", ANYONE, "post", body={"language": "en"}),
    # --- Workspace ----------------------------------------------------------------------------
    page("workspace/", OFFICIALS),
    page("workspace/overview/", CITY_WIDE),  # the centre's view of the city
    page("workspace/intake/", frozenset({RECEIVING_OWN, RECEIVING_OTHER})),
    page(
        "workspace/intake/lookup/",
        frozenset({RECEIVING_OWN, RECEIVING_OTHER}),
        "post",
        body={"procedure": "1.001193", "id_number": "001090012345"},
    ),
    page("workspace/sign-in/", ANYONE),
    page("workspace/sign-out/", ANYONE, "post", ends_at_sign_in=True),
    page("workspace/dossiers/<str:code>/", SEES_A - CITIZENS),
    page(
        "workspace/dossiers/<str:code>/act/<str:action>/",
        OWN_UNIT,
        "post",
        url="/workspace/dossiers/{code}/act/accept/",
        body={"version": "{version}"},
        effect=True,
    ),
    # Cash at the counter: the counter that received it and the handling officials, no one else.
    page(
        "workspace/dossiers/<str:code>/cash/",
        frozenset({RECEIVING_OWN, HANDLING_OWN}),
        "post",
        url="/workspace/dossiers/{code}/cash/",
        body={"version": "{version}"},
    ),
    # The preview is the approver's while deciding; dossier A is not at that step: nobody's.
    page("workspace/dossiers/<str:code>/result-preview.pdf", NOBODY),
    page(
        "workspace/dossiers/<str:code>/files/<int:pk>/",
        PAPERS_A - CITIZENS,
        url="/workspace/dossiers/{code}/files/{document}/",
    ),
    # --- Sign-in: citizens through the identity provider (the sandbox one in the demo) --------
    page("oidc/authenticate/", ANYONE),
    page("oidc/callback/", ANYONE),
    page("oidc/logout/", ANYONE, "post"),
    page("sandbox-idp/.well-known/openid-configuration", ANYONE),
    page("sandbox-idp/authorize", ANYONE),
    page("sandbox-idp/token", NOBODY, "post"),  # the client's credentials and a code, not a session
    page("sandbox-idp/userinfo", NOBODY),  # an access token, not a session
    page("sandbox-idp/jwks", ANYONE),
    # --- Integrity: complaints (anyone files and reads their answer), flags, the board, cases -
    Row(
        f"{API}complaints/",
        ANYONE,
        "post",
        body={"dossier": "{code}", "category": "delay", "text": "Chậm", "contact": "0912345678"},
    ),
    Row(  # a POST: the contact is never in a URL
        f"{API}complaints/<str:code>/",
        ANYONE,
        "post",
        url=f"/{API}complaints/{{complaint}}/",
        body={"contact": "0912345678"},
    ),
    # Complaint A is about extra documents: ward A's head answers it, and the oversight (the
    # inspection team, and the centre that oversees every complaint).
    Row(
        f"{API}complaints/<str:code>/answer/",
        OVERSIGHT | {APPROVER_OWN},
        "post",
        url=f"/{API}complaints/{{complaint}}/answer/",
        body={"answer": "Đã chấn chỉnh"},
        alone=True,
    ),
    Row(f"{API}integrity/flags/", OVERSIGHT),
    Row(
        f"{API}integrity/flags/<int:pk>/<str:action>/",
        frozenset({INSPECTOR}),  # the inspection team decides; the centre reads the queue
        "post",
        url=f"/{API}integrity/flags/{{flag}}/confirm/",
        alone=True,
    ),
    page("complaints/new/", ANYONE),
    page("complaints/filed/", ANYONE),
    page("complaints/answer/", ANYONE),
    page("my/complaints/", SIGNED_IN),
    page("workspace/complaints/", OVERSIGHT | LEADERS),
    page(
        "workspace/complaints/<str:code>/",
        OVERSIGHT | {APPROVER_OWN},
        url="/workspace/complaints/{complaint}/",
    ),
    page(
        "workspace/complaints/<str:code>/evidence/<int:pk>/",
        OVERSIGHT | {APPROVER_OWN},
        url="/workspace/complaints/{complaint}/evidence/{evidence}/",
    ),
    page("workspace/integrity/flags/", OVERSIGHT),
    page(
        "workspace/integrity/flags/<int:pk>/", OVERSIGHT, url="/workspace/integrity/flags/{flag}/"
    ),
    page(
        "workspace/integrity/flags/<int:pk>/review/",
        frozenset({INSPECTOR}),
        "post",
        url="/workspace/integrity/flags/{flag}/review/",
        body={"decision": "confirm"},
        alone=True,
    ),
    page("workspace/integrity/board/", OVERSIGHT),
    page(
        "workspace/integrity/board/<str:code>/",
        OVERSIGHT,
        url="/workspace/integrity/board/{agency}/",
    ),
    page("workspace/integrity/cases/", OVERSIGHT),
    page(
        "workspace/integrity/cases/<int:pk>/", OVERSIGHT, url="/workspace/integrity/cases/{case}/"
    ),
    # --- Monitoring: the centre sees the city, a unit's leader their unit ---------------------
    Row(f"{API}indicators/", CITY_WIDE | LEADERS),
    Row(f"{API}indicators.csv", CITY_WIDE | LEADERS),
    page("workspace/monitoring/", CITY_WIDE | LEADERS),
    page("workspace/monitoring/ranking/", CITY_WIDE | LEADERS),
    page("workspace/monitoring/bottleneck/", CITY_WIDE | LEADERS),
    page("workspace/monitoring/report/", CITY_WIDE | LEADERS),
    page(
        "workspace/monitoring/units/<str:code>/",
        CITY_WIDE | {APPROVER_OWN},
        url="/workspace/monitoring/units/{agency}/",
    ),
    page(
        "workspace/monitoring/units/<str:code>/dossiers/",
        CITY_WIDE | {APPROVER_OWN},
        url="/workspace/monitoring/units/{agency}/dossiers/",
    ),
    # --- Directives and readiness: the centre assigns, the assignees report -------------------
    page("workspace/directives/", OFFICIALS),
    page("workspace/directives/new/", frozenset({COORDINATOR})),
    page("workspace/directives/difficulties.xlsx", frozenset({COORDINATOR})),
    # A directive to ward A: the centre, ward A's committee officials and the city's readers.
    page(
        "workspace/directives/<int:pk>/",
        CITY_WIDE | {HANDLING_OWN, APPROVER_OWN},
        url="/workspace/directives/{directive}/",
    ),
    page(
        "workspace/directives/<int:pk>/urge/",
        frozenset({COORDINATOR}),
        "post",
        url="/workspace/directives/{directive}/urge/",
    ),
    page(
        "workspace/assignments/<int:pk>/",
        CITY_WIDE | {HANDLING_OWN, APPROVER_OWN},
        url="/workspace/assignments/{assignment}/",
    ),
    page("workspace/readiness/", OFFICIALS),
    page("workspace/parts/", OFFICIALS),  # each official's own agency's joint parts
    # A part's action: dossier A has no parts; those who see it are sent back to it (302).
    page(
        "workspace/dossiers/<str:code>/parts/<int:part>/<str:action>/",
        SEES_A - CITIZENS,
        "post",
        url="/workspace/dossiers/{code}/parts/1/hand-over/",
        body={"version": "{version}"},
    ),  # every unit sees where it stands
    page(
        "workspace/readiness/<str:code>/",
        CITY_WIDE | OWN_UNIT,  # its own officials enter, the city reads
        url="/workspace/readiness/{point}/",
    ),
    # --- Webhook subscriptions: systems only, each its own ---------------------------------
    Row(f"{API}^subscriptions/$", frozenset({SYSTEM})),
    Row(f"{API}^subscriptions/$", frozenset({SYSTEM}), "post", body={"url": "http://127.0.0.1:9/"}),
    Row(
        f"{API}^subscriptions/(?P<pk>[^/.]+)/$",
        frozenset({SYSTEM}),
        url=f"/{API}subscriptions/{{subscription}}/",
    ),
    Row(
        f"{API}subscriptions/<int:pk>/deliveries/",
        frozenset({SYSTEM}),
        url=f"/{API}subscriptions/{{subscription}}/deliveries/",
    ),
    Row(
        f"{API}subscriptions/<int:pk>/deliveries/<int:delivery>/redeliver/",
        frozenset({SYSTEM}),
        "post",
        url=f"/{API}subscriptions/{{subscription}}/deliveries/{{delivery}}/redeliver/",
    ),
    # --- The outbox, health and metrics -------------------------------------------------------
    page("workspace/outbox/", frozenset({COORDINATOR})),
    page(
        "workspace/outbox/<int:pk>/retry/",
        frozenset({COORDINATOR}),
        "post",
        url="/workspace/outbox/{message}/retry/",
    ),
    page("health/live", ANYONE),
    page("health/ready", ANYONE),
    page("metrics", ANYONE),
    page("sandbox-portal/events", NOBODY, "post"),  # the portal's token, not a session
    # The sandbox national portal's own faces: its bearer token, never a session.
    page("sandbox-portal/", NOBODY),
    page("sandbox-portal/pending", NOBODY),
    page("sandbox-portal/acknowledgements", NOBODY, "post"),
    page("sandbox-portal/holdings", NOBODY, "post"),
    page("sandbox-portal/files/<str:name>", NOBODY, url="/sandbox-portal/files/any.pdf"),
    page("sandbox-portal/updates", NOBODY),
    page("sandbox-portal/update-acknowledgements", NOBODY, "post"),
    # Single sign-on from the national portal: anyone may start it (the portal's sign-in
    # decides who they are); the callback refuses whatever it was not sent by that sign-in.
    page("sso/national-portal/", ANYONE, url="/sso/national-portal/?next=/my/dossiers/"),
    page("sso/national-portal/callback/", ANYONE),
    # The sandbox national portal's sign-on (a provider: its tokens, never a session).
    page("sandbox-portal/sso/.well-known/openid-configuration", ANYONE),
    page("sandbox-portal/sso/authorize", ANYONE),
    page("sandbox-portal/sso/token", NOBODY, "post"),
    page("sandbox-portal/sso/userinfo", NOBODY),
    page("sandbox-portal/sso/jwks", ANYONE),
    # --- The national portal as the front door (issue 23) --------------------------------------
    # Dossiers come in with a system's token (or the portal's signature, no user at all); the
    # centre and the inspectors read what came in and the reconciliation, and may resend.
    Row(f"{API}national-portal/dossiers/", CITY_WIDE),
    Row(f"{API}national-portal/dossiers/", frozenset({SYSTEM}), "post", body={}),
    Row(f"{API}national-portal/updates/", CITY_WIDE),
    Row(f"{API}national-portal/updates/", frozenset({SYSTEM}), "post", body={}),
    Row(f"{API}national-portal/reconciliation/", CITY_WIDE),
    Row(
        f"{API}national-portal/reconciliation/<int:pk>/resend/",
        CITY_WIDE,
        "post",
        url=f"/{API}national-portal/reconciliation/{{difference}}/resend/",
    ),
    # --- Django admin: superusers and staff only (none of these users) ------------------------
    page("admin/", NOBODY),
]

# Every admin URL pattern sits behind the admin site's one gate; these are sent.
ADMIN_SAMPLES = [
    "/admin/",
    "/admin/dossiers/dossier/",
    "/admin/catalog/procedure/",
    "/admin/auth/user/",
    "/admin/identity/membership/",
]
