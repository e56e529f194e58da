"""Offline machine translation: argostranslate behind a cache, and package management.

`service.Translator` is what flows use (through the turn); `argos.ArgosBackend` runs the models and
installs packages; `sentences` splits text without any network.
"""
