"""What a table shows in a cell without a value.

Streamlit writes "None" there, which a workshop reads as a value or a bug. A dash is
what a printed report shows for "no figure"; every st.dataframe passes it as its
placeholder (tests/unit/test_table_placeholder.py keeps it so).
"""

from __future__ import annotations

MISSING = "–"
