"""The flow toolkit: questions, options, answers and the moves between steps.

A flow is a module of named questions. Each question says what is asked (a catalog message and
options with stable ids), what it accepts (a choice, free text, a location) and, in its handler,
where each answer leads:

    flow = Flow("onboarding")

    @flow.question("privacy", prompt=_("privacy.notice"), options=(AGREE, REFUSE))
    async def privacy(t: Turn, answer: Answer) -> Next:
        ...
        return Goto("menu.main")

Handlers never do I/O themselves: they read and change the `Turn` and use the services it carries,
so a conversation can be replayed in a test with a frozen clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot.engine import targets
from bot.i18n.msg import Msg, Option
from bot.messages import Inbound

if TYPE_CHECKING:
    from bot.engine.turn import Binding, Services, Turn


@dataclass(frozen=True, slots=True)
class Answer:
    """What the person answered, already interpreted: a picked option, free text or a location."""

    choice: str | None = None
    text: str = ""
    location: tuple[float, float] | None = None
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Goto:
    """Go to a step; "back" returns here."""

    step: str


@dataclass(frozen=True, slots=True)
class Call:
    """Visit a step (language, my data…); its `RETURN` comes back to the current question."""

    step: str


@dataclass(frozen=True, slots=True)
class Perform:
    """Do what a global command does, as if the person had typed it (after confirming that they
    leave a conversation with a volunteer, say)."""

    command: str


@dataclass(frozen=True, slots=True)
class Enter:
    """Start a mode (see `Mode`): remember where the person is, and go to the mode's home."""

    mode: str


@dataclass(frozen=True, slots=True)
class Leave:
    """End the current mode: back where the person was when it began, then `then` (by default
    their question there is asked again)."""

    then: Goto | Call | Perform | None = None


@dataclass(frozen=True, slots=True)
class AnswerCaller:
    """RETURN to the question that called this one and answer it with `text`, exactly as if the
    person had just sent that text there: guards, global commands, numbers, option labels and
    words, free text. `transcribed` marks the text as heard in a voice note
    (`Inbound.transcribed`), for whoever passes it on."""

    text: str
    transcribed: bool = False


class Move(Enum):
    STAY = "stay"  # ask the current question again
    WAIT = "wait"  # stay on the current question without asking it again
    BACK = "back"  # the previous question
    RETURN = "return"  # back to the question that called this one, or the main menu
    END = "end"  # say nothing more (after erasing someone's data)


STAY, WAIT, BACK, RETURN, END = Move.STAY, Move.WAIT, Move.BACK, Move.RETURN, Move.END
Next = Goto | Call | Perform | Enter | Leave | AnswerCaller | Move
Accepts = Literal["text", "location"]
Handler = Callable[["Turn[Any]", Answer], Awaitable[Next]]
Prompt = Msg | Callable[["Turn[Any]"], Msg | str | Awaitable[Msg | str]]
Options = Sequence[Option] | Callable[["Turn[Any]"], Sequence[Option]]


@dataclass(frozen=True, slots=True)
class Preparation:
    """What a question's `prepare` hook gets: the message, before its turn, outside any
    transaction — to do slow work (a translation) whose result the turn will find cached."""

    inbound: Inbound
    language: str
    services: PrepareServices


class PrepareServices(Protocol):
    async def translate(self, text: str, source: str, target: str) -> object: ...


Prepare = Callable[[Preparation], Awaitable[None]]
Current = Callable[["Turn[Any]"], Msg | str | None]


@dataclass(frozen=True)
class Question:
    key: str  # "flow.step"
    prompt: Prompt
    handler: Handler
    options: Options = ()
    accepts: frozenset[Accepts] = frozenset()
    root: bool = False  # entering it forgets the "back" history (the main menu)
    resumable: bool = True  # after a long silence, offer "continue where I left off"
    prepare: Prepare | None = None  # slow work to do before the turn (see Preparation)
    # A confirmation or a "which one?": asked on the way, never where "back" returns to.
    temporary: bool = False
    # The answer already given, shown when the question is asked again (back, a change).
    current: Current | None = None
    # False when a typed number is an answer, not a pick (a message to a volunteer: "2 children");
    # its options are then picked by their words or a button, and shown without numbers.
    numbers: bool = True
    # Answers are the person's own data (a CV answer, a text to translate): a guard must not take
    # them for something else (see `Then`).
    data: bool = False

    @property
    def flow(self) -> str:
        return self.key.split(".", 1)[0]

    def options_for(self, turn: Turn[Any]) -> Sequence[Option]:
        return self.options(turn) if callable(self.options) else self.options


