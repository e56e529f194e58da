"""Draw a `CvDocument` as an A4 PDF, French only or bilingual (French + the person's language).

Design: fpdf2 with the shipped Noto fonts, Noto Sans first and the Arabic, Ethiopic and Bengali
faces as fallbacks (loaded only when the CV has such letters), so a name in any of those scripts
finds its glyphs. HarfBuzz shaping joins Arabic letters and forms Bengali conjuncts; a line in a
right-to-left language gets an RTL base direction (digits and Latin words inside stay in place)
and is right-aligned, French lines an LTR one. Each field of a line ("Soudeuse", "حلب", "2019")
is drawn in its own direction, so an Arabic answer, a Latin word inside it, a number or a
Persian word with a zero-width non-joiner cannot reorder its neighbours (bot/cv/directions.py
says why fpdf2 alone gets these wrong). Everything is measured before it is drawn: a CV keeps to
one page when it can, shrinks its type once, and is cut with "…" after two pages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from bot.cv.directions import draw_fields, fits, isolated, nested, rtl, simple
from bot.cv.document import CvDocument, Line

__all__ = ["render"]

_MAIN = "NotoSans"  # Latin, Cyrillic, digits, punctuation; the only face with a bold
_ARABIC = "NotoNaskhArabic"
# The other faces, loaded only for a CV with a character whose Unicode name has the word.
_SCRIPT_FONTS = {
    "ARABIC": _ARABIC,  # Arabic, Persian, Pashto (and "EXTENDED ARABIC-INDIC DIGIT ...")
    "ETHIOPIC": "NotoSansEthiopic",
    "BENGALI": "NotoSansBengali",
}

_MARGIN = 16.0  # mm, left/right/top
_BOTTOM = 18.0  # mm kept free at the bottom of each page for the footer
_LEADING = 1.32  # line height as a multiple of the font size
_PT = 25.4 / 72  # mm per point
_SHRINK = 0.88  # the one reduction applied when the CV does not fit
_MAX_PAGES = 2
_MAX_TEXT_LINES = 6  # a single line of the CV never wraps to more than this
_ELLIPSIS = "…"
_SEPARATOR = "  ·  "  # between the contact items
_DROPPED = ("Cc", "Cs", "Co", "Cn")  # control, surrogate, private use, unassigned characters
_INK = (25, 25, 25)
_GREY = (105, 105, 105)
_RULE = (170, 170, 170)
_RULE_GAP = 1.5  # mm between a section title and its rule + first line


@dataclass(frozen=True, slots=True)
class _Style:
    size: float  # points, before scaling
    bold: bool = False
    grey: bool = False
    before: float = 0.0  # mm of space above, before scaling


_NAME = _Style(20, bold=True)
_HEADLINE = _Style(12, before=1.0)
_HEADLINE_LOCAL = _Style(10.5, grey=True)
_PROFILE = _Style(10.5, before=1.0)
_CONTACT = _Style(9.5, grey=True, before=1.5)
_TITLE = _Style(11.5, bold=True, before=5.0)
_TITLE_LOCAL = _Style(9.5, grey=True)
_TEXT = _Style(10, before=1.2)
_TEXT_PAIRED = _Style(10, before=2.4)  # a French line with its translation under it
_TEXT_LOCAL = _Style(9, grey=True)
_ARABIC_SIZE = 1.12  # Naskh looks smaller than Noto Sans at the same size
_FOOTER_SIZE = 7.5


@dataclass(frozen=True, slots=True)
class _Run:
    """One paragraph: a text in one style, left-to-right (or auto) or right-to-left."""

    text: str
    style: _Style
    rtl: bool = False
    rule: bool = False  # a thin line under it (section titles)
    fields: tuple[str, ...] = ()  # the fields of the text, each drawn in its own direction
    separator: str = ""


_Block = tuple[_Run, ...]  # runs kept together on one page


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = ""

    def footer(self) -> None:
        if not self.footer_text:
            return
        shaping = self.text_shaping
        self.set_text_shaping(True, direction="ltr")
        self.set_y(-_BOTTOM + 6)
        self.set_font(_MAIN, "", _FOOTER_SIZE)
        self.set_text_color(*_GREY)
        self.multi_cell(0, _FOOTER_SIZE * _PT * _LEADING, self.footer_text, align=Align.C)
        self.text_shaping = shaping


def render(document: CvDocument, fonts_dir: Path, *, bilingual: bool = False) -> bytes:
    """The PDF of `document`: French only, or with each text's `local` twin right under it."""
    pdf = _Pdf()
    # Each face costs parsing at add_font and subsetting at output, even if unused: only the
    # script faces this CV needs are loaded (a French CV loads Noto Sans alone), and each reads
    # just the characters the CV has (unicode_range) rather than its thousands of cmap entries.
    families, used = _needs(document, bilingual=bilingual)
    pdf.add_font(_MAIN, "", fonts_dir / "NotoSans-Regular.ttf", unicode_range=used)
    pdf.add_font(_MAIN, "B", fonts_dir / "NotoSans-Bold.ttf", unicode_range=used)
    for family in families[1:]:
        pdf.add_font(family, "", fonts_dir / f"{family}-Regular.ttf", unicode_range=used)
    # exact_match=False: bold text (name, titles) may fall back to the regular-only script faces.
    # Noto Sans is a fallback too, for a Latin word or "’" inside a line set in the Arabic face.
    pdf.set_fallback_fonts(families, exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=_BOTTOM)
    pdf.set_creator("Passerelle")
    pdf.set_lang("fr")
    pdf.add_page()

    covered: set[int] = set()
    for font in pdf.fonts.values():
        covered.update(getattr(font, "cmap", {}))
    pdf.set_title(_clean(document.name, covered) or "CV")
    pdf.footer_text = _clean(document.footer, covered)
    blocks = _blocks(document, bilingual=bilingual, clean=lambda text: _clean(text, covered))
    scale, layout = _fit(pdf, blocks)
    for page, block in layout:
        if page > pdf.page:
            pdf.add_page()
        for run in block:
            _draw(pdf, run, scale)
    return bytes(pdf.output())


