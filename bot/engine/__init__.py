"""The engine: turns inbound messages into state changes and outbox rows, one transaction each."""

from bot.engine.core import Engine, Outcome

__all__ = ["Engine", "Outcome"]
