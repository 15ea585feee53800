"""A run's proposals from the matching core's tables: peer pairs and the mentoring assignment, reasons as JSON."""
