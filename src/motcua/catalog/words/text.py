"""Vietnamese-normalised terms: folded syllables, syllable bigrams, marked words, English stems.

Residents type with or without diacritics, so every syllable is folded ("khái" → "khai") and the
spelling variants i/y after a consonant ("kí"/"ký") are merged. Vietnamese words are compounds of
syllables ("khai sinh", "kết hôn"), so adjacent syllables also make a bigram term ("khai_sinh").
Folding merges words that differ only by their marks (hàng/hạng, từ/tử), so each word keeps the
form it was typed in: a word typed WITH marks also gives a marked term ("~hạng") that only
matches the same marks, and a stop word typed with marks is only dropped when its marks match.
English words are stemmed (Snowball) so "registering" meets "register"; Vietnamese syllables
pass through unchanged (none ends like an English suffix).
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from motcua.core.text import fold

_WORD = re.compile(r"\w+")
# A syllable whose only vowel is y after consonants: ky, ly, my, quy → ki, li, mi, qui.
_LONE_Y = re.compile(r"^((?:qu|[bcdghklmnprstvx])+)y$")
_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Word:
    """One word as typed (lower case, NFC) and its term (folded, merged, stemmed)."""

    typed: str
    term: str

    @property
    def is_marked(self) -> bool:
        return _fold(self.typed) != self.typed

    def matches(self, phrase_word: "Word") -> bool:
        """Return whether this word (typed by a resident) is the vocabulary's `phrase_word`.

        The vocabulary writes every mark, so a word typed without marks may be any of its
        marked forms ("so do" is "sổ đỏ"), but a word typed with marks must carry the same
        ones: "sài" (Sài Gòn) is not "sai" (wrong), "đỏ" is not the stop word "do".
        """
        return self.term == phrase_word.term and (
            self.typed == phrase_word.typed or not self.is_marked
        )


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Return one word folded (cached: the same words come back in every question)."""
    return fold(word)


@lru_cache(maxsize=16384)
def term(word: str) -> str:
    """Return the term of one folded word."""
    word = _LONE_Y.sub(r"\1i", word)
    if word.isascii() and word.isalpha() and len(word) > 3:
        return _STEMMER.stemWord(word)
    return word


_I_FOR_Y = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def _typed(word: str) -> str:
    """Return the word as typed, with a lone final y written i (ký → kí), as `term` does."""
    if _LONE_Y.match(_fold(word)):
        return word[:-1] + word[-1].translate(_I_FOR_Y)
    return word


# English contractions: "we're" is "we are", not "we" and the "re" of "re-register".
_CONTRACTION = re.compile(r"(?<=[a-z])['’](re|m|s|ve|ll|d)\b")
_NOT = re.compile(r"\b(?:(ca)|(wo)|([a-z]+?))n['’]t\b")


def words(text: str) -> list[Word]:
    """Return the words of `text` with their terms."""
    text = _CONTRACTION.sub(" ", unicodedata.normalize("NFC", text).lower())
    text = _NOT.sub(lambda m: f"{'can' if m[1] else 'will' if m[2] else m[3]} not", text)
    typed = _WORD.findall(text)
    return [Word(_typed(w), term(_fold(w))) for w in typed]


def syllables(text: str) -> list[str]:
    """Return the terms of `text`."""
    return [w.term for w in words(text)]


def bigrams(terms: Sequence[str]) -> list[str]:
    """Return the adjacent pairs of `terms` as single terms ("khai_sinh")."""
    return [f"{a}_{b}" for a, b in zip(terms, terms[1:], strict=False)]


def features(runs: Iterable[Sequence[str]], marked: Iterable[str] = ()) -> list[str]:
    """Return the index terms of runs of adjacent syllables: syllables, bigrams, marked words.

    Bigrams stay within a run, so dropping a stop word never joins words that were apart.
    """
    runs = list(runs)
    terms = [t for run in runs for t in run] + [b for run in runs for b in bigrams(run)]
    return [*dict.fromkeys(terms), *dict.fromkeys(f"~{word}" for word in marked)]
