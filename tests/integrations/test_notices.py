"""Applicants hear of their dossier by e-mail and SMS: on receipt, a supplement request, the
result ready and an apology for a delay; in Vietnamese, then English."""

import logging
from datetime import datetime, timedelta

from django.core import mail

from motcua.integrations import delivery
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import act, birth_payload, client_for, file_dossier


def _file_with_email(ward_a):
    body = birth_payload(ward_a.receiving)
    body["applicant"]["email"] = "an.nguyen@example.invalid"
    response = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_the_receipt_is_mailed_in_vietnamese_then_english_and_texted(ward_a, caplog):
    dossier = _file_with_email(ward_a)
    caplog.set_level(logging.INFO, logger="motcua.integrations.connectors.sandbox")

    delivery.deliver_outbox()

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["an.nguyen@example.invalid"]
    assert (
        sent.subject == f"Đã tiếp nhận hồ sơ {dossier['code']} / Dossier {dossier['code']} received"
    )
    assert sent.body.index("Kính gửi Nguyễn Văn An") < sent.body.index("Dear Nguyễn Văn An")
    assert f"/track/{dossier['code']}/" in sent.body
    texted = [r for r in caplog.records if r.msg == "sandbox_sms_sent"]
    assert len(texted) == 1
    assert texted[0].to == "091*****678"
    assert "0912345678" not in caplog.text


def test_supplement_result_and_apology_each_send_one_notice_and_other_steps_none(ward_a, ward_b):
    dossier = _file_with_email(ward_a)
    accepted = act(ward_b.handling, dossier, "accept").json()
    later = (datetime.fromisoformat(accepted["due_at"]) + timedelta(days=3)).isoformat()
    apologised = act(ward_b.handling, accepted, "apologize", new_due_at=later, reason="Xác minh")
    assert apologised.status_code == 200, apologised.content
    form = accepted["documents"][0]["requirement"]
    asked = act(
        ward_b.handling,
        apologised.json(),
        "request-supplement",
        items=[{"requirement": form, "reason": "Thiếu chữ ký"}],
    )
    assert asked.status_code == 200, asked.content

    delivery.deliver_outbox()

    subjects = [m.subject.split(" / ")[1] for m in mail.outbox]
    code = dossier["code"]
    assert subjects == [
        f"Dossier {code} received",
        f"Dossier {code}: an apology for the delay",
        f"Dossier {code}: a supplement is needed",
    ]
    assert "the new appointment is" in mail.outbox[1].body
    assert OutboxMessage.objects.filter(key=code, destination="email").count() == 3


def test_a_notice_to_an_applicant_without_an_address_is_done_without_mail(ward_a):
    filed = file_dossier(ward_a.receiving)

    delivery.deliver_outbox()

    assert mail.outbox == []
    emails = OutboxMessage.objects.get(key=filed["code"], destination="email")
    assert emails.delivered_at is not None


def test_a_failing_mail_server_leaves_the_notice_for_a_retry(ward_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    dossier = _file_with_email(ward_a)

    run = delivery.deliver_outbox()

    emails = OutboxMessage.objects.get(key=dossier["code"], destination="email")
    assert "email" in run.down
    assert (emails.delivered_at, emails.attempts) == (None, 1)
    assert emails.last_error.startswith("e-mail:")
