"""Tester's report (issue 21, #1): "back" to the phone showed "your answer was: 06 12 34 56 78"
with "skip" as the only option, and choosing it replaced the number with nothing. A question
asked again with an answer (after "back", or to change it from the review) now offers "✔ Keep
it" first, and "Remove this answer (leave it empty)" instead of "skip"; typed skip words keep.
Every CV question that can hold an answer does so: checked on each one a complete CV has."""

from __future__ import annotations

from typing import Any

from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n.bidi import strip_marks
from flows.cv.common import KEEPING, flow
from flows.cv.edit import FIELDS, LISTS
from tests.cv_support import begin_cv, cv_data, step
from tests.cv_walk import COMPLETE, walk
from tests.support import Person, running

KEEP_AR, CLEAR_AR, SKIP_AR = "✔ أبقِ الإجابة كما هي", "احذف هذه الإجابة", "تخطي"


async def test_back_to_the_phone_keeps_it(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        layla = Person(app, "layla")
        await begin_cv(layla, "مرحبا", "١")
        for answer in ("Layla Hassan", "١", "٠٦١٢٣٤٥٦٧٨"):
            await layla.send(answer)
        phone = {"text": "06 12 34 56 78", "e164": "+33612345678"}
        asked = strip_marks((await layla.send("رجوع"))[-1])  # back
        assert f"1. {KEEP_AR}" in asked and f"2. {CLEAR_AR}" in asked and SKIP_AR not in asked
        await layla.send("١")
        assert await step(layla) == "cv.email" and (await cv_data(layla))["phone"] == phone
        await layla.send("رجوع")
        await layla.send(SKIP_AR)  # the skip word, typed: keeps too
        assert await step(layla) == "cv.email" and (await cv_data(layla))["phone"] == phone
        await layla.send("رجوع")
        await layla.send("٢")  # remove it, on purpose
        assert (await cv_data(layla))["phone"] is None
        asked = strip_marks((await layla.send("رجوع"))[-1])  # skipped: nothing to keep
        assert f"1. {SKIP_AR}" in asked and KEEP_AR not in asked


def test_every_question_with_an_answer_can_keep_it() -> None:
    """Declared through `common.question`, so none can forget "keep" or turn "skip" into erase."""
    with_answers = {key for key, q in flow.questions.items() if q.current is not None}
    assert with_answers and with_answers <= set(KEEPING)


def visible(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if not key.startswith("_")}


async def test_each_answer_of_a_complete_cv_is_kept(
    sqlite_only: Settings, clock: FrozenClock
) -> None:
    """Review → change → every answer of every part, then "keep" on each question it asks."""
    async with running(sqlite_only, clock) as app:
        amal = Person(app, "amal")
        await walk(amal, COMPLETE, "cv.review")
        before = visible(await cv_data(amal))
        sections = ["identity", "status", "jobs", "experience", "education", "languages"]
        sections += ["skills", "availability", "share"]
        asked: set[str] = set()
        for number, section in enumerate(sections, 1):
            for field in range(len(FIELDS[section])):
                await amal.send("Modifier une partie")
                replies = await amal.send(str(number))
                if section in LISTS:
                    await amal.send("1")  # the first job, or diploma
                if await step(amal) in ("cv.edit_fields", "cv.edit_entry"):
                    replies = await amal.send(str(field + 1))
                while not (await step(amal)).startswith(("cv.edit", "cv.review")):
                    asked.add(await step(amal))
                    question = strip_marks(replies[-1])
                    if "1. ✔ Garder cette réponse" in question:
                        replies = await amal.send("1")
                    elif await step(amal) == "cv.rights":  # what the situation means: no answer
                        replies = await amal.send("Continuer")
                    else:  # a list of several answers: its ticks stay, "that's all" keeps them
                        assert "✓" in question, question
                        replies = await amal.send("C'est tout")
                if await step(amal) != "cv.review":
                    await amal.send("Revenir à mon CV")
        assert visible(await cv_data(amal)) == before
        assert {"cv.phone", "cv.exp_end", "cv.edu_compare", "cv.avail_time"} <= asked
        assert len(asked) >= 25, sorted(asked)
