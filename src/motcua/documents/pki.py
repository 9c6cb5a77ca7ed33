"""Signing certificates: a demo authority under var/, or each agency's PKCS#12 in production.

`MOTCUA_SIGNING=demo` (the default) keeps a demo root CA and one certificate per agency under
`MOTCUA_PKI_DIR` (created by `motcua pki init`, or on first use); nothing is ever committed.
`MOTCUA_SIGNING=pkcs12` loads `MOTCUA_SIGNING_PKCS12_PATH` with `{agency}` replaced by the agency
code, protected by `MOTCUA_SIGNING_PKCS12_PASSPHRASE`. Verification trusts the roots in
`MOTCUA_TRUST_ROOTS` (the demo root when empty in demo mode).
"""

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from asn1crypto.x509 import Certificate
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign.signers import SimpleSigner

from motcua.core.errors import Conflict

ROOT_NAME = "Motcua Demo Root CA"
CERT_YEARS = 5


class NoSigningCertificate(Conflict):
    code = "no_signing_certificate"
    message = _("The agency %(agency)s has no signing certificate configured.")


@dataclass(frozen=True)
class AgencyIdentity:
    code: str
    name: str


def _dir() -> Path:
    return Path(settings.MOTCUA_PKI_DIR)


def _root_paths() -> tuple[Path, Path]:
    return _dir() / "root-ca.key.pem", _dir() / "root-ca.pem"


def _agency_paths(code: str) -> tuple[Path, Path]:
    safe = code.replace("/", "_")
    return _dir() / "agencies" / f"{safe}.key.pem", _dir() / "agencies" / f"{safe}.pem"


@contextmanager
def locked() -> Iterator[None]:
    """Serialise certificate creation between processes (gunicorn workers, the worker)."""
    _dir().mkdir(parents=True, exist_ok=True)
    with open(_dir() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _fit(text: str, limit: int = 64) -> str:
    """Cut text to `limit` UTF-8 bytes (the X.509 bound) without splitting a character."""
    return text.encode()[:limit].decode(errors="ignore")


def _name(common: str, unit: str = "", organisation: str = "Motcua demo") -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
    ]
    if unit:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, _fit(common)))
    return x509.Name(parts)


def ensure_root() -> bool:
    """Create the demo root CA unless it exists; return whether it was created."""
    key_path, cert_path = _root_paths()
    if cert_path.exists():
        return False
    with locked():
        if cert_path.exists():
            return False
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        name = _name(ROOT_NAME)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        write_private(key_path, _pem_key(key))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return True


def ensure_agency(agency: AgencyIdentity) -> bool:
    """Issue the agency's demo signing certificate unless it exists; return whether it was."""
    key_path, cert_path = _agency_paths(agency.code)
    if cert_path.exists():
        return False
    ensure_root()
    with locked():
        if cert_path.exists():
            return False
        root_key_path, root_cert_path = _root_paths()
        root_key = serialization.load_pem_private_key(root_key_path.read_bytes(), None)
        root_cert = x509.load_pem_x509_certificate(root_cert_path.read_bytes())
        assert isinstance(root_key, ec.EllipticCurvePrivateKey)
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(agency.name, agency.code, organisation=agency.name))
            .issuer_name(root_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * CERT_YEARS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
            )
            .sign(root_key, hashes.SHA256())
        )
        write_private(key_path, _pem_key(key))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return True


def signer_for(agency: AgencyIdentity) -> SimpleSigner:
    """Return the signer of the agency's documents, or refuse (409) when none is configured."""
    if settings.MOTCUA_SIGNING == "pkcs12":
        path = Path(settings.MOTCUA_SIGNING_PKCS12_PATH.format(agency=agency.code))
        passphrase = settings.MOTCUA_SIGNING_PKCS12_PASSPHRASE.encode() or None
        signer = (
            SimpleSigner.load_pkcs12(str(path), passphrase=passphrase) if path.exists() else None
        )
    else:
        ensure_agency(agency)
        key_path, cert_path = _agency_paths(agency.code)
        signer = SimpleSigner.load(
            str(key_path), str(cert_path), ca_chain_files=(str(_root_paths()[1]),)
        )
    if signer is None:
        raise NoSigningCertificate(params={"agency": agency.code})
    return signer


def trust_root_files() -> list[str]:
    """Return the paths of the certificates that verification trusts."""
    paths = [Path(p) for p in settings.MOTCUA_TRUST_ROOTS]
    if not paths and settings.MOTCUA_SIGNING == "demo":
        ensure_root()
        paths = [_root_paths()[1]]
    return [str(p) for p in paths if p.exists()]


def load_trust_roots() -> list[Certificate]:
    """Return the trusted roots as pyHanko (asn1crypto) certificates."""
    return [load_cert_from_pemder(path) for path in trust_root_files()]
