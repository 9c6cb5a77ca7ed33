"""Demo payments: the demo agencies' accounts (submitted, approved; one returned), the
registration deadline, and sandbox payments for some dossiers with fees."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.demo.dossiers import DEMO_DEPARTMENT, DEMO_WARDS
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.payments import services
from motcua.payments.models import FeeAccount

# (bank BIN, account number, holder) per demo agency; VPBank as the city asked units to use.
DEMO_BANK = "970432"


def load_demo_payments(seed: int = 2026) -> dict[str, int]:
    """Create the demo's accounts and payments once; return what was created."""
    if FeeAccount.objects.exists():
        return {"accounts": 0, "paid": 0}
    users = get_user_model().objects
    coordinator = users.get(username="dieuphoi")
    services.set_deadline(
        actor=coordinator,
        due_on=date(2025, 7, 22),
        title="Đăng ký tài khoản thu phí, lệ phí (Công văn 4155/UBND-NC)",
    )
    approvers = {
        Agency.objects.get(role="commune_committee", unit__code=unit): f"ld.{slug}"
        for unit, slug in DEMO_WARDS.items()
    }
    approvers[Agency.objects.get(code=DEMO_DEPARTMENT[0])] = f"ld.{DEMO_DEPARTMENT[1]}"
    created = 0
    for index, (agency, username) in enumerate(approvers.items()):
        account = services.register_account(
            {
                "agency": agency.code,
                "purpose": "charges",
                "bank_bin": DEMO_BANK,
                "account_number": f"11{index:02d}{agency.pk:08d}",
                "account_name": agency.name,
                "tax_code": f"01{agency.pk:08d}",
                "budget_chapter": "800" if agency.kind == "commune_committee" else "418",
                "budget_subitem": "2660",
                "treasury": "Kho bạc Nhà nước khu vực I",
            },
            actor=users.get(username=username),
        )
        if index == 2:  # Ba Đình's is sent back: the holder's name does not match the bank
            services.return_account(
                account.pk, actor=coordinator, reason="Tên chủ tài khoản không khớp với ngân hàng"
            )
        else:
            services.approve_account(account.pk, actor=coordinator)
        created += 1
    return {"accounts": created, "paid": _pay_some(random.Random(seed))}


def _pay_some(rng: random.Random) -> int:
    """Pay about half of the demo dossiers that carry a fee, through the sandbox provider."""
    paid = 0
    since = timezone.now() - timedelta(days=60)
    payable = Dossier.objects.filter(fee_amount_vnd__gt=0, received_at__gte=since).exclude(
        status__in=services.NOT_PAYABLE  # refused, withdrawn or closed: nothing to pay
    )
    for dossier in payable:
        request = services.payment_request(dossier)
        if request.account_id is None or rng.random() < 0.5:
            continue
        body, headers = services.sandbox_confirmation(dossier, succeed=True)
        paid += len(services.accept_callback("sandbox", body, headers).paid)
    return paid
