"""Volunteers offering digital skills: skills, tools, languages, district, availability."""
