"""The emergency path: words of danger, at any step, in any language, get the emergency numbers.

Whatever the person was doing — even in a first message — a message that says someone is in danger
now ("il me frappe", "nowhere to sleep tonight", "a child alone"… in any supported language;
bot/emergency/detect.py, with the phrases of content/emergency/) is answered at once with France's
emergency numbers, explained in their language; their request to talk to a volunteer is opened —
or marked urgent — and reaches the volunteers on duty with 🚨 first; from then on they are talking
with the volunteers (the `talk` mode, flows/handover.py), and ending that conversation brings them
back where they were.

Inside an answer that is the person's own data (a CV answer, a text to translate, an announcement
being written) a match does not hijack the step: the answer is kept as usual, then the person is
asked once whether they are in danger now; "yes" opens the urgent request. So is a bare cry for
help, and a short message whose only sign is a word that may or may not mean danger ("acil para
lazım": urgent money needed); the question itself gives 112.
"""

from __future__ import annotations

from bot.emergency import detect
from bot.engine.flow import RETURN, Answer, Call, Enter, Flow, Next, Question, Then
from bot.i18n.msg import Msg, Option, _
from flows import handover_text
from flows.services import Turn

flow = Flow("emergency")
IN_DANGER = Option("yes", _("emergency.check.yes"), _("answer.words.yes"))
NOT_NOW = Option("no", _("emergency.check.no"), _("answer.words.no"))


def finding(t: Turn, text: str) -> detect.Finding | None:
    return detect.load(t.services.settings.content_dir).detect(text, t.lang)


def mentions_emergency(t: Turn, text: str) -> bool:
    return finding(t, text) is not None


async def guard(t: Turn, question: Question | None) -> bool | Next | Then:
    """Answer an emergency at once; inside a data answer, for a bare cry for help ("aidez-moi",
    which is also how many people greet a helpline), or for a lone word that may mean danger in a
    short message ("urgent avocat"), ask once whether they are in danger now."""
    text = t.inbound.text or ""
    mode = (t.state.nav.get("mode") or {}).get("name")
    found = finding(t, text) if text and mode != "desk" else None
    if found is None:
        return False  # a volunteer's own words to someone are never their emergency
    if mode != "talk" and question is not None and question.data:
        t.state.nav["emergency_text"] = text
        return Then(Call("emergency.check"))
    if mode != "talk" and found.ask_first:
        t.state.nav["emergency_text"] = text
        t.state.nav["emergency_cry"] = True  # nothing was kept: the question says so
        return Call("emergency.check")
    return await raise_alarm(t, text, already_talking=mode == "talk")


async def raise_alarm(t: Turn, text: str, already_talking: bool = False) -> bool | Next:
    """The numbers, an urgent request carrying `text`, the volunteers told; then talking."""
    t.say(_("emergency.numbers"))
    if t.user.id is None:
        return True
    desk = t.services.handovers
    opened = await desk.open(t.user.id, t.now, urgent=True)
    made = await t.translate(text, t.lang, "fr")
    await desk.add(opened.id, "person", text, t.lang, handover_text.kept(made, text), "fr", t.now)
    told = 0
    if opened.volunteer_id is not None:  # the volunteer already talking with them hears it first
        volunteer = await desk.recipient(opened.volunteer_id)
        made = await t.translate(text, t.lang, volunteer.language or "fr")
        t.tell(volunteer, handover_text.request(t, opened, text, made, volunteer.language))
        told += 1
    told += await handover_text.announce(t, opened, text, skip=opened.volunteer_id)
    # Say who knows, truthfully: nobody may be on duty (at night, on a holiday).
    t.say(_("emergency.told") if told else _("emergency.nobody"))
    return True if already_talking else Enter("talk")


def check_prompt(t: Turn) -> Msg:
    if t.state.nav.get("emergency_cry"):
        return _("emergency.check.cry")
    return _("emergency.check.prompt")


@flow.question("check", prompt=check_prompt, options=(IN_DANGER, NOT_NOW), temporary=True)
async def check(t: Turn, answer: Answer) -> Next:
    """Asked once after a data answer that mentions danger, or a bare cry for help: are you in
    danger now?"""
    text = t.state.nav.pop("emergency_text", "")
    t.state.nav.pop("emergency_cry", None)
    if answer.choice != IN_DANGER.id:
        return RETURN
    alarm = await raise_alarm(t, text or t.text(_("emergency.check.yes")))
    return alarm if not isinstance(alarm, bool) else RETURN
