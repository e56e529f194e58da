"""The jobs you are looking for (up to three), from the common trades or typed in your words.

A typed trade is looked up in the trades' names in every language and in the ROME titles
(bot/cv/trades.py): one that fits is taken, several are offered ("which one?"), none leaves the
words to translate like any free answer. The same look-up serves the jobs of the experience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.cv import trades
from bot.engine.flow import STAY, Answer, Goto, Next
from bot.i18n.msg import Option, _
from flows.cv.choices import chosen_option
from flows.cv.common import DONE, SHORT, clip, cv, flow, go, has_letters, put, question
from flows.cv.freetext import keep_text, to_french
from flows.services import Turn

OTHER_JOB = Option("other", _("cv.jobs.other"))
NONE_OF_THESE = Option("none", _("cv.jobs.none_of_these"))
MAX_JOBS = 3


def label(t: Turn, job: dict[str, Any]) -> str:
    """A job as the person reads it: its name in their language, else its French title, else
    their own words."""
    trade = trades.Trade.from_dict(job)
    if trade is not None and trade.label is not None and t.lang != "fr":
        return t.text(trade.label)
    if trade is not None:
        return trade.french(cv(t).get("gender"))
    return str(job.get("text") or "")


def job_entry(t: Turn, trade: trades.Trade) -> dict[str, Any]:
    """What the CV keeps of a trade: its ROME data, and how it reads (for the job search too)."""
    entry: dict[str, Any] = trade.as_dict()
    entry["fr"] = trade.french(cv(t).get("gender"))
    entry["text"] = t.text(trade.label) if trade.label else entry["fr"]
    return entry


def job_options(t: Turn) -> list[Option]:
    chosen = cv(t).get("jobs") or []
    ids = {job.get("id") for job in chosen}
    shown = [chosen_option(t, i, trades.LABELS[i], i in ids) for i in trades.SHOWN]
    # Jobs typed or found by name come after "that's all", so no number above moves.
    extra = [
        chosen_option(t, f"#{n}", _("cv.as_written", item=label(t, job)), True)
        for n, job in enumerate(chosen)
        if job.get("id") not in trades.SHOWN
    ]
    return [*shown, OTHER_JOB, DONE, *extra]


def jobs_prompt(t: Turn) -> str:
    return "\n".join(
        (t.text(_("cv.jobs.prompt", max=MAX_JOBS)), t.text(_("cv.choose_many", max=MAX_JOBS)))
    )


def jobs_current(t: Turn) -> str | None:
    chosen = cv(t).get("jobs") or []
    return ", ".join(label(t, job) for job in chosen) or None


@question("jobs", prompt=jobs_prompt, options=job_options, current=jobs_current, keep=None)
async def jobs(t: Turn, answer: Answer) -> Next:
    chosen: list[dict[str, Any]] = cv(t).setdefault("jobs", None) or []
    cv(t)["jobs"] = chosen = [job for job in chosen if job.get("text")]
    if answer.choice == DONE.id:
        return go(t, "end:jobs")
    if answer.choice == OTHER_JOB.id:
        if len(chosen) >= MAX_JOBS:
            t.say(_("cv.limit", max=MAX_JOBS))
            return STAY
        return go(t, "cv.job_typed")
    if answer.choice and answer.choice.startswith("#"):  # a typed job, chosen again: removed
        del chosen[int(answer.choice[1:])]
        return STAY
    ids = [job.get("id") for job in chosen]
    trade = trades.named()[answer.choice or ""]
    if trade.id in ids:  # chosen again: un-chosen
        del chosen[ids.index(trade.id)]
    elif len(chosen) >= MAX_JOBS:
        t.say(_("cv.limit", max=MAX_JOBS))
    else:
        chosen.append(job_entry(t, trade))
    return STAY


@flow.question(
    "job_typed", prompt=_("cv.jobs.typed"), accepts=("text",), data=True, prepare=to_french
)
async def job_typed(t: Turn, answer: Answer) -> Next:
    if not has_letters(answer.text):
        t.say(_("cv.text.no_letters"))
        return STAY
    chosen = cv(t).setdefault("jobs", None) or []
    # An answer left at its confirmation ("back", or asked again to rewrite it) is replaced.
    chosen[:] = [job for job in chosen if job.get("rome") or job.get("how") or job.get("fr")]
    cv(t)["jobs"] = chosen
    index = len(chosen)
    chosen.append({})
    text = clip(t, answer.text, SHORT, answer.truncated)
    return await found_trade(t, text, ("jobs", index), ("jobs", index), "cv.jobs")


async def found_trade(
    t: Turn,
    text: str,
    trade_path: Sequence[str | int],
    free_path: Sequence[str | int],
    then: str,
    asked: str = "cv.job_typed",
) -> Next:
    """Keep the trade `text` names (asking which one when several fit), or the words."""
    found = trades.find(text, t.catalogs)
    if len(found) == 1:
        put(cv(t), trade_path, job_entry(t, found[0]))
        t.say(_("cv.jobs.found", job=found[0].french(cv(t).get("gender"))))
        return go(t, then)
    if found:
        cv(t)["_pending"] = {
            "text": text,
            "candidates": [job_entry(t, trade) for trade in found],
            "trade_path": list(trade_path),
            "free_path": list(free_path),
            "then": then,
            "asked": asked,
        }
        return Goto("cv.job_which")
    return await keep_text(t, free_path, text, asked, then)


def which_options(t: Turn) -> list[Option]:
    candidates = (cv(t).get("_pending") or {}).get("candidates", [])
    return [
        Option(str(i), _("cv.jobs.candidate", job=c["fr"], rome=c["rome"]))
        for i, c in enumerate(candidates)
    ] + [NONE_OF_THESE]


@flow.question(
    "job_which",
    prompt=_("cv.jobs.which"),
    options=which_options,
    resumable=False,
    temporary=True,
)
async def job_which(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    pending = data.pop("_pending", None)
    if not pending:
        return Goto("cv.review")
    if answer.choice == NONE_OF_THESE.id:
        free_path, text = pending["free_path"], pending["text"]
        return await keep_text(t, free_path, text, pending["asked"], pending["then"])
    put(data, pending["trade_path"], pending["candidates"][int(answer.choice or 0)])
    return go(t, pending["then"])
