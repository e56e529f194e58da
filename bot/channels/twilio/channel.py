"""The Twilio channel: WhatsApp and SMS webhooks, delivery receipts, and sending.

`POST /webhooks/twilio` (messages) and `POST /webhooks/twilio/status` (receipts) check Twilio's
signature against the public URL rebuilt from PUBLIC_BASE_URL — the address Twilio called, even
behind a TLS proxy. A missing or wrong signature gets 403 and nothing is stored. A message is
answered with empty TwiML once committed; the reply goes out later from the outbox, through the
REST API, with a status callback. Messages are de-duplicated on their MessageSid.
"""

from __future__ import annotations

import logging

from aiohttp import web
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.app import App
from bot.channels.twilio.mapping import SMS, WHATSAPP, to_inbound
from bot.channels.twilio.media import TwilioMedia
from bot.channels.twilio.sender import TwilioSender
from bot.channels.twilio.status import Receipt, StatusWriter
from bot.config import Settings
from bot.i18n.msg import _
from bot.media import MediaLinks
from bot.outbox import Dispatcher, RateLimiter

log = logging.getLogger(__name__)

INBOUND_PATH = "/webhooks/twilio"
STATUS_PATH = "/webhooks/twilio/status"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
SIGNATURE_HEADER = "X-Twilio-Signature"
NUMBER_HINTS = _("choices.number_hints")  # "Send a number.|…": left out of buttons and lists


def make_client(settings: Settings) -> tuple[Client, AsyncTwilioHttpClient]:
    assert settings.twilio_auth_token is not None
    http = AsyncTwilioHttpClient(timeout=15)
    client = Client(
        settings.twilio_account_sid, settings.twilio_auth_token.get_secret_value(), http_client=http
    )
    if settings.twilio_api_base_url:
        client.api.base_url = settings.twilio_api_base_url
    return client, http


class TwilioChannel:
    name = "twilio"

    def __init__(self, settings: Settings, app: App) -> None:
        assert settings.twilio_auth_token is not None
        self.settings = settings
        self.app = app
        self.validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
        self.client, self._http = make_client(settings)
        self.media = MediaLinks.from_settings(settings)
        self.receipts = StatusWriter(app.database, app.engine.clock)
        voice = TwilioMedia(settings)  # voice notes are fetched with the account's credentials
        app.speech.register(WHATSAPP, voice)
        app.speech.register(SMS, voice)
        status_url = settings.public_base_url + STATUS_PATH if settings.public_base_url else None
        self.dispatchers: list[Dispatcher] = []
        for channel, sender, rate in (
            (WHATSAPP, settings.twilio_whatsapp_from, settings.twilio_whatsapp_rate_per_second),
            (SMS, settings.twilio_sms_from, settings.twilio_sms_rate_per_second),
        ):
            if not sender:
                continue
            twilio = TwilioSender(
                self.client,
                channel,
                sender,
                status_url=status_url,
                media=self.media,
                templates=settings.twilio_template_content_sids,
                choices=settings.twilio_choice_content_sids,
                number_hints={
                    code: app.catalogs.words(code, NUMBER_HINTS.id) for code in app.catalogs.codes
                },
            )
            self.dispatchers.append(
                Dispatcher.from_settings(
                    app.database, twilio, RateLimiter(rate, 0.0), settings, app.engine.clock
                )
            )
        self.delivering = False

    async def start(self, deliver: bool = True) -> None:
        await self.receipts.start()
        self.delivering = deliver
        if deliver:
            for dispatcher in self.dispatchers:
                self.app.engine.on_commit(dispatcher.on_commit)
                await dispatcher.start()

    async def stop(self) -> None:
        if self.delivering:
            for dispatcher in self.dispatchers:
                await dispatcher.stop()
        await self.receipts.stop()
        await self._http.close()

    # --- webhooks -----------------------------------------------------------------------
    async def _signed_form(self, request: web.Request) -> dict[str, str] | None:
        """The form's fields if Twilio signed them; None (403) if not. A body that is not a form
        at all (not UTF-8, say) cannot be signed by Twilio either: also None."""
        try:
            form = await request.post()
        except (UnicodeDecodeError, ValueError):
            return None
        params = {key: str(value) for key, value in form.items()}
        url = self.settings.public_base_url + request.path_qs
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature or not self.validator.validate(url, params, signature):
            return None
        return params

    async def inbound(self, request: web.Request) -> web.Response:
        params = await self._signed_form(request)
        if params is None:
            return web.Response(status=403, text="forbidden")
        if params.get("AccountSid") not in (None, self.settings.twilio_account_sid):
            return web.Response(status=403, text="forbidden")
        try:
            inbound = to_inbound(params)
        except (TypeError, ValueError):  # e.g. a Latitude that is not a number
            inbound = None
        if inbound is None:
            return web.Response(status=400, text="not a Twilio message")
        try:
            await self.app.engine.handle(inbound)
        except Exception as error:
            log.error("twilio message %s not stored: %r", inbound.message_id, error)
            return web.Response(status=503, text="try again later")
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")

    async def status(self, request: web.Request) -> web.Response:
        params = await self._signed_form(request)
        if params is None:
            return web.Response(status=403, text="forbidden")
        try:
            outbox_id = int(request.query.get("o", ""))
        except ValueError:
            return web.Response(text="ignored")  # not one of ours
        receipt = Receipt(
            outbox_id, params.get("MessageStatus", "").lower(), params.get("ErrorCode") or None
        )
        try:
            await self.receipts.record(receipt)
        except Exception:
            return web.Response(status=503, text="try again later")
        return web.Response(text="ok")
