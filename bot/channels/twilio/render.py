"""`Outgoing` → Twilio messages: numbered text split to 1,600 characters, or a Content template.

Choices are always readable as a numbered menu, which works on SMS and every WhatsApp client. Where
an admin configured Content templates for choices (TWILIO_CHOICE_CONTENT_SIDS, one per number of
options) and the options fit WhatsApp's limits, the template is used instead, with variables
1 = the text, 2…n+1 = the option titles, n+2…2n+1 = what each button sends back. A template's
buttons and list items are not numbered, so its text does not ask for a number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.channels import buttons
from bot.channels.render import as_text, split_text
from bot.messages import Outgoing, OutKind

BODY_LIMIT = 1600
QUICK_REPLY_TITLE = 20  # up to 3 buttons
LIST_ITEM_TITLE = 24  # up to 10 items
TEMPLATE_TEXT = 1024
PAYLOAD_LIMIT = 200


def bodies(out: Outgoing) -> list[str]:
    return split_text(as_text(out), BODY_LIMIT) or [" "]


def choice_template(
    out: Outgoing, sids: dict[str, str], number_hints: Sequence[str] = ()
) -> tuple[str, str] | None:
    """(content SID, variables JSON) if a configured template fits these choices. Buttons and
    list items carry no numbers, so the sentences asking for one (`choices.number_hints` in
    the message's language) are left out of the text."""
    count = len(out.options)
    sid = sids.get(str(count))
    if out.kind is not OutKind.CHOICES or not sid or not out.text or not out.numbered:
        return None
    text = without(out.text, number_hints)
    limit = QUICK_REPLY_TITLE if count <= 3 else LIST_ITEM_TITLE
    if count > 10 or not text or len(text) > TEMPLATE_TEXT:
        return None
    if any(len(o.label) > limit for o in out.options):
        return None
    variables = {"1": text}
    for n, option in enumerate(out.options, start=1):
        variables[str(1 + n)] = option.label
        variables[str(1 + count + n)] = buttons.encode(out.step, option.id, n, PAYLOAD_LIMIT)
    return sid, json.dumps(variables, ensure_ascii=False)


def without(text: str, sentences: Sequence[str]) -> str:
    """`text` less each of `sentences`, and the spaces they leave at the ends of lines."""
    for sentence in sentences:
        text = text.replace(sentence, "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
