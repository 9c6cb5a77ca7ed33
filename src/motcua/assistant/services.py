"""The assistant's one use case: answer a resident's question, and remember its topic."""

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.assistant import answers, selectors
from motcua.assistant.llm import rephrase_safely
from motcua.assistant.models import Conversation
from motcua.assistant.retrieval.facts import ProcedureFacts
from motcua.assistant.retrieval.index import Index, Ranking
from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import tracking
from motcua.dossiers.workflow import Status

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
# A dossier code (DOMAIN I4): the agency identifier, the day of receipt, the day's sequence.
_DOSSIER_CODE = re.compile(r"\b[A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{4,}\b")
_LAST4 = re.compile(r"(?<![\d.-])\d{4}(?![\d.-])")
_ID_NUMBER = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class EmptyQuestion(DomainError):
    code = "empty_question"
    message = gettext_lazy("Please type a question, for example: “đăng ký khai sinh cần gì?”")


class QuestionTooLong(DomainError):
    code = "question_too_long"
    message = gettext_lazy("Please keep the question under %(max)d characters.")


class AbusiveQuestion(DomainError):
    code = "abusive_question"
    message = gettext_lazy(
        "Let us keep it polite, please. Ask about a procedure or a dossier and I will help."
    )


KINDS = (
    "procedure",  # a confident answer about one procedure
    "follow_up",  # about the procedure of the previous turn
    "choose",  # which of two procedures is meant?
    "unsure",  # not sure: the closest procedures and the hotline
    "declined",  # no procedure of the catalog is about this: said so, with the hotline
    "greeting",
    "thanks",
    "complaint",  # the complaint form
    "status",
    "ask_code",
    "ask_digits",
)


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    score: float | None


@dataclass(frozen=True)
class Source:
    code: str
    version: int
    name: str


@dataclass(frozen=True)
class Reply:
    """One answer: its text, the procedures it considered, what it is based on."""

    answer: str
    kind: str  # KINDS
    procedures: tuple[Choice, ...] = ()
    sources: tuple[Source, ...] = ()
    conversation: str = ""
    rephrased: bool = False
    # What the conversation remembers after this turn.
    topic: str = field(default="", repr=False)
    pending: str = field(default="", repr=False)


def checked_question(question: str) -> str:
    """Return the question cleaned, or refuse an empty or overlong one."""
    text = _CONTROL.sub(" ", question or "").strip()
    if not text:
        raise EmptyQuestion()
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(params={"max": MAX_QUESTION_CHARS})
    return text


def ask(
    question: str,
    *,
    lang: str = "vi",
    conversation_id: str | None = None,
    id_last4: str = "",
    about: str = "",
    client: str = "terminal",
) -> Reply:
    """Answer a question from the published catalog or public tracking, in `lang`.

    `about` is the procedure the resident is looking at (the chat box on its page): a first
    question such as "thế còn lệ phí?" is then about it. `client` is who asks, for the limits
    on tracking look-ups the assistant shares with public tracking (TooManyRequests).
    """
    text = checked_question(question)
    lang = "en" if lang == "en" else "vi"
    with translation.override(lang):
        index = selectors.current_index()
        conversation = selectors.live_conversation(conversation_id)
        topic = (conversation.procedure_code if conversation else "") or about
        ranking = index.rank(text)
        if "abusive" in ranking.analysis.intents:
            raise AbusiveQuestion()
        reply = (
            _status_reply(text, ranking, conversation, id_last4, client)
            or _small_talk(ranking, topic)
            or _procedure_reply(index, ranking, topic)
        )
        if _ID_NUMBER.search(text):
            reply = replace(reply, answer=f"{_id_warning()}\n{reply.answer}")
    saved = _remember(conversation, reply, lang=lang)
    reply = replace(reply, conversation=str(saved.pk))
    logger.info("assistant_answered", extra={"kind": reply.kind, "turn": saved.turns})
    if reply.kind in ("procedure", "follow_up"):
        rephrased = rephrase_safely(reply.answer, lang=lang)
        if rephrased:
            reply = replace(reply, answer=rephrased, rephrased=True)
    return reply


def _id_warning() -> str:
    return _("For your safety, do not send your full ID number here: only its last 4 digits.")


def _choices(index: Index, ranking: Ranking) -> tuple[Choice, ...]:
    return tuple(
        Choice(h.code, answers.name_of(index.procedures[index.position(h.code)]), h.score)
        for h in ranking.hits
    )


def _source(facts: ProcedureFacts) -> Source:
    return Source(facts.code, facts.version, answers.name_of(facts))


