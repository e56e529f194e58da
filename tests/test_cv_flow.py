"""The CV conversation beyond its transcripts: every question shows the answer already given, a
volunteer is asked to help with the text, each copy of the PDF comes with its own caption."""

from __future__ import annotations

import asyncio
import time

import pymupdf
from sqlalchemy import select

from bot.app import App
from bot.clock import FrozenClock
from bot.config import Settings
from bot.outbox import take_for_address
from bot.store import tables
from flows.cv.common import flow
from tests.cv_support import begin_cv, cv_data, pdf_text, skip_to_review, step
from tests.support import Person, running

# Questions with no answer of their own: menus, the introduction, statements, confirmations.
NO_ANSWER = {
    "cv.start",
    "cv.review",
    "cv.edit",
    "cv.edit_fields",
    "cv.edit_entries",
    "cv.edit_entry",
    "cv.delete",
    "cv.rights",
    "cv.exp_add",  # "add another job?": the jobs themselves are the answers
    "cv.edu_add",
    "cv.job_typed",  # adds to the list of jobs sought, whose question shows them
    "cv.lang_typed",
}


def test_every_cv_question_shows_the_answer_already_given() -> None:
    missing = [
        key
        for key, question in flow.questions.items()
        if not question.temporary and key not in NO_ANSWER and question.current is None
    ]
    assert missing == []


async def documents(app: App, person: Person, within: float = 20) -> list[tuple[str, str]]:
    """(caption, path) of the documents sent, once the PDF job has queued them."""
    deadline = time.monotonic() + within
    while True:
        outs = await take_for_address(app.database, "console", person.name, app.engine.clock.now())
        found = [(o.text, o.path) for o in outs if o.path]
        if found:
            return found
        assert time.monotonic() < deadline, "no document arrived"
        await asyncio.sleep(0.05)


async def test_each_copy_comes_with_its_caption(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "copies")
        await begin_cv(person, "hello", "1")  # English
        await skip_to_review(person, words=("Skip", "That's all", "No", "Continue"))
        await person.send("Get a copy in French and my language")
        ((caption, _path),) = await documents(app, person)
        assert "not for employers" in caption
        await person.send("Get my CV (PDF in French)")
        ((caption, _path),) = await documents(app, person)
        assert "for employers" in caption and "not for employers" not in caption


async def test_a_volunteer_is_asked_with_the_words_to_write(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "helpme")
        await begin_cv(person, "ሰላም", "1")  # Tigrinya: no translation model exists
        for answer in ("Selam Tesfay", "1", "ሕለፍ", "ሕለፍ", "Paris", "2", "1", "ይኣክል", "1"):
            await person.send(answer)
        assert await step(person) == "cv.exp_job"
        await person.send("ሰራሕተኛ ኣብ ክሽነ ሆቴል")
        assert await step(person) == "cv.untranslated"
        await person.send("1")  # ask a volunteer to write it with me
        assert await step(person) == "handover.talk"
        async with app.database.read() as conn:
            said = (await conn.execute(select(tables.handover_messages.c.text))).scalars().all()
        assert any("ሰራሕተኛ ኣብ ክሽነ ሆቴል" in text for text in said)
        job = (await cv_data(person))["experience"][0]["job"]
        assert job == {"text": "ሰራሕተኛ ኣብ ክሽነ ሆቴል", "fr": None, "how": "volunteer"}
        # Back to the CV later: it resumes after that answer, which waits for its French.
        await person.send("menu")  # first: end the conversation with the volunteer?
        await person.send("1")  # yes, and go to the menu
        await person.send("1")  # build my CV
        assert await step(person) == "cv.exp_employer"


async def test_the_french_copy_made_from_answers_in_arabic_is_in_latin_letters(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    async with running(sqlite_only, clock) as app:
        person = Person(app, "latin")
        await begin_cv(person, "مرحبا", "1")
        for answer in ("أمل حداد", "1", "1", "٠٦١٢٣٤٥٦٧٨", "تخطي", "ليون", "2", "1", "16", "لحامة"):
            await person.send(answer)
        arabic = ("تخطي", "هذا كل شيء", "لا", "متابعة")
        await skip_to_review(person, await person.send("هذا كل شيء"), arabic)
        await person.send("1")
        ((_caption, path),) = await documents(app, person)
        with pymupdf.open(path) as pdf:
            text = pdf[0].get_text()
        assert "Amal Haddad" in text and "06 12 34 56 78" in text and "Soudeuse" in text
        assert not any("\u0600" <= c <= "\u06ff" for c in text)


OLD_CV = {  # as the previous version kept it (tests/golden/cv_fr.txt before issue 16)
    "city": {"fr": "Lyon", "text": "Lyon"},
    "complete": True,
    "education": {
        "comparability": False,
        "country": {"fr": "Syrie", "text": "Syrie"},
        "diploma": True,
        "field": {"fr": "Restauration", "text": "Restauration"},
        "level": "secondary",
    },
    "experience": [
        {
            "country": {"fr": "Syrie", "text": "Syrie"},
            "job": {"fr": "Cuisinière", "text": "Cuisinière"},
            "tasks": {"fr": "Je préparais les repas.", "text": "Je préparais les repas."},
            "years": "3to5",
        }
    ],
    "jobs": [{"fr": "Cuisinier / cuisinière", "id": "cook", "rome": "G1602", "text": "Cuisinier"}],
    "name": {"fr": "Amal Haddad", "text": "Amal Haddad"},
    "start_date": {"fr": "01/03/2027", "text": "03/2027"},
    "status": "refugee",
}


def test_a_cv_kept_by_the_previous_version_still_prints() -> None:
    text = pdf_text(dict(OLD_CV))
    for expected in ("Amal Haddad", "Cuisinière — Syrie — 3 à 5 ans", "Je préparais les repas.",
                     "Restauration", "Diplôme obtenu", "mars 2027", "Cuisinier"):  # fmt: skip
        assert expected in text, (expected, text)
