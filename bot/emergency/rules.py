"""Reading `content/emergency/<lang>.yaml`: each language's phrases of danger and what cancels them.

A file has these parts (all optional; `content/emergency/README.md` explains them to editors):

    alarm:      {category: [phrases]}  an emergency on its own: "me frapp*", "nulle part où dormir"
    weak:       [phrases]  ambiguous words ("urgent", "danger"): an emergency only in a message of a
                few words, beside a call for help, or beside another weak word
    alone:      [phrases]  a call for help that is an emergency when the message says nothing else
                ("aidez-moi", "svp aidez moi vite"), not when it asks for something ("aidez-moi à
                faire mon CV"); it also makes a weak word count, as `calls` do
    calls:      [phrases]  a call for help that makes a weak word count: "vite", "au secours"
    filler:     [phrases]  words that may stand beside an `alone` call and leave it alone: "svp",
                "quelqu'un", "maintenant"
    negation:   {before: [...], after: [...]}  cues that cancel a match right before or after it
                (or inside a ".." gap of it)
    senses:     [phrases]  the other senses of the weak words ("travail", "cv", "prévention"):
                cancel a weak word near them, before or after, in the same clause
    context:    [phrases]  another time or place ("dans mon pays"), a film, a word asked about:
                cancel any match near them, before or after, in the same clause
    context_before: [phrases]  a condition or a question in general ("que faire si", "est-ce
                que"): cancels any match that comes after it in the same clause
    clause:     [words]  words that end a clause as a full stop does ("mais")

A file that cannot be read or holds an unusable phrase raises `RulesError` naming the file, at
start-up (bot/app.py), not at the first message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.emergency.phrases import (
    Phrase,
    PhraseError,
    alternation,
    fold,
    parse,
    sequence,
    words,
)
from bot.i18n.catalogs import CatalogError

CATEGORIES = (
    "violence",
    "threat",
    "sexual",
    "suicide",
    "medical",
    "fire",
    "shelter",
    "child",
    "confined",
    "call",
)
_KEYS = {
    "alarm",
    "weak",
    "alone",
    "calls",
    "filler",
    "negation",
    "senses",
    "context",
    "context_before",
    "clause",
}
ALONE = "call"  # the category of an `alone` call for help


class RulesError(CatalogError):
    """An emergency rules file is missing or wrong; the message names the file."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A phrase that can raise the alarm: `category` is None for a weak word; `alone`: only when
    the message is nothing but calls for help (see `Modifiers.only_calls`)."""

    lang: str
    category: str | None
    phrase: Phrase
    alone: bool = False


@dataclass(frozen=True, slots=True)
class Modifiers:
    """What may cancel or support a match, for one language (or several merged)."""

    negation_before: re.Pattern[str] | None
    negation_after: re.Pattern[str] | None
    negation_anywhere: re.Pattern[str] | None
    senses: re.Pattern[str] | None
    context: re.Pattern[str] | None
    context_before: re.Pattern[str] | None
    calls: re.Pattern[str] | None
    only_calls: re.Pattern[str] | None  # a whole text of `alone`, `calls` and `filler` phrases
    clause: frozenset[str]


@dataclass(frozen=True, slots=True)
class LanguageRules:
    lang: str
    entries: tuple[Entry, ...]
    negation_before: tuple[Phrase, ...]
    negation_after: tuple[Phrase, ...]
    senses: tuple[Phrase, ...]
    context: tuple[Phrase, ...]
    context_before: tuple[Phrase, ...]
    calls: tuple[Phrase, ...]
    alone: tuple[Phrase, ...]
    filler: tuple[Phrase, ...]
    clause: frozenset[str]


def load_language(path: Path, lang: str) -> LanguageRules:
    try:
        # BaseLoader: every value is text, so a cue such as `no` or `on` stays a word.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(f"cannot read the emergency rules {path}: {error}") from None
    try:
        return _rules(data, lang)
    except (PhraseError, TypeError, ValueError) as error:
        raise RulesError(f"{path}: {error}") from None


def merge(rules: list[LanguageRules]) -> Modifiers:
    """The modifiers of several languages together (a match's language and the person's)."""
    return Modifiers(
        negation_before=alternation([p for r in rules for p in r.negation_before], at="end"),
        negation_after=alternation([p for r in rules for p in r.negation_after], at="start"),
        negation_anywhere=alternation(
            [p for r in rules for p in (*r.negation_before, *r.negation_after)]
        ),
        senses=alternation([p for r in rules for p in r.senses]),
        context=alternation([p for r in rules for p in r.context]),
        context_before=alternation([p for r in rules for p in r.context_before]),
        calls=alternation([p for r in rules for p in (*r.calls, *r.alone)]),
        only_calls=sequence([p for r in rules for p in (*r.alone, *r.calls, *r.filler)]),
        clause=frozenset(w for r in rules for w in r.clause),
    )


def _rules(data: Any, lang: str) -> LanguageRules:
    if not isinstance(data, dict):
        raise ValueError(f"expected a mapping with some of {sorted(_KEYS)}")
    unknown = set(data) - _KEYS
    if unknown:
        raise ValueError(f"unknown part(s) {sorted(unknown)}; expected some of {sorted(_KEYS)}")
    alarm = data.get("alarm") or {}
    if not isinstance(alarm, dict):
        raise ValueError("'alarm' must map categories to lists of phrases")
    entries = []
    for category, phrases in alarm.items():
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")
        entries += [Entry(lang, category, p) for p in _phrases(phrases, f"alarm.{category}")]
    alone = _phrases(data.get("alone"), "alone")
    entries += [Entry(lang, ALONE, p, alone=True) for p in alone]
    entries += [Entry(lang, None, p) for p in _phrases(data.get("weak"), "weak")]
    negation = data.get("negation") or {}
    if not isinstance(negation, dict) or set(negation) - {"before", "after"}:
        raise ValueError("'negation' must have 'before' and/or 'after' lists")
    clause = [fold(w) for w in _strings(data.get("clause"), "clause")]
    if any(len(words(w)) != 1 for w in clause):
        raise ValueError("'clause' lists single words")
    return LanguageRules(
        lang=lang,
        entries=tuple(entries),
        negation_before=_phrases(negation.get("before"), "negation.before", anchored=False),
        negation_after=_phrases(negation.get("after"), "negation.after", anchored=False),
        senses=_phrases(data.get("senses"), "senses", anchored=False),
        context=_phrases(data.get("context"), "context", anchored=False),
        context_before=_phrases(data.get("context_before"), "context_before", anchored=False),
        calls=_phrases(data.get("calls"), "calls", anchored=False),
        alone=alone,
        filler=_phrases(data.get("filler"), "filler", anchored=False),
        clause=frozenset(clause),
    )


def _phrases(value: Any, part: str, *, anchored: bool = True) -> tuple[Phrase, ...]:
    return tuple(parse(source, anchored=anchored) for source in _strings(value, part))


def _strings(value: Any, part: str) -> list[str]:
    if value is None or value == "":  # an empty part (`weak:`) reads as ""
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{part!r} must be a list of phrases (text)")
    return [str(v) for v in value]
