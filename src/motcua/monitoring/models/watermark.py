"""How far the rollup job has read the dossiers' event log."""

from django.db import models


class Watermark(models.Model):
    """The id of the last event counted into the rollups; one row per job name."""

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_event_id}"
