"""Administrative units, agencies and service points: the reference data every dossier names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    CITY = "city", _("Centrally-run city")
    PROVINCE = "province", _("Province")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    SPECIAL_ZONE = "special_zone", _("Special zone")


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee")
    DEPARTMENT = "department", _("Department")
    DEPARTMENT_OFFICE = "department_office", _("Office under a department")
    POLICE = "police", _("Provincial police")
    VERTICAL = "vertical", _("Central agency's provincial office")
    SERVICE_CENTER = "service_center", _("Public Administrative Service Centre")
    SERVICE_CENTER_BRANCH = "service_center_branch", _("Service Centre branch")
    COMMUNE_COMMITTEE = "commune_committee", _("Ward/commune People's Committee")
    COMMUNE_POLICE = "commune_police", _("Ward/commune police")


class AdministrativeUnit(models.Model):
    code = models.CharField(_("official code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    code = models.CharField(
        _("electronic identifier"),
        max_length=40,
        unique=True,
        help_text=_("The agency's code in the national electronic identifier scheme."),
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    role = models.CharField(
        _("role"),
        max_length=40,
        blank=True,
        help_text=_("Which department this is (justice, finance, ...), for routing procedures."),
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "role"], name="agency_one_role_per_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class ServicePoint(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="service_points"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="service_points",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
