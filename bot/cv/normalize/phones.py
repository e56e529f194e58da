"""Phone numbers, parsed, checked and written the way a French employer expects (libphonenumber).

A French number is written "06 12 34 56 78"; a foreign one in its international form
("+49 30 1234567"). A number that cannot be a real one says why, so the person can fix it:
too short ("06 12 34"), too long, or not a number at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from bot.cv.normalize.digits import latin_digits


class Problem(Enum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str  # "+33612345678": what a link or a dialler uses
    display: str  # "06 12 34 56 78" or "+49 30 1234567": what the CV prints


def parse(text: str, region: str = "FR") -> Phone | Problem:
    """The number in `text`, or why it is not one. Without "+", a number is taken as French."""
    cleaned = latin_digits(text).strip()
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except NumberParseException as error:
        if error.error_type == NumberParseException.TOO_SHORT_NSN:
            return Problem.TOO_SHORT
        if error.error_type == NumberParseException.TOO_LONG:
            return Problem.TOO_LONG
        return Problem.INVALID
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.TOO_SHORT:
        return Problem.TOO_SHORT
    if possible in (ValidationResult.TOO_LONG, ValidationResult.INVALID_LENGTH):
        return Problem.TOO_LONG if possible == ValidationResult.TOO_LONG else Problem.INVALID
    if not phonenumbers.is_valid_number(number):
        return Problem.INVALID
    style = (
        PhoneNumberFormat.NATIONAL
        if number.country_code == 33 and region == "FR"
        else PhoneNumberFormat.INTERNATIONAL
    )
    return Phone(
        phonenumbers.format_number(number, PhoneNumberFormat.E164),
        phonenumbers.format_number(number, style),
    )
