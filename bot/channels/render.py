"""Plain-text rendering shared by text-only channels (console, SMS, WhatsApp without templates).

Choices become numbered lines. In right-to-left languages each line starts with a right-to-left
mark and each label is isolated, so "1." stays at the start of the line and a French word inside an
Arabic label cannot drag the line into left-to-right order.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import bidi
from bot.messages import Outgoing, OutKind


def numbered_lines(out: Outgoing) -> list[str]:
    lines = []
    for number, option in enumerate(out.options, start=1):
        if out.rtl:
            lines.append(f"{bidi.RLM}{number}. {bidi.isolate(option.label)}")
        else:
            lines.append(f"{number}. {option.label}")
    return lines


def as_text(out: Outgoing) -> str:
    """The message as one block of text, choices numbered (options that are not picked by number
    are left out: the prompt says which word to type)."""
    parts = [out.text] if out.text else []
    if out.kind is OutKind.CHOICES and out.options and out.numbered:
        parts.append("\n".join(numbered_lines(out)))
    if out.kind is OutKind.DOCUMENT and out.path:
        parts.append(out.path)  # the console shows where the file is
    if out.kind is OutKind.LOCATION and out.latitude is not None:
        parts.append(f"https://www.openstreetmap.org/?mlat={out.latitude}&mlon={out.longitude}")
    return "\n".join(parts)


_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", "። ", "؟ ", "۔ ", "। ", " ")


def split_text(text: str, limit: int, length: Callable[[str], int] = len) -> list[str]:
    """Cut a text into parts of at most `limit` (as `length` counts), at the best boundary:
    a paragraph, a line, a sentence, a word — a hard cut only for an unbroken run."""
    parts = []
    rest = text
    while length(rest) > limit:
        window = _longest_prefix(rest, limit, length)
        cut = 0
        for mark in _BREAKS:
            at = window.rfind(mark)
            if at > len(window) // 3:
                cut = at + len(mark)
                break
        cut = cut or len(window)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p] or ([text] if text else [])


def _longest_prefix(text: str, limit: int, length: Callable[[str], int]) -> str:
    if length(text[:limit]) <= limit:
        return text[:limit]
    low, high = 0, limit
    while low < high:  # characters outside the BMP count twice in UTF-16
        middle = (low + high + 1) // 2
        if length(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low]
