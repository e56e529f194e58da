"""Does a message say that someone is in danger now? The emergency guard asks it of every message.

The design follows ConText (Harkema et al., 2009), the clinical-text method that extends NegEx:
phrases that signal a condition, and cues that change their meaning when they stand near them in
the same clause — a negation ("je ne suis pas en danger"), another sense ("travail urgent",
"prévention des situations de danger"), another time ("dans mon pays", "il y a deux ans"), a
question in general ("que faire si…"). Here, for one message:

1. The text is folded (`phrases.fold`) and one Aho-Corasick pass looks for the anchors of every
   language's phrases. Most messages contain none, and that is the whole cost for them.
2. The phrases whose anchor is there are matched as whole words on the text's words.
3. A match is dropped when a negation cue stands right before or right after it ("pas en
   danger", "در خطر نیستم") or inside it ("مې نه وهي" for "مې … وهي"), or a context cue whose
   nearest word is within `CONTEXT_WINDOW` words of it — however long the cue: "what should I do
   if" — without a clause mark (full stop, comma, line break, "mais"…) between:
   another time or place, a film, a word asked about; a condition or a general question, only
   before it ("que faire si on me menace", but not "il me frappe et dit que si je parle…"); and,
   for weak words only, their other senses ("travail urgent"): work words do not cancel "mon
   patron me frappe". A negation must touch the match: "je ne sais pas il me frappe" is an
   emergency. The cues are those of the phrase's language and of the person's, so a Dari
   speaker's French is read with French negations.
4. An alarm phrase that stands is an emergency. A weak word ("urgent", "danger") that stands is
   one only in a message of at most `SHORT_MESSAGE` words ("danger!", "police vite"), beside a
   call for help ("urgent aidez-moi"), or beside another weak word — and only a weak word of the
   person's language or of French: in Banglish "fire jan" means "go back". A call for help of the
   `alone` kind ("aidez-moi", "کمکم کنید", "помогите") is one when the message says nothing else
   — only calls and words such as "please", "now", "someone" (`filler`) — and not when it asks
   for something: "aidez-moi à faire mon CV" is ordinary help.

Every language's phrases are tried, whatever the person's language: people write in the language
they think in, mix in French, or chose the interface in a language they read better. The phrases
are data (`content/emergency/<lang>.yaml`, see `rules.py`), so people who speak a language can
correct them without touching code; the corpus under `tests/emergency/` measures the result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from bot.config import PROJECT_DIR
from bot.emergency.phrases import CLAUSE_MARKS, fold, words
from bot.emergency.rules import Entry, LanguageRules, Modifiers, RulesError, load_language, merge
from bot.i18n.catalogs import read_linguas

NEGATION_WINDOW = 3  # words a negation cue may have ("do not", "n'est pas")
CONTEXT_WINDOW = 5
CUE_REACH = CONTEXT_WINDOW + 6  # and the words of the longest cue ("what should i do if")
SHORT_MESSAGE = 4
ALONE_WORDS = 8  # the longest message a call for help alone may be ("please someone help me now")
UNCLEAR = "unclear"  # the category of a weak word that counted
FRENCH = "fr"  # its weak words count for everyone: "danger", "urgent", "police" are learnt first


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a message is an emergency: the kind of danger and the phrase that said it."""

    category: str  # one of rules.CATEGORIES, or UNCLEAR
    lang: str  # the language of the phrase
    phrase: str  # as written in content/emergency/<lang>.yaml
    alone: bool = False  # a cry for help and nothing else ("aidez-moi"): ask before alarming
    # one word that may or may not mean danger, in a short message ("acil para lazım", "urgent
    # avocat"): ask before alarming too
    unsure: bool = False

    @property
    def ask_first(self) -> bool:
        return self.alone or self.unsure


