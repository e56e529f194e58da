"""Outgoing mail: a table of mails written with the transaction that decided them, and the
scheduler's task that sends them through the association's SMTP server."""
