"""Associations (Vereine, initiatives, non-profits): their profile, tools, needs and places."""
