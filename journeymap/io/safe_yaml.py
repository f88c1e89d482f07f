"""YAML reading that a hostile or broken file cannot abuse.

Only plain data is built (no Python tags), and anchors/aliases are refused: a handful
of nested aliases can expand into billions of nodes when the data is walked later.
"""

from __future__ import annotations

from typing import Any

import yaml

from journeymap.model.problems import InvalidInput, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            mark = event.start_mark
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed: write the value out",
                problem_mark=mark,
            )
        return super().compose_node(parent, index)


def load_yaml_text(text: str) -> Any:
    """Parsed YAML, or :class:`InvalidInput` naming the line and column."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise InvalidInput(
            [Problem("", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")]
        )
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = error.problem or error.context or "not valid YAML"
        return _raise(where, f"{what}: fix the YAML syntax there")
    except yaml.YAMLError as error:
        return _raise("", f"not valid YAML ({error})")


def _raise(location: str, message: str) -> Any:
    raise InvalidInput([Problem(location, message)])
