"""Where log lines go, and what libraries may say in them: never a person's words.

Passerelle's own loggers name messages by channel and id (see `bot/engine/core.py:_ref`). The
libraries that handle people's texts do not: argostranslate logs, at INFO, every paragraph,
sentence, token and result it translates (through its one logger, `argostranslate.utils`, whose
level it sets itself when imported, so setting a level beforehand is not enough). So, at any level
a deployment chooses (`LOG_LEVEL`, DEBUG included):

- those libraries' loggers stop below WARNING (children inherit it), and so do those of
  python-telegram-bot, SQLAlchemy's engine and aiosqlite, which log every call or statement with
  its values (a person's words, their number) at DEBUG or INFO;
- `argostranslate.utils` and every handler Passerelle installs carry `Withheld`, which drops their
  records below WARNING and replaces the text of the others with a fixed sentence naming the
  library and the level, so a failure still shows without quoting anyone.
"""

from __future__ import annotations

import logging
import sys

# Libraries that see people's texts: translation (argostranslate, CTranslate2, SentencePiece,
# MiniSBD for sentences) and the NLP toolkits argostranslate imports (stanza, spaCy). Their
# warnings and errors may quote a text too: those keep their level, not their text.
TEXT_LIBRARIES = ("argostranslate", "ctranslate2", "sentencepiece", "minisbd", "stanza", "spacy")
# Libraries that log what passes through them below WARNING, and only there: every Bot API call
# with its parameters and the bot's token (python-telegram-bot), every SQL statement with its
# values — a person's words, their number (SQLAlchemy's engine, aiosqlite).
CHATTY_LIBRARIES = ("telegram", "sqlalchemy.engine", "aiosqlite")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
WITHHELD = "%s logged at %s; its text is withheld (it may quote a person's words)"


def _under(name: str, libraries: tuple[str, ...]) -> bool:
    return any(name == lib or name.startswith(lib + ".") for lib in libraries)


class Withheld(logging.Filter):
    """Drops those libraries' records below WARNING; keeps the text libraries' others without
    their text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _under(record.name, TEXT_LIBRARIES + CHATTY_LIBRARIES):
            return True
        if record.levelno < logging.WARNING:
            return False
        if not _under(record.name, TEXT_LIBRARIES):
            return True
        if record.msg is not WITHHELD:
            record.msg, record.args = WITHHELD, (record.name, record.levelname)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


_WITHHELD = Withheld()


def quiet_text_libraries() -> None:
    """Keep those libraries' loggers from passing on anyone's words (idempotent; the filter
    holds even after argostranslate resets its level on import). Opening the app does it."""
    for name in (*TEXT_LIBRARIES, *CHATTY_LIBRARIES, "argostranslate.utils"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.WARNING)
        if _WITHHELD not in logger.filters:
            logger.addFilter(_WITHHELD)


def setup(level: str | int, stream: object | None = None) -> None:
    """Log to stderr at `level`, every handler withholding what text libraries say."""
    logging.basicConfig(level=level, format=FORMAT, stream=stream or sys.stderr)  # type: ignore[arg-type]
    for handler in logging.getLogger().handlers:
        if _WITHHELD not in handler.filters:
            handler.addFilter(_WITHHELD)
    quiet_text_libraries()
