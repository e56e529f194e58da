"""Signed, expiring links to our own files, for platforms that fetch media by URL (Twilio).

A link is `/media/<token>`: the token carries the file's path under DATA_DIR/media and an expiry
time, and an HMAC-SHA256 of both. Without the key no one can make a valid token; a forged,
altered or expired one gets a bare 403 or 404 that says nothing about what exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import mimetypes
import time
from pathlib import Path

from aiohttp import web

from bot.config import Settings

ROUTE = "/media/{token}"


class MediaLinks:
    def __init__(self, key: bytes, folder: Path, base_url: str, minutes: int) -> None:
        self.key = key
        self.folder = folder.resolve()
        self.base_url = base_url
        self.lifetime = minutes * 60

    @classmethod
    def from_settings(cls, settings: Settings) -> MediaLinks | None:
        key = _key(settings)
        if key is None:
            return None
        return cls(
            key, settings.data_dir / "media", settings.public_base_url, settings.media_link_minutes
        )

    def url_for(self, path: str | Path, now: float | None = None) -> str:
        """A link to a file inside DATA_DIR/media; ValueError for anything outside it."""
        relative = Path(path).resolve().relative_to(self.folder)  # raises ValueError outside
        expires = int((now if now is not None else time.time()) + self.lifetime)
        body = _b64(json.dumps([str(relative), expires], separators=(",", ":")).encode())
        return f"{self.base_url}/media/{body}.{self._sign(body)}"

    def resolve(self, token: str, now: float | None = None) -> Path | None:
        """The file a token grants, or None if it is forged, expired or gone."""
        body, _, signature = token.partition(".")
        if not body or not hmac.compare_digest(signature, self._sign(body)):
            raise PermissionError("bad signature")
        try:
            relative, expires = json.loads(_unb64(body))
        except (ValueError, TypeError):
            return None
        if (now if now is not None else time.time()) > int(expires):
            return None
        path = (self.folder / str(relative)).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        return path

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self.key, body.encode(), hashlib.sha256).digest())

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            path = self.resolve(request.match_info["token"])
        except PermissionError:
            return web.Response(status=403, text="forbidden")
        if path is None:
            return web.Response(status=404, text="not found")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return web.FileResponse(
            path, headers={"Content-Type": content_type, "Cache-Control": "private, no-store"}
        )


def _key(settings: Settings) -> bytes | None:
    if settings.media_signing_key is not None:
        return settings.media_signing_key.get_secret_value().encode()
    if settings.twilio_auth_token is not None:  # derived, so nothing more has to be configured
        token = settings.twilio_auth_token.get_secret_value().encode()
        return hmac.new(token, b"passerelle media links", hashlib.sha256).digest()
    return None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
