"""The ranking core: BM25 (bm25s) over the catalog's Vietnamese-normalised text. No database.

Each procedure is three BM25 documents: its names (Vietnamese and English), its body (field,
result, documents, fees) and the ways residents describe needing it (`data/paraphrases.toml`).
A question is read into index terms (`reading.py`) and scored against all three; words that a
life event adds ("mới sinh" → "đăng ký khai sinh") score at a lower weight than the resident's
own words. Whether the best procedure is a confident answer is judged apart (`_decision`).
"""

import logging
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from motcua.assistant.retrieval.facts import ProcedureFacts
from motcua.assistant.retrieval.generated import core_name, generated_phrases
from motcua.assistant.retrieval.reading import Analysis, Reader, Runs
from motcua.assistant.retrieval.spelling import Speller
from motcua.catalog.words.text import features
from motcua.catalog.words.vocabulary import Vocabulary
from motcua.core.text import fold

# bm25s sets its logger to DEBUG when it is imported, over the project's LOGGING (settings.py):
# every index build would narrate itself on the console of `make run` and `catalog load`.
logging.getLogger("bm25s").setLevel(logging.WARNING)

NAME_WEIGHT = 1.0
BODY_WEIGHT = 0.15
PHRASE_WEIGHT = 1.0
EXPANSION_WEIGHT = 0.75
ASIDE_WEIGHT = 0.5  # what the paper is for ("…để mua nhà") says less about which one it is
K1, B = 0.9, 0.75  # tf saturates early: names and bodies count each term once
PRECISION_WEIGHT = 5.0  # how much of a name the question covers: "đăng ký thường trú" is not
# "xóa đăng ký thường trú"
TWIN_FACTOR = 0.9  # a near-twin whose own idea the question does not say ("lại", "chấm dứt")
# Below this the best procedure shares no more than a word or two with the question (at the
# whole catalog of 2,600 procedures, whose rare words weigh more; measured on the tuning set).
MIN_SCORE = 16.0
MIN_MARGIN = 1.06  # the best must beat the second by this much
MIN_COVERAGE = 0.5  # ...and cover this share of the question's content words
NAMED_COVERAGE = 0.6  # ...with its names and residents' phrases alone (not its papers)
DECLINE_COVERAGE = 0.34  # below this share no procedure is about the question: declined
LEVEL_PRIOR = 0.12  # a procedure resolved at the commune, where residents file most
APPLICANT_PRIOR = 0.2  # ...and one a citizen may apply for (an organisation's, if asked so)
_WHO = {
    False: {"citizens", "overseas_vietnamese", "foreigners"},
    True: {"organisations", "enterprises", "foreign_invested_enterprises", "cooperatives"},
}
CHOOSE_SHARE = 0.9  # the second is this close: "which of the two do you mean?"
AGE_FACTOR = 0.8  # a procedure for an age range the question's age is outside of
# An age as residents say it ("bé 5 tuổi", "14 tuoi", "15 years old") and as names bound it
# ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên"), on folded text.
_ASKED_AGE = re.compile(r"\b(\d{1,3}) ?(?:tuoi|years? old|yo)\b")
_UNDER = re.compile(r"\bduoi (\d{1,3}) tuoi\b")
_FROM = re.compile(r"\b(?:tu du|tu|du|tren) (\d{1,3}) tuoi(?: tro len)?\b")


@dataclass(frozen=True)
class Hit:
    code: str
    score: float


@dataclass(frozen=True)
class Ranking:
    hits: tuple[Hit, ...]  # best first, only scores above zero
    analysis: Analysis
    confident: bool
    # answer | choose (which of the first two?) | unsure (the closest ones) | decline (no
    # procedure of the catalog is about this)
    decision: str = "unsure"
    offered: tuple[str, ...] = ()  # the two procedures to choose from (decision "choose")


