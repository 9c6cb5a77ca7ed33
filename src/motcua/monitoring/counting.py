"""What one dossier counts for in the indicators: its fact row and its finished steps.

The rules are the dossier's own (DOMAIN T6, T8): the pause-adjusted due moment on the dossier,
the original one when an apology moved it, working time from the province's calendar.
"""

from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from motcua.catalog.models import DataSource, OnlineLevel
from motcua.dossiers import deadlines
from motcua.dossiers.models import Channel, Dossier, Event, Task
from motcua.dossiers.workflow import FINISHED, Action, Status
from motcua.monitoring.models import DossierFact, StepFact
from motcua.monitoring.models.rollups import BUCKET_BOUNDS_HOURS
from motcua.workcalendar import Pause

# Decision 766, 2.1: a dossier asked for a supplement more than once counts as late.
LATE_AFTER_SUPPLEMENT_ROUNDS = 1
DISLIKED_AT_MOST = 2  # a rating of 1 or 2 out of 5 is a "dislike" (Decision 766, 5.4)
APPROVED_ENDS = (Status.RESULT_SIGNED, Status.RETURNED)


def with_history(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Return the dossiers with what counting them reads, in a fixed number of queries."""
    apologies = Event.objects.filter(action=Action.APOLOGIZE).order_by("seq")
    return dossiers.select_related(
        "procedure_version", "receiving_point", "handling_agency"
    ).prefetch_related(
        "documents",
        "pauses",
        Prefetch("tasks", queryset=Task.objects.order_by("position")),
        Prefetch("events", queryset=apologies, to_attr="apologies"),
    )


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def bucket(seconds: int) -> int:
    """Return the index of the processing-time bucket (BUCKET_BOUNDS_HOURS) of a duration."""
    hours = seconds / 3600
    for index, bound in enumerate(BUCKET_BOUNDS_HOURS):
        if hours <= bound:
            return index
    return len(BUCKET_BOUNDS_HOURS)


def timeliness(finished_at: datetime, due: datetime | None) -> str:
    """Return early / on_time / late: early is a day or more before the due day."""
    if due is None:
        return "on_time"  # no time limit: never late
    if finished_at > due:
        return "late"
    return "early" if local_day(finished_at) < local_day(due) else "on_time"


def _pauses(dossier: Dossier) -> list[Pause]:
    return [Pause(p.started_at, p.ended_at) for p in dossier.pauses.all()]


def fact_for(dossier: Dossier, now: datetime) -> DossierFact:
    """Return the dossier's fact row (not saved)."""
    version = dossier.procedure_version
    documents = list(dossier.documents.all())
    due = deadlines.indicator_due_at(dossier)
    ended = dossier.status in FINISHED and dossier.finished_at is not None
    online = dossier.channel == Channel.ONLINE
    online_result = (dossier.delivery or {}).get("method") == "online"
    fee_bearing = dossier.fee_amount_vnd > 0
    paid = dossier.fee_paid_at is not None  # every recorded payment is electronic (payments)
    eligible = version.online == OnlineLevel.FULL
    fact = DossierFact(
        dossier=dossier,
        agency_id=dossier.handling_agency_id,
        procedure_id=version.procedure_id,
        received_on=local_day(dossier.received_at),
        due_at=due,
        is_open=not ended,
        channel=dossier.channel,
        boundary_free=dossier.receiving_point.unit_id != dossier.competent_unit_id,
        full_online_eligible=eligible,
        fully_online=eligible and online and online_result and (not fee_bearing or paid),
        fee_bearing=fee_bearing,
        paid_online=fee_bearing and paid,
        digitised=bool(documents)
        and all(d.upload_id or d.from_data or d.wallet_item_id for d in documents),
        reused=any(d.from_data or d.wallet_item_id for d in documents),
        from_wallet=any(d.wallet_item_id for d in documents),
        population_data=any(d.from_data == DataSource.POPULATION_DB for d in documents),
        supplemented=dossier.supplement_rounds > 0,
        organisation=dossier.applicant_kind == "organisation",
        organisation_online=dossier.applicant_kind == "organisation" and online,
        rating=dossier.evaluation_score,
    )
    if ended:
        assert dossier.finished_at is not None
        fact.finished_on = local_day(dossier.finished_at)
        fact.timeliness = (
            "late" if _too_many_rounds(dossier) else timeliness(dossier.finished_at, due)
        )
        fact.outcome = _outcome(dossier.status)
        fact.results_digitised = fact.outcome == "approved" and bool(dossier.result_document_id)
        worked = deadlines.calendar().working_time_between(
            dossier.received_at, dossier.finished_at, _pauses(dossier)
        )
        fact.processing_seconds = int(worked.total_seconds())
    else:
        fact.open_overdue = _too_many_rounds(dossier) or deadlines.indicator_overdue(
            dossier, due, now
        )
    return fact


def _too_many_rounds(dossier: Dossier) -> bool:
    return dossier.supplement_rounds > LATE_AFTER_SUPPLEMENT_ROUNDS


def _outcome(status: str) -> str:
    if status in APPROVED_ENDS:
        return "approved"
    if status == Status.REJECTED:
        return "refused"
    return "withdrawn"  # withdrawn by the applicant, or closed without a supplement


def step_facts_for(dossier: Dossier) -> list[StepFact]:
    """Return a row per finished process step, with its working time (the bottleneck view).

    The first step (reception) runs from the receipt; the others from their start.
    """
    tasks = [t for t in dossier.tasks.all() if t.finished_at is not None]
    pauses = _pauses(dossier)
    rows = []
    for index, task in enumerate(tasks):
        assert task.finished_at is not None
        start = dossier.received_at if index == 0 else task.started_at or task.finished_at
        worked = deadlines.calendar().working_time_between(start, task.finished_at, pauses)
        rows.append(
            StepFact(
                dossier=dossier,
                position=task.position,
                name=task.name,
                agency_id=dossier.handling_agency_id,
                procedure_id=dossier.procedure_version.procedure_id,
                finished_on=local_day(task.finished_at),
                seconds=int(worked.total_seconds()),
                is_late=deadlines.finished_late(task.due_at, task.finished_at),
            )
        )
    return rows
