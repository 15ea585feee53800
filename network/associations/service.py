"""Reading associations as a given viewer may see them."""

from collections.abc import Collection

from neo4j import AsyncManagedTransaction

from network.associations.repository import (
    AssociationFilter,
    AssociationProfile,
    AssociationRepository,
    profile_showing,
)
from network.kit.authorisation import Viewer
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.pagination import Page
from network.kit.text import lucene_terms


async def by_slug(
    db: Database, viewer: Viewer, slug: str, shown: Collection[str] | None = None
) -> AssociationProfile | None:
    """`shown`: the fields a query selects (None: the whole profile)."""
    profile = None if shown is None else profile_showing(shown)
    return await db.fetch(lambda tx: AssociationRepository(tx).by_slug(slug, viewer.visibilities(), profile))


async def by_ids(db: Database, viewer: Viewer, ids: list[str]) -> list[AssociationProfile]:
    return await db.fetch(lambda tx: AssociationRepository(tx).by_ids(ids, viewer.visibilities()))


def normalised(f: AssociationFilter) -> AssociationFilter:
    if f.text is not None and not f.text.strip():
        raise InvalidInput("text must not be empty", field="filter.text")
    text = lucene_terms(f.text) if f.text else None
    return AssociationFilter(**{**f.__dict__, "text": text})


async def page(
    db: Database,
    viewer: Viewer,
    f: AssociationFilter,
    first: int,
    after: str | None,
    shown: Collection[str] | None = None,
    counted: bool = True,
) -> tuple[Page[AssociationProfile], int | None]:
    """A page and the count of all that match (None unless `counted`); `shown` as for `by_slug`."""
    f = normalised(f)
    visibilities = viewer.visibilities()
    profile = None if shown is None else profile_showing(shown)

    async def work(tx: AsyncManagedTransaction) -> tuple[list[AssociationProfile], int | None]:
        repository = AssociationRepository(tx)
        rows = await repository.page(f, visibilities, after, first + 1, profile)
        return rows, await repository.count(f, visibilities) if counted else None

    rows, total = await db.fetch(work)
    return Page.of(rows, first, after), total


async def using_tools(
    db: Database, viewer: Viewer, slugs: list[str], first: int, after: str | None
) -> list[tuple[Page[AssociationProfile], int]]:
    found = await db.fetch(
        lambda tx: AssociationRepository(tx).using_tools(slugs, viewer.visibilities(), after, first + 1)
    )
    return [(Page.of(found.get(s, ([], 0))[0], first, after), found.get(s, ([], 0))[1]) for s in slugs]


async def usage_counts(db: Database, viewer: Viewer, slugs: list[str]) -> list[int]:
    """Per tool: how many associations the viewer may see use it (a count must not reveal what a list hides)."""
    found = await db.fetch(lambda tx: AssociationRepository(tx).usage_counts(slugs, viewer.visibilities()))
    return [found.get(s, 0) for s in slugs]


async def usage_shares(db: Database, slugs: list[str]) -> list[float | None]:
    """Per tool slug: the share of associations using it; None for a slug that is no tool."""
    found = await db.fetch(lambda tx: AssociationRepository(tx).usage_shares(slugs))
    return [found.get(s) for s in slugs]


async def needing_skills(db: Database, viewer: Viewer, slugs: list[str], first: int) -> list[list[AssociationProfile]]:
    found = await db.fetch(lambda tx: AssociationRepository(tx).needing_skills(slugs, viewer.visibilities(), first))
    return [found.get(s, []) for s in slugs]
