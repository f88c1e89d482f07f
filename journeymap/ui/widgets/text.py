"""Showing user-typed text as text: Streamlit's markdown would otherwise read it."""

from __future__ import annotations

import re

# Markdown, Streamlit's :colour[...] / :icon: directives and $math$ all start with
# one of these; a backslash before any ASCII punctuation makes it literal.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def plain(text: str) -> str:
    """``text`` escaped for st.markdown / st.error etc., so it shows exactly as typed."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def sentence(text: str) -> str:
    """A problem message as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."
