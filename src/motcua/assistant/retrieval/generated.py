"""Residents' phrasings of every procedure, generated from its own catalog entry by rules.

Nobody writes paraphrases for 2,600 procedures, so each procedure's "how residents describe
needing it" field is made here from the catalog's words when the index is built at publish time
(`selectors.build_index`): the name as residents say it (without "Thủ tục", the tier in
brackets, the clause after a semicolon), its action said the everyday way ("cấp lại" → "làm
lại", "xin lại"; "cấp" → "xin", "làm"), the paper it gives (its result: "xin giấy xác nhận
tình trạng hôn nhân"), and who may apply. A procedure published tomorrow gets its phrases
tomorrow; hand-written ones (`data/paraphrases.toml`), where they exist, are added to these.
"""

import re

from motcua.assistant.retrieval.facts import ProcedureFacts
from motcua.core.text import fold

# How residents say a catalog action: folded name prefix → everyday verbs (first match wins).
_ACTIONS = [
    ("cap lai", ("làm lại", "xin lại", "bị mất xin lại")),
    ("cap doi", ("đổi", "đổi lại", "làm lại")),
    ("doi ", ("đổi",)),
    ("dang ky lai", ("đăng ký lại", "làm lại")),
    ("gia han", ("gia hạn", "hết hạn")),
    ("cap ", ("xin", "làm")),
    ("dang ky", ("làm", "đăng ký")),
    ("xac nhan", ("xin xác nhận", "xin giấy xác nhận")),
    ("chung thuc", ("công chứng", "chứng thực")),
]
_APPLICANTS = {
    "citizens": "công dân cá nhân",
    "overseas_vietnamese": "người Việt Nam ở nước ngoài Việt kiều",
    "foreigners": "người nước ngoài foreigner",
    "enterprises": "doanh nghiệp công ty",
    "foreign_invested_enterprises": "doanh nghiệp có vốn đầu tư nước ngoài",
    "cooperatives": "hợp tác xã",
}
_TIER = re.compile(r"\((?:thực hiện|áp dụng)[^)]*\)|\(cấp [^)]*\)", re.IGNORECASE)
_LEAD = re.compile(r"^(?:thủ tục|tthc)\s+", re.IGNORECASE)


def core_name(name: str) -> str:
    """Return the name as a resident says it: no "Thủ tục", no tier, the first clause only."""
    text = _LEAD.sub("", _TIER.sub(" ", name).strip())
    text = re.split(r"[;:]| \(", text, maxsplit=1)[0]
    return " ".join(text.split()).rstrip(".")


def generated_phrases(facts: ProcedureFacts) -> tuple[str, ...]:
    """Return the phrases the rules make from one procedure's catalog entry."""
    core = core_name(facts.name)
    phrases = [core]
    folded = fold(core)
    for prefix, verbs in _ACTIONS:
        if folded.startswith(prefix):
            rest = core[len(prefix.rstrip()) :].strip()
            phrases += [f"{verb} {rest}" for verb in verbs if rest]
            break
    result = core_name(facts.result) if facts.result else ""
    if result and len(result.split()) <= 14:
        phrases += [f"xin {result}", f"cần {result}"]
    who = " ".join(_APPLICANTS[a] for a in facts.applicants if a in _APPLICANTS)
    if who and len(facts.applicants) <= 2:
        phrases.append(f"{who} {core}")
    if facts.name_en:
        phrases.append(core_name(facts.name_en))
    return tuple(dict.fromkeys(p for p in phrases if p))
