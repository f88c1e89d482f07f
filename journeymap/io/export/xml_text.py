"""Text for XML files (draw.io, SVG): without the control characters XML cannot hold.

A NUL or another C0 control character can reach a name or a comment through an import
or a paste. XML 1.0 has no way to write one, so a file holding it is not well-formed:
draw.io refuses to open it, and Chromium will not turn such an SVG into a PNG or PDF.
Tab, line feed and carriage return are allowed and stay.
"""

from __future__ import annotations

import re
from typing import Any

NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


def xml_values(value: Any) -> Any:
    """``value`` (a figure's JSON: dicts, lists, strings, numbers) with every string cleaned."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: xml_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [xml_values(item) for item in value]
    return value
