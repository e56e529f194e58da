"""Channels: each turns one platform into `Inbound` messages and renders `Outgoing` ones."""
