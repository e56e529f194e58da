"""Right-to-left text that stays readable: isolate inserted values, anchor each line's direction.

Chat apps pick a paragraph's direction from its first strong letter. A numbered Arabic line that
starts with "1." or with a French word can therefore come out left-to-right and scrambled. We start
every line of a right-to-left message with RIGHT-TO-LEFT MARK and wrap inserted values (names,
numbers, French words) in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE so they cannot reorder
their neighbours.
"""

from __future__ import annotations

RLM = "\u200f"
FSI = "\u2068"
PDI = "\u2069"
MARKS = frozenset({RLM, "\u200e", FSI, PDI, "\u2066", "\u2067", "\u202a", "\u202b", "\u202c"})


def isolate(value: str) -> str:
    return f"{FSI}{value}{PDI}" if value else value


def anchor_rtl(text: str) -> str:
    """Start every line with a right-to-left mark (idempotent)."""
    return "\n".join(
        line if not line or line.startswith(RLM) else RLM + line for line in text.split("\n")
    )


def strip_marks(text: str) -> str:
    return "".join(ch for ch in text if ch not in MARKS)
