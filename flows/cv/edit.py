"""Changing a CV from the review: a part, then one of its answers — or, for the lists (jobs done,
diplomas), one entry, then one of its answers, or deleting it.

Every menu shows the answers as they are now, and the question asked shows the current answer
again before the person changes it. A change asks only the questions of that answer (`_edit` in
the CV data: the questions it covers and the menu it returns to; see `common.go`).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.flow import Answer, Goto, Next
from bot.i18n.msg import Msg, Option, _
from flows.cv.common import SECTIONS, SKIP, cv, entry, flow, shown
from flows.cv.education import diplomas
from flows.cv.experience import STILL_THERE, titles
from flows.cv.places import country_name
from flows.cv.when import shown_date
from flows.services import Turn

BACK_TO_REVIEW = Option("review", _("cv.edit.back"))
ADD = Option("add", _("cv.edit.add"))
DELETE_ENTRY = Option("delete", _("cv.edit.delete"))
LISTS = {"experience": ("cv.exp_job", titles), "education": ("cv.edu_level", diplomas)}

# The answers of each part: (id, label, the questions that change it, in order).
Field = tuple[str, Msg, tuple[str, ...]]
FIELDS: dict[str, tuple[Field, ...]] = {
    "identity": (
        ("name", _("cv.edit.name"), ("cv.name", "cv.latin")),
        ("gender", _("cv.edit.gender"), ("cv.gender",)),
        ("phone", _("cv.edit.phone"), ("cv.phone",)),
        ("email", _("cv.edit.email"), ("cv.email",)),
        ("city", _("cv.edit.city"), ("cv.city", "cv.city_which")),
    ),
    "status": (("status", _("cv.edit.status"), ("cv.status", "cv.status_since", "cv.rights")),),
    "languages": (
        ("french", _("cv.edit.french"), ("cv.french",)),
        (
            "languages",
            _("cv.edit.languages"),
            ("cv.lang_more", "cv.lang_typed", "cv.lang_which", "cv.lang_level"),
        ),
    ),
    "skills": (
        ("skills", _("cv.edit.skills"), ("cv.skills",)),
        ("digital", _("cv.edit.digital"), ("cv.digital",)),
        ("licence", _("cv.edit.licence"), ("cv.licence",)),
    ),
    "availability": (
        ("start", _("cv.edit.start"), ("cv.avail_start", "cv.avail_date")),
        ("time", _("cv.edit.time"), ("cv.avail_time",)),
        ("contracts", _("cv.edit.contracts"), ("cv.avail_contracts",)),
        ("distance", _("cv.edit.distance"), ("cv.avail_distance",)),
    ),
    "share": (("share", _("cv.edit.share"), ("cv.share",)),),
    "jobs": (("jobs", _("cv.edit.jobs"), ("cv.jobs", "cv.job_typed", "cv.job_which")),),
    "experience": (
        ("job", _("cv.edit.exp_job"), ("cv.exp_job", "cv.job_which", "cv.job_typed")),
        ("employer", _("cv.edit.employer"), ("cv.exp_employer", "cv.latin")),
        ("place", _("cv.edit.place"), ("cv.exp_country", "cv.country_which", "cv.exp_city")),
        ("dates", _("cv.edit.dates"), ("cv.exp_start", "cv.exp_end")),
        ("tasks", _("cv.edit.tasks"), ("cv.exp_tasks",)),
    ),
    "education": (
        ("level", _("cv.edit.level"), ("cv.edu_level",)),
        ("field", _("cv.edit.field"), ("cv.edu_field",)),
        ("country", _("cv.edit.country"), ("cv.edu_country", "cv.country_which")),
        ("year", _("cv.edit.year"), ("cv.edu_year",)),
        ("obtained", _("cv.edit.obtained"), ("cv.edu_obtained", "cv.edu_compare")),
    ),
}


def place_now(t: Turn) -> str | None:
    """ "Alep, Syrie": the town and the country of the job being changed."""
    job = entry(t, "experience")
    parts = [shown(t, job.get("city")), country_name(t, job.get("country"))]
    return ", ".join(p for p in parts if p) or None


def dates_now(t: Turn) -> str | None:
    """ "mars 2019 – 2023", or "mars 2019 – I still work there"."""
    job = entry(t, "experience")
    start = shown_date(t, job.get("start"))
    end = t.text(STILL_THERE.label) if job.get("end") == "now" else shown_date(t, job.get("end"))
    return " – ".join(p or "…" for p in (start, end)) if start or end else None


# Answers whose value in a menu is more than their first question's ("Alep, Syrie").
SHOWN_AS = {("experience", "place"): place_now, ("experience", "dates"): dates_now}
TEMPORARY = ("cv.latin", "cv.confirm", "cv.untranslated", "cv.city_which", "cv.country_which")


def edit_options(t: Turn) -> list[Option]:
    return [Option(name, label) for name, _step, label in SECTIONS] + [BACK_TO_REVIEW]


@flow.question("edit", prompt=_("cv.edit.prompt"), options=edit_options)
async def edit(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    data.pop("_edit", None)
    if answer.choice in LISTS:
        data["_section"] = answer.choice
        return Goto("cv.edit_entries")
    if answer.choice in FIELDS:
        data["_section"] = answer.choice
        fields = FIELDS[answer.choice]
        if len(fields) == 1:  # one answer only: straight to it
            return change(t, fields[0][2], "cv.review")
        return Goto("cv.edit_fields")
    return Goto("cv.review")


def current(t: Turn, steps: Sequence[str]) -> str | None:
    """The answer the first of `steps` shows as already given."""
    question = flow.questions.get(steps[0])
    answered = question.current(t) if question is not None and question.current else None
    return t.text(answered) if answered is not None else None


def change(t: Turn, steps: Sequence[str], menu: str) -> Next:
    """Ask the questions `steps` (showing the answer given so far), then come back to `menu`."""
    cv(t)["_edit"] = {"steps": [*steps, *TEMPORARY], "menu": menu}
    answered = current(t, steps)
    t.say(_("back.your_answer", answer=answered) if answered else _("cv.edit.no_answer"))
    return Goto(steps[0])


def answer_options(t: Turn) -> list[Option]:
    """One option per answer of the part being changed, with its value now."""
    section = cv(t).get("_section") or ""
    options = []
    for field, label, steps in FIELDS.get(section, ()):
        now = SHOWN_AS.get((section, field), lambda t, steps=steps: current(t, steps))(t)
        if now == t.text(SKIP.label):  # skipped: nothing to show in a list of answers
            now = None
        options.append(Option(field, _("cv.edit.field", field=t.text(label), value=now or "—")))
    return options


def field_options(t: Turn) -> list[Option]:
    return [*answer_options(t), BACK_TO_REVIEW]


@flow.question("edit_fields", prompt=_("cv.edit.which_answer"), options=field_options)
async def edit_fields(t: Turn, answer: Answer) -> Next:
    section = cv(t).get("_section") or ""
    for field, _label, steps in FIELDS.get(section, ()):
        if field == answer.choice:
            return change(t, steps, "cv.edit_fields")
    return Goto("cv.review")


def entries_options(t: Turn) -> list[Option]:
    section = cv(t).get("_section") or ""
    _first, listed = LISTS.get(section, ("", lambda t: []))
    shown = [Option(str(i), _("cv.as_written", item=label)) for i, label in enumerate(listed(t))]
    return [*shown, ADD, BACK_TO_REVIEW]


@flow.question("edit_entries", prompt=_("cv.edit.which_entry"), options=entries_options)
async def edit_entries(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    section = data.get("_section") or ""
    if section not in LISTS or answer.choice == BACK_TO_REVIEW.id:
        return Goto("cv.review")
    first, listed = LISTS[section]
    data.setdefault("_at", {})
    if answer.choice == ADD.id:
        if len(listed(t)) >= (5 if section == "experience" else 4):
            t.say(_("cv.limit", max=len(listed(t))))
            return Goto("cv.edit_entries")
        entries = [e for e in data.get(section, []) if any(v is not None for v in e.values())]
        data[section] = entries
        data["_at"][section] = len(entries)
        steps = [s for _f, _l, group in FIELDS[section] for s in group]
        data["_edit"] = {"steps": [*steps, *TEMPORARY], "menu": "cv.edit_entries"}
        return Goto(first)
    data["_at"][section] = int(answer.choice or 0)
    return Goto("cv.edit_entry")


def entry_prompt(t: Turn) -> str:
    data = cv(t)
    section = data.get("_section") or ""
    _first, listed = LISTS.get(section, ("", lambda t: []))
    index = data.get("_at", {}).get(section, 0)
    names = listed(t)
    name = names[index] if index < len(names) else "…"
    return t.text(_("cv.edit.entry", entry=name))


def entry_options(t: Turn) -> list[Option]:
    return [*answer_options(t), DELETE_ENTRY, BACK_TO_REVIEW]


@flow.question("edit_entry", prompt=entry_prompt, options=entry_options)
async def edit_entry(t: Turn, answer: Answer) -> Next:
    data = cv(t)
    section = data.get("_section") or ""
    if answer.choice == DELETE_ENTRY.id:
        index = data.get("_at", {}).get(section, 0)
        entries = [e for e in data.get(section, []) if any(v is not None for v in e.values())]
        if index < len(entries):
            del entries[index]
        data[section] = entries
        t.say(_("cv.edit.deleted"))
        return Goto("cv.edit_entries")
    for field, _label, steps in FIELDS.get(section, ()):
        if field == answer.choice:
            return change(t, steps, "cv.edit_entry")
    return Goto("cv.review")
