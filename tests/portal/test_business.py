"""The portal's business section and filing for an organisation (issue 22)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.catalog import selectors as catalog
from motcua.identity.connectors.business import demo_organisations_of
from motcua.identity.models import Citizen
from motcua.identity.services import sync_organisations
from motcua.portal.filing import organisation_choices


def test_the_business_section_lists_what_organisations_may_file(client, db):
    page = client.get("/procedures/?who=business")

    assert page.status_code == 200
    text = page.content.decode()
    codes = catalog.organisation_codes()
    assert "2.001583" in codes  # single-member LLC registration: enterprises file it
    assert "1.001193" not in codes  # birth registration: citizens only
    assert f"{len(codes)} thủ tục" in text
    assert page.context["page"].paginator.count == len(codes) < 56
    assert "/procedures/1.001193/" not in text
    assert "?who=business" in client.get("/").content.decode()


def test_a_household_business_owner_may_file_for_it_where_the_procedure_admits_it(db):
    user = get_user_model().objects.create_user("cd-001195004321")
    Citizen.objects.create(user=user, id_number="001195004321", verified_at=timezone.now())
    sync_organisations(user, demo_organisations_of("001195004321"))

    llc = catalog.get_published_version("2.001583")
    birth = catalog.get_published_version("1.001193")

    assert organisation_choices(user, llc) == [
        ("8012345677", "Hộ kinh doanh Bánh cuốn Bà Bình (8012345677)")
    ]
    assert organisation_choices(user, birth) == []
