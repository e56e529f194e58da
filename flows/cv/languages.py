"""The languages you speak, French first, each with a self-assessed level (A1 to C2, each level
explained in one plain sentence, or "mother tongue").

The list of other languages keeps its numbers: a language chosen is marked ✓ and choosing it
again removes it. Another language is typed in any language and found in CLDR's names
("الكردية" → kurde).
"""

from __future__ import annotations

from bot.cv.normalize import languages as language_names
from bot.cv.vocabulary import LEVELS
from bot.engine.flow import STAY, Answer, Goto, Next
from bot.i18n.msg import Option, _, in_language
from flows.cv.choices import chosen_option, pick_one
from flows.cv.common import DONE, at, cv, entry, flow, go, has_letters, question, start_entry
from flows.services import Turn

OTHER_LANGUAGE = Option("other", _("cv.languages.other"))
MAX_LANGUAGES = 6

pick_one(
    "french",
    _("cv.languages.french"),
    tuple(level for level in LEVELS if level.id != "native"),
    "french",
    lambda t: go(t, "cv.lang_more"),
)


def named(t: Turn, code: str) -> str:
    """A language in the person's language ("kurde" in French, "کردی" in Persian)."""
    return language_names.name(code, t.lang)


def spoken(t: Turn) -> list[dict[str, str]]:
    """The languages chosen (an entry whose language was never said is not one)."""
    entries: list[dict[str, str]] = cv(t).setdefault("languages", [])
    return [e for e in entries if e.get("code")]


def language_options(t: Turn) -> list[Option]:
    known = {e["code"] for e in spoken(t)}
    ours = [c for c in t.catalogs.codes if c != "fr"]
    listed = [chosen_option(t, c, in_language(_("language.autonym"), c), c in known) for c in ours]
    # Languages typed come after "that's all", so no number above moves.
    typed = [
        chosen_option(t, c, _("cv.as_written", item=named(t, c)), True)
        for c in known
        if c not in ours
    ]
    return [*listed, OTHER_LANGUAGE, DONE, *typed]


def languages_prompt(t: Turn) -> str:
    return "\n".join(
        (t.text(_("cv.languages.more")), t.text(_("cv.choose_many", max=MAX_LANGUAGES)))
    )


def languages_current(t: Turn) -> str | None:
    return ", ".join(named(t, e["code"]) for e in spoken(t)) or None


@question(
    "lang_more",
    prompt=languages_prompt,
    options=language_options,
    current=languages_current,
    keep=None,
)
async def more_languages(t: Turn, answer: Answer) -> Next:
    if answer.choice == DONE.id:
        return go(t, "end:languages")
    entries = cv(t).setdefault("languages", [])
    codes = [e.get("code") for e in entries]
    if answer.choice in codes:  # chosen again: un-chosen
        del entries[codes.index(answer.choice)]
        return STAY
    if len(spoken(t)) >= MAX_LANGUAGES:
        t.say(_("cv.limit", max=MAX_LANGUAGES))
        return STAY
    if answer.choice == OTHER_LANGUAGE.id:
        return go(t, "cv.lang_typed")
    start_entry(t, "languages")
    entry(t, "languages")["code"] = answer.choice or ""
    return go(t, "cv.lang_level")


@flow.question("lang_typed", prompt=_("cv.languages.typed"), accepts=("text",), data=True)
async def typed_language(t: Turn, answer: Answer) -> Next:
    found = language_names.find(answer.text) if has_letters(answer.text) else []
    if not found:
        t.say(_("cv.languages.unknown", text=answer.text[:60]))
        return STAY
    if len(found) > 1:
        cv(t)["_pending"] = {"candidates": found}
        return Goto("cv.lang_which")
    return chose(t, found[0])


def chose(t: Turn, code: str) -> Next:
    if code in [e["code"] for e in spoken(t)]:
        t.say(_("cv.languages.already", language=named(t, code)))
        return go(t, "cv.lang_more")
    start_entry(t, "languages")
    entry(t, "languages")["code"] = code
    return go(t, "cv.lang_level")


def which_options(t: Turn) -> list[Option]:
    codes = (cv(t).get("_pending") or {}).get("candidates", [])
    return [Option(code, _("cv.as_written", item=named(t, code))) for code in codes]


@flow.question(
    "lang_which",
    prompt=_("cv.languages.which"),
    options=which_options,
    resumable=False,
    temporary=True,
)
async def which_language(t: Turn, answer: Answer) -> Next:
    cv(t).pop("_pending", None)
    return chose(t, answer.choice or "")


def level_path(t: Turn) -> tuple[str | int, ...]:
    entry(t, "languages")
    return ("languages", at(t, "languages"), "level")


def level_prompt(t: Turn) -> str:
    code = entry(t, "languages").get("code") or ""
    return t.text(_("cv.languages.level_of", language=named(t, code)))


pick_one("lang_level", level_prompt, LEVELS, level_path, lambda t: go(t, "cv.lang_more"))
