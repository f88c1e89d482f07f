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


def html_with_numbers(template: str, *marks: int, **numbers: int | float) -> str:
    """A constant HTML template filled with numbers only, for ``st.html``: nothing a
    person typed can reach raw HTML this way. ``numbers`` fill ``{name}`` fields (the
    template then doubles its literal braces); ``marks`` only go into a leading comment,
    which makes the element new so that its script runs again."""
    for name, value in [*(("mark", m) for m in marks), *numbers.items()]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number to go into raw HTML, not {value!r}")
    body = template.format(**numbers) if numbers else template
    return (f"<!-- {' '.join(str(m) for m in marks)} -->" if marks else "") + body
