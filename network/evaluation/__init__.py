"""Offline evaluation of the matching core on a generated data set against its planted ground truth."""
