"""`python -m bot …` is the same as the `passerelle …` command."""

from bot.cli import main

main()
