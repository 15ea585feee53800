"""Import and export of the whole data set in the documented JSON format (see docs/import-format.md)."""
