"""A month of synthetic filings with planted brokers, registered helpers, lawful representatives
and honest filers, each with the ground truth of who is who (`motcua demo simulate`, the
benchmark). Seeded: the same seed gives the same month, row for row.

The people behave as the centre describes them. Honest residents file once or twice, for
themselves or their household, mostly in the daytime, some at night. Community helpers file for
many residents of their own ward, with consent. Lawyers and businesses file a lot, lawfully.
Brokers file for many unrelated people across wards, often late at night, give their own phone,
pay from one account, and their dossiers are more often sent back or refused; some are careful
(fewer people, daytime, residents' own phones), some come to the counters as the "submitter",
some rotate several accounts behind one phone (and one device). Everyone who files online does
so from a device of their own (the portal's device cookie); a broker's accounts share one.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

HOURS_DAY = [7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 13, 14, 14, 15, 15, 16, 16, 17, 19, 20, 20, 21]
HOURS_NIGHT = [22, 23, 23, 0, 1, 2, 5]


@dataclass
class Actor:
    """One filer and the ground truth about them."""

    name: str
    role: str  # honest | neighbour | helper | lawyer | business | broker
    accounts: list[int] = field(default_factory=list)
    phone: str = ""
    person: str = ""  # ID number, when they file at the counter as the submitter
    bank: str = ""
    units: list[int] = field(default_factory=list)
    night_share: float = 0.05
    trouble_share: float = 0.15
    own_phone_share: float = 0.0
    counter: bool = False
    device: str = ""


@dataclass(frozen=True)
class Filing:
    """One dossier of the month, as the intake would have recorded it."""

    index: int
    actor: str
    account: int | None  # None: taken at a counter
    applicant_id: str
    applicant_name: str
    phone: str
    submitter: dict[str, str] | None
    unit: int
    received_at: datetime
    supplement_rounds: int
    rejected: bool
    helper: bool
    payer_account: str
    device: str = ""  # the filing device's digest, online only


@dataclass
class Month:
    actors: list[Actor]
    filings: list[Filing]

    def truth(self) -> dict[tuple[str, str], str]:
        """Map each identity (kind, value) to the role of the actor behind it."""
        found: dict[tuple[str, str], str] = {}
        for actor in self.actors:
            for account in actor.accounts:
                found[("account", str(account))] = actor.role
            for kind, value in (("phone", actor.phone), ("person", actor.person)):
                if value:
                    found[(kind, value)] = actor.role
            if actor.bank:
                found[("bank", actor.bank)] = actor.role
            if actor.device:
                found[("device", actor.device)] = actor.role
        return found


class _Numbers:
    """Unique synthetic ID numbers, phones and bank accounts for one seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def fresh(self, prefix: str, digits: int) -> str:
        while True:
            value = prefix + "".join(self.rng.choice("0123456789") for _ in range(digits))
            if value not in self.seen:
                self.seen.add(value)
                return value

    def id_number(self) -> str:
        return self.fresh("0", 11)

    def phone(self) -> str:
        return self.fresh(self.rng.choice(["09", "03", "08", "07"]), 8)

    def device(self) -> str:
        return self.fresh("d", 23)


