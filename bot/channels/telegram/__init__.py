"""The Telegram channel (Bot API through python-telegram-bot)."""

import os

# Opt in to python-telegram-bot's timedelta durations (e.g. RetryAfter.retry_after) now, as its
# deprecation warning asks, instead of reading integers that will change type.
os.environ.setdefault("PTB_TIMEDELTA", "true")
