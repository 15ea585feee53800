"""The one shape of expected errors in mutation payloads (`errors { field code message }`), and how to fill it."""

from collections.abc import Awaitable
from typing import TypeVar

import strawberry
from pydantic import ValidationError

from network.kit.errors import InvalidInput, InvalidInputs, NetworkError, field_path

T = TypeVar("T")

# What a mutation catches and returns as errors; anything else is a bug, masked to clients and logged.
EXPECTED_ERRORS = (ValidationError, NetworkError)


@strawberry.type(description="An expected problem with a mutation's input or effect.")
class FieldError:
    field: str | None = strawberry.field(
        description="The input field in camelCase, as a path when nested: a dot before a field, a list position in "
        "brackets (`needs[0].minLevel`); null when the problem is not one field's."
    )
    code: str = strawberry.field(description="Stable, machine-readable: INVALID_INPUT, CONFLICT, NOT_FOUND, ...")
    message: str = strawberry.field(description="For people: what is wrong and how to fix it.")


def _from_validation(error: ValidationError) -> list[FieldError]:
    found = []
    for problem in error.errors(include_input=False, include_url=False):
        field = field_path(problem["loc"]) or None
        message = problem["msg"].removeprefix("Value error, ")
        found.append(
            FieldError(field=field, code=InvalidInput.code, message=f"{field}: {message}" if field else message)
        )
    return found


def field_errors(error: ValidationError | NetworkError) -> list[FieldError]:
    """One FieldError per pydantic problem, or one for a NetworkError (its `field` attribute if it has one)."""
    if isinstance(error, ValidationError):
        return _from_validation(error)
    if isinstance(error, InvalidInputs):
        return [
            FieldError(field=field, code=error.code, message=f"{field}: {message}") for field, message in error.problems
        ]
    return [FieldError(field=getattr(error, "field", None), code=error.code, message=str(error))]


async def attempt(work: Awaitable[T]) -> tuple[T | None, list[FieldError]]:
    """Runs a mutation's service call: its result and no errors, or no result and the expected errors."""
    try:
        return await work, []
    except EXPECTED_ERRORS as error:
        return None, field_errors(error)
