"""Telegram end to end: webhook in → sendMessage at a stand-in Bot API, three systems side by side.

    python bench/telegram_e2e.py                 # Passerelle on SQLite
    python bench/telegram_e2e.py --database-url postgresql://postgres@127.0.0.1/test --schema bench

Each system runs in its own process, as does the stand-in; this process plays Telegram: many people
write at once, each sending their next message once the previous update was acknowledged (200),
over at most 40 connections (Telegram's default `max_connections` for a webhook).
  passerelle — `passerelle serve` (every update committed with its state before the 200)
  ptb        — a python-telegram-bot ConversationHandler bot (3 steps) with PicklePersistence behind
               an aiohttp webhook feeding the Application's update queue (state in memory, written
               every 60 s)
  floor      — a bare aiohttp handler answering each update with one sendMessage
Reported: updates acknowledged per second, replies delivered per second (first update sent → last
reply received), acknowledgement latency p50/p99, end-to-end latency p50/p99 (update sent → its
reply at the stand-in), peak RSS of the system's process.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import sys
import tempfile
import time
from typing import Any

from harness import HERE, Webhook, free_port, fresh_postgres, measure, report

SECRET = "bench-secret"
SCRIPTS = {
    "passerelle": ["/start", "1", "1", "7", "3", "menu"],
    "ptb": ["/start", "Amal", "Paris", "/start", "Amal", "Lyon"],
    "floor": ["a", "b", "c", "d", "e", "f"],
}
update_ids = itertools.count(1)


def update(chat: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(update_ids),
        "date": int(time.time()),
        "text": text,
        "chat": {"id": chat, "type": "private", "first_name": "P"},
        "from": {"id": chat, "is_bot": False, "first_name": "P", "language_code": "fr"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": next(update_ids), "message": message}


TELEGRAM = Webhook(
    "/webhooks/telegram",
    lambda chat, text: {
        "json": update(chat, text),
        "headers": {"X-Telegram-Bot-Api-Secret-Token": SECRET},
    },
    str,
)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument(
        "--connections",
        type=int,
        default=40,
        help="concurrent webhook connections (Telegram's default max_connections)",
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--schema", default="")
    parser.add_argument("--only", choices=sorted(SCRIPTS), action="append")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="run `serve --no-delivery` plus this many `passerelle worker`s",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="offer this many updates per second (default: as fast as acked)",
    )
    args = parser.parse_args()
    api_port = free_port()
    standin = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "telegram_standin.py"),
        str(api_port),
        stdout=asyncio.subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{api_port}/bot"
    results = {}
    try:
        await asyncio.sleep(0.5)
        for name in args.only or ["passerelle", "ptb", "floor"]:
            port = free_port()
            data = tempfile.mkdtemp(prefix=f"bench-{name}-")
            env = {**os.environ, "ORT_DISABLE_TELEMETRY": "1"}
            if name == "passerelle":
                if args.database_url:
                    await fresh_postgres(args.database_url, args.schema or "bench")
                env.update(
                    {
                        "DATA_DIR": data,
                        "DATABASE_URL": args.database_url,
                        "DATABASE_SCHEMA": args.schema or ("bench" if args.database_url else ""),
                        "TELEGRAM_BOT_TOKEN": "123456:BENCH",
                        "TELEGRAM_WEBHOOK_SECRET": SECRET,
                        "TELEGRAM_API_BASE_URL": api,
                        "TELEGRAM_RATE_PER_SECOND": "0",
                        "TELEGRAM_CHAT_INTERVAL_SECONDS": "0",
                        "DELIVERY_MAX_IN_FLIGHT": "64",
                        "LOG_LEVEL": "WARNING",
                    }
                )
                command = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
                if args.workers:
                    command.append("--no-delivery")
                if os.environ.get("BENCH_SERVE"):
                    command = [sys.executable, os.environ["BENCH_SERVE"], "--port", str(port)]
            elif name == "ptb":
                command = [sys.executable, str(HERE / "ptb_bot.py"), str(port), api, data]
            else:
                command = [sys.executable, str(HERE / "floor.py"), str(port), api]
            results[name] = await measure(
                name,
                command,
                env,
                port,
                api_port,
                TELEGRAM,
                args.users,
                SCRIPTS[name],
                args.connections,
                args.rate,
                args.workers if name == "passerelle" else 0,
            )
            report(name, results[name])
    finally:
        standin.send_signal(signal.SIGTERM)
        await standin.wait()
    if "passerelle" in results:
        for other in ("ptb", "floor"):
            if other in results:
                ratio = results["passerelle"]["delivered_per_s"] / results[other]["delivered_per_s"]
                print(f"passerelle / {other}: {ratio:.2f}× replies per second")


if __name__ == "__main__":
    asyncio.run(main())
