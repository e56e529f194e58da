"""The console in Chromium (Playwright), for coordinators and admins: an announcement to a segment,
the audience counted as it is chosen and the counts followed until sent; a service's hours changed
(checked as they are typed) and the bot's answer changing with them; a file with a bad row and its
report; the figures, the access log and the accounts. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import re

from bot.directory import importer
from bot.directory.places import gazetteer
from tests.browser.support import Site, browser_loop, eventually
from tests.test_broadcast import add_person

pytestmark = browser_loop
SERVICES = """\
source_id;source;name;categories;address;postcode;opening_hours;languages;last_verified
epi;asso;Épicerie solidaire du 3e;food;10 rue Servient;69003;Sa 09:00-12:00;fr, ar;2026-10-01
"""
BAD = """\
source_id;source;name;categories;postcode;opening_hours
b1;asso;Bon;food;75011;Mo-Fr 09:00-12:00
b2;asso;;food;75011;
b3;asso;Horaires faux;food;75011;lundi matin
"""


async def test_an_announcement_to_a_segment_is_followed_until_sent(site: Site) -> None:
    page = site.page
    for n in range(3):
        await add_person(site.app, f"+3361000000{n}", channel="whatsapp", language="ar")
    await add_person(site.app, "+33620000000", channel="whatsapp", language="uk")
    await site.login("coordination@example.org", "coordinator")
    await page.goto(site.url("/console/announcements/new"))
    count = page.locator("#audience-count [data-count]")
    assert await count.get_attribute("data-count") == "4"
    await page.fill('textarea[name="text"]', "Distribution alimentaire samedi à 10 h.")
    await page.check('input[name="languages"][value="ar"]')

    async def counted_three() -> bool:
        return await count.get_attribute("data-count") == "3"

    await eventually(counted_three)  # the count followed the choice, without a reload
    await site.shot("announcement-new")
    await page.click('button[value="draft"]')
    await page.wait_for_selector("#send")
    assert "[ar] Distribution alimentaire samedi" in await page.content()
    await page.click("#send")
    sent = page.locator('#progress td[data-count="1"]')  # the "sent" count

    async def all_sent() -> bool:
        return (await sent.text_content() or "").strip() == "3"

    await eventually(all_sent, within=20)  # the page followed the counts by itself
    assert len(site.twilio.sent()) == 3
    assert all("[ar] Distribution" in m["Body"] for m in site.twilio.sent())
    await site.shot("announcement")
    await page.goto(site.url("/console/announcements"))
    listing = await page.inner_text("main")
    assert "console:coordination@example.org" in listing and "العربية" in listing


async def test_changing_a_services_hours_changes_the_bots_answer(site: Site) -> None:
    page = site.page
    places = gazetteer(site.app.settings.content_dir)
    path = site.app.settings.data_dir / "services.csv"
    path.write_text(SERVICES, encoding="utf-8")
    await importer.import_file(
        site.app.database, "services", path, places, site.app.catalogs, site.clock.now()
    )
    person = "+33630000000"
    for words in ("bonjour", "1", "1", "3", "2"):  # French, consent, help near me, food
        await site.whatsapp(person, words)
    await site.whatsapp(person, "69003")
    before = (await site.twilio.wait_for(6, to=f"whatsapp:{person}"))[-1]["Body"]
    assert "Épicerie solidaire du 3e" in before and "🟢" in before  # Saturday 11:00: open
    await site.login("coordination@example.org", "coordinator")
    await page.goto(site.url("/console/directory/services"))
    await site.shot("directory")
    await page.click("text=Épicerie solidaire du 3e")
    hours = page.locator('input[name="opening_hours"]')
    await hours.fill("lundi matin")
    await page.locator("#hours-preview [data-invalid]").wait_for()  # checked as it is typed
    assert await hours.get_attribute("aria-invalid") == "true"
    await hours.fill("Mo-Fr 09:00-12:00; PH off")
    closed = site.app.catalogs.text("fr", "web.hours.closed_now")
    await page.locator("#hours-preview", has_text=closed).wait_for()
    assert "lundi 09:00" in await page.inner_text("#hours-preview")
    await site.shot("service")
    await page.click('form.card button[type="submit"]')
    await page.wait_for_selector(".notice")
    await site.whatsapp(person, "69003")
    after = (await site.twilio.wait_for(7, to=f"whatsapp:{person}"))[-1]["Body"]
    assert "Épicerie solidaire du 3e" in after and "🔴" in after  # now closed on Saturdays
    assert re.search(r"lundi.*09:00", after)


async def test_a_file_with_a_bad_row_is_refused_with_its_report(site: Site) -> None:
    page = site.page
    await site.login("coordination@example.org", "coordinator")
    await page.goto(site.url("/console/directory/import"))
    await page.set_input_files(
        'input[name="file"]',
        {"name": "services.csv", "mimeType": "text/csv", "buffer": BAD.encode()},
    )
    await page.click('form[enctype] button[type="submit"]')
    report = page.locator("#import-report tbody tr")
    await report.first.wait_for()
    rows = await report.all_inner_texts()
    assert rows[0].split("\t")[:2] == ["3", "name"]
    assert rows[1].split("\t")[:2] == ["4", "opening_hours"]
    await site.shot("import")
    await page.goto(site.url("/console/directory/services"))
    nothing = site.app.catalogs.text("fr", "web.directory.none")
    assert nothing in await page.inner_text("main")  # not even the good row


async def test_figures_access_log_and_accounts(site: Site) -> None:
    page = site.page
    for n, words in enumerate(("bonjour", "hello", "مرحبا")):
        await site.whatsapp(f"+3364000000{n}", words)
        await site.whatsapp(f"+3364000000{n}", "1")
    await site.login("admin@example.org", "admin")
    await page.goto(site.url("/console/figures"))
    assert await page.locator("svg.chart").count() >= 3
    await site.shot("figures")
    await page.goto(site.url("/console/accounts"))
    await page.fill('input[name="email"]', "nouvelle@example.org")
    await page.select_option('select[name="role"]', "volunteer")
    await page.click("text=" + site.app.catalogs.text("fr", "web.accounts.create"))
    link = await page.inner_text("#setup-link")
    assert "/console/setup/" in link
    await site.shot("accounts", hide="#setup-link")
    await page.goto(site.url("/console/audit"))
    assert "admin@example.org" in await page.inner_text("main")
    await site.shot("audit")
