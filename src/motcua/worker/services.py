"""The worker's writes beyond running jobs: pruning what the queue keeps."""

from datetime import datetime, timedelta

from django.conf import settings

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import clock
from motcua.worker.models import WorkerProcess


def prune(now: datetime | None = None) -> dict[str, int]:
    """Delete finished jobs' rows older than MOTCUA_WORKER_KEEP_DAYS (failed ones: ten times
    as long) and the rows of processes silent for as long."""
    now = now or clock.now()
    keep = timedelta(days=settings.MOTCUA_WORKER_KEEP_DAYS)
    done, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - keep
    ).delete()
    failed, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__lt=now - 10 * keep
    ).delete()
    gone, _ = WorkerProcess.objects.filter(beat_at__lt=now - keep).delete()
    return {"successful": done, "failed": failed, "workers": gone}
