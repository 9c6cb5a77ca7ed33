"""Which language a question is written in, so that the answer comes back in it."""

import re
import unicodedata

# English words that unmarked Vietnamese never spells ("can", "do", "the", "my" are left out:
# "cần", "đỏ", "thế", "Mỹ" typed without marks).
_ENGLISH = frozenset(
    [
        "how",
        "what",
        "where",
        "when",
        "which",
        "who",
        "whom",
        "does",
        "is",
        "are",
        "was",
        "were",
        "need",
        "needs",
        "want",
        "wants",
        "get",
        "much",
        "many",
        "should",
        "would",
        "could",
        "have",
        "has",
        "had",
        "with",
        "and",
        "for",
        "of",
        "your",
        "our",
        "please",
        "apply",
        "applying",
        "i'm",
        "i've",
        "we're",
        "it's",
        "don't",
        "can't",
        "won't",
        "there",
        "their",
        "this",
        "that",
        "from",
        "about",
        "i",
        "register",
        "registration",
        "certificate",
        "birth",
        "marriage",
        "married",
        "licence",
        "license",
        "permit",
        "business",
        "company",
        "house",
        "land",
        "documents",
        "document",
        "fee",
        "fees",
    ]
)
_WORD = re.compile(r"[a-z']+")


def question_language(text: str) -> str | None:
    """Return "vi" for marked Vietnamese, "en" for plain English, None when it cannot tell.

    Vietnamese typed without marks ("lam giay khai sinh can gi") is None: the page's language
    decides then.
    """
    folded = unicodedata.normalize("NFD", text.lower())
    if "đ" in folded or any(unicodedata.category(c) == "Mn" for c in folded):
        return "vi"
    english = sum(word in _ENGLISH for word in _WORD.findall(folded))
    return "en" if english >= 2 else None
