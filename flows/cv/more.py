"""Digital skills, driving licence, availability (from when, hours, contracts, how far), and
whether employers may see the CV."""

from __future__ import annotations

from bot.cv.vocabulary import CONTRACTS, DIGITAL, DISTANCES, LICENCES, START, TIME
from bot.engine.flow import Answer, Goto, Next
from bot.i18n.msg import Option, _
from flows.cv.common import (
    NO,
    SHORT,
    SKIP,
    YES,
    cv,
    flow,
    free_text,
    pick_many,
    pick_one,
    section_end,
)
from flows.services import Turn

LATER = Option("later", _("cv.start.later"))

pick_many("digital", _("cv.digital.prompt"), DIGITAL, "digital", lambda t: Goto("cv.licence"))
pick_one("licence", _("cv.licence.prompt"), LICENCES, "licence", lambda t: section_end(t, "skills"))


def start_options(t: Turn) -> list[Option]:
    return [Option(term.id, term.label) for term in START] + [LATER, SKIP]


@flow.question("avail_start", prompt=_("cv.start.prompt"), options=start_options)
async def start(t: Turn, answer: Answer) -> Next:
    if answer.choice == LATER.id:
        return Goto("cv.avail_date")
    if answer.choice != SKIP.id:
        cv(t)["start"] = answer.choice
    return Goto("cv.avail_time")


free_text(
    "avail_date",
    _("cv.start.date"),
    lambda t: ("start_date",),
    lambda t: Goto("cv.avail_time"),
    limit=SHORT,
    translate=False,
)
pick_one("avail_time", _("cv.time.prompt"), TIME, "time", lambda t: Goto("cv.avail_contracts"))
pick_many(
    "avail_contracts",
    _("cv.contract.prompt"),
    CONTRACTS,
    "contracts",
    lambda t: Goto("cv.avail_distance"),
)
pick_one(
    "avail_distance",
    _("cv.distance.prompt"),
    DISTANCES,
    "distance",
    lambda t: section_end(t, "availability"),
)


@flow.question("share", prompt=_("cv.share.prompt"), options=(YES, NO))
async def share(t: Turn, answer: Answer) -> Next:
    cv(t)["share"] = answer.choice == YES.id
    return section_end(t, "share")
