"""Which source files each catalog (`locale/<language>/LC_MESSAGES/<domain>.po`) holds
the texts of: one catalog per area of the product, so areas are translated (and
reviewed) on their own. A file belongs to the domain of its longest matching prefix.
"""

from __future__ import annotations

from pathlib import Path

# Paths relative to the project's root; a folder ends with "/".
DOMAINS: dict[str, tuple[str, ...]] = {
    "shell": (
        "streamlit_app.py",
        "journeymap/ui/",
        "journeymap/ui/shell/",
        "journeymap/ui/loaders/",
        "journeymap/ui/widgets/accounts/",
        "journeymap/ui/pages/welcome.py",
        "journeymap/ui/pages/accounts.py",
        "journeymap/ui/pages/audit_log.py",
        "journeymap/ui/pages/new_journey.py",
        "journeymap/ui/pages/export.py",
        "journeymap/ui/pages/alerts.py",
    ),
    "journey": (
        "journeymap/ui/pages/journey.py",
        "journeymap/ui/pages/sand.py",
        "journeymap/ui/pages/walk.py",
        "journeymap/ui/pages/actions.py",
        "journeymap/ui/pages/period_report.py",
        "journeymap/ui/pages/edit.py",
        "journeymap/ui/pages/history.py",
        "journeymap/ui/pages/compare.py",
        "journeymap/ui/widgets/editor/",
        "journeymap/ui/widgets/walk/",
        "journeymap/ui/widgets/actions/",
    ),
    "voc": (
        "journeymap/ui/pages/nps.py",
        "journeymap/ui/pages/verbatims.py",
        "journeymap/ui/pages/callbacks.py",
        "journeymap/ui/pages/survey_import.py",
        "journeymap/ui/widgets/voc/",
    ),
    "shopping": (
        "journeymap/ui/pages/programme.py",
        "journeymap/ui/pages/review.py",
        "journeymap/ui/pages/shopper_results.py",
        "journeymap/ui/pages/visit_form.py",
        "journeymap/ui/widgets/programme/",
        "journeymap/ui/widgets/shopping/",
    ),
    "core": (
        "journeymap/",
        "journeymap/cli/",
        "journeymap/api/",
        "journeymap/services/",
        "journeymap/store/",
        "journeymap/model/",
    ),
    "analysis": (
        "journeymap/analytics/",
        "journeymap/charts/",
        "journeymap/demo/",
    ),
    "exports": ("journeymap/io/",),
}


def domain_of(relative_path: str) -> str | None:
    """The domain whose longest prefix matches the path (relative, with "/")."""
    best: tuple[int, str] | None = None
    for domain, prefixes in DOMAINS.items():
        for prefix in prefixes:
            matches = relative_path == prefix or (
                prefix.endswith("/") and relative_path.startswith(prefix)
            )
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), domain)
    return best[1] if best else None


def source_files(root: Path) -> dict[str, list[Path]]:
    """Every Python source of the product, by the domain it belongs to."""
    files = [root / "streamlit_app.py", *sorted((root / "journeymap").rglob("*.py"))]
    by_domain: dict[str, list[Path]] = {domain: [] for domain in DOMAINS}
    for path in files:
        relative = path.relative_to(root).as_posix()
        if "/migrations/" in relative or relative.startswith("journeymap/i18n/"):
            continue
        domain = domain_of(relative)
        if domain is not None:
            by_domain[domain].append(path)
    return by_domain
