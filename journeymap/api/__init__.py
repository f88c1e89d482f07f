"""The HTTP API beside the app: `python -m journeymap api` (FastAPI on the services).

Like the pages and the commands it is a front door: every route lets its caller in by
API key (services/api_keys.py) and calls services; of the store it only opens the
database.
"""
