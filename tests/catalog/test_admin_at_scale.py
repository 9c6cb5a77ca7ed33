"""The catalog at scale in the admin: filters, bulk publish, the diff of two versions, who changed
what; and a new crawl that changes one page makes exactly one new draft (DOMAIN C2)."""

import html
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

from django.utils import translation
from django.utils.text import capfirst

import pytest

from motcua.catalog import packaged, services
from motcua.catalog.models import Fee, ProcedureVersion, VersionStatus

RAW = Path(__file__).resolve().parents[2].parent / "shared/data/sources/chatbot_tthc/raw"
pytestmark = pytest.mark.skipif(
    not RAW.is_dir(), reason="the crawl lives in ../shared beside the clone"
)
FOLDERS = ("bo-tu-phap", "bo-xay-dung", "bo-cong-an")
CHANGELIST = "/admin/catalog/procedureversion/"


def _crawl(tmp_path: Path) -> dict[str, Path]:
    """A small crawl: the first page of three ministry folders that is not a curated procedure."""
    curated = {record["code"] for record in packaged.packaged_records()}
    pages = {}
    for folder in FOLDERS:
        source = next(p for p in sorted((RAW / folder).glob("*.json")) if p.stem not in curated)
        (tmp_path / folder).mkdir()
        pages[folder] = Path(shutil.copy(source, tmp_path / folder / source.name))
    return pages


def _rename(page: Path, suffix: str) -> str:
    body = json.loads(page.read_text("utf-8"))
    body["ten_thu_tuc"] += suffix
    page.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    return body["ma_thu_tuc"]


@pytest.fixture
def crawl(db, tmp_path) -> dict[str, Path]:
    pages = _crawl(tmp_path)
    first = services.import_portal(tmp_path)
    assert (first.created, first.updated, first.failed) == (3, 0, ())
    return pages


def _versions(code: str) -> list[ProcedureVersion]:
    return list(ProcedureVersion.objects.filter(procedure__code=code).order_by("number"))


def test_a_new_crawl_with_one_page_changed_makes_exactly_one_new_draft(crawl, tmp_path):
    published = {p.stem: _versions(p.stem)[0] for p in crawl.values()}
    changed = _rename(crawl["bo-xay-dung"], " (sửa đổi)")

    again = services.import_portal(tmp_path)
    once_more = services.import_portal(tmp_path)

    assert (again.created, again.updated) == (0, 1)
    assert (once_more.created, once_more.updated) == (0, 0)  # the draft already says it
    assert once_more.unchanged == again.unchanged + 1
    drafts = ProcedureVersion.objects.filter(
        procedure__code__in=published, status=VersionStatus.DRAFT
    )
    assert [(d.procedure.code, d.number) for d in drafts] == [(changed, 2)]
    assert drafts[0].name.endswith("(sửa đổi)")
    for before in published.values():  # published versions never change
        now = ProcedureVersion.objects.get(pk=before.pk)
        assert (now.status, now.name, now.published_at) == (
            VersionStatus.PUBLISHED,
            before.name,
            before.published_at,
        )


def test_the_admin_filters_by_field_level_ministry_and_state(crawl, admin_client_vi):
    justice = crawl["bo-tu-phap"].stem
    version = _versions(justice)[0]

    def listed(query: str) -> set[str]:
        """The procedure codes of the rows the official sees for `query`."""
        page = admin_client_vi.get(f"{CHANGELIST}?{query}")
        assert page.status_code == 200
        return {row.procedure.code for row in page.context["cl"].result_list}

    by_ministry = listed("ministry=bo-tu-phap")
    assert by_ministry == {justice}
    assert justice in listed(f"level={version.level}&ministry=bo-tu-phap")
    assert justice not in listed(f"level={'city' if version.level == 'commune' else 'commune'}")
    assert justice in listed(f"field__id__exact={version.field_id}")
    assert justice in listed("status__exact=published&ministry=bo-tu-phap")
    assert justice not in listed("status__exact=draft")
    assert listed(f"q={justice}") == {justice}
    unsure = ProcedureVersion.objects.filter(fees__state="unverified").first().procedure.code
    sure = (
        ProcedureVersion.objects.exclude(fees__state="unverified")
        .exclude(documents__state="unverified")
        .exclude(time_limit_state="unverified")
        .first()
        .procedure.code
    )
    assert listed(f"facts=unverified&q={unsure}") == {unsure}
    assert listed(f"facts=verified&q={unsure}") == set()
    assert listed(f"facts=unverified&q={sure}") == set()
    assert listed(f"facts=verified&q={sure}") == {sure}


