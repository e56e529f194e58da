"""First contact: pick a language, learn what we keep and why, agree or not, reach the menu.

```mermaid
flowchart LR
    hello([first message]) --> language
    language -->|first time| privacy
    language -->|from "language" anywhere| back([the question they were on])
    privacy -->|agree / no thanks| menu([main menu])
```
"""

from __future__ import annotations

from functools import cache

from bot.engine.flow import RETURN, Answer, Flow, Goto, Next
from bot.i18n.msg import Option, _, in_language
from flows.services import Turn

flow = Flow("onboarding")

YES = _("answer.words.yes")
NO = _("answer.words.no")


def language_prompt(t: Turn) -> str:
    if t.user.language is None and "suggested" not in t.state.nav:
        # We know nothing yet: greet in French and English, the languages most people here share.
        return "\n\n".join(
            t.text(in_language(msg, code))
            for code in ("fr", "en")
            for msg in (_("onboarding.welcome"), _("language.prompt"))
        )
    if t.user.language is None:
        return t.text(_("onboarding.welcome")) + "\n\n" + t.text(_("language.prompt"))
    return t.text(_("language.prompt"))


def language_options(t: Turn) -> tuple[Option, ...]:
    """Every language, named in its own script; the suggested one first."""
    codes = tuple(t.catalogs.codes)
    first = t.user.language or t.state.nav.get("suggested")
    return _languages_first(codes, first if first in codes else None)


@cache  # a handful of combinations, asked on every first message
def _languages_first(codes: tuple[str, ...], first: str | None) -> tuple[Option, ...]:
    ordered = sorted(codes, key=lambda code: code != first)  # stable: the rest keep their order
    return tuple(
        Option(
            code, in_language(_("language.autonym"), code), in_language(_("language.words"), code)
        )
        for code in ordered
    )


@flow.question("language", prompt=language_prompt, options=language_options, resumable=False)
async def language(t: Turn, answer: Answer) -> Next:
    assert answer.choice is not None
    first_time = t.user.language is None
    t.set_language(answer.choice)
    if first_time or t.user.consent is None:
        return Goto("onboarding.privacy")
    t.say(_("language.changed"))
    return RETURN


AGREE = Option("agree", _("privacy.agree"), YES)
REFUSE = Option("refuse", _("privacy.refuse"), NO)


@flow.question("privacy", prompt=_("privacy.notice"), options=(AGREE, REFUSE), resumable=False)
async def privacy(t: Turn, answer: Answer) -> Next:
    agreed = answer.choice == AGREE.id
    t.set_consent(agreed)
    t.say(_("privacy.thanks") if agreed else _("privacy.refused"))
    return Goto("menu.main")


def resume_point(t: Turn) -> Next | None:
    """Where someone who has not finished onboarding must go first, if anywhere."""
    if t.user.language is None:
        return Goto("onboarding.language")
    if t.user.consent is None:
        return Goto("onboarding.privacy")
    return None
