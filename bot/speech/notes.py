"""A voice note's after-commit job: hear it, then give what was heard back to the conversation.

The voice note's own turn only acknowledges it ("🎤 listening…") and asks for this job, so the
webhook is answered at once and no transaction waits for a download or a model. The job fetches,
checks and transcribes the note (bot/speech/service.py), then feeds the result to the engine as a
new message of the person's (`Kind.HEARD`) whose id is derived from the note's: the engine
de-duplicates it like any message, and the conversation answers it in a turn of its own. If the
person erased their data meanwhile, nothing is fed back (it would make them anew).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from bot.engine.turn import Job, JobContext
from bot.messages import Audio, Inbound, Kind
from bot.speech.service import Speech
from bot.store import tables

SUFFIX = "#heard"


def heard_id(message_id: str) -> str:
    return message_id + SUFFIX


def listen(inbound: Inbound, language: str, *, transcribe: bool, keep_for: int | None) -> Job:
    audio = inbound.audio
    if audio is None:
        raise ValueError("listen() needs a voice note")

    async def job(ctx: JobContext) -> None:
        speech = ctx.tools.get("speech")
        if not isinstance(speech, Speech) or ctx.handle is None:
            return
        ref = f"{ctx.channel}:{inbound.message_id}"
        listened = await speech.listen(
            ctx.channel,
            audio,
            ctx.user_id,
            language,
            transcribe=transcribe,
            keep_for=keep_for,
            ref=ref,
        )
        kept: Path | None = listened.kept
        if not await _still_here(ctx, ctx.user_id):
            if kept is not None:
                await asyncio.to_thread(kept.unlink, True)
            return
        heard = listened.heard
        result = Audio(
            audio.ref,
            audio.content_type,
            audio.size,
            heard.seconds or audio.seconds,
            language=heard.language,
            problem=heard.problem,
            kept=str(kept) if kept is not None else None,
        )
        await ctx.handle(
            Inbound(
                ctx.channel,
                ctx.address,
                heard_id(inbound.message_id),
                kind=Kind.HEARD,
                text=heard.text,
                audio=result,
            )
        )

    return job


async def _still_here(ctx: JobContext, user_id: int) -> bool:
    users = tables.users
    async with ctx.database.read() as conn:
        found = await conn.scalar(select(users.c.id).where(users.c.id == user_id))
    return found is not None
