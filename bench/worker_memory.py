"""Memory per gunicorn worker after real requests, with and without the preloaded master.

    .venv/bin/python bench/worker_memory.py                  # the database `make run` left
    DATABASE_URL=postgres://… .venv/bin/python bench/worker_memory.py --workers 3

For each way of starting gunicorn — `preload` (`-c python:motcua.gunicorn_conf`, as `make run`
and docs/operations.md do: the application, its libraries and the indexes loaded once in the
master, the workers forked from it) and `plain` (each worker imports everything itself) — it
starts N sync workers on the database of DATABASE_URL (default: the SQLite file of
MOTCUA_VAR_DIR), sends every worker the same mix (the portal's home page, a procedure search, a
procedure page, the API's procedure list and the assistant's questions, until each worker has
answered at least one question), then reads each worker's /proc/PID/smaps_rollup:

- RSS: every page the worker can touch, shared ones counted in full in each worker;
- PSS: shared pages divided among the processes sharing them (the sum over processes is the
  machine's memory);
- USS (private): the pages only this worker holds, what one more worker costs.

Never a test: the figures go to docs/benchmarks.md.
"""

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from intake import HOST, ROOT, Server, ServerConfig  # noqa: E402

QUESTIONS = [
    "đăng ký khai sinh cần những giấy tờ gì",
    "lam lai can cuoc mat bao lau",
    "how do I register a marriage",
    "xin giấy phép xây dựng nhà ở",
]
PAGES = [
    "/",
    "/procedures/?q=" + urllib.parse.quote("khai sinh"),
    "/api/v1/procedures/?page_size=5",
]


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def _ask(port: int, question: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    body = json.dumps({"question": question})
    conn.request("POST", "/api/v1/assistant/ask", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def _memory(pid: int) -> dict[str, float]:
    """RSS, PSS and private (USS) MB of one process."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value) / 1024
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def _procedure_page(port: int) -> str | None:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", "/api/v1/procedures/?page_size=1")
    response = conn.getresponse()
    data = json.loads(response.read())
    conn.close()
    results = data.get("results") or []
    return f"/procedures/{results[0]['code']}/" if results else None


def measure(mode: str, args: argparse.Namespace, env: dict[str, str], log: Path) -> list[str]:
    options = ("-c", "python:motcua.gunicorn_conf") if mode == "preload" else ()
    server = Server(ServerConfig(args.workers, 1), args.port, env, log, options, 180)
    rows = []
    try:
        started = time.monotonic()
        server.start()
        ready = time.monotonic() - started
        page = _procedure_page(args.port)
        paths = PAGES + ([page] if page else [])
        statuses: dict[int, int] = {}
        # Requests go to whichever worker accepts first: send rounds until every worker has
        # had its share (each round is the whole mix, once per worker).
        for round_ in range(args.rounds * args.workers):
            answered = [_get(args.port, path) for path in paths]
            answered.append(_ask(args.port, QUESTIONS[round_ % len(QUESTIONS)]))
            for status in answered:
                statuses[status] = statuses.get(status, 0) + 1
        master, *workers = server.pids()
        figures = [_memory(pid) for pid in workers]
        for name, mem in [(f"worker {pid}", fig) for pid, fig in zip(workers, figures)] + [
            ("master", _memory(master))
        ]:
            rows.append(
                f"| {mode} | {name} | {mem['rss']:.0f} | {mem['pss']:.0f} | {mem['uss']:.0f} |"
            )
        total = sum(f["pss"] for f in figures) + _memory(master)["pss"]
        rows.append(f"| {mode} | all {args.workers} workers + master (PSS sum) | | {total:.0f} | |")
        print(f"{mode}: ready in {ready:.1f} s, responses {dict(sorted(statuses.items()))}")
        if set(statuses) != {200}:
            raise SystemExit(f"{mode}: a request was not answered 200:\n{server.log_tail()}")
    finally:
        server.stop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="mixes sent per worker")
    parser.add_argument("--port", type=int, default=18440)
    parser.add_argument("--modes", default="preload,plain")
    parser.add_argument(
        "--var-dir", default=os.environ.get("MOTCUA_VAR_DIR", str(ROOT / "var")),
        help="MOTCUA_VAR_DIR of the served application (its SQLite file, index, media)",
    )  # fmt: skip
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MOTCUA_LOG_LEVEL": "WARNING"}
    env["MOTCUA_VAR_DIR"] = args.var_dir
    log = Path(env["MOTCUA_VAR_DIR"]) / "worker-memory.log"
    rows = [
        "| start | process | RSS MB | PSS MB | private (USS) MB |",
        "| --- | --- | --- | --- | --- |",
    ]
    for mode in args.modes.split(","):
        rows += measure(mode, args, env, log)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
