"""The jobs you are looking for, and your work experience (in France or elsewhere)."""

from __future__ import annotations

from bot.cv.vocabulary import OCCUPATIONS, YEARS
from bot.engine.flow import STAY, Answer, Goto, Next
from bot.i18n.msg import Option, _
from flows.cv.common import (
    DONE,
    NO,
    SHORT,
    YES,
    cv,
    flow,
    free_text,
    pick_one,
    section_end,
)
from flows.services import Turn

OTHER_JOB = Option("other", _("cv.jobs.other"))
MAX_JOBS, MAX_EXPERIENCES = 3, 5


def job_options(t: Turn) -> list[Option]:
    chosen = {job.get("id") for job in cv(t).get("jobs", [])}
    return [Option(o.id, o.label) for o in OCCUPATIONS if o.id not in chosen] + [OTHER_JOB, DONE]


def jobs_prompt(t: Turn) -> str:
    jobs = [job for job in cv(t).get("jobs", []) if "text" in job]
    lines = [t.text(_("cv.jobs.prompt"))]
    if jobs:
        names = [job["text"] for job in jobs]
        lines.append(t.text(_("cv.chosen", items=", ".join(names))))
    return "\n".join(lines)


@flow.question("jobs", prompt=jobs_prompt, options=job_options)
async def jobs(t: Turn, answer: Answer) -> Next:
    chosen = cv(t).setdefault("jobs", [])
    chosen[:] = [job for job in chosen if "text" in job]  # drop a typed job left unfinished
    if answer.choice == DONE.id or len(chosen) >= MAX_JOBS:
        return section_end(t, "jobs")
    if answer.choice == OTHER_JOB.id:
        return Goto("cv.job_typed")
    occupation = next(o for o in OCCUPATIONS if o.id == answer.choice)
    chosen.append(
        {
            "id": occupation.id,
            "rome": occupation.code,
            "text": t.text(occupation.label),
            "fr": t.catalogs.text("fr", occupation.label.id),
        }
    )
    return STAY if len(chosen) < MAX_JOBS else section_end(t, "jobs")


def typed_job(t: Turn) -> tuple[str | int, ...]:
    """The job being typed: a new entry, or the one still waiting for its words."""
    jobs = cv(t).setdefault("jobs", [])
    if not jobs or "text" in jobs[-1]:
        jobs.append({"id": None, "rome": None})
    return ("jobs", -1)


free_text(
    "job_typed", _("cv.jobs.typed"), typed_job, lambda t: Goto("cv.jobs"), limit=SHORT, options=()
)


def experience_prompt(t: Turn) -> str:
    count = len(cv(t).get("experience", []))
    return t.text(_("cv.exp.more") if count else _("cv.exp.first"))


@flow.question("exp_add", prompt=experience_prompt, options=(YES, NO))
async def experience_add(t: Turn, answer: Answer) -> Next:
    entries = cv(t).setdefault("experience", [])
    if answer.choice != YES.id or len(entries) >= MAX_EXPERIENCES:
        return section_end(t, "experience")
    entries.append({})
    return Goto("cv.exp_job")


free_text(
    "exp_job",
    _("cv.exp.job"),
    lambda t: ("experience", -1, "job"),
    lambda t: Goto("cv.exp_country"),
    limit=SHORT,
)
free_text(
    "exp_country",
    _("cv.exp.country"),
    lambda t: ("experience", -1, "country"),
    lambda t: Goto("cv.exp_years"),
    limit=SHORT,
)


pick_one(
    "exp_years",
    _("cv.exp.years"),
    YEARS,
    lambda t: ("experience", -1, "years"),
    lambda t: Goto("cv.exp_tasks"),
)
free_text(
    "exp_tasks",
    _("cv.exp.tasks"),
    lambda t: ("experience", -1, "tasks"),
    lambda t: Goto("cv.exp_add"),
)
