"""Resolves the caller of a request from its `Authorization: Bearer ...` header."""

from litestar.types import Scope

from network.kit.database import Database
from network.kit.viewer import ANONYMOUS, Viewer
from network.settings import Settings


async def resolve_viewer(db: Database, settings: Settings, scope: Scope) -> Viewer:
    # Scaffolding until accounts land: every caller is anonymous.
    return ANONYMOUS
