"""The shapes of a CV's answers in the conversation data, and what the French CV may print.

Free answers (the tasks of a job, a field of study…) are kept as `{"text": as written,
"fr": French or None, "how": …}` where `how` says where the French comes from or what the person
decided: "same" (written in French), "machine" (a machine translation they confirmed), "typed"
(French they wrote themselves), "kept" (keep it as written, even in another script), "out"
(leave it out of the French CV), "volunteer" (a volunteer is helping them write it). A name, an
employer or a foreign city is `{"text": as written, "latin": the Latin spelling they confirmed}`.

The French CV prints no other script than Latin unless the person chose to keep an item as
written; `untranslated` lists what is still waiting for its French, which the person is told
before the PDF is made. CVs saved before these shapes existed are read as well (`upgrade`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.cv.normalize import countries, dates
from bot.cv.normalize.names import is_latin

READY = ("same", "machine", "typed")


def free(text: str, fr: str | None, how: str | None) -> dict[str, Any]:
    return {"text": text, "fr": fr, "how": how}


def french(value: Any) -> str | None:
    """What the French CV prints for a free answer, or None (left out)."""
    if not isinstance(value, dict) or not value.get("text"):
        return None
    how = value.get("how")
    if how == "out":
        return None
    if how == "kept":
        return str(value["text"])
    if value.get("fr") and how in (*READY, None):
        return str(value["fr"])
    return None


def waiting(value: Any) -> bool:
    """A free answer with no French yet and no decision to keep it or leave it out."""
    return (
        isinstance(value, dict)
        and bool(value.get("text"))
        and "latin" not in value
        and french(value) is None
        and value.get("how") != "out"
    )


def latin(value: Any) -> str | None:
    """What the French CV prints for a name, an employer or a foreign city."""
    if not isinstance(value, dict):
        return None
    if value.get("latin"):
        return str(value["latin"])
    if value.get("keep") or (value.get("text") and is_latin(str(value["text"]))):
        return str(value.get("text") or "") or None
    return None


def untranslated(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, what the person wrote) for each free answer still waiting for its French."""
    found: list[tuple[str, str]] = []
    for index, job in enumerate(data.get("jobs", [])):
        if waiting(job):
            found.append((f"jobs.{index}", job["text"]))
    for index, entry in enumerate(data.get("experience", [])):
        for field in ("job", "tasks"):
            if waiting(entry.get(field)):
                found.append((f"experience.{index}.{field}", entry[field]["text"]))
    for index, entry in enumerate(data.get("education", [])):
        if waiting(entry.get("field")):
            found.append((f"education.{index}.field", entry["field"]["text"]))
    for index, skill in enumerate(data.get("skills_typed", [])):
        if waiting(skill):
            found.append((f"skills_typed.{index}", skill["text"]))
    return found


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A CV saved by an earlier version, in today's shapes (idempotent)."""
    from bot.cv import trades  # here: trades reads the ROME lists, only old CVs need them

    education = data.get("education")
    if isinstance(education, dict):  # one diploma, before there could be several
        entry = dict(education)
        if "diploma" in entry:
            entry["obtained"] = entry.pop("diploma")
        had = entry.get("level") != "none" and any(v is not None for v in entry.values())
        data["education"] = [entry] if had else []
    for entry in [*data.get("experience", []), *data.get("education", [])]:
        if isinstance(entry.get("country"), dict):  # typed before countries came from a list
            typed = entry.pop("country")
            found = countries.find(str(typed.get("text") or ""))
            entry["country" if len(found) == 1 else "country_text"] = (
                found[0] if len(found) == 1 else typed
            )
    for job in data.get("jobs", []):
        if job.get("id") in trades.named() and "m" not in job:  # before trades had genders
            job.update(trades.named()[job["id"]].as_dict())
    for key in ("status_since", "start_date"):  # typed as text before dates were parsed
        value = data.get(key)
        if isinstance(value, dict) and "text" in value:
            when = dates.parse(str(value["text"]), dt.date.today())
            data[key] = when.as_dict() if isinstance(when, dates.MonthYear) else None
    for item in _free_answers(data):
        if "how" not in item:
            if item.get("machine"):
                item["how"] = "machine"
            elif item.get("checked"):
                item["how"] = "typed"
            elif item.get("fr") and item.get("fr") == item.get("text"):
                item["how"] = "same"
            else:
                item["how"] = None if not item.get("fr") else "machine"
    return data


def _free_answers(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = [job for job in data.get("jobs", []) if isinstance(job, dict) and not job.get("rome")]
    for entry in data.get("experience", []):
        found += [entry[f] for f in ("job", "tasks") if isinstance(entry.get(f), dict)]
    for entry in data.get("education", []) if isinstance(data.get("education"), list) else []:
        if isinstance(entry.get("field"), dict):
            found.append(entry["field"])
    return [item for item in found if "text" in item and "latin" not in item]
