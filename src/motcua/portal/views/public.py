"""Public pages printed on documents: tracking by code (the receipt's QR) and verification."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError, NotFound, TooManyRequests
from motcua.core.throttles import VerifyThrottle, client_of, page_allowed
from motcua.delivery import selectors as postal
from motcua.documents import services as documents
from motcua.dossiers import selectors, work
from motcua.dossiers.tracking import track as tracked
from motcua.dossiers.workflow import Status
from motcua.portal.standing import standing
from motcua.web.wording import history


def track(request: HttpRequest, code: str = "") -> HttpResponse:
    """Status and dates of a dossier, for whoever has its code and the ID's last 4 digits.

    `/track/` asks for both; `/track/<code>` (the receipt's QR) asks for the digits only."""
    code = (code or request.GET.get("code", "")).strip()[:60]
    id_last4 = request.GET.get("id_last4", "").strip()[:8]
    context: dict[str, object] = {"code": code, "id_last4": id_last4, "field_errors": {}}
    if code and "/" not in code:  # the supplement notice prints this page's address
        context["supplement_url"] = reverse("portal:supplement", args=[code])
    if "code" in request.GET or "id_last4" in request.GET:  # the form alone is not a try
        problems = _track_problems(code, id_last4)
        if problems:
            context["field_errors"] = problems
            return render(request, "portal/track.html", context, status=400)
        try:
            dossier = tracked(code, id_last4, client=client_of(request))
        except TooManyRequests as exc:
            context["error"] = exc.render()
            return render(request, "portal/track.html", context, status=429)
        except NotFound:
            context["error"] = _("No dossier matches this code and these digits.")
        else:
            events = list(selectors.events_of(dossier))
            context.update(
                dossier=dossier,
                status=Status(dossier.status).label,
                standing=standing(dossier),
                parts=work.parts_of(dossier),
                # nothing personal on the public page: not who signed for the parcel
                postal=[{**o, "received_by": ""} for o in postal.tracking(dossier)],
                # the applicant's plain words ("The dossier was received.", not "Receive"),
                # without the reasons and names their own page gives
                steps=[(step.at, step.text) for step in history(events, for_applicant=True)],
            )
    return render(request, "portal/track.html", context, status=404 if "error" in context else 200)


def _track_problems(code: str, id_last4: str) -> dict[str, str]:
    """What is wrong with the typed code and digits, by field (shown in the error summary)."""
    problems = {}
    if not code:
        problems["code"] = _("Enter the dossier code printed on the receipt.")
    if not (len(id_last4) == 4 and id_last4.isascii() and id_last4.isdigit()):
        problems["id_last4"] = _("Enter the last 4 digits of the applicant's ID number.")
    return problems


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
