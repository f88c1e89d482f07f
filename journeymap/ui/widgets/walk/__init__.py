"""The journey walk: the evidence cards a workshop walks through."""
