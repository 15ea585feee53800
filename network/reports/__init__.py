"""Experience reports: what associations learnt from a tool, moderated by staff; and staff's tips per tool."""
