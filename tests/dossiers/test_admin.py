from tests.builders.dossiers import file_dossier


def test_the_admin_lists_dossiers_read_only_with_their_events(admin_client_vi, ward_a):
    dossier = file_dossier(ward_a.receiving)
    from motcua.dossiers.models import Dossier

    pk = Dossier.objects.get(code=dossier["code"]).pk

    listing = admin_client_vi.get("/admin/dossiers/dossier/").content.decode()
    detail = admin_client_vi.get(f"/admin/dossiers/dossier/{pk}/change/").content.decode()
    posted = admin_client_vi.post(f"/admin/dossiers/dossier/{pk}/change/", {"status": "returned"})

    assert dossier["code"] in listing
    assert "Đã tiếp nhận" in listing
    assert "receive" in detail
    assert 'name="_save"' not in detail
    assert posted.status_code == 403
