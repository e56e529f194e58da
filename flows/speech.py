"""Voice notes in the conversation: listen, show what was heard, then use it as if typed.

```mermaid
flowchart LR
    voice([a voice note, at any step]) -->|"🎤 listening…"| job[[after commit: fetch, hear]]
    job -->|what was heard| heard{{speech.heard: "I heard: …"}}
    heard -->|yes| caller([the question they were on, answered with the text])
    heard -->|say it again / type it instead| back([the question they were on])
    job -->|too big, too long, not audio, silent| told([a message; the question again])
```

A guard sees every message first. A voice note (`Kind.VOICE`) is acknowledged at once and heard
after its turn is committed (bot/speech/notes.py), never inside a transaction; what was heard
comes back as a message of its own (`Kind.HEARD`), which this guard turns into the question
"🎤 I heard: … — yes / say it again / type it instead", called from the step the person was on.
"Yes" answers that step with the text exactly as if typed (`AnswerCaller`): a menu choice said
as words, a city, a CV answer, a message to a volunteer (who is told it was transcribed).

No guessing where the model cannot hear: Tigrinya is not among Whisper's languages, Pashto is
heard too badly (SPEECH_UNHEARD_LANGUAGES), and a note that sounds like another language without
confidence is not transcribed. The person is told, in their language, to write or to ask for a
volunteer; while they talk to one, such a note is passed to the volunteer to listen to instead.
"""

from __future__ import annotations

from pathlib import Path

from bot.engine.flow import RETURN, STAY, Answer, AnswerCaller, Call, Flow, Next, Question
from bot.i18n import bidi
from bot.i18n.msg import Msg, Option, _
from bot.i18n.normalize import for_matching
from bot.messages import Kind, Outgoing, OutKind, Recipient
from bot.speech import models, notes
from bot.speech.service import kept_notes
from bot.speech.transcriber import hears
from flows.services import Turn

flow = Flow("speech")

STEP = "speech.heard"
PENDING = "heard"  # nav: the transcript waiting for "yes" (never in "my data": it is a moment's)
YES = Option("yes", _("speech.heard.yes"), _("answer.words.yes"))
AGAIN = Option("again", _("speech.heard.again"))
TYPE = Option("type", _("speech.heard.type"))
NUMBERS = _("speech.words.numbers")  # "one|two|three…": a number said, as its digit
VOLUNTEER_WORDS = _("command.words.human")
PROBLEMS = {
    "too_big": _("speech.too_big"),
    "too_long": _("speech.too_long"),
    "not_audio": _("speech.not_audio"),
    "silent": _("speech.silent"),
    "failed": _("speech.failed"),
}
OFF, UNHEARD, UNSURE = _("speech.off"), _("speech.unheard"), _("speech.unsure")
NOTE = _("speech.vol.note")  # the caption of a note passed to a volunteer


async def guard(t: Turn, question: Question | None) -> bool | Next:
    """Voice notes and what they were heard to say, at any step (see the module's text)."""
    if t.state.step != STEP:  # a transcript nobody confirmed is not kept
        t.state.nav.pop(PENDING, None)
    if t.inbound.kind is Kind.VOICE:
        return await _voice(t)
    if t.inbound.kind is Kind.HEARD:
        return await _heard(t)
    return False


def _prompt(t: Turn) -> Msg:
    return _("speech.heard.prompt", text=t.state.nav.get(PENDING, ""))


@flow.question(
    "heard", prompt=_prompt, options=(YES, AGAIN, TYPE), accepts=("text",), temporary=True
)
async def heard(t: Turn, answer: Answer) -> Next:
    text = str(t.state.nav.pop(PENDING, "") or "")
    if answer.choice == YES.id and text:
        return AnswerCaller(_as_number(t, text), transcribed=True)
    if answer.choice == AGAIN.id:
        t.say(_("speech.again"))
        return RETURN
    if answer.text:  # they typed their answer here instead: it answers the question they were on
        return AnswerCaller(answer.text)
    t.say(_("speech.type"))
    return RETURN


# --- a voice note arrives -----------------------------------------------------------------------
async def _voice(t: Turn) -> bool | Next:
    if t.inbound.audio is None or t.user.id is None or t.user.language is None:
        return False  # before a language is chosen, the question says what it can read
    settings = t.services.settings
    request = await _talking(t)
    if hears(settings, t.lang):
        t.say(_("speech.listening"))
        t.after_commit(notes.listen(t.inbound, t.lang, transcribe=True, keep_for=request))
        return True
    if request is not None:  # a volunteer can listen to what the model cannot hear
        t.after_commit(notes.listen(t.inbound, t.lang, transcribe=False, keep_for=request))
        return True
    t.say(_unheard(t, OFF if models.hearing(settings) is None else UNHEARD))
    return STAY


