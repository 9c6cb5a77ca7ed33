"""`motcua pki init` makes the demo authority once; production signs with agencies' PKCS#12."""

import io
import stat

from django.core.management import call_command

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from motcua.documents import pki, signing
from motcua.documents.pdf import blank_pdf
from motcua.geography.models import Agency
from tests.builders.dossiers import WARD_A, act, client_for, file_dossier


def _init(*codes: str) -> str:
    out = io.StringIO()
    call_command("pki", "init", *[a for c in codes for a in ("--agency", c)], stdout=out)
    return out.getvalue()


def test_pki_init_creates_the_root_and_certificates_once(settings, tmp_path, db):
    settings.MOTCUA_PKI_DIR = tmp_path / "pki"
    codes = list(Agency.objects.filter(unit__code=WARD_A).values_list("code", flat=True))

    first = _init(*codes)
    key = tmp_path / "pki" / "agencies" / f"{codes[0]}.key.pem"
    cert_before = (tmp_path / "pki" / "agencies" / f"{codes[0]}.pem").read_bytes()
    second = _init(*codes)
    cert = x509.load_pem_x509_certificate(cert_before)
    root = x509.load_pem_x509_certificate((tmp_path / "pki" / "root-ca.pem").read_bytes())

    assert "root CA created; 2 agency certificates created, 0 kept" in first
    assert "root CA kept; 0 agency certificates created, 2 kept" in second
    assert (tmp_path / "pki" / "agencies" / f"{codes[0]}.pem").read_bytes() == cert_before
    assert stat.S_IMODE(key.stat().st_mode) == 0o600  # private keys readable by the owner only
    assert cert.issuer == root.subject
    assert (
        cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value in codes
    )


def _pkcs12_for(agency: Agency, path, passphrase: bytes) -> None:
    """An agency's PKCS#12 as a CA would deliver it (here issued by the demo root)."""
    pki.ensure_agency(pki.AgencyIdentity(agency.code, agency.name))
    key_path, cert_path = pki._agency_paths(agency.code)
    key = serialization.load_pem_private_key(key_path.read_bytes(), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    root = x509.load_pem_x509_certificate(pki._root_paths()[1].read_bytes())
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            agency.code.encode(),
            key,
            cert,
            [root],
            serialization.BestAvailableEncryption(passphrase),
        )
    )


def test_production_signs_with_the_agency_pkcs12(settings, tmp_path, db):
    agency = Agency.objects.get(role="commune_committee", unit__code=WARD_A)
    _pkcs12_for(agency, tmp_path / f"{agency.code}.p12", b"mat-khau")
    settings.MOTCUA_SIGNING = "pkcs12"
    settings.MOTCUA_SIGNING_PKCS12_PATH = str(tmp_path / "{agency}.p12")
    settings.MOTCUA_SIGNING_PKCS12_PASSPHRASE = "mat-khau"
    settings.MOTCUA_TRUST_ROOTS = [str(pki._root_paths()[1])]

    pdf = signing.sign_pdf(
        blank_pdf("kết quả"), agency=pki.AgencyIdentity(agency.code, agency.name), reason="Kết quả"
    )
    checks = signing.verify_pdf(pdf)

    assert [c.verdict for c in checks] == ["valid"]
    assert checks[0].signer_organisation == agency.code


def test_an_agency_without_a_certificate_cannot_sign_and_nothing_changes(
    settings, tmp_path, citizen, ward_b
):
    settings.MOTCUA_SIGNING = "pkcs12"
    settings.MOTCUA_SIGNING_PKCS12_PATH = str(tmp_path / "{agency}.p12")  # none there
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()

    response = act(ward_b.approver, dossier, "sign-result")
    after = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_signing_certificate"
    assert after["status"] == "approved"
    assert after["version"] == dossier["version"]
    assert after["result"] is None


def test_the_demo_root_is_the_only_trust_root_by_default(settings, db):
    settings.MOTCUA_SIGNING = "demo"
    settings.MOTCUA_TRUST_ROOTS = []

    assert pki.trust_root_files() == [str(pki._root_paths()[1])]
