"""The curated vocabulary: how residents say things, and what the catalog calls them.

It lives in `catalog/data/vocabulary.toml`, shared by the search of the portal and the API
(`catalog.search`) and by the assistant, which adds each procedure's resident paraphrases
(`assistant/data/paraphrases.toml`; docs/assistant.md explains how to extend them). Phrases are
written as people write them, with marks. A phrase matches words typed with the same marks or
typed without any, so "sổ đỏ" covers "so do" but not "số đó". Shorthand ("ko", "đc", "j") is
matched as typed.
"""

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from motcua.catalog.words.text import Word, words

Phrase = tuple[Word, ...]


@dataclass(frozen=True)
class LifeEvent:
    """Something that happens in a resident's life, and the catalog words it calls for."""

    name: str
    triggers: tuple[Phrase, ...]
    words: Phrase


class PhraseSet:
    """Labelled phrases, found in a text in one pass (looked up by their first term)."""

    def __init__(
        self, labelled: Sequence[tuple[str, Phrase]], exact: frozenset[Phrase] = frozenset()
    ) -> None:
        self._by_first = _by_first(labelled, key=lambda item: item[1])
        self._exact = exact  # phrases matched only as written ("=giá" is not "gia", Gia Lâm)

    def find(self, text: Sequence[Word]) -> set[str]:
        """Return the labels of the phrases that occur in `text`."""
        return {label for label, _ in self.spans(text)}

    def terms_of(self, label: str) -> list[tuple[str, ...]]:
        """Return the terms of the phrases with this label."""
        return [
            tuple(w.term for w in phrase)
            for group in self._by_first.values()
            for found, phrase in group
            if found == label
        ]

    def spans(self, text: Sequence[Word]) -> list[tuple[str, range]]:
        """Return each phrase found in `text`: its label and the positions of its words."""
        return [
            (label, range(i, i + len(phrase)))
            for i, word in enumerate(text)
            for label, phrase in self._by_first.get(word.term, ())
            if _at(text, i, phrase, exact=phrase in self._exact)
        ]


@dataclass(frozen=True)
class Vocabulary:
    stopwords: dict[str, tuple[Phrase, ...]]  # by the term of their first word
    synonyms: dict[str, tuple[tuple[Phrase, Phrase], ...]]  # (residents' words, the catalog's)
    events: tuple[LifeEvent, ...]
    labels: PhraseSet  # aspect:<name>, intent:<name>, event:<name>
    terms: frozenset[str]  # every term the vocabulary knows
    shorthand: dict[str, Phrase] = field(default_factory=dict)  # by the word as typed
    paraphrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by procedure code

    def expand(self, text: Sequence[Word]) -> list[Word]:
        """Replace shorthand ("ko", "đc", "j") by the words it stands for."""
        return [w for word in text for w in self.shorthand.get(word.typed, (word,))]

    def rewrite(self, text: Sequence[Word]) -> list[Word]:
        """Replace residents' phrases by the catalog's wording, longest phrase first."""
        return [word for _, new in self.rewrite_groups(text) for word in new]

    def rewrite_groups(self, text: Sequence[Word]) -> list[tuple[range, Phrase]]:
        """Return the rewriting as groups: the positions of the resident's words, their rewrite."""
        out: list[tuple[range, Phrase]] = []
        i = 0
        while i < len(text):
            options = self.synonyms.get(text[i].term, ())
            found = next((s for s in options if _at(text, i, s[0])), None)
            size = len(found[0]) if found else 1
            out.append((range(i, i + size), found[1] if found else (text[i],)))
            i += size
        return out

    def events_in(self, text: Sequence[Word]) -> list[LifeEvent]:
        """Return the life events whose trigger phrases occur in `text`."""
        found = self.labels.find(text)
        return [e for e in self.events if f"event:{e.name}" in found]

    def phrases_of(self, label: str) -> list[tuple[str, ...]]:
        """Return the terms of every phrase with this label ("intent:elsewhere")."""
        return self.labels.terms_of(label)

    def labels_in(self, text: Sequence[Word]) -> set[str]:
        """Return the labels of every phrase in `text`: aspects, intents, life events."""
        return self.labels.find(text)

    def stop_spans(self, text: Sequence[Word], *, exact: bool = False) -> list[bool]:
        """Return, for each word, whether it belongs to a stop phrase.

        `exact` compares the words as written: the catalog writes every mark, so its "di" (di
        sản) is not the stop word "đi".
        """
        stopped = [False] * len(text)
        for i in range(len(text)):
            for phrase in self.stopwords.get(text[i].term, ()):
                if _at(text, i, phrase, exact=exact):
                    stopped[i : i + len(phrase)] = [True] * len(phrase)
        return stopped


