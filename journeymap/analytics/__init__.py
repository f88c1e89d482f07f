"""Pure functions over model objects and pandas frames. No Streamlit, no database."""
