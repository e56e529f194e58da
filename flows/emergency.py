"""The emergency path: words of danger, at any step, in any language, get the emergency numbers.

Whatever the person was doing, a message with an emergency word or phrase ("danger", "violence",
"nowhere to sleep tonight", "a child alone"… `emergency.words` in each catalog, the person's
language first, then French and English) is answered at once with France's emergency numbers,
explained in their language, and their request to talk to a volunteer is opened — or marked
urgent — and sent to the volunteers on duty with 🚨 first. The step they were on stays where it
was: the next message carries on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import _
from bot.i18n.normalize import for_matching
from flows import handover
from flows.services import Turn

WORDS = _("emergency.words")  # "|"-separated words and phrases, in each catalog


@lru_cache(maxsize=64)
def _pattern(catalogs: Catalogs, lang: str) -> re.Pattern[str]:
    """One expression for a language's words (then French and English), built once: the guard
    sees every message."""
    words: list[str] = []
    for code in dict.fromkeys((lang, "fr", "en")):
        words += [for_matching(w) for w in catalogs.words(code, WORDS.id)]
    alternatives = "|".join(re.escape(w) for w in sorted(set(words) - {""}, key=len, reverse=True))
    if not alternatives:
        return re.compile(r"(?!)")  # no words: never matches
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def mentions_emergency(t: Turn, text: str) -> bool:
    return _pattern(t.catalogs, t.lang).search(for_matching(text)) is not None


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
