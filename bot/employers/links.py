"""Signed, expiring links for employers: one to confirm their e-mail address, one to their offer's
private page. No account, no password: the link is the key, so it must be unguessable, tied to one
offer and one purpose, and expire.

A token is `<body>.<signature>`: the body carries the offer's id, the purpose and the expiry; the
signature is an HMAC-SHA256 over the body and the offer's own `link_secret`, with EMPLOYER_LINK_KEY
(or a key kept in DATA_DIR/employer-links.key). Giving an offer a new secret revokes every link
sent for it; an id never reused (AUTOINCREMENT) keeps an old link from naming another offer.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.store import files

CONFIRM = "confirm"
MANAGE = "manage"
PURPOSES = (CONFIRM, MANAGE)
KEY_FILE = "employer-links.key"


@dataclass(frozen=True, slots=True)
class Claim:
    """What a token says, before its signature is checked against the offer's secret."""

    offer_id: int
    purpose: str
    expires: dt.datetime
    body: str
    signature: str


def new_secret() -> str:
    return secrets.token_hex(16)


class Links:
    def __init__(self, key: bytes, base_url: str) -> None:
        self.key = key
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_settings(cls, settings: Settings) -> Links:
        if settings.employer_link_key is not None:
            key = settings.employer_link_key.get_secret_value().encode()
        else:
            key = _kept_key(Path(settings.data_dir) / KEY_FILE)
        base = settings.public_base_url or f"http://{settings.server_host}:{settings.server_port}"
        return cls(key, base)

    def token(self, offer_id: int, secret: str, purpose: str, expires: dt.datetime) -> str:
        payload = [offer_id, purpose, int(expires.timestamp())]
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body, secret)}"

    def url(self, offer_id: int, secret: str, purpose: str, expires: dt.datetime) -> str:
        token = self.token(offer_id, secret, purpose, expires)
        path = "confirmer" if purpose == CONFIRM else "offre"
        return f"{self.base_url}/employeurs/{path}/{token}"

    def claim(self, token: str) -> Claim | None:
        """The token's claims, or None if it is not one of ours in shape."""
        body, _dot, signature = token.partition(".")
        if not body or not signature or len(token) > 300:
            return None
        try:
            offer_id, purpose, expires = json.loads(_unb64(body))
            when = dt.datetime.fromtimestamp(int(expires), dt.UTC)
        except (ValueError, TypeError, binascii.Error, OverflowError, OSError):
            return None
        if not isinstance(offer_id, int) or purpose not in PURPOSES:
            return None
        return Claim(offer_id, purpose, when, body, signature)

    def valid(self, claim: Claim, secret: str, purpose: str, now: dt.datetime) -> bool:
        """Signed for this offer's secret and this purpose, and not expired."""
        expected = self._sign(claim.body, secret)
        return (
            hmac.compare_digest(claim.signature, expected)
            and claim.purpose == purpose
            and now <= claim.expires
        )

    def _sign(self, body: str, secret: str) -> str:
        digest = hmac.new(self.key, f"{body}.{secret}".encode(), hashlib.sha256).digest()
        return _b64(digest)


def _kept_key(path: Path) -> bytes:
    """A random key made once and kept readable by this user only (several processes on one
    machine share it; on several machines set EMPLOYER_LINK_KEY)."""
    return files.kept_secret(path, lambda: secrets.token_urlsafe(32).encode())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
