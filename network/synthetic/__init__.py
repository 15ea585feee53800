"""Synthetic Berlin data sets in the import format, with planted structure and a ground-truth file (see generator)."""

from network.synthetic.generator import Dataset, build, generate

__all__ = ["Dataset", "build", "generate"]