class Index:
    """A BM25 index of published procedures; build one per catalog revision."""

    def __init__(self, procedures: Sequence[ProcedureFacts], vocabulary: Vocabulary) -> None:
        self.procedures = list(procedures)
        self._positions = {p.code: i for i, p in enumerate(self.procedures)}
        self.vocabulary = vocabulary
        self._reader = Reader(vocabulary, set())
        # Names count each term once: a name that repeats "đăng ký" is not more about it.
        names = [sorted(set(self._reader.document(p.name, p.name_en))) for p in self.procedures]
        bodies = [self._reader.document(*p.texts()[2:]) for p in self.procedures]
        self._reader.pairs.update(t for doc in (*names, *bodies) for t in doc if "_" in t)
        phrases = [
            [
                t
                for phrase in (*vocabulary.paraphrases.get(p.code, ()), *generated_phrases(p))
                for t in self._reader.phrase(phrase)
            ]
            or [""]
            for p in self.procedures
        ]
        # One string object per term, shared by every set below and by the stored file.
        names, bodies, phrases = (
            [[sys.intern(t) for t in doc] for doc in corpus] for corpus in (names, bodies, phrases)
        )
        self._names, self._bodies, self._phrases = _bm25(names), _bm25(bodies), _bm25(phrases)
        self._name_sets = [set(name) for name in names]
        # Who usually asks: a resident (a citizen, at the commune, the front door) unless the
        # question speaks of a company or an organisation. From the catalog's own fields.
        commune = np.array([p.level == "commune" for p in self.procedures], dtype=float)
        self._prior = {
            wants_organisation: 1
            + LEVEL_PRIOR * commune
            + APPLICANT_PRIOR
            * np.array(
                [bool(set(p.applicants) & _WHO[wants_organisation]) for p in self.procedures],
                dtype=float,
            )
            for wants_organisation in (False, True)
        }
        terms = [set(n) | set(b) | set(r) for n, b, r in zip(names, bodies, phrases, strict=True)]
        every = Counter(t for each in terms for t in each)
        # Each procedure's terms as ids (a few MB at 2,600 procedures, not sets of strings).
        self._words = sorted(every)
        ids = {t: i for i, t in enumerate(self._words)}
        self._term_ids = [np.array(sorted(ids[t] for t in each), dtype=np.int32) for each in terms]
        # ...and those of its names and residents' phrases alone: a confident answer needs the
        # question said by these, not only by the papers of its body ("xin giấy phép xuất bản
        # sách" shares "bản", "sách" with many lists of documents and is no procedure's name).
        self._named_ids = [
            np.array(sorted({ids[t] for t in (*n, *r) if t}), dtype=np.int32)
            for n, r in zip(names, phrases, strict=True)
        ]
        self._reader.pairs.update(t for t in every if "_" in t)
        # A twin's own words are those of its name and of what residents were heard to say
        # (hand-written phrases), not the generated ones: those repeat its name and verbs.
        written = [
            {
                t
                for phrase in vocabulary.paraphrases.get(p.code, ())
                for t in self._reader.phrase(phrase)
            }
            for p in self.procedures
        ]
        said = [set(n) | w for n, w in zip(names, written, strict=True)]
        # Twins and tiers are told apart on the names as residents say them: no "Thủ tục", no
        # "(thực hiện tại cấp tỉnh)".
        # Vietnamese names only: many procedures have no English name, which would hide a twin.
        cores = [sorted(set(self._reader.document(core_name(p.name)))) for p in self.procedures]
        self._twins = _twins(cores, said)
        # The same procedure at another tier (its name differs only by the tier in brackets).
        self._core_of = [sys.intern(fold(core_name(p.name))) for p in self.procedures]
        self._ages = {
            i: bounds for i, p in enumerate(self.procedures) if (bounds := _age_bounds(p.name))
        }
        known = [t for t, _ in every.most_common() if "_" not in t and "~" not in t]
        self._reader.speller = Speller(known, set(known) | vocabulary.terms, self._reader.pairs)
        # A matter the vocabulary lists as handled elsewhere ("hộ chiếu", "mã số thuế") is not
        # elsewhere when a published procedure is named for it: the whole catalog has them.
        self._reader.covered = {
            phrase
            for phrase in vocabulary.phrases_of("intent:elsewhere")
            if any(set(features([phrase])) <= name for name in self._name_sets)
        }

    def analyse(self, question: str) -> Analysis:
        """Return the question in index terms."""
        return self._reader.question(question)

    def _scores(self, runs: Runs, marked: Sequence[str] = ()) -> np.ndarray:
        query = features(runs, marked)
        if not query:
            return np.zeros(len(self.procedures))
        asked = set(query)
        precision = np.array([len(asked & name) / len(name) for name in self._name_sets])
        return (
            NAME_WEIGHT * self._names.get_scores(query)
            + BODY_WEIGHT * self._bodies.get_scores(query)
            + PHRASE_WEIGHT * self._phrases.get_scores(query)
            + PRECISION_WEIGHT * precision
        )

    def rank(self, question: str, k: int = 3) -> Ranking:
        """Rank the procedures for a question; say whether the best one is a confident answer."""
        analysis = self.analyse(question)
        scores = self._scores(analysis.runs, analysis.marked)
        if analysis.expansion:
            scores = scores + EXPANSION_WEIGHT * self._scores(analysis.expansion)
        if analysis.aside:
            scores = scores + ASIDE_WEIGHT * self._scores(analysis.aside)
        scores = scores + self.extra_scores(question)
        scores = scores * self._prior["organisation" in analysis.intents]
        if self._ages and (age := _asked_age(question)) is not None:
            for i, (low, high) in self._ages.items():
                if not low <= age < high:
                    scores[i] *= AGE_FACTOR
        asked = set(features(analysis.runs)) | set(features(analysis.expansion))
        unmarked = set()
        for twin, markers in self._twins:
            if not asked & markers:
                scores[twin] *= TWIN_FACTOR
                unmarked.add(self.procedures[twin].code)
        order = np.argsort(-scores, kind="stable")[:k]
        hits = tuple(
            Hit(self.procedures[i].code, round(float(scores[i]), 3)) for i in order if scores[i] > 0
        )
        decision, rivals = self._decision(analysis, hits, unmarked)
        offered = (hits[0].code, rivals[0].code) if decision == "choose" else ()
        return Ranking(hits, analysis, decision == "answer", decision, offered)

    def extra_scores(self, question: str) -> np.ndarray | float:
        """Return further scores to add (none here; bench/assistant_eval.py adds embeddings)."""
        return 0.0

    def _decision(
        self, analysis: Analysis, hits: Sequence[Hit], unmarked: set[str]
    ) -> tuple[str, list[Hit]]:
        """Answer, ask which of two, say it is not sure, or decline (docs/assistant.md §8).

        Returns the decision and the rivals of the best procedure: a near-twin whose own idea
        the question does not say ("khai sinh" is not "khai sinh lưu động") and the same
        procedure at another tier (the prior put the residents' one first) are none.
        """
        if "elsewhere" in analysis.intents:
            return "decline", []
        if not analysis.units and not analysis.expansion:
            return "unsure", []  # "thế còn lệ phí?" with no procedure before: which one?
        if not hits:
            return "decline", []
        best = hits[0]
        top = self.coverage(analysis, self.terms_of(best.code))
        if best.score < MIN_SCORE or top < DECLINE_COVERAGE:
            return "decline", []
        core = self._core_of[self.position(best.code)]
        rivals = [
            h
            for h in hits[1:]
            if (h.code not in unmarked or best.code in unmarked)
            and self._core_of[self.position(h.code)] != core
        ]
        named = self.coverage(analysis, self.terms_of(best.code, named=True))
        if top < MIN_COVERAGE or named < NAMED_COVERAGE:
            return "unsure", rivals
        if rivals and best.score < MIN_MARGIN * rivals[0].score:
            second = self.coverage(analysis, self.terms_of(rivals[0].code))
            close = rivals[0].score >= CHOOSE_SHARE * best.score and second >= MIN_COVERAGE
            apart = len(rivals) < 2 or rivals[1].score < CHOOSE_SHARE * rivals[0].score
            return ("choose" if close and apart else "unsure"), rivals
        return "answer", rivals

    def terms_of(self, code: str, *, named: bool = False) -> set[str]:
        """Return every index term of one procedure (names, body, phrases; or names, phrases)."""
        ids = (self._named_ids if named else self._term_ids)[self.position(code)]
        return {self._words[i] for i in ids}

    def position(self, code: str) -> int:
        return self._positions[code]

    @staticmethod
    def coverage(analysis: Analysis, terms: set[str]) -> float:
        """Return the share of the question's content words the terms cover (or a life event's)."""
        best = 0.0
        if analysis.units:
            best = sum(1 for unit in analysis.units if set(unit) & terms) / len(analysis.units)
        for run in analysis.expansion:
            wanted = set(features((run,)))
            best = max(best, len(wanted & terms) / len(wanted))
        return best


