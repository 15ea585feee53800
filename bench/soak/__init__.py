"""The soak: the service as an operator runs it, under a realistic load, while its parts are killed on a schedule."""
