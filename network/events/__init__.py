"""Networking events and workshops curated by programme staff."""