class Detector:
    def __init__(self, rules: Mapping[str, LanguageRules]) -> None:
        self._rules = dict(rules)
        # Alarm phrases first, so a message with both is reported by its alarm.
        self._entries = sorted(
            (e for r in self._rules.values() for e in r.entries), key=lambda e: e.category is None
        )
        self._patterns = [entry.phrase.compile() for entry in self._entries]
        by_anchor: dict[str, list[int]] = {}
        for index, entry in enumerate(self._entries):
            for anchor in entry.phrase.anchors:
                by_anchor.setdefault(anchor, []).append(index)
        self._automaton = ahocorasick.Automaton()
        for anchor, indexes in by_anchor.items():
            self._automaton.add_word(anchor, tuple(indexes))
        self._automaton.make_automaton()
        self._modifiers: dict[tuple[str, str], Modifiers] = {}

    def detect(self, text: str, lang: str) -> Finding | None:
        """The reason `text`, written by someone whose language is `lang`, is an emergency."""
        if not self._entries:
            return None
        folded = fold(text)
        candidates = {index for _, indexes in self._automaton.iter(folded) for index in indexes}
        if not candidates:
            return None
        return self._examine(words(folded), sorted(candidates), lang)

    def _examine(self, tokens: list[str], candidates: list[int], lang: str) -> Finding | None:
        key = " ".join(tokens)
        weak: list[tuple[Entry, str, Modifiers]] = []
        for index in candidates:
            entry = self._entries[index]
            modifiers = self._modifiers_for(entry.lang, lang)
            for match in self._patterns[index].finditer(key):
                first = key.count(" ", 0, match.start())
                last = first + match.group().count(" ") + 1
                if _cancelled(tokens, first, last, modifiers, entry.category is None):
                    continue
                if _negated_inside(match, modifiers):
                    continue
                if entry.alone:
                    if _only_calls(tokens, modifiers):
                        return Finding(
                            entry.category or UNCLEAR, entry.lang, entry.phrase.source, alone=True
                        )
                    break  # "help me find a job": the rest of the message asks for something
                if entry.category is not None:
                    return Finding(entry.category, entry.lang, entry.phrase.source)
                if entry.lang in (lang, FRENCH):
                    weak.append((entry, match.group(), modifiers))
                break
        if not weak:
            return None
        entry = weak[0][0]
        finding = Finding(UNCLEAR, entry.lang, entry.phrase.source)
        if len({matched for _, matched, _ in weak}) > 1:
            return finding
        # a call beside the weak word ("police vite"), not the weak word itself ("срочно" is both)
        if any(
            m.calls is not None and m.calls.search(key.replace(matched, " "))
            for _, matched, m in weak
        ):
            return finding
        if sum(token not in CLAUSE_MARKS for token in tokens) <= SHORT_MESSAGE:
            return Finding(UNCLEAR, entry.lang, entry.phrase.source, unsure=True)
        return None

    def _modifiers_for(self, phrase_lang: str, lang: str) -> Modifiers:
        found = self._modifiers.get((phrase_lang, lang))
        if found is None:
            codes = dict.fromkeys(code for code in (phrase_lang, lang) if code in self._rules)
            found = merge([self._rules[code] for code in codes])
            self._modifiers[(phrase_lang, lang)] = found
        return found


def _cancelled(tokens: list[str], first: int, last: int, modifiers: Modifiers, weak: bool) -> bool:
    """A cue before or after tokens[first:last], in the same clause, changes its meaning."""
    before = tokens[max(0, first - CUE_REACH) : first]
    for position in range(len(before) - 1, -1, -1):
        if before[position] in CLAUSE_MARKS or before[position] in modifiers.clause:
            before = before[position + 1 :]
            break
    after = tokens[last : last + CUE_REACH]
    for position, token in enumerate(after):
        if token in CLAUSE_MARKS or token in modifiers.clause:
            after = after[:position]
            break
    touching = (
        (modifiers.negation_before, before[-NEGATION_WINDOW:]),
        (modifiers.negation_after, after[:NEGATION_WINDOW]),
    )
    if any(cue is not None and cue.search(" ".join(near)) for cue, near in touching):
        return True
    earlier, later = " ".join(before), " ".join(after)
    nearby = (
        (modifiers.context, later),
        (modifiers.context_before, ""),
        (modifiers.senses if weak else None, later),
    )
    return any(
        cue is not None and (_ends_near(cue, earlier) or _starts_near(cue, following))
        for cue, following in nearby
    )


def _ends_near(cue: re.Pattern[str], text: str) -> bool:
    """A cue with fewer than `CONTEXT_WINDOW` words between its end and the end of `text`, the
    words before a match, however long the cue is ("what should i do if my baby stops
    breathing")."""
    return any(text.count(" ", m.end()) < CONTEXT_WINDOW for m in cue.finditer(text))


def _starts_near(cue: re.Pattern[str], text: str) -> bool:
    """A cue with fewer than `CONTEXT_WINDOW` words between the start of `text`, the words after
    a match, and its own start."""
    return any(text.count(" ", 0, m.start()) < CONTEXT_WINDOW for m in cue.finditer(text))


def _only_calls(tokens: list[str], modifiers: Modifiers) -> bool:
    """The message is nothing but calls for help and words that add nothing ("svp aidez moi
    vite"); a long one is not, whatever it holds."""
    said = [token for token in tokens if token not in CLAUSE_MARKS]
    whole = modifiers.only_calls
    return len(said) <= ALONE_WORDS and whole is not None and bool(whole.fullmatch(" ".join(said)))


def _negated_inside(match: re.Match[str], modifiers: Modifiers) -> bool:
    """A negation in the words a ".." skipped: "مې نه وهي" is not "مې … وهي"."""
    cue = modifiers.negation_anywhere
    return cue is not None and any(gap and cue.search(gap.strip()) for gap in match.groups())


@lru_cache(maxsize=4)
def load(content_dir: Path = PROJECT_DIR / "content") -> Detector:
    """The detector for every supported language (`content/locales/LINGUAS`), built once."""
    folder = content_dir / "emergency"
    rules = {}
    for code in read_linguas(content_dir / "locales"):
        path = folder / f"{code}.yaml"
        if not path.is_file():
            raise RulesError(f"no emergency rules for {code}: {path} is missing")
        rules[code] = load_language(path, code)
    return Detector(rules)


def detect(text: str, lang: str, content_dir: Path = PROJECT_DIR / "content") -> Finding | None:
    return load(content_dir).detect(text, lang)


def is_emergency(text: str, lang: str, content_dir: Path = PROJECT_DIR / "content") -> bool:
    return load(content_dir).detect(text, lang) is not None
