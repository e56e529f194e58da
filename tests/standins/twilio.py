"""A Twilio REST API stand-in on 127.0.0.1 for the official twilio client.

It records every `Messages.json` post, answers 201 with a message resource, and fails on demand:
`fail(400, code=21610)`, `fail(429, code=20429, times=3)`, `fail(500)`.
"""

from __future__ import annotations

import asyncio
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

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
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
