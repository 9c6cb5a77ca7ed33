"""The applicant's own dossiers: the receipt after filing, the list, each dossier with its
history, supplementation to answer, the result to download and verify, and the rating."""

from io import BytesIO
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import segno

from motcua.core.errors import DomainError
from motcua.delivery import selectors as postal
from motcua.documents import selectors as uploads
from motcua.documents.services import store_upload
from motcua.dossiers import deadlines, paperwork, selectors, services, work
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action
from motcua.payments import services as payments
from motcua.portal import filing
from motcua.portal.standing import standing
from motcua.web import wording
from motcua.web.forms import EvaluateForm, positive_id
from motcua.web.pages import domain_pages, messages_of, paginate
from motcua.web.payments import payment_of


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    page = paginate(request, work.own_dossiers(request.user))
    context = {"page": page, "drafts": filing.drafts_of(request.user), "nav": "mine"}
    return render(request, "portal/my_dossiers.html", context)


def bank_of(payment: Any) -> dict[str, str] | None:
    """The payee's bank by the BIN of its VietQR (NAPAS members), named beside the QR."""
    account = getattr(payment, "account", None)
    return payments.banks().get(account.bank_bin) if account is not None else None


@login_required
@domain_pages
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    """What the applicant takes away: the code, the due date, the tracking QR, the slip."""
    dossier = work.get_own_dossier(request.user, code=code)
    payment = payment_of(dossier)
    context = {
        "dossier": dossier,
        "payment": payment,
        "bank": bank_of(payment),
        "afternoon": deadlines.afternoon_rule(dossier),
        "track_url": paperwork.track_url(dossier.code),
        "sandbox_payments": settings.MOTCUA_SANDBOX_PAYMENTS,
        "nav": "mine",
    }
    return render(request, "portal/receipt.html", context)


@login_required
@domain_pages
def tracking_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The tracking QR of the receipt, as an SVG image (the same address the PDF prints)."""
    dossier = work.get_own_dossier(request.user, code=code)
    out = BytesIO()
    segno.make(paperwork.track_url(dossier.code), error="m").save(out, kind="svg", scale=4)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _detail(request: HttpRequest, dossier: Dossier, **extra: Any) -> HttpResponse:
    actions = work.allowed_actions(request.user, dossier)
    payment = payment_of(dossier) if dossier.fee_paid_at is None else None
    context = {
        "dossier": dossier,
        "steps": wording.history(list(selectors.events_of(dossier)), for_applicant=True),
        "supplement_request": work.open_supplement_request(dossier),
        "may_supplement": Action.SUPPLEMENT in actions,
        "standing": standing(dossier),
        "may_evaluate": Action.EVALUATE in actions,
        "may_withdraw": Action.WITHDRAW in actions,
        "issued": selectors.issued_documents(dossier),
        "parts": work.parts_of(dossier),
        "postal": postal.tracking(dossier),
        "payment": payment,
        "bank": bank_of(payment),
        "sandbox_payments": settings.MOTCUA_SANDBOX_PAYMENTS,
        "evaluate_form": extra.pop("evaluate_form", None) or EvaluateForm(),
        "nav": "mine",
        **extra,
    }
    status = 400 if extra.get("errors") else 200
    return render(request, "portal/my_dossier.html", context, status=status)


@login_required
@domain_pages
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, work.get_own_dossier(request.user, code=code))


def _version_posted(request: HttpRequest) -> int | None:
    return positive_id(request.POST.get("version", ""))


def _supplied(request: HttpRequest, dossier: Dossier) -> list[dict[str, Any]]:
    """The files posted for the requested items: uploaded ahead (JavaScript) or with the form."""
    asked = work.open_supplement_request(dossier)
    documents = []
    for item in asked.items if asked else []:
        upload_id = positive_id(request.POST.get(f"upload_{item.requirement}", ""))
        upload = uploads.own_upload(request.user, upload_id) if upload_id else None
        posted = request.FILES.get(f"file_{item.requirement}")
        if upload is None and posted is not None:
            upload = store_upload(posted, actor=request.user)
        if upload is not None:
            documents.append({"requirement": item.requirement, "file": upload.pk})
    return documents


def _supplement_page(
    request: HttpRequest, dossier: Dossier, errors: list[str] | None = None
) -> HttpResponse:
    """The page the supplement notice leads to: what is asked for, by when, and the uploads."""
    actions = work.allowed_actions(request.user, dossier)
    context = {
        "dossier": dossier,
        "supplement_request": work.open_supplement_request(dossier),
        "may_supplement": Action.SUPPLEMENT in actions,
        "standing": standing(dossier),
        "errors": errors or [],
        "nav": "mine",
    }
    return render(request, "portal/supplement.html", context, status=400 if errors else 200)


@login_required
@domain_pages
@require_http_methods(["GET", "POST"])
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = work.get_own_dossier(request.user, code=code)
    if request.method == "GET":
        return _supplement_page(request, dossier)
    try:
        documents = _supplied(request, dossier)
        if not documents:
            return _supplement_page(request, dossier, [_("Attach the documents asked for.")])
        services.supplement(
            dossier,
            actor=request.user,
            expected_version=_version_posted(request),
            documents=documents,
        )
    except DomainError as exc:
        return _supplement_page(request, dossier, messages_of(exc))
    messages.success(request, _("Thank you: the documents were added and the clock runs again."))
    return redirect("portal:my_dossier", code=code)


@login_required
@domain_pages
@require_POST
def evaluate(request: HttpRequest, code: str) -> HttpResponse:
    dossier = work.get_own_dossier(request.user, code=code)
    form = EvaluateForm(request.POST)
    if not form.is_valid():
        return _detail(request, dossier, evaluate_form=form, errors=[_("Choose a score.")])
    try:
        services.evaluate(
            dossier,
            actor=request.user,
            expected_version=_version_posted(request),
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as exc:
        return _detail(request, dossier, evaluate_form=form, errors=messages_of(exc))
    messages.success(request, _("Thank you for rating the service."))
    return redirect("portal:my_dossier", code=code)


@login_required
@domain_pages
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """Withdrawing asks first (a page of its own), then withdraws on the confirmation."""
    dossier = work.get_own_dossier(request.user, code=code)
    may = Action.WITHDRAW in work.allowed_actions(request.user, dossier)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.withdraw(
                dossier,
                actor=request.user,
                expected_version=_version_posted(request),
                reason=request.POST.get("reason", "").replace("\x00", "")[:2000],
            )
        except DomainError as exc:
            errors = messages_of(exc)
        else:
            messages.success(request, _("The dossier was withdrawn."))
            return redirect("portal:my_dossier", code=code)
    context = {"dossier": dossier, "may_withdraw": may, "errors": errors, "nav": "mine"}
    return render(request, "portal/withdraw.html", context, status=400 if errors else 200)