async def _talking(t: Turn) -> int | None:
    """The request of someone talking to a volunteer right now, if any."""
    if (t.state.nav.get("mode") or {}).get("name") != "talk":
        return None
    found = await t.services.handovers.current(t.user.id)
    return int(found.id) if found is not None else None


# --- what it was heard to say -------------------------------------------------------------------
async def _heard(t: Turn) -> bool | Next:
    audio = t.inbound.audio
    problem = audio.problem if audio is not None else "failed"
    if problem is None and t.inbound.text:
        t.state.nav[PENDING] = t.inbound.text
        return STAY if t.state.step == STEP else Call(STEP)
    if audio is not None and audio.kept:
        return await _to_volunteer(t, Path(audio.kept))
    if problem in ("unheard", "unsure"):
        t.say(_unheard(t, UNSURE if problem == "unsure" else UNHEARD))
    else:
        settings = t.services.settings
        said = PROBLEMS.get(problem or "", PROBLEMS["failed"])
        limits = {
            "mb": f"{settings.speech_max_mb:g}",
            "seconds": f"{settings.speech_max_seconds:g}",
        }
        t.say(Msg(said.id, limits))
    return STAY


async def _to_volunteer(t: Turn, note: Path) -> bool | Next:
    """Pass a note the model cannot hear to whoever answers the person's request."""
    desk = t.services.handovers
    request = await desk.current(t.user.id)
    if request is None:  # it ended meanwhile (the sweep deletes the note)
        t.say(_unheard(t, UNHEARD))
        return STAY
    count = await desk.add(request.id, "person", "🎤", t.lang, "🎤", "fr", t.now)
    if request.volunteer_id is not None:
        volunteer = await desk.recipient(request.volunteer_id)
        tell_note(t, volunteer, request.id, note)
        await desk.log(volunteer.user_id, request.id, "read", t.now)
    elif count == 1:  # the first words of a request: the volunteers on duty hear of it
        for on_duty in await desk.on_duty(but=t.user.id):
            tell_note(t, on_duty, request.id, note)
            await desk.log(on_duty.user_id, request.id, "notified", t.now)
    t.say(_("speech.kept"))
    return True


# --- for the volunteers' side (flows/handover.py) --------------------------------------------
def tell_note(t: Turn, to: Recipient, request: int, note: Path) -> None:
    """Send a volunteer a person's voice note to listen to, with a line saying what it is."""
    t.told.append((to, note_message(t, to.language or "fr", request, note, t.user.id)))


def give_notes(t: Turn, user_id: int, request: int) -> None:
    """The notes kept for `request`, to the volunteer whose turn this is (when they take it)."""
    for note in kept_notes(t.services.settings, user_id, request):
        t.outgoing.append(note_message(t, t.lang, request, note, user_id))


def mark_transcript(t: Turn, to: Recipient, request: int) -> None:
    """Before a person's words that were spoken, not typed: tell the volunteer so."""
    if t.inbound.transcribed:
        t.tell(to, _("speech.vol.transcript", id=request))


def note_message(t: Turn, lang: str, request: int, note: Path, about: int | None) -> Outgoing:
    """The note as a document for a volunteer; `about` is the person whose voice it is (the row
    is erased with them)."""
    language = t.catalogs.text(t.lang, "language.autonym")
    caption = t.catalogs.text(lang, NOTE.id, {"id": request, "language": language})
    rtl = t.catalogs.is_rtl(lang)
    return Outgoing(
        OutKind.DOCUMENT,
        bidi.anchor_rtl(caption) if rtl else caption,
        lang,
        rtl,
        path=str(note),
        filename=f"voice-{request}{note.suffix}",
        extra={"voice": True},
        about=about,
    )


def _unheard(t: Turn, message: Msg) -> Msg:
    words = t.words(VOLUNTEER_WORDS)
    language = t.catalogs.text(t.lang, "language.autonym")
    return Msg(message.id, {"language": language, "volunteer": words[0] if words else "/human"})


def _as_number(t: Turn, text: str) -> str:
    """ "Two." said at a numbered question means 2, as typed."""
    said = for_matching(text)
    for code in dict.fromkeys((t.lang, "en", "fr")):
        for number, words in enumerate(t.catalogs.own_words(code, NUMBERS.id), start=1):
            if said in {for_matching(w) for w in words.split("/")}:
                return str(number)
    return text
