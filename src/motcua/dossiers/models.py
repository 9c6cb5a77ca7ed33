"""Dossiers, their documents, tasks, pauses, the event log and the intake bookkeeping."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.dossiers import deadlines
from motcua.dossiers.workflow import Status


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    POSTAL = "postal", _("By post")


class MatchStatus(models.TextChoices):
    MATCHED = "matched", _("Matched in national data")
    PENDING = "pending", _("Waiting for national data")
    NOT_FOUND = "not_found", _("Not held by national data")
    # The document is about someone else (the child, the deceased) not known yet: not matched.
    UNMATCHED = "unmatched", _("Not yet matched: the person it is about is not known yet")


class Dossier(models.Model):
    code = models.CharField(_("code"), max_length=60, unique=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # A group of procedures filed once (Decree 63/2024); its parts are `parts`.
    group = models.ForeignKey(
        "catalog.JointGroup",
        verbose_name=_("joint group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    receiving_point = models.ForeignKey(
        "geography.ServicePoint",
        verbose_name=_("receiving point"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    competent_unit = models.ForeignKey(
        "geography.AdministrativeUnit",
        verbose_name=_("competent unit"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    handling_agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("handling agency"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    applicant_id_number = models.CharField(_("applicant's ID number"), max_length=12, db_index=True)
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    applicant = models.JSONField(_("applicant"))
    # A citizen, or an organisation applying as itself (issue 22): then `applicant_name` is its
    # registered name and `applicant_id_number` its legal representative's ID number.
    applicant_kind = models.CharField(
        _("kind of applicant"), max_length=12, default="citizen", db_default="citizen"
    )
    enterprise_code = models.CharField(
        _("enterprise code"), max_length=14, blank=True, default="", db_default="", db_index=True
    )
    submitter = models.JSONField(_("submitter"), null=True, blank=True)
    helper = models.ForeignKey(
        "identity.CommunityHelper",
        verbose_name=_("filed by a community digital team helper"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    consent = models.JSONField(_("the applicant's consent"), null=True, blank=True)
    # A keyed digest of the online filer's address and browser (never the address itself):
    # one of the submitter identities the integrity scan counts (DOMAIN G1).
    device = models.CharField(_("filing device"), max_length=32, blank=True, db_default="")
    delivery = models.JSONField(_("result delivery"))
    form = models.JSONField(_("form"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    legal_due_at = models.DateTimeField(
        _("legal due at"),
        null=True,
        blank=True,
        help_text=_("The limit restarted at a complete supplement (Decree 118/2025 Art 19(5))."),
    )
    # Decree 118/2025 Art 17(2)(a): a misdirected dossier's clock restarts when the competent
    # agency receives it; null while the first agency is the competent one
    # (`deadlines.clock_start`).
    clock_started_at = models.DateTimeField(_("clock started at"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("working time paused (s)"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("overdue flagged at"), null=True, blank=True)
    apologized_at = models.DateTimeField(_("apologised at"), null=True, blank=True)
    supplement_rounds = models.PositiveSmallIntegerField(_("supplementation rounds"), default=0)
    last_supplement_complete = models.BooleanField(default=True)
    fee_amount_vnd = models.PositiveBigIntegerField(_("fee (VND)"), default=0)
    fee_paid_at = models.DateTimeField(_("fees paid at"), null=True, blank=True)
    fee_lines = models.JSONField(_("fee lines"), default=list, blank=True)
    # The fee as priced at filing and the rule that set it (DOMAIN C2): {"fee", "name",
    # "catalog_amount_vnd", "amount_vnd", "channel", "on", "group", "rule"}; {} when no line.
    fee_rule = models.JSONField(_("fee rule at filing"), default=dict, blank=True)
    evaluation_score = models.PositiveSmallIntegerField(_("evaluation"), null=True, blank=True)
    result_document = models.ForeignKey(
        "documents.IssuedDocument",
        verbose_name=_("signed result"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The national public service portal's dossier code, for dossiers filed there (issue 23);
    # unique: a dossier delivered twice by the portal is received once.
    national_code = models.CharField(
        _("national portal code"), max_length=60, unique=True, null=True, blank=True
    )
    # Decree 118/2025 Art 15(3), 17(2) for online dossiers: not seen by an official within
    # 2 working hours (the officials and the centre were alerted), not accepted or returned
    # within 8 working hours (flagged, counted by the indicators).
    intake_alerted_at = models.DateTimeField(_("intake alert sent at"), null=True, blank=True)
    intake_late_at = models.DateTimeField(_("intake flagged late at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            models.Index(fields=["handling_agency", "status"], name="dossier_agency_status"),
            # a search by the whole ID number (the queue and the API's `q`, bench/hot_paths.py)
            models.Index(fields=["applicant_id_number"], name="dossier_applicant_id"),
            # the dossiers that finished late (part of "overdue", deadlines.finished_late_q): a
            # comparison of two columns no other index serves (the city-wide overdue list)
            models.Index(
                fields=["-received_at", "-id"],
                name="dossier_finished_late",
                condition=deadlines.finished_late_q(),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def source(self) -> str:
        """Where the dossier was filed: national_portal, portal (ours), counter or postal."""
        if self.national_code:
            return "national_portal"
        return "portal" if self.channel == Channel.ONLINE else self.channel


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents")
    requirement = models.ForeignKey(
        "catalog.RequiredDocument", on_delete=models.PROTECT, related_name="+"
    )
    upload = models.ForeignKey(
        "documents.Upload", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wallet_item = models.ForeignKey(
        "identity.WalletDocument",
        verbose_name=_("reused from the wallet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_data = models.CharField(_("from national data"), max_length=20, blank=True)
    # For a document taken from national data: the match, the facts the source holds, and when.
    match_status = models.CharField(
        _("national data match"), max_length=10, choices=MatchStatus.choices, blank=True
    )
    facts = models.JSONField(_("facts from national data"), default=dict, blank=True)
    # Whose record was matched: the applicant's, or the person the document is about; for the
    # business registry, the organisation's enterprise code.
    subject_id_number = models.CharField(
        _("ID number matched on"), max_length=14, blank=True, default=""
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("supplementation round"), default=0)
    # A paper document scanned at the counter (DOMAIN P3): who vouched that the scan matches.
    digitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("digitised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    digitised_at = models.DateTimeField(_("digitised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.requirement_id}"


class Task(models.Model):
    """One process step of a dossier at the competent agency (DOMAIN T7)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACTIVE = "active", pgettext_lazy("process step", "Active")
        DONE = "done", _("Done")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("step"))
    name = models.TextField(_("name"))
    role = models.CharField(_("role"), max_length=40)
    share_percent = models.PositiveSmallIntegerField(_("share of the time limit (%)"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="task_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.position}"


class Pause(models.Model):
    """A time the clock stood still while the dossier waited for the applicant (DOMAIN T6)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    requested_items = models.JSONField(default=list)

    class Meta:
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.started_at}–{self.ended_at}"


class Event(models.Model):
    """An append-only, hash-chained record of one change (DOMAIN P4). Never updated."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=30)
    actor = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=30, blank=True)
    status_before = models.CharField(max_length=30, blank=True)
    status_after = models.CharField(max_length=30)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["dossier_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"


class DaySequence(models.Model):
    """The last dossier number given by an agency on a day (DOMAIN I4)."""

    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="day_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class IdempotencyKey(models.Model):
    """A client's retry key: the same key and body give back the same dossier."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key


class Transfer(models.Model):
    """A misdirected dossier sent on to the competent agency (Decree 118/2025 Art 17(2)(a)).

    The agency that sent it keeps reading the dossier (its own log of what it passed on); the
    clock restarts at the competent agency's receipt (`deadlines.clock_start`).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="transfers")
    from_agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("from agency"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("to agency"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("transfer to the competent agency")
        verbose_name_plural = _("transfers to the competent agency")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_agency_id} → {self.to_agency_id}"


class DossierPart(models.Model):
    """One agency's part of a joint dossier (Decree 118/2025 Art 20, Decree 63/2024): its own
    queue, clock and result. The lead agency's receipt covers the whole dossier; each other part
    is handed over (routing slip) and acknowledged by its agency, whose clock starts then."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an earlier part")
        READY = "ready", _("Ready to hand over")
        HANDED_OVER = "handed_over", _("Handed over, not yet acknowledged")
        ACTIVE = "active", _("Being resolved")
        DONE = "done", _("Done")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="parts")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.TextField(_("part"))
    role = models.CharField(_("role"), max_length=12)  # catalog.ParticipantRole
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    share_percent = models.PositiveSmallIntegerField(_("share of the time limit (%)"))
    system = models.CharField(_("external system"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "geography.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("member procedure version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The requirements whose documents belong to this part (what its agency reads and may ask).
    requirements = models.JSONField(_("requirements of the part"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    external_ref = models.CharField(_("reference on the other system"), max_length=100, blank=True)
    result_document = models.ForeignKey(
        "documents.IssuedDocument",
        verbose_name=_("result of the part"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("part of a joint dossier")
        verbose_name_plural = _("parts of joint dossiers")
        ordering = ["stage", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_part_unique"),
        ]
        indexes = [models.Index(fields=["agency", "state"], name="dossier_part_agency_state")]

    def __str__(self) -> str:
        return f"{self.dossier_id} part {self.position}"
