"""The kinds of help, close to Soliguide's categories, and how other sources name them.

Each category has a stable id (stored with services), a catalog label (with its emoji, so a person
who reads little still finds it), and the data·inclusion "thématiques" that fall into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n.msg import Msg, _


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: Msg
    thematiques: tuple[str, ...] = ()  # data·inclusion prefixes


CATEGORIES = (
    Category("shelter", _("help.cat.shelter"), ("logement-hebergement",)),
    Category("food", _("help.cat.food"), ("equipement-et-alimentation--alimentation",)),
    Category("health", _("help.cat.health"), ("sante", "handicap")),
    Category(
        "legal", _("help.cat.legal"), ("acces-aux-droits-et-citoyennete", "gestion-financiere")
    ),
    Category("french", _("help.cat.french"), ("apprendre-francais",)),
    Category(
        "training",
        _("help.cat.training"),
        (
            "se-former",
            "trouver-un-emploi",
            "choisir-un-metier",
            "preparer-sa-candidature",
            "creation-activite",
        ),
    ),
    Category("digital", _("help.cat.digital"), ("numerique",)),
    Category("hygiene", _("help.cat.hygiene"), ("hygiene",)),
    Category("equipment", _("help.cat.equipment"), ("equipement-et-alimentation",)),
    Category(
        "welcome",
        _("help.cat.welcome"),
        ("accompagnement-social-et-professionnel-personnalise", "famille", "remobilisation"),
    ),
    Category("mobility", _("help.cat.mobility"), ("mobilite",)),
    Category("technology", _("help.cat.technology"), ()),
)
IDS = frozenset(c.id for c in CATEGORIES)


def from_thematique(thematique: str) -> str | None:
    """The category of a data·inclusion thématique ("sante--soins" → "health"); the longest
    matching prefix wins ("equipement-et-alimentation--alimentation" is food, not equipment)."""
    best: tuple[int, str] | None = None
    for category in CATEGORIES:
        for prefix in category.thematiques:
            matches = thematique == prefix or thematique.startswith(prefix + "--")
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), category.id)
    return best[1] if best else None
