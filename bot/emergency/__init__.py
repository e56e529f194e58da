"""Emergency detection: does a message say that someone is in danger now?

`detect.py` answers it for the guard that sees every message; the phrases, negations and contexts
of each language live in `content/emergency/<lang>.yaml` (`rules.py` reads them, `phrases.py`
defines their syntax and the normalised text they are matched on).
"""
