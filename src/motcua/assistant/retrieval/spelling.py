"""Typing slips, corrected against the words the index knows.

Residents type fast on phones: words run together ("khaisinh"), Telex keystrokes are left in when
the keyboard is off ("dangw kys" for "đăng ký"), letters are dropped or swapped ("ket hn",
"khai sinhh"). A word the index does not know is mended in that order; a word nothing mends stays
as it is, and counts as unknown (which makes the assistant less sure of its answer).
"""

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from motcua.catalog.words.text import Word, term

# Telex: a doubled vowel or "w" marks the vowel, a final s/f/r/x/j marks the tone, "dd" is đ.
_TELEX = ((re.compile(r"dd"), "d"), (re.compile(r"([aeo])\1|([aou])w"), r"\1\2"))
_TONE_KEY = re.compile(r"(?<=[a-z])[sfrxj]$")


@dataclass(frozen=True)
class Mended:
    words: tuple[Word, ...]  # the question's words, mended
    unknown: frozenset[int]  # positions (in `words`) of words nothing could mend


class Speller:
    def __init__(self, known: Sequence[str], known_set: Collection[str], pairs: Collection[str]):
        self._known = list(known)  # most frequent first, so ties go to the common word
        self._known_set = known_set
        self._pairs = pairs

    def mend(self, text: Sequence[Word]) -> Mended:
        """Return the words with each unknown one mended where it can be."""
        out: list[Word] = []
        unknown: set[int] = set()
        for i, word in enumerate(text):
            if self._is_known(word.term) or not word.term.isalpha() or len(word.term) < 3:
                out.append(word)
                continue
            mended = self._split(word.term) or self._telex(word.term)
            if mended is None:
                single = self._nearest(text, out, i)
                mended = [single] if single else None
            if mended is None:
                unknown.add(len(out))
                out.append(word)
            else:
                out += mended
        return Mended(tuple(out), frozenset(unknown))

    def _is_known(self, t: str) -> bool:
        return t in self._known_set

    def _split(self, t: str) -> list[Word] | None:
        """Split words typed together where the halves make a known compound ("khaisinh")."""
        for k in range(2, len(t) - 1):
            first, second = term(t[:k]), term(t[k:])
            if f"{first}_{second}" in self._pairs:
                return [Word(t[:k], first), Word(t[k:], second)]
        return None

    def _telex(self, t: str) -> list[Word] | None:
        """Remove Telex keystrokes left in a word typed with the Vietnamese keyboard off."""
        plain = _TONE_KEY.sub("", t)
        for pattern, replacement in _TELEX:
            plain = pattern.sub(replacement, plain)
        plain = term(plain.replace("w", ""))  # Vietnamese has no w: it was a mark
        if plain != t and self._is_known(plain):
            return [Word(plain, plain)]
        return None

    def _nearest(self, text: Sequence[Word], done: Sequence[Word], i: int) -> Word | None:
        """Return the nearest known word, preferring one that makes a compound with a neighbour."""
        t = text[i].term
        cutoff = 1 if len(t) < 8 else 2
        matches = process.extract(t, self._known, scorer=OSA.distance, score_cutoff=cutoff, limit=8)
        near = [Word(m[0], m[0]) for m in matches]
        before = done[-1].term if done else None
        after = text[i + 1].term if i + 1 < len(text) else None
        for option in near:
            if f"{before}_{option.term}" in self._pairs or f"{option.term}_{after}" in self._pairs:
                return option
        if near and len(t) >= 4:
            return near[0]
        return None
