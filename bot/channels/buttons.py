"""What a pressed button carries back, the same on every platform: the question and the option.

`step|option` tells the engine which question the button belonged to, so a press on an old
keyboard is recognised. If that does not fit the platform's limit, the option's number is sent
instead (`#3`), which picks it like a typed number.
"""

from __future__ import annotations

from typing import Any

from bot.messages import Kind


def encode(step: str | None, option_id: str, index: int, limit: int) -> str:
    data = f"{step}|{option_id}"
    return data if len(data.encode()) <= limit else f"#{index}"


def decode(data: str) -> dict[str, Any]:
    """The `Inbound` fields a button press stands for."""
    if data.startswith("#") and data[1:].isdigit():
        return {"text": data[1:]}
    step, _, option = data.partition("|")
    return {"kind": Kind.CHOICE, "choice": option or None, "step": step or None}
