"""Every page in every language: no exception, and no English left on a Danish,
Norwegian or Swedish page.

An admin signs in to the demo workspace and opens each page of the navigation's
registry with JOURNEYMAP_LANGUAGE set. Every text a person reads on the page (titles,
captions, markdown, alerts, labels, options, help, tabs, expanders, metric labels,
table headings) is split into words; a word of four letters or more that the English
source texts use (the msgids of all catalogs) but no translation into the page's
language does is English left over, unless it is allowed: the words every language
shares (NPS, product names) and what people typed (the workspace's own journeys,
touchpoints, comments, questionnaires …, taken from the workspace itself).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import String, Text, select
from streamlit.testing.v1 import AppTest

from journeymap.i18n import LANGUAGE_NAMES, LANGUAGES, Language, _, use_language
from journeymap.i18n.catalogs import LOCALE_DIR
from journeymap.store.accounts import create_user
from journeymap.store.engine import open_database
from journeymap.store.tables import AuditRow, Base
from journeymap.ui.shell import state
from journeymap.ui.shell.navigation import AUDIT_PAGE, PAGES, PageSpec
from tests.app.conftest import app, page_path
from tests.conftest import JOURNEYS_DIR

ADMIN = "ada.admin"
PASSWORD = "a long enough password"
WORD = re.compile(r"[^\W\d_]{4,}")
# The same in every language, or not words at all.
SHARED = {
    "journeymap", "mermaid", "excel", "powerpoint", "qualtrics", "typeform", "google",
    "forms", "microsoft", "teams", "slack", "chromium", "graphviz", "yaml", "json", "html",
    "smtp", "https", "http", "webhook", "webhooks", "drawio", "diagrams",
}  # fmt: skip
# Tables whose texts the product writes (in English, for machines and the log), not
# people: their words must not excuse English on a page.
MACHINE_TABLES = {AuditRow.__tablename__, "alembic_version"}


def _catalog_words(language: Language, *, source: bool) -> set[str]:
    words: set[str] = set()
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            if not message.id:
                continue
            texts = message.id if source else message.string
            for text in texts if isinstance(texts, tuple | list) else (texts,):
                # What is inside braces or backticks is a name, a command or code.
                text = re.sub(r"\{[^{}]*\}|`[^`]*`", " ", text or "")
                words.update(w.lower() for w in WORD.findall(text))
    return words


def _stored_words(url: str, *, machine: bool) -> set[str]:
    """Every word stored in the workspace's tables that people fill (names, comments,
    questionnaires, journeys), or in those the product fills (``machine``)."""
    engine = open_database(url)
    words: set[str] = set()
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if (table.name in MACHINE_TABLES) != machine:
                continue
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for value in row:
                    words.update(w.lower() for w in WORD.findall(str(value or "")))
    engine.dispose()
    if not machine:
        for path in JOURNEYS_DIR.glob("*.yaml"):
            words.update(w.lower() for w in WORD.findall(path.stem))
    return words


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Iterator[str]:
    """One demo workspace with an admin account for the whole module (read only)."""
    target = tmp_path_factory.mktemp("every-language") / "demo.db"
    shutil.copyfile(demo_template, target)
    url = f"sqlite:///{target}"
    engine = open_database(url)
    create_user(engine, ADMIN, "admin", PASSWORD, actor="fixture")
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOURNEYMAP_DB_URL", url)
        patch.setenv("JOURNEYMAP_AUTHOR", "apptest")
        yield url


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    # One workspace for the module: its cached answers stay valid from page to page
    # (each language has keys of its own), which keeps the module quick.
    return


@pytest.fixture(scope="module")
def english_words() -> set[str]:
    return _catalog_words("en", source=True)


@pytest.fixture(scope="module")
def allowed(workspace: str) -> set[str]:
    names = " ".join(LANGUAGE_NAMES.values())
    return (
        SHARED | _stored_words(workspace, machine=False) | {w.lower() for w in WORD.findall(names)}
    )


@pytest.fixture(scope="module")
def audit_words(workspace: str) -> set[str]:
    """The audit log's action codes and object kinds: they stay English (the log's
    own vocabulary, also in its CSV), and the Audit log page lists them."""
    return _stored_words(workspace, machine=True)


_sessions: dict[Language, AppTest] = {}


def _session(language: Language) -> AppTest:
    """One signed-in session per language, switched from page to page."""
    if language not in _sessions:
        at = app()
        at.session_state[state.SIGNED_IN] = ADMIN
        _sessions[language] = at.run()
    return _sessions[language]


def _texts(node: Any) -> Iterator[str]:  # noqa: ANN401 - AppTest's element tree
    kind = getattr(node, "type", "")
    if kind in {"code", "html", "json", "exception", "divider"}:
        return
    for name in ("label", "help", "placeholder"):
        value = getattr(node, name, None)
        if isinstance(value, str):
            yield value
    options = getattr(node, "options", None)
    if isinstance(options, list):
        yield from (str(option) for option in options)
    if kind in {"markdown", "caption", "title", "header", "subheader", "text", "alert"} or (
        kind in {"error", "warning", "info", "success"}
    ):
        yield str(node.value)
    if kind == "arrow_data_frame":
        yield from (str(column) for column in node.value.columns)
    proto = getattr(node, "proto", None)
    if kind not in {"markdown", "alert"} and proto is not None:
        for name in ("label", "help"):
            value = getattr(proto, name, None)
            if isinstance(value, str) and value not in {getattr(node, name, None)}:
                yield value
    for child in getattr(node, "children", {}).values():
        yield from _texts(child)


def english_left(
    texts: list[str], language: Language, english: set[str], allowed: set[str]
) -> set[str]:
    if language == "en":
        return set()
    translated = _catalog_words(language, source=False)
    found = set()
    for text in texts:
        text = re.sub(r"`[^`]*`|https?://\S+|:material/\w+:", " ", text)
        for word in WORD.findall(text):
            lower = word.lower()
            if lower in english and lower not in translated and lower not in allowed:
                found.add(word)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", [pytest.param(p, id=p.url_path) for p in PAGES])
def test_every_page_opens_in_every_language_without_english_left(
    workspace: str,
    english_words: set[str],
    allowed: set[str],
    audit_words: set[str],
    monkeypatch: pytest.MonkeyPatch,
    page: PageSpec,
    language: Language,
) -> None:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", language)
    at = _session(language)
    at.switch_page(page_path(page.file.removesuffix(".py"))).run()
    assert not at.exception, (page.file, [e.value for e in at.exception])
    assert at.title, page.file  # the page itself ran, not only the sidebar
    texts = list(_texts(at._tree))
    if page == AUDIT_PAGE:
        allowed = allowed | audit_words
    left = english_left(texts, language, english_words, allowed)
    where = sorted({t[:90] for t in texts for w in left if re.search(rf"\b{w}\b", t)})
    assert not left, f"{page.file} in {language}: English words {sorted(left)} in {where}"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_the_navigation_speaks_the_language(language: Language, english_words: set[str]) -> None:
    with use_language(language):
        shown = [_(spec.title) for spec in PAGES] + sorted({_(spec.section) for spec in PAGES})
    left = english_left(shown, language, english_words, SHARED | {"nps"})
    assert not left, left
