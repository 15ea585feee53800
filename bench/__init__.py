"""Benchmarks the project ships: each measures on a fresh local stack of its own, side by side in one run."""
