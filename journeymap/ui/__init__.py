"""The Streamlit app: the only package that imports streamlit."""
