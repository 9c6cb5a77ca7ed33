from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    name = "motcua.worker"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from motcua.core import health
        from motcua.worker import health as jobs_health

        # /health/ready and /metrics (served by integrations) report the jobs and the queues.
        health.add_readiness_check("jobs", jobs_health.readiness)
        health.add_collector("jobs", jobs_health.JobsCollector())
