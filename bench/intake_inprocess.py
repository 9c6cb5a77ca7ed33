"""Intake in process, on the database of DATABASE_URL (used by bench/intake.py; never a test).

    DATABASE_URL=postgres://… .venv/bin/python bench/intake_inprocess.py --count 20
    DATABASE_URL=postgres://… .venv/bin/python bench/intake_inprocess.py --cpu 300
    DATABASE_URL=postgres://… .venv/bin/python bench/intake_inprocess.py --profile 300 [--out F]

Files dossiers as the HTTP bench does (the same body, a fresh Idempotency-Key each) through
Django's test client, with the first API token of the database, and prints either the SQL
statements of one intake (`--count`: the median over N intakes after a warm-up, then each
statement's first words) or a cProfile of N intakes sorted by cumulative CPU time (`--profile`),
with the application CPU per intake (process CPU time / dossiers).
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("MOTCUA_LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from intake import PROCEDURE, RECEIVING_POINT, sandbox_applicants  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from motcua.documents.pdf import blank_pdf  # noqa: E402


class Filer:
    def __init__(self, ward: str) -> None:
        token = Token.objects.order_by("created").first()
        if token is None:
            raise SystemExit("no API token in this database (run bench/intake.py first)")
        self.client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        documents = self.client.get(f"/api/v1/procedures/{PROCEDURE}/").json()["documents"]
        pdf = SimpleUploadedFile("form.pdf", blank_pdf("form"), "application/pdf")
        upload = self.client.post("/api/v1/uploads/", {"file": pdf})
        if upload.status_code != 201:
            raise SystemExit(f"POST upload: {upload.status_code} {upload.content[:300]!r}")
        self.documents = [{"requirement": documents[0]["id"], "file": upload.json()["id"]}] + [
            {"requirement": d["id"], "from_data": True}
            for d in documents
            if d["required"] and d["replaceable_by"]
        ]
        self.applicants = sandbox_applicants()
        self.ward, self.n = ward, 0

    def file(self) -> None:
        self.n += 1
        body = {
            "procedure": PROCEDURE,
            "channel": "counter",
            "receiving_point": RECEIVING_POINT,
            "competent_unit": self.ward,
            "applicant": self.applicants[self.n % len(self.applicants)],
            "documents": self.documents,
            "delivery": {"method": "online"},
        }
        response = self.client.post(
            "/api/v1/dossiers/",
            json.dumps(body),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
        if response.status_code != 201:
            raise SystemExit(f"POST dossier: {response.status_code} {response.content[:500]!r}")


def count(filer: Filer, n: int) -> None:
    for _ in range(3):
        filer.file()
    counts, last = [], []
    for _ in range(n):
        with CaptureQueriesContext(connection) as queries:
            filer.file()
        counts.append(len(queries.captured_queries))
        last = [q["sql"] for q in queries.captured_queries]
    print(f"statements per intake: {statistics.median(counts):.0f}")  # noqa: T201
    for statement in last:
        print("  " + " ".join(statement.split()[:6])[:110])  # noqa: T201


def cpu(filer: Filer, n: int) -> None:
    """Application CPU per intake without a profiler: process CPU time / dossiers."""
    for _ in range(10):
        filer.file()
    load = os.getloadavg()[0]
    started, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        filer.file()
    spent, wall = time.process_time() - started, time.perf_counter() - wall
    print(  # noqa: T201
        f"{n} intakes: application CPU {1000 * spent / n:.1f} ms per intake, wall "
        f"{1000 * wall / n:.1f} ms, load average {load:.1f} -> {os.getloadavg()[0]:.1f}"
    )


def profile(filer: Filer, n: int, out: str) -> None:
    for _ in range(10):
        filer.file()
    profiler = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
    cpu, wall = time.process_time(), time.perf_counter()
    profiler.enable()
    for _ in range(n):
        filer.file()
    profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(  # noqa: T201
        f"{n} intakes: application CPU {1000 * cpu / n:.1f} ms per intake (under cProfile), "
        f"wall {1000 * wall / n:.1f} ms, load average {os.getloadavg()[0]:.1f}"
    )
    if out:
        profiler.dump_stats(out)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(45)
    print(text.getvalue())  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=0, help="intakes to count statements over")
    parser.add_argument("--cpu", type=int, default=0, help="intakes to time (no profiler)")
    parser.add_argument("--profile", type=int, default=0, help="intakes to profile")
    parser.add_argument("--out", default="", help="write the cProfile stats to this file")
    parser.add_argument("--ward", default="00008", help="competent ward (default: Ngọc Hà)")
    args = parser.parse_args()
    filer = Filer(args.ward)
    if args.count:
        count(filer, args.count)
    if args.cpu:
        cpu(filer, args.cpu)
    if args.profile:
        profile(filer, args.profile, args.out)


if __name__ == "__main__":
    main()
