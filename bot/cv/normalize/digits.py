"""Digits of every script as 0–9: "٠٦١٢", "۰۶۱۲" and "০৬১২" are all "0612".

A French employer cannot read Arabic-Indic digits (the zero even reads as a dot), so every number
a CV keeps — phone, year, postcode — goes through `latin_digits` first.
"""

from __future__ import annotations

import unicodedata


def latin_digits(text: str) -> str:
    """Every decimal digit, whatever its script, as its ASCII digit; other characters kept."""
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text
    )
