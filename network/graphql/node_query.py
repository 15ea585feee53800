"""`node(id:)`: any entity by its global id, as the viewer may see it; each domain resolves its own kinds."""

from collections.abc import Awaitable, Callable

import strawberry

from network.associations.resolvers import association_node
from network.catalogue.resolvers import KINDS as CATALOGUE_KINDS
from network.catalogue.resolvers import catalogue_node
from network.events.resolvers import event_node
from network.help import service as help_service
from network.help.types import HelpQuestion
from network.inbox.resolvers import suggestion_node
from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.global_id import from_global_id
from network.kit.node import Node
from network.reports import service as report_service
from network.reports.resolvers import report_node
from network.volunteers.resolvers import volunteer_node


async def help_question_node(context: Context, node_id: str) -> HelpQuestion | None:
    """The question, to whom `helpQuestion(id)` shows it: its asker, the volunteers it went to, staff."""
    row = await help_service.get(context.db, context.viewer, help_service.global_id(node_id))
    return HelpQuestion(row=row) if row else None


NODES: dict[str, Callable[[Context, str], Awaitable[Node | None]]] = {
    "Association": association_node,
    "Volunteer": volunteer_node,
    "Event": event_node,
    "Suggestion": suggestion_node,
    help_service.KIND: help_question_node,
    report_service.KIND: report_node,
}


@strawberry.type
class NodeQuery:
    @typed.field(description="Any object by its global id; null when unknown or not visible to you.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        kind, node_id = from_global_id(id)
        if kind in CATALOGUE_KINDS:
            return await catalogue_node(info.context, kind, node_id)
        resolve = NODES.get(kind)
        return await resolve(info.context, node_id) if resolve else None
