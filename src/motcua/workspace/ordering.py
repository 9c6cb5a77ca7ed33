"""Vietnamese alphabetical order for the officials' lists of units: a ă â b c d đ e ê ... so that
"Cầu Giấy" comes before "Chương Mỹ" and "Đ" after "D"; tones only break ties."""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
RANK = {letter: i for i, letter in enumerate(ALPHABET)}
SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters of their own
TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return a sort key: the letters in the Vietnamese alphabet's order, then the tones."""
    letters, tones = [], []
    for char in text.lower():
        parts = unicodedata.normalize("NFD", char)
        shape = "".join(m for m in parts[1:] if m in SHAPES)
        letter = unicodedata.normalize("NFC", parts[:1] + shape) if parts else char
        letters.append(RANK.get(letter, 100 + ord(letter[:1] or " ")))
        tones.append(next((TONES.index(m) + 1 for m in parts[1:] if m in TONES), 0))
    return tuple(letters), tuple(tones)
