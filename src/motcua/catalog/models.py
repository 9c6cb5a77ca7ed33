"""The procedure catalog: procedures and their immutable published versions (DOMAIN C1, C2)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    CITY = "city", _("City / province")
    COMMUNE = "commune", _("Ward / commune")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    WORKING_HOURS = "working_hours", _("working hours")
    DAYS = "days", _("days")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")
    NONE = "none", _("Not online")


class PlaceRestriction(models.TextChoices):
    NONE = "", _("None: anywhere in the province")
    RESIDENCE = "residence", _("Place of residence")
    HEAD_OFFICE = "head_office", _("Place of the head office")
    FIRST_ISSUANCE = "first_issuance", _("Place of first issuance")
    PROPERTY_LOCATION = "property_location", _("Where the land or works are")
    RECORD_HOLDER = "record_holder", _("The body holding the original record")


class Presence(models.TextChoices):
    NONE = "", _("Not required")
    SIGNING = "signing", _("To sign")
    RECEIVING_RESULT = "receiving_result", _("To receive the result")
    BIOMETRICS = "biometrics", _("Biometric capture")
    SITE_VISIT = "site_visit", _("On-site check")
    APPEARANCE = "appearance", _("To appear before the official")


class DocumentKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    FORM = "form", _("Form")
    PRESENT = "present", _("Shown for checking")


class DataSource(models.TextChoices):
    NONE = "", _("None")
    POPULATION_DB = "population_db", _("National population database / VNeID")
    CIVIL_STATUS_DB = "civil_status_db", _("Civil status database")
    BUSINESS_REGISTRY = "business_registry", _("National business registry")
    LAND_DB = "land_db", _("Land database")


class DocumentSubject(models.TextChoices):
    """Whom a required document is about: national data is matched on that person (DOMAIN C4)."""

    APPLICANT = "", _("The applicant")
    CHILD = "child", _("The child")
    DECEASED = "deceased", _("The deceased")
    SPOUSE = "spouse", _("The spouse")

    @property
    def id_key(self) -> str:
        """The dossier form's answer that holds this person's ID number ("" for the applicant)."""
        return f"{self.value}_id_number" if self.value else ""


class FactState(models.TextChoices):
    """How far a fee, time limit or document can be relied on (shown next to it)."""

    FROM_SOURCE = "from_source", _("As published by the source")
    CURATED = "curated", _("Checked by the catalog's curators")
    UNVERIFIED = "unverified", _("Not verified: an official will confirm it")


class FactSource(models.TextChoices):
    NONE = "", _("Not stated")
    PORTAL = "portal", _("National Public Service Portal page")
    CURATED = "curated", _("Curated catalog file")
    ADMIN = "admin", _("An official's edit in the admin")


class Applicant(models.TextChoices):
    CITIZENS = "citizens", _("Vietnamese citizens")
    OVERSEAS_VIETNAMESE = "overseas_vietnamese", _("Vietnamese residing abroad")
    FOREIGNERS = "foreigners", _("Foreigners")
    ORGANISATIONS = "organisations", _("Organisations (not enterprises or cooperatives)")
    FOREIGN_ORGANISATIONS = "foreign_organisations", _("Foreign organisations")
    ENTERPRISES = "enterprises", _("Enterprises")
    FOREIGN_INVESTED = "foreign_invested_enterprises", _("Foreign-invested enterprises")
    COOPERATIVES = "cooperatives", _("Cooperatives")
    OFFICIALS = "officials", _("Officials and public employees")
    PARTY_MEMBERS = "party_members", _("Party members")
    PARTY_ORGANISATIONS = "party_organisations", _("Party organisations")


class Channel(models.TextChoices):
    ALL = "", _("Every channel")
    ONLINE = "online", _("Online")
    POST = "post", _("By post")
    IN_PERSON = "in_person", _("In person")


class FeeSetter(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    CITY = "city", _("The city (People's Council resolution)")
    NATIONAL = "national", _("National (Ministry of Finance circular)")


class FeeGroup(models.TextChoices):
    """Applicant groups a fee rule can exempt (the usual exemptions of civil-status fees)."""

    EVERYONE = "", _("Every applicant")
    MERIT = "revolution_merit", _("Families of people with meritorious service to the revolution")
    POOR = "poor_household", _("Members of poor households")
    DISABLED = "disabled", _("People with disabilities")


# The channels themselves (the API's enum of them; "" on a fee means every channel).
FILING_CHANNELS = [(value, label) for value, label in Channel.choices if value]


class Field(models.Model):
    code = models.SlugField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    is_business = models.BooleanField(
        _("business-related"),
        default=False,
        help_text=_("Counts towards the target that every business procedure is fully online."),
    )

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    code = models.CharField(_("national code"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    name = models.TextField(_("name"))
    name_en = models.TextField(_("name in English"), blank=True)
    field = models.ForeignKey(Field, verbose_name=_("field"), on_delete=models.PROTECT)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    agency_role = models.CharField(
        _("competent agency"),
        max_length=40,
        help_text=_(
            "The role of the competent agency (commune_committee, commune_police, justice, ...)."
        ),
    )
    time_limit_value = models.PositiveIntegerField(_("time limit"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("time limit unit"), max_length=15, choices=TimeUnit.choices, blank=True
    )
    result = models.TextField(_("result"), blank=True)
    result_en = models.TextField(_("result in English"), blank=True)
    result_template = models.JSONField(
        _("result template"),
        default=dict,
        blank=True,
        help_text=_(
            "The electronic result this system draws up itself: title, lines and signature "
            "block. Empty when the result is drawn up elsewhere."
        ),
    )
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    online = models.CharField(
        _("online level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    boundary_free = models.BooleanField(_("boundary-free"), default=False)
    assurance_level = models.PositiveSmallIntegerField(
        _("identity assurance level"),
        default=1,
        choices=[(1, _("Level 1")), (2, _("Level 2 (VNeID, chip ID card)"))],
        help_text=_("Online filing needs a sign-in of at least this level."),
    )
    payment_before_approval = models.BooleanField(
        _("fees paid before approval"),
        default=False,
        help_text=_("The result is approved only once the dossier's fees are paid."),
    )
    place_restriction = models.CharField(
        _("filing tied to"), max_length=20, choices=PlaceRestriction.choices, blank=True
    )
    presence_required_for = models.CharField(
        _("presence required"), max_length=20, choices=Presence.choices, blank=True
    )
    handled_by_city = models.BooleanField(
        _("handled by the city"),
        default=True,
        help_text=_("False for procedures only a ministry resolves: shown, not filed here."),
    )
    portal_levels = models.CharField(_("levels on the national portal"), max_length=100, blank=True)
    ministry = models.CharField(
        _("ministry"),
        max_length=40,
        blank=True,
        help_text=_("The ministry folder of the national portal's crawl (bo-tu-phap, ...)."),
    )
    applicants = models.JSONField(_("who may apply"), default=list, blank=True)
    time_limit_state = models.CharField(
        _("time limit state"), max_length=12, choices=FactState.choices, blank=True
    )
    time_limit_source = models.CharField(
        _("time limit source"), max_length=10, choices=FactSource.choices, blank=True
    )
    time_limits = models.JSONField(
        _("time limits per channel"),
        default=list,
        blank=True,
        help_text=_("[{channel, value, unit, state, text}] as the source states them."),
    )
    result_codes = models.JSONField(_("result-type codes"), default=list, blank=True)
    decision = models.CharField(_("publishing decision"), max_length=100, blank=True)
    portal_url = models.CharField(_("national portal page"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=FactSource.choices, blank=True)
    crawled_on = models.CharField(_("source crawled on"), max_length=10, blank=True)
    unparsed = models.JSONField(
        _("sections kept as text"),
        default=dict,
        blank=True,
        help_text=_("Sections of the source page no rule could read, verbatim."),
    )
    curator_notes = models.JSONField(_("curator notes (internal)"), default=list, blank=True)
    search_name = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("Empty for an import from the terminal."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} – {self.name}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def files_online(self) -> bool:
        """Filed on this portal: the source says it is online and the city resolves it."""
        return self.online != OnlineLevel.NONE and self.handled_by_city


class VersionPart(models.Model):
    """A row that belongs to one procedure version and is ordered within it."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.TextField(_("name"))
    name_en = models.TextField(_("name in English"), blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name[:80]


class SourcedPart(VersionPart):
    """A version part that says where it comes from and how far it can be relied on."""

    state = models.CharField(
        _("state"), max_length=12, choices=FactState.choices, default=FactState.FROM_SOURCE
    )
    source = models.CharField(_("source"), max_length=10, choices=FactSource.choices, blank=True)
    source_detail = models.CharField(
        _("source detail"),
        max_length=255,
        blank=True,
        help_text=_("Who changed it and when, for an official's edit."),
    )
    curator_note = models.TextField(_("curator note (internal)"), blank=True)

    class Meta(VersionPart.Meta):
        abstract = True


class RequiredDocument(SourcedPart):
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    required = models.BooleanField(_("required"), default=True)
    replaceable_by = models.CharField(
        _("replaceable by data from"), max_length=20, choices=DataSource.choices, blank=True
    )
    # Whom the document is about (blank: the applicant); its national data is matched on them.
    subject = models.CharField(
        _("about"), max_length=20, choices=DocumentSubject.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    condition = models.TextField(_("condition"), blank=True)
    form_template = models.CharField(_("form template"), max_length=255, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")


class Fee(SourcedPart):
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="fees"
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True)
    condition = models.TextField(_("condition"), blank=True)
    collected_by = models.CharField(
        _("collected by"),
        max_length=40,
        blank=True,
        help_text=_("Role of the collecting agency; empty for the competent agency."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    set_by = models.CharField(
        _("set by"),
        max_length=10,
        choices=FeeSetter.choices,
        blank=True,
        help_text=_("Who sets the amount: the city's People's Council or the national level."),
    )
    legal_source = models.CharField(
        _("legal source"), max_length=255, blank=True, help_text=_("The act that sets the amount.")
    )

    class Meta(VersionPart.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    @property
    def collectable(self) -> bool:
        """An amount that may be asked for: stated, and not waiting for an official (unverified)."""
        return self.amount_vnd is not None and self.state != FactState.UNVERIFIED


class ProcessStep(VersionPart):
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="steps"
    )
    role = models.CharField(_("role"), max_length=40)
    share_percent = models.PositiveSmallIntegerField(_("share of the time limit (%)"))

    class Meta(VersionPart.Meta):
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")


class FeeRule(models.Model):
    """A rule that changes what a fee line costs from a date: by channel, by who sets the fee,
    by procedure and by applicant group, with its legal source (DOMAIN F1, N5). E.g. Resolution
    77/2025/NQ-HĐND: fees the city sets are 0 when filed online from 1/1/2026."""

    name = models.CharField(_("name"), max_length=255)
    legal_source = models.CharField(_("legal source"), max_length=255)
    reason = models.CharField(
        _("reason on the receipt"),
        max_length=255,
        help_text=_("Printed next to the amount, e.g. “miễn theo Nghị quyết 77/2025/NQ-HĐND”."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    set_by = models.CharField(
        _("fees set by"), max_length=10, choices=FeeSetter.choices, blank=True
    )
    procedures = models.JSONField(
        _("procedure codes"),
        default=list,
        blank=True,
        help_text=_("The procedures it covers; empty for every procedure."),
    )
    group = models.CharField(
        _("applicant group"), max_length=20, choices=FeeGroup.choices, blank=True
    )
    percent_off = models.PositiveSmallIntegerField(
        _("percentage waived"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("100: free; less: the share the city pays (a subsidy)."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[
            ("waiver", _("Waiver: the fee is not due")),
            ("subsidy", _("Subsidy: the city pays it")),
        ],
        default="waiver",
        help_text=_("Resolution 77/2025: city fees are waived online, national fees subsidised."),
    )
    excluded_words = models.JSONField(
        _("fee lines not covered"),
        default=list,
        blank=True,
        help_text=_(
            "Fee lines whose name contains one of these words are not covered "
            "(Resolution 77/2025 leaves out appraisal fees: “thẩm định”)."
        ),
    )
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee rule")
        verbose_name_plural = _("fee rules")
        ordering = ["-effective_from", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.legal_source})"


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead agency (receives the whole, returns the result)")
    PARTICIPANT = "participant", _("Participating agency")


class ExternalSystem(models.TextChoices):
    """Systems a participating agency works on, outside this one (issue 24)."""

    CIVIL_STATUS = "civil_status", _("Civil-status system (Ministry of Justice)")
    RESIDENCE = "residence", _("Residence system (Ministry of Public Security)")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance system (Vietnam Social Security)")


class JointGroup(models.Model):
    """Procedures a resident files once and several agencies resolve (liên thông): the groups of
    Decree 63/2024/ND-CP, announced by Decision 296/QD-VPCP (2024). Its participants each
    resolve one member procedure; the lead receives the whole and returns every result."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.TextField(_("name"))
    name_en = models.TextField(_("name in English"), blank=True)
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    time_limit_value = models.PositiveIntegerField(_("time limit"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("time limit unit"), max_length=15, choices=TimeUnit.choices, blank=True
    )
    time_limit_state = models.CharField(
        _("time limit state"), max_length=12, choices=FactState.choices, blank=True
    )
    source_url = models.CharField(_("source"), max_length=255, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("joint procedure group")
        verbose_name_plural = _("joint procedure groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """One agency's part of a joint procedure version or of a group (Decree 118/2025 Art 20):
    its task, its steps, its share of the time limit, in order (`stage` rising) or in parallel
    (the same `stage`), and whether it works on another system."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("joint procedure version"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participants",
    )
    group = models.ForeignKey(
        JointGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participants",
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("member procedure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a group: the procedure this agency resolves."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.TextField(_("part"))
    name_en = models.TextField(_("part in English"), blank=True)
    agency_role = models.CharField(_("agency"), max_length=40)
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"), default=1, help_text=_("Parts of one stage run in parallel; stages in order.")
    )
    share_percent = models.PositiveSmallIntegerField(_("share of the time limit (%)"))
    system = models.CharField(
        _("external system"), max_length=20, choices=ExternalSystem.choices, blank=True
    )
    steps = models.JSONField(_("steps"), default=list, blank=True)
    documents = models.JSONField(
        _("documents of the part"),
        default=list,
        blank=True,
        help_text=_(
            "For a joint version: the positions of its required documents this part reads."
        ),
    )

    class Meta:
        verbose_name = _("participating agency")
        verbose_name_plural = _("participating agencies")
        ordering = ["stage", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(version__isnull=False) ^ Q(group__isnull=False),
                name="participant_of_version_or_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_role}: {self.name}"
