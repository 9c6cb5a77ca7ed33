"""Reading a question (or a catalog text) into index terms, with the vocabulary and the speller.

A question is expanded (shorthand), mended (typing slips), rewritten (residents' phrases into the
catalog's words) and split at stop words into runs of adjacent terms. What it asks (aspects),
what it is (intents) and which life events it tells of are read from its words as typed and as
rewritten. For judging confidence it is also cut into units, one per content word of the
resident's (a synonym's rewrite is one unit), leaving out matters handled elsewhere.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from motcua.assistant.retrieval.spelling import Speller
from motcua.catalog.words.text import Word, features, words
from motcua.catalog.words.vocabulary import Vocabulary

Runs = tuple[tuple[str, ...], ...]
Groups = Sequence[tuple[range, tuple[Word, ...]]]
Spans = Sequence[tuple[str, range]]


@dataclass(frozen=True)
class Analysis:
    """What the question says, in index terms."""

    runs: Runs  # the resident's own words, rewritten and corrected
    expansion: Runs  # catalog words added by life events
    marked: tuple[str, ...]
    events: tuple[str, ...]
    aspects: frozenset[str]  # documents, fees, time, where, result, online
    intents: frozenset[str]  # follow_up, status, abusive, elsewhere
    # The content words (a synonym's rewrite counts as one), less matters handled elsewhere.
    units: Runs = ()
    aside: Runs = ()  # what the paper is for ("…để mua nhà"), weighed less than what is asked
    unknown: int = 0  # content words nothing could mend


class Reader:
    def __init__(self, vocabulary: Vocabulary, pairs: set[str]) -> None:
        self.vocabulary = vocabulary
        self.pairs = pairs  # catalog compounds ("khai_sinh"), which keep a stop word in a question
        self.speller: Speller | None = None
        # Phrases "handled elsewhere" that a published procedure is named for (Index sets it).
        self.covered: set[tuple[str, ...]] = set()

    def document(self, *texts: str) -> list[str]:
        """Return the terms of catalog texts (written with every mark)."""
        runs: list[list[str]] = []
        marked: list[str] = []
        for text in texts:
            for run in self.runs(self.vocabulary.rewrite(words(text)), exact=True):
                runs.append([w.term for w in run])
                marked += [w.typed for w in run if w.is_marked]
        return features(runs, marked) or [""]

    def phrase(self, phrase: str) -> list[str]:
        """Return the terms of a resident's paraphrase, read as a question is."""
        text = self.vocabulary.rewrite(self.vocabulary.expand(words(phrase)))
        return features([[w.term for w in run] for run in self.runs(text, rescue=True)])

    def runs(
        self, text: Sequence[Word], *, rescue: bool = False, exact: bool = False
    ) -> list[list[Word]]:
        """Split at stop words, keeping one (in a question) that is half of a catalog compound."""
        return _split(text, self.kept(text, rescue=rescue, exact=exact))

    def kept(self, text: Sequence[Word], *, rescue: bool, exact: bool) -> list[bool]:
        stopped = self.vocabulary.stop_spans(text, exact=exact)
        # A stop word typed with its marks is that word; typed bare it may be half of a compound.
        return [
            not stopped[i] or (rescue and not text[i].is_marked and self._compound(text, i))
            for i in range(len(text))
        ]

    def _compound(self, text: Sequence[Word], i: int) -> bool:
        before = i > 0 and f"{text[i - 1].term}_{text[i].term}" in self.pairs
        after = i + 1 < len(text) and f"{text[i].term}_{text[i + 1].term}" in self.pairs
        return before or after

    def question(self, question: str) -> Analysis:
        """Return the question in index terms."""
        vocabulary = self.vocabulary
        raw = vocabulary.expand(words(question))
        mended = self.speller.mend(raw) if self.speller else None
        corrected = list(mended.words) if mended else raw
        groups = vocabulary.rewrite_groups(corrected)
        rewritten = [word for _, new in groups for word in new]
        spans = [
            (label, span)
            for label, span in vocabulary.labels.spans(corrected)
            if label != "intent:elsewhere"
            or tuple(corrected[i].term for i in span) not in self.covered
        ]
        purpose = min((s.start for label, s in spans if label == "intent:purpose"), default=None)
        elsewhere = _elsewhere(spans, purpose, groups)
        kept = self.kept(rewritten, rescue=True, exact=False)
        away = _away(groups, elsewhere)
        units = _units(groups, kept, away)
        main, aside = _aside(groups, kept, purpose)
        runs = _split(rewritten, main)
        # A life event is told with words between ("bố tôi mất", "mở một quán"): look for it in
        # the question without its stop words too.
        content = [word for word, keep in zip(rewritten, kept, strict=True) if keep]
        events = vocabulary.events_in(rewritten) + vocabulary.events_in(content)
        events = list(dict.fromkeys(events))
        return Analysis(
            runs=_terms(runs),
            expansion=tuple(tuple(w.term for w in e.words) for e in events),
            marked=tuple(w.typed for run in runs for w in run if w.is_marked),
            events=tuple(dict.fromkeys(e.name for e in events)),
            aspects=frozenset(
                label.removeprefix("aspect:")
                for label in vocabulary.labels_in(raw)
                if label.startswith("aspect:")
            ),
            intents=_intents(
                spans, vocabulary.labels_in(raw) | vocabulary.labels_in(rewritten), bool(elsewhere)
            ),
            units=units,
            aside=_terms(_split(rewritten, aside)),
            unknown=_unknown(groups, kept, away, mended.unknown if mended else ()),
        )


