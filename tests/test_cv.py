"""The CV builder beyond the golden transcripts: skipping everything, editing one section,
resuming after a restart, long answers, and the PDF — delivered, replaced, deleted, erased."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pymupdf

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.outbox import take_for_address
from tests.support import Person, running


async def to_cv(person: Person, language: str = "1") -> list[str]:
    for line in ("bonjour", language, "1", "1"):
        replies = await person.send(line)
    return replies


async def skip_everything(person: Person) -> list[str]:
    """ "Passer" (or "C'est tout", "Non") at every question until the review."""
    replies = await person.send("1")  # Commencer
    for _ in range(60):
        step = (await person.row())["step"]
        if step == "cv.review":
            return replies
        last = replies[-1]
        word = next(
            (w for w in ("Passer", "C'est tout", "Non", "Continuer") if w in last), "Passer"
        )
        replies = await person.send(word)
    raise AssertionError(f"never reached the review: {(await person.row())['step']}")


async def documents(app: App, person: Person, within: float = 20) -> list[str]:
    """Wait for the PDF job to queue its document, then take it as the console would."""
    deadline = time.monotonic() + within
    while True:
        outs = await take_for_address(app.database, "console", person.name, app.engine.clock.now())
        paths = [o.path for o in outs if o.path]
        if paths:
            return [p for p in paths if p]
        assert time.monotonic() < deadline, "no document arrived"
        await asyncio.sleep(0.05)


async def test_skipping_every_question_still_makes_a_cv(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "skipper")
        await to_cv(person)
        review = await skip_everything(person)
        assert "Votre CV pour l'instant" in review[-1]
        await person.send("1")  # Recevoir mon CV
        (path,) = await documents(app, person)
        with pymupdf.open(path) as pdf:
            assert pdf.page_count == 1
            assert "Nom non renseigné" in pdf[0].get_text()


async def test_one_section_can_be_edited_afterwards(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "editor")
        await to_cv(person)
        await skip_everything(person)
        await person.send("Modifier une partie")
        answers = await person.send("6")  # the languages section: its answers, as they are now
        assert "1. Français : —" in answers[-1]
        prompt = await person.send("1")
        assert "Votre réponse était : Passer" in prompt[0]  # what it is now, before the question
        assert "Comment parlez-vous français ?" in prompt[0]
        back = await person.send("B2")
        assert "1. Français : B2" in back[-1]  # back to that part's answers: nothing else asked
        assert (await person.row())["data"]["cv"]["french"] == "B2"
        review = await person.send("Revenir à mon CV")
        assert "Votre CV pour l'instant" in review[-1]


async def test_a_restart_in_the_middle_resumes_at_the_same_question(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "restart")
        await to_cv(person)
        await person.send("1")
        await person.send("Samir Nouri")
        await person.send("2")  # job titles in the masculine
    async with running(sqlite_only, clock) as app:  # a new process, the same store
        replies = await Person(app, "restart").send("06 11 22 33 44")
        assert "adresse e-mail" in replies[0]
        data = (await Person(app, "restart").row())["data"]["cv"]
        assert data["name"]["text"] == "Samir Nouri" and data["phone"]["text"] == "06 11 22 33 44"


async def test_long_answers_are_cut_with_a_message(settings: Settings, clock: FrozenClock) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "verbose")
        await to_cv(person)
        await person.send("1")
        replies = await person.send("Nom " * 100)
        assert "j'ai gardé les 80 premiers caractères" in replies[0]
        assert len((await person.row())["data"]["cv"]["name"]["text"]) <= 80


async def test_the_pdf_is_replaced_then_deleted_with_the_cv_and_with_the_person(
    settings: Settings, clock: FrozenClock
) -> None:
    async with running(settings, clock) as app:
        person = Person(app, "owner")
        await to_cv(person)
        await person.send("1")
        await person.send("Nadia Rahimi")
        await person.send("Passer")
        for _ in range(3):
            await person.send("Passer")
        await person.send("Modifier une partie")  # not at the review yet: "not understood"
        media = Path(settings.data_dir) / "media" / "cv"
        row = await person.row()
        await skip_everything_from_here(person)
        await person.send("1")
        (first,) = await documents(app, person)
        await person.send("1")
        (second,) = await documents(app, person)
        assert not Path(first).exists() and Path(second).exists()  # only the latest is kept
        assert Path(second).parent == media and Path(second).name.startswith(f"{row['id']}-")
        with pymupdf.open(second) as pdf:
            assert "Nadia Rahimi" in pdf[0].get_text()
        await person.send("Supprimer mon CV")
        await person.send("Oui")
        await asyncio.sleep(0.3)
        assert not Path(second).exists() and "cv" not in (await person.row())["data"]

        await skip_everything_from_here(person, start=True)
        await person.send("1")
        (third,) = await documents(app, person)
        await person.send("/delete")
        await person.send("1")
        for _ in range(40):
            if not Path(third).exists():
                break
            await asyncio.sleep(0.05)
        assert not Path(third).exists()


async def skip_everything_from_here(person: Person, start: bool = False) -> None:
    if start:
        await person.send("menu")
        await person.send("1")
    step = (await person.row())["step"]
    if step == "cv.start":
        await skip_everything(person)
        return
    replies = [""]
    for _ in range(60):
        if (await person.row())["step"] == "cv.review":
            return
        word = next((w for w in ("C'est tout", "Non", "Continuer") if w in replies[-1]), "Passer")
        replies = await person.send(word)
