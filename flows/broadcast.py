"""Announcing, for volunteers: write, choose who gets it, check the translations, send.

```mermaid
flowchart LR
    start([/broadcast or the menu]) --> write
    write -->|the text| audience
    audience -->|add a language, a département, a kind of help, a channel| pick --> audience
    audience -->|continue| review
    review -->|correct a translation| fix --> fix_text --> review
    review -->|send now| sent
    review -->|send later| when --> sent
    sent -->|progress / cancel| sent
```

Only volunteers (and admins) reach it: the command and the menu entry are theirs alone, and every
step checks again, so someone whose role was removed mid-way is sent back to the menu. The draft is
a broadcast row (`draft`); its translations are made after the turn, once per language of the
audience (`planner.texts_for`), and sent to the volunteer to check; a corrected text is used as
written. Confirming schedules it; a running `serve` or `worker` then plans and delivers it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.broadcast import planner, queries
from bot.broadcast.audience import Audience
from bot.directory.categories import CATEGORIES
from bot.engine.flow import STAY, Answer, Flow, Goto, Next
from bot.engine.turn import JobContext
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Option, _, in_language
from bot.messages import Outgoing, OutKind
from bot.people.roles import is_volunteer
from flows import where
from flows.services import Turn

flow = Flow("broadcast")
PARIS = ZoneInfo("Europe/Paris")
MAX_TEXT = 3000

CANCEL = Option("cancel", _("bc.cancel"))
EVERYONE = Option("everyone", _("bc.audience.everyone"))
BY_LANGUAGE = Option("language", _("bc.audience.by_language"))
BY_PLACE = Option("place", _("bc.audience.by_place"))
BY_HELP = Option("help", _("bc.audience.by_help"))
BY_CHANNEL = Option("channel", _("bc.audience.by_channel"))
CONTINUE = Option("continue", _("bc.audience.continue"))
SEND_NOW = Option("now", _("bc.review.now"))
SEND_LATER = Option("later", _("bc.review.later"))
FIX = Option("fix", _("bc.review.fix"))
SHOW = Option("show", _("bc.review.show"))
PROGRESS = Option("progress", _("bc.sent.progress"))
STOP_IT = Option("stop", _("bc.sent.cancel"))
MENU = Option("menu", _("common.back_to_menu"))
CHANNELS = (
    Option("telegram", _("bc.channel.telegram")),
    Option("whatsapp", _("bc.channel.whatsapp")),
    Option("sms", _("bc.channel.sms")),
)
ORIGINS = {
    "original": _("bc.origin.original"),
    "machine": _("bc.origin.machine"),
    "human": _("bc.origin.human"),
    "missing": _("bc.origin.missing"),
}


def state(t: Turn) -> dict[str, Any]:
    return t.data("broadcast")


def allowed(t: Turn) -> bool:
    return is_volunteer(t.user.roles)


def entry(t: Turn) -> Next:
    """From `/broadcast` or the volunteers' menu entry."""
    if not allowed(t):
        return Goto("menu.main")
    state(t).clear()
    return Goto("broadcast.write")


# --- the text -------------------------------------------------------------------------------------
@flow.question(
    "write", prompt=_("bc.write.prompt"), options=(CANCEL,), accepts=("text",), data=True
)
async def write(t: Turn, answer: Answer) -> Next:
    if not allowed(t) or answer.choice == CANCEL.id:
        return Goto("menu.main")
    text = answer.text.strip()
    if len(text) > MAX_TEXT:
        t.say(_("bc.write.too_long", count=len(text), most=MAX_TEXT))
        return STAY
    state(t).update(text=text, language=t.lang, audience={})
    return await show_audience(t)


# --- who gets it ----------------------------------------------------------------------------------
async def show_audience(t: Turn) -> Next:
    audience = Audience.from_json(state(t).get("audience", {}))
    sizes = await t.services.broadcasts.audience_size(audience)
    t.say(_("bc.audience.now", who=describe(t, audience), count=sum(sizes.values())))
    return Goto("broadcast.audience")


def describe(t: Turn, audience: Audience) -> str:
    parts = []
    if audience.languages:
        names = [t.text(in_language(_("language.autonym"), code)) for code in audience.languages]
        parts.append(", ".join(names))
    if audience.departments:
        parts.append(
            ", ".join(t.text(_("mydata.department", code=c)) for c in audience.departments)
        )
    if audience.interests:
        labels = {c.id: c.label for c in CATEGORIES}
        parts.append(", ".join(t.text(labels[i]) for i in audience.interests if i in labels))
    if audience.channels:
        labels = {o.id: o.label for o in CHANNELS}
        parts.append(", ".join(t.text(labels[c]) for c in audience.channels if c in labels))
    return " · ".join(parts) if parts else t.text(_("bc.audience.all"))


