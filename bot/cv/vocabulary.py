"""The CV's closed answers: stable ids, the catalog message for each, and official codes.

The flow offers them as options; the PDF prints them in French (and, for the bilingual copy, in the
person's language) from the same messages. Occupation codes are ROME codes (France Travail's
directory of trades), which the job search matches on.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n.msg import Msg, _


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    label: Msg
    code: str = ""  # e.g. the ROME code of an occupation
    words: Msg | None = None  # other words that pick it ("bac", "licence", "بكالوريوس"…)


# The trades offered by number (bot/cv/trades.py has their ROME titles in both genders and the
# other trades); tests/test_cv_normalize.py checks these codes agree with content/cv/trades.csv.
OCCUPATIONS = (
    Term("cook", _("cv.job.cook"), "G1602"),
    Term("kitchen", _("cv.job.kitchen"), "G1605"),
    Term("waiter", _("cv.job.waiter"), "G1803"),
    Term("cleaning", _("cv.job.cleaning"), "K2204"),
    Term("building", _("cv.job.building"), "F1703"),
    Term("painter", _("cv.job.painter"), "F1606"),
    Term("electrician", _("cv.job.electrician"), "F1602"),
    Term("warehouse", _("cv.job.warehouse"), "N1103"),
    Term("driver", _("cv.job.driver"), "N4105"),
    Term("security", _("cv.job.security"), "K2503"),
    Term("care", _("cv.job.care"), "K1302"),
    Term("farm", _("cv.job.farm"), "A1414"),
    Term("sales", _("cv.job.sales"), "D1507"),
    Term("mechanic", _("cv.job.mechanic"), "I1604"),
    Term("it", _("cv.job.it"), "M1805"),
)

GENDERS = (
    Term("f", _("cv.gender.f")),
    Term("m", _("cv.gender.m")),
    Term("x", _("cv.gender.x")),
)

STATUSES = (
    Term("asylum", _("cv.status.asylum")),
    Term("refugee", _("cv.status.refugee")),
    Term("subsidiary", _("cv.status.subsidiary")),
    Term("temporary", _("cv.status.temporary")),
    Term("other", _("cv.status.other")),
)
# Statuses that give the right to work without any request (printed on the CV).
WORK_RIGHT = {"refugee", "subsidiary", "temporary"}

YEARS = (
    Term("lt1", _("cv.years.lt1")),
    Term("1to2", _("cv.years.1to2")),
    Term("3to5", _("cv.years.3to5")),
    Term("gt5", _("cv.years.gt5")),
)

# Each with the names people type for it ("bac", "licence", "بكالوريوس"…).
EDUCATION = (
    Term("primary", _("cv.edu.primary"), words=_("cv.edu.words.primary")),
    Term("secondary", _("cv.edu.secondary"), words=_("cv.edu.words.secondary")),
    Term("vocational", _("cv.edu.vocational"), words=_("cv.edu.words.vocational")),
    Term("bachelor", _("cv.edu.bachelor"), words=_("cv.edu.words.bachelor")),
    Term("master", _("cv.edu.master"), words=_("cv.edu.words.master")),
)

LEVELS = (
    Term("A1", _("cv.level.A1")),
    Term("A2", _("cv.level.A2")),
    Term("B1", _("cv.level.B1")),
    Term("B2", _("cv.level.B2")),
    Term("C1", _("cv.level.C1")),
    Term("C2", _("cv.level.C2")),
    Term("native", _("cv.level.native")),
)

DIGITAL = (
    Term("phone", _("cv.digital.phone")),
    Term("email", _("cv.digital.email")),
    Term("web", _("cv.digital.web")),
    Term("office", _("cv.digital.office")),
)

LICENCES = (
    Term("car", _("cv.licence.car")),
    Term("other", _("cv.licence.other")),
    Term("none", _("cv.licence.none")),
)

START = (
    Term("now", _("cv.start.now")),
    Term("month", _("cv.start.month")),
)

TIME = (
    Term("full", _("cv.time.full")),
    Term("part", _("cv.time.part")),
    Term("both", _("cv.time.both")),
)

CONTRACTS = (
    Term("cdi", _("cv.contract.cdi")),
    Term("cdd", _("cv.contract.cdd")),
    Term("interim", _("cv.contract.interim")),
    Term("seasonal", _("cv.contract.seasonal")),
    Term("apprentice", _("cv.contract.apprentice")),
)

DISTANCES = (
    Term("city", _("cv.distance.city")),
    Term("10", _("cv.distance.10")),
    Term("30", _("cv.distance.30")),
    Term("50", _("cv.distance.50")),
    Term("france", _("cv.distance.france")),
)


def term(terms: tuple[Term, ...], term_id: str | None) -> Term | None:
    return next((t for t in terms if t.id == term_id), None)
