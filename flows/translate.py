"""Translate a message: the person's language into French to show someone, and French into the
person's language — offline, marked as machine translation.

```mermaid
flowchart LR
    menu([menu]) --> ask
    ask -->|a text| ask
    ask -->|back| menu
```

The text's language is detected (script, then lingua); French goes to the person's language,
anything else to French. The translation itself is slow, so the question's `prepare` hook starts it
before the turn and the turn finds it in the cache. Where no model exists for the pair, the person
is told so and their text is shown back unchanged: nothing fails.
"""

from __future__ import annotations

from bot.engine.flow import STAY, Answer, Flow, Goto, Next, Preparation
from bot.i18n.detect import detect
from bot.i18n.msg import Option, _, in_language
from flows.services import Turn

flow = Flow("translate")

BACK = Option("back", _("common.back_to_menu"))
MIN_CONFIDENCE = 0.6  # below it, the text is taken to be in the person's language


def direction(text: str, language: str) -> tuple[str, str]:
    """(source, target): French goes to the person's language, anything else to French."""
    found = detect(text)
    source = found.code if found is not None and found.confidence >= MIN_CONFIDENCE else language
    if source == "fr":
        return "fr", language if language != "fr" else "en"
    return source, "fr"


def prompt(t: Turn) -> str:
    if t.data("translate").get("done"):
        return t.text(_("translate.again"))
    return t.text(_("translate.prompt"))


async def prepare(p: Preparation) -> None:
    source, target = direction(p.inbound.text, p.language)
    await p.services.translate(p.inbound.text, source, target)


@flow.question("ask", prompt=prompt, options=(BACK,), accepts=("text",), prepare=prepare, data=True)
async def ask(t: Turn, answer: Answer) -> Next:
    if answer.choice == BACK.id:
        return Goto("menu.main")
    source, target = direction(answer.text, t.lang)
    result = await t.translate(answer.text, source, target)
    names = {
        "source": t.text(in_language(_("language.autonym"), source)),
        "target": t.text(in_language(_("language.autonym"), target)),
    }
    if result.missing:
        t.say(_("translate.missing", text=answer.text, **names))
    else:
        t.say(_("translate.result", text=result.text, **names))
    t.data("translate")["done"] = True
    return STAY
