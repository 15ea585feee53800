"""Event groups: the registered parties of an event dealt into tables or breakout rooms, formed by staff."""
