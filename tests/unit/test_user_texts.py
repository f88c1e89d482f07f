"""Every text the pages and the CLI show goes through the catalog: a string literal
handed straight to a Streamlit element, to print or to argparse's help is English
whatever language the reader chose."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Calls whose first argument (or whose text keywords) a person reads.
DISPLAY_CALLS = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "button",
    "download_button", "link_button", "page_link", "form_submit_button", "selectbox",
    "radio", "multiselect", "text_input", "text_area", "number_input", "checkbox",
    "toggle", "slider", "select_slider", "metric", "expander", "tabs", "info", "warning",
    "error", "success", "toast", "date_input", "time_input", "file_uploader", "popover",
    "dialog", "segmented_control", "pills", "Page", "print", "add_argument", "add_parser",
    "ArgumentParser", "add_subparsers", "Column", "TextColumn", "NumberColumn",
    "CheckboxColumn", "SelectboxColumn", "DateColumn", "DatetimeColumn", "LinkColumn",
    "ProgressColumn", "ListColumn", "emit", "sentence", "plain", "spinner", "status",
    "exception", "chat_input", "camera_input", "feedback",
}  # fmt: skip
TEXT_KEYWORDS = {"label", "help", "placeholder", "title", "caption", "description",
                 "body", "text", "epilog", "empty_label"}  # fmt: skip
# Words that are the same in every language the product speaks.
SAME_IN_EVERY_LANGUAGE = {
    "NPS", "CSV", "XLSX", "XLS", "PDF", "PNG", "SVG", "HTML", "JSON", "API", "ID", "URL",
    "OK", "SMTP", "Slack", "Teams", "journeymap", "CES", "CSAT", "PPTX", "YAML", "SQL",
    "CX", "SHA", "HTTP", "HTTPS", "Excel", "PowerPoint", "Qualtrics", "SurveyMonkey",
    "Typeform", "Google", "Forms", "Microsoft", "Sheets", "TLS", "STARTTLS",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÆØÅæøåÄÖäö]{2,}")
TRANSLATING = {"_", "ngettext", "N_"}


def readable(text: str) -> bool:
    """Text with a word a person reads: not a key, a format or markup alone."""
    words = [w for w in WORD.findall(re.sub(r"\{[^{}]*\}", " ", text))]
    return any(w not in SAME_IN_EVERY_LANGUAGE for w in words)


def literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(literal_text(part) or "" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [literal_text(node.left), literal_text(node.right)]
        texts = [p for p in parts if p]
        return " ".join(texts) if texts else None
    if isinstance(node, ast.List | ast.Tuple):
        texts = [literal_text(e) for e in node.elts]
        return " ".join(t for t in texts if t) or None
    return None


def call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return ""


def untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or call_name(node) not in DISPLAY_CALLS:
            continue
        name = call_name(node)
        shown = list(node.args[:1])
        if name in ("add_argument",):
            shown = []  # the option names; their help is a keyword
        shown += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        for argument in shown:
            text = literal_text(argument)
            if text is not None and readable(text):
                found.append(f"{path.relative_to(ROOT)}:{argument.lineno}: {text[:60]!r}")
    return found


def front_door_files() -> list[Path]:
    folders = [ROOT / "journeymap" / "ui", ROOT / "journeymap" / "cli"]
    return [ROOT / "streamlit_app.py"] + sorted(p for f in folders for p in f.rglob("*.py"))


@pytest.mark.parametrize("path", front_door_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_text_shown_goes_through_the_catalog(path: Path) -> None:
    found = untranslated(path)
    assert not found, "texts shown without _(): wrap them and run `make catalogs`:\n" + "\n".join(
        found
    )


def test_the_check_finds_a_bare_text_and_passes_a_wrapped_one(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\n"
        "st.title('Sand ranking')\n"
        "st.caption(f'{n} answers')\n"
        "st.button(_('Save'), help='Saves it')\n"
        "st.metric('NPS', 3)\n"
        "st.markdown('---')\n"
        "st.caption(_('{n} answers').format(n=3))\n",
        encoding="utf-8",
    )
    relative = page.relative_to(tmp_path)
    import tests.unit.test_user_texts as module

    original = module.ROOT
    module.ROOT = tmp_path
    try:
        found = untranslated(page)
    finally:
        module.ROOT = original
    assert [line.split(":")[1] for line in found] == ["2", "3", "4"], (relative, found)
