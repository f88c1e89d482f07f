"""YAML and JSON reading that a hostile or broken file cannot abuse.

Only plain data is built: no Python tags, no custom tags. Anchors and aliases are
refused (a handful of nested aliases expands into billions of nodes when the data is
walked later), and so is nesting deeper than any journey needs (the parsers recurse,
and a file of ``[[[[…`` would exhaust the stack). A key written twice is refused too:
YAML would keep the last one and silently drop, say, half the touchpoints. Every
failure becomes :class:`InvalidInput` naming the line and the fix.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import yaml

from journeymap.i18n import N_, _
from journeymap.io.file_checks import DOCUMENT_MAX_BYTES, decode_utf8, read_limited, too_large
from journeymap.model.problems import InvalidInput, Problem

MAX_FILE_BYTES = DOCUMENT_MAX_BYTES
# A journey nests about 5 levels deep; this leaves room without nearing the stack.
MAX_DEPTH = 50


def _oversize(size: str | None, limit: str) -> str:
    if size is None:
        text = _(
            "the file is more than the {limit} a journey or questionnaire file may be: check "
            "that it is the right file (a journey file is usually under 100 KB)"
        )
    else:
        text = _(
            "the file is {size}, more than the {limit} a journey or questionnaire file may "
            "be: check that it is the right file (a journey file is usually under 100 KB)"
        )
    return text.format(size=size, limit=limit)


# YAML's .inf and .nan, JSON's Infinity and NaN: valid numbers to a parser, but 'infinite
# customers per month' would poison every figure computed from the journey.
NOT_FINITE = N_("'{value}' is not a usable number: write an ordinary (finite) number")
_STANDARD_TAG = "tag:yaml.org,2002:"
_KINDS = {
    f"{_STANDARD_TAG}int": N_(
        "'{value}' cannot be read as a whole number: correct it, or put it in quotes if "
        "it is meant as text"
    ),
    f"{_STANDARD_TAG}float": N_(
        "'{value}' cannot be read as a number: correct it, or put it in quotes if "
        "it is meant as text"
    ),
    f"{_STANDARD_TAG}timestamp": N_(
        "'{value}' cannot be read as a date (is there such a day?): correct it, or put it "
        "in quotes if it is meant as text"
    ),
}
_OTHER_KIND = N_(
    "'{value}' cannot be read as {kind}: correct it, or put it in quotes if it is meant as text"
)


class _Refused(yaml.MarkedYAMLError):
    """A file this reader will not build; the problem already says the fix."""


class _PlainLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def fetch_flow_collection_start(self, token_class: Any) -> None:  # type: ignore[override]
        # The scanner reads ahead through every '[' to learn whether it starts a key,
        # slower the deeper it goes: stop it here, before the composer would.
        if self.flow_level >= MAX_DEPTH:
            raise _too_deep(self.get_mark())
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                problem=_("anchors and aliases (*name) are not allowed: write the value out"),
                problem_mark=self.peek_event().start_mark,
            )
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise _too_deep(self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # type: ignore[override]
        first_seen: dict[tuple[str, str], Any] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            first = first_seen.setdefault((key_node.tag, key_node.value), key_node)
            if first is not key_node:
                raise _Refused(
                    problem=_(
                        "the key '{key}' is written twice (first on line {line}); a file keeps "
                        "only one: merge the two or remove one"
                    ).format(key=key_node.value, line=first.start_mark.line + 1),
                    problem_mark=key_node.start_mark,
                )
        return super().construct_mapping(node, deep)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError):
            # Values that look like a number or a date but are none: '2026-02-30',
            # '!!int many', a number with thousands of digits.
            shown = str(node.value)
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            kind = node.tag.replace(_STANDARD_TAG, "!!")
            raise _Refused(
                problem=_(_KINDS.get(node.tag, _OTHER_KIND)).format(value=shown, kind=kind),
                problem_mark=node.start_mark,
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            problem = _(NOT_FINITE).format(value=node.value)
            raise _Refused(problem=problem, problem_mark=node.start_mark)
        return value


def _too_deep(mark: Any) -> _Refused:
    return _Refused(
        problem=_(
            "the data is nested more than {depth} levels deep: a journey needs fewer than 10; "
            "check the brackets and the indentation"
        ).format(depth=MAX_DEPTH),
        problem_mark=mark,
    )


def _refuse_tag(loader: yaml.SafeLoader, node: Any) -> Any:
    tag = str(node.tag).replace(_STANDARD_TAG, "!!")
    raise _Refused(
        problem=_(
            "the tag '{tag}' is not allowed: these files hold only text, numbers, lists and "
            "mappings; remove the tag"
        ).format(tag=tag),
        problem_mark=node.start_mark,
    )


_PlainLoader.add_constructor(None, _refuse_tag)  # type: ignore[no-untyped-call]


def load_yaml_text(text: str) -> Any:
    """Parsed YAML, or :class:`InvalidInput` naming the line and column."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_FILE_BYTES:
        raise InvalidInput([Problem("", too_large(size, MAX_FILE_BYTES, _oversize))])
    try:
        return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _where(mark.line + 1, mark.column + 1) if mark else ""
        what = error.problem or error.context or _("not valid YAML")
        if not isinstance(error, _Refused):
            # The parser's own words are English: the sentence around them is not.
            what = _("{problem}: fix the YAML syntax there").format(problem=what)
        return _raise(where, what)
    except yaml.YAMLError as error:
        return _raise("", _("not valid YAML ({error})").format(error=error))


