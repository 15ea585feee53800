"""The inbox of a party: any suggestion read by its id and answered, whatever its kind."""
