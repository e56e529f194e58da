"""Your schooling: level, field, country, whether you hold the diploma, and whether you asked for
an "attestation de comparabilité" (explained on request)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.cv import legal
from bot.cv.vocabulary import EDUCATION
from bot.engine.flow import STAY, Answer, Goto, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import NO, SHORT, SKIP, YES, cv, flow, free_text, pick_one, section_end
from flows.services import Turn

WHAT_IS_IT = Option("what", _("cv.comparability.what"))


def after_level(t: Turn) -> Next:
    level = cv(t).get("education", {}).get("level")
    if level in (None, "none"):
        return section_end(t, "education")
    return Goto("cv.edu_field")


def education_path(field: str):  # type: ignore[no-untyped-def]
    def path(t: Turn) -> tuple[str, str]:
        cv(t).setdefault("education", {})
        return ("education", field)

    return path


pick_one("edu_level", _("cv.edu.prompt"), EDUCATION, education_path("level"), after_level)
free_text(
    "edu_field",
    _("cv.edu.field"),
    education_path("field"),
    lambda t: Goto("cv.edu_country"),
    limit=SHORT,
)
free_text(
    "edu_country",
    _("cv.edu.country"),
    education_path("country"),
    lambda t: Goto("cv.edu_diploma"),
    limit=SHORT,
)


@flow.question("edu_diploma", prompt=_("cv.edu.diploma"), options=(YES, NO, SKIP))
async def diploma(t: Turn, answer: Answer) -> Next:
    if answer.choice in (YES.id, NO.id):
        cv(t).setdefault("education", {})["diploma"] = answer.choice == YES.id
    return Goto("cv.edu_compare")


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


@flow.question("edu_compare", prompt=compare_prompt, options=(YES, NO, WHAT_IS_IT, SKIP))
async def comparability(t: Turn, answer: Answer) -> Next:
    if answer.choice == WHAT_IS_IT.id:
        cv(t)["_explain"] = True
        return STAY
    if answer.choice in (YES.id, NO.id):
        cv(t).setdefault("education", {})["comparability"] = answer.choice == YES.id
    return section_end(t, "education")
