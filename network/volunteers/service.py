"""Reading volunteer profiles: shown to signed-in users only, since volunteers are private persons."""

from network.kit.database import Database
from network.kit.errors import InvalidInput, NotPermitted
from network.kit.pagination import Page
from network.kit.text import lucene_terms
from network.kit.viewer import Viewer
from network.volunteers.repository import Row, VolunteerFilter, VolunteerRepository

SIGN_IN = "Volunteer profiles are shown to signed-in users only; send a bearer token (see logIn)."


async def by_slug(db: Database, viewer: Viewer, slug: str) -> Row | None:
    if not viewer.signed_in:
        return None
    return await db.read(lambda tx: VolunteerRepository(tx).by_slug(slug, []))


async def by_ids(db: Database, viewer: Viewer, ids: list[str]) -> list[Row]:
    if not viewer.signed_in:
        return []
    return await db.read(lambda tx: VolunteerRepository(tx).by_ids(ids, []))


async def page(db: Database, viewer: Viewer, f: VolunteerFilter, first: int, after: str | None) -> tuple[Page, int]:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    if not 1 <= f.min_level <= 8:
        raise InvalidInput("minLevel must be between 1 and 8", field="filter.minLevel")
    if f.text is not None:
        if not f.text.strip():
            raise InvalidInput("text must not be empty", field="filter.text")
        f = VolunteerFilter(**{**f.__dict__, "text": lucene_terms(f.text)})

    async def work(tx):  # type: ignore[no-untyped-def]
        repository = VolunteerRepository(tx)
        return await repository.page(f, after, first + 1), await repository.count(f)

    rows, total = await db.read(work)
    return Page.of(rows, first, after), total


async def offering_skills(db: Database, viewer: Viewer, slugs: list[str], first: int) -> list[list[Row]]:
    if not viewer.signed_in:
        return [[] for _ in slugs]
    found = await db.read(lambda tx: VolunteerRepository(tx).offering_skills(slugs, first))
    return [found.get(s, []) for s in slugs]
