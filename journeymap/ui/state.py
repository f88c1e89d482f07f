"""Every session-state key and URL query parameter the app uses, in one place."""

from __future__ import annotations

# The id of the journey chosen in the sidebar picker (also the picker widget's key).
SELECTED_JOURNEY = "selected_journey"
# URL query parameter that carries the selected journey, so a link opens that journey.
JOURNEY_QUERY_PARAM = "journey"
# A journey to select on the next run (the picker's own key cannot be set once the
# picker has been drawn in this run).
PENDING_SELECTION = "pending_selection"
# Set after an import or a demo load: open the Journey page on the next run.
OPEN_JOURNEY_PAGE = "open_journey_page"
# A success message to show once on the next run (st.rerun() would swallow it).
FLASH_MESSAGE = "flash_message"
# Widget keys on the Get started page.
UPLOAD_WIDGET = "journey_upload"
REPLACE_EXISTING = "journey_upload_replace"