def test_bulk_publish_publishes_every_selected_draft_and_says_who(crawl, admin_client_vi):
    drafts = [services.create_draft(_versions(p.stem)[0], actor=None) for p in crawl.values()]

    response = admin_client_vi.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )

    assert "3" in html.unescape(response.content.decode())
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == VersionStatus.PUBLISHED
        assert draft.published_by.get_username() == "boss"
        assert _versions(draft.procedure.code)[0].status == VersionStatus.RETIRED


def test_the_diff_of_two_versions_shows_what_changed(crawl, tmp_path, admin_client_vi):
    code = _rename(crawl["bo-cong-an"], " (sửa đổi)")
    services.import_portal(tmp_path)
    old, new = _versions(code)

    page = html.unescape(admin_client_vi.get(f"{CHANGELIST}{new.pk}/diff/").content.decode())
    listed = html.unescape(admin_client_vi.get(f"{CHANGELIST}?q={code}").content.decode())

    assert f"{CHANGELIST}{new.pk}/diff/" in listed
    assert f'<del class="changed">{old.name}</del>' in page
    assert f'<ins class="changed">{new.name}</ins>' in page
    assert page.count('class="changed"') == 2  # the name, nothing else
    same = admin_client_vi.get(f"{CHANGELIST}{new.pk}/diff/?with={old.pk}")
    assert html.unescape(same.content.decode()).count("(sửa đổi)") >= 1


def test_the_history_says_who_changed_what_and_when(crawl, admin_client_vi):
    code = crawl["bo-tu-phap"].stem
    admin_client_vi.post(
        CHANGELIST, {"action": "new_draft", "_selected_action": [_versions(code)[0].pk]}
    )
    draft = _versions(code)[1]
    fee = draft.fees.first()
    form = admin_client_vi.get(f"{CHANGELIST}{draft.pk}/change/")
    assert form.status_code == 200
    data = _form_data(form)
    prefix = next(k for k in data if k.endswith("-0-amount_vnd")).rsplit("-0-", 1)[0]
    data[f"{prefix}-0-amount_vnd"] = "12345"
    saved = admin_client_vi.post(f"{CHANGELIST}{draft.pk}/change/", data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    admin_client_vi.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})

    page = html.unescape(admin_client_vi.get(f"{CHANGELIST}{draft.pk}/history/").content.decode())

    fee.refresh_from_db()
    assert fee.amount_vnd == 12345
    assert fee.source == "admin"
    assert fee.source_detail.startswith("boss, ")
    assert "v2" in page
    assert "v1" in page
    assert page.count("boss") >= 3  # created the draft, changed the fee, published it
    # The field the official changed (Django's log keeps the field's name untranslated).
    with translation.override(None):
        assert str(capfirst(Fee._meta.get_field("amount_vnd").verbose_name)) in page


class _Form(HTMLParser):
    """The values an official's browser would post back for an admin change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._open: tuple[str, str] | None = None  # the select or textarea being read

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "input" and name:
            self._input(name, a)
        elif tag in ("select", "textarea") and name:
            self._open = (tag, name)
            self.data[name] = ""
        elif tag == "option" and self._open and "selected" in a:
            self.data[self._open[1]] = a.get("value") or ""

    def _input(self, name: str, a: dict) -> None:
        kind = a.get("type")
        if kind == "checkbox":
            if "checked" in a:
                self.data[name] = "on"
        elif kind not in ("submit", "button", "file"):
            self.data[name] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and self._open[0] == "textarea":
            self.data[self._open[1]] += data


def _form_data(response) -> dict[str, str]:
    parser = _Form()
    parser.feed(response.content.decode())
    return {k: v for k, v in parser.data.items() if "__prefix__" not in k}
