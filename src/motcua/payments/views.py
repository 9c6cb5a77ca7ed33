"""The sandbox provider's page (demo and tests): the payer confirms or fails a payment."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError
from motcua.dossiers import selectors as dossiers
from motcua.payments import providers, services


@login_required
@require_http_methods(["GET", "POST"])
def sandbox(request: HttpRequest, code: str) -> HttpResponse:
    providers.provider("sandbox")  # 404 when the sandbox is off (production)
    try:
        dossier = dossiers.get_visible_dossier(request.user, code=code)
        payment = services.payment_request(dossier)
    except DomainError as exc:
        return render(request, "payments/sandbox.html", {"error": exc.render()}, status=exc.status)
    context: dict[str, object] = {"payment": payment, "code": code}
    if request.method == "POST" and payment.status == "pending":
        succeed = request.POST.get("outcome") == "success"
        body, headers = services.sandbox_confirmation(dossier, succeed=succeed)
        services.accept_callback("sandbox", body, headers)  # the same path as a real provider
        payment.refresh_from_db()
        context.update(payment=payment, done=True, succeeded=succeed)
    return render(request, "payments/sandbox.html", context)
