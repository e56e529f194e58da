"""Both webhooks under generated bad input (Hypothesis): malformed and oversized bodies, deep
nesting, invalid UTF-8, wrong types, forged or missing signatures, SQL-looking and formatting
text. Never a 5xx, never a crash; the server stays healthy, a real person still gets answers,
and no reply ever carries another person's words."""

from __future__ import annotations

import asyncio
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Settings
from tests.conftest import sqlite_settings
from tests.standins.telegram import updates
from tests.standins.twilio import inbound, signature
from tests.telegram_support import HEADERS
from tests.telegram_support import serving as telegram_serving
from tests.twilio_support import PUBLIC
from tests.twilio_support import serving as twilio_serving

# Cases of several megabytes make Hypothesis warn about the size of their repr: expected here.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
TRIED = {"telegram": 0, "twilio": 0}  # cases sent, reported by the README's figures
NASTY = [
    "'; DROP TABLE users; --",
    "1 OR 1=1",
    "{text}",
    "{0.__class__}",
    "%s%s%n",
    "<b>bold</b> <a href='x'>",
    "*bold* _it_ `code` [link](http://x)",
    "\u202eevil\u202c",
    "\x00\x01\x1b[31m",
    "ﷺ" * 300,
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(NASTY),
)
nested = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
person_text = st.one_of(st.text(max_size=200), st.sampled_from(NASTY))


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@st.composite
def telegram_case(draw: st.DrawFn) -> tuple[bytes, dict[str, str], int | None]:
    """(body, headers, chat id whose text is a marker, if the case is a well-formed message)."""
    kind = draw(st.integers(0, 7))
    headers = {**HEADERS, "Content-Type": "application/json"}
    if kind == 0:
        return draw(st.binary(max_size=300)), headers, None
    if kind == 1:
        return json.dumps(draw(nested)).encode(), headers, None
    if kind == 2:
        return deep(draw(st.integers(100, 5000))).encode(), headers, None
    if kind == 3:
        return b'{"update_id": 1, "message": "' + b"x" * 2_000_000 + b'"}', headers, None
    if kind == 4:  # forged or missing secret
        wrong = draw(st.sampled_from([{}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}]))
        body = json.dumps(updates.text(draw(st.integers(1, 10**9)), "hello")).encode()
        return body, {**wrong, "Content-Type": "application/json"}, None
    update = updates.text(draw(st.integers(1, 10**12)), "x")
    if kind == 5:  # a real update with its fields replaced by anything
        message = update["message"]
        field = draw(st.sampled_from(["text", "chat", "from", "date", "message_id", "entities"]))
        message[field] = draw(nested)
        return json.dumps(update).encode(), headers, None
    if kind == 6:  # invalid UTF-8 inside an otherwise fine body
        body = json.dumps(update).encode().replace(b'"x"', b'"\xff\xfe\xc3"')
        return body, headers, None
    chat = draw(st.integers(5000, 5050))
    text = f"marker{chat}q " + draw(person_text)
    return json.dumps(updates.text(chat, text)).encode(), headers, chat


@st.composite
def twilio_case(draw: st.DrawFn) -> tuple[dict[str, str] | bytes, dict[str, str], str | None]:
    kind = draw(st.integers(0, 5))
    number = f"whatsapp:+3361{draw(st.integers(0, 50)):07d}"
    form = inbound(number, f"marker{number[-7:]}q " + draw(person_text))
    signed = {"X-Twilio-Signature": signature(PUBLIC + "/webhooks/twilio", form)}
    if kind == 0:  # forged
        forged = draw(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126)))
        return form, {"X-Twilio-Signature": forged}, None
    if kind == 1:  # missing
        return form, {}, None
    if kind == 2:  # fields replaced by anything, signed (as a compromised proxy could send)
        field = draw(st.sampled_from(["Body", "Latitude", "Longitude", "NumMedia", "From"]))
        form[field] = str(draw(nested))[:2000]
        if field == "NumMedia":
            form["MediaContentType0"] = draw(st.text(max_size=20))
        return form, {"X-Twilio-Signature": signature(PUBLIC + "/webhooks/twilio", form)}, None
    if kind == 3:  # not a form at all
        headers = {"Content-Type": "application/x-www-form-urlencoded", **signed}
        return draw(st.binary(max_size=500)) + b"\xff\xfe", headers, None
    if kind == 4:
        headers = {"Content-Type": "application/x-www-form-urlencoded", **signed}
        return b"Body=" + b"a" * 3_000_000, headers, None
    return form, signed, number


async def fire_telegram(store: Settings, cases: list[Any]) -> None:
    async with telegram_serving(store) as h:
        for body, headers, _chat in cases:
            response = await h.client.post(
                "/webhooks/telegram", data=io.BytesIO(body), headers=headers
            )
            assert response.status in (200, 400, 403, 413), (response.status, body[:200])
            TRIED["telegram"] += 1
        assert (await h.client.get("/healthz")).status == 200
        assert await h.post(updates.text(4999, "bonjour")) == 200  # someone real, afterwards
        await h.telegram.wait_for(1, 4999)
        await asyncio.sleep(0.3)
        for call in h.telegram.sent():
            chat = str(call.params.get("chat_id"))
            for other in re.findall(r"marker(\d+)q", call.params.get("text", "")):
                assert other == chat, f"{chat} was shown {other}'s words"


async def fire_twilio(store: Settings, cases: list[Any]) -> None:
    async with twilio_serving(store) as h:
        for form, headers, _number in cases:
            data = io.BytesIO(form) if isinstance(form, bytes) else form
            response = await h.client.post("/webhooks/twilio", data=data, headers=headers)
            assert response.status in (200, 400, 403, 413), response.status
            TRIED["twilio"] += 1
        assert (await h.client.get("/healthz")).status == 200
        await asyncio.sleep(0.3)
        for message in h.twilio.sent():
            to = message.get("To", "")
            for other in re.findall(r"marker(\d+)q", message.get("Body", "")):
                assert to.endswith(other), f"{to} was shown {other}'s words"


SETTINGS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    print_blob=False,
)


@SETTINGS
@given(cases=st.lists(telegram_case(), min_size=60, max_size=60))
def test_the_telegram_webhook_survives_anything(tmp_path: Path, cases: list[Any]) -> None:
    asyncio.run(fire_telegram(sqlite_settings(tmp_path / str(TRIED["telegram"])), cases))


@SETTINGS
@given(cases=st.lists(twilio_case(), min_size=60, max_size=60))
def test_the_twilio_webhook_survives_anything(tmp_path: Path, cases: list[Any]) -> None:
    asyncio.run(fire_twilio(sqlite_settings(tmp_path / str(TRIED["twilio"])), cases))
