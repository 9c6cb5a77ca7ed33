"""The coordinator's view of the outbox: what waits for delivery, the dead letters, and a retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.dossiers.workflow import Status
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import selectors, services
from motcua.integrations.models import Destination
from motcua.web.pages import paginate
from motcua.workspace.access import official_required

# What each kind of message is, in words (the outbox's topics are identifiers).
TOPICS = {
    "dossier.status": gettext_lazy("A dossier's status"),
    "dossier.event": gettext_lazy("A dossier's event"),
    "directive.urge": gettext_lazy("A directive's reminder"),
    "complaint.answered": gettext_lazy("A complaint's answer"),
}


def ensure_coordinator(request: HttpRequest) -> None:
    """Refuse (403) anyone but the centre's coordinators."""
    if Role.COORDINATOR not in official_scope(request.user).city_roles:
        raise PermissionDenied()


@official_required
def outbox(request: HttpRequest) -> HttpResponse:
    ensure_coordinator(request)
    dead = request.GET.get("show") == "dead"
    rows = selectors.undelivered_messages(dead=dead).order_by("id")
    context = {
        "backlog": selectors.outbox_backlog(),
        "destinations": dict(Destination.choices),  # in words, never "national_portal"
        "statuses": dict(Status.choices),
        "topics": TOPICS,
        "dead": dead,
        "page": paginate(request, rows, per_page=50),
        "nav": "outbox",
    }
    return render(request, "workspace/outbox.html", context)


@require_POST
@official_required
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    ensure_coordinator(request)
    try:
        services.retry_message(pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.render())
    else:
        messages.success(request, _("Message %(id)s will be sent again shortly.") % {"id": pk})
    return redirect(f"{reverse('workspace:outbox')}?show=dead")
