"""The languages you speak, French first, each with a self-assessed level (A1 to C2, each level
explained in one plain sentence, or "mother tongue")."""

from __future__ import annotations

from bot.cv.vocabulary import LEVELS
from bot.engine.flow import Answer, Goto, Next
from bot.i18n.msg import Option, _, in_language
from flows.cv.common import DONE, SHORT, cv, flow, free_text, pick_one, section_end
from flows.services import Turn

OTHER_LANGUAGE = Option("other", _("cv.languages.other"))
MAX_LANGUAGES = 6


pick_one(
    "french",
    _("cv.languages.french"),
    tuple(level for level in LEVELS if level.id != "native"),
    "french",
    lambda t: Goto("cv.lang_more"),
)


def language_options(t: Turn) -> list[Option]:
    known = {entry.get("code") for entry in cv(t).get("languages", [])}
    codes = [c for c in t.catalogs.codes if c != "fr" and c not in known]
    return [Option(c, in_language(_("language.autonym"), c)) for c in codes] + [
        OTHER_LANGUAGE,
        DONE,
    ]


@flow.question("lang_more", prompt=_("cv.languages.more"), options=language_options)
async def more_languages(t: Turn, answer: Answer) -> Next:
    entries = cv(t).setdefault("languages", [])
    entries[:] = [e for e in entries if "level" in e or ("code" in e and e.get("code"))]
    if answer.choice == DONE.id or len(entries) >= MAX_LANGUAGES:
        return section_end(t, "languages")
    if answer.choice == OTHER_LANGUAGE.id:
        return Goto("cv.lang_typed")
    entries.append({"code": answer.choice})
    return Goto("cv.lang_level")


def typed_language(t: Turn) -> tuple[str | int, ...]:
    entries = cv(t).setdefault("languages", [])
    entries.append({"code": None})
    return ("languages", -1, "name")


free_text(
    "lang_typed",
    _("cv.languages.typed"),
    typed_language,
    lambda t: Goto("cv.lang_level"),
    limit=SHORT,
    options=(),
)
pick_one(
    "lang_level",
    _("cv.languages.level"),
    LEVELS,
    lambda t: ("languages", -1, "level"),
    lambda t: Goto("cv.lang_more"),
)
