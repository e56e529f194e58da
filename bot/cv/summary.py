"""The few lines of the CV shown in the chat (the review), in the person's language."""

from __future__ import annotations

from typing import Any

from bot.cv import answers
from bot.cv.trades import Trade
from bot.i18n import bidi
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _


def summary(data: dict[str, Any], catalogs: Catalogs, language: str) -> str:
    def text(msgid: str, **values: object) -> str:
        return catalogs.text(language, msgid, values)

    lines = [text("cv.summary.title")]
    name = data.get("name") or {}
    if name.get("text"):
        latin = answers.latin(name)
        shown = name["text"] if not latin or latin == name["text"] else f"{name['text']} ({latin})"
        lines.append(text("cv.summary.name", name=bidi.isolate(shown)))
    jobs = [_job(job, catalogs, language, data.get("gender")) for job in data.get("jobs") or []]
    if any(jobs):
        lines.append(text("cv.summary.jobs", jobs=", ".join(bidi.isolate(j) for j in jobs if j)))
    lines.append(text("cv.summary.experience", count=_count(data.get("experience"))))
    lines.append(text("cv.summary.education", count=_count(data.get("education"))))
    languages = (1 if data.get("french") else 0) + len(data.get("languages") or [])
    lines.append(text("cv.summary.languages", count=languages))
    waiting = len(answers.untranslated(data))
    if waiting:
        lines.append(text("cv.summary.untranslated", count=waiting))
    lines.append(text("cv.summary.shared") if data.get("share") else text("cv.summary.private"))
    return "\n".join(lines)


def _job(job: dict[str, Any], catalogs: Catalogs, language: str, gender: Any) -> str:
    """A trade in the person's language; in French, in the form they chose."""
    trade = Trade.from_dict(job)
    if trade is not None and language == "fr":
        return trade.french(gender if isinstance(gender, str) else None)
    if trade is not None and trade.label is not None:
        return catalogs.text(language, trade.label.id)
    return str(job.get("text") or "")


def _count(entries: Any) -> int:
    if not isinstance(entries, list):
        return 0
    return len(
        [e for e in entries if isinstance(e, dict) and any(v is not None for v in e.values())]
    )


MESSAGES = (
    _("cv.summary.title"),
    _("cv.summary.name"),
    _("cv.summary.jobs"),
    _("cv.summary.experience"),
    _("cv.summary.education"),
    _("cv.summary.languages"),
    _("cv.summary.untranslated"),
    _("cv.summary.shared"),
    _("cv.summary.private"),
)
