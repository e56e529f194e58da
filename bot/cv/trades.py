"""Trades from France Travail's ROME 4.0, in both genders, found from what a person types.

`content/cv/trades.csv` holds the trades the CV offers by name, each a ROME appellation with its
masculine and feminine titles and the ROME code offers carry; their names in the ten languages
are catalog messages (`cv.job.<id>`). `content/cv/appellations.csv` holds every appellation in
use, for a trade typed in French ("soudeuse TIG"). Both files and their source are described in
content/cv/README.md.

A typed trade is looked up in the labels of every language (so "لحّامة" or "зварник" finds the
welder), then, in French, in the appellations: every word typed must be in the title, whatever
the gender or plural ("soudeuse" finds "Soudeur / Soudeuse TIG").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.cv.normalize.lookup import key
from bot.directory.trades import words
from bot.i18n.catalogs import Catalogs
from bot.i18n.msg import Msg, _

CONTENT = Path(__file__).resolve().parents[2] / "content" / "cv"
FUZZY_CUTOFF = 86
# The trades offered by number, in this order (the others are found by typing).
SHOWN = (
    "cook",
    "kitchen",
    "waiter",
    "cleaning",
    "building",
    "painter",
    "electrician",
    "warehouse",
    "driver",
    "security",
    "care",
    "farm",
    "sales",
    "mechanic",
    "it",
)
LABELS: dict[str, Msg] = {
    "cook": _("cv.job.cook"),
    "kitchen": _("cv.job.kitchen"),
    "waiter": _("cv.job.waiter"),
    "cleaning": _("cv.job.cleaning"),
    "building": _("cv.job.building"),
    "painter": _("cv.job.painter"),
    "electrician": _("cv.job.electrician"),
    "warehouse": _("cv.job.warehouse"),
    "driver": _("cv.job.driver"),
    "security": _("cv.job.security"),
    "care": _("cv.job.care"),
    "farm": _("cv.job.farm"),
    "sales": _("cv.job.sales"),
    "mechanic": _("cv.job.mechanic"),
    "it": _("cv.job.it"),
    "welder": _("cv.job.welder"),
    "baker": _("cv.job.baker"),
    "butcher": _("cv.job.butcher"),
    "hairdresser": _("cv.job.hairdresser"),
    "tailor": _("cv.job.tailor"),
    "cashier": _("cv.job.cashier"),
    "plumber": _("cv.job.plumber"),
    "carpenter": _("cv.job.carpenter"),
    "tiler": _("cv.job.tiler"),
    "forklift": _("cv.job.forklift"),
    "handler": _("cv.job.handler"),
    "truck": _("cv.job.truck"),
    "nurse_aide": _("cv.job.nurse_aide"),
    "childcare": _("cv.job.childcare"),
    "home_help": _("cv.job.home_help"),
    "housekeeping": _("cv.job.housekeeping"),
    "gardener": _("cv.job.gardener"),
    "factory": _("cv.job.factory"),
    "accountant": _("cv.job.accountant"),
    "admin": _("cv.job.admin"),
    "bodywork": _("cv.job.bodywork"),
    "fastfood": _("cv.job.fastfood"),
    "interpreter": _("cv.job.interpreter"),
    "pizza": _("cv.job.pizza"),
}
_PIECES = re.compile(r"\s*(?:/|,|،|;|\(|\)| or | ou )\s*")


@dataclass(frozen=True, slots=True)
class Trade:
    ogr: str  # the appellation's code
    rome: str  # the code of its ROME job sheet, which offers carry
    masculine: str
    feminine: str
    id: str | None = None  # one of LABELS, for the trades with a name in every language

    @property
    def label(self) -> Msg | None:
        return LABELS.get(self.id or "")

    def french(self, gender: str | None) -> str:
        """The title for the person: feminine, masculine, or both ("Soudeur / Soudeuse")."""
        if gender == "f" or self.masculine == self.feminine:
            return self.feminine if gender == "f" else self.masculine
        if gender == "m":
            return self.masculine
        return f"{self.masculine} / {self.feminine}"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "ogr": self.ogr,
            "rome": self.rome,
            "m": self.masculine,
            "f": self.feminine,
        }

    @classmethod
    def from_dict(cls, value: object) -> Trade | None:
        if not isinstance(value, dict) or not value.get("m"):
            return None
        return cls(
            value["ogr"], value["rome"], value["m"], value.get("f") or value["m"], value.get("id")
        )


@cache
def named() -> dict[str, Trade]:
    """The trades with a name in every language, by id."""
    with (CONTENT / "trades.csv").open(encoding="utf-8", newline="") as rows:
        return {
            row["id"]: Trade(row["ogr"], row["rome"], row["masculine"], row["feminine"], row["id"])
            for row in csv.DictReader(rows)
        }


@cache
def _appellations() -> tuple[list[Trade], dict[str, set[int]], set[int]]:
    """Every appellation in use; an index from each word to the appellations holding it."""
    found: list[Trade] = []
    by_word: dict[str, set[int]] = {}
    main: set[int] = set()
    ids = {trade.ogr: trade.id for trade in named().values()}
    with (CONTENT / "appellations.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            index = len(found)
            found.append(
                Trade(
                    row["ogr"], row["rome"], row["masculine"], row["feminine"], ids.get(row["ogr"])
                )
            )
            if row["main"]:
                main.add(index)
            for word in words(f"{row['masculine']} {row['feminine']}"):
                by_word.setdefault(word, set()).add(index)
    return found, by_word, main


@cache
def _labels(catalogs: Catalogs) -> tuple[dict[str, list[str]], list[str]]:
    """Each piece of each trade's name in every language ("طبّاخ", "طبّاخة"…) → trade ids."""
    index: dict[str, list[str]] = {}
    for trade_id, trade in named().items():
        pieces = [trade.masculine, trade.feminine]
        for code in catalogs.codes:
            pieces += _PIECES.split(catalogs.text(code, LABELS[trade_id].id))
        for piece in pieces:
            folded = key(piece)
            if folded and trade_id not in index.setdefault(folded, []):
                index[folded].append(trade_id)
    return index, list(index)


