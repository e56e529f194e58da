"""The web console under /console: staff log in and work on the same store, services and outbox
as the chat — the inbox of requests to talk, announcements, the directory, figures and the audit
log. Pages are rendered on the server (aiohttp-jinja2, templates in content/web/templates) and every
route says which roles may use it (bot/web/routing.py); see docs/architecture.md."""
