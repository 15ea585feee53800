"""The Relay `Node` interface: every entity has a global id that `node(id:)` resolves."""

import strawberry

from network.kit import typed_strawberry as typed


@strawberry.interface(description="An object with a global id, resolvable with `node(id:)`.")
class Node:
    @typed.field(description="Global id: opaque, stable, and unique across all types.")
    def id(self) -> strawberry.ID:
        raise NotImplementedError  # every implementing type resolves its own id
