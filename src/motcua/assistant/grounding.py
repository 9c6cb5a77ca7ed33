"""Checks that a text states no number or document beyond the facts it was composed from.

Used twice: the LLM's rephrasing must not add anything to the grounded answer (else the
grounded text is shown), and the acceptance test checks every answer to the question set.
"""

import re
from collections.abc import Iterable

from motcua.assistant.retrieval.facts import ProcedureFacts
from motcua.core.text import fold

_URL = re.compile(r"https?://\S+")
_CODE = re.compile(r"\b\d\.\d{6}\b")
_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+")
# Words that start the name of a paper; the two words after one say which paper it is.
_PAPER_HEADS = (
    "giay",
    "so",
    "the",
    "ban sao",
    "to khai",
    "ho chieu",
    "van ban",
    "hop dong",
    "phieu",
    "bang",
    "certificate",
    "card",
    "passport",
    "licence",
    "license",
    "book",
    "form",
    "record",
    "statement",
)
_PAPER = re.compile(r"\b(?:" + "|".join(_PAPER_HEADS) + r")(?: \w+){2}")


def numbers(text: str) -> set[str]:
    """Return the numbers a text states (codes as written, amounts without separators)."""
    text = _URL.sub(" ", text)
    found = set(_CODE.findall(text))
    text = _CODE.sub(" ", text)
    return found | {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)}


def catalog_numbers(procedures: Iterable[ProcedureFacts]) -> set[str]:
    """Return every number the facts of these procedures state."""
    found: set[str] = set()
    for p in procedures:
        found |= numbers(" ".join(p.texts())) | {p.code, str(p.version)}
        found |= {str(d.quantity) for d in p.documents}
        found |= {str(f.amount_vnd) for f in p.fees if f.amount_vnd is not None}
        if p.time_limit_value is not None:
            found.add(str(p.time_limit_value))
    return found


def papers(text: str) -> set[str]:
    """Return the folded three-word phrases that name papers in a text."""
    words = " ".join(re.findall(r"\w+", fold(_URL.sub(" ", text))))
    return {m.group(0) for m in _PAPER.finditer(words)}


def added_facts(rephrased: str, grounded: str) -> list[str]:
    """Return the numbers and papers that `rephrased` states and `grounded` does not."""
    folded = " ".join(re.findall(r"\w+", fold(grounded)))
    extra = sorted(numbers(rephrased) - numbers(grounded))
    extra += sorted(p for p in papers(rephrased) if p not in folded)
    return extra
