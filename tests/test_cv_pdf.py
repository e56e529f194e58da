"""The CV PDF (`bot.cv.pdf`) read back with pymupdf: pages, text, real glyphs in every script."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from bidi import get_display
from fpdf import FPDF

from bot.cv.document import CvDocument, Line, Section
from bot.cv.pdf import render

FONTS = Path(__file__).resolve().parent.parent / "content" / "fonts"
FOOTER = "CV réalisé avec Passerelle — 28/11/2026"
HEADLINE = "Cuisinier · Agent d'entretien"
TITLES = ("Expérience", "Formation", "Langues", "Compétences")
LINES = (
    ("2019-2023 : cuisinier au restaurant Le Damas, Alep", "2016-2019 : aide-cuisinier, hôtel"),
    ("Baccalauréat, 2015", "Certificat d'hygiène alimentaire HACCP"),
    ("Français : niveau A2", "Anglais : notions"),
    ("Préparation de 200 repas par jour", "Travail en équipe, ponctualité", "Permis B"),
)
# name, right to left, then translations of: the headline, the 4 titles, the first 3 lines.
LOCAL = {
    "ar": ("أحمد الحسن", True, "طباخ · عامل نظافة", "الخبرة", "التعليم", "اللغات", "المهارات",
           "2019-2023: طباخ في مطعم Le Damas في حلب", "مساعد طباخ في فندق", "شهادة البكالوريا"),
    "fa": ("زهرا احمدی", True, "آشپز · نظافتچی", "تجربه کاری", "تحصیلات", "زبان‌ها", "مهارت‌ها",
           "۲۰۱۹-۲۰۲۳: آشپز در رستوران Le Damas", "کمک‌آشپز در هتل", "دیپلم متوسطه"),
    "ti": ("ሰላም ተስፋይ", False, "ሰራሕተኛ ክሽነ", "ተመክሮ ስራሕ", "ትምህርቲ", "ቋንቋታት", "ክእለታት",
           "2019-2023: ኣብ ቤት መግቢ Le Damas", "ሓጋዚ ኣብ ሆቴል", "ካልኣይ ደረጃ ትምህርቲ"),
    "bn": ("সুমাইয়া আক্তার", False, "রাঁধুনি · পরিচ্ছন্নতা কর্মী", "অভিজ্ঞতা", "শিক্ষা", "ভাষা",
           "দক্ষতা", "২০১৯-২০২৩: Le Damas রেস্তোরাঁয় রাঁধুনি", "হোটেলে সহকারী রাঁধুনি",
           "উচ্চ মাধ্যমিক পরীক্ষা"),
    "uk": ("Олександр Коваленко", False, "Кухар · Прибиральник", "Досвід", "Освіта", "Мови",
           "Навички", "2019-2023: кухар у ресторані Le Damas", "Помічник кухаря в готелі",
           "Атестат про середню освіту"),
}  # fmt: skip


def cv(language: str = "fr", *, repeat: int = 1) -> CvDocument:
    """A typical CV; in `language`, with its translations; `repeat` makes it very long."""
    name, rtl, headline, *local = LOCAL.get(language, ("Amina Diallo", False, None))
    titles, lines = local[:4] or [None] * 4, iter(local[4:])
    sections = [
        Section(title, local_title, tuple(Line(text, next(lines, None)) for text in texts))
        for title, local_title, texts in zip(TITLES, titles, LINES, strict=True)
    ]
    for copy in range(1, repeat):
        sections += [
            Section(f"{s.title} ({copy})", s.local_title, s.lines * 3) for s in sections[:4]
        ]
    return CvDocument(
        name=name,
        headline=Line(HEADLINE, headline),
        contact=("06 12 34 56 78", "contact@example.org", "Lyon"),
        sections=tuple(sections),
        language=language,
        rtl=rtl,
        footer=FOOTER,
    )


def pdf(document: CvDocument, *, bilingual: bool = False) -> pymupdf.Document:
    return pymupdf.open(stream=render(document, FONTS, bilingual=bilingual), filetype="pdf")


def text(doc: pymupdf.Document) -> str:
    return nfkc("\n".join(page.get_text() for page in doc))


def nfkc(value: str) -> str:
    # NFKC turns an Arabic presentation form (U+FB50-FEFF), which some extractions yield, back
    # into its letter. fpdf2's ToUnicode maps shaped glyphs to their cluster's letters: none today.
    return unicodedata.normalize("NFKC", value)


@pytest.fixture(autouse=True)
def no_missing_glyphs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """fpdf2 logs "Font ... is missing the following glyphs" (a logger warning, not `warnings`)."""
    caplog.set_level(logging.WARNING, logger="fpdf")
    yield
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]


def test_typical_french_cv_is_one_page_with_all_its_text() -> None:
    doc = pdf(cv())
    assert doc.page_count == 1
    found = text(doc)
    for expected in ("Amina Diallo", HEADLINE, "Lyon", FOOTER, *TITLES, *sum(LINES, ())):
        assert nfkc(expected) in found


@pytest.mark.parametrize("language", sorted(LOCAL))
def test_french_only_copy_leaves_translations_out(language: str) -> None:
    doc = pdf(cv(language))
    name, _, headline, *local = LOCAL[language]
    assert doc.page_count == 1
    found = text(doc)
    assert nfkc(name) in found and nfkc(HEADLINE) in found
    assert not [item for item in (headline, *local) if nfkc(item) in found]


@pytest.mark.parametrize("language", sorted(LOCAL))
def test_bilingual_cv_has_both_languages_and_the_name_in_its_script(language: str) -> None:
    doc = pdf(cv(language), bilingual=True)
    name, rtl, *local = LOCAL[language]
    assert doc.page_count == 1
    found = text(doc)
    assert nfkc(name) in found  # in logical order, even for Arabic script (see test below)
    for expected in (HEADLINE, *TITLES, *sum(LINES, ())):
        assert nfkc(expected) in found
    # MuPDF returns a right-to-left line in logical order, but one mixing Arabic with digits or
    # Latin words in an order of its own: those are checked by glyph position further down.
    mixed = [item for item in local if rtl and any(c.isascii() and c.isalnum() for c in item)]
    if language == "bn":
        # Bengali shaping moves or splits vowel signs (ে ি ো): fpdf2 maps the first glyph of such
        # a cluster to its letters and gives the others no ToUnicode entry, so MuPDF yields their
        # raw codes ("শি/ক্ষা"), small numbers. Only copying text suffers (the drawing is
        # HarfBuzz's); here the Bengali letters are compared without those stray codes.
        def bengali(value: str) -> str:
            return "".join(c for c in value if not c.isascii() or c == " ")

        found, local = bengali(found), [bengali(item) for item in local]
    for expected in local:
        assert expected in mixed or nfkc(expected) in found


def test_very_long_cv_is_cut_at_two_pages() -> None:
    for language, bilingual in (("fr", False), ("fa", True), ("bn", True)):
        doc = pdf(cv(language, repeat=12), bilingual=bilingual)
        assert doc.page_count == 2
        assert all(FOOTER in page.get_text() for page in doc)
        assert "…" in doc[1].get_text()
    enormous = Line("Expérience " * 400, "تجربه " * 400)
    bio = CvDocument("Zahra", sections=(Section("Bio", lines=(enormous,)),), rtl=True)
    doc = pdf(bio, bilingual=True)
    assert doc.page_count == 1 and "…" in doc[0].get_text()


def test_rtl_line_keeps_digits_and_latin_words_in_place() -> None:
    page = pdf(cv("ar"), bilingual=True)[0]
    logical = LOCAL["ar"][7]  # "2019-2023: طباخ في مطعم Le Damas في حلب"
    chars = [c for b in page.get_text("rawdict")["blocks"] for ln in b["lines"]
             for span in ln["spans"] for c in span["chars"]]  # fmt: skip
    rows = [[c for c in chars if abs(c["origin"][1] - d["origin"][1]) < 1] for d in chars
            if d["c"] == "D"]  # fmt: skip
    row = sorted(next(r for r in rows if "ط" in {c["c"] for c in r}), key=lambda c: c["bbox"][0])
    # What the eye reads left to right is what the Unicode bidi algorithm says, for an RTL
    # paragraph: "حلب في Le Damas مطعم في طباخ :2019-2023", each Arabic word letters reversed.
    assert "".join(c["c"] for c in row).strip() == get_display(logical, base_dir="R")
    assert row[-1]["bbox"][2] > page.rect.width - 60  # right-aligned (16 mm margin is 45 pt)


def ink(page: pymupdf.Page, clip: pymupdf.Rect) -> set[tuple[int, int]]:
    """The dark pixels of `clip` rendered at 150 dpi, relative to the top left one."""
    pix = page.get_pixmap(dpi=150, clip=clip, colorspace=pymupdf.csGRAY)
    dark = {(i % pix.stride, i // pix.stride) for i, v in enumerate(pix.samples) if v < 140}
    if not dark:
        return dark
    left, top = min(x for x, _ in dark), min(y for _, y in dark)
    return {(x - left, y - top) for x, y in dark}


def alike(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> float:
    """How much two ink sets overlap, allowing 1 px of anti-aliasing drift (1.0: the same)."""

    def near(one: set[tuple[int, int]], other: set[tuple[int, int]]) -> float:
        grown = {(x + dx, y + dy) for x, y in other for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        return len(one & grown) / len(one) if one else 0.0

    return min(near(a, b), near(b, a))


def reference(word: str, font_file: str, size: float) -> set[tuple[int, int]]:
    """`word` drawn alone by fpdf2 in one font, shaped, at `size` points."""
    alone = FPDF()
    alone.add_font("only", "", FONTS / font_file)
    alone.set_text_shaping(True)
    alone.add_page()
    alone.set_font("only", "", size)
    alone.set_xy(20, 20)
    alone.cell(text=word)
    page = pymupdf.open(stream=bytes(alone.output()), filetype="pdf")[0]
    return ink(page, pymupdf.Rect(0, 0, page.rect.width, 150))


def glyph_check(
    page: pymupdf.Page, word: str, font_file: str
) -> tuple[str, float, float, float] | None:
    """(font, size, likeness to `font_file`'s glyphs, to Noto Sans's .notdef) for `word`.

    None when the page has no such word. For letters Noto Sans lacks, fpdf2 2.8.9 (shaping on)
    writes no glyph at all, not even its .notdef box, and logs nothing: the .notdef likeness is
    then 0, and stays a guard should a later fpdf2 draw boxes.
    """
    for line in (line for block in page.get_text("rawdict")["blocks"] for line in block["lines"]):
        chars = [(c, span) for span in line["spans"] for c in span["chars"]]
        at = "".join(c["c"] for c, _ in chars).find(word)  # fpdf2's ToUnicode gives NFC text
        if at >= 0:
            box, span = pymupdf.Rect(chars[at][0]["bbox"]), chars[at][1]
            for c, _ in chars[at : at + len(word)]:
                box |= c["bbox"]
            drawn = ink(page, box + (-2, -2, 2, 2))  # noqa: RUF005 (Rect arithmetic)
            real = reference(word, font_file, span["size"])
            notdef = reference(word, "NotoSans-Bold.ttf", span["size"])
            return span["font"], span["size"], alike(drawn, real), alike(drawn, notdef)
    return None


def name_ink(page: pymupdf.Page) -> int:
    """How many dark pixels the band above the headline, where only the name is, has."""
    headline = page.search_for(HEADLINE)[0]
    return len(ink(page, pymupdf.Rect(0, 0, page.rect.width, headline.y0)))


NAMES = [("ar", "NotoNaskhArabic-Regular.ttf"), ("ti", "NotoSansEthiopic-Regular.ttf")]


@pytest.mark.parametrize(("language", "font_file"), NAMES)
def test_names_are_drawn_with_real_glyphs(language: str, font_file: str) -> None:
    page = pdf(cv(language), bilingual=True)[0]
    expected_ink = 0
    for word in LOCAL[language][0].split():
        found = glyph_check(page, word, font_file)
        assert found is not None, word
        font, size, real, notdef = found
        assert font == font_file.removesuffix("-Regular.ttf")
        assert real > 0.8 and notdef < 0.5, (word, real, notdef)
        expected_ink += len(reference(word, font_file, size))
    assert 0.85 < name_ink(page) / expected_ink < 1.15


@pytest.mark.parametrize(("language", "font_file"), NAMES)
def test_glyph_check_fails_without_fallback_fonts(
    language: str, font_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name's bold Noto Sans lacks these letters: fpdf2 draws, and writes as text, nothing.
    monkeypatch.setattr(FPDF, "set_fallback_fonts", lambda *args, **kwargs: None)
    page = pdf(cv(language), bilingual=True)[0]
    for word in LOCAL[language][0].split():
        found = glyph_check(page, word, font_file)
        assert found is None or found[2] < 0.5, (word, found)
    assert name_ink(page) < 20


def test_characters_no_font_has_are_left_out() -> None:
    bio = CvDocument("Ahmed 🙂 中文", sections=(Section("Bio", lines=(Line("a ✅"),)),))
    found = text(pdf(bio))
    assert "Ahmed" in found and not {"🙂", "中", "✅"} & set(found)
