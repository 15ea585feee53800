"""The reference catalogue as the API shows it: tools, skills, districts, fields, target groups."""
