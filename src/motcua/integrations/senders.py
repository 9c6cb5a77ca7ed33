"""Send one outbox message to its destination (the national portal, e-mail, SMS)."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage

from motcua.dossiers.selectors import notice_facts
from motcua.integrations import connectors, notices, routes, webhooks
from motcua.integrations.connectors.base import DeliveryFailed, PortalEvent
from motcua.integrations.models import Destination, OutboxMessage


def event_id(message: OutboxMessage) -> str:
    """Return the id receivers deduplicate by: the same for every resend of the message."""
    return f"motcua-{settings.MOTCUA_PROVINCE}-{message.pk}"


def _notice(message: OutboxMessage) -> tuple[notices.Notice, list[str], str] | None:
    """Return the notice, its e-mail recipients and SMS phone, or None if it has nowhere to go."""
    if message.topic == routes.DIRECTIVE_URGE:
        return notices.urge(message.payload), list(message.payload.get("to", [])), ""
    if message.topic == routes.INTAKE_ALERT:
        return notices.intake_alert(message.payload), list(message.payload.get("to", [])), ""
    if message.topic == routes.COMPLAINT_ANSWERED:
        contact = str(message.payload.get("contact", "")).strip()
        notice = notices.complaint_answered(message.key)
        if "@" in contact:
            return notice, [contact], ""
        phone = "".join(ch for ch in contact if ch.isdigit() or ch == "+")
        return notice, [], phone if len(phone) >= 9 else ""
    facts = notice_facts(message.key)
    if message.topic == routes.DOSSIER_POSTAL and facts is not None:
        notice = notices.compose(message.payload["kind"], facts, extra=message.payload)
        return notice, [facts.email] if facts.email else [], facts.phone
    kind = notices.kind_of(message.payload)
    if facts is None or not kind:
        return None
    return notices.compose(kind, facts), [facts.email] if facts.email else [], facts.phone


# Destinations whose delivery another app does (it registers here in its AppConfig.ready, so
# that integrations imports no app above it): destination → handler(message), which raises
# DeliveryFailed to be retried. E.g. payments: replace a fallback receipt by the provider's.
HANDLERS: dict[str, Callable[[OutboxMessage], None]] = {}


def send(message: OutboxMessage) -> None:
    """Deliver the message, or raise DeliveryFailed; a notice with no address is done."""
    if message.destination in HANDLERS:
        HANDLERS[message.destination](message)
        return
    if message.destination == Destination.WEBHOOK:
        webhooks.send(message)
        return
    if message.destination == Destination.NATIONAL_PORTAL:
        event = PortalEvent(event_id(message), message.topic, message.key, message.payload)
        connectors.national_portal().send(event)
        return
    found = _notice(message)
    if found is None:
        return
    notice, emails, phone = found
    if message.destination == Destination.EMAIL and emails:
        mail = EmailMessage(
            notice.subject,
            notice.body,
            to=emails,
            headers={"X-Motcua-Event": event_id(message)},
        )
        try:
            mail.send(fail_silently=False)
        except OSError as exc:  # smtplib's errors are OSErrors
            raise DeliveryFailed(f"e-mail: {type(exc).__name__}") from exc
    elif message.destination == Destination.SMS and phone:
        connectors.sms_gateway().send(phone, notice.sms, message_id=event_id(message))
