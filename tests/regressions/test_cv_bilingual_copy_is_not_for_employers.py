"""Issue 16: the bilingual copy came with the French copy's caption ("send it to employers"). It
now says it is for the person and the volunteers helping them, not for employers."""

from __future__ import annotations

from bot.i18n.catalogs import Catalogs
from flows.cv.pdfs import BILINGUAL_CAPTION, PDF_CAPTION
from tests.cv_support import CONTENT


def test_each_copy_has_its_own_caption() -> None:
    catalogs = Catalogs(CONTENT)
    assert BILINGUAL_CAPTION.id != PDF_CAPTION.id
    for code in catalogs.codes:
        bilingual = catalogs.text(code, BILINGUAL_CAPTION.id)
        assert bilingual != catalogs.text(code, PDF_CAPTION.id)
    assert "pas pour les employeurs" in catalogs.text("fr", BILINGUAL_CAPTION.id)
