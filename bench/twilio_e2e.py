"""WhatsApp/SMS end to end: signed Twilio webhook in → reply posted to a stand-in REST API.

    python bench/twilio_e2e.py [--connections N] [--rate R] [--database-url …]

Passerelle (`passerelle serve`: signature checked, message committed with its state, empty TwiML,
then the reply sent from the outbox with the real async twilio client) beside the floor: a bare
aiohttp handler that validates the signature and answers TwiML (it sends nothing). Each runs in its
own process, as does the REST stand-in; this process plays Twilio, signing every request.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile

from harness import HERE, Webhook, free_port, fresh_postgres, measure, report, stop_processes
from twilio.request_validator import RequestValidator

PUBLIC = "https://bench.example.org"
ACCOUNT = "AC" + "1" * 32
TOKEN = "bench-auth-token"
SCRIPT = ["Bonjour", "1", "1", "7", "3", "menu"]
validator = RequestValidator(TOKEN)
sids = itertools.count(1)


def message(person: int, text: str) -> dict[str, object]:
    sid = f"SM{next(sids):032d}"
    form = {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": ACCOUNT,
        "From": f"whatsapp:+3360{person:07d}",
        "To": "whatsapp:+14155238886",
        "Body": text,
        "NumMedia": "0",
        "ProfileName": "P",
    }
    signature = validator.compute_signature(f"{PUBLIC}/webhooks/twilio", form)
    return {"data": form, "headers": {"X-Twilio-Signature": signature}}


TWILIO = Webhook("/webhooks/twilio", message, lambda person: f"whatsapp:+3360{person:07d}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--rate", type=float, default=0.0)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default="")
    args = parser.parse_args()
    api_port = free_port()
    standin = await asyncio.create_subprocess_exec(
        sys.executable, str(HERE / "twilio_standin.py"), str(api_port)
    )
    results = {}
    try:
        await asyncio.sleep(0.5)
        port = free_port()
        data = tempfile.mkdtemp(prefix="bench-twilio-")
        if args.database_url:
            await fresh_postgres(args.database_url, args.schema or "bench")
        env = {
            **os.environ,
            "DATA_DIR": data,
            "DATABASE_URL": args.database_url,
            "DATABASE_SCHEMA": args.schema or ("bench" if args.database_url else ""),
            "TWILIO_ACCOUNT_SID": ACCOUNT,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886",
            "TWILIO_API_BASE_URL": f"http://127.0.0.1:{api_port}",
            "PUBLIC_BASE_URL": PUBLIC,
            "TWILIO_WHATSAPP_RATE_PER_SECOND": "0",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("TWILIO_EDGE", None)
        env.pop("TWILIO_REGION", None)
        command = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
        results["passerelle"] = await measure(
            "passerelle",
            command,
            env,
            port,
            api_port,
            TWILIO,
            args.users,
            SCRIPT,
            args.connections,
            args.rate,
        )
        report("passerelle", results["passerelle"])
        port = free_port()
        command = [sys.executable, str(HERE / "twilio_floor.py"), str(port), PUBLIC, TOKEN]
        results["floor"] = await measure(
            "floor",
            command,
            os.environ.copy(),
            port,
            None,
            TWILIO,
            args.users,
            SCRIPT,
            args.connections,
            args.rate,
        )
        report("floor", results["floor"])
    finally:
        await stop_processes([standin])
    ratio = results["passerelle"]["acked_per_s"] / results["floor"]["acked_per_s"]
    print(f"passerelle / floor: {ratio:.2f}× messages acknowledged per second")


if __name__ == "__main__":
    asyncio.run(main())
