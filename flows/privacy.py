""" "My data" and "delete my data": see everything we keep, change consent, erase it all.

```mermaid
flowchart LR
    mydata -->|delete| erase
    mydata -->|give / withdraw agreement| mydata
    mydata -->|back| caller([where they were])
    erase -->|yes| gone([everything erased])
    erase -->|no| caller
```
"""

from __future__ import annotations

from babel.dates import format_date

from bot.cv.vocabulary import OCCUPATIONS
from bot.directory.categories import CATEGORIES
from bot.engine.flow import END, RETURN, STAY, Answer, Call, Flow, Next
from bot.i18n.msg import Option, _
from flows.onboarding import NO, YES
from flows.services import Turn

flow = Flow("privacy")

CATEGORY_LABELS = {c.id: c.label for c in CATEGORIES}
TRADE_LABELS = {o.code: o.label for o in OCCUPATIONS if o.code}
DELETE = Option("delete", _("mydata.delete"))
GIVE = Option("give", _("mydata.consent_give"))
WITHDRAW = Option("withdraw", _("mydata.consent_withdraw"))
BACK_TO_MENU = Option("back", _("common.back_to_menu"))


async def report(t: Turn) -> str:
    user = t.user
    stored = await t.services.personal_data(user.id)
    lines = [
        _("mydata.header"),
        _("mydata.account", channel=user.channel, id=user.external_id),
        _("mydata.language", language=t.text(_("language.autonym"))),
    ]
    if user.consent == "given" and user.consent_at:
        lines.append(_("mydata.consent_given", date=_date(t, user.consent_at)))
    elif user.consent == "refused":
        lines.append(_("mydata.consent_refused"))
    lines.append(
        _("mydata.status_stopped") if user.status == "stopped" else _("mydata.status_active")
    )
    if user.created_at:
        lines.append(_("mydata.since", date=_date(t, user.created_at)))
    lines.append(
        _("mydata.messages", received=stored.inbound_messages, queued=stored.queued_messages)
    )
    if stored.job_interests or stored.job_alert:
        alert = _("mydata.alert_on") if stored.job_alert else _("mydata.alert_off")
        lines.append(_("mydata.jobs", count=stored.job_interests, alert=t.text(alert)))
    if stored.asked_about:
        topics = ", ".join(_topic(t, kind, value) for kind, value in stored.asked_about)
        lines.append(_("mydata.interests", topics=topics))
    if stored.volunteer_messages:
        lines.append(_("mydata.volunteers", count=stored.volunteer_messages))
    sent = await t.services.employers.count(user.id)
    if sent:
        lines.append(_("mydata.referrals", count=sent))
    answers = sum(len(v) for v in t.state.data.values() if isinstance(v, dict))
    lines.append(_("mydata.answers", count=answers))
    lines.append(_("mydata.why"))
    lines.append(_("mydata.after_erasure", days=t.services.settings.inbound_log_retention_days))
    return "\n".join(t.text(line) for line in lines)


def _topic(t: Turn, kind: str, value: str) -> str:
    """One thing someone asked about, as they would name it."""
    if kind == "category" and value in CATEGORY_LABELS:
        return t.text(CATEGORY_LABELS[value])
    if kind == "trade" and value in TRADE_LABELS:
        return t.text(TRADE_LABELS[value])
    if kind == "department":
        return t.text(_("mydata.department", code=value))
    return value


def _date(t: Turn, when: object) -> str:
    try:
        return format_date(when, format="long", locale=t.lang)  # type: ignore[arg-type]
    except (ValueError, LookupError):
        return format_date(when, format="long", locale="fr")  # type: ignore[arg-type]


def mydata_options(t: Turn) -> list[Option]:
    consent = WITHDRAW if t.user.consent == "given" else GIVE
    return [DELETE, consent, BACK_TO_MENU]


async def mydata_prompt(t: Turn) -> str:
    return await report(t) + "\n\n" + t.text(_("mydata.prompt"))


@flow.question("mydata", prompt=mydata_prompt, options=mydata_options)
async def mydata(t: Turn, answer: Answer) -> Next:
    if answer.choice == DELETE.id:
        return Call("privacy.erase")
    if answer.choice in (GIVE.id, WITHDRAW.id):
        t.set_consent(answer.choice == GIVE.id)
        if answer.choice == WITHDRAW.id:  # interests, offers liked, the job alert, CVs sent
            await t.services.directory.forget(t.user.id)
            await t.services.employers.forget(t.user.id)
        t.say(_("mydata.consent_changed"))
        return STAY
    return RETURN


YES_ERASE = Option("yes", _("erase.yes"), YES)
NO_KEEP = Option("no", _("erase.no"), NO)


@flow.question("erase", prompt=_("erase.confirm"), options=(YES_ERASE, NO_KEEP), resumable=False)
async def erase(t: Turn, answer: Answer) -> Next:
    if answer.choice == YES_ERASE.id:
        t.erase()
        t.say(_("erase.done"))
        return END
    t.say(_("erase.kept"))
    return RETURN
