"""Limits on what one request may ask for: page sizes, and a query's depth, aliases, tokens and cost."""

from network.kit.limits.extensions import limit_extensions
from network.kit.limits.pages import MAX_PAGE_SIZE, page_size
from network.kit.limits.rules import QueryLimits

__all__ = ["MAX_PAGE_SIZE", "QueryLimits", "limit_extensions", "page_size"]
