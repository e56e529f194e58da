"""Issue 17, item 6: WhatsApp list and button messages (Content templates for choices) said
"Send a number" though their items are not numbered. The sentences asking for a number
(`choices.number_hints`, in each language) are left out of a template's text; numbered text menus
keep them.
"""

from __future__ import annotations

import json

import pytest

from bot.channels.twilio.channel import NUMBER_HINTS
from bot.channels.twilio.render import without
from bot.config import Settings
from bot.i18n.catalogs import Catalogs
from tests.standins.twilio import inbound
from tests.twilio_support import serving

WHATSAPP = "whatsapp:+33655556767"
PROMPTS = ("language.prompt", "menu.prompt", "help.category.prompt", "jobs.results.count")


async def test_the_menu_as_a_list_asks_for_no_number(settings: Settings) -> None:
    sids = {str(n): f"HX{n:032d}" for n in range(2, 11)}
    async with serving(settings, twilio_choice_content_sids=sids) as h:
        for n, text in enumerate(("hello", "1", "1"), start=1):
            assert await h.message(inbound(WHATSAPP, text)) == 200
            await h.twilio.wait_for(n, WHATSAPP)
        menu = h.twilio.sent(WHATSAPP)[-1]
        assert menu["ContentSid"] == sids["7"]
        body = json.loads(menu["ContentVariables"])["1"]
        assert "What would you like to do?" in body and "number" not in body
        assert await h.message(inbound(WHATSAPP, "menu")) == 200  # as text: the menu again
        await h.twilio.wait_for(4, WHATSAPP)


@pytest.mark.parametrize("code", Catalogs(Settings().content_dir).codes)
def test_every_language_s_hints_are_the_ones_its_prompts_use(code: str) -> None:
    catalogs = Catalogs(Settings().content_dir)
    hints = catalogs.words(code, NUMBER_HINTS.id)
    for msgid in PROMPTS:
        prompt = catalogs.raw(code, msgid)
        stripped = without(prompt, hints)
        assert stripped != prompt, (code, msgid)  # a hint was found, and taken out
        assert stripped and not any(hint in stripped for hint in hints), (code, msgid)
