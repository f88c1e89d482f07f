"""What survey tools send when a response comes in, read into pushed rows.

Each reader takes the tool's JSON and returns the rows a push stores (text cells by
``journeymap.services.pushes.FIELDS``) and the source name the tool's payload suggests;
InvalidInput names the field and the fix when the payload cannot be used.
"""

from journeymap.io.webhooks.payloads import Pushed

__all__ = ["Pushed"]
