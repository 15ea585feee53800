"""Suggestions: peers and mentors proposed by the matching core, answered by both sides (double opt-in)."""
