"""Finding published procedures in residents' words, for the portal and the API alike.

A query is read with the shared vocabulary (`catalog/data/vocabulary.toml`, the assistant's too):
shorthand expanded ("gplx"), residents' phrases rewritten into the catalog's words ("sổ đỏ" →
"giấy chứng nhận đất", "bằng lái" → "giấy phép lái xe"), stop words dropped ("làm", "bị"), every
syllable folded (marks and đ → d), so "làm sổ đỏ" and "lam so do" are one query. Life events add
the catalog words they call for ("bị mất" → "cấp lại") at a lower weight.

Each content word of the query (a synonym's rewrite counts as one) is a unit; a procedure is
found when it has every unit, or, when none has them all, the most units (at least half). Found
procedures are ranked by the rarity of the terms (syllables and syllable pairs) they share with
the query, in the name above the rest of the text, and by how much of the name the query covers,
so "Cấp lại thẻ căn cước" comes before its "(thực hiện tại cấp trung ương)" twin.

The index is built in memory from the published versions, once per catalog revision and process
(one small query tells the revision), so a search reads no procedure text from the database.
"""

import math
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from django.db.models import Count, Max, QuerySet, Sum

from rapidfuzz import fuzz, process

from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.catalog.words.text import Word, bigrams, words
from motcua.catalog.words.vocabulary import Vocabulary, shared_vocabulary
from motcua.core.text import fold

NAME_WEIGHT = 1.0
TEXT_WEIGHT = 0.3
EVENT_WEIGHT = 0.5  # words a life event adds weigh less than the resident's own
PRECISION_WEIGHT = 2.0  # a name the query covers more of comes first
CLOSEST_CUTOFF = 75  # rapidfuzz partial score (0-100) for a "did you mean" procedure

Runs = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Query:
    """A query in index terms."""

    runs: Runs  # the resident's content words, rewritten and folded, split at stop words
    units: tuple[frozenset[str], ...]  # what a procedure must have: one per content word
    expansion: Runs = ()  # catalog words added by life events
    folded: str = ""

    @property
    def features(self) -> list[str]:
        return _features(self.runs)


@dataclass(frozen=True)
class Entry:
    pk: int
    code: str
    level: str
    field: str
    online: str
    name: frozenset[str]  # terms of the names (Vietnamese, English)
    text: frozenset[str]  # terms of everything the version is found by
    name_size: int  # syllables of the Vietnamese name


def read_query(vocabulary: Vocabulary, text: str) -> Query:
    """Return the query in index terms."""
    raw = vocabulary.expand(words(text))
    groups = vocabulary.rewrite_groups(raw)
    rewritten = [word for _, new in groups for word in new]
    stopped = vocabulary.stop_spans(rewritten)
    units: list[frozenset[str]] = []
    i = 0
    for _, new in groups:
        unit = frozenset(w.term for j, w in enumerate(new, i) if not stopped[j])
        if unit:
            units.append(unit)
        i += len(new)
    runs = _runs(rewritten, stopped)
    events = vocabulary.events_in(rewritten)
    return Query(
        runs=runs,
        units=tuple(dict.fromkeys(units)),
        expansion=tuple(tuple(w.term for w in e.words) for e in events),
        folded=fold(text),
    )


def read_text(vocabulary: Vocabulary, *texts: str) -> frozenset[str]:
    """Return the terms of catalog texts (written with every mark, so stop words match exactly)."""
    runs: list[tuple[str, ...]] = []
    for text in texts:
        rewritten = vocabulary.rewrite(words(text))
        runs += _runs(rewritten, vocabulary.stop_spans(rewritten, exact=True))
        # The catalog's words as written count too ("đăng kí" is rewritten, "sổ" is not a stop).
        runs.append(tuple(w.term for w in words(text)))
    return frozenset(_features(runs))


def _runs(text: Sequence[Word], stopped: Sequence[bool]) -> Runs:
    runs: list[list[str]] = [[]]
    for word, stop in zip(text, stopped, strict=True):
        if not stop:
            runs[-1].append(word.term)
        elif runs[-1]:
            runs.append([])
    return tuple(tuple(run) for run in runs if run)


def _features(runs: Iterable[Sequence[str]]) -> list[str]:
    runs = list(runs)
    return list(
        dict.fromkeys([t for run in runs for t in run] + [b for run in runs for b in bigrams(run)])
    )