def _twins(
    names: Sequence[Sequence[str]], said: Sequence[set[str]]
) -> list[tuple[int, frozenset[str]]]:
    """Return the near-twin procedures, each with the words only it is described with.

    A twin's name is another procedure's name and one more idea ("đăng ký lại khai sinh",
    "đăng ký chấm dứt giám hộ", "gia hạn tạm trú"), leaving aside words most names have ("đăng
    ký", "cấp"). Its markers are the words of its name and paraphrases that the other's lack
    ("lại", "mất", "không còn sổ"): a question with none of them is about the other one.
    """
    words = [{t for t in name if "_" not in t and "~" not in t} for name in names]
    common = Counter(t for name in words for t in name)
    generic = {t for t, n in common.items() if n > len(names) / 4}
    cores = [name - generic for name in words]
    return [
        (b, frozenset(t for t in said[b] - said[a] if "_" not in t and "~" not in t))
        for a, base in enumerate(cores)
        for b, twin in enumerate(cores)
        if a != b and base and base < twin
    ]


def _age_bounds(name: str) -> tuple[int, float] | None:
    """Return the ages a procedure's name is for ("dưới 14 tuổi": 0 to 14), if it says."""
    folded = fold(name)
    if under := _UNDER.search(folded):
        return 0, int(under[1])
    if above := _FROM.search(folded):
        return int(above[1]), float("inf")
    return None


def _asked_age(question: str) -> int | None:
    """Return the age a question tells of ("làm căn cước cho bé 5 tuổi"), if one."""
    found = _ASKED_AGE.search(fold(question))
    return int(found[1]) if found else None


def _bm25(corpus: list[list[str]]) -> bm25s.BM25:
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(corpus, show_progress=False)
    return retriever
