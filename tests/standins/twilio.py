"""A Twilio REST API stand-in on 127.0.0.1 for the official twilio client.

It records every `Messages.json` post, answers 201 with a message resource, and fails on demand:
`fail(400, code=21610)`, `fail(429, code=20429, times=3)`, `fail(500)`. It serves inbound media
as Twilio does: `add_media(content, type)` gives the MediaUrl an inbound form names, which
answers only the account's basic auth, with a redirect to the file on another path that must be
fetched without it (`media_auth` records the Authorization each request carried).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from twilio.request_validator import RequestValidator

from tests.standins.loopback import serve

ACCOUNT = "AC" + "0" * 32
TOKEN = "twilio-test-auth-token"


@dataclass
class Post:
    params: dict[str, str]
    ok: bool = True
    at: float = field(default_factory=time.monotonic)


class TwilioStandIn:
    def __init__(self) -> None:
        self.posts: list[Post] = []
        self._failures: deque[tuple[int, int | None]] = deque()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.media: dict[str, tuple[bytes, str]] = {}
        self.media_auth: list[tuple[str, str | None]] = []  # (path, Authorization header)

    def add_media(self, content: bytes, content_type: str) -> str:
        """A media file of an inbound message; its MediaUrl."""
        media_id = f"ME{len(self.media) + 1:032d}"
        self.media[media_id] = (content, content_type)
        return f"{self.base_url}/2010-04-01/Accounts/{ACCOUNT}/Messages/MM1/Media/{media_id}"

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
        app.router.add_get("/2010-04-01/Accounts/{sid}/Messages/{mid}/Media/{id}", self._media)
        app.router.add_get("/cdn/{id}", self._file)
        self._runner, port = await serve(app)
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def fail(self, status: int, code: int | None = None, times: int = 1) -> None:
        for _ in range(times):
            self._failures.append((status, code))

    def sent(self, to: str | None = None) -> list[dict[str, str]]:
        return [p.params for p in self.posts if p.ok and (to is None or p.params.get("To") == to)]

    async def wait_for(self, count: int, to: str | None = None, within: float = 20) -> list[dict]:
        deadline = time.monotonic() + within
        while len(self.sent(to)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{len(self.sent(to))} messages to {to}, expected {count}: "
                    f"{[m.get('Body', '')[:50] for m in self.sent(to)]}"
                )
            await asyncio.sleep(0.02)
        return self.sent(to)

    async def _media(self, request: web.Request) -> web.Response:
        given = request.headers.get("Authorization")
        self.media_auth.append((request.path, given))
        expected = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
        if given != expected or request.match_info["sid"] != ACCOUNT:
            return web.json_response({"code": 20003, "message": "Authenticate"}, status=401)
        if request.match_info["id"] not in self.media:
            return web.json_response({"code": 20404, "message": "Not found"}, status=404)
        raise web.HTTPFound(f"/cdn/{request.match_info['id']}")

    async def _file(self, request: web.Request) -> web.Response:
        self.media_auth.append((request.path, request.headers.get("Authorization")))
        content, content_type = self.media[request.match_info["id"]]
        return web.Response(body=content, headers={"Content-Type": content_type})

    async def _create(self, request: web.Request) -> web.Response:
        form = await request.post()
        params = {key: str(value) for key, value in form.items()}
        if "MediaUrl" in form:
            params["MediaUrl"] = ",".join(str(v) for v in form.getall("MediaUrl"))
        post = Post(params)
        self.posts.append(post)
        if self._failures:
            status, code = self._failures.popleft()
            post.ok = False
            body: dict[str, Any] = {
                "status": status,
                "message": f"stand-in error {code}",
                "more_info": "https://www.twilio.com/docs/errors",
            }
            if code is not None:
                body["code"] = code
            return web.json_response(body, status=status)
        sid = f"SM{next(self._ids):032d}"
        return web.json_response(
            {
                "sid": sid,
                "account_sid": request.match_info["sid"],
                "status": "queued",
                "to": params.get("To"),
                "from": params.get("From"),
                "body": params.get("Body", ""),
                "num_segments": "1",
                "direction": "outbound-api",
            },
            status=201,
        )


def signature(url: str, params: dict[str, str], token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


_sids = itertools.count(1)


def inbound(sender: str, body: str = "", **extra: str) -> dict[str, str]:
    """An inbound message form, as Twilio posts it (WhatsApp if `sender` starts with whatsapp:)."""
    sid = f"SM{next(_sids):032d}"
    to = "whatsapp:+14155238886" if sender.startswith("whatsapp:") else "+33757000000"
    form = {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": ACCOUNT,
        "From": sender,
        "To": to,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
    }
    if sender.startswith("whatsapp:"):
        form.update({"ProfileName": "Amal", "WaId": sender.split("+")[-1]})
    form.update(extra)
    return form
