"""What a pressed button carries back, the same on every platform: the question and the option.

`step|option` tells the engine which question the button belonged to, so a press on an old
keyboard is recognised. If that does not fit the platform's limit, the option's number is sent
instead (`#3`), which picks it like a typed number. Anything else is someone else's button.
"""

from __future__ import annotations

from typing import Any

from bot.messages import Kind


def encode(step: str | None, option_id: str, index: int, limit: int) -> str:
    data = f"{step}|{option_id}"
    return data if len(data.encode()) <= limit else f"#{index}"


def decode(data: str) -> dict[str, Any]:
    """The `Inbound` fields a button press stands for. A payload we did not make (the button of
    an operator's approved template, "STOP") is a press of no question: `step` None, `choice`
    the payload; the engine then reads what the button said."""
    if data.startswith("#") and data[1:].isdigit():
        return {"text": data[1:]}
    step, bar, option = data.partition("|")
    if not bar or not step:
        return {"kind": Kind.CHOICE, "choice": data, "step": None}
    return {"kind": Kind.CHOICE, "choice": option or None, "step": step}