def find(text: str, catalogs: Catalogs, limit: int = 4) -> list[Trade]:
    """The trades `text` may name, most likely first: by name in any language, then by the words
    of a French title."""
    by_name = _by_name(text, catalogs)
    if by_name:
        return by_name[:limit]
    return french(text, limit)


def _by_name(text: str, catalogs: Catalogs) -> list[Trade]:
    index, keys = _labels(catalogs)
    folded = key(text)
    if not folded:
        return []
    ids = index.get(folded)
    if not ids and len(folded) >= 4:
        close = process.extract(folded, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
        ids = [i for name, _score, _n in close for i in index[name]]
    if not ids and not text.isascii() and not french(text):
        # "كنت لحّامة" (I was a welder): a word of the sentence is a trade's name
        ids = [i for word in folded.split() if len(word) > 3 for i in index.get(word, [])]
    return [named()[i] for i in dict.fromkeys(ids or [])]


def french(text: str, limit: int = 4) -> list[Trade]:
    """Appellations holding every word of `text` (a French title), shortest and main first."""
    wanted = words(text)
    if not wanted:
        return []
    found, by_word, main = _appellations()
    sets = [by_word.get(word, set()) for word in wanted]
    hits = set.intersection(*sets) if sets else set()
    ranked = sorted(
        hits, key=lambda i: (i not in main, len(found[i].masculine), found[i].masculine)
    )
    unique: dict[tuple[str, str], Trade] = {}
    for index in ranked:
        trade = found[index]
        unique.setdefault((trade.masculine, trade.feminine), trade)
    return list(unique.values())[:limit]


def complete(text: str, limit: int = 8) -> list[Trade]:
    """Suggestions while a French title is typed: the last word may be unfinished ("cuisini")."""
    found = french(text, limit)
    typed = words(text)
    if found or not typed or len(typed[-1]) < 3:
        return found
    appellations, by_word, main = _appellations()
    *whole, start = typed
    hits: set[int] = set()
    for word, indexes in by_word.items():
        if word.startswith(start):
            hits |= indexes
    for word in whole:
        hits &= by_word.get(word, set())
    ranked = sorted(
        hits,
        key=lambda i: (i not in main, len(appellations[i].masculine), appellations[i].masculine),
    )
    unique: dict[tuple[str, str], Trade] = {}
    for index in ranked:
        trade = appellations[index]
        unique.setdefault((trade.masculine, trade.feminine), trade)
    return list(unique.values())[:limit]


@cache
def _by_ogr() -> dict[str, Trade]:
    return {trade.ogr: trade for trade in _appellations()[0]}


def by_ogr(ogr: str) -> Trade | None:
    """The appellation with this code (an employer's choice in the offer form)."""
    return _by_ogr().get(ogr)


def from_ids(ids: Iterable[str]) -> list[Trade]:
    return [named()[i] for i in ids if i in named()]