def _needs(document: CvDocument, *, bilingual: bool) -> tuple[list[str], list[int]]:
    """The font families the CV needs (Noto Sans first) and the characters it may draw."""
    texts = [document.name, document.footer, *document.contact, _ELLIPSIS, _SEPARATOR]
    lines = [document.headline] if document.headline else []
    for section in document.sections:
        lines += [Line(section.title, section.local_title), *section.lines]
    texts += [line.text() for line in lines]
    if document.profile:
        texts.append(document.profile.text())
    if bilingual:
        texts += [line.text(local=True) for line in lines]
    used = set(unicodedata.normalize("NFC", "".join(texts)))
    names = {unicodedata.name(c, "") for c in used if ord(c) >= 0x0370}
    families = [_MAIN] + [
        family for word, family in _SCRIPT_FONTS.items() if any(word in n for n in names)
    ]
    if bilingual and document.rtl and _ARABIC not in families:
        families.append(_ARABIC)  # RTL lines are set in the Arabic face
    return families, sorted(map(ord, used))


def _clean(text: str, covered: set[int]) -> str:
    """NFC, without repeated spaces, control characters nor characters no loaded face draws.

    For a character no face has (an emoji, a Chinese name), fpdf2 with shaping on leaves a blank
    gap and logs nothing: it is left out instead. Invisible formatting characters (zero-width
    non-joiner in Persian, bidi marks) stay, for HarfBuzz and the bidi algorithm.
    """
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        c
        for c in text
        if c in "\n\t"
        or unicodedata.category(c) == "Cf"
        or (unicodedata.category(c) not in _DROPPED and ord(c) in covered)
    )
    return "\n".join(" ".join(part.split()) for part in kept.split("\n")).strip()


