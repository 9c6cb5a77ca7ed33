"""The access scope (dossiers.access) is read in one query: the memberships joined to the
service points they give roles at."""

from django.contrib.auth import get_user_model

import pytest

from motcua.dossiers.access import PointRoles, access_scope
from motcua.geography.models import ServicePoint
from motcua.identity.services import create_official
from tests.builders.dossiers import WARD_A, WARD_B, committee

pytestmark = pytest.mark.django_db


def test_an_official_s_points_agencies_and_city_roles_are_read_in_one_query(
    django_assert_num_queries,
):
    official = create_official("tn-hai-noi", role="receiving_officer", point=f"MC-{WARD_B}")
    create_official("tn-hai-noi", role="receiving_officer", point=f"MC-{WARD_A}")
    create_official("tn-hai-noi", role="handling_officer", agency=committee(WARD_B).code)
    create_official("tn-hai-noi", role="coordinator")

    with django_assert_num_queries(1):
        scope = access_scope(official)

    points = ServicePoint.objects.filter(code__in=[f"MC-{WARD_A}", f"MC-{WARD_B}"])
    assert scope.points == tuple(
        PointRoles(p.pk, p.code, p.agency_id, frozenset({"receiving_officer"}))
        for p in points.order_by("code")
    )
    assert scope.roles_at_agency == {committee(WARD_B).pk: frozenset({"handling_officer"})}
    assert scope.city_roles == frozenset({"coordinator"})
    assert not scope.citizen


def test_a_resident_has_no_points_and_is_a_citizen(django_assert_num_queries):
    resident = get_user_model().objects.create_user("cu-dan", password="x")

    with django_assert_num_queries(1):
        scope = access_scope(resident)

    assert (scope.points, scope.roles_at_agency, scope.city_roles) == ((), {}, frozenset())
    assert scope.citizen
