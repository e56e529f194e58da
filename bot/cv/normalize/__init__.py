"""Turning what people type into what a French CV prints: one concept per module.

`digits` (any script's digits → 0–9), `countries` and `languages` (CLDR names in the ten
languages → the French name), `phones` (parsed and formatted with libphonenumber), `dates` (month
and year, month names of every language), `names` (the Latin spelling of a name, to confirm).
Trades live beside them in `bot/cv/trades.py`, places in `bot/directory/places.py`.
"""
