"""Draw the page images reviewed by eye for text direction: one per script, in tests/golden/pdf.

Each image is the top of a bilingual CV whose lines are the mixed-direction corpus of
tests/test_cv_bidi.py (French lines left-aligned, the person's language under each). After a
change to bot/cv/pdf.py or bot/cv/directions.py, redraw them and look at the diff:

    python bench/cv_pages.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402

from bot.cv.pdf import render  # noqa: E402
from tests.test_cv_bidi import CORPUS, FONTS, document  # noqa: E402

OUT = ROOT / "tests" / "golden" / "pdf"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for language, (rtl, lines) in sorted(CORPUS.items()):
        data = render(document(language, rtl, lines), FONTS, bilingual=True)
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            clip = pymupdf.Rect(0, 30, pdf[0].rect.width, 90 + 48 * len(lines))
            path = OUT / f"{language}.png"
            pdf[0].get_pixmap(dpi=110, clip=clip).save(path)
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
