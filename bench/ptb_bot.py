"""The alternative a Python developer would typically write, for comparison: a python-telegram-bot
`ConversationHandler` (three steps) with `PicklePersistence`, behind an aiohttp webhook that feeds
the Application's update queue. `python bench/ptb_bot.py PORT API_BASE_URL DATA_DIR`."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from pathlib import Path

from aiohttp import web
from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)

NAME, CITY = range(2)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await update.message.reply_text("Hello! What is your name?")
    return NAME


async def name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data["name"] = update.message.text
    await update.message.reply_text("Which city do you live in?")
    return CITY


async def city(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data["city"] = update.message.text
    await update.message.reply_text(f"Thank you, {context.user_data['name']}.")
    return ConversationHandler.END


async def main(port: int, api: str, data: Path) -> None:
    application = (
        Application.builder()
        .token("123456:BENCH")
        .base_url(api)
        .persistence(PicklePersistence(data / "ptb.pickle"))  # written every 60 s by default
        .updater(None)
        .build()
    )
    application.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={
                NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, name)],
                CITY: [MessageHandler(filters.TEXT & ~filters.COMMAND, city)],
            },
            fallbacks=[],
            name="signup",
            persistent=True,
        )
    )

    async def webhook(request: web.Request) -> web.Response:
        update = Update.de_json(await request.json(), application.bot)
        await application.update_queue.put(update)
        return web.Response()

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/webhooks/telegram", webhook)
    app.router.add_get("/healthz", health)
    runner = web.AppRunner(app, access_log=None)
    async with application:
        await application.start()
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        print("ready", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
            await application.stop()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])))