AUDIENCE_OPTIONS = (EVERYONE, BY_LANGUAGE, BY_PLACE, BY_HELP, BY_CHANNEL, CONTINUE, CANCEL)


@flow.question("audience", prompt=_("bc.audience.prompt"), options=AUDIENCE_OPTIONS)
async def audience(t: Turn, answer: Answer) -> Next:
    if not allowed(t) or answer.choice == CANCEL.id:
        return Goto("menu.main")
    if answer.choice == EVERYONE.id:
        state(t)["audience"] = {}
        return await show_audience(t)
    if answer.choice == CONTINUE.id:
        return await make_draft(t)
    return Goto(f"broadcast.{answer.choice}")


def add(t: Turn, key: str, value: str) -> None:
    chosen = state(t).setdefault("audience", {})
    chosen[key] = list(dict.fromkeys([*chosen.get(key, []), value]))


def language_options(t: Turn) -> list[Option]:
    codes = t.catalogs.codes
    return [Option(code, in_language(_("language.autonym"), code)) for code in codes] + [CANCEL]


@flow.question("language", prompt=_("bc.pick.language"), options=language_options)
async def language(t: Turn, answer: Answer) -> Next:
    if allowed(t) and answer.choice and answer.choice != CANCEL.id:
        add(t, "languages", answer.choice)
    return await show_audience(t)


@flow.question("place", prompt=_("bc.pick.place"), options=(CANCEL,), accepts=("text",))
async def place(t: Turn, answer: Answer) -> Next:
    if allowed(t) and answer.choice != CANCEL.id:
        code = answer.text.strip().upper()
        if not re.fullmatch(r"\d{2}|2[AB]|97\d", code):
            found = where.places(t).find(answer.text)
            if not found:
                t.say(_("where.unknown", text=answer.text[:60]))
                return STAY
            code = found[0].department
        add(t, "departments", code)
    return await show_audience(t)


@flow.question(
    "help", prompt=_("bc.pick.help"), options=[Option(c.id, c.label) for c in CATEGORIES]
)
async def help_kind(t: Turn, answer: Answer) -> Next:
    if allowed(t) and answer.choice:
        add(t, "interests", answer.choice)
    return await show_audience(t)


@flow.question("channel", prompt=_("bc.pick.channel"), options=CHANNELS)
async def channel(t: Turn, answer: Answer) -> Next:
    if allowed(t) and answer.choice:
        add(t, "channels", answer.choice)
    return await show_audience(t)


# --- check and send -------------------------------------------------------------------------------
async def make_draft(t: Turn) -> Next:
    data = state(t)
    if not data.get("text"):
        return Goto("broadcast.write")
    data["id"] = await t.services.broadcasts.draft(
        author=f"{t.user.channel}:{t.user.external_id}",
        author_user_id=t.user.id,
        text=data["text"],
        language=data.get("language", t.lang),
        audience=Audience.from_json(data.get("audience", {})),
        now=t.now,
    )
    t.say(_("bc.review.wait"))
    t.after_commit(translations_job(data["id"]))
    return Goto("broadcast.review")


def translations_job(broadcast_id: int) -> Any:
    """After the commit: translate once per language of the audience, then show the texts."""

    async def job(context: JobContext) -> None:
        async with context.database.read() as conn:
            row = await queries.get(conn, broadcast_id)
        if row is None:
            return
        texts = await planner.texts_for(
            context.database, context.translator, row, context.clock.now()
        )
        text = listing(context.catalogs, context.language, texts)
        out = Outgoing(OutKind.TEXT, text, context.language, context.rtl)
        await context.send([out])

    return job


def listing(catalogs: Catalogs, lang: str, texts: dict[str, dict[str, str]]) -> str:
    lines = [catalogs.text(lang, "bc.review.translations")]
    for code, text in sorted(texts.items()):
        origin = catalogs.text(lang, ORIGINS.get(text["origin"], ORIGINS["machine"]).id)
        name = catalogs.text(code, "language.autonym")
        line = catalogs.text(
            lang, "bc.review.line", {"language": name, "origin": origin, "text": text["text"]}
        )
        lines.append(line)
    return "\n".join(lines)


REVIEW_OPTIONS = (SEND_NOW, SEND_LATER, FIX, SHOW, CANCEL)


@flow.question("review", prompt=_("bc.review.prompt"), options=REVIEW_OPTIONS)
async def review(t: Turn, answer: Answer) -> Next:
    data = state(t)
    desk = t.services.broadcasts
    if not allowed(t) or "id" not in data:
        return Goto("menu.main")
    if answer.choice == CANCEL.id:
        await desk.cancel(data["id"], f"{t.user.channel}:{t.user.external_id}", t.now)
        t.say(_("bc.cancelled"))
        return Goto("menu.main")
    if answer.choice == SHOW.id:
        row = await desk.get(data["id"])
        if row is not None:
            t.say(listing(t.catalogs, t.lang, row.translations))
        return STAY
    if answer.choice == FIX.id:
        return Goto("broadcast.fix")
    if answer.choice == SEND_LATER.id:
        return Goto("broadcast.when")
    return await confirm(t, t.now)


