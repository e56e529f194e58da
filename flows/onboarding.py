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


GREETED_IN = 2  # languages the first question is asked in when the first message fits several


def language_prompt(t: Turn) -> str:
    nav = t.state.nav
    if t.user.language is None and ("plausible" in nav or "suggested" not in nav):
        # Not sure: greet in the (first two) languages the first message fits; knowing nothing,
        # in French and English, the languages most people here share.
        codes = nav.get("plausible", [])[:GREETED_IN] or ["fr", "en"]
        return "\n\n".join(_in(t, code) for code in codes)
    if t.user.language is None:
        return t.text(_("onboarding.welcome")) + "\n\n" + t.text(_("language.prompt"))
    return t.text(_("language.prompt"))


def _in(t: Turn, code: str) -> str:
    welcome, question = _("onboarding.welcome"), _("language.prompt")
    return "\n\n".join(t.text(in_language(msg, code)) for msg in (welcome, question))


def language_options(t: Turn) -> tuple[Option, ...]:
    """Every language, named in its own script; the suggested one first, or the few the first
    message fits (most likely first)."""
    codes = tuple(t.catalogs.codes)
    nav = t.state.nav
    if t.user.language is not None or "plausible" not in nav:
        first: tuple[str, ...] = (t.user.language or nav.get("suggested") or "",)
    else:
        first = tuple(nav["plausible"])
    return _languages_first(codes, tuple(code for code in first if code in codes))


@cache  # a handful of combinations, asked on every first message
def _languages_first(codes: tuple[str, ...], first: tuple[str, ...]) -> tuple[Option, ...]:
    rank = {code: n for n, code in enumerate(first)}
    ordered = sorted(codes, key=lambda code: rank.get(code, len(rank)))  # stable for the rest
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


def resume_point(t: Turn) -> Goto | None:
    """Where someone who has not finished onboarding must go first, if anywhere."""
    if t.user.language is None:
        return Goto("onboarding.language")
    if t.user.consent is None:
        return Goto("onboarding.privacy")
    return None
