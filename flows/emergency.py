"""The emergency path: words of danger, at any step, in any language, get the emergency numbers.

Whatever the person was doing, a message that says someone is in danger now ("il me frappe",
"nowhere to sleep tonight", "a child alone"… in any supported language; bot/emergency/detect.py,
with the phrases of content/emergency/) is answered at once with France's emergency numbers,
explained in their language, and their request to talk to a volunteer is opened — or marked
urgent — and sent to the volunteers on duty with 🚨 first. The step they were on stays where it
was: the next message carries on.
"""

from __future__ import annotations

from bot.emergency import detect
from bot.engine.turn import Turn
from bot.i18n.msg import _
from flows import handover


def mentions_emergency(t: Turn, text: str) -> bool:
    return detect.load(t.services.settings.content_dir).detect(text, t.lang) is not None


async def guard(t: Turn) -> bool:
    """Answer an emergency at once (True: nothing more to do with this message)."""
    text = t.inbound.text or ""
    if not text or not mentions_emergency(t, text):
        return False
    t.say(_("emergency.numbers"))
    if t.user.id is None:
        return True
    desk = t.services.handovers
    opened = await desk.open(t.user.id, t.now, urgent=True)
    made = await t.translate(text, t.lang, "fr")
    await desk.add(opened.id, "person", text, t.lang, handover.shown(made, text), "fr", t.now)
    told = set()
    if opened.volunteer_id is not None:
        volunteer = await desk.recipient(opened.volunteer_id)
        t.tell(volunteer, handover.request_for_volunteer(t, opened, text, made))
        told.add(volunteer.user_id)
    for volunteer in await desk.on_duty(but=t.user.id):
        if volunteer.user_id not in told:
            t.tell(volunteer, handover.request_for_volunteer(t, opened, text, made))
            await desk.log(volunteer.user_id, opened.id, "notified", t.now)
    return True
