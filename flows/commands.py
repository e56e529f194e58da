"""Global commands: they work at any step, in the person's own words or as `/name`.

Each command's accepted words live in the catalogs (`command.words.*`, `|`-separated), so a person
can type "menu", "القائمة" or "/menu" alike. Commands come before whatever question is open.
"""

from __future__ import annotations

from bot.engine.flow import BACK, STAY, Call, Command, Goto, Next
from bot.i18n.msg import _
from bot.people.roles import VOLUNTEER
from flows import broadcast, handover, onboarding, volunteer_desk
from flows.services import Turn


def _onboarded_or(t: Turn, then: Next) -> Next:
    return onboarding.resume_point(t) or then


async def menu(t: Turn) -> Next:
    return _onboarded_or(t, Goto("menu.main"))


async def back(t: Turn) -> Next:
    return BACK


async def help_(t: Turn) -> Next:
    lines = [t.text(_("help.intro"))]
    for command in COMMANDS:
        if not command.allowed(t.user.roles):
            continue
        word = t.words(command.words)[0] if t.words(command.words) else command.name
        lines.append(f"• {word} (/{command.name}) — {t.text(command.describe)}")
    lines.append(t.text(_("help.numbers")))
    t.say("\n".join(lines))
    return STAY


async def language(t: Turn) -> Next:
    return Call("onboarding.language")


async def stop(t: Turn) -> Next:
    t.set_status("stopped")
    t.say(_("stop.done", start=_first_word(t, "start")))
    return STAY


async def start(t: Turn) -> Next:
    was_stopped = t.user.status == "stopped"
    t.set_status("active")
    if was_stopped:
        t.say(_("start.done"))
    return _onboarded_or(t, Goto("menu.main"))


async def my_data(t: Turn) -> Next:
    return _onboarded_or(t, Call("privacy.mydata"))


async def delete_my_data(t: Turn) -> Next:
    return Call("privacy.erase")


async def broadcast_(t: Turn) -> Next:
    return _onboarded_or(t, broadcast.entry(t))


async def human(t: Turn) -> Next:
    """Talking to a person is open to everyone, even before onboarding: it is the way out of
    anything the bot cannot do (the volunteer reads their language, suggested or chosen)."""
    return await handover.entry(t)


def _first_word(t: Turn, name: str) -> str:
    command = next(c for c in COMMANDS if c.name == name)
    words = t.words(command.words)
    return words[0] if words else f"/{name}"


COMMANDS = (
    Command("menu", _("command.words.menu"), menu, _("command.describe.menu")),
    Command("back", _("command.words.back"), back, _("command.describe.back")),
    Command("help", _("command.words.help"), help_, _("command.describe.help")),
    Command(
        "language",
        _("command.words.language"),
        language,
        _("command.describe.language"),
        always=True,
    ),
    Command("mydata", _("command.words.mydata"), my_data, _("command.describe.mydata")),
    Command("delete", _("command.words.delete"), delete_my_data, _("command.describe.delete")),
    Command("stop", _("command.words.stop"), stop, _("command.describe.stop"), always=True),
    Command("start", _("command.words.start"), start, _("command.describe.start"), always=True),
    Command("human", _("command.words.human"), human, _("command.describe.human"), always=True),
    Command(
        "duty", _("command.words.duty"), volunteer_desk.duty, _("command.describe.duty"), VOLUNTEER
    ),
    Command(
        "queue",
        _("command.words.queue"),
        volunteer_desk.queue,
        _("command.describe.queue"),
        VOLUNTEER,
    ),
    Command(
        "take", _("command.words.take"), volunteer_desk.take, _("command.describe.take"), VOLUNTEER
    ),
    Command(
        "end", _("command.words.end"), volunteer_desk.end, _("command.describe.end"), VOLUNTEER
    ),
    Command(
        "broadcast",
        _("command.words.broadcast"),
        broadcast_,
        _("command.describe.broadcast"),
        role=VOLUNTEER,
    ),
)
