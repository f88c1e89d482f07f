"""The catalogs against the source.

`python -m journeymap.i18n.catalog_tool update|check [--domain NAME]`

update: extracts every text marked with `_`, `N_` or `ngettext` from each domain's
files, adds the new ones to each language's catalog (untranslated), drops the ones the
source no longer has, and keeps every translation made; English is filled with the
source text itself. check: lists what is missing, untranslated or fuzzy, and
translations whose {placeholders} differ from the source's; exit 1 if anything is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from journeymap.i18n.catalogs import LOCALE_DIR
from journeymap.i18n.domains import source_files
from journeymap.i18n.languages import LANGUAGES, Language

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def template(domain: str, files: list[Path]) -> Catalog:
    catalog = Catalog(domain=domain, project="journeymap", charset="utf-8")
    for path in files:
        for line, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            catalog.add(
                message,
                locations=[(path.relative_to(ROOT).as_posix(), line)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def catalog_path(language: Language, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, language: Language, domain: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def update(only: str | None = None) -> None:
    for domain, files in source_files(ROOT).items():
        if only is not None and domain != only:
            continue
        source = template(domain, files)
        for language in LANGUAGES:
            path = catalog_path(language, domain)
            catalog = read_catalog(path, language, domain) or Catalog(
                locale=language, domain=domain, project="journeymap", charset="utf-8"
            )
            catalog.update(
                source,
                no_fuzzy_matching=True,
                update_header_comment=False,
                update_creation_date=False,
            )
            catalog.obsolete.clear()
            if language == "en":
                for message in catalog:
                    if message.id and not _translated(message.string):
                        message.string = message.id  # both forms for a plural
            if not len(catalog) and not path.exists():
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


def problems(only: str | None = None) -> list[str]:
    """Every gap between the source and the catalogs, one sentence each."""
    found: list[str] = []
    for domain, files in source_files(ROOT).items():
        if only is not None and domain != only:
            continue
        source = template(domain, files)
        for language in LANGUAGES:
            path = catalog_path(language, domain)
            where = path.relative_to(ROOT).as_posix()
            catalog = read_catalog(path, language, domain)
            if catalog is None:
                if len(source):
                    found.append(f"{where} is missing: run `make catalogs`")
                continue
            for message in source:
                if not message.id:
                    continue
                entry = catalog.get(message.id)
                name = message.id if isinstance(message.id, str) else message.id[0]
                if entry is None:
                    found.append(f"{where}: '{name}' is not in the catalog: run `make catalogs`")
                elif entry.fuzzy:
                    found.append(f"{where}: '{name}' is fuzzy: check the translation")
                elif not _translated(entry.string):
                    found.append(f"{where}: '{name}' is not translated")
                elif not _same_placeholders(entry.id, entry.string):
                    found.append(f"{where}: '{name}' has other {{placeholders}} translated")
    return found


def disagreements() -> list[str]:
    """Texts translated differently in two catalogs of one language: the catalogs are
    merged into one lookup, so only one of the two would ever be shown."""
    found: list[str] = []
    for language in LANGUAGES:
        seen: dict[object, tuple[str, object]] = {}
        for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
            catalog = read_catalog(path, language, path.stem)
            for message in catalog or ():
                if not message.id or not _translated(message.string):
                    continue
                key = message.id if isinstance(message.id, str) else tuple(message.id)
                string = (
                    message.string
                    if isinstance(message.string, str)
                    else tuple(message.string or ())
                )
                earlier = seen.setdefault(key, (path.stem, string))
                if earlier[1] != string:
                    name = key if isinstance(key, str) else key[0]
                    found.append(
                        f"{language}: '{name}' is '{earlier[1]}' in {earlier[0]}.po but "
                        f"'{string}' in {path.stem}.po"
                    )
    return found


def _translated(string: object) -> bool:
    if isinstance(string, str):
        return bool(string.strip())
    forms = list(string) if isinstance(string, tuple | list) else []
    return bool(forms) and all(isinstance(s, str) and s.strip() for s in forms)


def _same_placeholders(source: object, translated: object) -> bool:
    """A translation names the same {placeholders} as its source text: one it lacks
    would leave a value out, one it adds would fail when the text is formatted."""
    if isinstance(source, str):
        return _names(source) == _names(str(translated))
    sources = [str(text) for text in source] if isinstance(source, tuple | list) else []
    forms = [str(text) for text in translated] if isinstance(translated, tuple | list) else []
    allowed = set().union(*(_names(text) for text in sources))
    return all(_names(form) <= allowed for form in forms)


def _names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def main(argv: list[str]) -> int:
    only = argv[2] if len(argv) == 3 and argv[1] == "--domain" else None
    if argv[:1] == ["update"]:
        update(only)
        return 0
    if argv[:1] == ["check"]:
        gaps = problems(only) + (disagreements() if only is None else [])
        print("\n".join(gaps) or "The catalogs are complete.")
        return 1 if gaps else 0
    usage = "usage: python -m journeymap.i18n.catalog_tool update|check [--domain NAME]"
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
