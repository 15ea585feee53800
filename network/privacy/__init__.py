"""The data subject's rights: a copy of everything stored about them, and erasure."""
