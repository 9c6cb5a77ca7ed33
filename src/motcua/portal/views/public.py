"""Public pages printed on documents: tracking by code (the receipt's QR) and verification."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError, NotFound, TooManyRequests
from motcua.core.throttles import VerifyThrottle, client_of, page_allowed
from motcua.documents import services as documents
from motcua.dossiers import selectors
from motcua.dossiers.tracking import track as tracked
from motcua.dossiers.workflow import Action, Status


def track(request: HttpRequest, code: str) -> HttpResponse:
    """Status and dates of a dossier, for whoever has its code and the ID's last 4 digits."""
    id_last4 = request.GET.get("id_last4", "").strip()
    context: dict[str, object] = {"code": code, "id_last4": id_last4}
    if id_last4:  # the form alone is not a try
        try:
            dossier = tracked(code, id_last4, client=client_of(request))
        except TooManyRequests as exc:
            context["error"] = exc.render()
            return render(request, "portal/track.html", context, status=429)
        except NotFound:
            context["error"] = _("No dossier matches this code and these digits.")
        else:
            events = selectors.events_of(dossier)
            context.update(
                dossier=dossier,
                status=Status(dossier.status).label,
                steps=[
                    (event.created_at, Action(event.action).label)
                    for event in events
                    if event.action != Action.FLAG_OVERDUE
                ],
            )
    return render(request, "portal/track.html", context, status=404 if "error" in context else 200)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Upload a signed PDF and learn whether it is genuine and unchanged."""
    context: dict[str, object] = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if not page_allowed(VerifyThrottle, request):
            context["error"] = _("Too many requests. Please wait and try again.")
            context["nav"] = "verify"
            return render(request, "portal/verify.html", context, status=429)
        if upload is None:
            context["error"] = _("Choose a PDF file.")
        else:
            try:
                context["result"] = documents.verify_upload(upload)
            except (DomainError, ValidationError) as exc:
                context["error"] = exc.render() if isinstance(exc, DomainError) else str(exc)
    context["nav"] = "verify"
    return render(request, "portal/verify.html", context, status=400 if "error" in context else 200)
