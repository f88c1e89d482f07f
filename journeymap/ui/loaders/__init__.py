"""Every cached read of the app, keyed on the database, the journey and the revision of
what it reads (loaders/keys.py)."""
