"""Ranked full-text search across associations and volunteers."""
