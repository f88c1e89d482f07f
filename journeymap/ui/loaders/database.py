"""One migrated engine per database URL, for the whole server (not per session).

A cache resource, not a cache of data: the engine holds the connection pool every
session shares. shell/engine.py names the configured URL and explains a failure.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from journeymap.store.engine import open_database


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """The engine for ``url``, migrated on first use; raises what open_database raises."""
    return open_database(url)
