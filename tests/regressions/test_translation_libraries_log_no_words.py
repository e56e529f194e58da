"""Issue 17, item 3: at the default LOG_LEVEL=INFO, argostranslate logged the texts it translated
(paragraphs, sentences, tokens, results): CV answers, handover messages, emergency words went to
the server's log. No library may log a person's words at any level Passerelle configures: this
test sets logging up as every `passerelle` command does, at DEBUG, translates with real (tiny)
Argos packages, directly and through English, and reads everything that reached a handler.
"""

from __future__ import annotations

import io
import logging
import sys

import pytest

from bot.cli import setup_logging
from bot.config import load_settings
from bot.translate.argos import ArgosBackend

WORDS = ("Zorglub", "Quintessence", "Lilas", "زرغلوب")


class Caught(logging.Handler):
    """A handler someone else added to the root logger, without any filter of ours."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()}")


def test_translating_at_debug_logs_none_of_the_words(
    installed: ArgosBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    caught = Caught()
    root.handlers = []  # as in a fresh `passerelle serve`
    monkeypatch.setattr(sys, "stderr", stream)
    try:
        setup_logging(load_settings(log_level="DEBUG"))
        root.addHandler(caught)
        french = "Je m'appelle Zorglub Quintessence et j'habite rue des Lilas.\nJ'ai peur."
        assert installed.translate([french], "fr", "en") == ["hello my friend\nhello my friend"]
        arabic = "اسمي زرغلوب Quintessence"
        assert installed.translate([arabic], "ar", "en") == ["good morning friend"]
        logging.getLogger("bot.control").debug("control line at DEBUG")
    finally:
        root.handlers, _ = saved
        root.setLevel(saved[1])
    written = stream.getvalue()
    # The capture works: our own DEBUG line reached both the stream and the extra handler.
    assert "control line at DEBUG" in written
    assert any("control line at DEBUG" in line for line in caught.lines)
    everything = written + "\n".join(caught.lines)
    for word in WORDS:
        assert word not in everything, (word, everything[-2000:])


def test_a_library_warning_keeps_its_level_but_not_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    root.handlers = []
    monkeypatch.setattr(sys, "stderr", stream)
    try:
        setup_logging(load_settings(log_level="DEBUG"))
        logging.getLogger("argostranslate.utils").warning("could not split %s", "Zorglub")
        logging.getLogger("stanza.models").error("bad input: Zorglub")
    finally:
        root.handlers, _ = saved
        root.setLevel(saved[1])
    written = stream.getvalue()
    assert "Zorglub" not in written
    assert "argostranslate.utils logged at WARNING" in written
    assert "stanza.models logged at ERROR" in written
