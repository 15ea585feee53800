"""Unexpected errors reach clients as a request id only; the details go to the log under that id."""

import structlog
from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import MaskErrors
from strawberry.schema.exceptions import InvalidOperationTypeError

from network.kit.errors import NetworkError

log = structlog.get_logger("network.graphql")


def _unexpected(error: GraphQLError) -> bool:
    # Validation and limit errors have no original error; ours say what to fix and are safe to show, and so is an
    # operation of a type the transport does not carry ("queries are not allowed" over the WebSocket).
    original = error.original_error
    safe = NetworkError | ValidationError | GraphQLError | InvalidOperationTypeError
    return original is not None and not isinstance(original, safe)


def _describe(error: GraphQLError) -> None:
    """Our own errors in queries carry the same `code` and `field` as mutation payloads do, and name the field."""
    original = error.original_error
    if isinstance(original, NetworkError):
        error.extensions = {**(error.extensions or {}), "code": original.code, "field": original.field}
        name = (original.field or "").rsplit(".", 1)[-1]
        if name and not error.message.startswith(name):
            error.message = f"{original.field}: {error.message}"


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=_unexpected)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        for error in errors:
            _describe(error)
        return super()._process_errors(errors)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = structlog.contextvars.get_contextvars().get("request_id", "-")
        log.error("unexpected error in a resolver", path=error.path, exc_info=error.original_error)
        masked = super().anonymise_error(error)
        masked.message = f"Unexpected error (request id {request_id}); it has been logged."
        return masked
