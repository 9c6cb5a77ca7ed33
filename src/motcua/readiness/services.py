"""Writes of readiness: a unit's officials record their point's resources and its trainings."""

import logging
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.core import clock
from motcua.core.errors import Forbidden
from motcua.geography.models import ServicePoint
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.readiness.models import PointResources, TrainingSession

logger = logging.getLogger(__name__)


def ensure_keeps(user: AbstractBaseUser, point: ServicePoint) -> None:
    """Refuse anyone but the point's own officials (its agency or its counter) and the centre."""
    scope = official_scope(user)
    if Role.COORDINATOR in scope.city_roles:
        return
    if point.agency_id in scope.roles_at_agency or point.pk in scope.roles_at_point:
        return
    raise Forbidden()


@transaction.atomic(durable=True)
def record_resources(
    point: ServicePoint, *, actor: AbstractBaseUser, **counts: int
) -> PointResources:
    """Set the point's staff, trained staff, counters, equipment and merger history."""
    ensure_keeps(actor, point)
    resources, _ = PointResources.objects.update_or_create(
        service_point=point,
        defaults={**counts, "updated_by": actor, "updated_at": clock.now()},
    )
    logger.info("readiness_recorded", extra={"point": point.code})
    return resources


@transaction.atomic(durable=True)
def record_training(
    point: ServicePoint, *, actor: AbstractBaseUser, held_on: date, topic: str, attendees: int
) -> TrainingSession:
    """Record a training session held for the point's staff."""
    ensure_keeps(actor, point)
    session = TrainingSession.objects.create(
        service_point=point, held_on=held_on, topic=topic, attendees=attendees, recorded_by=actor
    )
    logger.info("training_recorded", extra={"point": point.code})
    return session
