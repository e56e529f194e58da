"""Build my CV: a CV in French for employers, and a bilingual copy for the person and the
volunteers helping them.

```mermaid
flowchart TD
    start --> identity[name in Latin letters · feminine/masculine · phone · e-mail · commune]
    identity --> status[situation → right to work]
    status --> jobs[jobs sought ✓]
    jobs --> experience[each job: trade · employer · country, town · from, to · tasks]
    experience --> education[each diploma: level · field · country · year · obtained · attestation]
    education --> languages[French level · other languages ✓ · levels]
    languages --> skills[skills for those trades · digital · licence]
    skills --> availability[from when · hours · contracts · distance]
    availability --> share[may employers see it?]
    share --> review[review → PDF · bilingual PDF · change a part · delete]
    review -->|change| edit[part → answer, or entry → answer / delete]
    edit --> review
```

Every question can be skipped; "back" returns to the last question answered, showing the answer
and offering "✔ Keep it" first (flows/cv/common.py `question`; "skip" never erases an answer);
"Build my CV" resumes a CV left half-way at the first question not answered. Countries, languages,
communes, trades, phones and dates become French through lists and parsers (bot/cv/normalize,
bot/cv/trades.py); free answers through a translation the person confirms, or their own French, a
volunteer's help, or left out (flows/cv/freetext.py).
"""

from flows.cv import (
    edit,
    education,
    experience,
    freetext,
    identity,
    languages,
    latin,
    more,
    places,
    review,
    status,
    wanted,
)
from flows.cv.common import flow
from flows.cv.review import entry

__all__ = [
    "edit",
    "education",
    "entry",
    "experience",
    "flow",
    "freetext",
    "identity",
    "languages",
    "latin",
    "more",
    "places",
    "review",
    "status",
    "wanted",
]
