"""The one-line profile under the name, built from the answers:
"Soudeuse, 5 ans d'expérience, disponible immédiatement, permis B".

The experience it states is that of the trade it names, counted once however the jobs overlap
(a cook 2015–2022 and a cleaner since 2023 is a "Cuisinière, 7 ans d'expérience", not 11). When
none of the jobs done is in that trade, it states the whole working time as such: "11 ans
d'expérience professionnelle".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bot.cv import answers
from bot.cv.document import Line
from bot.cv.normalize import dates
from bot.cv.writer import Writer
from bot.i18n.msg import _

# Experience given in ranges before dates were asked: the lower bound, in months.
_RANGES = {"lt1": 0, "1to2": 12, "3to5": 36, "gt5": 60}
# The same durations said of the trade named, or of work in general.
IN_TRADE = ("cv.profile.years", "cv.profile.one_year", "cv.profile.less_than_a_year")
AT_WORK = ("cv.profile.years_work", "cv.profile.one_year_work", "cv.profile.less_than_a_year_work")


def profile(w: Writer, data: dict[str, Any], today: dt.date) -> Line | None:
    jobs = [job for job in data.get("jobs") or [] if w.job(job) is not None]
    done = [job_done(e) for e in data.get("experience") or []]
    done = [job for job in done if job is not None and w.job(job) is not None]
    named = jobs[0] if jobs else (done[0] if done else None)
    title = w.job(named) if named is not None else None
    in_trade = months_of_experience(data, today, lambda job: same_trade(job, named))
    experience = None
    if in_trade > 0:
        experience = duration(w, in_trade, IN_TRADE)
    elif data.get("experience"):
        experience = duration(w, months_of_experience(data, today), AT_WORK)
    available = None
    start_date = dates.MonthYear.from_dict(data.get("start_date"))
    if data.get("start") == "now":
        available = w.label("cv.profile.now")
    elif data.get("start") == "month":
        available = w.label("cv.profile.month")
    elif start_date is not None:
        available = w.dated("cv.profile.from", date=start_date)
    licence = w.label("cv.profile.licence") if data.get("licence") == "car" else None
    parts = [title, experience, available, licence]
    if sum(part is not None for part in parts) < 2:
        return None  # a profile of one word says nothing the headline does not
    return w.fields(parts, ", ")


def duration(w: Writer, months: int, messages: tuple[str, str, str]) -> Line | None:
    years, one_year, less = messages
    if months >= 24:
        return w.label(years, years=months // 12)
    if months >= 12:
        return w.label(one_year)
    return w.label(less) if months > 0 else None


def job_done(entry: dict[str, Any]) -> Any:
    """The job of an entry of the experience: its trade, or the words that name it."""
    return entry.get("trade") or entry.get("job")


def same_trade(job: Any, named: Any) -> bool:
    """Whether two jobs (a trade from the lists, or words) are the same trade: by ROME code,
    else by the trade's id, else by their French words."""
    if not isinstance(job, dict) or not isinstance(named, dict):
        return False
    for field in ("rome", "id"):
        if job.get(field) and named.get(field):
            return bool(job[field] == named[field])
    ours, theirs = answers.french(job), answers.french(named)
    return bool(ours) and str(ours).casefold() == str(theirs or "").casefold()


def months_of_experience(
    data: dict[str, Any], today: dt.date, counted: Callable[[Any], bool] = lambda job: True
) -> int:
    """The months worked in the jobs `counted` keeps, each month once however the jobs overlap
    (a job with no dates counts for nothing; an old answer in ranges for its lower bound)."""
    months: set[int] = set()
    ranged = 0
    for entry in data.get("experience") or []:
        if not counted(job_done(entry)):
            continue
        start = dates.MonthYear.from_dict(entry.get("start"))
        if start is None:
            ranged += _RANGES.get(entry.get("years") or "", 0)
            continue
        end = (
            dates.MonthYear(today.year, today.month)
            if entry.get("end") == "now"
            else dates.MonthYear.from_dict(entry.get("end"))
        )
        if end is None:
            continue
        first = start.year * 12 + (start.month or 1) - 1
        last = end.year * 12 + (end.month or 12) - 1
        months.update(range(first, last + 1))
    return len(months) + ranged


MESSAGES = (
    _("cv.profile.years"),
    _("cv.profile.one_year"),
    _("cv.profile.less_than_a_year"),
    _("cv.profile.years_work"),
    _("cv.profile.one_year_work"),
    _("cv.profile.less_than_a_year_work"),
    _("cv.profile.now"),
    _("cv.profile.month"),
    _("cv.profile.from"),
    _("cv.profile.licence"),
)
