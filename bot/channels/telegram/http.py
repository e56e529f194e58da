"""python-telegram-bot's HTTP seam, on aiohttp.

`Bot` takes any `BaseRequest`. Its default, httpx, spent most of our delivery time in its connection
pool (measured: about 480 sendMessage/s on this machine against a local stand-in, against about
1,500/s through aiohttp — bench/telegram_e2e.py), and aiohttp already serves our webhooks.
Calls without files go as a JSON body, which the Bot API accepts like a form: one `json.dumps`
of the parameters instead of JSON-encoding each nested value and then URL-encoding the lot
(aiohttp's form encoder quotes character by character; about 3 % of the process under load).
Everything else — building requests, parsing answers, raising `RetryAfter`, `Forbidden`… — stays
python-telegram-bot's own.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    def __init__(
        self, connections: int = 64, read_timeout: float = 15.0, connect_timeout: float = 10.0
    ) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                timeout=aiohttp.ClientTimeout(
                    total=None, sock_connect=self._connect_timeout, sock_read=self._read_timeout
                ),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        body: aiohttp.FormData | bytes | None = None
        headers = {"User-Agent": self.USER_AGENT}
        if request_data is not None:
            files = request_data.multipart_data
            if files:
                form = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, (filename, content, mimetype) in files.items():
                    form.add_field(name, content, filename=filename, content_type=mimetype)
                body = form
            else:
                body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
                headers["Content-Type"] = "application/json"
        timeout = None
        if isinstance(read_timeout, int | float):
            timeout = aiohttp.ClientTimeout(
                total=None, sock_connect=self._connect_timeout, sock_read=float(read_timeout)
            )
        # Only a timeout of the call's own: `timeout=None` would switch off the session's.
        options: dict[str, Any] = {"timeout": timeout} if timeout is not None else {}
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, **options
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut(f"aiohttp: {error!r}") from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error
        except asyncio.CancelledError:
            raise
