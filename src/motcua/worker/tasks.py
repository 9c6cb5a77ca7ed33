"""The one task on the queue: run a registered job by name (on the job's own queue)."""

import dataclasses
import inspect
from typing import Any

from django_tasks import TaskContext, task

from motcua.worker import registry


class UnknownJob(Exception):
    """The task names a job no installed app declares (renamed or removed since)."""


def jsonable(value: Any) -> Any:
    """A job's return value as the task row can keep it (dataclasses as dicts, models by pk)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if hasattr(value, "pk"):
        return {"pk": jsonable(value.pk)}
    return str(value)


@task(takes_context=True)
def run_job(context: TaskContext, name: str) -> Any:
    job = registry.get(name)
    if job is None:
        raise UnknownJob(name)
    attempt = max(1, len(context.task_result.worker_ids))
    if "attempt" in inspect.signature(job.run).parameters:
        return jsonable(job.run(attempt=attempt))
    return jsonable(job.run())
