"""What the flows can use, bound to one batch's transaction — handed to the engine by the Script.

The engine knows none of these features; it builds this object per batch from a `Binding` (the
connection, its lock, the translator, the settings) and gives it to every turn as `t.services`.
Flows annotate their turns with `Turn` from here, so the features are typed where they are used.
"""

from __future__ import annotations

from functools import partial

from bot.broadcast.desk import Announcements
from bot.config import Settings
from bot.directory.search import Directory
from bot.employers.referrals import Referrals
from bot.engine.loader import Loader
from bot.engine.services import Translating
from bot.engine.turn import Binding
from bot.engine.turn import Turn as EngineTurn
from bot.handover.desk import Handovers
from bot.store import personal
from bot.store.personal import PersonalData


class Services(Translating):
    def __init__(self, binding: Binding) -> None:
        super().__init__(binding)
        self.settings: Settings = binding.settings
        self.directory = Directory(binding.conn, binding.lock)  # services and job offers
        self.broadcasts = Announcements(binding.conn, binding.lock)  # volunteers' announcements
        self.handovers = Handovers(binding.conn, binding.lock)  # conversations with volunteers
        self.employers = Referrals(binding.conn, binding.lock, binding.settings)  # their offers
        self._personal = Loader(partial(personal.load, binding.conn), binding.lock)

    async def personal_data(self, user_id: int | None) -> PersonalData:
        """What the store keeps about this person ("my data"); batched across the turns."""
        if user_id is None:
            return PersonalData(0, 0)
        return await self._personal.load(user_id)


Turn = EngineTurn[Services]
