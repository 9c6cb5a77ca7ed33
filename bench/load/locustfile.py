"""A realistic mix for `bench/load/run.py` (never run as a test): residents searching and
reading procedures, filing online through the API, tracking; officials working their queue.

The runner passes the accounts in the environment: MOTCUA_LOAD_CITIZEN_TOKEN (a citizen's API
token), MOTCUA_LOAD_OFFICIAL_TOKEN and MOTCUA_LOAD_OFFICIAL (the receiving officer of
MC-00070, token and username) and MOTCUA_LOAD_PASSWORD (for the workspace sign-in).
"""

import os
import random
import re
import uuid
from io import BytesIO

from locust import HttpUser, between, task
from pypdf import PdfWriter

BIRTH = "1.001193"
POINT, UNIT = "MC-00070", "00070"  # Hoàn Kiếm: received and resolved there
APPLICANT = {
    "id_number": "001090012345",
    "full_name": "Nguyễn Văn An",
    "date_of_birth": "1990-05-01",
}


def _blank_pdf() -> bytes:
    """A one-page blank A4 PDF, as a scanned form would be uploaded."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()
SEARCHES = [
    ("đăng ký khai sinh", "dang ky khai sinh"),
    ("kết hôn", "ket hon"),
    ("hộ kinh doanh", "ho kinh doanh"),
    ("chứng thực bản sao", "chung thuc ban sao"),
    ("đất đai", "dat dai"),
]
PROCEDURES: list[str] = []  # filled from the API on first use, shared by the users of a process
FILED: list[str] = []  # codes of dossiers filed in this run, for tracking


def _procedure() -> str:
    return random.choice(PROCEDURES) if PROCEDURES else BIRTH


class Resident(HttpUser):
    """Finds a procedure (with and without diacritics), reads it, tracks a dossier."""

    weight = 10
    wait_time = between(1, 3)

    def on_start(self) -> None:
        if not PROCEDURES:
            body = self.client.get(
                "/api/v1/procedures/?page_size=100", name="api procedures"
            ).json()
            PROCEDURES.extend(p["code"] for p in body["results"])

    @task(2)
    def portal_home(self) -> None:
        self.client.get("/", name="page /")

    @task(3)
    def search_page(self) -> None:
        marked, plain = random.choice(SEARCHES)
        self.client.get("/procedures/", params={"q": marked}, name="page search, diacritics")
        self.client.get("/procedures/", params={"q": plain}, name="page search, no diacritics")

    @task(2)
    def search_api(self) -> None:
        marked, plain = random.choice(SEARCHES)
        self.client.get("/api/v1/procedures/", params={"q": random.choice((marked, plain))},
                        name="api search")  # fmt: skip

    @task(3)
    def procedure_page(self) -> None:
        code = _procedure()
        self.client.get(f"/procedures/{code}/", name="page procedure")
        self.client.get(f"/api/v1/procedures/{code}/", name="api procedure")

    @task(2)
    def track(self) -> None:
        if not FILED:
            return
        code = random.choice(FILED)
        self.client.get(f"/api/v1/track/{code}/", params={"id_last4": "2345"}, name="api track")
        self.client.get(f"/track/{code}/", name="page track")


class OnlineFiler(HttpUser):
    """Files a birth registration online through the API: upload, then the dossier."""

    weight = 3
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {os.environ['MOTCUA_LOAD_CITIZEN_TOKEN']}"
        detail = self.client.get(f"/api/v1/procedures/{BIRTH}/", name="api procedure").json()
        self.required = [d["id"] for d in detail["documents"] if d["required"]]

    @task
    def file_online(self) -> None:
        uploaded = self.client.post(
            "/api/v1/uploads/", files={"file": ("to-khai.pdf", PDF)}, name="api upload"
        )
        if uploaded.status_code != 201:
            return
        upload = uploaded.json()["id"]
        body = {
            "procedure": BIRTH,
            "channel": "online",
            "receiving_point": POINT,
            "competent_unit": UNIT,
            "applicant": APPLICANT,
            "documents": [{"requirement": r, "file": upload} for r in self.required],
            "delivery": {"method": "online"},
        }
        with self.client.post(
            "/api/v1/dossiers/",
            json=body,
            headers={"Idempotency-Key": str(uuid.uuid4())},
            name="api file dossier",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                FILED.append(response.json()["code"])
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")


class Official(HttpUser):
    """A receiving officer: the queue in the API and in the workspace, accepting dossiers."""

    weight = 2
    wait_time = between(2, 4)

    def on_start(self) -> None:
        self.token = os.environ["MOTCUA_LOAD_OFFICIAL_TOKEN"]
        page = self.client.get("/workspace/sign-in/", name="page sign-in")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/workspace/sign-in/",
            data={
                "username": os.environ["MOTCUA_LOAD_OFFICIAL"],
                "password": os.environ["MOTCUA_LOAD_PASSWORD"],
                "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
            },
            headers={"Referer": f"{self.host}/workspace/sign-in/"},
            name="page sign-in",
        )

    def _api(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}

    @task(3)
    def queue_page(self) -> None:
        self.client.get("/workspace/", name="page workspace queue")

    @task(3)
    def queue_api(self) -> None:
        self.client.get("/api/v1/dossiers/", params={"status": "received"}, headers=self._api(),
                        name="api queue")  # fmt: skip

    @task(2)
    def accept_one(self) -> None:
        listed = self.client.get(
            "/api/v1/dossiers/",
            params={"status": "received", "unit": UNIT},
            headers=self._api(),
            name="api queue",
        ).json()
        if not listed.get("results"):
            return
        dossier = random.choice(listed["results"][:10])
        self.client.get(f"/workspace/dossiers/{dossier['code']}/", name="page workspace dossier")
        with self.client.post(
            f"/api/v1/dossiers/{dossier['code']}/actions/accept/",
            json={"expected_version": dossier["version"]},
            headers=self._api(),
            name="api action accept",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 409):  # 409: another official was first (stale)
                response.success()
