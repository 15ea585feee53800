"""Import and export of the whole data set in the documented JSON format (see IMPORT.md)."""
