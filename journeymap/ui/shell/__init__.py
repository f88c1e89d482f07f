"""The app's frame: the database, who is looking, the pages, the journey picker and
the session-state keys."""
