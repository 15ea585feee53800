"""The Relay `Node` interface: every entity has a global id that `node(id:)` resolves."""

import strawberry


@strawberry.interface(description="An object with a global id, resolvable with `node(id:)`.")
class Node:
    @strawberry.field(description="Global id: opaque, stable, and unique across all types.")
    def id(self) -> strawberry.ID:
        raise NotImplementedError  # every implementing type resolves its own id
