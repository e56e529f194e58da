"""Passerelle: a conversational bot for refugees and asylum seekers in France."""