def _at(text: Sequence[Word], i: int, phrase: Phrase, *, exact: bool = False) -> bool:
    if i + len(phrase) > len(text):
        return False
    pairs = zip(text[i : i + len(phrase)], phrase, strict=True)
    if exact:
        return all(word.typed == p.typed for word, p in pairs)
    return all(word.matches(p) for word, p in pairs)


def _phrases(values: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(p for p in (tuple(words(v.removeprefix("="))) for v in values) if p)


def _exact(data: dict[str, Any]) -> frozenset[Phrase]:
    """Return the aspect and intent phrases written "=…": matched only with their marks."""
    return frozenset(
        tuple(words(value[1:]))
        for kind in ("aspects", "intents")
        for values in data.get(kind, {}).values()
        for value in values
        if value.startswith("=")
    )


def parse_vocabulary(data: dict[str, Any]) -> Vocabulary:
    """Build the vocabulary from its TOML form."""
    synonyms = [
        (phrase, tuple(words(entry["means"])))
        for entry in data.get("synonym", [])
        for phrase in _phrases(entry["say"])
    ]
    events = tuple(
        LifeEvent(e["name"], _phrases(e["when"]), tuple(words(" ".join(e["add"]))))
        for e in data.get("life_event", [])
    )
    labelled = [
        (f"{kind}:{name}", phrase)
        for kind in ("aspect", "intent")
        for name, values in data.get(f"{kind}s", {}).items()
        for phrase in _phrases(values)
    ]
    labelled += [(f"event:{e.name}", phrase) for e in events for phrase in e.triggers]
    shorthand = {
        words(short)[0].typed: tuple(words(full))
        for short, full in data.get("shorthand", {}).items()
    }
    stopwords = _phrases([w for values in data.get("stopwords", {}).values() for w in values])
    # What is asked about a procedure, "thế còn…" and "đến đâu rồi" never say WHICH procedure.
    stopwords += tuple(
        p
        for label, p in labelled
        if label.startswith("aspect:") or label in ("intent:follow_up", "intent:status")
    )
    every = [
        *(w for s in synonyms for p in s for w in p),
        *(w for e in events for w in e.words),
        *(w for p in (*(p for _, p in labelled), *stopwords) for w in p),
        *(w for p in shorthand.values() for w in p),
    ]
    return Vocabulary(
        stopwords=_by_first(stopwords),
        synonyms=_by_first(synonyms, key=lambda synonym: synonym[0]),
        events=events,
        labels=PhraseSet(labelled, _exact(data)),
        terms=frozenset(w.term for w in every),
        shorthand=shorthand,
        paraphrases={code: tuple(phrases) for code, phrases in data.get("paraphrases", {}).items()},
    )


def _by_first(items: Sequence[Any], key: Any = lambda phrase: phrase) -> dict[str, tuple[Any, ...]]:
    """Group phrases by the term of their first word, longest first."""
    groups: dict[str, list[Any]] = {}
    for item in sorted(items, key=lambda item: len(key(item)), reverse=True):
        groups.setdefault(key(item)[0].term, []).append(item)
    return {first: tuple(group) for first, group in groups.items()}


def vocabulary_data() -> dict[str, Any]:
    """Return the shared vocabulary shipped with the package, in its TOML form."""
    data = resources.files("motcua.catalog").joinpath("data", "vocabulary.toml")
    return tomllib.loads(data.read_text("utf-8"))


@lru_cache(maxsize=1)
def shared_vocabulary() -> Vocabulary:
    """Return the shared vocabulary (read once per process)."""
    return parse_vocabulary(vocabulary_data())
