"""Dossier status from public tracking only, and answers that follow the published catalog."""

from django.core.management import call_command

from motcua.assistant import services
from motcua.catalog import services as catalog
from motcua.catalog.models import ProcedureVersion
from tests.builders.dossiers import ID_NUMBER, WARD_A, file_dossier, make_ward


def test_status_with_the_digits_shows_public_tracking_and_nothing_personal(citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    reply = services.ask(f"hồ sơ {dossier['code']} đến đâu rồi, 4 số cuối {ID_NUMBER[-4:]}")

    assert reply.kind == "status"
    assert f"Hồ sơ {dossier['code']}: Đã tiếp nhận." in reply.answer
    assert "Thủ tục: Thủ tục đăng ký khai sinh." in reply.answer
    assert "hẹn trả:" in reply.answer
    for personal in ("Nguyễn Văn An", ID_NUMBER, "0912345678", "1990", "Nguyễn Thị Hằng Nguyệt"):
        assert personal not in reply.answer


def test_without_the_digits_it_asks_for_them_and_a_reply_with_them_is_answered(citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    first = services.ask(f"hồ sơ {dossier['code'].lower()} đến đâu rồi")
    second = services.ask(ID_NUMBER[-4:], conversation_id=first.conversation)

    assert first.kind == "ask_digits"
    assert "4 số cuối" in first.answer
    assert "Đã tiếp nhận" not in first.answer
    assert second.kind == "status"
    assert "Đã tiếp nhận" in second.answer


def test_wrong_digits_and_a_full_id_number_reveal_nothing(citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    wrong = services.ask(f"tra cứu hồ sơ {dossier['code']}", id_last4="0000")
    full = services.ask(f"hồ sơ {dossier['code']} của số {ID_NUMBER} đến đâu")
    vague = services.ask("hồ sơ của tôi đến đâu rồi")

    assert wrong.kind == "status"
    assert wrong.answer.startswith("Không có hồ sơ nào khớp")
    assert "Đã tiếp nhận" not in wrong.answer
    assert full.kind == "ask_digits"  # the full number is never used, and the resident is told
    assert full.answer.startswith("Để an toàn, đừng gửi đầy đủ số định danh")
    assert vague.kind == "ask_code"


def test_a_newly_published_version_is_answered_and_cited_at_once(admin_user):
    before = services.ask("đăng ký khai tử cần giấy tờ gì")
    published = ProcedureVersion.objects.get(procedure__code="1.000656", status="published")
    draft = catalog.create_draft(published, actor=admin_user)
    draft.name = "Thủ tục đăng ký khai tử (đã sửa)"
    draft.save()
    catalog.publish_version(draft, actor=admin_user)

    after = services.ask("đăng ký khai tử cần giấy tờ gì")

    assert [(s.code, s.version) for s in before.sources] == [("1.000656", 1)]
    assert [(s.code, s.version) for s in after.sources] == [("1.000656", 2)]
    assert "Thủ tục đăng ký khai tử (đã sửa)" in after.answer


def test_the_terminal_command_answers_and_prints_the_conversation(db, capsys):
    call_command("assistant", "ask", "how do I register a death", "--lang", "en")
    out = capsys.readouterr().out

    assert "Procedure: Death registration (code 1.000656)." in out
    assert "Source: the published catalog, procedure 1.000656, version 1." in out
    assert "conversation: " in out
