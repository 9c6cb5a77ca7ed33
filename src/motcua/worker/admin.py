"""The periodic jobs and the worker processes, read-only for the operators."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.worker.models import JobState, WorkerProcess


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(JobState)
class JobStateAdmin(ReadOnly):
    list_display = ("name", "succeeded_at", "failed_at", "failures", "slot_start")
    search_fields = ("name",)


@admin.register(WorkerProcess)
class WorkerProcessAdmin(ReadOnly):
    list_display = ("worker_id", "host", "pid", "queues", "started_at", "beat_at")
