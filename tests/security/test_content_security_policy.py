"""Content-Security-Policy without 'unsafe-inline' on every page, and pages that need none."""

from html.parser import HTMLParser

from django.test import Client

import pytest

from tests.builders.dossiers import file_dossier


class InlineCode(HTMLParser):
    """Collect what a policy without 'unsafe-inline' would block: inline scripts and styles,
    style attributes and on* handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script: bool = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self._script = True
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")

    def handle_data(self, data: str) -> None:
        if self._script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_strict_policy(response) -> None:
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.fixture
def pages(db, ward_a, ward_b, django_user_model):
    """Browsers for each kind of user, and a dossier to look at."""
    dossier = file_dossier(ward_a.receiving)
    boss = django_user_model.objects.create_superuser("boss", "boss@example.invalid", "pw-12345")
    browsers = {}
    for name, user in {
        "anonymous": None,
        "official": ward_b.handling,
        "counter": ward_a.receiving,
        "admin": boss,
    }.items():
        browsers[name] = Client()
        if user is not None:
            browsers[name].force_login(user)
    return browsers, dossier["code"]


PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/procedures/"),
    ("anonymous", "/procedures/?q=khai+sinh"),
    ("anonymous", "/procedures/1.001193/"),
    ("anonymous", "/track/{code}/"),
    ("anonymous", "/verify/"),
    ("anonymous", "/workspace/sign-in/"),
    ("anonymous", "/admin/login/"),
    ("anonymous", "/api/v1/docs/"),
    ("anonymous", "/api/v1/units/?format=api"),
    ("counter", "/procedures/1.001193/file/applicant/"),
    ("counter", "/my/dossiers/"),
    ("counter", "/workspace/"),
    ("counter", "/workspace/intake/"),
    ("official", "/workspace/"),
    ("official", "/workspace/dossiers/{code}/"),
    ("admin", "/admin/"),
    ("admin", "/admin/dossiers/dossier/"),
    ("admin", "/admin/catalog/procedure/"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_every_main_page_has_a_strict_policy_and_no_inline_code(pages, who, url):
    browsers, code = pages

    response = browsers[who].get(url.format(code=code), follow=True)

    assert response.status_code == 200, url
    assert_strict_policy(response)
    assert inline_code(response.content.decode()) == []


def test_the_api_docs_load_their_script_from_the_site(pages):
    browsers, _code = pages

    page = browsers["anonymous"].get("/api/v1/docs/").content.decode()
    script = browsers["anonymous"].get("/api/v1/docs/?script=")

    assert 'src="/api/v1/docs/?script="' in page
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_checker_finds_inline_code():
    html = '<p style="x" onclick="y"></p><style>p{}</style><script>alert(1)</script>'

    assert inline_code(html) == ["<p style=…>", "<p onclick=…>", "<style>", "<script>alert(1)"]
