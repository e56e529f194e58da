"""Skills a person may tick, a short list per ROME domain, and a few every employer asks about.

The list offered depends on the jobs sought and done (their ROME codes): someone looking for
kitchen work is offered hygiene rules and preparing dishes, a welder reading plans and
welding. Labels are catalog messages (`cv.skill.<id>`), printed in French on the CV.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.cv.vocabulary import Term
from bot.i18n.msg import _

# ROME code prefixes → skills; the longest prefix that fits a code wins.
BY_DOMAIN: dict[str, tuple[Term, ...]] = {
    "G16": (
        Term("hygiene", _("cv.skill.hygiene")),
        Term("prep", _("cv.skill.prep")),
        Term("dishes", _("cv.skill.dishes")),
        Term("stock_food", _("cv.skill.stock_food")),
    ),
    "G": (
        Term("hygiene", _("cv.skill.hygiene")),
        Term("customers", _("cv.skill.customers")),
        Term("service", _("cv.skill.service")),
        Term("cash", _("cv.skill.cash")),
    ),
    "K22": (
        Term("cleaning_products", _("cv.skill.cleaning_products")),
        Term("cleaning_machines", _("cv.skill.cleaning_machines")),
        Term("disinfection", _("cv.skill.disinfection")),
    ),
    "K1": (
        Term("daily_help", _("cv.skill.daily_help")),
        Term("meals", _("cv.skill.meals")),
        Term("listening", _("cv.skill.listening")),
        Term("first_aid", _("cv.skill.first_aid")),
    ),
    "J": (
        Term("personal_care", _("cv.skill.personal_care")),
        Term("listening", _("cv.skill.listening")),
        Term("first_aid", _("cv.skill.first_aid")),
    ),
    "F": (
        Term("plans", _("cv.skill.plans")),
        Term("power_tools", _("cv.skill.power_tools")),
        Term("site_safety", _("cv.skill.site_safety")),
        Term("finishing", _("cv.skill.finishing")),
    ),
    "H29": (
        Term("welding", _("cv.skill.welding")),
        Term("plans", _("cv.skill.plans")),
        Term("grinding", _("cv.skill.grinding")),
        Term("site_safety", _("cv.skill.site_safety")),
    ),
    "H": (
        Term("machines", _("cv.skill.machines")),
        Term("quality", _("cv.skill.quality")),
        Term("assembly", _("cv.skill.assembly")),
    ),
    "I": (
        Term("diagnosis", _("cv.skill.diagnosis")),
        Term("repair", _("cv.skill.repair")),
        Term("power_tools", _("cv.skill.power_tools")),
    ),
    "N": (
        Term("picking", _("cv.skill.picking")),
        Term("loads", _("cv.skill.loads")),
        Term("forklift", _("cv.skill.forklift")),
        Term("inventory", _("cv.skill.inventory")),
        Term("delivery", _("cv.skill.delivery")),
    ),
    "A": (
        Term("harvest", _("cv.skill.harvest")),
        Term("planting", _("cv.skill.planting")),
        Term("animals", _("cv.skill.animals")),
        Term("tractor", _("cv.skill.tractor")),
    ),
    "D": (
        Term("shelves", _("cv.skill.shelves")),
        Term("cash", _("cv.skill.cash")),
        Term("customers", _("cv.skill.customers")),
    ),
    "M": (
        Term("office", _("cv.skill.office")),
        Term("filing", _("cv.skill.filing")),
        Term("customers", _("cv.skill.customers")),
    ),
}
GENERAL = (
    Term("teamwork", _("cv.skill.teamwork")),
    Term("punctual", _("cv.skill.punctual")),
    Term("physical", _("cv.skill.physical")),
    Term("hours", _("cv.skill.hours")),
)
MAX_OFFERED = 12


def offered(rome_codes: Iterable[str]) -> tuple[Term, ...]:
    """The skills to offer for these ROME codes, then the general ones. Domains take turns (the
    first skill of each, then the second…) so a cook who was a welder sees welding too."""
    domains: list[tuple[Term, ...]] = []
    for code in rome_codes:
        prefix = max((p for p in BY_DOMAIN if code.startswith(p)), key=len, default=None)
        if prefix is not None and BY_DOMAIN[prefix] not in domains:
            domains.append(BY_DOMAIN[prefix])
    found: dict[str, Term] = {}
    room = MAX_OFFERED - len(GENERAL)
    for rank in range(max((len(d) for d in domains), default=0)):
        for skills in domains:
            if rank < len(skills) and len(found) < room:
                found.setdefault(skills[rank].id, skills[rank])
    return (*found.values(), *GENERAL)


def every() -> dict[str, Term]:
    """Every skill by id (to print what was chosen, whatever is offered today)."""
    found = {skill.id: skill for skills in BY_DOMAIN.values() for skill in skills}
    found.update({skill.id: skill for skill in GENERAL})
    return found
