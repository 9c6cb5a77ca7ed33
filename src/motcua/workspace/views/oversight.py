"""The inspection team's pages: the review queue of flags, each flag with its reasons and
evidence, the oversight board with its drill-down, and inspection cases."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.core.text import is_ascii_number
from motcua.integrity import scoring, selectors, services
from motcua.integrity.models import FlagKind, FlagStatus
from motcua.web.pages import messages_of, paginate, query_without_page
from motcua.workspace.access import official_required
from motcua.workspace.oversight_forms import CaseForm, FindingsForm, FollowUpForm, ReviewForm

DECISIONS = {
    "confirm": lambda pk, user, note: services.confirm_flag(pk, actor=user, note=note),
    "dismiss": lambda pk, user, note: services.dismiss_flag(pk, actor=user, reason=note),
    "escalate": lambda pk, user, note: services.escalate_flag(pk, actor=user, note=note),
}


def _window() -> tuple:
    end = clock.now()
    return end - timedelta(days=settings.MOTCUA_INTEGRITY_WINDOW_DAYS), end


@official_required
def flags(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in FlagKind.values else ""
    state = request.GET.get("status", FlagStatus.OPEN)
    state = state if state in FlagStatus.values or state == "" else FlagStatus.OPEN
    rows = selectors.visible_flags(request.user, kind=kind, status=state)  # 403
    page = paginate(request, rows)
    for flag in page:
        flag.words = [scoring.words(r, request.LANGUAGE_CODE) for r in flag.reasons]
    context = {
        "page": page,
        "kind": kind,
        "status": state,
        "kinds": FlagKind.choices,
        "statuses": FlagStatus.choices,
        "query": query_without_page(request),
        "nav": "flags",
    }
    return render(request, "workspace/integrity_flags.html", context)


def _flag_page(request: HttpRequest, pk: int, form: ReviewForm | None = None) -> HttpResponse:
    flag = selectors.get_flag(request.user, pk)  # 403, 404
    context = {
        "flag": flag,
        "reasons": scoring.both_languages(flag.reasons),
        "dossiers": selectors.flag_dossiers(flag).select_related(
            "procedure_version", "handling_agency"
        )[:50],
        "events": selectors.flag_events(flag),
        "form": form or ReviewForm(),
        "may_review": flag.status in (FlagStatus.OPEN, FlagStatus.ESCALATED),
        "nav": "flags",
    }
    return render(request, "workspace/integrity_flag.html", context, status=400 if form else 200)


@official_required
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    return _flag_page(request, pk)


@official_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.get_flag(request.user, pk)  # 403, 404
    form = ReviewForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            DECISIONS[decision](pk, request.user, form.cleaned_data["note"])
        except Forbidden as exc:  # only inspectors decide; the centre reads the queue
            raise PermissionDenied from exc
        except DomainError as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The flag is decided."))
            return redirect("workspace:integrity_flag", pk=pk)
    return _flag_page(request, pk, form)


@official_required
def board(request: HttpRequest) -> HttpResponse:
    start, end = _window()
    rows = selectors.board(request.user, start, end)  # 403
    context = {"rows": rows, "start": start, "end": end, "nav": "board"}
    return render(request, "workspace/integrity_board.html", context)


@official_required
def unit(request: HttpRequest, code: str) -> HttpResponse:
    start, end = _window()
    evidence = selectors.unit_evidence(request.user, code, start, end)  # 403, 404
    context = {
        "e": evidence,
        "start": start,
        "end": end,
        "case_form": CaseForm(initial={"agency": code}),
        "nav": "board",
    }
    return render(request, "workspace/integrity_unit.html", context)


@official_required
def cases(request: HttpRequest) -> HttpResponse:
    rows = selectors.visible_cases(request.user)  # 403
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(
                form.cleaned_data["agency"],
                actor=request.user,
                title=form.cleaned_data["title"],
                grounds=form.cleaned_data["grounds"],
            )
        except DomainError as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The inspection case is open."))
            return redirect("workspace:integrity_case", pk=case.pk)
    context = {"page": paginate(request, rows), "form": form, "nav": "cases"}
    return render(
        request, "workspace/integrity_cases.html", context, status=400 if form.errors else 200
    )


def _case_step(request: HttpRequest, pk: int, forms: dict) -> None:
    """Apply the posted step of a case page (raise DomainError to refuse it)."""
    step = request.POST.get("step", "")
    if step in ("findings", "follow_up"):
        form = forms[step].__class__(request.POST)
        forms[step] = form
        if not form.is_valid():
            raise DomainError(_("Check the form."))
        if step == "findings":
            services.record_findings(pk, actor=request.user, **form.cleaned_data)
        else:
            services.add_follow_up(pk, actor=request.user, **form.cleaned_data)
    elif step == "done":
        follow_up = request.POST.get("follow_up", "")
        case = selectors.get_case(request.user, pk)
        if not is_ascii_number(follow_up) or not case.follow_ups.filter(pk=int(follow_up)).exists():
            raise DomainError(_("No such follow-up."))
        services.complete_follow_up(int(follow_up), actor=request.user)
    elif step == "close":
        services.close_case(pk, actor=request.user)
    else:
        raise DomainError(_("Choose what to do."))


@official_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_case(request.user, pk)  # 403, 404
    forms = {
        "findings": FindingsForm(initial={"findings": found.findings}),
        "follow_up": FollowUpForm(),
    }
    status = 200
    if request.method == "POST":
        try:
            _case_step(request, pk, forms)
        except DomainError as exc:
            for message in messages_of(exc):
                messages.error(request, message)
            status = 400
        else:
            messages.success(request, _("Saved."))
            return redirect("workspace:integrity_case", pk=pk)
    context = {"case": selectors.get_case(request.user, pk), "forms": forms, "nav": "cases"}
    return render(request, "workspace/integrity_case.html", context, status=status)
