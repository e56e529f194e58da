"""Build my CV: a simplified CV in French for employers, and a bilingual copy for the person.

```mermaid
flowchart TD
    start --> identity[name · phone · e-mail · city]
    identity --> status[situation → right to work]
    status --> jobs[jobs sought]
    jobs --> experience[experience, repeated]
    experience --> education[education · comparability]
    education --> languages[French level · other languages]
    languages --> skills[digital skills · licence]
    skills --> availability[from when · hours · contracts · distance]
    availability --> share[may employers see it?]
    share --> review[review → PDF · bilingual PDF · edit a section · delete]
    review -->|edit| identity
```

Every question can be skipped, "back" works everywhere, and a CV left half-way resumes days later.
Free answers are translated to French offline and shown back for confirmation.
"""

from flows.cv import education, identity, languages, more, review, status, work
from flows.cv.common import flow
from flows.cv.review import entry

__all__ = [
    "education",
    "entry",
    "flow",
    "identity",
    "languages",
    "more",
    "review",
    "status",
    "work",
]