def _cast(rng: random.Random, numbers: _Numbers, units: list[int], dossiers: int) -> list[Actor]:
    """Create the month's filers in proportion to its size (one broker per ~800 dossiers)."""
    scale = max(1, dossiers // 800)
    actors = []
    account = iter(range(1, 10**9))

    def actor(name: str, role: str, **kwargs: object) -> Actor:
        made = Actor(
            name,
            role,
            accounts=[next(account)],
            phone=numbers.phone(),
            device=numbers.device(),
            **kwargs,  # type: ignore[arg-type]
        )
        actors.append(made)
        return made

    for i in range(scale):
        kind = i % 5
        wide = min(len(units), rng.randint(2, 8))
        spread = rng.sample(units, wide if kind != 3 else rng.randint(1, 2))
        broker = actor(
            f"broker-{i}",
            "broker",
            units=spread,
            night_share=rng.uniform(0.25, 0.6) if kind != 3 else rng.uniform(0.0, 0.1),
            trouble_share=rng.uniform(0.3, 0.6),
            own_phone_share=rng.uniform(0.5, 1.0) if kind != 3 else 0.0,
            bank=numbers.fresh("1903", 10) if kind in (0, 2) else "",
            counter=kind == 1,
        )
        if kind == 1:
            broker.person = numbers.id_number()
        if kind == 4:  # several accounts behind one phone
            broker.accounts += [next(account), next(account)]
    for i in range(max(1, scale)):
        actor(f"helper-{i}", "helper", units=[rng.choice(units)], own_phone_share=0.3)
    for i in range(max(1, scale // 2)):
        lawyer_units = rng.sample(units, min(4, len(units)))
        actor(f"lawyer-{i}", "lawyer", units=lawyer_units, own_phone_share=1.0)
    for i in range(max(1, scale)):
        actor(f"business-{i}", "business", units=[rng.choice(units)])
    for i in range(max(1, scale // 2)):  # unregistered good neighbours: honest, and hard
        actor(f"neighbour-{i}", "neighbour", units=[rng.choice(units)], own_phone_share=0.5)
    return actors


def _hour(rng: random.Random, night_share: float) -> int:
    return rng.choice(HOURS_NIGHT if rng.random() < night_share else HOURS_DAY)


def generate(seed: int, *, dossiers: int, units: list[int], end: datetime) -> Month:
    """Return a month of about `dossiers` filings ending at `end` (aware), seeded."""
    rng = random.Random(seed)
    numbers = _Numbers(rng)
    actors = _cast(rng, numbers, units, dossiers)
    start = (end - timedelta(days=29)).replace(hour=0, minute=0, second=0, microsecond=0)
    filings: list[Filing] = []

    def moment(night_share: float) -> datetime:
        day = start + timedelta(days=rng.randrange(30))
        at = day.replace(hour=_hour(rng, night_share), minute=rng.randrange(60), second=0)
        return min(max(at, start), end - timedelta(minutes=1))

    def add(actor: Actor, applicant: tuple[str, str, str], **kwargs: object) -> None:
        night = actor.night_share
        account = None if actor.counter else rng.choice(actor.accounts)
        phone = actor.phone if rng.random() < actor.own_phone_share else applicant[2]
        trouble = rng.random() < actor.trouble_share
        filings.append(
            Filing(
                index=len(filings),
                actor=actor.name,
                account=account,
                applicant_id=applicant[0],
                applicant_name=applicant[1],
                phone=phone,
                submitter={"id_number": actor.person, "phone": actor.phone}
                if actor.person
                else None,
                unit=kwargs.get("unit") or rng.choice(actor.units),  # type: ignore[arg-type]
                received_at=moment(night),
                supplement_rounds=1 if trouble and rng.random() < 0.6 else 0,
                rejected=trouble and rng.random() < 0.4,
                helper=actor.role == "helper",
                payer_account=actor.bank if actor.bank and rng.random() < 0.8 else "",
                device=actor.device if account else "",
            )
        )

    def stranger() -> tuple[str, str, str]:
        return numbers.id_number(), f"Người nộp {len(filings)}", numbers.phone()

    volume = {
        "broker": (8, 45),
        "helper": (15, 60),
        "lawyer": (10, 35),
        "business": (5, 15),
        "neighbour": (4, 8),
    }
    for actor in actors:
        low, high = volume[actor.role]
        if actor.role == "broker" and not actor.night_share > 0.2:
            low, high = 6, 12  # the careful ones file less
        if actor.role == "business":
            own = (numbers.id_number(), f"Doanh nghiệp {actor.name}", actor.phone)
            for _ in range(rng.randint(low, high)):
                add(actor, own)
            continue
        for _ in range(rng.randint(low, high)):
            add(actor, stranger())
    while len(filings) < dossiers:
        _honest_household(rng, numbers, units, actors, add, start)
    return Month(actors, filings[: max(dossiers, len(filings))])


def _honest_household(rng, numbers, units, actors, add, start) -> None:  # type: ignore[no-untyped-def]
    """A resident filing for themselves and maybe their household (up to 4 people)."""
    phone = numbers.phone()
    online = rng.random() < 0.6
    resident = Actor(
        f"honest-{len(actors)}",
        "honest",
        accounts=[10**9 + len(actors)] if online else [],
        phone=phone,
        device=numbers.device() if online else "",
        units=[rng.choice(units)],
        night_share=rng.choice([0.0, 0.0, 0.05, 0.3]),
        own_phone_share=1.0,
        counter=not online,
        bank=numbers.fresh("0071", 9) if rng.random() < 0.3 else "",
    )
    actors.append(resident)
    people = [(numbers.id_number(), f"Cư dân {len(actors)}", phone)]
    size = rng.choices([1, 2, 3, 4], weights=[70, 18, 9, 3])[0]
    people += [
        (numbers.id_number(), f"Người nhà {len(actors)}-{i}", phone) for i in range(size - 1)
    ]
    for person in people:
        for _ in range(rng.choices([1, 2], weights=[85, 15])[0]):
            add(
                resident,
                person,
                unit=resident.units[0] if rng.random() < 0.8 else rng.choice(units),
            )


def batches(items: list[Filing], size: int) -> Iterator[list[Filing]]:
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]
