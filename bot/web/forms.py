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
    Field("name", _("web.field.name"), required=True),
    Field("organisation", _("web.field.organisation")),
    Field("categories", _("web.field.categories"), "categories", required=True),
    Field("description", _("web.field.description"), "long"),
    Field("address", _("web.field.address")),
    Field("postcode", _("web.field.postcode")),
    Field("city", _("web.field.city")),
    Field("opening_hours", _("web.field.opening_hours"), "hours", hint=_("web.hours.hint")),
    Field("languages", _("web.field.languages"), hint=_("web.field.languages_hint")),
    Field("publics", _("web.field.publics")),
    Field("conditions", _("web.field.conditions"), "long"),
    Field("price", _("web.field.price")),
    Field("phone", _("web.field.phone")),
    Field("website", _("web.field.website")),
    Field("latitude", _("web.field.latitude"), "number"),
    Field("longitude", _("web.field.longitude"), "number"),
    Field("last_verified", _("web.field.last_verified"), "date"),
    Field("national", _("web.field.national"), "check"),
)
JOB_FIELDS = (
    Field("title", _("web.field.title"), required=True),
    Field("employer", _("web.field.employer")),
    Field("sector", _("web.field.sector")),
    Field("rome", _("web.field.rome"), hint=_("web.field.rome_hint")),
    Field(
        "contract",
        _("web.field.contract"),
        "choice",
        choices=tuple((code, CONTRACT_LABELS[code]) for code in CONTRACTS),
    ),
    Field("description", _("web.field.description"), "long"),
    Field("city", _("web.field.city")),
    Field("postcode", _("web.field.postcode")),
    Field("salary", _("web.field.salary")),
    Field("hours", _("web.field.hours")),
    Field("experience", _("web.field.experience")),
    Field(
        "french_level",
        _("web.field.french_level"),
        "choice",
        choices=(("", "—"), *((level, level) for level in LEVELS)),
    ),
    Field("driving_licence", _("web.field.driving_licence"), "check"),
    Field("refugee_friendly", _("web.field.refugee_friendly"), "check"),
    Field("how_to_apply", _("web.field.how_to_apply"), "long"),
    Field("latitude", _("web.field.latitude"), "number"),
    Field("longitude", _("web.field.longitude"), "number"),
    Field("published", _("web.field.published"), "date"),
    Field("updated", _("web.field.updated"), "date"),
)
CATEGORY_CHOICES = tuple((c.id, c.label) for c in categories.CATEGORIES)
# What a problem found by the importer is called, for every reader (pydantic's error types and
# the importer's own); anything else is "not accepted", with the English detail beside it.
PROBLEMS: dict[str, Msg] = {
    "missing": _("web.problem.missing"),
    "string_too_short": _("web.problem.missing"),
    "too_short": _("web.problem.missing"),
    "string_too_long": _("web.problem.too_long"),
    "string_pattern_mismatch": _("web.problem.pattern"),
    "literal_error": _("web.problem.choice"),
    "float_parsing": _("web.problem.number"),
    "greater_than_equal": _("web.problem.range"),
    "less_than_equal": _("web.problem.range"),
    "date_parsing": _("web.problem.date"),
    "date_from_datetime_parsing": _("web.problem.date"),
    "bool_parsing": _("web.problem.yes_no"),
    "extra_forbidden": _("web.problem.unknown_column"),
    "place": _("web.problem.place"),
    "source": _("web.problem.source"),
    "duplicate": _("web.problem.duplicate"),
}
OTHER_PROBLEM = _("web.problem.other")
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
