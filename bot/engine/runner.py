"""One inbound message through the conversation: commands, the current question, the next step.

The order is the product's promise: a new person starts onboarding; global commands win over any
question; a button from an old question is answered gently; after a long silence the person may
continue or start again; otherwise the current question interprets the answer and its handler says
where to go. Nothing here touches the database or a platform.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from bot.engine.flow import (
    BACK,
    END,
    RETURN,
    STAY,
    Answer,
    Call,
    Command,
    Goto,
    Next,
    Question,
    Script,
)
from bot.engine.turn import HISTORY_LIMIT, Turn
from bot.i18n.catalogs import Catalogs
from bot.i18n.detect import suggest_language
from bot.i18n.msg import Msg, Option, _
from bot.i18n.normalize import as_number, for_matching
from bot.messages import Kind


class Runner:
    def __init__(self, script: Script, catalogs: Catalogs, min_confidence: float = 0.6) -> None:
        self.script = script
        self.catalogs = catalogs
        self.min_confidence = min_confidence
        self._slash = {f"/{c.name}": c for c in script.commands}
        self._words = {
            code: _word_index(catalogs, code, script.commands) for code in catalogs.codes
        }
        self._all_words: dict[str, Command] = {}
        for code in reversed(catalogs.codes):
            self._all_words.update(self._words[code])

    async def run(self, t: Turn) -> None:
        inbound = t.inbound
        question = self.script.step(t.state.step)
        if question is None:
            self._suggest_language(t)
        for guard in self.script.guards:  # e.g. emergency words: even in a first message
            if await guard(t):
                return
        if question is None:  # first contact, or a step that no longer exists
            await self.enter(t, self.script.first_step)
            return
        command = self.command_in(t)
        if command is not None:
            await self.move(t, question, await command.run(t))
            return
        if inbound.kind is Kind.CHOICE and inbound.step != question.key:
            t.say(_("input.stale_choice"))
            await self.enter(t, question.key)
            return
        expired = t.state.expires_at is not None and t.now >= t.state.expires_at
        if expired and question.resumable and not question.root:
            await self.move(t, question, Call(self.script.resume_step))
            return
        await self.move(t, question, await self.answer(t, question))

    # --- interpreting the input ---------------------------------------------------------
    def command_in(self, t: Turn) -> Command | None:
        """The global command this message is, if the person may use it."""
        found = self._command_named(t)
        return found if found is not None and found.allowed(t.user.roles) else None

    def _command_named(self, t: Turn) -> Command | None:
        inbound = t.inbound
        if inbound.kind is not Kind.TEXT or not inbound.text or "\n" in inbound.text:
            return None
        text = inbound.text.strip()
        if text.startswith("/"):
            return self._slash.get(text.split()[0].split("@", 1)[0].lower())
        key = for_matching(text)
        if t.user.language is None:
            return self._all_words.get(key)
        for code in (t.user.language, "fr", "en"):
            found = self._words.get(code, {}).get(key)
            if found is not None:
                return found
        return None

    async def answer(self, t: Turn, question: Question) -> Next:
        inbound = t.inbound
        options = list(question.options_for(t))
        shown = t.state.choices or [o.id for o in options]
        ids = {o.id for o in options}
        if inbound.kind is Kind.CHOICE:
            if inbound.choice in ids:
                return await question.handler(t, Answer(choice=inbound.choice))
            t.say(_("input.stale_choice"))
            return STAY
        if inbound.kind is Kind.LOCATION:
            if "location" in question.accepts and inbound.latitude is not None:
                location = (inbound.latitude, inbound.longitude or 0.0)
                return await question.handler(t, Answer(location=location))
            t.say(_("input.location_unused"))
            return STAY
        if inbound.kind is not Kind.TEXT:
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
            number = as_number(text)
            if number is not None:
                if 1 <= number <= len(shown) and shown[number - 1] in ids:
                    return await question.handler(t, Answer(choice=shown[number - 1]))
                if "text" not in question.accepts:  # a year, a phone number: words to keep
                    t.say(pick_number(len(shown)))
                    return STAY
            picked = self._match_option(t, options, text)
            if picked is not None:
                return await question.handler(t, Answer(choice=picked))
        if "text" in question.accepts:
            return await question.handler(t, Answer(text=text, truncated=inbound.truncated))
        t.say(_("input.not_understood"))
        if shown:
            t.say(pick_number(len(shown)))
        return STAY

    def _match_option(self, t: Turn, options: Sequence[Option], text: str) -> str | None:
        key = for_matching(text)
        if not key:
            return None
        for option in options:
            label = t.text(option.label)
            # "B2 — I speak easily…" is also picked by "B2".
            candidates = [label, label.split(" — ", 1)[0]]
            if option.words is not None:
                candidates += t.words(option.words)
            if any(for_matching(c) == key for c in candidates):
                return option.id
        return None

    def _suggest_language(self, t: Turn) -> None:
        hint = (t.inbound.locale_hint or "").split("-")[0].lower()
        guess = (
            hint
            if self.catalogs.supports(hint)
            else suggest_language(t.inbound.text, self.min_confidence)
        )
        if guess and self.catalogs.supports(guess):
            t.state.nav["suggested"] = guess

    # --- moving between steps -----------------------------------------------------------
    async def move(self, t: Turn, current: Question, next_: Next) -> None:
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
                await self.enter(t, nav.history.pop(), again=True)
            else:
                t.say(_("back.none"))
                await self.enter(t, current.key)
        elif next_ is RETURN:
            await self.enter(t, nav.stack.pop() if nav.stack else self.script.menu_step)
        elif next_ is END:
            t.state.nav["choices"] = []

    async def enter(self, t: Turn, key: str, again: bool = False) -> None:
        """Ask a question; `again` when the person comes back to it (their answer is shown)."""
        question = self.script.step(key) or self.script.steps[self.script.menu_step]
        state = t.state
        state.step = question.key
        if question.root:
            state.history.clear()
            state.stack.clear()
        answered = question.current(t) if question.current is not None and again else None
        if answered:
            t.say(_("back.your_answer", answer=t.text(answered)))
        options = list(question.options_for(t))
        prompt = question.prompt(t) if callable(question.prompt) else question.prompt
        if inspect.isawaitable(prompt):
            prompt = await prompt
        t.ask(prompt, options, question.key)
        state.nav["choices"] = [o.id for o in options]


def pick_number(count: int) -> Msg:
    """What to type: "a number from 1 to 5", or with a single option, "1"."""
    return _("input.pick_only") if count == 1 else _("input.pick_number", max=count)


def _word_index(catalogs: Catalogs, code: str, commands: Sequence[Command]) -> dict[str, Command]:
    index: dict[str, Command] = {}
    for command in commands:
        for word in catalogs.own_words(code, command.words.id):
            index.setdefault(for_matching(word), command)
    return index


def command_words(t: Turn, command: Command) -> str:
    """The first word of a command in the person's language, for help texts."""
    words = t.words(command.words)
    return words[0] if words else f"/{command.name}"
