"""Directory texts are written in French: how they reach the person, in one place.

Services and job offers come as their organisations wrote them. A long text (a description) is
machine-translated and marked 🤖, or shown in French marked 🇫🇷 when no model can translate it or
the person asked for the original. A short one (a title, a price, a salary, working hours) keeps
its French beside the translation: it is what the employer or the service will say. French
speakers see the text as it is.

A page notes what its texts turned out to be (`Shown`): when some stayed in French because nothing
can translate them yet, the page says so once (`note`); "French original" is offered only where
something was translated (`Shown.translated`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n.msg import _
from flows.services import Turn


@dataclass(slots=True)
class Shown:
    """What one page's directory texts became."""

    translated: bool = False  # some were machine-translated: the French original is one tap away
    untranslated: bool = False  # some stayed in French: no translation into this language yet


async def long_text(t: Turn, text: str, shown: Shown, original: bool = False) -> str:
    if t.lang == "fr":
        return text
    if not original:
        translated = await t.translate_shared(text, "fr", t.lang)
        if not translated.missing:
            shown.translated = True
            return t.text(_("directory.machine", text=translated.text))
        shown.untranslated = True
    return t.text(_("directory.french", text=text))


async def short_text(t: Turn, text: str, shown: Shown, original: bool = False) -> str:
    if t.lang == "fr" or original:
        return text
    translated = await t.translate_shared(text, "fr", t.lang)
    if translated.missing:
        shown.untranslated = True
        return text
    if translated.text.casefold() == text.casefold():
        return text
    shown.translated = True
    return t.text(_("directory.with_french", translated=translated.text, french=text))


def note(t: Turn, shown: Shown) -> list[str]:
    """The line a page ends with when some of it could not be translated."""
    return [t.text(_("directory.untranslated"))] if shown.untranslated else []


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
