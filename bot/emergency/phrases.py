"""The phrase syntax of `content/emergency/*.yaml`, and the form of a text phrases are matched on.

A text is folded (`fold`): `for_matching` (no case, accents, vowel marks, Arabic/Persian letter
variants, zero-width non-joiners), then the letters people type for one another on the keyboard
they have — Pashto letters on a Persian keyboard (ګ/گ, ې/ی, ښ/ش…), a Latin i in Cyrillic, the
Ethiopic letters that sound alike (ሠ/ሰ, ፀ/ጸ, ቐ/ቀ…) — and apostrophes and hyphens become spaces, so
"m'a" is "m a" and "aidez-moi" is "aidez moi". A line break ends a clause like a full stop.
The folded text is then cut into words and clause marks (`words`).

A phrase is words separated by spaces, matched as whole words, in order:

    me frapp*            "frapp*": any ending (frappe, frappé, frappent)
    *ضربني               "*x": any beginning (وضربني, فضربني: Arabic clitics)
    il/elle me frappe    "a/b": either word
    n? ai? pas de toit   "x?": an optional word
    mari .. frapp*       "..": up to three words in between
    می_زند               "_": an optional space (می‌زند, میزند, می زند)

Each phrase also gets an *anchor*, its longest required piece of literal text: the detector finds
anchors in one pass over the text and tries only the phrases whose anchor is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n.normalize import for_matching


def _ranges(pairs: list[tuple[int, int, int]]) -> dict[str, str]:
    """(first, last, target) code point ranges → letters mapped to letters."""
    return {
        chr(code): chr(target + code - first)
        for first, last, target in pairs
        for code in range(first, last + 1)
    }


_FOLD = str.maketrans(
    {
        # Pashto letters, as typed on a Persian or Arabic keyboard
        "ګ": "گ",
        "ې": "ی",
        "ۍ": "ی",
        "ښ": "ش",
        "ږ": "ژ",
        "ړ": "ر",
        "ټ": "ت",
        "ډ": "د",
        "ڼ": "ن",
        # a Latin i typed for the Ukrainian one (and ї, once its diaeresis is gone)
        "і": "i",
        # separators inside words
        "'": " ",
        "`": " ",
        "-": " ",
        "_": " ",
        # Ethiopic letters that sound alike: ሠ/ሰ, ፀ/ጸ, ኀ/ሐ, ቐ/ቀ, ኸ/ከ
        **_ranges(
            [
                (0x1220, 0x1227, 0x1230),
                (0x1340, 0x1346, 0x1338),
                (0x1280, 0x1286, 0x1210),
                (0x1250, 0x1256, 0x1240),
                (0x12B8, 0x12BE, 0x12A8),
            ]
        ),
    }
)
_WORD_OR_MARK = re.compile(r"[\w\u0980-\u09ff]+|[.!?;,،؛؟።፣፤፥፧…]")
CLAUSE_MARKS = frozenset(".!?;,،؛؟።፣፤፥፧…")
GAP = 3  # words a ".." may skip


def fold(text: str) -> str:
    return for_matching(text.replace("\n", " . ")).translate(_FOLD)


def words(folded: str) -> list[str]:
    """Words and clause marks (Bengali vowel signs are part of words, though not `\\w`)."""
    return _WORD_OR_MARK.findall(folded)


class PhraseError(ValueError):
    """A phrase that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Phrase:
    source: str  # as written in the file
    body: str  # a regular expression over words joined by single spaces, without boundaries;
    # its only capturing groups are the ".." gaps
    anchors: tuple[str, ...]  # one of these is in the folded text of anything the phrase matches

    def compile(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\S){self.body}(?!\S)")


@dataclass(frozen=True, slots=True)
class _Item:
    regex: str
    optional: bool
    gap: bool
    pieces: tuple[str, ...]  # the longest literal piece of each alternative ("" if none)


def parse(source: str, *, anchored: bool = True) -> Phrase:
    """A phrase in the syntax above; `anchored`: it must have an anchor of two letters or more."""
    items = [_item(raw, source) for raw in source.split()]
    required = [item for item in items if not item.optional and not item.gap]
    if not required:
        raise PhraseError(f"{source!r}: no required word")
    if items[0].gap or items[-1].gap:
        raise PhraseError(f"{source!r}: '..' must stand between two words")
    best = max(required, key=lambda item: min(len(piece) for piece in item.pieces))
    if anchored and min(len(piece) for piece in best.pieces) < 2:
        raise PhraseError(f"{source!r}: needs a word with at least two letters written out")
    head = items.index(required[0])
    body = "".join(f"(?:{item.regex} )?" for item in items[:head]) + required[0].regex
    for item in items[head + 1 :]:
        if item.gap:
            body += rf"((?: \S+){{0,{GAP}}})"  # a group: a negation inside it cancels
        elif item.optional:
            body += f"(?: {item.regex})?"
        else:
            body += f" {item.regex}"
    return Phrase(source, body, tuple(dict.fromkeys(best.pieces)))


def _item(raw: str, source: str) -> _Item:
    if raw == "..":
        return _Item("", optional=False, gap=True, pieces=("",))
    optional = len(raw) > 1 and raw.endswith("?")
    regexes, pieces = [], []
    for alternative in (raw[:-1] if optional else raw).split("/"):
        starts_free, ends_free = alternative.startswith("*"), alternative.endswith("*")
        parts = [fold(part) for part in alternative.strip("*").split("_")]
        if not any(parts):
            raise PhraseError(f"{source!r}: empty word in {raw!r}")
        literal = r" ?".join(re.escape(part) for part in parts)
        regexes.append((r"\S*" if starts_free else "") + literal + (r"\S*" if ends_free else ""))
        pieces.append(max((w for part in parts for w in part.split()), key=len, default=""))
    regex = regexes[0] if len(regexes) == 1 else "(?:" + "|".join(regexes) + ")"
    return _Item(regex, optional, gap=False, pieces=tuple(pieces))


def alternation(phrases: list[Phrase], *, at: str = "") -> re.Pattern[str] | None:
    """One expression matching any of the phrases as whole words (None for none); `at="end"`
    or `at="start"`: only at the end, or the start, of the text searched."""
    if not phrases:
        return None
    before, after = {"end": (r"(?<!\S)", "$"), "start": ("^", r"(?!\S)")}.get(
        at, (r"(?<!\S)", r"(?!\S)")
    )
    return re.compile(before + "(?:" + "|".join(p.body for p in phrases) + ")" + after)


def sequence(phrases: list[Phrase]) -> re.Pattern[str] | None:
    """One expression for a text that is nothing but these phrases, one after another (None for
    none); use it with `fullmatch`, on a few words only: it backtracks."""
    if not phrases:
        return None
    one = "(?:" + "|".join(p.body for p in phrases) + ")"
    return re.compile(f"{one}(?: {one})*")