class SearchIndex:
    """The published catalog's terms, searched in memory."""

    def __init__(self, entries: Sequence[Entry], vocabulary: Vocabulary, names: Sequence[str]):
        self.entries = list(entries)
        self.vocabulary = vocabulary
        self._names = [fold(name).replace(" ", "") for name in names]  # words typed together
        self._postings: dict[str, set[int]] = {}
        for i, entry in enumerate(self.entries):
            for term in entry.text:
                self._postings.setdefault(term, set()).add(i)
        n = len(self.entries)
        self._idf = {t: math.log(1 + n / len(docs)) for t, docs in self._postings.items()}

    def search(
        self,
        query: Query,
        *,
        level: str = "",
        field: str = "",
        online: str = "",
        codes: Iterable[str] | None = None,
    ) -> list[int]:
        """Return the pks of the versions found for a query, best first, within the filters."""
        allowed = set(codes) if codes is not None else None

        def wanted(entry: Entry) -> bool:
            return (
                (not level or entry.level == level)
                and (not field or entry.field == field)
                and (not online or entry.online == online)
                and (allowed is None or entry.code in allowed)
            )

        if not query.units:
            return []
        covered: dict[int, int] = {}
        for unit in query.units:
            for i in self._having(unit):
                covered[i] = covered.get(i, 0) + 1
        candidates = {i: c for i, c in covered.items() if wanted(self.entries[i])}
        best = max(candidates.values(), default=0)
        if best * 2 < len(query.units):
            return []
        found = [i for i, c in candidates.items() if c == best]
        asked = query.features
        expansion = _features(query.expansion)
        said = {t for t in (*asked, *expansion) if "_" not in t}
        weights = (
            [(t, self._idf.get(t, 0.0)) for t in asked],
            [(t, EVENT_WEIGHT * self._idf.get(t, 0.0)) for t in expansion],
        )
        scores = {i: self._score(self.entries[i], weights, said) for i in found}
        found.sort(key=lambda i: (-scores[i], self.entries[i].code))
        return [self.entries[i].pk for i in found]

    def _having(self, unit: frozenset[str]) -> set[int]:
        postings = sorted((self._postings.get(term, set()) for term in unit), key=len)
        return set.intersection(*postings) if postings else set()

    @staticmethod
    def _score(entry: Entry, weights: tuple[list[tuple[str, float]], ...], said: set[str]) -> float:
        asked, expansion = weights
        score = 0.0
        for term, idf in asked:
            if term in entry.name:
                score += NAME_WEIGHT * idf
            elif term in entry.text:
                score += TEXT_WEIGHT * idf
        score += sum(idf for term, idf in expansion if term in entry.name)
        if entry.name_size:
            score += PRECISION_WEIGHT * len(said & entry.name) / entry.name_size
        return score

    def closest(self, q: str, *, limit: int = 3) -> list[int]:
        """Return the pks of the versions whose names are nearest to `q` as typed (typing slips)."""
        folded = fold(q).replace(" ", "")
        if not folded:
            return []
        matches = process.extract(
            folded,
            self._names,
            scorer=fuzz.partial_ratio,
            limit=50,
            score_cutoff=CLOSEST_CUTOFF,
        )
        # Of names as near, the shortest says least else: "đăng ký khai sinh" before its twins.
        matches.sort(key=lambda match: (-match[1], len(match[0])))
        return [self.entries[i].pk for _, _, i in matches[:limit]]


def _entry(terms: Callable[[str], frozenset[str]], row: dict) -> Entry:
    name = terms(row["name"]) | terms(row["name_en"])
    others = ("field__name", "field__name_en", "result", "result_en")
    return Entry(
        pk=row["pk"],
        code=row["procedure__code"],
        level=row["level"],
        field=row["field__code"],
        online=row["online"],
        name=name,
        text=name.union(terms(row["procedure__code"]), *(terms(row[key]) for key in others)),
        name_size=len(words(row["name"])),
    )


_COLUMNS = (
    "pk",
    "procedure__code",
    "name",
    "name_en",
    "level",
    "online",
    "field__code",
    "field__name",
    "field__name_en",
    "result",
    "result_en",
)


def _published() -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)


def catalog_revision() -> tuple:
    """Return what identifies the published catalog (one small aggregate query).

    Published versions never change (DOMAIN C2): their number, ids and publishing times say
    what is published. Field names are indexed and editable, so their latest change counts too.
    """
    published = _published().aggregate(
        n=Count("pk"), ids=Sum("pk"), last=Max("pk"), at=Max("published_at")
    )
    return tuple(published.values())


_lock = threading.Lock()
_built: dict[tuple, SearchIndex] = {}


def build_index() -> SearchIndex:
    """Return a new index of the published catalog."""
    vocabulary = shared_vocabulary()
    rows = list(_published().order_by("procedure__code").values(*_COLUMNS))
    read: dict[str, frozenset[str]] = {}  # field names and results repeat across procedures

    def terms(text: str) -> frozenset[str]:
        if text not in read:
            read[text] = read_text(vocabulary, text) if text else frozenset()
        return read[text]

    return SearchIndex([_entry(terms, r) for r in rows], vocabulary, [r["name"] for r in rows])


def current_index() -> SearchIndex:
    """Return the index of the published catalog, built again when the catalog has changed."""
    revision = catalog_revision()
    index = _built.get(revision)
    if index is None:
        with _lock:
            index = _built.get(revision)
            if index is None:
                index = build_index()
                _built.clear()
                _built[revision] = index
    return index


class Ranked(Sequence[ProcedureVersion]):
    """Versions in a given order, read from the database a page at a time (for paginators)."""

    def __init__(self, pks: Sequence[int], rows: QuerySet[ProcedureVersion]) -> None:
        self.pks = list(pks)
        self._rows = rows

    def __len__(self) -> int:
        return len(self.pks)

    @overload
    def __getitem__(self, index: int) -> ProcedureVersion: ...

    @overload
    def __getitem__(self, index: slice) -> list[ProcedureVersion]: ...

    def __getitem__(self, index: int | slice) -> ProcedureVersion | list[ProcedureVersion]:
        if isinstance(index, int):
            return self._rows.get(pk=self.pks[index])
        pks = self.pks[index]
        by_pk = {v.pk: v for v in self._rows.filter(pk__in=pks)}
        return [by_pk[pk] for pk in pks if pk in by_pk]

    def __iter__(self) -> Iterator[ProcedureVersion]:
        return iter(self[:])
