"""Skills (a short list for the jobs sought and done), digital skills, driving licence,
availability (from when, hours, contracts, how far), and whether employers may see the CV."""

from __future__ import annotations

from bot.cv import skills
from bot.cv.vocabulary import CONTRACTS, DIGITAL, DISTANCES, LICENCES, START, TIME, Term
from bot.engine.flow import Answer, Next
from bot.i18n.msg import Option, _
from flows.cv.choices import pick_many, pick_one
from flows.cv.common import NO, YES, cv, go, question, shown
from flows.cv.when import month_year, not_in_past
from flows.services import Turn


def rome_codes(t: Turn) -> list[str]:
    """The ROME codes of the jobs sought and done."""
    data = cv(t)
    codes = [job.get("rome") for job in data.get("jobs") or []]
    codes += [(e.get("trade") or {}).get("rome") for e in data.get("experience") or []]
    return [code for code in codes if code]


def offered_skills(t: Turn) -> tuple[Term, ...]:
    chosen = cv(t).get("skills") or []
    offered = skills.offered(rome_codes(t))
    every = skills.every()
    # A skill chosen earlier stays listed (and ticked) even if the jobs changed since.
    kept = tuple(every[s] for s in chosen if s in every and every[s] not in offered)
    return (*offered, *kept)


pick_many("skills", _("cv.skills.prompt"), offered_skills, "skills", lambda t: go(t, "cv.digital"))
pick_many("digital", _("cv.digital.prompt"), DIGITAL, "digital", lambda t: go(t, "cv.licence"))
pick_one("licence", _("cv.licence.prompt"), LICENCES, "licence", lambda t: go(t, "end:skills"))


LATER = Option("later", _("cv.start.later"))


def after_start(t: Turn) -> Next:
    if cv(t).get("start") == LATER.id:
        return go(t, "cv.avail_date")
    cv(t).pop("start_date", None)
    return go(t, "cv.avail_time")


pick_one(
    "avail_start",
    _("cv.start.prompt"),
    (*START, Term(LATER.id, LATER.label)),
    "start",
    after_start,
)
month_year(
    "avail_date",
    _("cv.start.date"),
    lambda t: ("start_date",),
    lambda t: "cv.avail_time",
    year_alone=False,
    check=not_in_past,
)
pick_one("avail_time", _("cv.time.prompt"), TIME, "time", lambda t: go(t, "cv.avail_contracts"))
pick_many(
    "avail_contracts",
    _("cv.contract.prompt"),
    CONTRACTS,
    "contracts",
    lambda t: go(t, "cv.avail_distance"),
)
pick_one(
    "avail_distance",
    _("cv.distance.prompt"),
    DISTANCES,
    "distance",
    lambda t: go(t, "end:availability"),
)


def share_current(t: Turn) -> str | None:
    value = cv(t).get("share")
    return (
        None
        if value is None
        else shown(t, "yes" if value else "no", (Term("yes", YES.label), Term("no", NO.label)))
    )


@question(
    "share",
    prompt=_("cv.share.prompt"),
    options=(YES, NO),
    current=share_current,
    keep=lambda t: go(t, "end:share"),
)
async def share(t: Turn, answer: Answer) -> Next:
    cv(t)["share"] = answer.choice == YES.id
    return go(t, "end:share")
