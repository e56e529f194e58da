"""What volunteers read was not exact (issue 14): their screen promised "it will be translated"
while the person received French with "no translation yet"; a request with no model was shown as
"text (original: text)" and the /take backlog called it translated; machine text carried no
machine label. Now: the words as written, then the machine translation marked as such, or
"not translated: no model for <language>" named in the volunteer's language."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.config import Settings
from tests.regressions.support import NoModelFor, joined, on_duty, onboarded
from tests.support import running


async def test_exact_views(sqlite_only: Settings, clock: FrozenClock) -> None:
    async with running(sqlite_only, clock) as app:
        app.translator.backend = NoModelFor("ti")
        vol = await on_duty(app)
        selam = await onboarded(app, "selam", "ሰላም")
        await selam.send("5")
        await selam.send("ስራሕ ይደሊ ኣለኹ")
        request = joined(await vol.read())
        assert "« ስራሕ ይደሊ ኣለኹ »\n⚠️ non traduit : aucun modèle pour cette langue (tigrigna)" in (
            request
        )
        assert "original" not in request
        backlog = joined(await vol.send("/take 1"))
        assert "⚠️ non traduit" in backlog and "traduction automatique" not in backlog
        sent = joined(await vol.send("Bonjour"))
        assert "aucun modèle de traduction pour cette langue (tigrigna)" in sent
        amal = await onboarded(app, "amal", "مرحبا")
        await amal.send("5")
        await amal.send("مرحبا")
        machine = joined(await vol.read())
        assert "« مرحبا »\n🤖 traduction automatique : « [fr] مرحبا »" in machine