def _small_talk(ranking: Ranking, topic: str) -> Reply | None:
    """Answer a greeting, thanks or a complaint in a sentence (a complaint: the form's link)."""
    intents = ranking.analysis.intents
    if "complaint" in intents:
        return Reply(answers.complaint_answer(), "complaint", topic=topic)
    if ranking.confident or ranking.analysis.aspects:
        return None
    if "thanks" in intents:
        return Reply(answers.thanks_answer(), "thanks", topic=topic)
    if "greeting" in intents:
        return Reply(answers.greeting_answer(), "greeting", topic=topic)
    return None


def _procedure_reply(index: Index, ranking: Ranking, topic: str) -> Reply:
    analysis = ranking.analysis
    known = {p.code for p in index.procedures}
    has_words = bool(analysis.runs or analysis.expansion)
    # A follow-up keeps the topic unless the new turn names another procedure (a confident
    # answer): "vậy", "will", an aspect alone never move it.
    leans_back = not ranking.confident and (
        "follow_up" in analysis.intents or bool(analysis.aspects)
    )
    if topic in known and (not has_words or leans_back):
        facts = index.procedures[index.position(topic)]
        return Reply(
            answers.procedure_answer(facts, analysis.aspects),
            "follow_up",
            (Choice(facts.code, answers.name_of(facts), None),),
            (_source(facts),),
            topic=facts.code,
        )
    if ranking.confident:
        facts = index.procedures[index.position(ranking.hits[0].code)]
        return Reply(
            answers.procedure_answer(facts, analysis.aspects),
            "procedure",
            _choices(index, ranking),
            (_source(facts),),
            topic=facts.code,
        )
    if ranking.decision == "choose":
        offered = [index.procedures[index.position(code)] for code in ranking.offered]
        return Reply(
            answers.choose_answer(offered),
            "choose",
            tuple(c for c in _choices(index, ranking) if c.code in ranking.offered),
            tuple(_source(p) for p in offered),
            topic=topic,
        )
    if ranking.decision == "decline":
        return Reply(answers.declined_answer(), "declined", topic=topic)
    offered = [index.procedures[index.position(h.code)] for h in ranking.hits]
    return Reply(
        answers.unsure_answer(offered),
        "unsure",
        _choices(index, ranking),
        tuple(_source(p) for p in offered),
        topic=topic,
    )


def _status_reply(
    text: str, ranking: Ranking, conversation: Conversation | None, id_last4: str, client: str
) -> Reply | None:
    topic = conversation.procedure_code if conversation else ""
    found = _DOSSIER_CODE.search(text)
    code = found.group(0).upper() if found else ""
    rest = _ID_NUMBER.sub(" ", _DOSSIER_CODE.sub(" ", text))
    digits = id_last4.strip() or next(iter(_LAST4.findall(rest)), "")
    if not code and conversation and conversation.pending_dossier and digits:
        code = conversation.pending_dossier
    if code and digits:
        return _tracked(code, digits, topic, client)
    if code:
        message = _(
            "To see dossier %(code)s, please send the last 4 digits of the applicant's ID number."
        )
        return Reply(message % {"code": code}, "ask_digits", topic=topic, pending=code)
    if "status" in ranking.analysis.intents and not ranking.confident:
        message = _(
            "Please send the dossier code printed on your receipt (for example "
            "H26.01-261008-0001) and the last 4 digits of the applicant's ID number."
        )
        return Reply(message, "ask_code", topic=topic)
    return None


def _tracked(code: str, digits: str, topic: str, client: str) -> Reply:
    try:
        dossier = tracking.track(code, digits, client=client)
    except NotFound:
        return Reply(_("No dossier matches this code and these digits."), "status", topic=topic)
    answer = answers.status_answer(
        code=dossier.code,
        status=str(Status(dossier.status).label),
        procedure=dossier.procedure_version.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        agency=dossier.handling_agency.name,
    )
    return Reply(answer, "status", topic=topic)


@transaction.atomic(durable=True)
def _remember(conversation: Conversation | None, reply: Reply, *, lang: str) -> Conversation:
    """Save what a follow-up needs; forget conversations nobody continued."""
    ttl = timedelta(minutes=settings.MOTCUA_ASSISTANT_CONVERSATION_MINUTES)
    Conversation.objects.filter(updated_at__lt=clock.now() - ttl).delete()
    if conversation is None:
        conversation = Conversation(lang=lang)
    conversation.lang = lang
    conversation.procedure_code = reply.topic
    conversation.choices = [choice.code for choice in reply.procedures]
    conversation.pending_dossier = reply.pending
    conversation.turns += 1
    conversation.save()
    return conversation
