"""Layers import downwards only, every change goes through a service, ORM rows stay in
the store, and streamlit stays in the UI layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from journeymap import settings
from tests.conftest import ROOT

PACKAGE = ROOT / "journeymap"

# What each layer may import from journeymap (besides itself).
ALLOWED = {
    # i18n: the translation function and the locale's formats, used by every layer.
    "i18n": set(),
    "model": {"i18n"},
    "analytics": {"i18n", "model"},
    "store": {"i18n", "model", "analytics", "settings"},
    "io": {"i18n", "model", "analytics", "store", "settings", "charts"},
    "charts": {"i18n", "model", "analytics"},
    "demo": {"i18n", "model", "analytics", "store", "io", "settings"},
    # demo: loading the demo workspace is a change, made through a service.
    "services": {"i18n", "model", "analytics", "store", "io", "settings", "charts", "demo"},
    # The front doors: pages, commands and the HTTP API call services; of the store they
    # may only open the database (test_front_doors_reach_the_store_only_for_the_engine).
    "ui": {"i18n", "model", "analytics", "charts", "io", "services", "settings", "store"},
    # cli: `python -m journeymap api` starts the HTTP API's server.
    "cli": {"i18n", "model", "analytics", "charts", "io", "services", "settings", "store", "api"},
    "api": {"i18n", "model", "analytics", "io", "services", "settings", "store"},
}
FRONT_DOORS = ("ui", "cli", "api")
# Opening the database (and the error it raises for a schema from a newer version) is
# the one thing a front door takes from the store itself.
ENGINE_ACCESSOR = "journeymap.store.engine"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from journeymap.store import journeys` imports a module too.
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def python_files(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def layer_files() -> list[tuple[str, Path]]:
    return [
        (layer, path)
        for layer in ALLOWED
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if (PACKAGE / layer).is_dir()
    ]


@pytest.mark.parametrize(
    ("layer", "path"),
    layer_files(),
    ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v,
)
def test_layer_imports_only_downwards(layer: str, path: Path) -> None:
    for module in imported_modules(path):
        parts = module.split(".")
        if parts[0] != "journeymap" or len(parts) == 1:
            continue
        target = parts[1]
        assert target == layer or target in ALLOWED[layer], (
            f"{path.relative_to(ROOT)} imports {module}: the {layer} layer may only use "
            f"{sorted(ALLOWED[layer] | {layer})}"
        )


def test_streamlit_only_in_the_ui() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(m.split(".")[0] == "streamlit" for m in imported_modules(path))
    ]
    assert offenders == []


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if s.name not in readme]
    assert missing == []


def _front_door_files() -> list[Path]:
    return python_files(*(PACKAGE / door for door in FRONT_DOORS)) + [ROOT / "streamlit_app.py"]


@pytest.mark.parametrize("path", _front_door_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_front_doors_reach_the_store_only_for_the_engine(path: Path) -> None:
    """A page, a command or an API route that wrote to the store itself could forget the
    role check, the audit actor or a rule: they go through services."""
    reached = sorted(
        module
        for module in imported_modules(path)
        if module.startswith("journeymap.store")
        and module != "journeymap.store"
        and not module.startswith(ENGINE_ACCESSOR)
    )
    assert reached == [], f"{path.relative_to(ROOT)} uses the store directly: {reached}"


def test_orm_rows_never_leave_the_store() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files(PACKAGE) + [ROOT / "streamlit_app.py"]
        if "store" not in path.relative_to(ROOT).parts[1:2]
        and any(m.startswith("journeymap.store.tables") for m in imported_modules(path))
    ]
    assert offenders == []


def _mapped_class_names() -> set[str]:
    from journeymap.store import tables

    return {
        name
        for name, value in vars(tables).items()
        if isinstance(value, type) and hasattr(value, "__table__")
    }


def test_store_functions_hand_out_no_orm_rows() -> None:
    """What the store returns is a dataclass, a model object or a frame: a live ORM row
    outside its session lazy-loads, or is changed and never saved."""
    mapped = _mapped_class_names()
    offenders = []
    for path in python_files(PACKAGE / "store"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and not node.name.startswith("_")
                and node.returns is not None
            ):
                names = {n.id for n in ast.walk(node.returns) if isinstance(n, ast.Name)}
                names |= {
                    n.value
                    for n in ast.walk(node.returns)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                }
                if any(name in mapped or any(m in name for m in mapped) for name in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert offenders == []


def test_every_service_change_takes_the_acting_viewer() -> None:
    """Every public function in services/ that reaches a store write names a viewer first.

    A store write is recognised by its required ``actor=`` keyword: a service passes it
    ``actor(viewer)``, so a service that calls ``actor(`` must take a viewer.
    """
    offenders = []
    for path in python_files(PACKAGE / "services"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            calls_actor = any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "actor"
                for n in ast.walk(node)
            )
            first = node.args.args[0].arg if node.args.args else ""
            if calls_actor and node.name != "actor" and first != "viewer":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert offenders == []


# --- the UI's layout and its one caching pattern ------------------------------------------

UI = PACKAGE / "ui"
UI_PARTS = {"shell", "loaders", "widgets", "pages"}
CACHES = {"cache_data", "cache_resource"}


def _cache_calls(path: Path) -> list[ast.AST]:
    """Every mention of ``st.cache_data`` / ``st.cache_resource``, decorator or not."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in CACHES]


def test_the_ui_shows_its_structure_in_its_folders() -> None:
    top = {p.name for p in UI.iterdir() if not p.name.startswith((".", "__pycache__"))}
    assert top == UI_PARTS | {"__init__.py"}
    # Names like services.py beside the real journeymap/services read as a second door.
    lookalikes = [
        str(p.relative_to(ROOT))
        for p in UI.rglob("*.py")
        if p.stem == "services" or p.stem.endswith("_services")
    ]
    assert lookalikes == []


def test_caches_live_only_in_the_loaders() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files(PACKAGE) + [ROOT / "streamlit_app.py"]
        if _cache_calls(path) and (UI / "loaders") not in path.parents
    ]
    assert offenders == []


def test_no_cache_is_kept_for_a_while_instead_of_keyed() -> None:
    """A ``ttl`` lets a page show data older than what is stored (an export minutes
    behind an import); the loaders' keys change with the data instead."""
    offenders = []
    for path in python_files(PACKAGE) + [ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CACHES
                and any(k.arg == "ttl" for k in node.keywords)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    "path", python_files(UI / "loaders"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_loaders_draw_nothing_and_read_no_session(path: Path) -> None:
    """A cached function that drew a widget or read session state would replay one
    person's screen or choice for the next: loaders use streamlit for caching only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "st"
    }
    assert used <= CACHES, f"{path.relative_to(ROOT)} uses st.{sorted(used - CACHES)}"
    ui_imports = {m for m in imported_modules(path) if m.startswith("journeymap.ui.")}
    allowed = ("journeymap.ui.loaders", "journeymap.ui.shell.engine")
    assert all(m.startswith(allowed) for m in ui_imports), sorted(ui_imports)
