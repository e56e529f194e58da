"""The engine: turns inbound messages into state changes and outbox rows, one transaction each.

`core.Engine` runs it; `flow` is the toolkit flows are written with; `runner` moves one message
through the conversation; `turn` is what a step's handler works with. (Nothing is imported here,
so that modules which only need `flow` do not pull in the whole engine.)
"""
