"""Small builders of import records; each call gives a valid record that a test then bends."""

from typing import Any


def make_association(slug: str, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "slug": slug,
        "name": f"Verein {slug}",
        "description": "Test association",
        "district": "mitte",
        "members": 30,
        "paidStaff": 0,
        "languages": ["de"],
        "fields": ["sport"],
        "targetGroups": ["young-people"],
        "tools": [{"tool": "nextcloud", "proficiency": "BEGINNER", "since": "2021-02-03"}],
        "considers": ["bigbluebutton"],
        "needs": [{"skill": "gdpr-basics-for-associations", "minLevel": 3, "priority": 1}],
        "contactEmail": f"{slug}@example.org",
        "visibility": "PUBLIC",
    }
    record.update(overrides)
    return record


def make_volunteer(slug: str, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "slug": slug,
        "displayName": f"Volunteer {slug}",
        "languages": ["de", "en"],
        "district": "neukoelln",
        "remote": True,
        "hoursPerMonth": 6,
        "maxMentees": 2,
        "skills": [{"skill": "gdpr-basics-for-associations", "level": 5}],
        "tools": [{"tool": "nextcloud", "proficiency": "EXPERT"}],
        "contactEmail": f"{slug}@example.org",
    }
    record.update(overrides)
    return record


def make_event(slug: str, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "slug": slug,
        "title": f"Event {slug}",
        "startsAt": "2026-12-10T18:00:00+01:00",
        "endsAt": "2026-12-10T20:00:00+01:00",
        "format": "IN_PERSON",
        "district": "mitte",
        "capacity": 40,
        "about": {"tools": ["nextcloud"], "skills": ["nextcloud-administration"], "fields": []},
    }
    record.update(overrides)
    return record
