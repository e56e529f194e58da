"""The console in Chromium (Playwright): logging in, and a request from WhatsApp answered in the
browser — it appears in the open inbox without reloading, is taken, read beside its translation
and answered, and the person receives the answer translated through the signed webhook's channel.
Screenshots of the pages go to docs/screenshots/."""

from __future__ import annotations

from tests.browser.support import Site, browser_loop, eventually

pytestmark = browser_loop
AMAL = "+33612345678"


async def test_log_in_and_out(site: Site) -> None:
    page = site.page
    await page.goto(site.url("/console/inbox"))
    assert "/console/login" in page.url  # no session: the login page
    await site.shot("login")
    await site.login("nadia@example.org", "volunteer")
    assert page.url.endswith("/console/inbox")
    assert await page.inner_text("h1") == site.app.catalogs.text("fr", "web.inbox.title")
    await page.click("button.link")  # log out
    await page.wait_for_url("**/console/login")
    await page.goto(site.url("/console/inbox"))
    assert "/console/login" in page.url


async def test_a_whatsapp_request_is_taken_answered_and_delivered_translated(site: Site) -> None:
    page = site.page
    await site.login("nadia@example.org", "volunteer")
    for words in ("مرحبا", "1", "1", "5"):  # Arabic, consent, "talk to a volunteer"
        await site.whatsapp(AMAL, words)
    await site.whatsapp(AMAL, "أحتاج مساعدة في ملف اللجوء")
    row = page.locator('tr[data-request="1"]')
    await row.wait_for()  # arrived in the open inbox, without reloading
    assert "العربية" in await row.inner_text()
    await site.shot("inbox")
    await page.click('a[href="/console/inbox/1"]')
    await page.click("#take")
    await page.wait_for_selector("#reply")
    await site.twilio.wait_for(2, to=f"whatsapp:{AMAL}")  # … and "a volunteer is here"
    original = page.locator("article.person .original").first
    assert "أحتاج مساعدة في ملف اللجوء" in await original.inner_text()
    translation = page.locator("article.person .translation").first
    assert "[fr] أحتاج مساعدة" in await translation.inner_text()
    await page.fill('textarea[name="text"]', "Bonjour, je m'appelle Nadia. Comment puis-je aider ?")
    await page.click('#reply button[type="submit"]')
    await page.wait_for_selector("article.volunteer")
    sent = await site.twilio.wait_for(1, to=f"whatsapp:{AMAL}")
    body = sent[-1]["Body"]
    assert "[ar] Bonjour, je m'appelle Nadia." in body and "🤖" in body
    await site.whatsapp(AMAL, "موعدي يوم الثلاثاء")
    latest = page.locator("article.person").nth(1)
    await latest.wait_for()  # the person's answer appears in the open conversation
    assert "[fr] موعدي يوم الثلاثاء" in await latest.inner_text()
    await site.shot("conversation")
    assert AMAL not in await page.content()


async def test_the_inbox_reads_right_to_left_in_arabic(site: Site) -> None:
    page = site.page
    await site.login("karim@example.org", "volunteer", language="ar")
    await site.whatsapp("+33698765432", "bonjour")
    await site.whatsapp("+33698765432", "1")
    await site.whatsapp("+33698765432", "1")
    await site.whatsapp("+33698765432", "5")
    await site.whatsapp("+33698765432", "SOS j'ai besoin d'aide")
    await page.reload()

    async def listed() -> bool:
        return await page.locator('tr[data-request="1"]').count() == 1

    await eventually(listed)
    assert await page.get_attribute("html", "dir") == "rtl"
    direction = await page.evaluate("getComputedStyle(document.querySelector('main')).direction")
    assert direction == "rtl"
    assert site.app.catalogs.text("ar", "web.inbox.title") == await page.inner_text("h1")
    await site.shot("inbox-ar")
