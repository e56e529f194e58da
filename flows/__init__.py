"""The conversation: every flow, the global commands and the entry points, in `script()`."""

from __future__ import annotations

from bot.engine.flow import Script
from flows import (  # noqa: F401  (handover_leave: a question both modes use)
    broadcast,
    commands,
    cv,
    emergency,
    handover,
    handover_leave,
    help,
    jobs,
    menu,
    onboarding,
    privacy,
    resume,
    speech,
    translate,
    volunteer_desk,
)
from flows.services import Services


def script() -> Script:
    return Script(
        flows=(
            onboarding.flow,
            menu.flow,
            privacy.flow,
            resume.flow,
            translate.flow,
            cv.flow,
            help.flow,
            jobs.flow,
            broadcast.flow,
            handover.flow,
            emergency.flow,
            speech.flow,
        ),
        commands=commands.COMMANDS,
        guards=(emergency.guard, speech.guard, resume.greeting),
        first_step="onboarding.language",
        menu_step="menu.main",
        resume_step="resume.ask",
        # Steps renamed since people were last saved at them.
        renamed={
            "system.resume": "resume.ask",
            "cv.edu_diploma": "cv.edu_obtained",  # a diploma is now one of several
            "cv.exp_years": "cv.exp_start",  # experience has dates instead of a range
        },
        services=Services,
        # Talking with a volunteer, on each side: a state of the whole conversation.
        # handover_leave registers the question both modes ask before leaving.
        modes={"talk": handover.TALK, "desk": volunteer_desk.DESK},
    )
