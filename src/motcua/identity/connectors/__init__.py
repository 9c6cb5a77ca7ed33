"""National data sources (population database / VNeID, civil status, business registry, land)."""

from django.conf import settings
from django.utils.module_loading import import_string

from motcua.identity.connectors.base import NationalData, PortalSignOn


def national_data() -> NationalData:
    """Return the connector chosen by MOTCUA_NATIONAL_DATA_CONNECTOR."""
    return import_string(settings.MOTCUA_NATIONAL_DATA_CONNECTOR)()


def portal_sign_on() -> PortalSignOn:
    """Return the connector chosen by MOTCUA_PORTAL_SSO_CONNECTOR."""
    return import_string(settings.MOTCUA_PORTAL_SSO_CONNECTOR)()
