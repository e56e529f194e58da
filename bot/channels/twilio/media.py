"""Downloading the voice notes people send on WhatsApp (and MMS) from Twilio.

An inbound message names its media by URL (`MediaUrl0`) on Twilio's API, fetched with the
account's SID and auth token (HTTP basic auth), which Twilio answers with a redirect to the file
itself. Only URLs on the configured Twilio API host are fetched with the credentials (a form
could not name another host without Twilio's signature, but the credentials must never go
anywhere else), and a redirect is followed without them. The body is read in chunks and given up
past SPEECH_MAX_MB.
"""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
from yarl import URL

from bot.config import Settings
from bot.messages import Audio
from bot.speech.audio import AudioProblem, looks_like_audio
from bot.speech.service import FetchError

TWILIO_API = "https://api.twilio.com"
REDIRECTS = 3
CHUNK = 64 * 1024


class TwilioMedia:
    def __init__(self, settings: Settings) -> None:
        assert settings.twilio_auth_token is not None
        secret = f"{settings.twilio_account_sid}:{settings.twilio_auth_token.get_secret_value()}"
        self._authorization = "Basic " + base64.b64encode(secret.encode()).decode()
        self._api = urlsplit(settings.twilio_api_base_url or TWILIO_API)

    async def fetch(self, audio: Audio, into: Path, max_bytes: int) -> None:
        url = audio.ref
        where = urlsplit(url)
        if (where.scheme, where.netloc) != (self._api.scheme, self._api.netloc):
            raise FetchError("the media URL is not on the Twilio API")
        headers = {"Authorization": self._authorization}
        timeout = aiohttp.ClientTimeout(total=60, sock_connect=10)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                for _hop in range(REDIRECTS + 1):
                    async with session.get(url, headers=headers, allow_redirects=False) as answer:
                        if answer.status in (301, 302, 303, 307, 308) and answer.headers.get(
                            "Location"
                        ):
                            url = str(answer.url.join(URL(answer.headers["Location"])))
                            headers = {}  # the file's host never sees the credentials
                            continue
                        if answer.status != 200:
                            raise FetchError(f"Twilio media answered {answer.status}")
                        if not looks_like_audio(answer.headers.get("Content-Type", "")):
                            raise AudioProblem("not_audio")
                        if (answer.content_length or 0) > max_bytes:
                            raise AudioProblem("too_big")
                        body = bytearray()
                        async for chunk in answer.content.iter_chunked(CHUNK):
                            body += chunk
                            if len(body) > max_bytes:
                                raise AudioProblem("too_big")
                        await asyncio.to_thread(into.write_bytes, bytes(body))
                        return
        except (aiohttp.ClientError, TimeoutError) as error:
            raise FetchError(f"Twilio media: {type(error).__name__}") from None
        raise FetchError("Twilio media: too many redirects")
