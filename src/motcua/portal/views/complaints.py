"""Complaints and feedback from the portal: the form (signed in or not, prefilled from "My
dossiers"), the confirmation with the tracking code, and the page where the filer reads the
answer: by tracking code and contact, or in their own list when signed in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound
from motcua.integrity import selectors, services
from motcua.integrity.models import Complaint
from motcua.integrity.throttles import ComplaintThrottle
from motcua.portal.complaint_forms import AnswerLookupForm, ComplaintForm
from motcua.web.pages import messages_of, paginate

FILED = "complaint_filed"


def _throttled(request: HttpRequest) -> bool:
    return not ComplaintThrottle().allow_request(request, None)  # type: ignore[arg-type]


def new(request: HttpRequest) -> HttpResponse:
    initial = {"dossier": request.GET.get("dossier", "")[:60]}
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif _throttled(request):  # counted on complete forms only: a typo costs nothing
            form.add_error(None, _("Too many requests. Please wait and try again."))
            status = 429
        else:
            try:
                data = dict(form.cleaned_data)
                evidence = data.pop("evidence", [])
                complaint = services.file_complaint(data, actor=request.user, evidence=evidence)
            except DomainError as exc:
                for message in messages_of(exc):
                    form.add_error(None, message)
                status = exc.status
            else:
                # shown once on the next page; never in the address bar
                request.session[FILED] = complaint.code
                return redirect("portal:complaint_filed")
    context = {"form": form, "nav": "complaints"}
    return render(request, "portal/complaint_new.html", context, status=status)


def filed(request: HttpRequest) -> HttpResponse:
    code = request.session.pop(FILED, "")
    if not code:
        return redirect("portal:complaint_new")
    context = {"code": code, "nav": "complaints"}
    return render(request, "portal/complaint_filed.html", context)


def answer(request: HttpRequest) -> HttpResponse:
    """Read a complaint's answer: the tracking code and the contact must both match."""
    form = AnswerLookupForm(request.POST or None)
    complaint, judged, status = None, False, 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif _throttled(request):  # counted on complete forms only: a typo costs nothing
            form.add_error(None, _("Too many requests. Please wait and try again."))
            status = 429
        else:
            try:
                complaint, judged = _read_or_judge(form.cleaned_data)
            except NotFound:
                form.add_error(None, _("No complaint has this tracking code and contact."))
                status = 404
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
    mine = selectors.own_complaints(request.user)[:20] if request.user.is_authenticated else []
    context = {
        "form": form,
        "complaint": complaint,
        "judged": judged,
        "mine": mine,
        "nav": "complaints",
    }
    return render(request, "portal/complaint_answer.html", context, status=status)


def _read_or_judge(data: dict[str, str]) -> tuple[Complaint, bool]:
    """Return the complaint, and whether the filer's verdict on its answer was just saved."""
    if data["verdict"]:
        complaint = services.judge_answer(
            data["code"], contact=data["contact"], satisfied=data["verdict"] == "satisfied"
        )
        return complaint, True
    return selectors.complaint_for_citizen(data["code"], data["contact"]), False


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.own_complaints(request.user))
    return render(request, "portal/my_complaints.html", {"page": page, "nav": "complaints"})
