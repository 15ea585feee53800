"""Background job runs as the graph records them: status, progress, counts and timings."""
