"""One module per page; each exposes a ``render()`` function for st.Page."""
