"""Reading volunteer profiles: shown to signed-in users only, since volunteers are private persons."""

from neo4j import AsyncManagedTransaction

from network.kit.authorisation import Viewer, may_read_volunteers, require_volunteers_readable
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.pagination import Page
from network.kit.text import lucene_terms
from network.volunteers.repository import VolunteerFilter, VolunteerProfile, VolunteerRepository


async def by_slug(db: Database, viewer: Viewer, slug: str) -> VolunteerProfile | None:
    if not may_read_volunteers(viewer):
        return None
    return await db.fetch(lambda tx: VolunteerRepository(tx).by_slug(slug, []))


async def by_ids(db: Database, viewer: Viewer, ids: list[str]) -> list[VolunteerProfile]:
    if not may_read_volunteers(viewer):
        return []
    return await db.fetch(lambda tx: VolunteerRepository(tx).by_ids(ids, []))


async def page(
    db: Database, viewer: Viewer, f: VolunteerFilter, first: int, after: str | None
) -> tuple[Page[VolunteerProfile], int]:
    require_volunteers_readable(viewer)
    if not 1 <= f.min_level <= 8:
        raise InvalidInput("minLevel must be between 1 and 8", field="filter.minLevel")
    if f.text is not None:
        if not f.text.strip():
            raise InvalidInput("text must not be empty", field="filter.text")
        f = VolunteerFilter(**{**f.__dict__, "text": lucene_terms(f.text)})

    async def work(tx: AsyncManagedTransaction) -> tuple[list[VolunteerProfile], int]:
        repository = VolunteerRepository(tx)
        return await repository.page(f, after, first + 1), await repository.count(f)

    rows, total = await db.fetch(work)
    return Page.of(rows, first, after), total


async def offering_skills(db: Database, viewer: Viewer, slugs: list[str], first: int) -> list[list[VolunteerProfile]]:
    if not may_read_volunteers(viewer):
        return [[] for _ in slugs]
    found = await db.fetch(lambda tx: VolunteerRepository(tx).offering_skills(slugs, first))
    return [found.get(s, []) for s in slugs]