def _blocks(document: CvDocument, *, bilingual: bool, clean: Callable[[str], str]) -> list[_Block]:
    def run(line: Line, style: _Style, local: bool = False) -> _Run:
        fields = tuple(cleaned for field in line.fields(local) if (cleaned := clean(field)))
        right_to_left = local and document.rtl
        text = isolated(fields, line.separator, right_to_left=right_to_left)
        return _Run(text, style, right_to_left, False, fields, line.separator)

    def pair(line: Line, main: _Style, local: _Style, rule: bool = False) -> list[_Run]:
        runs = [run(line, main)]
        if bilingual and line.local:
            runs.append(run(line, local, local=True))
        runs = [run for run in runs if run.text]
        if rule and runs:
            runs[-1] = replace(runs[-1], rule=True)
        return runs

    header = [run(Line(document.name), _NAME)]
    if document.headline:
        header += pair(document.headline, _HEADLINE, _HEADLINE_LOCAL)
    if document.profile:
        header += pair(document.profile, _PROFILE, _HEADLINE_LOCAL)
    contact = Line(tuple(document.contact), separator=_SEPARATOR)
    header.append(run(contact, _CONTACT))
    blocks = [tuple(run for run in header if run.text)]

    for section in document.sections:
        title = pair(Line(section.title, section.local_title), _TITLE, _TITLE_LOCAL, rule=True)
        text = _TEXT_PAIRED if bilingual else _TEXT
        lines = [runs for line in section.lines if (runs := pair(line, text, _TEXT_LOCAL))]
        # A title stays on the page of the section's first line.
        blocks.append(tuple(title + (lines[0] if lines else [])))
        blocks.extend(tuple(runs) for runs in lines[1:])
    return [block for block in blocks if block]


def _size(run: _Run, scale: float) -> float:
    return run.style.size * scale * (_ARABIC_SIZE if run.rtl else 1.0)


def _line_height(run: _Run, scale: float) -> float:
    return _size(run, scale) * _PT * _LEADING


def _set_style(pdf: FPDF, run: _Run, scale: float) -> None:
    # An RTL line starts in the Arabic face, so its spaces and digits match its letters; a Latin
    # word inside falls back to Noto Sans. The base direction is set, not guessed from the first
    # strong letter: an RTL line starting with "2019" or "Carrefour" stays RTL, a French line
    # starting with an Arabic place name stays LTR. (The bidi algorithm still draws each Arabic
    # run right to left, and HarfBuzz shapes each run in its own direction.)
    pdf.set_font(_ARABIC if run.rtl else _MAIN, "B" if run.style.bold else "", _size(run, scale))
    pdf.set_text_color(*(_GREY if run.style.grey else _INK))
    if simple(run.text) and not run.rtl:
        pdf.set_text_shaping(False)  # see directions.shape
    else:
        pdf.set_text_shaping(True, direction="rtl" if run.rtl else "ltr")


def _measure(pdf: FPDF, run: _Run, scale: float) -> float:
    """The height of `run`, in mm, including the space above and the rule below it."""
    _set_style(pdf, run, scale)
    around = (run.style.before + (_RULE_GAP if run.rule else 0.0)) * scale
    line = _line_height(run, scale)
    # Most texts fit on one line, which one shaping pass tells; a dry run of multi_cell shapes
    # the text again at every character, so it is kept for the texts that wrap.
    room = pdf.epw - 2 * pdf.c_margin
    if _by_field(run) and fits(pdf, run.fields, run.separator, room):
        return around + line  # drawn field by field on one line (see _draw)
    if "\n" not in run.text and pdf.get_string_width(run.text) < room * 0.98:
        return around + line
    height = pdf.multi_cell(
        0,
        line,
        run.text,
        align=Align.R if run.rtl else Align.L,
        dry_run=True,
        output=MethodReturnValue.HEIGHT,
    )
    assert isinstance(height, float | int)  # output=HEIGHT alone returns just the height
    return around + height


def _shorten(pdf: FPDF, run: _Run, scale: float) -> tuple[_Run, float]:
    """`run` (cut at a word, with "…", if it wraps to more than _MAX_TEXT_LINES) and its height."""
    height = _measure(pdf, run, scale)
    lines = _line_height(run, scale) * _MAX_TEXT_LINES
    limit = (run.style.before + (_RULE_GAP if run.rule else 0.0)) * scale + lines + 0.01
    if height <= limit:
        return run, height
    words = run.text.split(" ")
    if len(words) < 2:  # one enormous "word": cut it by characters
        words = list(run.text)
    low, high = 0, len(words)  # words[:low] + "…" fits, words[:high] does not
    while high - low > 1:
        middle = (low + high) // 2
        trial = replace(run, text=_join(words[:middle], run.text), fields=())
        if _measure(pdf, trial, scale) <= limit:
            low = middle
        else:
            high = middle
    short = replace(run, text=_join(words[:low], run.text), fields=())
    return short, _measure(pdf, short, scale)


