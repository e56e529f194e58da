""" "My data" and "delete my data": see everything we keep (flows/privacy_report.py, paged for
small screens), change consent, erase it all.

```mermaid
flowchart LR
    mydata -->|delete| erase
    mydata -->|give / withdraw agreement| mydata
    mydata -->|back| caller([where they were])
    erase -->|yes| gone([everything erased])
    erase -->|no| caller
```
"""

from __future__ import annotations

from bot.engine.flow import END, RETURN, STAY, Answer, Call, Flow, Next
from bot.i18n.msg import Option, _
from flows import privacy_report as report
from flows.cv.pdfs import forget_pdfs
from flows.onboarding import NO, YES
from flows.services import Turn

flow = Flow("privacy")

DELETE = Option("delete", _("mydata.delete"))
GIVE = Option("give", _("mydata.consent_give"))
WITHDRAW = Option("withdraw", _("mydata.consent_withdraw"))
MORE = Option("more", _("mydata.more"))
EARLIER = Option("earlier", _("mydata.earlier"))
BACK_TO_MENU = Option("back", _("common.back_to_menu"))
# Answers kept only because the person agreed (the CV, job filters, the place they gave).
KEPT_WITH_CONSENT = ("cv", "jobs", "where")
PAGE_LINES = 18  # a page a small screen shows without much scrolling
PAGE, PAGES = "mydata_page", "mydata_pages"  # nav: the page on screen, and how many


def pages(blocks: list[list[str]]) -> list[str]:
    """Blocks gathered into pages of about PAGE_LINES lines, a block never cut unless it is
    longer than a page by itself (a long CV)."""
    found: list[list[str]] = [[]]
    for block in blocks:
        if found[-1] and len(found[-1]) + len(block) > PAGE_LINES:
            found.append([])
        for line in block:
            if len(found[-1]) >= PAGE_LINES:
                found.append([])
            found[-1].append(line)
        found[-1].append("")
    return ["\n".join(page).strip() for page in found if page]


def mydata_options(t: Turn) -> list[Option]:
    consent = WITHDRAW if t.user.consent == "given" else GIVE
    page = t.state.nav.get(PAGE, 0)
    more = [MORE] if page + 1 < t.state.nav.get(PAGES, 1) else []
    earlier = [EARLIER] if page > 0 else []
    return [*more, *earlier, DELETE, consent, BACK_TO_MENU]


async def mydata_prompt(t: Turn) -> str:
    shown = pages(await report.blocks(t))
    t.state.nav[PAGES] = len(shown)  # for the options, decided after the prompt
    page = min(t.state.nav.get(PAGE, 0), len(shown) - 1)
    parts = [shown[page]]
    if len(shown) > 1:
        parts.append(t.text(_("mydata.page", page=page + 1, pages=len(shown))))
    parts.append(t.text(_("mydata.prompt")))
    return "\n\n".join(parts)


@flow.question("mydata", prompt=mydata_prompt, options=mydata_options)
async def mydata(t: Turn, answer: Answer) -> Next:
    if answer.choice in (MORE.id, EARLIER.id):
        step = 1 if answer.choice == MORE.id else -1
        t.state.nav[PAGE] = max(0, t.state.nav.get(PAGE, 0) + step)
        return STAY
    t.state.nav.pop(PAGE, None)
    t.state.nav.pop(PAGES, None)
    if answer.choice == DELETE.id:
        return Call("privacy.erase")
    if answer.choice == GIVE.id:
        t.set_consent(True)
        t.say(_("mydata.consent_changed"))
        return STAY
    if answer.choice == WITHDRAW.id:  # what they agreed to us keeping goes, as the option says
        t.set_consent(False)
        await t.services.directory.forget(t.user.id)  # interests, offers liked, the job alert
        await t.services.employers.forget(t.user.id)  # a CV still waiting to go to an employer
        for kept in KEPT_WITH_CONSENT:
            t.state.data.pop(kept, None)
        t.after_commit(forget_pdfs)
        t.say(_("mydata.consent_withdrawn"))
        return STAY
    return RETURN


YES_ERASE = Option("yes", _("erase.yes"), YES)
NO_KEEP = Option("no", _("erase.no"), NO)


@flow.question("erase", prompt=_("erase.confirm"), options=(YES_ERASE, NO_KEEP), resumable=False)
async def erase(t: Turn, answer: Answer) -> Next:
    if answer.choice == YES_ERASE.id:
        t.erase()
        t.say(_("erase.done"))
        return END
    t.say(_("erase.kept"))
    return RETURN
