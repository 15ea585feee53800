"""strawberry's `field(...)` and `mutation(...)` with options, typed as the decorators they are.

strawberry types the call with keyword options as returning Any, so under mypy --strict every resolver decorated that
way became untyped. These wrappers keep strawberry's behaviour and only say what the decorator returns.
"""

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def field(**options: Any) -> Callable[[Resolver], Resolver]:
    """`@typed.field(description=..., ...)` on a resolver method."""
    return cast(Callable[[Resolver], Resolver], strawberry.field(**options))


def mutation(**options: Any) -> Callable[[Resolver], Resolver]:
    """`@typed.mutation(description=..., ...)` on a resolver method."""
    return cast(Callable[[Resolver], Resolver], strawberry.mutation(**options))


def subscription(**options: Any) -> Callable[[Resolver], Resolver]:
    """`@typed.subscription(description=..., ...)` on a resolver method."""
    return cast(Callable[[Resolver], Resolver], strawberry.subscription(**options))
