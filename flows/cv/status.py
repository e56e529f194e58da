"""Your situation in France and what it means for the right to work, with where to confirm it.

Rules change, so each statement is a catalog message tied to its official source and the date it
was last checked (content/cv/legal.json); the person is always told where to confirm.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.cv import legal
from bot.cv.vocabulary import STATUSES
from bot.engine.flow import Answer, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.choices import pick_one
from flows.cv.common import cv, flow, go
from flows.cv.when import month_year, not_in_future
from flows.services import Turn

CONTINUE = Option("continue", _("cv.continue"))


def after_status(t: Turn) -> Next:
    return go(t, "cv.status_since" if cv(t).get("status") == "asylum" else "cv.rights")


pick_one("status", _("cv.status.prompt"), STATUSES, "status", after_status)
month_year(
    "status_since",
    _("cv.status.since"),
    lambda t: ("status_since",),
    lambda t: "cv.rights",
    check=not_in_future,
)


@cache
def statements(content_dir: Path) -> dict[str, legal.Statement]:
    return legal.load(content_dir)


def rights_prompt(t: Turn) -> str:
    status = cv(t).get("status")
    known = statements(t.catalogs.locales_dir.parent)
    if status not in known:
        return t.text(_("cv.rights.none"))
    statement = known[status]
    return "\n\n".join(
        (t.text(Msg(statement.message)), t.text(_("cv.rights.confirm", source=statement.source)))
    )


@flow.question("rights", prompt=rights_prompt, options=(CONTINUE,))
async def rights(t: Turn, answer: Answer) -> Next:
    return go(t, "end:status")
