"""A process that handles numbered messages and prints "ack <id>" after each commit; the crash test
kills it with SIGKILL at a random moment. Usage: python -m tests.crash_worker DATABASE_URL PEOPLE N
"""

from __future__ import annotations

import asyncio
import sys

from bot.app import open_app
from bot.config import load_settings
from bot.messages import Inbound
from tests.support import COUNTING


def messages_of(person: int, count: int) -> list[Inbound]:
    first = Inbound("console", f"p{person}", f"p{person}-hello", text="hello")
    return [first] + [
        Inbound("console", f"p{person}", f"p{person}-{n}", text=str(n)) for n in range(count)
    ]


async def main(url: str, people: int, count: int) -> None:
    settings = load_settings(database_url=url)
    async with open_app(settings, script=COUNTING) as app:

        async def person(number: int) -> None:
            for message in messages_of(number, count):
                outcome = await app.engine.handle(message)
                print(f"{'dup' if outcome.duplicate else 'ack'} {message.message_id}", flush=True)

        await asyncio.gather(*(person(n) for n in range(people)))
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
