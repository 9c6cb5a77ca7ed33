"""Vietnamese text helpers: diacritic folding for search, and the rules for text from outside.

Every free text a person types (the API's JSON bodies, the pages' forms) goes through
`clean_text`: stored NFC (so "Nguyễn" typed decomposed is the same name), and refused when it
carries a bidirectional control character (U+202A–202E, U+2066–2069, U+200E/200F), which makes a
name or an address read differently from what is stored ("Trojan Source").
"""

import re
import unicodedata
from typing import Any, TypeGuard

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

_SPACES = re.compile(r"\s+")
BIDI_CONTROLS = frozenset(
    [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200e", "\u200f"]
)
# A phone number: ASCII digits only (Python's \d takes Arabic-Indic and full-width digits too).
PHONE = r"^\+?[0-9]{9,15}$"
PHONE_MESSAGE = _("Enter a phone number of 9 to 15 digits.")
BIDI_MESSAGE = _("Remove the text-direction control characters from this text.")


class TextDirectionControl(DomainError):
    code = "text_direction_control"
    message = _("The text contains text-direction control characters, which are not accepted.")


def is_ascii_number(text: object, max_digits: int = 18) -> TypeGuard[str]:
    """Whether `text` is a whole number written in 1 to `max_digits` ASCII digits, which `int()`
    reads as written. `str.isdigit()` alone also takes "²" (which `int()` refuses) and "٣" (which
    it reads as 3), and `int()` refuses more than 4300 digits: client text is checked with this."""
    return (
        isinstance(text, str) and 0 < len(text) <= max_digits and text.isascii() and text.isdigit()
    )


def has_bidi_control(text: str) -> bool:
    return not BIDI_CONTROLS.isdisjoint(text)


def clean_text(text: str) -> str:
    """Return `text` in NFC; raise ValueError when it carries a text-direction control."""
    if has_bidi_control(text):
        raise ValueError(text)
    return unicodedata.normalize("NFC", text)


def clean_data(data: Any, path: str = "") -> Any:
    """Return parsed JSON with every string (keys too) through `clean_text`, or raise
    TextDirectionControl naming the fields that carry a control character."""
    bad: list[str] = []

    def walk(value: Any, where: str) -> Any:
        if isinstance(value, str):
            try:
                return clean_text(value)
            except ValueError:
                bad.append(where or "non_field_errors")
                return value
        if isinstance(value, dict):
            return {
                walk(k, where): walk(v, f"{where}.{k}" if where else str(k))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, f"{where}[{i}]") for i, v in enumerate(value)]
        return value

    cleaned = walk(data, path)
    if bad:
        raise TextDirectionControl(fields={where: [str(BIDI_MESSAGE)] for where in bad})
    return cleaned


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


# The Vietnamese alphabet's order: ă and â after a, đ after d, ê after e, ô and ơ after o, ư
# after u; the tones come second (ngang, huyền, hỏi, ngã, sắc, nặng), as dictionaries sort.
_LETTERS = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_LETTERS)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIVISIONS = ("phường ", "xã ", "thị trấn ", "đặc khu ")


def vietnamese_sort_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return a key that sorts names in Vietnamese alphabetical order (Cầu Giấy before Chương
    Mỹ, Đ after D); a ward's or commune's name sorts by its own words, not "Phường"/"Xã"."""
    text = unicodedata.normalize("NFC", name).strip().lower()
    for division in _DIVISIONS:
        if text.startswith(division):
            text = text[len(division) :]
            break
    letters: list[int] = []
    tones: list[int] = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            letters.append(rank + 1)
        else:  # a space sorts first (Hà Đông before Hai Bà Trưng), then digits and the rest
            letters.append(0 if letter.isspace() else 100 + ord(letter[:1]))
        tones.append(tone)
    return tuple(letters), tuple(tones)
