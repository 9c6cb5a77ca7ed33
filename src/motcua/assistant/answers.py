"""Grounded answers: composed only from catalog facts (or public tracking data), in vi or en.

Every sentence here either quotes a fact of the cited procedure version (its names, documents,
fees, time limit, result, where it is filed) or says what the assistant cannot tell. Nothing is
paraphrased from outside the catalog, so a test can check each number and document against it.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from motcua.assistant.retrieval.facts import DocumentFact, FeeFact, ProcedureFacts
from motcua.catalog.models import DataSource, DocumentKind, FactState, Level, PlaceRestriction
from motcua.core.text import fold

ASPECTS = ("where", "documents", "fees", "time", "result", "online")


_ORIGINALS = ("ban goc", "ban chinh")


def _en() -> bool:
    return (get_language() or "vi").startswith("en")


def _pick(vi: str, en: str) -> str:
    """Return the English text of a fact in English when the catalog has one."""
    return en if _en() and en else vi


def name_of(facts: ProcedureFacts) -> str:
    return _pick(facts.name, facts.name_en)


def money(amount: int) -> str:
    """Return an amount as written in the active language: 5.000 đồng, VND 5,000."""
    if _en():
        return f"VND {amount:,}"
    return f"{amount:,}".replace(",", ".") + " đồng"


def filing_url(facts: ProcedureFacts) -> str:
    return settings.MOTCUA_ASSISTANT_FILING_URL.format(
        public_url=settings.MOTCUA_PUBLIC_URL, code=facts.code
    )


def source_line(procedures: Iterable[ProcedureFacts]) -> str:
    cited = "; ".join(
        _("procedure %(code)s, version %(version)d") % {"code": p.code, "version": p.version}
        for p in procedures
    )
    return _("Source: the published catalog, %(cited)s.") % {"cited": cited}


def _where(facts: ProcedureFacts) -> list[str]:
    lines = [_("Resolved at: %(level)s level.") % {"level": Level(facts.level).label}]
    if facts.boundary_free:
        lines.append(_("Where to file: at any service point in the city, whatever your address."))
    elif facts.place_restriction:
        place = PlaceRestriction(facts.place_restriction).label
        lines.append(_("Where to file: tied to %(place)s.") % {"place": place})
    else:
        lines.append(_("Where to file: with the competent agency (not boundary-free)."))
    return lines


def _online(facts: ProcedureFacts) -> list[str]:
    link = filing_url(facts)
    if facts.online == "full":
        return [_("Online: fully online, start here: %(link)s") % {"link": link}]
    if facts.online == "partial":
        return [_("Online: partly online, start here: %(link)s") % {"link": link}]
    return [_("Online: this procedure is not filed online; file it at a service point.")]


def is_original(document: DocumentFact) -> bool:
    """Return whether the document is an original to hand in ("Bản gốc…", "bản chính…")."""
    name = fold(document.name)
    return name.startswith(_ORIGINALS) or " ban goc " in f" {name} "


def _document_line(document: DocumentFact) -> str:
    """One document with its condition and doubts: "not needed if X" never becomes "not needed"."""
    kind = DocumentKind(document.kind).label
    line = f"- {_pick(document.name, document.name_en)} ({kind}, {document.quantity})"
    if document.replaceable_by and is_original(document):
        line += " — " + _("hand in the original")
    elif document.replaceable_by:
        source = DataSource(document.replaceable_by).label
        line += " — " + _(
            "not needed only if the agency can take it from %(source)s; otherwise bring it"
        ) % {"source": source}
    if document.condition:
        line += " — " + _("in this case: %(condition)s") % {"condition": document.condition}
    if document.state == FactState.UNVERIFIED:
        line += " — " + _("not verified yet: an official will confirm it")
    return line


def _documents(facts: ProcedureFacts) -> list[str]:
    if not facts.documents:
        return [_("Documents: the catalog lists none.")]
    lines = [_("Documents:")]
    lines += [_document_line(d) for d in facts.documents if d.required]
    optional = [_document_line(d) for d in facts.documents if not d.required]
    if optional:
        lines += [_("Only in some cases:"), *optional]
    return lines


def _fee_name(fee: FeeFact) -> str:
    """Return the fee's name; in English without one in the catalog, what kind of charge it is
    (no Vietnamese fee name in an English answer)."""
    if not _en() or fee.name_en:
        return _pick(fee.name, fee.name_en)
    return _("Charge") if fold(fee.name).startswith("phi ") else _("Fee")


def _fee_line(fee: FeeFact) -> str:
    if fee.amount_vnd is None:
        amount = _("amount not stated in the catalog")
    elif fee.amount_vnd == 0:
        amount = _("free")
    else:
        amount = money(fee.amount_vnd)
    if fee.state == FactState.UNVERIFIED:
        # the same words as the procedure page (catalog: an unverified amount is never collected)
        amount += f" ({_('not verified — an official will confirm it')})"
    name = _fee_name(fee)
    # A line the catalog names "Miễn phí" says it already: not "Miễn phí: miễn phí".
    says_free = fee.amount_vnd == 0 and fold(name).startswith(("mien phi", "khong thu"))
    line = f"- {name}" if says_free and fee.state != FactState.UNVERIFIED else f"- {name}: {amount}"
    if fee.condition:
        line += " — " + _("in this case: %(condition)s") % {"condition": fee.condition}
    return line


def _fees(facts: ProcedureFacts) -> list[str]:
    if not facts.fees:
        return [_("Fees: the catalog lists none.")]
    return [_("Fees:"), *(_fee_line(fee) for fee in facts.fees)]


def time_limit(facts: ProcedureFacts) -> str:
    n, unit = facts.time_limit_value, facts.time_limit_unit
    if n is None:
        return _("Time limit: not stated in the catalog.")
    texts = {
        "working_days": (_("%(n)d working day"), _("%(n)d working days")),
        "working_hours": (_("%(n)d working hour"), _("%(n)d working hours")),
        "days": (_("%(n)d day"), _("%(n)d days")),
    }
    one, many = texts.get(unit, texts["days"])
    limit = (one if n == 1 else many) % {"n": n}
    if facts.time_limit_state == FactState.UNVERIFIED:
        return _("Time limit: %(limit)s (not verified yet: an official will confirm it).") % {
            "limit": limit
        }
    return _("Time limit: %(limit)s.") % {"limit": limit}


def _result(facts: ProcedureFacts) -> list[str]:
    result = _pick(facts.result, facts.result_en)
    return [_("Result: %(result)s") % {"result": result}] if result else []


def procedure_answer(facts: ProcedureFacts, aspects: Iterable[str] = ()) -> str:
    """Return the answer about one procedure: the aspects asked, or all of them."""
    asked = [a for a in ASPECTS if a in set(aspects)] or list(ASPECTS)
    parts = {
        "where": _where,
        "documents": _documents,
        "fees": _fees,
        "time": lambda f: [time_limit(f)],
        "result": _result,
        "online": _online,
    }
    head = _("Procedure: %(name)s (code %(code)s).") % {"name": name_of(facts), "code": facts.code}
    lines = [head]
    for aspect in asked:
        lines += parts[aspect](facts)
    if "online" not in asked and facts.online != "none":
        lines.append(_("Start filing: %(link)s") % {"link": filing_url(facts)})
    lines.append(source_line([facts]))
    return "\n".join(lines)


def _hotline() -> str:
    return _("For help, call the centre's hotline %(hotline)s.") % {
        "hotline": settings.MOTCUA_HOTLINE
    }


def unsure_answer(choices: Sequence[ProcedureFacts]) -> str:
    """Say that the assistant is not sure, and offer the closest procedures and the hotline."""
    if not choices:
        return _(
            "Which procedure are you asking about? Name it or the paper you need, for example "
            "“lệ phí đăng ký kết hôn”."
        )
    lines = [_("I am not sure which procedure you mean. The closest ones are:")]
    lines += [f"- {name_of(p)} ({p.code})" for p in choices]
    lines.append(_("Ask again with more detail, or name one of them."))
    lines.append(_hotline())
    lines.append(source_line(choices))
    return "\n".join(lines)


def choose_answer(choices: Sequence[ProcedureFacts]) -> str:
    """Ask which of two close procedures the resident means."""
    lines = [_("Which one do you mean?")]
    lines += [f"- {name_of(p)} ({p.code})" for p in choices]
    lines.append(source_line(choices))
    return "\n".join(lines)


def declined_answer() -> str:
    """Say honestly that the catalog has no procedure for this."""
    return "\n".join(
        [
            _(
                "I am not sure: I found no procedure in the catalog for this question. It may "
                "be handled by another body. Try other words, for example the name of the "
                "paper you need."
            ),
            _hotline(),
        ]
    )


def greeting_answer() -> str:
    return _(
        "Hello! Ask me about an administrative procedure (for example “đăng ký khai sinh cần "
        "gì?”) or a dossier you filed."
    )


def thanks_answer() -> str:
    return _("You are welcome. Ask again whenever you need.")


def complaint_answer() -> str:
    """Point a resident who wants to complain to the complaint form."""
    link = settings.MOTCUA_PUBLIC_URL + reverse("portal:complaint_new")
    return "\n".join(
        [
            _("I am sorry about that. You can send a complaint or feedback here: %(link)s")
            % {"link": link},
            _("It is answered within %(days)d working days.")
            % {"days": settings.MOTCUA_COMPLAINT_ANSWER_DAYS},
            _hotline(),
        ]
    )


def _moment(value: datetime | None) -> str:
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")


def status_answer(*, code: str, status: str, procedure: str, received_at: datetime,
                  due_at: datetime | None, agency: str) -> str:  # fmt: skip
    """Return the public tracking facts of a dossier: nothing about the applicant."""
    return "\n".join(
        [
            _("Dossier %(code)s: %(status)s.") % {"code": code, "status": status},
            _("Procedure: %(name)s.") % {"name": procedure},
            _("Received: %(when)s; due: %(due)s.")
            % {"when": _moment(received_at), "due": _moment(due_at)},
            _("Handled by: %(agency)s.") % {"agency": agency},
            _("Source: public tracking of dossier %(code)s.") % {"code": code},
        ]
    )
