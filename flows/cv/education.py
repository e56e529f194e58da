"""Your schooling and diplomas, one at a time (up to four): the level, the field, the country,
the year, whether you obtained it — and, only for a diploma obtained abroad, whether you asked for
an "attestation de comparabilité" (explained on request)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.cv import legal
from bot.cv.vocabulary import EDUCATION
from bot.engine.flow import STAY, Answer, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.choices import pick_one
from flows.cv.common import (
    NO,
    SHORT,
    SKIP,
    YES,
    answered,
    at,
    cv,
    entry,
    flow,
    go,
    question,
    shown,
    start_entry,
)
from flows.cv.freetext import free_text
from flows.cv.places import country
from flows.cv.when import month_year
from flows.services import Turn

WHAT_IS_IT = Option("what", _("cv.comparability.what"))
MAX_DIPLOMAS = 4


def here(field: str):  # type: ignore[no-untyped-def]
    def path(t: Turn) -> tuple[str | int, ...]:
        entry(t, "education")
        return ("education", at(t, "education"), field)

    return path


def diplomas(t: Turn) -> list[str]:
    """The diplomas already entered, as the person reads them."""
    found = []
    for item in cv(t).get("education", []):
        if any(value is not None for value in item.values()):
            found.append(
                shown(t, item.get("level"), EDUCATION) or shown(t, item.get("field")) or "…"
            )
    return found


def add_prompt(t: Turn) -> str:
    done = diplomas(t)
    if not done:
        return t.text(_("cv.edu.first"))
    return t.text(_("cv.edu.more", diplomas=", ".join(done), max=MAX_DIPLOMAS))


@flow.question("edu_add", prompt=add_prompt, options=(YES, NO))
async def education_add(t: Turn, answer: Answer) -> Next:
    if answer.choice != YES.id:
        return go(t, "end:education")
    if len(diplomas(t)) >= MAX_DIPLOMAS:
        t.say(_("cv.limit", max=MAX_DIPLOMAS))
        return go(t, "end:education")
    start_entry(t, "education")
    return go(t, "cv.edu_level")


pick_one("edu_level", _("cv.edu.prompt"), EDUCATION, here("level"), lambda t: go(t, "cv.edu_field"))
free_text("edu_field", _("cv.edu.field"), here("field"), lambda t: "cv.edu_country", limit=SHORT)
country("edu_country", _("cv.edu.country"), here("country"), lambda t: "cv.edu_year")
month_year("edu_year", _("cv.edu.year"), here("year"), lambda t: "cv.edu_obtained")


def yes_no(t: Turn, field: str) -> str | None:
    return answered(t, here(field)(t), lambda value: t.text(YES.label if value else NO.label))


def obtained_current(t: Turn) -> str | None:
    return yes_no(t, "obtained")


def after_obtained(t: Turn) -> Next:
    diploma = entry(t, "education")
    # The attestation compares a diploma obtained abroad; without one there is nothing to ask.
    if diploma.get("obtained") and diploma.get("country") != "FR":
        return go(t, "cv.edu_compare")
    diploma.pop("comparability", None)
    return go(t, "cv.edu_add")


@question(
    "edu_obtained",
    prompt=_("cv.edu.diploma"),
    options=(YES, NO, SKIP),
    current=obtained_current,
    keep=after_obtained,
)
async def obtained(t: Turn, answer: Answer) -> Next:
    entry(t, "education")["obtained"] = (
        None if answer.choice == SKIP.id else answer.choice == YES.id
    )
    return after_obtained(t)


@cache
def _statement(content_dir: Path) -> legal.Statement:
    return legal.load(content_dir)["comparability"]


def compare_prompt(t: Turn) -> str:
    lines = [t.text(_("cv.comparability.prompt"))]
    if cv(t).pop("_explain", False):
        statement = _statement(t.catalogs.locales_dir.parent)
        lines.insert(
            0,
            t.text(Msg(statement.message))
            + "\n"
            + t.text(_("cv.rights.confirm", source=statement.source)),
        )
    return "\n\n".join(lines)


def compare_current(t: Turn) -> str | None:
    return yes_no(t, "comparability")


@question(
    "edu_compare",
    prompt=compare_prompt,
    options=(YES, NO, WHAT_IS_IT, SKIP),
    current=compare_current,
    keep=lambda t: go(t, "cv.edu_add"),
)
async def comparability(t: Turn, answer: Answer) -> Next:
    if answer.choice == WHAT_IS_IT.id:
        cv(t)["_explain"] = True
        return STAY
    value = None if answer.choice == SKIP.id else answer.choice == YES.id
    entry(t, "education")["comparability"] = value
    return go(t, "cv.edu_add")
