"""The reference catalogue: tools, DigComp skills, Berlin's districts, fields of engagement, target groups."""
