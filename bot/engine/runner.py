"""One inbound message through the conversation: guards, modes, commands, the current question,
the next step.

The order is the product's promise: guards (emergency words) see every message first, even a first
message; a mode (talking to a volunteer) keeps every message for itself and asks before a command
takes the person out of it; a new person starts onboarding; global commands win over any question
(a button that answers no open question is one too, if its payload or words are: an operator's
template button "STOP" stops); a button from an old question is answered gently; a button we did
not make is read as the words it showed; after a long silence the person may continue or start
again; otherwise the current question interprets the answer and its handler says where to go.
Nothing here touches the database or a platform (a mode's `active` and the handlers do, through the
turn's services).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.engine.flow import (
    BACK,
    END,
    RETURN,
    STAY,
    WAIT,
    Answer,
    AnswerCaller,
    Call,
    Command,
    Enter,
    Goto,
    Leave,
    Mode,
    Next,
    Perform,
    Question,
    Script,
    Then,
)
from bot.engine.targets import UnknownStep
from bot.engine.turn import HISTORY_LIMIT, Turn
from bot.i18n.catalogs import Catalogs
from bot.i18n.detect import plausible_languages
from bot.i18n.msg import Msg, Option, _
from bot.i18n.normalize import as_number, for_matching
from bot.messages import Kind

# Emoji, bullets and punctuation around a label's words ("🍲 Food" is picked by "food").
_NOT_WORDS = re.compile(r"^[\W_]+|[^\w\s]+", re.UNICODE)
REPLAY_LIMIT = 3  # AnswerCaller within AnswerCaller: a flow's mistake, not a conversation


class Runner:
    def __init__(self, script: Script, catalogs: Catalogs, min_confidence: float = 0.6) -> None:
        self.script = script
        self.catalogs = catalogs
        self.min_confidence = min_confidence
        self._slash = {f"/{c.name}": c for c in script.commands}
        self._named = {c.name: c for c in script.commands}
        self._words = {
            code: _word_index(catalogs, code, script.commands) for code in catalogs.codes
        }
        self._all_words: dict[str, Command] = {}
        for code in reversed(catalogs.codes):
            self._all_words.update(self._words[code])

    async def run(self, t: Turn[Any], replays: int = 0) -> None:
        inbound = t.inbound
        question = self.script.step(t.state.step)
        if question is None:
            self._suggest_language(t)
        here = question or self.script.steps[self.script.first_step]
        then: Next | None = None
        for guard in self.script.guards:  # e.g. emergency words: even in a first message
            verdict = await guard(t, question)
            if verdict is True:
                return
            if isinstance(verdict, Then):
                then = verdict.next
            elif verdict is not False:
                await self.move(t, here, verdict, replays)
                return
        mode, ended = await self._mode(t)
        question = self.script.step(t.state.step)
        command = self.command_in(t, question)
        if ended is not None and command is None and question is not None:
            # Their words were for a conversation that ended elsewhere: not an answer to the
            # question they are back at (a "1" for a volunteer is not a menu pick). Say so —
            # unless they were ending it too — and ask that question again.
            home = self.script.steps[ended.home]
            if ended.gone is not None and not self._match_option(
                t, home.options_for(t), inbound.text
            ):
                t.say(ended.gone)
            await self.enter(t, question.key)
            return
        if question is None:  # first contact, or a step that no longer exists
            if command is not None and (command.role is not None or command.always):
                next_ = await command.run(t)
                if next_ not in (STAY, WAIT):
                    await self.move(t, here, next_)
                    return
            await self.enter(t, self.script.first_step)
            return
        expired = t.state.expires_at is not None and t.now >= t.state.expires_at
        if command is not None and mode is not None and command.name not in mode.keeps:
            t.state.nav["leaving"] = command.name  # what to do if they leave the mode
            await self.move(t, question, Call(mode.leave), replays)
        elif command is not None:
            next_ = await command.run(t)
            if mode is not None and (isinstance(next_, Goto | Call) or next_ in (BACK, RETURN)):
                next_ = STAY  # a command the mode keeps never takes the person out of it
            await self.move(t, question, next_, replays)
        elif (
            mode is not None
            and question.key not in (mode.home, mode.leave)
            and not question.temporary
        ):
            home = self.script.steps[mode.home]  # the mode's messages go home, whatever the step
            await self.move(t, home, await self.answer(t, home), replays)
        elif inbound.kind is Kind.CHOICE and inbound.step not in (question.key, None):
            t.say(_("input.stale_choice"))
            await self.enter(t, question.key)
        elif expired and mode is None and question.resumable and not question.root:
            await self.move(t, question, Call(self.script.resume_step), replays)
        else:
            await self.move(t, question, await self.answer(t, question), replays)
        if then is not None:
            # The question just asked comes back when `then` returns: not twice on screen.
            asked = t.state.step
            t.outgoing[:] = [o for o in t.outgoing if not (o.step == asked and o.options)]
            await self.move(t, self.script.steps[asked or self.script.menu_step], then)

    async def _mode(self, t: Turn[Any]) -> tuple[Mode | None, Mode | None]:
        """(the mode the person is in, if it still holds; the mode that ended elsewhere — the
        other side, a time-out — if it did: that takes them back where they were)."""
        held = t.state.nav.get("mode")
        if not held:
            return None, None
        mode = self.script.modes.get(held.get("name", ""))
        if mode is not None and await mode.active(t):
            return mode, None
        self._leave_mode(t)
        return None, mode

    def _leave_mode(self, t: Turn[Any]) -> str:
        """Forget the mode; the step to carry on from (where the person was when it began)."""
        held = t.state.nav.pop("mode", None) or {}
        t.state.nav.pop("leaving", None)
        t.state.nav.pop("choices", None)  # those of the mode's question: not shown any more
        depth = min(int(held.get("depth", 0)), len(t.state.stack))
        del t.state.stack[depth:]
        back_to = self._stored(held.get("from"))
        t.state.step = back_to
        return back_to

    # --- interpreting the input ---------------------------------------------------------
    def command_in(self, t: Turn[Any], question: Question | None = None) -> Command | None:
        """The global command this message is, if the person may use it."""
        found = self._command_named(t, question)
        return found if found is not None and found.allowed(t.user.roles) else None

    def _command_named(self, t: Turn[Any], question: Question | None) -> Command | None:
        inbound = t.inbound
        if inbound.kind is Kind.CHOICE:
            # A press that answers no open question (an old button, an operator's template
            # button) is a command if its payload or its words are one: "STOP" stops.
            if question is not None and inbound.step == question.key:
                return None
            said = (w for w in (inbound.choice, inbound.text) if w and "\n" not in w)
            return next(filter(None, (self._command_for(t, w) for w in said)), None)
        if inbound.kind is not Kind.TEXT or not inbound.text or "\n" in inbound.text:
            return None
        return self._command_for(t, inbound.text)

    def _command_for(self, t: Turn[Any], words: str) -> Command | None:
        text = words.strip()
        if text.startswith("/"):
            return self._slash.get(text.split()[0].split("@", 1)[0].lower())
        key = for_matching(text)
        if t.user.language is None:
            return self._all_words.get(key)
        for code in (t.user.language, "fr", "en"):
            found = self._words.get(code, {}).get(key)
            if found is not None:
                return found
        found = self._all_words.get(key)  # "мова" after picking Pashto by mistake
        return found if found is not None and found.always else None

    async def answer(self, t: Turn[Any], question: Question) -> Next:
        inbound = t.inbound
        options = list(question.options_for(t))
        shown = t.state.choices or [o.id for o in options]
        ids = {o.id for o in options}
        pressed = inbound.kind is Kind.CHOICE
        if pressed:
            if inbound.step is not None and inbound.choice in ids:
                return await question.handler(t, Answer(choice=inbound.choice))
            if not inbound.text:  # nothing else to go on
                t.say(_("input.stale_choice"))
                return STAY
            # Else a button this question does not know: read the words it showed.
        elif inbound.kind is Kind.LOCATION:
            if "location" in question.accepts and inbound.latitude is not None:
                location = (inbound.latitude, inbound.longitude or 0.0)
                return await question.handler(t, Answer(location=location))
            t.say(_("input.location_unused"))
            return STAY
        elif inbound.kind is not Kind.TEXT:
            t.say(_("input.media"))
            return STAY
        text = inbound.text
        if text.startswith("/") and " " not in text.strip():
            t.say(_("input.unknown_command", command=text.strip()[:32], help="/help"))
            return STAY
        if not text:
            t.say(_("input.empty"))
            return STAY
        if shown:
            number = as_number(text) if question.numbers else None
            if number is not None:
                if 1 <= number <= len(shown) and shown[number - 1] in ids:
                    return await question.handler(t, Answer(choice=shown[number - 1]))
                if "text" not in question.accepts:  # a year, a phone number: words to keep
                    t.say(pick_number(len(shown)))
                    return STAY
            picked = self._match_option(t, options, text, loose="text" not in question.accepts)
            if picked is not None:
                return await question.handler(t, Answer(choice=picked))
        if "text" in question.accepts:
            return await question.handler(t, Answer(text=text, truncated=inbound.truncated))
        if pressed:
            t.say(_("input.stale_choice"))
            return STAY
        t.say(_("input.not_understood"))
        if shown:
            t.say(pick_number(len(shown)))
        return STAY

    def _match_option(
        self, t: Turn[Any], options: Sequence[Option], text: str, loose: bool = False
    ) -> str | None:
        """The option these words pick: its label (in the person's language, French or English,
        with or without its leading emoji; "B2 — I speak easily…" also by "B2") or its words.
        `loose` (a question that takes no free text): failing that, the one option whose label
        holds these words ("CV" picks "Build my CV")."""
        key = for_matching(text)
        if not key:
            return None
        labels: dict[str, list[str]] = {}
        for option in options:
            shown = t.text(option.label)
            other = () if option.label.lang else ("fr", "en")  # a forced language stays
            texts = {
                shown,
                *(t.catalogs.text(c, option.label.id, option.label.values) for c in other),
            }
            keys = {for_matching(_NOT_WORDS.sub("", x)) for x in texts}
            keys |= {for_matching(x) for x in texts} | {for_matching(shown.split(" — ", 1)[0])}
            if option.words is not None:
                keys |= {for_matching(w) for w in t.words(option.words)}
            if key in keys:
                return option.id
            labels[option.id] = sorted(keys)
        if not loose or len(key) < 2:
            return None
        holding = [
            option_id
            for option_id, keys in labels.items()
            if any(f" {key} " in f" {_NOT_WORDS.sub(' ', k)} " for k in keys)
        ]
        return holding[0] if len(holding) == 1 else None

    def _suggest_language(self, t: Turn[Any]) -> None:
        """One language if the message says which, else the app's if it tells one; else the
        few that fit the message, for the language question to offer first (`plausible`)."""
        hint = (t.inbound.locale_hint or "").split("-")[0].lower()
        text = t.inbound.text
        # A command (a volunteer's /duty) says nothing of a language.
        found = [] if text.startswith("/") else plausible_languages(text, self.min_confidence)
        fitting = [code for code in found if self.catalogs.supports(code)]
        if len(fitting) == 1:
            t.state.nav["suggested"] = fitting[0]
        elif self.catalogs.supports(hint):  # the app's language, when the words are not enough
            t.state.nav["suggested"] = hint
        elif fitting:  # the question offers them first; the likeliest sets the text direction
            t.state.nav["plausible"] = fitting
            t.state.nav["suggested"] = fitting[0]

    # --- moving between steps -----------------------------------------------------------
    async def move(self, t: Turn[Any], current: Question, next_: Next, replays: int = 0) -> None:
        nav = t.state
        if isinstance(next_, Goto):
            if not current.temporary:
                nav.history.append(current.key)
                del nav.history[:-HISTORY_LIMIT]
            await self.enter(t, next_.step)
        elif isinstance(next_, Call):
            nav.stack.append(current.key)
            del nav.stack[:-HISTORY_LIMIT]
            await self.enter(t, next_.step)
        elif next_ is STAY:
            await self.enter(t, current.key)
        elif next_ is BACK:
            if nav.history:
                await self.enter(t, self._stored(nav.history.pop()), again=True)
            else:
                t.say(_("back.none"))
                await self.enter(t, current.key)
        elif next_ is RETURN:
            await self.enter(t, self._stored(nav.stack.pop() if nav.stack else None))
        elif next_ is WAIT:
            t.state.step = current.key
        elif next_ is END:
            t.state.nav["choices"] = []
        elif isinstance(next_, Perform):
            await self.move(t, current, await self._named[next_.command].run(t))
        elif isinstance(next_, Enter):
            mode = self.script.modes[next_.mode]
            origin = current.key
            if current.temporary:  # a confirmation is never where a mode returns to
                origin = self._stored(nav.stack.pop() if nav.stack else None)
            nav.nav["mode"] = {"name": next_.mode, "from": origin, "depth": len(nav.stack)}
            nav.stack.append(origin)
            await self.enter(t, mode.home)
        elif isinstance(next_, Leave):
            back_to = self.script.steps[self._leave_mode(t)]
            await self.move(t, back_to, next_.then or STAY)
        elif isinstance(next_, AnswerCaller):
            if replays >= REPLAY_LIMIT:
                raise RuntimeError(f"{current.key} answered its caller {replays} times in a turn")
            caller = self.script.step(nav.stack.pop() if nav.stack else self.script.menu_step)
            caller = caller or self.script.steps[self.script.menu_step]
            nav.step = caller.key
            nav.nav["choices"] = [o.id for o in caller.options_for(t)]
            t.inbound = replace(
                t.inbound,
                kind=Kind.TEXT,
                text=next_.text,
                choice=None,
                step=None,
                audio=None,
                transcribed=next_.transcribed,
            )
            await self.run(t, replays + 1)

    def _stored(self, key: str | None) -> str:
        """A step saved in someone's history, or the menu if it no longer exists."""
        question = self.script.step(key)
        return question.key if question is not None else self.script.menu_step

    async def enter(self, t: Turn[Any], key: str, again: bool = False) -> None:
        """Ask a question; `again` when the person comes back to it (their answer is shown)."""
        question = self.script.step(key)
        if question is None:
            raise UnknownStep(f"no step {key!r}")
        state = t.state
        state.step = question.key
        if question.root:
            state.history.clear()
            state.stack.clear()
        answered = question.current(t) if question.current is not None and again else None
        if answered:
            t.say(_("back.your_answer", answer=t.text(answered)))
        prompt = question.prompt(t) if callable(question.prompt) else question.prompt
        if inspect.isawaitable(prompt):
            prompt = await prompt
        options = list(question.options_for(t))  # after the prompt, which may decide them
        t.ask(prompt, options, question.key, numbered=question.numbers)
        state.nav["choices"] = [o.id for o in options]


def pick_number(count: int) -> Msg:
    """ "Please answer with a number from 1 to 7" — or, with one choice, "with 1"."""
    return _("input.pick_only") if count == 1 else _("input.pick_number", max=count)


def _word_index(catalogs: Catalogs, code: str, commands: Sequence[Command]) -> dict[str, Command]:
    index: dict[str, Command] = {}
    for command in commands:
        for word in catalogs.own_words(code, command.words.id):
            index.setdefault(for_matching(word), command)
    return index


def command_words(t: Turn[Any], command: Command) -> str:
    """The first word of a command in the person's language, for help texts."""
    words = t.words(command.words)
    return words[0] if words else f"/{command.name}"