async def confirm(t: Turn, at: dt.datetime) -> Next:
    data = state(t)
    if not await t.services.broadcasts.confirm(data["id"], at, t.now):
        return Goto("menu.main")
    audience = Audience.from_json(data.get("audience", {}))
    count = sum((await t.services.broadcasts.audience_size(audience)).values())
    if at <= t.now:
        t.say(_("bc.confirmed.now", count=count))
    else:
        t.say(
            _("bc.confirmed.later", count=count, when=at.astimezone(PARIS).strftime("%d/%m %H:%M"))
        )
    return Goto("broadcast.sent")


@flow.question("fix", prompt=_("bc.fix.language"), options=language_options)
async def fix(t: Turn, answer: Answer) -> Next:
    if not allowed(t) or answer.choice in (None, CANCEL.id):
        return Goto("broadcast.review")
    state(t)["fix"] = answer.choice
    return Goto("broadcast.fix_text")


@flow.question("fix_text", prompt=_("bc.fix.text"), options=(CANCEL,), accepts=("text",), data=True)
async def fix_text(t: Turn, answer: Answer) -> Next:
    data = state(t)
    if allowed(t) and answer.choice != CANCEL.id and data.get("fix") and "id" in data:
        await t.services.broadcasts.correct(data["id"], data["fix"], answer.text.strip(), t.now)
        t.say(_("bc.fix.done"))
    return Goto("broadcast.review")


@flow.question("when", prompt=_("bc.when.prompt"), options=(CANCEL,), accepts=("text",))
async def when(t: Turn, answer: Answer) -> Next:
    if not allowed(t) or answer.choice == CANCEL.id:
        return Goto("broadcast.review")
    at = parse_when(answer.text, t.now)
    if at is None:
        t.say(_("bc.when.unknown"))
        return STAY
    return await confirm(t, at)


def parse_when(text: str, now: dt.datetime) -> dt.datetime | None:
    """ "18:00" (today, or tomorrow if past), "1/12 18:00", "2026-12-01 18:00" — French time."""
    local = now.astimezone(PARIS)
    text = text.strip().replace("h", ":").replace("H", ":")
    found = re.fullmatch(
        r"(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})(?:/(\d{4}))?)?\s*(\d{1,2}):(\d{2})?",
        text,
    )
    if not found:
        return None
    iso_y, iso_m, iso_d, fr_d, fr_m, fr_y, hour, minute = found.groups()
    year, month, day = local.year, local.month, local.day
    if iso_y:
        year, month, day = int(iso_y), int(iso_m), int(iso_d)
    elif fr_d:
        day, month, year = int(fr_d), int(fr_m), int(fr_y) if fr_y else local.year
    try:
        at = dt.datetime(year, month, day, int(hour), int(minute or 0), tzinfo=PARIS)
    except ValueError:
        return None
    if at <= local and not (iso_y or fr_d):
        at += dt.timedelta(days=1)
    if at <= local:
        return None
    return at.astimezone(dt.UTC)


# --- afterwards -----------------------------------------------------------------------------------
@flow.question("sent", prompt=_("bc.sent.prompt"), options=(PROGRESS, STOP_IT, MENU))
async def sent(t: Turn, answer: Answer) -> Next:
    data = state(t)
    desk = t.services.broadcasts
    if not allowed(t) or answer.choice == MENU.id or "id" not in data:
        return Goto("menu.main")
    if answer.choice == STOP_IT.id:
        done = await desk.cancel(data["id"], f"{t.user.channel}:{t.user.external_id}", t.now)
        t.say(_("bc.cancelled") if done else _("bc.sent.too_late"))
        return STAY
    progress = await desk.progress(data["id"])
    if progress is not None:
        counts = progress.counts
        t.say(
            _(
                "bc.sent.counts",
                status=t.text(STATUS.get(progress.status, STATUS["sending"])),
                queued=progress.recipients,
                sent=counts.get("sent", 0),
                delivered=counts.get("delivered", 0) + counts.get("read", 0),
                read=counts.get("read", 0),
                failed=counts.get("failed", 0),
                skipped=counts.get("skipped", 0),
            )
        )
    return STAY


STATUS = {
    "draft": _("bc.status.scheduled"),
    "scheduled": _("bc.status.scheduled"),
    "planning": _("bc.status.sending"),
    "sending": _("bc.status.sending"),
    "done": _("bc.status.done"),
    "cancelled": _("bc.status.cancelled"),
}
