"""Issue 16: the "French" PDF carried names in Ethiopic and Arabic script, the cities "سان دوني"
and "پاریس", job descriptions in Arabic or Tigrinya, the languages "الكردية" and "ኣምሓርኛ", and
the phone "٠٦١٢٣٤٥٦٧٨". Structured answers now become French through lists, names are written in
Latin letters, and free text without French is left out (unless kept on purpose)."""

from __future__ import annotations

import unicodedata

from bot.cv.normalize import countries, languages, phones
from tests.cv_support import pdf_text


def non_latin(text: str) -> str:
    return "".join(
        c for c in text if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")
    )


def test_the_french_copy_is_all_in_latin_letters() -> None:
    phone = phones.parse("٠٦١٢٣٤٥٦٧٨")
    assert isinstance(phone, phones.Phone)
    data = {
        "name": {"text": "ሰላም ተስፋይ", "latin": "Selam Tesfay"},
        "phone": {"text": phone.display, "e164": phone.e164},
        "city": {"name": "Saint-Denis", "typed": "سان دوني"},
        "experience": [
            {
                "job": {"text": "كنت لحّامة في ورشة", "fr": None, "how": None},
                "tasks": {"text": "ኣብ ቤት መግቢ ሰሪሐ", "fr": None, "how": "out"},
                "country": countries.find("ሶርያ")[0],
            }
        ],
        "languages": [
            {"code": languages.find("الكردية")[0], "level": "native"},
            {"code": languages.find("ኣምሓርኛ")[0], "level": "B1"},
        ],
    }
    text = pdf_text(data)
    assert non_latin(text) == ""
    assert "06 12 34 56 78" in text and "Selam Tesfay" in text and "Saint-Denis" in text
    assert "Kurde" in text and "Amharique" in text and "Syrie" in text


def test_an_item_kept_as_written_is_the_only_other_script() -> None:
    data = {"experience": [{"tasks": {"text": "لحام الأنابيب", "fr": None, "how": "kept"}}]}
    assert non_latin(pdf_text(data)) == "لحامالأنابيب"
