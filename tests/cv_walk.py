"""A French speaker walking the CV to a given part (answers that skip what is not tested)."""

from __future__ import annotations

from tests.cv_support import begin_cv, step
from tests.support import Person

# The answers from the name to the first question of each part, for a French speaker.
TO_JOBS = ("Amal Haddad", "1", "Passer", "Passer", "Lyon", "2", "1")  # …, refugee, continue
TO_EXPERIENCE = (*TO_JOBS, "C'est tout")
TO_EDUCATION = (*TO_EXPERIENCE, "Non")


async def walk(person: Person, answers: tuple[str, ...], expect: str) -> list[str]:
    replies = await begin_cv(person)
    for answer in answers:
        replies = await person.send(answer)
    assert await step(person) == expect, await step(person)
    return replies
