"""Your work experience, one job at a time (up to five): the job, the employer (optional), the
country and town, from when to when, and what you did there.

Each job is an entry of `cv["experience"]`; `_at["experience"]` says which one the questions
fill, so a job can be changed from the review without touching the others.
"""

from __future__ import annotations

from bot.cv.normalize import dates
from bot.engine.flow import STAY, Answer, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import (
    NO,
    SHORT,
    SKIP,
    YES,
    answered,
    at,
    clip,
    cv,
    entry,
    flow,
    go,
    has_letters,
    put,
    question,
    shown,
    start_entry,
)
from flows.cv.freetext import free_text, to_french
from flows.cv.latin import latin_text, written
from flows.cv.places import commune, country
from flows.cv.wanted import found_trade, label
from flows.cv.when import month_year, not_in_future, shown_date
from flows.services import Turn

MAX_EXPERIENCES = 5
STILL_THERE = Option("now", _("cv.exp.still_there"))


def titles(t: Turn) -> list[str]:
    """The jobs already entered, as the person reads them."""
    return [job_title(t, e) or "…" for e in cv(t).get("experience", []) if any(e.values())]


def job_title(t: Turn, value: dict[str, object]) -> str | None:
    trade = value.get("trade")
    if isinstance(trade, dict):
        return label(t, trade)
    return shown(t, value.get("job"))


def add_prompt(t: Turn) -> str:
    done = titles(t)
    if not done:
        return t.text(_("cv.exp.first"))
    return t.text(_("cv.exp.more", jobs=", ".join(done), max=MAX_EXPERIENCES))


@flow.question("exp_add", prompt=add_prompt, options=(YES, NO))
async def experience_add(t: Turn, answer: Answer) -> Next:
    if answer.choice != YES.id:
        return go(t, "end:experience")
    if len(titles(t)) >= MAX_EXPERIENCES:
        t.say(_("cv.limit", max=MAX_EXPERIENCES))
        return go(t, "end:experience")
    start_entry(t, "experience")
    return go(t, "cv.exp_job")


def here(field: str):  # type: ignore[no-untyped-def]
    """The path of `field` in the job being filled."""

    def path(t: Turn) -> tuple[str | int, ...]:
        entry(t, "experience")
        return ("experience", at(t, "experience"), field)

    return path


def job_current(t: Turn) -> str | None:
    job = entry(t, "experience")
    if "trade" in job and job.get("trade") is None and job.get("job") is None:
        return t.text(SKIP.label)
    return job_title(t, job)


@question(
    "exp_job",
    prompt=_("cv.exp.job"),
    accepts=("text",),
    data=True,
    prepare=to_french,
    current=job_current,
    keep=lambda t: go(t, "cv.exp_employer"),
)
async def experience_job(t: Turn, answer: Answer) -> Next:
    job = entry(t, "experience")
    if answer.choice == SKIP.id:
        job["trade"] = job["job"] = None
        return go(t, "cv.exp_employer")
    if not has_letters(answer.text):
        t.say(_("cv.text.no_letters"))
        return STAY
    job["trade"] = job["job"] = None
    text = clip(t, answer.text, SHORT, answer.truncated)
    trade, free = here("trade")(t), here("job")(t)
    return await found_trade(t, text, trade, free, "cv.exp_employer", asked="cv.exp_job")


latin_text("exp_employer", _("cv.exp.employer"), here("employer"), lambda t: "cv.exp_country")
country("exp_country", _("cv.exp.country"), here("country"), lambda t: "cv.exp_city")


def in_france(t: Turn) -> bool:
    return entry(t, "experience").get("country") == "FR"


def city_prompt(t: Turn) -> Msg:
    return _("cv.exp.city_france") if in_france(t) else _("cv.exp.city")


def city_current(t: Turn) -> str | None:
    return answered(t, here("city")(t), lambda value: shown(t, value))


@question(
    "exp_city",
    prompt=city_prompt,
    accepts=("text",),
    data=True,
    current=city_current,
    keep=lambda t: go(t, "cv.exp_start"),
)
async def experience_city(t: Turn, answer: Answer) -> Next:
    path = here("city")(t)
    if answer.choice == SKIP.id:
        put(cv(t), path, None)
        return go(t, "cv.exp_start")
    if in_france(t):
        return commune(t, answer, path, "cv.exp_start")
    return await abroad(t, answer)


async def abroad(t: Turn, answer: Answer) -> Next:
    """A town abroad is printed as the person confirms it in Latin letters."""
    if not has_letters(answer.text):
        t.say(_("cv.text.no_letters"))
        return STAY
    return written(t, here("city")(t), clip(t, answer.text, SHORT), "cv.exp_start")


month_year(
    "exp_start",
    _("cv.exp.start"),
    here("start"),
    lambda t: "cv.exp_end",
    check=not_in_future,
)


def after_start(t: Turn, value: dates.MonthYear) -> Msg | None:
    problem = not_in_future(t, value)
    start = dates.MonthYear.from_dict(entry(t, "experience").get("start"))
    if (
        problem is None
        and start
        and (value.year, value.month or 12) < (start.year, start.month or 1)
    ):
        return _("cv.date.before_start", start=dates.written(start, t.lang))
    return problem


def ended_now(t: Turn, choice: str) -> Next:
    put(cv(t), here("end")(t), "now")
    return go(t, "cv.exp_tasks")


def end_current(t: Turn) -> str | None:
    def show(value: object) -> str | None:
        return t.text(STILL_THERE.label) if value == "now" else shown_date(t, value)

    return answered(t, here("end")(t), show)


month_year(
    "exp_end",
    _("cv.exp.end"),
    here("end"),
    lambda t: "cv.exp_tasks",
    extra=(STILL_THERE,),
    on_extra=ended_now,
    check=after_start,
    current=end_current,
)
free_text("exp_tasks", _("cv.exp.tasks"), here("tasks"), lambda t: "cv.exp_add")
