"""A Telegram Bot API stand-in on 127.0.0.1, for the real python-telegram-bot client.

It records every call, answers as Telegram does (a Message for sends, True for set-up calls), serves
queued updates to getUpdates, serves files (`files[file_id] = bytes`: getFile, then the download
from /file/bot<token>/<path>, as the Bot API does), and fails on demand:
`fail("sendMessage", 429, times=3, retry_after=1)`. `updates` builds real-shaped update JSON to
post to our webhook.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.standins.loopback import serve

BOT = {"id": 4242, "is_bot": True, "first_name": "Passerelle", "username": "passerelle_test_bot"}
ERRORS = {
    403: "Forbidden: bot was blocked by the user",
    400: "Bad Request: chat not found",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    ok: bool = True
    token: str = ""  # which bot token called (tells two processes apart)


class TelegramStandIn:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.updates: deque[dict[str, Any]] = deque()
        self._failures: deque[tuple[str, int, float | None]] = deque()
        self._ids = itertools.count(100)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.delay = 0.0  # seconds before each answer
        self.files: dict[str, bytes] = {}  # file_id → content, for getFile and downloads
        self.downloads: list[str] = []  # file paths downloaded

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner, port = await serve(app)
        self.base_url = f"http://127.0.0.1:{port}/bot"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def fail(
        self, method: str, status: int, times: int = 1, retry_after: float | None = None
    ) -> None:
        for _ in range(times):
            self._failures.append((method, status, retry_after))

    def sent(self, chat_id: int | str | None = None, method: str = "sendMessage") -> list[Call]:
        """Successful calls (failed attempts are in `calls`, with ok=False)."""
        return [
            c
            for c in self.calls
            if c.ok
            and c.method == method
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        return [c.params["text"] for c in self.sent(chat_id)]

    async def wait_for(
        self,
        count: int,
        chat_id: int | str | None = None,
        method: str = "sendMessage",
        within: float = 20.0,
    ) -> list[Call]:
        deadline = time.monotonic() + within
        while len(self.sent(chat_id, method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{len(self.sent(chat_id, method))} {method} calls, expected {count}: "
                    f"{[c.params.get('text', '')[:60] for c in self.sent(chat_id, method)]}"
                )
            await asyncio.sleep(0.02)
        return self.sent(chat_id, method)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        call = Call(method, params, token=request.match_info["token"])
        self.calls.append(call)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self._failures and self._failures[0][0] == method:
            _, status, retry_after = self._failures.popleft()
            call.ok = False
            body: dict[str, Any] = {
                "ok": False,
                "error_code": status,
                "description": ERRORS.get(status, "Too Many Requests"),
            }
            if retry_after is not None:
                body["parameters"] = {"retry_after": retry_after}
                body["description"] = f"Too Many Requests: retry after {retry_after}"
            return web.json_response(body, status=status)
        result = await self._result(method, params)
        if method == "getFile" and result is None:
            call.ok = False
            body = {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
            return web.json_response(body, status=400)
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        self.downloads.append(path)
        content = self.files.get(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if content is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=content, content_type="application/octet-stream")

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "getFile":
            file_id = str(params["file_id"])
            if file_id not in self.files:
                return None  # answered as Telegram does for an unknown id: see _handle
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files[file_id]),
                "file_path": f"voice/{file_id}.oga",
            }
        if method in ("sendMessage", "sendDocument", "sendLocation", "sendVoice"):
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT,
            }
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendDocument":
                message["document"] = {"file_id": "f1", "file_unique_id": "u1"}
            if method == "sendVoice":
                message["voice"] = {"file_id": "v1", "file_unique_id": "u1", "duration": 1}
            if method == "sendLocation":
                message["location"] = {
                    "latitude": float(params["latitude"]),
                    "longitude": float(params["longitude"]),
                }
            return message
        if method == "getUpdates":
            if not self.updates:
                await asyncio.sleep(min(float(params.get("timeout", 0) or 0), 0.2))
            offset = int(params.get("offset") or 0)
            ready = [u for u in self.updates if u["update_id"] >= offset]
            for u in list(self.updates):
                if u["update_id"] < offset:
                    self.updates.remove(u)
            return ready
        return True


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":  # the Bot API takes JSON bodies too
        params: dict[str, Any] = await request.json()
        return params
    form = await request.post()
    params = {}
    for key, value in form.items():
        if hasattr(value, "file"):  # multipart upload
            params[key] = {"filename": value.filename, "content": value.file.read()}
            continue
        text = str(value)
        try:
            params[key] = (
                json.loads(text) if key in ("reply_markup", "allowed_updates", "commands") else text
            )
        except ValueError:
            params[key] = text
    return params


class updates:
    """Real-shaped Bot API updates (only the fields Telegram always sends, and ours)."""

    _ids = itertools.count(700_000)

    @classmethod
    def _base(cls, **fields: Any) -> dict[str, Any]:
        return {"update_id": next(cls._ids), **fields}

    @staticmethod
    def _user(user_id: int, language: str | None = None) -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if language:
            user["language_code"] = language
        return user

    @classmethod
    def _message(
        cls, chat_id: int, language: str | None = None, chat_type: str = "private", **content: Any
    ) -> dict[str, Any]:
        return {
            "message_id": next(cls._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, "first_name": "Test"},
            "from": cls._user(chat_id, language),
            **content,
        }

    @classmethod
    def text(
        cls, chat_id: int, text: str, language: str | None = None, **kw: Any
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return cls._base(message=cls._message(chat_id, language, **kw, **content))

    @classmethod
    def press(cls, chat_id: int, data: str) -> dict[str, Any]:
        return cls._base(
            callback_query={
                "id": str(next(cls._ids)),
                "from": cls._user(chat_id),
                "chat_instance": "ci",
                "data": data,
                "message": cls._message(chat_id, text="(the question)"),
            }
        )

    @classmethod
    def location(cls, chat_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        where = {"latitude": latitude, "longitude": longitude}
        return cls._base(message=cls._message(chat_id, location=where))

    @classmethod
    def voice(
        cls, chat_id: int, file_id: str = "v", duration: int = 3, **fields: Any
    ) -> dict[str, Any]:
        """A voice note (`mime_type`, `file_size` as Telegram sends them, if given)."""
        voice = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": duration}
        voice.update(fields)
        return cls._base(message=cls._message(chat_id, voice=voice))

    @classmethod
    def sticker(cls, chat_id: int) -> dict[str, Any]:
        sticker = {
            "file_id": "s",
            "file_unique_id": "s",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
        return cls._base(message=cls._message(chat_id, sticker=sticker))

    @classmethod
    def photo(cls, chat_id: int, caption: str | None = None) -> dict[str, Any]:
        size = {"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}
        extra = {"caption": caption} if caption is not None else {}
        return cls._base(message=cls._message(chat_id, photo=[size], **extra))

    @classmethod
    def service(cls, chat_id: int, **fields: Any) -> dict[str, Any]:
        """A service message: Telegram's note about the chat (`pinned_message={…}`…)."""
        return cls._base(message=cls._message(chat_id, **fields))

    @classmethod
    def edited(cls, chat_id: int, text: str) -> dict[str, Any]:
        message = cls._message(chat_id, text=text)
        message["edit_date"] = int(time.time())
        return cls._base(edited_message=message)

    @classmethod
    def channel_post(cls, channel_id: int, text: str) -> dict[str, Any]:
        post = {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": channel_id, "type": "channel", "title": "News"},
        }
        return cls._base(channel_post=post)

    @classmethod
    def member(cls, chat_id: int, status: str) -> dict[str, Any]:
        def member_as(state: str) -> dict[str, Any]:
            record: dict[str, Any] = {"user": BOT, "status": state}
            if state == "kicked":
                record["until_date"] = 0
            return record

        old = "member" if status == "kicked" else "kicked"
        return cls._base(
            my_chat_member={
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "from": cls._user(chat_id),
                "date": int(time.time()),
                "old_chat_member": member_as(old),
                "new_chat_member": member_as(status),
            }
        )
