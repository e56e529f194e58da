"""Volunteers' announcements: audiences (`audience`), roles, the store (`queries`), planning into
the outbox (`planner`) and the loop that fires them (`scheduler`)."""
