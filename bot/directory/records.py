"""One job offer or one service, as an import reads it: validated, normalised, hashable.

This is our own format (documented in docs/importing.md); other sources (data·inclusion, France
Travail) are mapped onto it in `formats`. Spreadsheets are forgiving: "Oui", "x" and "true" are
all yes, "03/11/2026" is a date, "CDI" and "cdi" are the same contract, lists are written
"fr; ar; en". Whatever cannot be understood is an error naming the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, Any, Literal

import opening_hours
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.cv.vocabulary import CONTRACTS as CV_CONTRACTS
from bot.directory import categories
from bot.i18n.msg import Msg, _

CONTRACTS = ("cdi", "cdd", "interim", "seasonal", "apprentice", "other")
# The source of offers employers post themselves (bot/employers): reserved, never imported.
EMPLOYER_SOURCE = "employer"
# The CV names the same contracts (people choose those they want among them).
CONTRACT_LABELS: dict[str, Msg] = {t.id: t.label for t in CV_CONTRACTS} | {
    "other": _("jobs.contract.other")
}
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

_CONTRACT_WORDS = {
    "cdi": "cdi",
    "cdd": "cdd",
    "interim": "interim",
    "intérim": "interim",
    "mis": "interim",
    "temporary": "interim",
    "seasonal": "seasonal",
    "saisonnier": "seasonal",
    "sai": "seasonal",
    "apprentice": "apprentice",
    "apprenticeship": "apprentice",
    "apprentissage": "apprentice",
    "alternance": "apprentice",
    "other": "other",
    "autre": "other",
}
_YES = {"1", "true", "yes", "y", "oui", "o", "x", "vrai"}
_NO = {"0", "false", "no", "n", "non", "faux", ""}
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _boolean(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return value


def _date(value: Any) -> Any:
    """ISO dates, ISO date-times (France Travail's "2026-11-03T10:12:00.000Z") and 03/11/2026."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        french = _FRENCH_DATE.match(text)
        if french:
            day, month, year = (int(part) for part in french.groups())
            return dt.date(year, month, day)
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    return value


def _words(value: Any) -> Any:
    """A list written in one cell: "fr; ar, en" → ["fr", "ar", "en"]."""
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,|\n]", value) if part.strip()]
    return value


def _optional_float(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        return float(text) if text else None
    return value


Yes = Annotated[bool, BeforeValidator(_boolean)]
Day = Annotated[dt.date | None, BeforeValidator(_date)]
Words = Annotated[list[str], BeforeValidator(_words)]
Degrees = Annotated[float | None, BeforeValidator(_optional_float)]
Short = Annotated[str, Field(max_length=200)]
Long = Annotated[str, Field(max_length=5000)]


class Record(BaseModel):
    """What jobs and services share: where they come from and where they are."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid", coerce_numbers_to_str=True)

    source: str = Field(default="", max_length=64, pattern=r"^[\w.-]*$")
    source_id: str = Field(min_length=1, max_length=128)
    city: str = Field(default="", max_length=100)
    postcode: str = Field(default="", pattern=r"^(\d{5}|2[AB]\d{3})?$")
    latitude: Degrees = Field(default=None, ge=-90, le=90)
    longitude: Degrees = Field(default=None, ge=-180, le=180)
    sample: Yes = False

    @model_validator(mode="after")
    def _both_coordinates(self) -> Record:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self

    def content_hash(self) -> str:
        """Changes when anything we store changes: an unchanged row is not rewritten."""
        body = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(body.encode()).hexdigest()


class JobRecord(Record):
    title: str = Field(min_length=1, max_length=200)
    description: Long = ""
    employer: Short = ""
    sector: Short = ""
    rome: str = Field(default="", pattern=r"^([A-N]\d{4})?$")
    contract: Literal["cdi", "cdd", "interim", "seasonal", "apprentice", "other"] = "other"
    salary: Short = ""
    hours: Short = ""
    experience: Short = ""
    french_level: Literal["", "A1", "A2", "B1", "B2", "C1", "C2"] = ""
    driving_licence: Yes = False
    refugee_friendly: Yes = False
    how_to_apply: Long = ""
    published: Day = None
    updated: Day = None

    @field_validator("contract", mode="before")
    @classmethod
    def _contract(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = value.strip().casefold()
            return _CONTRACT_WORDS.get(word, word or "other")
        return value

    @field_validator("rome", "french_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


class ServiceRecord(Record):
    name: str = Field(min_length=1, max_length=200)
    description: Long = ""
    organisation: Short = ""
    categories: Words = Field(min_length=1)
    address: str = Field(default="", max_length=300)
    opening_hours: str = Field(default="", max_length=500)
    languages: Words = []
    publics: Words = []
    conditions: Long = ""
    price: Short = ""
    phone: str = Field(default="", max_length=40)
    website: str = Field(default="", max_length=300, pattern=r"^(https?://\S+)?$")
    last_verified: Day = None
    national: Yes = False  # the same everywhere in France (a phone line such as the 115)

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        unknown = [c for c in value if c not in categories.IDS]
        if unknown:
            known = ", ".join(sorted(categories.IDS))
            raise ValueError(
                f"unknown categor{'ies' if len(unknown) > 1 else 'y'} "
                f"{', '.join(unknown)} (known: {known})"
            )
        return list(dict.fromkeys(value))

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        codes = [code.casefold() for code in value]
        wrong = [code for code in codes if not re.fullmatch(r"[a-z]{2,3}", code)]
        if wrong:
            raise ValueError(f"{', '.join(wrong)}: write ISO 639 codes such as fr, ar, uk, prs")
        return list(dict.fromkeys(codes))

    @field_validator("opening_hours")
    @classmethod
    def _osm_hours(cls, value: str) -> str:
        if value and not opening_hours.validate(value):
            raise ValueError(
                "not in OpenStreetMap opening_hours syntax (e.g. Mo-Fr 09:00-12:00; PH off)"
            )
        return value

    @model_validator(mode="after")
    def _somewhere(self) -> ServiceRecord:
        if not self.national and not (self.postcode or self.city or self.latitude is not None):
            raise ValueError("say where it is (postcode, city or coordinates), or mark it national")
        return self


class RowError(BaseModel):
    """One problem in one row: where (line, field) and what. `kind` names the problem for a
    reader in another language (pydantic's error type, or "place", "source", "duplicate"); the
    message is the English detail the shell prints."""

    line: int
    field: str
    message: str
    kind: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.message}"


def errors_of(error: ValidationError, line: int) -> list[RowError]:
    found = []
    for problem in error.errors(include_url=False):
        field = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        found.append(RowError(line=line, field=field, message=message, kind=problem["type"]))
    return found
