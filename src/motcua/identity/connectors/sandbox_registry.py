"""The sandbox's seeded records: a few thousand synthetic people, never real personal data.

The records are generated from a fixed seed, so every process (and every test run) holds the
same people without a shared store. The first people are the demo citizens of the sandbox
identity provider, so a demo sign-in finds its own records. Names are drawn from common
Vietnamese surnames and given names; ID numbers follow DOMAIN I5; residences are Hanoi's wards.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from vietnam_provinces import ProvinceCode, Ward

from motcua.identity.idnumbers import make_id_number

SEED = 20250701
SIZE = 3000

# (id_number, full name, date of birth, sex): the sandbox identity provider's demo citizens.
DEMO_CITIZENS: tuple[tuple[str, str, str, str], ...] = (
    ("001090012345", "Nguyễn Văn An", "1990-05-01", "male"),
    ("001195004321", "Trần Thị Bình", "1995-03-12", "female"),
    ("079302000777", "Lê Minh Châu", "2002-11-30", "female"),
    ("001187654321", "Phạm Thu Dung", "1987-08-22", "female"),
    ("031085111222", "Hoàng Quốc Huy", "1985-01-15", "male"),
)
# A valid number the sandbox holds nothing on, to show a refusal.
UNKNOWN_TO_SANDBOX = "001099000000"

_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
]
_MIDDLE = {
    "male": ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Xuân", "Anh", "Ngọc"],
    "female": ["Thị", "Thu", "Ngọc", "Minh", "Thanh", "Phương", "Hồng", "Bảo", "Kim", "Mai"],
}
_GIVEN = {
    "male": [
        "An",
        "Bảo",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hiếu",
        "Hùng",
        "Khang",
        "Khoa",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tâm",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    "female": [
        "Anh",
        "Bình",
        "Chi",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Loan",
        "Mai",
        "My",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
    ],
}
_STREETS = [
    "Đội Cấn",
    "Quán Thánh",
    "Hàng Bông",
    "Kim Mã",
    "Giảng Võ",
    "Nguyễn Chí Thanh",
    "Láng Hạ",
    "Tôn Đức Thắng",
    "Trần Duy Hưng",
    "Xuân Thủy",
    "Lạc Long Quân",
    "Minh Khai",
    "Nguyễn Trãi",
    "Giải Phóng",
    "Ngọc Lâm",
]
# Most people were registered at birth in Hanoi (001), some elsewhere.
_PLACES = ["001"] * 8 + ["031", "079", "036", "038"]


@dataclass(frozen=True)
class Person:
    id_number: str
    full_name: str
    date_of_birth: date
    sex: str
    residence: str
    household: str
    birth_registration: str
    spouse: str = ""
    enterprises: tuple[dict[str, str], ...] = ()
    parcels: tuple[dict[str, Any], ...] = ()


def _name(rng: random.Random, sex: str) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE[sex])} {rng.choice(_GIVEN[sex])}"


def _person(
    rng: random.Random, wards: list[str], id_number: str, name: str, born: date, sex: str
) -> Person:
    ward = rng.choice(wards)
    enterprises: tuple[dict[str, str], ...] = ()
    if rng.random() < 0.1:
        enterprises = (
            {
                "enterprise_code": f"01{rng.randrange(10**8):08d}",
                "name": f"Hộ kinh doanh {name}",
                "status": "active",
            },
        )
    parcels: tuple[dict[str, Any], ...] = ()
    if rng.random() < 0.3:
        parcels = (
            {
                "parcel": f"{rng.randrange(1, 90)}-{rng.randrange(1, 900)}",
                "area_m2": rng.randrange(30, 300),
                "address": f"{ward}, thành phố Hà Nội",
            },
        )
    return Person(
        id_number=id_number,
        full_name=name,
        date_of_birth=born,
        sex=sex,
        residence=f"{_street_address(rng, ward)}, {ward}, thành phố Hà Nội",
        household=f"HK{rng.randrange(10**8):08d}",
        birth_registration=f"KS-{born.year}-{rng.randrange(10**6):06d}",
        enterprises=enterprises,
        parcels=parcels,
    )


def _street_address(rng: random.Random, ward: str) -> str:
    if ward.startswith("Xã"):
        return f"Thôn {rng.randrange(1, 12)}"
    return f"Số {rng.randrange(1, 200)} phố {rng.choice(_STREETS)}"


@cache
def people() -> dict[str, Person]:
    """Return the seeded people by ID number (the same on every call and in every process)."""
    rng = random.Random(SEED)
    wards = [ward.name for ward in Ward.iter_by_province(ProvinceCode(1))]
    found: dict[str, Person] = {}
    for number, name, born, sex in DEMO_CITIZENS:
        found[number] = _person(rng, wards, number, name, date.fromisoformat(born), sex)
    while len(found) < SIZE:
        sex = rng.choice(("male", "female"))
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(84 * 365))
        number = make_id_number(
            born_on=born, sex=sex, place=rng.choice(_PLACES), serial=rng.randrange(10**6)
        )
        if number in found or number == UNKNOWN_TO_SANDBOX:
            continue
        found[number] = _person(rng, wards, number, _name(rng, sex), born, sex)
    _marry(rng, found)
    return found


def _marry(rng: random.Random, found: dict[str, Person]) -> None:
    """Pair about a third of the adults, so that civil-status look-ups show marriages."""
    demo = {citizen[0] for citizen in DEMO_CITIZENS}
    adults = [p for p in found.values() if p.date_of_birth.year <= 2000 and p.id_number not in demo]
    men = [p for p in adults if p.sex == "male"]
    women = [p for p in adults if p.sex == "female"]
    rng.shuffle(men)
    rng.shuffle(women)
    for man, woman in zip(men[: len(men) // 3], women[: len(women) // 3], strict=False):
        found[man.id_number] = replace(man, spouse=woman.id_number)
        found[woman.id_number] = replace(woman, spouse=man.id_number)


def facts(source: str, person: Person) -> dict[str, Any] | None:
    """Return what `source` holds on the person, or None when it holds nothing."""
    if source == "population_db":
        return {
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "sex": person.sex,
            "residence": person.residence,
            "household": person.household,
        }
    if source == "civil_status_db":
        return {
            "birth_registration": person.birth_registration,
            "marital_status": "married" if person.spouse else "single",
            **({"spouse_id_number": person.spouse} if person.spouse else {}),
        }
    if source == "business_registry":
        return {"enterprises": list(person.enterprises)} if person.enterprises else None
    if source == "land_db":
        return {"parcels": list(person.parcels)} if person.parcels else None
    return None
