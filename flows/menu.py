"""The main menu: everything the bot offers, one number away.

Parts that keep answers (the CV, job alerts) are offered only to people who agreed to that;
volunteers also see "send an announcement".
"""

from __future__ import annotations

from bot.engine.flow import STAY, Answer, Call, Flow, Goto, Next
from bot.i18n.msg import Option, _
from bot.people.roles import is_volunteer
from flows import broadcast, cv, handover, help, jobs
from flows.services import Turn

flow = Flow("menu")

CV = Option("cv", _("menu.cv"))
JOBS = Option("jobs", _("menu.jobs"))
HELP_NEARBY = Option("help", _("menu.help"))
TRANSLATE = Option("translate", _("menu.translate"))
VOLUNTEER = Option("volunteer", _("menu.volunteer"))
LANGUAGE = Option("language", _("menu.language"))
MY_DATA = Option("mydata", _("menu.mydata"))
ANNOUNCE = Option("announce", _("menu.announce"))  # volunteers only

NEEDS_CONSENT = {CV.id, JOBS.id}


def options(t: Turn) -> list[Option]:
    everything = [CV, JOBS, HELP_NEARBY, TRANSLATE, VOLUNTEER, LANGUAGE, MY_DATA]
    if is_volunteer(t.user.roles):
        everything.append(ANNOUNCE)
    if t.user.consent == "given":
        return everything
    return [o for o in everything if o.id not in NEEDS_CONSENT]


@flow.question("main", prompt=_("menu.prompt"), options=options, root=True)
async def main(t: Turn, answer: Answer) -> Next:
    if answer.choice == LANGUAGE.id:
        return Call("onboarding.language")
    if answer.choice == MY_DATA.id:
        return Call("privacy.mydata")
    if answer.choice == TRANSLATE.id:
        return Goto("translate.ask")
    if answer.choice == CV.id and t.user.consent == "given":
        return cv.entry(t)
    if answer.choice == JOBS.id and t.user.consent == "given":
        return await jobs.entry(t)
    if answer.choice == HELP_NEARBY.id:
        return help.entry(t)
    if answer.choice == ANNOUNCE.id:
        return broadcast.entry(t)
    if answer.choice == VOLUNTEER.id:
        return await handover.entry(t)
    return STAY
