"""The floor for Twilio webhooks: a bare aiohttp handler that validates the signature with
twilio's RequestValidator and answers empty TwiML.
`python bench/twilio_floor.py PORT PUBLIC_BASE_URL TOKEN`."""

from __future__ import annotations

import sys

from aiohttp import web
from twilio.request_validator import RequestValidator

TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def main(port: int, public: str, token: str) -> None:
    validator = RequestValidator(token)

    async def webhook(request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        signature = request.headers.get("X-Twilio-Signature", "")
        if not validator.validate(public + request.path_qs, form, signature):
            return web.Response(status=403)
        return web.Response(text=TWIML, content_type="text/xml")

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/webhooks/twilio", webhook)
    app.router.add_get("/healthz", health)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
