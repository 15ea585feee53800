"""The catalogue as one request sees it: each kind is read at most once, however many rows refer to it."""

import asyncio
from collections.abc import Awaitable, Callable

from network.catalogue import service
from network.catalogue.repository import Row
from network.kit.database import Database


class CatalogueCache:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._loads: dict[str, asyncio.Task[dict[str, Row]]] = {}

    def _once(self, kind: str, load: Callable[[], Awaitable[list[Row]]]) -> Awaitable[dict[str, Row]]:
        # Resolvers of one request run concurrently; they share one read per kind.
        if kind not in self._loads:
            async def by_slug() -> dict[str, Row]:
                return {row["slug"]: row for row in await load()}

            self._loads[kind] = asyncio.ensure_future(by_slug())
        return self._loads[kind]

    async def tools(self) -> dict[str, Row]:
        return await self._once("tools", lambda: service.tools(self._db))

    async def skills(self) -> dict[str, Row]:
        return await self._once("skills", lambda: service.all_skills(self._db))

    async def districts(self) -> dict[str, Row]:
        return await self._once("districts", lambda: service.districts(self._db))

    async def fields(self) -> dict[str, Row]:
        return await self._once("fields", lambda: service.fields(self._db))

    async def target_groups(self) -> dict[str, Row]:
        return await self._once("target_groups", lambda: service.target_groups(self._db))
