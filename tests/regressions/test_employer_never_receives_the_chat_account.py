"""Issue 19: "the employer never receives the person's chat account or number unless the person
put it in the CV". The mail carrying a CV to an employer holds the offer's title and the French
CV: read back (pymupdf), the PDF shows the phone number only when the person wrote it in their
CV, and neither the mail nor the PDF shows the account they write from."""

from __future__ import annotations

import pymupdf

from bot.clock import FrozenClock
from bot.config import Settings
from tests.employers_support import EMPLOYER, confirmed, deliver, employers_site, publish
from tests.standins.smtp import attachments, body
from tests.support import Person
from tests.test_directory_flows import CV, set_cv, to_menu

ACCOUNT = "+33698765432"  # the number they write from (a WhatsApp account's id)


def pdf_text(pdf: bytes) -> str:
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        return "".join(page.get_text() for page in document)


async def test_only_what_the_cv_says_reaches_the_employer(
    settings: Settings, clock: FrozenClock
) -> None:
    async with employers_site(settings, clock) as site:
        app = site.app
        await publish(app, await confirmed(site))
        await confirmed(site, title="Commis de cuisine", ogr="")  # published at once: trusted
        await deliver(app)
        person = Person(app, ACCOUNT, channel="whatsapp")
        await to_menu(person)
        await set_cv(app, person, CV)  # no phone in it
        for words in ("2", "1", "✋ Ça m'intéresse"):
            await person.send(words)
        assert await deliver(app) == 1
        mail = site.smtp.to(EMPLOYER)[-1]
        [(_name, pdf)] = attachments(mail)
        text = pdf_text(pdf)
        assert "Amina K" in text
        for account in (ACCOUNT, "98765432", "whatsapp"):
            assert account not in body(mail) and account not in text
        assert "98 76 54 32" not in text

        await set_cv(app, person, {**CV, "phone": {"text": "06 98 76 54 32"}})
        for words in ("Retour aux offres", "2", "✋ Ça m'intéresse"):
            await person.send(words)
        assert await deliver(app) == 1
        [(_name, pdf)] = attachments(site.smtp.to(EMPLOYER)[-1])
        assert "06 98 76 54 32" in pdf_text(pdf)  # written in the CV: the person chose to
