"""Every installed app's periodic jobs, from its `jobs.py` (`JOBS = (Job(...), ...)`)."""

from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from motcua.core.jobs import DEADLINES, DEFAULT, OUTBOX, SCANS, Job

# `motcua worker --once` runs the jobs in this order of queues: the deliveries last, so that
# what the others wrote to the outbox leaves in the same run.
ONCE_ORDER = (DEADLINES, DEFAULT, SCANS, OUTBOX)


@cache
def jobs() -> dict[str, Job]:
    """The jobs by name, in the order of INSTALLED_APPS and of each app's JOBS."""
    found: dict[str, Job] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("motcua.") or not module_has_submodule(config.module, "jobs"):
            continue
        for job in getattr(import_module(f"{config.name}.jobs"), "JOBS", ()):
            if job.name in found:
                raise ValueError(f"two jobs are named {job.name}")
            found[job.name] = job
    return found


def get(name: str) -> Job | None:
    return jobs().get(name)


def in_once_order() -> list[Job]:
    return sorted(jobs().values(), key=lambda job: ONCE_ORDER.index(job.queue))
