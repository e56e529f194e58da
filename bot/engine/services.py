"""The services every Script has, bound to one batch's transaction: machine translation; and the
ones a question's `prepare` hook gets, before its turn and outside any transaction.

A Script hands the engine a factory (`Script.services`) that builds its flows' services from a
`Binding` (the batch's connection, its lock, the translator, the settings). Features extend
`Translating`; the engine itself only ever calls `translate`.
"""

from __future__ import annotations

from bot.engine.turn import Binding
from bot.translate.service import Translation, Translator


class Translating:
    def __init__(self, binding: Binding) -> None:
        self.binding = binding

    async def translate(
        self, text: str, source: str, target: str, owner: int | None
    ) -> Translation:
        translator = self.binding.translator
        if translator is None:
            return Translation(text, source, target, "human" if source == target else "missing")
        async with self.binding.lock:
            return await translator.translate(
                text, source, target, owner=owner, conn=self.binding.conn
            )


class Preparing:
    """For `prepare` hooks: translation outside any transaction; results land in the cache."""

    def __init__(self, translator: Translator | None, owner: int | None) -> None:
        self.translator = translator
        self.owner = owner

    async def translate(self, text: str, source: str, target: str) -> object:
        if self.translator is None:
            return None
        return await self.translator.translate(text, source, target, owner=self.owner)
