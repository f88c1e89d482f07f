"""The database tables, one module per concern; ``journeymap.store.tables`` names them all."""
