"""The organisations a person may act for, as their VNeID sign-in lists them (issue 22)."""

from motcua.identity.connectors.business import DEMO_ORGANISATIONS, demo_organisations_of
from motcua.identity.models import OrganisationRole
from motcua.identity.services import sync_organisations


def test_the_list_replaces_the_earlier_one_and_bad_entries_are_skipped(citizen):
    listed = demo_organisations_of("001195004321")
    bad = {"enterprise_code": "8012345670", "name": "x", "role": "representative"}

    assert sync_organisations(citizen, [*listed, bad, "junk"]) == 1
    assert (
        OrganisationRole.objects.get(user=citizen).organisation.name
        == DEMO_ORGANISATIONS[2]["name"]
    )

    assert sync_organisations(citizen, []) == 0
    assert not OrganisationRole.objects.filter(user=citizen).exists()
