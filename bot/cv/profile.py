"""The one-line profile under the name, built from the answers:
"Soudeuse, 5 ans d'expérience, disponible immédiatement, permis B"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.cv.document import Line
from bot.cv.normalize import dates
from bot.cv.writer import Writer
from bot.i18n.msg import _

# Experience given in ranges before dates were asked: the lower bound, in months.
_RANGES = {"lt1": 0, "1to2": 12, "3to5": 36, "gt5": 60}


def profile(w: Writer, data: dict[str, Any], today: dt.date) -> Line | None:
    jobs = [job for job in data.get("jobs") or [] if w.job(job) is not None]
    done = [e.get("trade") for e in data.get("experience") or [] if w.job(e.get("trade") or {})]
    title = w.job(jobs[0]) if jobs else (w.job(done[0]) if done else None)
    months = months_of_experience(data, today)
    years = months // 12
    experience = None
    if data.get("experience"):
        if months >= 24:
            experience = w.label("cv.profile.years", years=years)
        elif months >= 12:
            experience = w.label("cv.profile.one_year")
        elif months > 0:
            experience = w.label("cv.profile.less_than_a_year")
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


def months_of_experience(data: dict[str, Any], today: dt.date) -> int:
    """The months worked, added up over the jobs (a job with no dates counts for nothing)."""
    total = 0
    for entry in data.get("experience") or []:
        start = dates.MonthYear.from_dict(entry.get("start"))
        if start is None:
            total += _RANGES.get(entry.get("years") or "", 0)
            continue
        end = (
            dates.MonthYear(today.year, today.month)
            if entry.get("end") == "now"
            else dates.MonthYear.from_dict(entry.get("end"))
        )
        if end is None:
            continue
        months = (end.year - start.year) * 12 + (end.month or 12) - (start.month or 1) + 1
        total += max(0, months)
    return total


MESSAGES = (
    _("cv.profile.years"),
    _("cv.profile.one_year"),
    _("cv.profile.less_than_a_year"),
    _("cv.profile.now"),
    _("cv.profile.month"),
    _("cv.profile.from"),
    _("cv.profile.licence"),
)
