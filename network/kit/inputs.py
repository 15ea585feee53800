"""GraphQL input objects as plain data in the import format's names (camelCase), for pydantic to validate."""

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from pydantic.alias_generators import to_camel


def as_data(value: Any) -> Any:
    """Strawberry inputs, enums and lists turned into dicts, values and lists; fields left UNSET are left out."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [as_data(item) for item in value]
    if isinstance(value, dt.date | str | int | float | bool) or value is None:
        return value
    if hasattr(value, "__strawberry_definition__"):
        return {to_camel(name): as_data(item) for name, item in vars(value).items() if item is not strawberry.UNSET}
    raise TypeError(f"cannot turn {type(value).__name__} into input data")
