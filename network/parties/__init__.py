"""Parties: associations and volunteers, the two kinds of participant that suggestions, invites and events link."""
