"""The worker's own rows: each periodic job's schedule and health, each worker process.

The jobs themselves wait in django-tasks-db's table (`django_tasks_database_dbtaskresult`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    """One periodic job: the last period scheduled (claimed once across every node by a
    compare-and-set on `slot_start`), its task, and its last success and failure."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    slot_start = models.DateTimeField(_("period scheduled"), null=True, blank=True)
    task_id = models.UUIDField(_("task"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    succeeded_at = models.DateTimeField(_("last success"), null=True, blank=True)
    failed_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class WorkerProcess(models.Model):
    """A running worker process; a job claimed by one whose heartbeat stopped is retried."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=120)
    pid = models.PositiveIntegerField(_("process id"))
    queues = models.CharField(_("queues"), max_length=200)
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last beat"), db_index=True)

    class Meta:
        ordering = ["-beat_at"]
        verbose_name = _("worker process")
        verbose_name_plural = _("worker processes")

    def __str__(self) -> str:
        return self.worker_id
