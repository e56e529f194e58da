"""Employers' offers: submitted on the public pages (/employeurs), confirmed by mail, checked by
the association's coordinators, published as job offers the bot ranks and announces, and closed
at their end or when their employer stops confirming them."""
