"""Services: read what is stored, run the analytics, hand back results for the UI, the
CLI and the exporters. They sit beside store/ and io/ and never import streamlit."""
