"""The directory's edit forms: which fields a service and a job offer show, how a stored row fills
them, and how a posted form becomes a row of our import format — checked by the importer itself
(bot/directory/importer.py), so an edit passes exactly the checks a file would."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from multidict import MultiDictProxy

from bot.directory import categories
from bot.directory.records import CONTRACT_LABELS, CONTRACTS, LEVELS, RowError
from bot.i18n.msg import Msg, _

SOURCE = "console"  # rows made in the console are keyed (console, console-<random>)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: Msg
    kind: str = "text"  # text | long | check | date | number | choice | categories | hours
    required: bool = False
    choices: tuple[tuple[str, Msg | str], ...] = ()
    hint: Msg | None = None


SERVICE_FIELDS = (
    Field("name", _("console.field.name"), required=True),
    Field("organisation", _("console.field.organisation")),
    Field("categories", _("console.field.categories"), "categories", required=True),
    Field("description", _("console.field.description"), "long"),
    Field("address", _("console.field.address")),
    Field("postcode", _("console.field.postcode")),
    Field("city", _("console.field.city")),
    Field("opening_hours", _("console.field.opening_hours"), "hours", hint=_("console.hours.hint")),
    Field("languages", _("console.field.languages"), hint=_("console.field.languages_hint")),
    Field("publics", _("console.field.publics")),
    Field("conditions", _("console.field.conditions"), "long"),
    Field("price", _("console.field.price")),
    Field("phone", _("console.field.phone")),
    Field("website", _("console.field.website")),
    Field("latitude", _("console.field.latitude"), "number"),
    Field("longitude", _("console.field.longitude"), "number"),
    Field("last_verified", _("console.field.last_verified"), "date"),
    Field("national", _("console.field.national"), "check"),
)
JOB_FIELDS = (
    Field("title", _("console.field.title"), required=True),
    Field("employer", _("console.field.employer")),
    Field("sector", _("console.field.sector")),
    Field("rome", _("console.field.rome"), hint=_("console.field.rome_hint")),
    Field(
        "contract",
        _("console.field.contract"),
        "choice",
        choices=tuple((code, CONTRACT_LABELS[code]) for code in CONTRACTS),
    ),
    Field("description", _("console.field.description"), "long"),
    Field("city", _("console.field.city")),
    Field("postcode", _("console.field.postcode")),
    Field("salary", _("console.field.salary")),
    Field("hours", _("console.field.hours")),
    Field("experience", _("console.field.experience")),
    Field(
        "french_level",
        _("console.field.french_level"),
        "choice",
        choices=(("", "—"), *((level, level) for level in LEVELS)),
    ),
    Field("driving_licence", _("console.field.driving_licence"), "check"),
    Field("refugee_friendly", _("console.field.refugee_friendly"), "check"),
    Field("how_to_apply", _("console.field.how_to_apply"), "long"),
    Field("latitude", _("console.field.latitude"), "number"),
    Field("longitude", _("console.field.longitude"), "number"),
    Field("published", _("console.field.published"), "date"),
    Field("updated", _("console.field.updated"), "date"),
)
CATEGORY_CHOICES = tuple((c.id, c.label) for c in categories.CATEGORIES)
# What a problem found by the importer is called, for every reader (pydantic's error types and
# the importer's own); anything else is "not accepted", with the English detail beside it.
PROBLEMS: dict[str, Msg] = {
    "missing": _("console.problem.missing"),
    "string_too_short": _("console.problem.missing"),
    "too_short": _("console.problem.missing"),
    "string_too_long": _("console.problem.too_long"),
    "string_pattern_mismatch": _("console.problem.pattern"),
    "literal_error": _("console.problem.choice"),
    "float_parsing": _("console.problem.number"),
    "greater_than_equal": _("console.problem.range"),
    "less_than_equal": _("console.problem.range"),
    "date_parsing": _("console.problem.date"),
    "date_from_datetime_parsing": _("console.problem.date"),
    "bool_parsing": _("console.problem.yes_no"),
    "extra_forbidden": _("console.problem.unknown_column"),
    "place": _("console.problem.place"),
    "source": _("console.problem.source"),
    "duplicate": _("console.problem.duplicate"),
}
OTHER_PROBLEM = _("console.problem.other")
JOB_COLUMNS = {"published": "published_at", "updated": "updated_on"}


def problem_label(error: RowError) -> Msg:
    return PROBLEMS.get(error.kind, OTHER_PROBLEM)


def values_of(kind: str, row: Any) -> dict[str, str]:
    """A stored row as the form's text values."""
    fields = JOB_FIELDS if kind == "jobs" else SERVICE_FIELDS
    found: dict[str, str] = {}
    for field in fields:
        value = getattr(row, JOB_COLUMNS.get(field.name, field.name)) if row is not None else None
        if value is None:
            found[field.name] = ""
        elif isinstance(value, list):
            found[field.name] = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            found[field.name] = "on" if value else ""
        elif isinstance(value, dt.date):
            found[field.name] = value.isoformat()
        else:
            found[field.name] = str(value)
    return found


def posted(kind: str, form: MultiDictProxy[Any]) -> tuple[dict[str, str], list[str]]:
    """The form's values as typed (to show them again) and the categories ticked."""
    fields = JOB_FIELDS if kind == "jobs" else SERVICE_FIELDS
    values = {f.name: str(form.get(f.name, "")).strip() for f in fields if f.kind != "categories"}
    ticked = [str(v) for v in form.getall("categories", [])]
    values["categories"] = ", ".join(ticked)
    return values, ticked


def record_data(
    kind: str, values: Mapping[str, str], ticked: list[str], row: Any
) -> dict[str, Any]:
    """A row of our import format: the stored row's source and id, the form's fields."""
    fields = JOB_FIELDS if kind == "jobs" else SERVICE_FIELDS
    data: dict[str, Any] = {
        "source": row.source if row is not None else SOURCE,
        "source_id": row.source_id if row is not None else f"{SOURCE}-{uuid.uuid4().hex[:12]}",
        "sample": bool(row.sample) if row is not None else False,
    }
    for field in fields:
        value = values.get(field.name, "")
        if field.kind == "categories":
            data["categories"] = ticked
        elif field.kind == "check":
            data[field.name] = value == "on"
        elif value:
            data[field.name] = value
    return data
