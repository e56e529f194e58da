"""The offer form, checked: what an employer typed becomes an `OfferData`, or a problem per field in
their language.

The trade is an appellation of France Travail's ROME (both genders: "Soudeur / Soudeuse"), chosen
among suggestions or found from the words typed; the place is a commune of the gazetteer; the SIRET
passes python-stdnum's check (Luhn, and La Poste's exception); the phone is read by phonenumbers.
When the words typed fit several trades or communes, the form comes back with them to choose from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import phonenumbers
from stdnum.fr import siret as siret_number

from bot.cv import trades
from bot.cv.trades import Trade
from bot.directory.places import Gazetteer, Place
from bot.directory.records import CONTRACTS, LEVELS
from bot.i18n.msg import Msg, _

ROUTES = ("mail", "coordinator", "none")  # how CVs reach the employer, if at all
MAX_HOURS = 48.0  # the legal weekly maximum (Code du travail L.3121-20)
LIMITS = {  # field → (fewest, most) characters
    "company": (2, 200),
    "contact_name": (2, 200),
    "salary": (0, 200),
    "description": (30, 5000),
    "how_to_apply": (10, 2000),
}
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
FIELDS = (
    "siret",
    "company",
    "contact_name",
    "contact_email",
    "contact_phone",
    "title",
    "ogr",
    "contract",
    "hours",
    "starts_on",
    "ends_on",
    "place",
    "salary",
    "french_level",
    "description",
    "how_to_apply",
    "cv_route",
    "law",
)
# The fields an employer may change once the offer exists (not the company, not the address
# their links go to).
EDITABLE = tuple(f for f in FIELDS if f not in ("siret", "company", "contact_email", "law"))

PROBLEM_REQUIRED = _("web.employers.problem.required")
PROBLEMS: dict[str, Msg] = {
    "siret": _("web.employers.problem.siret"),
    "contact_email": _("web.employers.problem.email"),
    "contact_phone": _("web.employers.problem.phone"),
    "hours": _("web.employers.problem.hours", most=int(MAX_HOURS)),
    "law": _("web.employers.problem.law"),
    "choice": _("web.employers.problem.choice"),
    "date": _("web.employers.problem.date"),
    "starts_on": _("web.employers.problem.start"),
    "trade": _("web.employers.problem.trade"),
    "trade_choose": _("web.employers.problem.trade_choose"),
    "place": _("web.employers.problem.place"),
    "place_choose": _("web.employers.problem.place_choose"),
}


@dataclass
class OfferData:
    """A checked offer, ready for the store."""

    siret: str
    company: str
    contact_name: str
    contact_email: str
    contact_phone: str
    trade: Trade
    contract: str
    hours: float
    starts_on: dt.date
    ends_on: dt.date
    place: Place
    salary: str
    french_level: str
    description: str
    how_to_apply: str
    cv_route: str

    @property
    def title(self) -> str:
        """Both genders, as the law on job offers asks (Code du travail L.1142-1)."""
        return self.trade.french(None)


@dataclass
class Checked:
    """The form as typed (to show it again), what was understood, and the problems."""

    values: dict[str, str]
    data: OfferData | None = None
    problems: dict[str, Msg] = field(default_factory=dict)
    trades: list[Trade] = field(default_factory=list)  # to choose from
    places: list[Place] = field(default_factory=list)


def typed(form: Mapping[str, object]) -> dict[str, str]:
    """The fields as typed; a trade or a commune picked among those offered wins over the words."""
    values = {name: str(form.get(name, "") or "").strip()[:6000] for name in FIELDS}
    for name in ("title", "place"):
        picked = str(form.get(f"pick_{name}", "") or "").strip()[:300]
        if picked:
            values[name] = picked
            if name == "title":
                values["ogr"] = ""
    return values


def check(
    form: Mapping[str, object],
    gazetteer: Gazetteer,
    today: dt.date,
    max_days: int,
    *,
    editing: bool = False,
) -> Checked:
    """Every field checked; `editing` skips the fields an existing offer keeps."""
    values = typed(form)
    result = Checked(values)
    problems = result.problems
    wanted = EDITABLE if editing else FIELDS
    for name in wanted:
        if not values[name] and name not in ("salary", "french_level", "ogr"):
            problems[name] = PROBLEM_REQUIRED
    for name, (fewest, most) in LIMITS.items():
        length = len(values[name])
        if name in wanted and values[name] and not fewest <= length <= most:
            problems[name] = (
                _("web.employers.problem.too_long", most=most)
                if length > most
                else _("web.employers.problem.too_short", fewest=fewest)
            )

    siret = re.sub(r"[\s.]", "", values["siret"])
    if not editing and values["siret"] and not siret_number.is_valid(siret):
        problems["siret"] = PROBLEMS["siret"]
    email = values["contact_email"].casefold()
    if not editing and email and (len(email) > 254 or not _EMAIL.match(email)):
        problems["contact_email"] = PROBLEMS["contact_email"]
    phone = _phone(values["contact_phone"])
    if values["contact_phone"] and phone is None:
        problems["contact_phone"] = PROBLEMS["contact_phone"]
    if values["contract"] and values["contract"] not in CONTRACTS:
        problems["contract"] = PROBLEMS["choice"]
    if values["french_level"] not in ("", *LEVELS):
        problems["french_level"] = PROBLEMS["choice"]
    if values["cv_route"] and values["cv_route"] not in ROUTES:
        problems["cv_route"] = PROBLEMS["choice"]
    if not editing and values["law"] and values["law"] != "on":
        problems["law"] = PROBLEMS["law"]
    hours = _hours(values["hours"])
    if values["hours"] and hours is None:
        problems["hours"] = PROBLEMS["hours"]
    starts_on, ends_on = _day(values["starts_on"]), _day(values["ends_on"])
    if values["starts_on"] and (starts_on is None or starts_on > today + dt.timedelta(days=365)):
        problems["starts_on"] = PROBLEMS["date"]
    elif starts_on is not None and starts_on < today and not editing:
        problems["starts_on"] = PROBLEMS["starts_on"]
    last = today + dt.timedelta(days=max_days)
    if values["ends_on"] and (ends_on is None or not today <= ends_on <= last):
        problems["ends_on"] = _("web.employers.problem.end", days=max_days)

    trade = _trade(values, result)
    place = _place(values, gazetteer, result)
    if problems or trade is None or place is None:
        return result
    assert hours is not None and starts_on is not None and ends_on is not None
    result.data = OfferData(
        siret=siret,
        company=values["company"],
        contact_name=values["contact_name"],
        contact_email=email,
        contact_phone=phone or "",
        trade=trade,
        contract=values["contract"],
        hours=hours,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        salary=values["salary"],
        french_level=values["french_level"],
        description=values["description"],
        how_to_apply=values["how_to_apply"],
        cv_route=values["cv_route"],
    )
    return result


def _trade(values: dict[str, str], result: Checked) -> Trade | None:
    """The appellation chosen (its code and its title agree), or the one the words name."""
    title = values["title"]
    if not title:
        return None
    chosen = trades.by_ogr(values["ogr"]) if values["ogr"] else None
    if chosen is not None and _fold(title) in _titles(chosen):
        return chosen
    found = trades.french(title, limit=8)
    exact = [t for t in found if _fold(title) in _titles(t)]
    if exact:
        values["ogr"] = exact[0].ogr
        return exact[0]
    result.trades = found
    result.problems["title"] = PROBLEMS["trade_choose"] if found else PROBLEMS["trade"]
    return None


def _titles(trade: Trade) -> set[str]:
    return {_fold(trade.masculine), _fold(trade.feminine), _fold(trade.french(None))}


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _place(values: dict[str, str], gazetteer: Gazetteer, result: Checked) -> Place | None:
    written = values["place"]
    if not written:
        return None
    found = gazetteer.find(written, limit=6)
    if len(found) == 1:
        return found[0]
    result.places = found
    result.problems["place"] = PROBLEMS["place_choose"] if found else PROBLEMS["place"]
    return None


def place_value(place: Place) -> str:
    """How a commune is written back in the form: found again exactly ("69003 Lyon 3e …")."""
    return f"{place.postcode} {place.name}"


def _phone(text: str) -> str | None:
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _hours(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").replace("h", "").strip())
    except ValueError:
        return None
    return value if 1 <= value <= MAX_HOURS else None


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def hours_text(hours: float) -> str:
    """35.0 → "35", 17.5 → "17,5" (French, as the offer is)."""
    return f"{hours:g}".replace(".", ",")
