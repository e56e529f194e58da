"""Who you are and how employers reach you: name, phone (offered from the channel only if you
agree), e-mail (optional), city or postcode."""

from __future__ import annotations

import re

from bot.engine.flow import STAY, Answer, Goto, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import SHORT, SKIP, clip, cv, flow, free_text, section_end
from flows.services import Turn

PHONE = re.compile(r"^\+?[\d\s().-]{6,24}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
USE_MINE = Option("mine", _("cv.phone.mine"), _("answer.words.yes"))


def _text(value: str) -> dict[str, str]:
    return {"text": value, "fr": value}


free_text(
    "name",
    _("cv.name.prompt"),
    lambda t: ("name",),
    lambda t: Goto("cv.phone"),
    limit=SHORT,
    translate=False,
)


def known_number(t: Turn) -> str | None:
    """WhatsApp and SMS know the person's number; Telegram and the console do not."""
    return t.user.external_id if t.user.channel in ("whatsapp", "sms") else None


def phone_prompt(t: Turn) -> Msg:
    number = known_number(t)
    return _("cv.phone.offer", number=number) if number else _("cv.phone.prompt")


def phone_options(t: Turn) -> list[Option]:
    return [USE_MINE, SKIP] if known_number(t) else [SKIP]


@flow.question("phone", prompt=phone_prompt, options=phone_options, accepts=("text",))
async def phone(t: Turn, answer: Answer) -> Next:
    if answer.choice == USE_MINE.id:
        cv(t)["phone"] = _text(known_number(t) or "")
    elif answer.choice is None:
        number = clip(t, answer.text, SHORT)
        if not PHONE.match(number):
            t.say(_("cv.phone.invalid"))
            return STAY
        cv(t)["phone"] = _text(number)
    return Goto("cv.email")


@flow.question("email", prompt=_("cv.email.prompt"), options=(SKIP,), accepts=("text",))
async def email(t: Turn, answer: Answer) -> Next:
    if answer.choice is None:
        address = clip(t, answer.text, SHORT).replace(" ", "")
        if not EMAIL.match(address):
            t.say(_("cv.email.invalid"))
            return STAY
        cv(t)["email"] = _text(address)
    return Goto("cv.city")


free_text(
    "city",
    _("cv.city.prompt"),
    lambda t: ("city",),
    lambda t: section_end(t, "identity"),
    limit=SHORT,
    translate=False,
)
