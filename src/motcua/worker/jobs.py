"""The worker's own periodic job: pruning the queue's finished rows."""

from motcua.core.jobs import DEFAULT, Job
from motcua.worker import services

JOBS = (Job("worker.prune", services.prune, queue=DEFAULT, daily_from=3),)
