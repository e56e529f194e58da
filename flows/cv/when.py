"""Questions answered with a month and a year, in any language ("مارس ٢٠٢٥", "03/2025"), kept as
numbers and printed in French ("mars 2025"); see bot/cv/normalize/dates.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.cv.normalize import dates
from bot.engine.flow import STAY, Answer, Next, Question
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import SKIP, answered, cv, go, put, question
from flows.services import Turn

Path = Callable[[Turn], Sequence[str | int]]
PROBLEMS = {
    dates.Problem.NO_YEAR: _("cv.date.no_year"),
    dates.Problem.NO_MONTH: _("cv.date.no_month"),
    dates.Problem.NOT_A_DATE: _("cv.date.invalid"),
    dates.Problem.OUT_OF_RANGE: _("cv.date.out_of_range"),
}
Check = Callable[[Turn, dates.MonthYear], Msg | None]


def shown_date(t: Turn, value: object) -> str | None:
    found = dates.MonthYear.from_dict(value)
    return dates.written(found, t.lang) if found else None


def month_year(
    name: str,
    prompt: Msg | Callable[[Turn], Msg | str],
    path: Path,
    then: Callable[[Turn], str],
    *,
    year_alone: bool = True,
    extra: Sequence[Option] = (),
    on_extra: Callable[[Turn, str], Next] | None = None,
    check: Check | None = None,
    current: Callable[[Turn], str | None] | None = None,
) -> Question:
    """A question answered with a month and year (or a year alone, where that is enough)."""

    async def handler(t: Turn, answer: Answer) -> Next:
        if answer.choice == SKIP.id:
            put(cv(t), path(t), None)
            return go(t, then(t))
        if answer.choice is not None and on_extra is not None:
            return on_extra(t, answer.choice)
        found = dates.parse(answer.text, t.now.date(), year_alone=year_alone)
        if isinstance(found, dates.Problem):
            t.say(PROBLEMS[found])
            return STAY
        problem = check(t, found) if check else None
        if problem is not None:
            t.say(problem)
            return STAY
        put(cv(t), path(t), found.as_dict())
        return go(t, then(t))

    def answer_now(t: Turn) -> str | None:
        return answered(t, path(t), lambda value: shown_date(t, value))

    return question(
        name,
        prompt=prompt,
        options=(*extra, SKIP),
        accepts=("text",),
        data=True,
        current=current or answer_now,
        keep=lambda t: go(t, then(t)),
    )(handler)


def not_in_future(t: Turn, value: dates.MonthYear) -> Msg | None:
    today = t.now.date()
    if (value.year, value.month or 1) > (today.year, today.month):
        return _("cv.date.future")
    return None


def not_in_past(t: Turn, value: dates.MonthYear) -> Msg | None:
    today = t.now.date()
    if (value.year, value.month or 12) < (today.year, today.month):
        return _("cv.date.past")
    return None