class Flow:
    """A named group of questions; step keys are `flow.step`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.questions: dict[str, Question] = {}

    def question(
        self,
        name: str,
        *,
        prompt: Prompt,
        options: Options = (),
        accepts: Sequence[Accepts] = (),
        root: bool = False,
        resumable: bool = True,
        prepare: Prepare | None = None,
        temporary: bool = False,
        current: Current | None = None,
        numbers: bool = True,
        data: bool = False,
    ) -> Callable[[Handler], Question]:
        def register(handler: Handler) -> Question:
            key = f"{self.name}.{name}"
            if key in self.questions:
                raise ValueError(f"step {key} is declared twice")
            question = Question(
                key=key,
                prompt=prompt,
                handler=handler,
                options=options,
                accepts=frozenset(accepts),
                root=root,
                resumable=resumable,
                prepare=prepare,
                temporary=temporary,
                current=current,
                numbers=numbers,
                data=data,
            )
            self.questions[key] = question
            return question

        return register


@dataclass(frozen=True)
class Command:
    """A global command: works in any step, in the person's words or as `/name`."""

    name: str
    words: Msg
    run: Callable[[Turn[Any]], Awaitable[Next]]
    describe: Msg  # one line for help screens and Telegram's command list
    role: str | None = None  # only people with this role (or "admin") have it; others never see it
    # Understood in every language's words and even before onboarding: the ways out of a wrong
    # language pick or of anything the bot cannot do (language, talk to a human, stop, start).
    always: bool = False

    def allowed(self, roles: Iterable[str]) -> bool:
        return self.role is None or bool({self.role, "admin"} & set(roles))


@dataclass(frozen=True, slots=True)
class Then:
    """What a guard returns to let the message be answered as usual and then make a move (ask
    "are you in danger now?" after keeping a CV answer that mentions danger)."""

    next: Next


# A guard sees every message first, with the question the person is on (None at first contact).
# It returns False (not its business), True (it answered the message; nothing more to do), a move
# to make instead of answering it, or `Then(move)`.
Guard = Callable[["Turn[Any]", "Question | None"], Awaitable[bool | Next | Then]]


@dataclass(frozen=True)
class Mode:
    """A state of the person's whole conversation that spans steps (talking to a volunteer).

    While `t.state.nav["mode"]` names a mode and `active(t)` says it still holds, every message is
    answered at `home`, whatever step the person was on; a global command not in `keeps` first asks
    `leave` ("end the conversation, or stay?"), whose handler may `Perform` the command after all.
    When `active` says the mode is over (the other side ended it), the person carries on where they
    were before it began."""

    home: str
    leave: str
    active: Callable[[Turn[Any]], Awaitable[bool]]
    keeps: frozenset[str] = frozenset()
    # Said to a message that arrives after the mode ended elsewhere, before the question the person
    # is back at is asked again (the message is not taken as its answer).
    gone: Msg | None = None


@dataclass(frozen=True)
class Script:
    """Everything the engine needs to hold a conversation: flows, commands and entry points."""

    flows: Sequence[Flow]
    commands: Sequence[Command]
    first_step: str  # where a new person starts
    menu_step: str  # where RETURN leads when nothing called
    resume_step: str  # offered after CONVERSATION_IDLE_DAYS of silence
    # Looked at before commands and questions, at any step: each may answer the message itself
    # (the emergency words) and returns True when the message needs nothing more, or a move.
    guards: Sequence[Guard] = ()
    # Old step keys → new ones, so people saved at a renamed step carry on where they were.
    renamed: Mapping[str, str] = field(default_factory=dict)
    # Builds the services the flows use, bound to a batch's transaction (`Turn.services`);
    # without it, flows get translation only (bot/engine/services.py).
    services: Callable[[Binding], Services] | None = None
    modes: Mapping[str, Mode] = field(default_factory=dict)
    steps: dict[str, Question] = field(init=False)

    def __post_init__(self) -> None:
        steps: dict[str, Question] = {}
        for flow in self.flows:
            steps.update(flow.questions)
        object.__setattr__(self, "steps", steps)
        entries = [self.first_step, self.menu_step, self.resume_step, *self.renamed.values()]
        for mode in self.modes.values():
            entries += [mode.home, mode.leave]
        for key in entries:
            if key not in steps:
                raise ValueError(f"entry step {key} is not declared by any flow")
        parts: list[object] = []
        for question in steps.values():
            parts += [question.handler, question.prompt, question.options, question.current]
        functions = [*(c.run for c in self.commands), *self.guards]
        functions += [mode.active for mode in self.modes.values()]
        names = [c.name for c in self.commands]
        targets.check([*steps, *self.renamed], names, parts, functions)

    def step(self, key: str | None) -> Question | None:
        if not key:
            return None
        return self.steps.get(self.renamed.get(key, key))
