"""A French speaker walking the CV to a given part (answers that skip what is not tested), or
answering every question (`COMPLETE`)."""

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


# Every question answered, for a French speaker: what "asked again" tests keep or change.
COMPLETE = (
    *TO_JOBS[:2],
    "06 12 34 56 78",
    "amal@example.com",
    *TO_JOBS[4:],
    "1",  # cook
    "C'est tout",
    "Oui",
    "soudeuse",
    "Garage Martin",
    "Syrie",
    "Alep",
    "03/2019",
    "2023",
    "Souder des pièces",
    "Non",
    "Oui",
    "2",  # secondary school
    "Mécanique",
    "Syrie",
    "2015",
    "Oui",  # obtained, abroad: the attestation
    "Non",
    "Non",
    "3",  # French B1
    "4",  # Arabic
    "7",  # mother tongue
    "C'est tout",
    "1",
    "C'est tout",
    "1",
    "C'est tout",
    "1",  # driving licence B
    "1",  # available now
    "3",  # full or part time
    "1",
    "C'est tout",
    "2",
    "Oui",  # employers may see it
)
