"""What each dossier contributes to the rollups, kept so a change can be recounted exactly."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierFact(models.Model):
    """One dossier's flags and times as the indicators count them (docs/monitoring.md).

    Derived from the dossier and its events by the rollup job; never edited by hand.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at (for the indicators)"), null=True, blank=True)
    is_open = models.BooleanField(default=True)
    channel = models.CharField(max_length=10)
    boundary_free = models.BooleanField(default=False)
    full_online_eligible = models.BooleanField(default=False)
    fully_online = models.BooleanField(default=False)
    fee_bearing = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    from_wallet = models.BooleanField(default=False)
    population_data = models.BooleanField(default=False)
    supplemented = models.BooleanField(default=False)
    organisation = models.BooleanField(default=False)  # the applicant is an organisation
    organisation_online = models.BooleanField(default=False)
    open_overdue = models.BooleanField(default=False)
    # For an ended dossier: early / on_time / late, and how it ended.
    timeliness = models.CharField(max_length=10, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    results_digitised = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    processing_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier fact")
        verbose_name_plural = _("dossier facts")
        indexes = [
            models.Index(fields=["received_on", "agency"], name="fact_received"),
            models.Index(fields=["finished_on", "agency"], name="fact_finished"),
            models.Index(fields=["is_open", "open_overdue", "due_at"], name="fact_open_due"),
        ]

    def __str__(self) -> str:
        return f"fact {self.dossier_id}"


class StepFact(models.Model):
    """One finished process step of a dossier: how long it took in working time."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    name = models.TextField()
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    finished_on = models.DateField()
    seconds = models.BigIntegerField()
    is_late = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="step_fact_unique"),
        ]
        indexes = [models.Index(fields=["finished_on", "agency"], name="step_fact_finished")]

    def __str__(self) -> str:
        return f"step {self.dossier_id} #{self.position}"
