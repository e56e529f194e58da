"""The offer form's checks (SIRET, address, phone, the ROME trade in both genders, the commune,
hours, dates, the law's box) and the signed links employers receive (altered, expired, meant for
something else, for another offer, or revoked: none opens anything)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.directory.places import gazetteer
from bot.employers import form, links
from bot.employers.links import Links
from tests.employers_support import OFFER

CONTENT = Path(__file__).parent.parent / "content"
TODAY = dt.date(2026, 11, 28)


def checked(**changes: str) -> form.Checked:
    return form.check({**OFFER, **changes}, gazetteer(CONTENT), TODAY, 120)


def test_a_good_offer_is_understood() -> None:
    data = checked().data
    assert data is not None
    assert data.siret == "73282932000074"
    assert data.title == "Cuisinier / Cuisinière" and data.trade.rome == "G1602"
    assert (data.place.name, data.place.postcode) == ("Lyon 3e Arrondissement", "69003")
    assert data.contact_phone == "04 78 12 34 56" and data.hours == 35.0
    assert data.contact_email == "claire@bon-accueil.example"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("siret", "732 829 320 00075", "web.employers.problem.siret"),  # Luhn fails
        ("siret", "", "web.employers.problem.required"),
        ("contact_email", "claire@", "web.employers.problem.email"),
        ("contact_phone", "06 12 34", "web.employers.problem.phone"),
        ("hours", "60", "web.employers.problem.hours"),
        ("hours", "trente", "web.employers.problem.hours"),
        ("contract", "stage", "web.employers.problem.choice"),
        ("french_level", "B3", "web.employers.problem.choice"),
        ("cv_route", "fax", "web.employers.problem.choice"),
        ("starts_on", "2026-11-01", "web.employers.problem.start"),
        ("starts_on", "31/12/2026", "web.employers.problem.date"),
        ("ends_on", "2027-06-01", "web.employers.problem.end"),  # beyond 120 days
        ("law", "", "web.employers.problem.required"),
        ("description", "Cuisine.", "web.employers.problem.too_short"),
        ("description", "x" * 5001, "web.employers.problem.too_long"),
        ("title", "astronaute lunaire", "web.employers.problem.trade"),
        ("place", "Atlantis", "web.employers.problem.place"),
    ],
)
def test_a_wrong_field_is_named(field: str, value: str, problem: str) -> None:
    result = checked(**{field: value})
    assert result.data is None
    assert result.problems[field if field != "title" else "title"].id == problem


def test_words_that_fit_several_trades_or_communes_offer_a_choice() -> None:
    result = checked(title="Soudeur TIG", ogr="", place="Saint-Denis")
    assert result.data is None
    assert result.problems["place"].id == "web.employers.problem.place_choose"
    assert any("Saint-Denis" in p.name for p in result.places) and len(result.places) > 1
    picked = checked(pick_place="93200 Saint-Denis", title="Soudeuse", ogr="")
    assert picked.data is not None
    assert picked.data.place.postcode == "93200"
    assert picked.data.title == "Soudeur / Soudeuse"  # a feminine title finds both genders


def test_a_code_that_does_not_match_the_title_is_not_trusted() -> None:
    data = checked(ogr="404475").data  # the welder's code, the cook's title
    assert data is not None and data.title == "Cuisinier / Cuisinière"


def test_an_edit_keeps_the_company_and_the_address() -> None:
    result = form.check(
        {**OFFER, "siret": "bad", "contact_email": "bad", "law": ""},
        gazetteer(CONTENT),
        TODAY,
        120,
        editing=True,
    )
    assert result.data is not None and result.problems == {}


# --- signed links -------------------------------------------------------------------------------
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=30)


def test_a_link_opens_its_offer_for_its_purpose_until_it_expires() -> None:
    signer = Links(b"k" * 32, "https://passerelle.example")
    token = signer.token(7, "secret7", links.MANAGE, LATER)
    claim = signer.claim(token)
    assert claim is not None and claim.offer_id == 7
    assert signer.valid(claim, "secret7", links.MANAGE, NOW)
    assert not signer.valid(claim, "secret7", links.MANAGE, LATER + dt.timedelta(seconds=1))
    assert not signer.valid(claim, "secret7", links.CONFIRM, NOW)  # another purpose
    assert not signer.valid(claim, "a new secret", links.MANAGE, NOW)  # revoked
    other_key = Links(b"x" * 32, "https://passerelle.example")
    assert not other_key.valid(claim, "secret7", links.MANAGE, NOW)
    url = signer.url(7, "secret7", links.CONFIRM, LATER)
    assert url.startswith("https://passerelle.example/employeurs/confirmer/")


@pytest.mark.parametrize("token", ["", "abc", "abc.def", "e30.sig", "W10.sig", "x" * 400])
def test_tokens_that_are_not_ours_are_refused_without_error(token: str) -> None:
    assert Links(b"k" * 32, "").claim(token) is None


def test_an_altered_token_does_not_open_another_offer() -> None:
    signer = Links(b"k" * 32, "")
    token = signer.token(7, "s", links.MANAGE, LATER)
    forged = signer.token(8, "s", links.MANAGE, LATER).split(".")[0] + "." + token.split(".")[1]
    claim = signer.claim(forged)
    assert claim is not None and claim.offer_id == 8
    assert not signer.valid(claim, "s", links.MANAGE, NOW)
