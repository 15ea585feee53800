"""Task functions, one module per domain, named `<domain>.<event>` in the queue."""
