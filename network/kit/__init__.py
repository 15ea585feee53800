"""Shared infrastructure (database, errors, logging); imports no domain package."""