def _elsewhere(spans: Spans, purpose: int | None, groups: Groups) -> set[int]:
    """Return the positions of words about matters handled elsewhere.

    Not when they come after a purpose ("…để vay vốn"), nor inside a longer phrase of the
    vocabulary: the "loan" of "Đài Loan" is no loan.
    """
    before = purpose if purpose is not None else float("inf")
    inside = [span for span, _ in groups if len(span) > 1]
    return {
        i
        for label, span in spans
        if label == "intent:elsewhere"
        and span.start < before
        and not any(set(span) < set(longer) for longer in inside)
        for i in span
    }


def _intents(spans: Spans, others: set[str], elsewhere: bool) -> frozenset[str]:
    """Return what the question is: a follow-up only if it starts so ("thế còn…")."""
    labels = {label for label, span in spans if label != "intent:follow_up" or span.start <= 1}
    labels |= {label for label in others if label != "intent:follow_up"}
    labels.discard("intent:elsewhere")
    labels.discard("intent:purpose")
    if elsewhere:
        labels.add("intent:elsewhere")
    return frozenset(
        label.removeprefix("intent:") for label in labels if label.startswith("intent:")
    )


def _aside(
    groups: Groups, kept: Sequence[bool], purpose: int | None
) -> tuple[list[bool], list[bool]]:
    """Split the kept words at a purpose ("…để mua nhà"): what is asked, and what it is for.

    The purpose is set aside only when what comes before it says enough on its own (two content
    words or more); "làm thế nào để đăng ký kết hôn" asks about what follows "để".
    """
    cut = sum(len(new) for span, new in groups if purpose is not None and span.start < purpose)
    if purpose is None or sum(kept[:cut]) < 2:
        return list(kept), [False] * len(kept)
    return [k and i < cut for i, k in enumerate(kept)], [k and i >= cut for i, k in enumerate(kept)]


def _split(text: Sequence[Word], kept: Sequence[bool]) -> list[list[Word]]:
    runs: list[list[Word]] = [[]]
    for word, keep in zip(text, kept, strict=True):
        if keep:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _terms(runs: Sequence[Sequence[Word]]) -> Runs:
    return tuple(tuple(w.term for w in run) for run in runs)


def _away(groups: Groups, elsewhere: Collection[int]) -> list[bool]:
    """Return, for each rewritten word, whether it stands for words about a matter elsewhere."""
    return [bool(set(span) & set(elsewhere)) for span, new in groups for _ in new]


def _units(groups: Groups, kept: Sequence[bool], away: Sequence[bool]) -> Runs:
    units: list[tuple[str, ...]] = []
    i = 0
    for _, new in groups:
        unit = tuple(w.term for j, w in enumerate(new, i) if kept[j] and not away[j])
        if unit:
            units.append(unit)
        i += len(new)
    return tuple(units)


def _unknown(
    groups: Groups, kept: Sequence[bool], away: Sequence[bool], unknown: Collection[int]
) -> int:
    count = 0
    i = 0
    for span, new in groups:
        if any(kept[j] and not away[j] for j in range(i, i + len(new))):
            count += len(set(span) & set(unknown))
        i += len(new)
    return count
