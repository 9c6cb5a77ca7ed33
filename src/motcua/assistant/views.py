"""The chat box's endpoint: a fragment for the page's script, or a page for a plain form post."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.assistant import services
from motcua.assistant.retrieval.language import question_language
from motcua.assistant.throttles import AssistantThrottle
from motcua.core.errors import DomainError
from motcua.core.throttles import client_of


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@require_POST
def ask(request: HttpRequest) -> HttpResponse:
    """Answer the chat box's question; the script gets one turn, a plain post gets a page."""
    question = request.POST.get("question", "")
    context: dict[str, object] = {"question": question.strip()[:500], "next": _next(request)}
    status = 200
    if not AssistantThrottle().allow_request(request, None):  # type: ignore[arg-type]
        context["assistant_error"], status = _("Too many requests. Please wait and try again."), 429
    else:
        try:
            context["assistant_reply"] = services.ask(
                question,
                # A question in English on a Vietnamese page is answered in English.
                lang=question_language(question) or (get_language() or "vi")[:2],
                conversation_id=request.POST.get("conversation") or None,
                about=request.POST.get("about", "")[:20],
                client=client_of(request),
            )
        except DomainError as exc:
            context["assistant_error"], status = exc.render(), exc.status
    if request.headers.get("X-Requested-With") == "fetch":
        return render(request, "assistant/_turn.html", context, status=status)
    return render(request, "assistant/reply.html", context, status=status)
