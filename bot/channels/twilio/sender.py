"""Sending WhatsApp and SMS messages through the official twilio client (`create_async`).

WhatsApp only allows free-form messages within 24 hours of the person's last message. Outside that
window a message goes as the approved template configured for the person's language (its variable
1 = our text), or is skipped and counted as "outside window" — it is never attempted free-form.
Twilio's error 63016 (outside the window) gets the same treatment; 21610 (the person texted STOP to
the carrier) marks them stopped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import aiohttp
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from bot.channels.base import (
    RateLimited,
    Rejected,
    SendContext,
    Skipped,
    Temporary,
    Unreachable,
)
from bot.channels.render import as_text
from bot.channels.twilio.mapping import WHATSAPP, address
from bot.channels.twilio.render import bodies, choice_template
from bot.media import MediaLinks
from bot.messages import Outgoing, OutKind

WINDOW = dt.timedelta(hours=24)
MARGIN = dt.timedelta(minutes=5)  # do not start a send that may land just after the window closes
OUTSIDE_WINDOW = "outside window"
OPTED_OUT = 21610
WINDOW_CLOSED = 63016
GONE = {21211, 21614, 63003}  # not a valid number / not mobile / not on the channel


class TwilioSender:
    def __init__(
        self,
        client: Client,
        channel: str,
        sender: str,
        *,
        status_url: str | None = None,
        media: MediaLinks | None = None,
        templates: dict[str, str] | None = None,
        choices: dict[str, str] | None = None,
        number_hints: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.client = client
        self.channel = channel
        self.sender = sender
        self.status_url = status_url
        self.media = media
        self.templates = templates or {}
        self.choices = choices or {}
        self.number_hints = number_hints or {}

    async def send(self, address_: str, out: Outgoing, context: SendContext) -> str | None:
        to = address(self.channel, address_)
        if self.channel == WHATSAPP and not _within_window(context):
            return await self._as_template(to, out, context)
        try:
            return await self._free_form(to, out, context)
        except Skipped:
            raise
        except _WindowClosed:
            return await self._as_template(to, out, context)

    async def _free_form(self, to: str, out: Outgoing, context: SendContext) -> str | None:
        if out.kind is OutKind.DOCUMENT and out.path:
            if self.media is None:
                raise Rejected("documents need PUBLIC_BASE_URL and a media signing key")
            try:
                link = self.media.url_for(out.path)
            except ValueError:
                raise Rejected("the document is not in DATA_DIR/media") from None
            return await self._create(context, to=to, body=out.text or " ", media_url=[link])
        if self.channel == WHATSAPP:
            template = choice_template(out, self.choices, self.number_hints.get(out.lang, ()))
            if template is not None:
                sid, variables = template
                return await self._create(
                    context, to=to, content_sid=sid, content_variables=variables
                )
        last = None
        for body in bodies(out):
            last = await self._create(context, to=to, body=body)
        return last

    async def _as_template(self, to: str, out: Outgoing, context: SendContext) -> str | None:
        sid = self.templates.get(out.lang) or self.templates.get("default")
        if not sid:
            raise Skipped(OUTSIDE_WINDOW)
        variables = json.dumps({"1": as_text(out)[:1000]}, ensure_ascii=False)
        try:
            return await self._create(context, to=to, content_sid=sid, content_variables=variables)
        except _WindowClosed:
            raise Skipped(OUTSIDE_WINDOW) from None

    async def _create(self, context: SendContext, **fields: Any) -> str:
        if self.sender.startswith("MG"):
            fields["messaging_service_sid"] = self.sender
        else:
            fields["from_"] = self.sender
        if self.status_url:
            fields["status_callback"] = f"{self.status_url}?o={context.outbox_id}"
        try:
            message = await self.client.messages.create_async(**fields)
        except TwilioRestException as error:
            raise _translate(error) from error
        except (TwilioException, aiohttp.ClientError, TimeoutError) as error:
            raise Temporary(f"{type(error).__name__}: {error}") from error
        return str(message.sid)


class _WindowClosed(Exception):
    pass


def _translate(error: TwilioRestException) -> Exception:
    code = error.code
    if error.status == 429 or code == 20429:
        return RateLimited(1.0, f"Twilio {code or 429}: too many requests")
    if code == OPTED_OUT:
        return Unreachable(f"Twilio {code}: the person opted out (STOP)", status="stopped")
    if code == WINDOW_CLOSED:
        return _WindowClosed()
    if code in GONE:
        return Unreachable(f"Twilio {code}: {error.msg}")
    if error.status >= 500:
        return Temporary(f"Twilio {error.status}: {error.msg}")
    return Rejected(f"Twilio {code or error.status}: {error.msg}")


def _within_window(context: SendContext) -> bool:
    if context.last_inbound_at is None:
        return False
    return context.now - context.last_inbound_at < WINDOW - MARGIN
