"""All configuration, read from environment variables (docs/configuration.md lists each one)."""

import os
import warnings
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

# --- Environment -----------------------------------------------------------------------------
VAR_DIR = Path(env.str("MOTCUA_VAR_DIR", default=str(Path.cwd() / "var")))
MOTCUA_ENV = env.str("MOTCUA_ENV", default="demo")  # demo | production
DEBUG = env.bool("MOTCUA_DEBUG", default=False)
SECRET_KEY = env.str("MOTCUA_SECRET_KEY", default="demo-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env.list("MOTCUA_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("MOTCUA_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "motcua.identity.admin_apps.MotcuaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "mozilla_django_oidc",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "motcua.core",
    "motcua.workcalendar",
    "motcua.geography",
    "motcua.catalog",
    "motcua.identity",
    "motcua.documents",
    "motcua.integrity",
    "motcua.integrations",
    "motcua.monitoring",
    "motcua.directives",
    "motcua.readiness",
    "motcua.dossiers",
    "motcua.payments",
    "motcua.nationalportal",
    "motcua.delivery",
    "motcua.assistant",
    "motcua.web",
    "motcua.portal",
    "motcua.workspace",
    "motcua.api",
    "motcua.worker",
]
# The demo's data loaders and the integrity rehearsal (`motcua load_demo`, `motcua demo ...`):
# never installed in production (docs/adr/0002-demo-app.md).
if MOTCUA_ENV != "production":
    INSTALLED_APPS.append("motcua.demo")

MIDDLEWARE = [
    "motcua.integrations.metrics.RequestMetrics",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "motcua.core.unstorable.RefuseUnstorableText",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# Default: an SQLite file under var/ in WAL mode, so `make run` needs no server.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("MOTCUA_DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env.str("MOTCUA_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files and issued documents: local disk by default, or an S3-compatible object store.
MOTCUA_STORAGE = env.str("MOTCUA_STORAGE", default="local")  # local | s3
if MOTCUA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MOTCUA_S3_BUCKET"),
            "endpoint_url": env.str("MOTCUA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MOTCUA_S3_REGION", default="") or None,
            "access_key": env.str("MOTCUA_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("MOTCUA_S3_SECRET_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True

# --- Caches ----------------------------------------------------------------------------------
# "shared": what every process and node must agree on (the API's rate limits). In the database by
# default (`motcua createcachetable` makes its table); any Django cache URL works (redis://…).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": env.cache_url("MOTCUA_SHARED_CACHE_URL", default="dbcache://motcua_shared_cache"),
}

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "motcua.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    # JSON in (shared/API.md); the views that take a file declare MultiPartParser themselves.
    # Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE are a 413 (motcua.api.parsers).
    "DEFAULT_PARSER_CLASSES": ["motcua.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "motcua.api.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Proxies in front of the app: rate limits count the address each one forwards; with 0 the
    # client's own address counts and a forged X-Forwarded-For header changes nothing.
    "NUM_PROXIES": env.int("MOTCUA_NUM_PROXIES", default=0),
    # Rate limits (motcua.core.throttles, docs/security.md), per user or client address: n/s|m|h|d.
    "DEFAULT_THROTTLE_RATES": {
        "tracking": env.str("MOTCUA_RATE_TRACKING", default="30/min"),
        # wrong ID digits per dossier code, whichever address sends them (dossiers/tracking.py)
        "tracking_dossier": env.str("MOTCUA_RATE_TRACKING_DOSSIER", default="10/hour"),
        "uploads": env.str("MOTCUA_RATE_UPLOADS", default="60/min"),
        "verify": env.str("MOTCUA_RATE_VERIFY", default="20/min"),
        "complaints": env.str("MOTCUA_RATE_COMPLAINTS", default="10/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Motcua API",
    "DESCRIPTION": (
        "One-stop shop for administrative procedures (REST API v1). Errors are "
        '`{"error": {"code", "message", "message_en", "fields"}}`; officials and systems send '
        "`Authorization: Token <key>`. What changed when: docs/api-changelog.md; events for "
        "integrators (webhooks): docs/webhooks.md."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "AGPL-3.0-or-later", "url": "https://www.gnu.org/licenses/agpl-3.0.html"},
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Stable names for enums whose field name ("kind") several components share.
    "ENUM_NAME_OVERRIDES": {
        "ReviewKindEnum": "motcua.payments.models.ReviewKind",
        "ConsentMethodEnum": "motcua.identity.models.ConsentMethod",
        "FilingChannelEnum": "motcua.catalog.models.FILING_CHANNELS",
        "ChannelEnum": "motcua.dossiers.models.Channel",
        "FactStateEnum": "motcua.catalog.models.FactState",
        "FactSourceEnum": "motcua.catalog.models.FactSource",
        "NationalUpdateKindEnum": "motcua.integrations.models.UpdateKind",
        "NationalUpdateStateEnum": "motcua.integrations.models.UpdateState",
    },
    # Every asset is served by the app itself: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "motcua.api.schema.describe",
    ],
}

# --- Domain ----------------------------------------------------------------------------------
# The province this deployment serves (official code; "01" is Thành phố Hà Nội).
MOTCUA_PROVINCE = env.str("MOTCUA_PROVINCE", default="01")
# DOMAIN N2: Vietnam Culture Day (24/11) is a day off only once the centre says it is law.
MOTCUA_CULTURE_DAY_OFF = env.bool("MOTCUA_CULTURE_DAY_OFF", default=False)
# The province's level-1 code in the national electronic agency-identifier scheme; the agency
# identifiers that start every dossier code (DOMAIN I4) are built under it.
MOTCUA_AGENCY_ID_PREFIX = env.str("MOTCUA_AGENCY_ID_PREFIX", default="H26")
MOTCUA_DEMO_PASSWORD = env.str("MOTCUA_DEMO_PASSWORD", default="motcua-demo-2026")
MOTCUA_IMPORT_MAX_BYTES = env.int("MOTCUA_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
MOTCUA_UPLOAD_MAX_BYTES = env.int("MOTCUA_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# National data sources (population database / VNeID, ...), chosen by dotted path.
MOTCUA_NATIONAL_DATA_CONNECTOR = env.str(
    "MOTCUA_NATIONAL_DATA_CONNECTOR",
    default="motcua.identity.connectors.sandbox.SandboxNationalData",
)
# The HTTP adapter (motcua.identity.connectors.http.HttpNationalData): the data-sharing platform.
MOTCUA_NATIONAL_DATA_URL = env.str("MOTCUA_NATIONAL_DATA_URL", default="")
MOTCUA_NATIONAL_DATA_TOKEN = env.str("MOTCUA_NATIONAL_DATA_TOKEN", default="")
MOTCUA_NATIONAL_DATA_TIMEOUT = env.float("MOTCUA_NATIONAL_DATA_TIMEOUT", default=5.0)
MOTCUA_NATIONAL_DATA_RETRIES = env.int("MOTCUA_NATIONAL_DATA_RETRIES", default=2)
# The national business registration database (issue 22): an enterprise's registered data by
# its enterprise code; the HTTP adapter is motcua.identity.connectors.business.HttpBusinessRegistry.
MOTCUA_BUSINESS_REGISTRY_CONNECTOR = env.str(
    "MOTCUA_BUSINESS_REGISTRY_CONNECTOR",
    default="motcua.identity.connectors.business.SandboxBusinessRegistry",
)
MOTCUA_BUSINESS_REGISTRY_URL = env.str("MOTCUA_BUSINESS_REGISTRY_URL", default="")
MOTCUA_BUSINESS_REGISTRY_TOKEN = env.str("MOTCUA_BUSINESS_REGISTRY_TOKEN", default="")
# The sandbox adapter answers "unavailable" for every source (to show intake without it).
MOTCUA_SANDBOX_DATA_DOWN = env.bool("MOTCUA_SANDBOX_DATA_DOWN", default=False)

# --- Background jobs: the task queue and `motcua worker` (docs/operations.md) ----------------
# django-tasks with its database backend: the jobs wait in the database we already have
# (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), one queue per kind of work.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["outbox", "deadlines", "default", "scans"],  # motcua.core.jobs
    }
}
# The period of most periodic jobs (the sweep, the rollups, the national portal's pull, ...).
MOTCUA_WORKER_INTERVAL_SECONDS = env.int("MOTCUA_WORKER_INTERVAL_SECONDS", default=60)
# The period of outbox delivery (its own queue and process).
MOTCUA_OUTBOX_INTERVAL_SECONDS = env.int(
    "MOTCUA_OUTBOX_INTERVAL_SECONDS", default=min(5, MOTCUA_WORKER_INTERVAL_SECONDS)
)
# The processes `motcua worker` starts on a node: one per group, groups separated by ";", the
# queues of a group by ",". "*" alone: one process for every queue.
MOTCUA_WORKER_PROCESSES = [
    [queue.strip() for queue in group.split(",") if queue.strip()]
    for group in env.str("MOTCUA_WORKER_PROCESSES", default="outbox;deadlines;default;scans").split(
        ";"
    )
    if group.strip()
]
# How often an idle worker looks for a job; how many times a failing job is tried, and the
# first wait before a retry (doubled at each attempt, up to the maximum).
MOTCUA_WORKER_POLL_SECONDS = env.float("MOTCUA_WORKER_POLL_SECONDS", default=1.0)
MOTCUA_WORKER_MAX_ATTEMPTS = env.int("MOTCUA_WORKER_MAX_ATTEMPTS", default=5)
MOTCUA_WORKER_BACKOFF_SECONDS = env.float("MOTCUA_WORKER_BACKOFF_SECONDS", default=5.0)
MOTCUA_WORKER_BACKOFF_MAX_SECONDS = env.float("MOTCUA_WORKER_BACKOFF_MAX_SECONDS", default=600.0)
# A worker process whose heartbeat is older than this is lost (killed, its node gone): the job
# it was running is tried again by another one.
MOTCUA_WORKER_LOST_SECONDS = env.int("MOTCUA_WORKER_LOST_SECONDS", default=60)
# Finished jobs' rows are kept this many days (failed ones ten times as long), then pruned.
MOTCUA_WORKER_KEEP_DAYS = env.int("MOTCUA_WORKER_KEEP_DAYS", default=2)
# The public address of the portal, printed on documents (tracking QR, verification link).
MOTCUA_PUBLIC_URL = env.str("MOTCUA_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")

# The centre's telephone line, offered when a search finds nothing (Hanoi's 1022 switchboard).
MOTCUA_HOTLINE = env.str("MOTCUA_HOTLINE", default="1022")

# --- Virtual assistant (docs/assistant.md) ---------------------------------------------------
# Where an answer's "start filing" link leads; {public_url} and {code} are filled in.
MOTCUA_ASSISTANT_FILING_URL = env.str(
    "MOTCUA_ASSISTANT_FILING_URL", default="{public_url}/procedures/{code}/"
)
# Questions to the assistant per client address (its API and its chat box alike): n/sec|min|hour.
MOTCUA_ASSISTANT_RATE = env.str("MOTCUA_ASSISTANT_RATE", default="20/min")
MOTCUA_INDICATORS_RATE = env.str("MOTCUA_INDICATORS_RATE", default="120/min")
# How long a conversation is remembered for follow-up questions ("thế còn lệ phí?").
MOTCUA_ASSISTANT_CONVERSATION_MINUTES = env.int("MOTCUA_ASSISTANT_CONVERSATION_MINUTES", default=30)
# Where the assistant's index is stored when the catalog is published, one file per catalog
# revision, loaded by every worker (a folder all workers of a node share).
MOTCUA_ASSISTANT_INDEX_DIR = Path(
    env.str("MOTCUA_ASSISTANT_INDEX_DIR", default=str(VAR_DIR / "assistant-index"))
)
# An optional OpenAI-compatible chat-completions endpoint that may only rephrase grounded answers;
# empty: off.
MOTCUA_ASSISTANT_LLM_URL = env.str("MOTCUA_ASSISTANT_LLM_URL", default="")
MOTCUA_ASSISTANT_LLM_MODEL = env.str("MOTCUA_ASSISTANT_LLM_MODEL", default="")
MOTCUA_ASSISTANT_LLM_API_KEY = env.str("MOTCUA_ASSISTANT_LLM_API_KEY", default="")
MOTCUA_ASSISTANT_LLM_TIMEOUT = env.float("MOTCUA_ASSISTANT_LLM_TIMEOUT", default=5.0)

# --- Integrity oversight (docs/integrity.md) -------------------------------------------------
# The rolling window the broker signals are counted over, in days.
MOTCUA_INTEGRITY_WINDOW_DAYS = env.int("MOTCUA_INTEGRITY_WINDOW_DAYS", default=30)
# A submitter identity is flagged at this score (0-100) if it filed for this many applicants.
MOTCUA_INTEGRITY_BROKER_THRESHOLD = env.int("MOTCUA_INTEGRITY_BROKER_THRESHOLD", default=35)
MOTCUA_INTEGRITY_MIN_APPLICANTS = env.int("MOTCUA_INTEGRITY_MIN_APPLICANTS", default=6)
# An official is flagged after this many requests beyond the list in the window.
MOTCUA_INTEGRITY_EXTRA_THRESHOLD = env.int("MOTCUA_INTEGRITY_EXTRA_THRESHOLD", default=2)
# A dossier with more supplementation rounds than this is flagged (DOMAIN P1 allows one, more
# only when the applicant's own supplement was incomplete).
MOTCUA_INTEGRITY_MAX_SUPPLEMENT_ROUNDS = env.int(
    "MOTCUA_INTEGRITY_MAX_SUPPLEMENT_ROUNDS", default=2
)
# The worker's nightly rescan runs once a night, from this local hour on.
MOTCUA_INTEGRITY_SCAN_HOUR = env.int("MOTCUA_INTEGRITY_SCAN_HOUR", default=1)
# Working days to answer a complaint (Decision 766 item 5.2: handled within 15 working days).
MOTCUA_COMPLAINT_ANSWER_DAYS = env.int("MOTCUA_COMPLAINT_ANSWER_DAYS", default=15)
# Complaints and answer look-ups per client address (API and portal form alike).
MOTCUA_COMPLAINT_RATE = env.str("MOTCUA_COMPLAINT_RATE", default="10/hour")

# --- Citizens' sign-in (OpenID Connect: VNeID in production, the sandbox provider in the demo) -
MOTCUA_SANDBOX_IDP = env.bool("MOTCUA_SANDBOX_IDP", default=MOTCUA_ENV != "production")
MOTCUA_OIDC_ISSUER = env.str(
    "MOTCUA_OIDC_ISSUER", default=f"{MOTCUA_PUBLIC_URL}/sandbox-idp"
).rstrip("/")
MOTCUA_OIDC_CLIENT_ID = env.str("MOTCUA_OIDC_CLIENT_ID", default="motcua-demo")
MOTCUA_OIDC_CLIENT_SECRET = env.str("MOTCUA_OIDC_CLIENT_SECRET", default="sandbox-only-secret")
MOTCUA_OIDC_ID_NUMBER_CLAIM = env.str("MOTCUA_OIDC_ID_NUMBER_CLAIM", default="id_number")
MOTCUA_OIDC_LEVEL_CLAIM = env.str("MOTCUA_OIDC_LEVEL_CLAIM", default="acr")
# The claim that lists the organisations the person represents or is authorised for (VNeID
# organisation accounts, read at level 2 only).
MOTCUA_OIDC_ORGANISATIONS_CLAIM = env.str(
    "MOTCUA_OIDC_ORGANISATIONS_CLAIM", default="organisations"
)
OIDC_RP_CLIENT_ID = MOTCUA_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = MOTCUA_OIDC_CLIENT_SECRET
OIDC_RP_SCOPES = env.str("MOTCUA_OIDC_SCOPES", default="openid profile")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_CALLBACK_CLASS = "motcua.identity.oidc.CallbackView"
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str(
    "MOTCUA_OIDC_AUTHORIZATION_ENDPOINT", default=f"{MOTCUA_OIDC_ISSUER}/authorize"
)
OIDC_OP_TOKEN_ENDPOINT = env.str(
    "MOTCUA_OIDC_TOKEN_ENDPOINT", default=f"{MOTCUA_OIDC_ISSUER}/token"
)
OIDC_OP_USER_ENDPOINT = env.str(
    "MOTCUA_OIDC_USERINFO_ENDPOINT", default=f"{MOTCUA_OIDC_ISSUER}/userinfo"
)
OIDC_OP_JWKS_ENDPOINT = env.str("MOTCUA_OIDC_JWKS_ENDPOINT", default=f"{MOTCUA_OIDC_ISSUER}/jwks")
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": "2"}
LOGIN_URL = "/oidc/authenticate/"  # pages for citizens send them to sign in with VNeID
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # failed-login throttling first (django-axes)
    "django.contrib.auth.backends.ModelBackend",
    "motcua.identity.oidc.CitizenBackend",
]

# Officials: a TOTP second factor (django-otp) on the admin and the workspace; on in production.
MOTCUA_REQUIRE_OTP = env.bool("MOTCUA_REQUIRE_OTP", default=MOTCUA_ENV == "production")
OTP_TOTP_ISSUER = "Motcua"
# Failed sign-ins (django-axes): after this many for one username from one client address (the
# real one behind MOTCUA_NUM_PROXIES, not the proxy's), that address is locked out for that
# username; after MOTCUA_LOGIN_STEP_UP_LIMIT for one username from all addresses together, the
# owner still signs in, but with the TOTP code of their authenticator (motcua.identity.sign_in).
AXES_FAILURE_LIMIT = env.int("MOTCUA_LOGIN_FAILURE_LIMIT", default=5)
MOTCUA_LOGIN_STEP_UP_LIMIT = env.int("MOTCUA_LOGIN_STEP_UP_LIMIT", default=10)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "motcua.core.throttles.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Payments --------------------------------------------------------------------------------
# The national payment platform: where payment orders are opened, and the HMAC secret that signs
# its callbacks (callbacks are refused while it is empty).
MOTCUA_PAYGOV_URL = env.str("MOTCUA_PAYGOV_URL", default="")
MOTCUA_PAYGOV_SECRET = env.str("MOTCUA_PAYGOV_SECRET", default="")
# The sandbox provider of the demo and the tests: a page where the payer confirms or fails.
MOTCUA_SANDBOX_PAYMENTS = env.bool("MOTCUA_SANDBOX_PAYMENTS", default=MOTCUA_ENV != "production")
MOTCUA_SANDBOX_PAYMENT_SECRET = env.str(
    "MOTCUA_SANDBOX_PAYMENT_SECRET", default="sandbox-only-not-a-secret"
)

# --- Documents -------------------------------------------------------------------------------
# Images whose pixel count exceeds this are refused (decompression bombs).
MOTCUA_UPLOAD_MAX_PIXELS = env.int("MOTCUA_UPLOAD_MAX_PIXELS", default=60_000_000)
# clamd's Unix socket; when set, every upload is scanned and refused if infected or unscanned.
MOTCUA_CLAMAV_SOCKET = env.str("MOTCUA_CLAMAV_SOCKET", default="")
# Signing: "demo" (a demo CA under MOTCUA_PKI_DIR) or "pkcs12" (each agency's own certificate).
MOTCUA_SIGNING = env.str("MOTCUA_SIGNING", default="demo")
MOTCUA_PKI_DIR = Path(env.str("MOTCUA_PKI_DIR", default=str(VAR_DIR / "pki")))
MOTCUA_SIGNING_PKCS12_PATH = env.str(
    "MOTCUA_SIGNING_PKCS12_PATH", default="/etc/motcua/pki/{agency}.p12"
)
MOTCUA_SIGNING_PKCS12_PASSPHRASE = env.str("MOTCUA_SIGNING_PKCS12_PASSPHRASE", default="")
# PEM files of the roots that /api/v1/verify/ trusts; empty in demo mode: the demo root.
MOTCUA_TRUST_ROOTS = env.list("MOTCUA_TRUST_ROOTS", default=[])

# --- Integrations: the outbox, the national portal, notices (docs/integrations.md) -----------
MOTCUA_OUTBOX_MAX_ATTEMPTS = env.int("MOTCUA_OUTBOX_MAX_ATTEMPTS", default=12)
MOTCUA_OUTBOX_BACKOFF_SECONDS = env.float("MOTCUA_OUTBOX_BACKOFF_SECONDS", default=30.0)
MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS = env.float("MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS", default=3600.0)
# How long a worker holds the messages it claimed (past it, another worker takes them over).
MOTCUA_OUTBOX_LEASE_SECONDS = env.int("MOTCUA_OUTBOX_LEASE_SECONDS", default=300)
MOTCUA_OUTBOX_BATCH = env.int("MOTCUA_OUTBOX_BATCH", default=500)  # messages tried per run
MOTCUA_NATIONAL_PORTAL_CONNECTOR = env.str(
    "MOTCUA_NATIONAL_PORTAL_CONNECTOR",
    default="motcua.integrations.connectors.sandbox.SandboxNationalPortal",
)
# The HTTP adapter (motcua.integrations.connectors.http.HttpNationalPortal); the sandbox portal
# of the demo listens at {MOTCUA_PUBLIC_URL}/sandbox-portal/events.
MOTCUA_NATIONAL_PORTAL_URL = env.str("MOTCUA_NATIONAL_PORTAL_URL", default="")
MOTCUA_NATIONAL_PORTAL_TOKEN = env.str("MOTCUA_NATIONAL_PORTAL_TOKEN", default="sandbox-only")
MOTCUA_NATIONAL_PORTAL_TIMEOUT = env.float("MOTCUA_NATIONAL_PORTAL_TIMEOUT", default=10.0)
# The national portal's side for the dossiers filed there (pending, acknowledgements, holdings,
# files): the sandbox portal of the demo is at {MOTCUA_PUBLIC_URL}/sandbox-portal.
MOTCUA_NATIONAL_PORTAL_API_URL = env.str("MOTCUA_NATIONAL_PORTAL_API_URL", default="")
# The key of the portal's signed push to /api/v1/national-portal/dossiers/ (Standard Webhooks
# signature; "whsec_" + base64). Empty: only a system-role token may post there.
MOTCUA_NATIONAL_PORTAL_PUSH_SECRET = env.str(
    "MOTCUA_NATIONAL_PORTAL_PUSH_SECRET",
    default="whsec_c2FuZGJveC1vbmx5LW5hdGlvbmFsLXBvcnRhbC1wdXNo"
    if MOTCUA_ENV != "production"
    else "",
)
# The account that files the national portal's dossiers (created when the first one comes).
MOTCUA_NATIONAL_PORTAL_ACCOUNT = env.str("MOTCUA_NATIONAL_PORTAL_ACCOUNT", default="dvcqg")
MOTCUA_SANDBOX_PORTAL = env.bool("MOTCUA_SANDBOX_PORTAL", default=MOTCUA_ENV != "production")
# Single sign-on from the national portal (DVCQG SSO, an OpenID Connect provider) to the pages it
# links to: /sso/national-portal/?next=…; the sandbox portal's provider is under
# {MOTCUA_PUBLIC_URL}/sandbox-portal/sso (docs/integrations.md).
MOTCUA_PORTAL_SSO_CONNECTOR = env.str(
    "MOTCUA_PORTAL_SSO_CONNECTOR",
    default="motcua.identity.connectors.sandbox.SandboxPortalSignOn",
)
MOTCUA_PORTAL_SSO_ISSUER = env.str(
    "MOTCUA_PORTAL_SSO_ISSUER", default=f"{MOTCUA_PUBLIC_URL}/sandbox-portal/sso"
).rstrip("/")
MOTCUA_PORTAL_SSO_CLIENT_ID = env.str("MOTCUA_PORTAL_SSO_CLIENT_ID", default="motcua-demo")
MOTCUA_PORTAL_SSO_CLIENT_SECRET = env.str(
    "MOTCUA_PORTAL_SSO_CLIENT_SECRET", default="sandbox-only-portal-sso-secret"
)
MOTCUA_PORTAL_SSO_TIMEOUT = env.float("MOTCUA_PORTAL_SSO_TIMEOUT", default=10.0)
MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS = env.float("MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS", default=15.0)
# Webhooks (docs/webhooks.md): HTTPS to public addresses only; plain HTTP to the loopback
# address is allowed outside production (the demo's and the tests' subscribers).
MOTCUA_WEBHOOK_ALLOW_LOOPBACK = env.bool(
    "MOTCUA_WEBHOOK_ALLOW_LOOPBACK", default=MOTCUA_ENV != "production"
)
MOTCUA_WEBHOOK_TIMEOUT = env.float("MOTCUA_WEBHOOK_TIMEOUT", default=10.0)
MOTCUA_SMS_CONNECTOR = env.str(
    "MOTCUA_SMS_CONNECTOR", default="motcua.integrations.connectors.sandbox.SandboxSms"
)
MOTCUA_SMS_URL = env.str("MOTCUA_SMS_URL", default="")
MOTCUA_SMS_TOKEN = env.str("MOTCUA_SMS_TOKEN", default="")
MOTCUA_SMS_TIMEOUT = env.float("MOTCUA_SMS_TIMEOUT", default=10.0)
# The registered e-receipt provider (DOMAIN N5): the sandbox, or
# motcua.integrations.connectors.http.HttpReceiptProvider. While it is down our own signed PDF
# is issued, marked as a fallback, and replaced through the outbox when the provider answers.
MOTCUA_RECEIPT_PROVIDER_CONNECTOR = env.str(
    "MOTCUA_RECEIPT_PROVIDER_CONNECTOR",
    default="motcua.integrations.connectors.sandbox.SandboxReceiptProvider",
)
MOTCUA_RECEIPT_PROVIDER_URL = env.str("MOTCUA_RECEIPT_PROVIDER_URL", default="")
MOTCUA_RECEIPT_PROVIDER_TOKEN = env.str("MOTCUA_RECEIPT_PROVIDER_TOKEN", default="")
MOTCUA_RECEIPT_PROVIDER_TIMEOUT = env.float("MOTCUA_RECEIPT_PROVIDER_TIMEOUT", default=10.0)
MOTCUA_SANDBOX_RECEIPTS_DOWN = env.bool("MOTCUA_SANDBOX_RECEIPTS_DOWN", default=False)
# Results by post (DOMAIN N5; docs/delivery.md): the postal operator, the sandbox or
# motcua.integrations.connectors.http.HttpPostalOperator; its callbacks are signed with the
# secret. From MOTCUA_RESULTS_BY_POST_FROM ("" = never) paper results go by post only, and
# collecting at the counter is offered only where the catalog requires presence to receive the
# result or the procedure is in MOTCUA_COUNTER_RESULT_PROCEDURES (the city's exceptions).
MOTCUA_POSTAL_CONNECTOR = env.str(
    "MOTCUA_POSTAL_CONNECTOR",
    default="motcua.integrations.connectors.sandbox.SandboxPostalOperator",
)
MOTCUA_POSTAL_URL = env.str("MOTCUA_POSTAL_URL", default="")
MOTCUA_POSTAL_TOKEN = env.str("MOTCUA_POSTAL_TOKEN", default="")
MOTCUA_POSTAL_TIMEOUT = env.float("MOTCUA_POSTAL_TIMEOUT", default=10.0)
MOTCUA_POSTAL_CALLBACK_SECRET = env.str(
    "MOTCUA_POSTAL_CALLBACK_SECRET", default="sandbox-postal-secret"
)
MOTCUA_SANDBOX_POSTAL_DOWN = env.bool("MOTCUA_SANDBOX_POSTAL_DOWN", default=False)
MOTCUA_RESULTS_BY_POST_FROM = env.str("MOTCUA_RESULTS_BY_POST_FROM", default="2026-01-01")
MOTCUA_COUNTER_RESULT_PROCEDURES = env.list("MOTCUA_COUNTER_RESULT_PROCEDURES", default=[])
# The systems participating agencies of joint dossiers work on (issue 24): civil status,
# residence, social insurance. The sandbox, or motcua.integrations.connectors.http.
# HttpParticipantSystem with each system's address and token in MOTCUA_PARTICIPANT_SYSTEMS
# (JSON: {"residence": {"url": "...", "token": "..."}, ...}).
MOTCUA_PARTICIPANT_CONNECTOR = env.str(
    "MOTCUA_PARTICIPANT_CONNECTOR",
    default="motcua.integrations.connectors.sandbox.SandboxParticipantSystem",
)
MOTCUA_PARTICIPANT_SYSTEMS = env.json("MOTCUA_PARTICIPANT_SYSTEMS", default={})
MOTCUA_PARTICIPANT_TIMEOUT = env.float("MOTCUA_PARTICIPANT_TIMEOUT", default=10.0)
MOTCUA_SANDBOX_PARTICIPANTS_DOWN = env.str("MOTCUA_SANDBOX_PARTICIPANTS_DOWN", default="")
# E-mail through Django's backend: files under var/mail in the demo (never the log: notices
# carry names and addresses), SMTP in production (django.core.mail.backends.smtp.EmailBackend).
EMAIL_BACKEND = env.str(
    "MOTCUA_EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = env.str("MOTCUA_EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("MOTCUA_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("MOTCUA_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("MOTCUA_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("MOTCUA_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("MOTCUA_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("MOTCUA_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("MOTCUA_EMAIL_FROM", default="Motcua <no-reply@motcua.invalid>")

# --- Health and metrics ----------------------------------------------------------------------
# /health/ready answers 503 when the newest worker heartbeat or the oldest undelivered outbox
# message is older than these.
MOTCUA_HEALTH_WORKER_MAX_AGE_SECONDS = env.int(
    "MOTCUA_HEALTH_WORKER_MAX_AGE_SECONDS", default=3 * MOTCUA_WORKER_INTERVAL_SECONDS + 60
)
MOTCUA_HEALTH_OUTBOX_MAX_LAG_SECONDS = env.int("MOTCUA_HEALTH_OUTBOX_MAX_LAG_SECONDS", default=1800)
# Request counters shared by every process of a node (prometheus_client multiprocess mode).
MOTCUA_METRICS_DIR = Path(env.str("MOTCUA_METRICS_DIR", default=str(VAR_DIR / "metrics")))
# prometheus_client picks its storage when first imported: set it before anything imports it.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(MOTCUA_METRICS_DIR))
# A bearer token that /metrics asks for; empty: open (keep it behind the internal network).
MOTCUA_METRICS_TOKEN = env.str("MOTCUA_METRICS_TOKEN", default="")

# --- Directives and readiness (docs/directives.md) -------------------------------------------
# A service point is under capacity beyond this many dossiers per counter per working day.
MOTCUA_READINESS_DOSSIERS_PER_COUNTER_DAY = env.float(
    "MOTCUA_READINESS_DOSSIERS_PER_COUNTER_DAY", default=20.0
)

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only;
# no inline script or style anywhere (docs/security.md). SVG charts and QR images may be data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if MOTCUA_ENV == "production":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_SSL_REDIRECT = env.bool("MOTCUA_SSL_REDIRECT", default=True)
    # Probes and scrapers inside the cluster speak plain HTTP to the pods.
    SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Logging ---------------------------------------------------------------------------------
# pyHanko imports cryptography's DSA key type, which warns on every command that it is deprecated;
# the project signs with RSA and ECDSA only, and the warning made every command look broken.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "motcua.core.logs.MaskPersonalData"}},
    "formatters": {"json": {"()": "motcua.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["mask_personal_data"],
        },
    },
    "loggers": {
        # WeasyPrint narrates every rendering step at INFO and warns of CSS it ignores.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "bm25s": {"level": "WARNING"},  # narrates every index build at DEBUG
    },
    "root": {"handlers": ["console"], "level": env.str("MOTCUA_LOG_LEVEL", default="INFO")},
}
