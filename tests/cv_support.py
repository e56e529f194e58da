"""Helpers for CV tests: reach the CV's first question, walk to a given question, build PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pymupdf

from bot.cv import build
from bot.cv.pdf import render
from bot.i18n.bidi import strip_marks
from bot.i18n.catalogs import Catalogs
from tests.support import Person

CONTENT = Path(__file__).resolve().parent.parent / "content"


async def begin_cv(person: Person, hello: str = "bonjour", language: str = "1") -> list[str]:
    """Onboard (`hello`, then the language's number), open "Build my CV", press "begin": the
    replies to that last message (the name question)."""
    for line in (hello, language, "1", "1", "1"):
        replies = await person.send(line)
    return replies


async def step(person: Person) -> str:
    return str((await person.row())["step"])


async def cv_data(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = (await person.row())["data"].get("cv", {})
    return data


def pdf_text(data: dict[str, Any], language: str = "fr", *, bilingual: bool = False) -> str:
    """The text of the CV's PDF built from `data`, as pymupdf reads it back."""
    catalogs = Catalogs(CONTENT)
    document = build.document(
        data, catalogs, language, bilingual=bilingual, today=dt.date(2026, 11, 28)
    )
    drawn = render(document, CONTENT / "fonts", bilingual=bilingual)
    with pymupdf.open(stream=drawn, filetype="pdf") as pdf:
        text = "\n".join(page.get_text() for page in pdf)
    return strip_marks(text)  # the directional isolates around each field


FRENCH_SKIPS = ("Passer", "C'est tout", "Non", "Continuer")


async def skip_to_review(
    person: Person, replies: list[str] | None = None, words: tuple[str, ...] = FRENCH_SKIPS
) -> list[str]:
    """Answer "skip" (or "that's all", "no", "continue": whatever the question offers, `words`
    in the person's language) until the review; the review's replies."""
    replies = replies or [""]
    for _ in range(60):
        if await step(person) == "cv.review":
            return replies
        last = replies[-1] if replies else ""
        replies = await person.send(next((w for w in words if w in last), words[0]))
    raise AssertionError(f"never reached the review: {await step(person)}")
