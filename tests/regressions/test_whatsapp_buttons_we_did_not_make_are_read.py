"""Issue 17, item 6: a button press whose payload no current question knows (an operator's
template, a list reply) was called stale at once. It is read as the words the person saw
(ButtonText, or the Body) before being called stale; list replies reported as `ListId` are read
as the choice they carry.
"""

from __future__ import annotations

from bot.config import Settings
from tests.standins.twilio import inbound
from tests.twilio_support import Harness, serving

NUMBER = "+33655534343"
WHATSAPP = f"whatsapp:{NUMBER}"


async def send(h: Harness, words: str = "", **fields: str) -> str:
    said = len(h.twilio.sent(WHATSAPP))
    assert await h.message(inbound(WHATSAPP, words, **fields)) == 200
    return (await h.twilio.wait_for(said + 1, WHATSAPP))[-1]["Body"]


async def at_the_menu(h: Harness) -> None:
    for text in ("hello", "1", "1"):
        await send(h, text)


async def test_an_unknown_payload_is_read_as_its_words(settings: Settings) -> None:
    async with serving(settings) as h:
        await at_the_menu(h)
        stale = h.passerelle.catalogs.text("en", "input.stale_choice")
        jobs = h.passerelle.catalogs.text("en", "menu.jobs")
        answer = await send(h, jobs, ButtonPayload="campaign-42-jobs", ButtonText=jobs)
        assert stale not in answer
        assert (await send(h, "menu")).startswith(h.passerelle.catalogs.text("en", "menu.prompt"))
        answer = await send(h, "Maybe later", ButtonPayload="later", ButtonText="Maybe later")
        assert answer.startswith(stale)  # nothing at this question reads those words


async def test_a_list_reply_is_read_as_the_choice_it_carries(settings: Settings) -> None:
    async with serving(settings) as h:
        await at_the_menu(h)
        label = h.passerelle.catalogs.text("en", "menu.mydata")
        # The item's id decides, not its title (titles are cut at 24 characters).
        answer = await send(h, "", ListId="menu.main|mydata", ListTitle=label[:3] + "…")
        assert "Account: whatsapp " + NUMBER in answer
