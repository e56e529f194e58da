"""Directory texts are written in French: how they reach the person, in one place.

Services and job offers come as their organisations wrote them. A long text (a description) is
machine-translated and marked 🤖, or shown in French marked 🇫🇷 when no model can translate it or
the person asked for the original. A short one (a title, a price, a salary, working hours) keeps
its French beside the translation: it is what the employer or the service will say. French
speakers see the text as it is.
"""

from __future__ import annotations

from bot.i18n.msg import _
from flows.services import Turn


async def long_text(t: Turn, text: str, original: bool = False) -> str:
    if t.lang == "fr":
        return text
    if not original:
        translated = await t.translate_shared(text, "fr", t.lang)
        if not translated.missing:
            return t.text(_("directory.machine", text=translated.text))
    return t.text(_("directory.french", text=text))


async def short_text(t: Turn, text: str, original: bool = False) -> str:
    if t.lang == "fr" or original:
        return text
    translated = await t.translate_shared(text, "fr", t.lang)
    if translated.missing or translated.text.casefold() == text.casefold():
        return text
    return t.text(_("directory.with_french", translated=translated.text, french=text))


def clip(text: str, limit: int) -> str:
    """Whole sentences up to `limit` characters (at least the first, cut at a word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end > limit // 3:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0] + "…"
