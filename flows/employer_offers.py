"""An employer's own offer in "find a job": what happens to the person's CV when they say "I'm
interested" — the association sends it as the employer asked (by mail, or through a coordinator)
— said to the person with why, and with what the employer will and will not see."""

from __future__ import annotations

from typing import Any

from bot.employers.referrals import Interest
from bot.i18n import display
from bot.i18n.msg import _
from flows.cv.pdfs import pdf_job
from flows.services import Turn


def through_association(t: Turn, sent: Interest, data: dict[str, Any]) -> None:
    """The employer takes CVs through the association: say what happens to the person's, why,
    and what the employer will and will not see."""
    if not data.get("complete"):
        t.say(_("jobs.apply.no_cv"))
        t.say(_("jobs.employer.needs_cv"))
    elif not sent.shared:
        t.say(_("jobs.apply.cv_private"))
        t.say(_("jobs.employer.needs_cv"))
    elif sent.before is not None:
        when = display.date(sent.before, t.lang)
        if sent.status == "waiting":
            t.say(_("jobs.employer.already_waiting", date=when))
        elif sent.status in ("dropped", "failed"):
            t.say(_("jobs.employer.not_passed", date=when))
        else:
            t.say(_("jobs.employer.already", date=when))
    else:
        if sent.route == "mail":
            t.say(_("jobs.employer.cv_mailed"))
        else:
            t.say(_("jobs.employer.cv_forwarded"))
        t.say(_("jobs.employer.privacy"))
        t.after_commit(pdf_job(dict(data), bilingual=False, caption=_("jobs.employer.cv_copy")))
