"""Vietnamese text helpers: diacritic folding for search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return `text` lower-cased, without Vietnamese diacritics and with single spaces.

    NFD removes the tone and vowel marks of NFC and NFD input alike; đ has no decomposition, so
    it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", bare).lower()).strip()


def search_terms(query: str) -> list[str]:
    """Return the folded words of a search query, punctuation removed."""
    return [word for word in re.split(r"[^\w.]+", fold(query)) if word]


def search_index(text: str) -> str:
    """Return the folded words of `text` between single spaces, for word-prefix matching."""
    return f" {' '.join(search_terms(text))} "
