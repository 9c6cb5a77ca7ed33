"""A hand-built month at ward B's People's Committee (Ngọc Hà), November 2026.

Six birth registrations (1 working day each; Monday 2/11/2026 is a working day), built through
the real services at fixed moments, whose indicators are worked out by hand in the tests:

D1  counter at ward A's point (boundary-free), received Mon 2/11 09:00, result signed
    2/11 15:00 (due 3/11 09:00: early, 5 working hours), returned, rated 5.
D2  online, result online, received Mon 2/11 10:00, signed Tue 3/11 11:00 (due 3/11 10:00:
    late, 9 working hours), returned, rated 2 (a dislike).
D3  counter at ward B, received 2/11 14:00, supplement asked 2/11 15:00, supplied Wed 4/11
    09:00 (11 working hours paused: due 4/11 17:00), signed 4/11 10:00: on time, 2 hours.
D4  counter at ward B, received Tue 3/11 09:00, refused 3/11 10:00: early, 1 hour.
D5  counter at ward B, received Thu 5/11 09:00, accepted, still open (due 6/11 09:00).
D6  counter at ward B, received Thu 19/11 09:00, still open (due 20/11 09:00).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from tests.builders.dossiers import WARD_A, WARD_B, Ward, act, file_dossier, make_ward, upload

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


@dataclass
class Month:
    ward_a: Ward
    ward_b: Ward
    codes: dict[str, str]


def _resolve(ward: Ward, dossier: dict[str, Any], moment: datetime) -> dict[str, Any]:
    with time_machine.travel(moment, tick=False):
        dossier = act(ward.approver, dossier, "approve").json()
        dossier = act(ward.approver, dossier, "sign-result").json()
        dossier = act(ward.receiving, dossier, "return-result").json()
    return dossier


def _evaluate(owner: Any, dossier: dict[str, Any], score: int) -> None:
    response = act(owner, dossier, "evaluate", score=score)
    assert response.status_code == 200, response.content


def build_month() -> Month:
    ward_a, ward_b = make_ward(WARD_A), make_ward(WARD_B)
    point_b = f"MC-{WARD_B}"
    codes = {}
    with time_machine.travel(at(2, 9), tick=False):
        d1 = file_dossier(ward_a.receiving)
        d1 = act(ward_b.handling, d1, "accept").json()
    with time_machine.travel(at(2, 10), tick=False):
        d2 = file_dossier(
            ward_b.receiving,
            channel="online",
            point=point_b,
            delivery={"method": "online"},
        )
        d2 = act(ward_b.handling, d2, "accept").json()
    with time_machine.travel(at(2, 14), tick=False):
        d3 = file_dossier(ward_b.receiving, point=point_b)
    with time_machine.travel(at(2, 15), tick=False):
        form = d3["documents"][0]["requirement"]
        d3 = act(
            ward_b.handling, d3, "request-supplement", items=[{"requirement": form, "reason": "mờ"}]
        ).json()
        d1 = _resolve(ward_b, d1, at(2, 15))
    with time_machine.travel(at(2, 15, 30), tick=False):
        _evaluate(ward_a.receiving, d1, 5)
    with time_machine.travel(at(3, 9), tick=False):
        d4 = file_dossier(ward_b.receiving, point=point_b)
    with time_machine.travel(at(3, 10), tick=False):
        assert (
            act(ward_b.approver, d4, "reject", reason="Không thuộc thẩm quyền").status_code == 200
        )
    d2 = _resolve(ward_b, d2, at(3, 11))
    with time_machine.travel(at(3, 12), tick=False):
        _evaluate(ward_b.receiving, d2, 2)
    with time_machine.travel(at(4, 9), tick=False):
        d3 = act(
            ward_b.receiving,
            d3,
            "supplement",
            documents=[{"requirement": form, "file": upload(ward_b.receiving)}],
        ).json()
    _resolve(ward_b, d3, at(4, 10))
    with time_machine.travel(at(5, 9), tick=False):
        d5 = file_dossier(ward_b.receiving, point=point_b)
        act(ward_b.handling, d5, "accept")
    with time_machine.travel(at(19, 9), tick=False):
        d6 = file_dossier(ward_b.receiving, point=point_b)
    for name, d in zip(("d1", "d2", "d3", "d4", "d5", "d6"), (d1, d2, d3, d4, d5, d6), strict=True):
        codes[name] = d["code"]
    return Month(ward_a, ward_b, codes)
