"""Relay global ids: an opaque, URL-safe encoding of a type name and a node's own id."""

import base64
import binascii

from network.kit.errors import InvalidInput


def to_global_id(type_name: str, node_id: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{node_id}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, str]:
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, node_id = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidInput(f"'{global_id}' is not a valid id", field="id") from error
    if not type_name or not node_id:
        raise InvalidInput(f"'{global_id}' is not a valid id", field="id")
    return type_name, node_id
