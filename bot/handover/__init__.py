"""Talking to a volunteer: handovers between a person and the volunteers on duty (`desk`), and
the timer that tells a person when no volunteer took their request in time (`timeouts`)."""
