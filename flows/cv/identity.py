"""Who you are and how employers reach you: name (in Latin letters, as on your papers), the form
of job titles (feminine, masculine or either), phone (offered from the channel only if you
agree), e-mail (optional), and the commune where you live."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.cv.normalize import phones
from bot.cv.vocabulary import GENDERS
from bot.engine.flow import STAY, Answer, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.choices import pick_one
from flows.cv.common import SHORT, SKIP, answered, clip, cv, go, question, shown
from flows.cv.latin import latin_text
from flows.cv.places import commune
from flows.services import Turn

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
USE_MINE = Option("mine", _("cv.phone.mine"), _("answer.words.yes"))
PHONE_PROBLEMS = {
    phones.Problem.TOO_SHORT: _("cv.phone.too_short"),
    phones.Problem.TOO_LONG: _("cv.phone.too_long"),
    phones.Problem.INVALID: _("cv.phone.invalid"),
}

latin_text("name", _("cv.name.prompt"), lambda t: ("name",), lambda t: "cv.gender")
pick_one("gender", _("cv.gender.prompt"), GENDERS, "gender", lambda t: go(t, "cv.phone"))


def known_number(t: Turn) -> str | None:
    """WhatsApp and SMS know the person's number; Telegram and the console do not."""
    return t.user.external_id if t.user.channel in ("whatsapp", "sms") else None


def phone_prompt(t: Turn) -> Msg:
    number = known_number(t)
    return _("cv.phone.offer", number=number) if number else _("cv.phone.prompt")


def phone_options(t: Turn) -> list[Option]:
    return [USE_MINE, SKIP] if known_number(t) else [SKIP]


def current_text(key: str) -> Callable[[Turn], str | None]:
    def current(t: Turn) -> str | None:
        return answered(t, (key,), lambda value: shown(t, value))

    return current


@question(
    "phone",
    prompt=phone_prompt,
    options=phone_options,
    accepts=("text",),
    data=True,
    current=current_text("phone"),
    keep=lambda t: go(t, "cv.email"),
)
async def phone(t: Turn, answer: Answer) -> Next:
    if answer.choice == SKIP.id:
        cv(t)["phone"] = None
        return go(t, "cv.email")
    typed = known_number(t) or "" if answer.choice == USE_MINE.id else answer.text
    parsed = phones.parse(clip(t, typed, SHORT))
    if isinstance(parsed, phones.Problem):
        t.say(PHONE_PROBLEMS[parsed])
        return STAY
    cv(t)["phone"] = {"text": parsed.display, "e164": parsed.e164}
    return go(t, "cv.email")


@question(
    "email",
    prompt=_("cv.email.prompt"),
    accepts=("text",),
    data=True,
    current=current_text("email"),
    keep=lambda t: go(t, "cv.city"),
)
async def email(t: Turn, answer: Answer) -> Next:
    if answer.choice == SKIP.id:
        cv(t)["email"] = None
        return go(t, "cv.city")
    address = clip(t, answer.text, SHORT).replace(" ", "")
    if not EMAIL.match(address):
        t.say(_("cv.email.invalid"))
        return STAY
    cv(t)["email"] = {"text": address}
    return go(t, "cv.city")


@question(
    "city",
    prompt=_("cv.city.prompt"),
    accepts=("text",),
    data=True,
    current=current_text("city"),
    keep=lambda t: go(t, "end:identity"),
)
async def city(t: Turn, answer: Answer) -> Next:
    if answer.choice == SKIP.id:
        cv(t)["city"] = None
        return go(t, "end:identity")
    return commune(t, answer, ("city",), "end:identity")