def _join(words: list[str], text: str) -> str:
    separator = " " if " " in text else ""
    return separator.join(words).rstrip(" ,;:.-–—") + " " + _ELLIPSIS


def _paginate(
    pdf: FPDF, blocks: list[_Block], scale: float
) -> tuple[list[tuple[int, _Block]], bool, float]:
    """The page of each block, whether the last ones were cut to stay within _MAX_PAGES, and the
    height of everything placed (mm)."""
    top, bottom = pdf.t_margin, pdf.h - _BOTTOM
    page, y, total = 1, top, 0.0
    placed: list[tuple[int, _Block]] = []
    for block in blocks:
        fitted = [_shorten(pdf, run, scale) for run in block]
        height = sum(run_height for _, run_height in fitted)
        if y + height > bottom and y > top:
            if page == _MAX_PAGES:
                return _close(pdf, placed, y, scale), True, total
            page, y = page + 1, top
        placed.append((page, tuple(run for run, _ in fitted)))
        y += height
        total += height
    return placed, False, total


def _close(
    pdf: FPDF, placed: list[tuple[int, _Block]], y: float, scale: float
) -> list[tuple[int, _Block]]:
    """`placed` ending with a "…" line, dropping its last block if there is no room for it."""
    mark = _Run(_ELLIPSIS, _TEXT)
    if y + _measure(pdf, mark, scale) > pdf.h - _BOTTOM:
        placed = placed[:-1]
    return [*placed, (placed[-1][0] if placed else 1, (mark,))]


def _fit(pdf: FPDF, blocks: list[_Block]) -> tuple[float, list[tuple[int, _Block]]]:
    """One page at full size, else one at the smaller size, else two pages (cut if need be)."""
    full, cut, height = _paginate(pdf, blocks, 1.0)
    if _pages(full) == 1 and not cut:
        return 1.0, full
    # Heights shrink with the type; well over a page at the smaller size, no need to try it.
    if not cut and height * _SHRINK > (pdf.h - _BOTTOM - pdf.t_margin) * 1.15:
        return 1.0, full
    small, _, _ = _paginate(pdf, blocks, _SHRINK)
    if cut or _pages(small) == 1:
        return _SHRINK, small
    return 1.0, full


def _pages(layout: list[tuple[int, _Block]]) -> int:
    return layout[-1][0] if layout else 1


def _by_field(run: _Run) -> bool:
    return len(run.fields) > 1 and nested(run.fields, run.rtl)


def _draw(pdf: FPDF, run: _Run, scale: float) -> None:
    pdf.set_y(pdf.get_y() + run.style.before * scale)
    _set_style(pdf, run, scale)
    height = _line_height(run, scale)
    if _by_field(run) and fits(pdf, run.fields, run.separator, pdf.epw - 2 * pdf.c_margin):
        draw_fields(pdf, run.fields, run.separator, run.rtl, height)
    else:
        # One field (or fields too long for one line): the paragraph takes the direction of
        # its text, so a Persian answer on a French line is laid out right to left in one piece.
        text = run.fields[0] if len(run.fields) == 1 else run.text
        if not simple(text) or run.rtl:
            pdf.set_text_shaping(True, direction="rtl" if rtl(text) else "ltr")
        pdf.multi_cell(
            0,
            height,
            text,
            align=Align.R if run.rtl else Align.L,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    if run.rule:
        y = pdf.get_y() + 0.3 * scale
        pdf.set_draw_color(*_RULE)
        pdf.set_line_width(0.25)
        pdf.line(pdf.l_margin + pdf.c_margin, y, pdf.w - pdf.r_margin - pdf.c_margin, y)
        pdf.set_y(pdf.get_y() + _RULE_GAP * scale)
