"""Batched look-ups for the turns of one batch (the DataLoader pattern).

The turns of a batch run concurrently. When several of them ask for the same kind of data (say, "my
data" counts), each `load(key)` waits while the others reach theirs, then a single query answers
them all. Every query goes through one lock, since the batch shares one connection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loader(Generic[K, V]):
    def __init__(
        self, fetch: Callable[[Sequence[K]], Awaitable[dict[K, V]]], lock: asyncio.Lock
    ) -> None:
        self._fetch = fetch
        self._lock = lock
        self._waiting: dict[K, list[asyncio.Future[V]]] = {}
        self._flush_task: asyncio.Task[None] | None = None

    async def load(self, key: K) -> V:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[V] = loop.create_future()
        self._waiting.setdefault(key, []).append(future)
        if self._flush_task is None:
            # Let every turn that is ready reach its own load() before querying.
            self._flush_task = loop.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        await asyncio.sleep(0)
        waiting, self._waiting, self._flush_task = self._waiting, {}, None
        try:
            async with self._lock:
                found = await self._fetch(list(waiting))
        except Exception as error:
            for futures in waiting.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(error)
            return
        for key, futures in waiting.items():
            for future in futures:
                if not future.done():
                    if key in found:
                        future.set_result(found[key])
                    else:
                        future.set_exception(KeyError(key))
