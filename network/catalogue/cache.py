"""The catalogue as requests see it: each kind is read once and shared, however many rows refer to it.

Per request by default; the app keeps one for all its requests with a maximum age (CATALOGUE_CACHE_S), since the
catalogue changes only when `network catalogue load` runs.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from network.catalogue import service
from network.catalogue.repository import DistrictRow, FieldRow, RowT, SkillRow, TargetGroupRow, ToolRow
from network.kit.database import Database


class CatalogueCache:
    def __init__(self, db: Database, max_age_s: float | None = None) -> None:
        self._db = db
        self._max_age_s = max_age_s  # None: never reload (one request's lifetime)
        # Each kind's rows have a type of their own: `_once` ties a kind's read to the type its `load` returns.
        self._loads: dict[str, tuple[float, asyncio.Task[dict[str, Any]]]] = {}

    def _once(self, kind: str, load: Callable[[], Awaitable[list[RowT]]]) -> Awaitable[dict[str, RowT]]:
        # Concurrent resolvers share one read per kind; a failed or too old read is made again.
        now = time.monotonic()
        loaded = self._loads.get(kind)
        stale = loaded is not None and (
            (self._max_age_s is not None and now - loaded[0] > self._max_age_s)
            or (loaded[1].done() and loaded[1].exception() is not None)
        )
        if loaded is None or stale:

            async def by_slug() -> dict[str, RowT]:
                return {row["slug"]: row for row in await load()}

            self._loads[kind] = (now, asyncio.ensure_future(by_slug()))
        return self._loads[kind][1]

    async def tools(self) -> dict[str, ToolRow]:
        return await self._once("tools", lambda: service.tools(self._db))

    async def skills(self) -> dict[str, SkillRow]:
        return await self._once("skills", lambda: service.all_skills(self._db))

    async def districts(self) -> dict[str, DistrictRow]:
        return await self._once("districts", lambda: service.districts(self._db))

    async def fields(self) -> dict[str, FieldRow]:
        return await self._once("fields", lambda: service.fields(self._db))

    async def target_groups(self) -> dict[str, TargetGroupRow]:
        return await self._once("target_groups", lambda: service.target_groups(self._db))