def load_json_text(text: str) -> Any:
    """Parsed JSON, or :class:`InvalidInput` naming the line and column."""
    too_deep = _(
        "the data is nested more than {depth} levels deep: a journey needs fewer than 10; "
        "check the brackets"
    ).format(depth=MAX_DEPTH)
    try:
        data = json.loads(text, parse_float=_finite, parse_constant=_not_finite)
    except _NotFinite as error:
        found = re.search(rf"[:\[,]\s*{re.escape(str(error))}", text)
        line = (
            _("line {line}").format(line=text.count(chr(10), 0, found.end()) + 1) if found else ""
        )
        return _raise(line, _(NOT_FINITE).format(value=error))
    except json.JSONDecodeError as error:
        return _raise(_where(error.lineno, error.colno), _json_problem(text, error))
    except RecursionError:
        return _raise("", too_deep)
    except ValueError:  # an integer longer than Python converts (4300 digits)
        return _raise("", _("a number has thousands of digits: correct it"))
    if _depth(data) > MAX_DEPTH:
        return _raise("", too_deep)
    return data


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # '1e400'
        raise _NotFinite(text)
    return value


def _not_finite(text: str) -> float:
    raise _NotFinite(text)


def _json_problem(text: str, error: json.JSONDecodeError) -> str:
    if not text[error.pos :].strip():
        return _("the file ends in the middle of the data (is it cut short?): export it again")
    if text[: error.pos].rstrip().endswith(",") and text[error.pos] in "]}":
        return _("JSON allows no comma after the last item: remove it")
    if error.msg.startswith("Unterminated string"):
        return _("a text in quotes is never closed (is the file cut short?): add the closing quote")
    return _("{problem}: fix the JSON").format(problem=error.msg)


def _where(line: int, column: int) -> str:
    return _("line {line}, column {column}").format(line=line, column=column)


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                children = node.values() if isinstance(node, dict) else node
                stack.extend((child, level + 1) for child in children)
    return deepest


def load_document(raw: bytes | str, *, json_format: bool) -> Any:
    """The data of a journey or questionnaire file from its bytes or text."""
    text = decode_utf8(raw) if isinstance(raw, bytes) else raw
    return load_json_text(text) if json_format else load_yaml_text(text)


def read_document(path: Path) -> Any:
    """The data of a .yaml/.yml/.json file; InvalidInput (naming the file) if unreadable."""
    raw = read_limited(path, MAX_FILE_BYTES, _oversize, str(path))
    try:
        return load_document(raw, json_format=path.suffix.lower() == ".json")
    except InvalidInput as error:
        raise InvalidInput(error.problems, str(path)) from None


def _raise(location: str, message: str) -> Any:
    raise InvalidInput([Problem(location, message)])
