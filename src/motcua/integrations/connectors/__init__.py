"""The outbox's destinations, chosen by dotted path in the settings."""

from django.conf import settings
from django.utils.module_loading import import_string

from motcua.integrations.connectors.base import (
    NationalPortal,
    ParticipantSystem,
    PostalOperator,
    ReceiptProvider,
    SmsGateway,
)


def national_portal() -> NationalPortal:
    """Return the connector chosen by MOTCUA_NATIONAL_PORTAL_CONNECTOR."""
    return import_string(settings.MOTCUA_NATIONAL_PORTAL_CONNECTOR)()


def sms_gateway() -> SmsGateway:
    """Return the connector chosen by MOTCUA_SMS_CONNECTOR."""
    return import_string(settings.MOTCUA_SMS_CONNECTOR)()


def receipt_provider() -> ReceiptProvider:
    """Return the connector chosen by MOTCUA_RECEIPT_PROVIDER_CONNECTOR."""
    return import_string(settings.MOTCUA_RECEIPT_PROVIDER_CONNECTOR)()


def postal_operator() -> PostalOperator:
    """Return the connector chosen by MOTCUA_POSTAL_CONNECTOR."""
    return import_string(settings.MOTCUA_POSTAL_CONNECTOR)()


def participant_system() -> ParticipantSystem:
    """Return the connector chosen by MOTCUA_PARTICIPANT_CONNECTOR."""
    return import_string(settings.MOTCUA_PARTICIPANT_CONNECTOR)()
