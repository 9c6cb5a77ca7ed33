"""The ranking core: BM25 (bm25s) over the catalog's Vietnamese-normalised text. No database.

Each procedure is two BM25 documents: its names (Vietnamese and English) and its body (field,
result, documents, fees). A question is rewritten with the vocabulary, corrected for typos
against the words the index knows, and scored against both; words that a life event adds
("mới sinh" → "đăng ký khai sinh") score at a lower weight than the resident's own words.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from motcua.assistant.retrieval.facts import ProcedureFacts
from motcua.assistant.retrieval.text import Word, features, words
from motcua.assistant.retrieval.vocabulary import Vocabulary

NAME_WEIGHT = 1.0
BODY_WEIGHT = 0.15
EXPANSION_WEIGHT = 0.75
K1, B = 0.9, 0.75  # tf saturates early: names and bodies count each term once
PRECISION_WEIGHT = 5.0  # how much of a name the question covers: "đăng ký thường trú" is not
# "xóa đăng ký thường trú"
MIN_COVERAGE = 0.5
MIN_MARGIN = 1.06


@dataclass(frozen=True)
class Hit:
    code: str
    score: float


@dataclass(frozen=True)
class Analysis:
    """What the question says, in index terms."""

    runs: tuple[tuple[str, ...], ...]  # the resident's own words, rewritten and corrected
    expansion: tuple[tuple[str, ...], ...]  # catalog words added by life events
    marked: tuple[str, ...]
    events: tuple[str, ...]
    aspects: frozenset[str]  # documents, fees, time, where, result, online
    intents: frozenset[str]  # follow_up, status, abusive, elsewhere


@dataclass(frozen=True)
class Ranking:
    hits: tuple[Hit, ...]  # best first, only scores above zero
    analysis: Analysis
    confident: bool


class Index:
    """A BM25 index of published procedures; build one per catalog revision."""

    def __init__(self, procedures: Sequence[ProcedureFacts], vocabulary: Vocabulary) -> None:
        self.procedures = list(procedures)
        self.vocabulary = vocabulary
        # Names count each term once: a name that repeats "đăng ký" is not more about it.
        names = [sorted(set(self._document(p.name, p.name_en))) for p in self.procedures]
        bodies = [self._document(*p.texts()[2:]) for p in self.procedures]
        self._names = _bm25(names)
        self._name_sets = [set(name) for name in names]
        self._bodies = _bm25(bodies)
        self._terms = [set(n) | set(b) for n, b in zip(names, bodies, strict=True)]
        every = Counter(t for terms in self._terms for t in terms)
        self._pairs = {t for t in every if "_" in t}
        self._known = [t for t, _ in every.most_common() if "_" not in t and "~" not in t]
        self._known_set = set(self._known) | vocabulary.terms

    def _document(self, *texts: str) -> list[str]:
        runs: list[list[str]] = []
        marked: list[str] = []
        for text in texts:
            for run in self._runs(self.vocabulary.rewrite(words(text)), exact=True):
                runs.append([w.term for w in run])
                marked += [w.typed for w in run if w.is_marked]
        return features(runs, marked) or [""]

    def _runs(
        self, text: Sequence[Word], *, rescue: bool = False, exact: bool = False
    ) -> list[list[Word]]:
        """Split at stop words, keeping one (in a question) that is half of a catalog compound."""
        stopped = self.vocabulary.stop_spans(text, exact=exact)
        runs: list[list[Word]] = [[]]
        for i, word in enumerate(text):
            if not stopped[i] or (rescue and self._compound(text, i)):
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        return [run for run in runs if run]

    def _compound(self, text: Sequence[Word], i: int) -> bool:
        before = i > 0 and f"{text[i - 1].term}_{text[i].term}" in self._pairs
        after = i + 1 < len(text) and f"{text[i].term}_{text[i + 1].term}" in self._pairs
        return before or after

    def _correct(self, text: list[Word]) -> list[Word]:
        """Replace unknown words by the nearest known one, preferring one that makes a compound."""
        out = list(text)
        for i, word in enumerate(text):
            if word.term in self._known_set or len(word.term) < 3 or not word.term.isalpha():
                continue
            cutoff = 1 if len(word.term) < 8 else 2
            options = [
                m[0]
                for m in process.extract(
                    word.term, self._known, scorer=OSA.distance, score_cutoff=cutoff, limit=8
                )
            ]
            near = [Word(option, option) for option in options]
            paired = [w for w in near if self._compound([*out[:i], w, *out[i + 1 :]], i)]
            if paired:
                out[i] = paired[0]
            elif near and len(word.term) >= 4:
                out[i] = near[0]
        return out

    def analyse(self, question: str) -> Analysis:
        """Return the question in index terms."""
        vocabulary = self.vocabulary
        raw = words(question)
        corrected = self._correct(raw)
        rewritten = vocabulary.rewrite(corrected)
        labels = vocabulary.labels_in(raw) | vocabulary.labels_in(corrected)
        labels |= vocabulary.labels_in(rewritten)
        events = [e for e in vocabulary.events if f"event:{e.name}" in labels]
        runs = self._runs(rewritten, rescue=True)
        return Analysis(
            runs=tuple(tuple(w.term for w in run) for run in runs),
            expansion=tuple(tuple(w.term for w in e.words) for e in events),
            marked=tuple(w.typed for run in runs for w in run if w.is_marked),
            events=tuple(dict.fromkeys(e.name for e in events)),
            aspects=frozenset(
                label.removeprefix("aspect:")
                for label in vocabulary.labels_in(raw)
                if label.startswith("aspect:")
            ),
            intents=frozenset(
                label.removeprefix("intent:") for label in labels if label.startswith("intent:")
            ),
        )

    def _scores(self, runs: Sequence[Sequence[str]], marked: Sequence[str] = ()) -> np.ndarray:
        query = features(runs, marked)
        if not query:
            return np.zeros(len(self.procedures))
        names = self._names.get_scores(query)
        asked = set(query)
        precision = np.array([len(asked & name) / len(name) for name in self._name_sets])
        return (
            NAME_WEIGHT * names
            + BODY_WEIGHT * self._bodies.get_scores(query)
            + PRECISION_WEIGHT * precision
        )

    def rank(self, question: str, k: int = 3) -> Ranking:
        """Rank the procedures for a question; say whether the best one is a confident answer."""
        analysis = self.analyse(question)
        scores = self._scores(analysis.runs, analysis.marked)
        if analysis.expansion:
            scores = scores + EXPANSION_WEIGHT * self._scores(analysis.expansion)
        scores = scores + self.extra_scores(question)
        order = np.argsort(-scores, kind="stable")[:k]
        hits = tuple(
            Hit(self.procedures[i].code, round(float(scores[i]), 3)) for i in order if scores[i] > 0
        )
        return Ranking(hits, analysis, self._confident(analysis, hits))

    def extra_scores(self, question: str) -> np.ndarray | float:
        """Return further scores to add (none here; bench/assistant_eval.py adds embeddings)."""
        return 0.0

    def _confident(self, analysis: Analysis, hits: Sequence[Hit]) -> bool:
        if not hits or "elsewhere" in analysis.intents:
            return False
        if len(hits) > 1 and hits[0].score < MIN_MARGIN * hits[1].score:
            return False
        top = self._terms[self.position(hits[0].code)]
        return self.coverage(analysis, top) >= MIN_COVERAGE

    def position(self, code: str) -> int:
        return next(i for i, p in enumerate(self.procedures) if p.code == code)

    @staticmethod
    def coverage(analysis: Analysis, terms: set[str]) -> float:
        """Return how much of the question the terms cover: its words, or a life event's."""
        best = 0.0
        for runs in (analysis.runs, *((run,) for run in analysis.expansion)):
            wanted = set(features(runs))
            if wanted:
                best = max(best, len(wanted & terms) / len(wanted))
        return best


def _bm25(corpus: list[list[str]]) -> bm25s.BM25:
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(corpus, show_progress=False)
    return retriever
