"""Officials' memberships: which role a user plays at which agency or service point."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEIVING_OFFICER = "receiving_officer", _("Receiving officer")
    HANDLING_OFFICER = "handling_officer", _("Handling officer")
    APPROVER = "approver", _("Approver (leader)")
    COORDINATOR = "coordinator", _("Service Centre coordinator")
    INSPECTOR = "inspector", _("Inspector")
    SYSTEM = "system", _("System (integrations)")


# Roles that see every dossier of the province (read-only unless the workflow says otherwise).
CITY_WIDE_ROLES = frozenset({Role.COORDINATOR, Role.INSPECTOR, Role.SYSTEM})


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    service_point = models.ForeignKey(
        "geography.ServicePoint",
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    # The official's position (chức vụ) as papers print it, e.g. "Phó Chủ tịch", "Công chức
    # tiếp nhận hồ sơ": a result's signature block is built from it (Decree 30/2020).
    position = models.CharField(_("position"), max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=True) | Q(service_point__isnull=True),
                name="membership_agency_or_point",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency", "service_point"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class WalletKind(models.TextChoices):
    DIGITISED = "digitised", _("Paper document digitised at a counter")
    RESULT = "result", _("Signed result")


class WalletDocument(models.Model):
    """A document kept for the citizen's reuse in later procedures (DOMAIN P3, once-only)."""

    id_number = models.CharField(_("holder's ID number"), max_length=12, db_index=True)
    name = models.TextField(_("name"))
    kind = models.CharField(_("kind"), max_length=20, choices=WalletKind.choices)
    upload = models.ForeignKey(
        "documents.Upload", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued = models.ForeignKey(
        "documents.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    dossier_code = models.CharField(_("from dossier"), max_length=60)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("wallet document")
        verbose_name_plural = _("wallet documents")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["id_number", "sha256"], name="wallet_document_unique"),
            models.CheckConstraint(
                condition=Q(upload__isnull=False) | Q(issued__isnull=False),
                name="wallet_document_has_file",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DataAccess(models.Model):
    """One look-up in a national database: who asked, about whom, why, and what came back.

    Kept for the data-sharing regulation (Decree 47/2020): the source's owner and inspectors can
    tell every use of a person's data.
    """

    source = models.CharField(_("source"), max_length=30)
    # a person's ID number, or an enterprise code in the business registry (up to 14)
    id_number = models.CharField(_("ID number looked up"), max_length=14, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    caller = models.CharField(_("caller"), max_length=150)
    outcome = models.CharField(_("outcome"), max_length=12)  # found, not_found, unavailable
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("national data access")
        verbose_name_plural = _("national data accesses")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.outcome} {self.at:%Y-%m-%d %H:%M}"


class Citizen(models.Model):
    """A person who signs in through the identity provider (VNeID): who they are, as verified."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen"
    )
    id_number = models.CharField(_("personal identification number"), max_length=12, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=6, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    assurance_level = models.PositiveSmallIntegerField(_("identity assurance level"), default=1)
    verified_at = models.DateTimeField(_("last verified at"))

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.full_name


class SandboxGrant(models.Model):
    """An authorization code of the sandbox identity provider (demo and tests only)."""

    code = models.CharField(max_length=64, unique=True)
    access_token = models.CharField(max_length=64, unique=True)
    client_id = models.CharField(max_length=100)
    redirect_uri = models.CharField(max_length=500)
    code_challenge = models.CharField(max_length=128)
    nonce = models.CharField(max_length=200, blank=True)
    claims = models.JSONField()
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.client_id


class WalletConsent(models.TextChoices):
    """How the holder let a receiving officer reach their wallet at a counter: never by the ID
    number alone (issue 17, item 15)."""

    ID_CARD_PRESENTED = "id_card_presented", _("the holder presented their ID card")
    VNEID_CONFIRMATION = "vneid_confirmation", _("the holder confirmed in VNeID")


class ConsentMethod(models.TextChoices):
    """How a person agreed: to a helper filing for them, or to being registered as a helper."""

    SIGNED_FORM = "signed_form", _("signed consent form")
    VNEID_CONFIRMATION = "vneid_confirmation", _("confirmation in VNeID")
    RECORDED_CALL = "recorded_call", _("recorded call")


class CommunityHelper(models.Model):
    """A member of a ward's community digital technology team (Tổ công nghệ số cộng đồng), who
    files for residents with their recorded consent; not a broker, but their volume is shown.

    The member's own consent to being registered (their filings are watched, DOMAIN G2) is kept
    with it: how they gave it, when, the signed form if any, and who recorded it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_helper"
    )
    unit = models.ForeignKey(
        "geography.AdministrativeUnit", verbose_name=_("ward or commune"), on_delete=models.PROTECT
    )
    team = models.CharField(_("team"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))
    consent_method = models.CharField(
        _("how the member consented"), max_length=30, choices=ConsentMethod.choices, blank=True
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_file = models.ForeignKey(
        "documents.Upload",
        verbose_name=_("signed consent form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_note = models.CharField(_("consent note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("community digital team helper")
        verbose_name_plural = _("community digital team helpers")

    def __str__(self) -> str:
        return f"{self.user} ({self.team})"


class OfficialPortalLink(models.Model):
    """An official's account reached from the national public service portal: the portal's
    single sign-on names the person by their ID number (SoDinhDanh); arriving at the workspace,
    that person is this official account (linked by an operator, `motcua users link-portal`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_link"
    )
    id_number = models.CharField(_("personal identification number"), max_length=12, unique=True)
    linked_at = models.DateTimeField(_("linked at"))

    class Meta:
        verbose_name = _("official's national portal link")
        verbose_name_plural = _("officials' national portal links")

    def __str__(self) -> str:
        return self.user.get_username()


class SandboxPortalGrant(models.Model):
    """An authorization code of the sandbox national portal's sign-on (demo and tests only);
    kept apart from the sandbox VNeID provider's grants."""

    code = models.CharField(max_length=64, unique=True)
    access_token = models.CharField(max_length=64, unique=True)
    client_id = models.CharField(max_length=100)
    redirect_uri = models.CharField(max_length=500)
    code_challenge = models.CharField(max_length=128)
    nonce = models.CharField(max_length=200, blank=True)
    claims = models.JSONField()
    forge = models.CharField(max_length=20, blank=True)  # a broken ID token, on purpose
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.client_id


class Organisation(models.Model):
    """An organisation that applies as itself (DOMAIN N3): as the business registry or the
    organisation's VNeID account last told us."""

    enterprise_code = models.CharField(_("enterprise code"), max_length=14, unique=True)
    kind = models.CharField(_("kind of organisation"), max_length=20)  # organisations.OrgKind
    name = models.CharField(_("registered name"), max_length=300)
    address = models.CharField(_("head-office address"), max_length=500, blank=True)
    representative_id_number = models.CharField(
        _("legal representative's ID number"), max_length=12, blank=True
    )
    representative_name = models.CharField(_("legal representative"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.enterprise_code})"


class OrganisationRole(models.Model):
    """A person who may act for an organisation: its legal representative, or someone it
    authorised, as its VNeID organisation account confirmed at their last sign-in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_roles",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20)  # organisations.FilerRole
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
