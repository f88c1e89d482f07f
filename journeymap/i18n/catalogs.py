"""The translation catalogs: every `.po` file of a language, merged into one lookup.

The `.po` files are read (and compiled in memory) on first use, so the checkout holds
only the text translators edit and nothing generated can fall out of step with it.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from journeymap.i18n.languages import Language

LOCALE_DIR = Path(__file__).parent / "locale"


def catalog_files(language: Language) -> list[Path]:
    return sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"))


@cache
def translations(language: Language) -> gettext.NullTranslations:
    """One lookup over all the language's catalogs; English falls back to the source text."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    catalog: dict[object, str] = {}
    plural_forms = None
    for path in catalog_files(language):
        with path.open("rb") as handle:
            po = read_po(handle, locale=language, domain=path.stem)
        compiled = BytesIO()
        write_mo(compiled, po, use_fuzzy=False)
        compiled.seek(0)
        domain = gettext.GNUTranslations(compiled)
        # Only real translations: an entry left empty falls back to the English text.
        catalog.update({key: text for key, text in domain._catalog.items() if text})  # type: ignore[attr-defined]
        plural_forms = plural_forms or domain.plural  # type: ignore[attr-defined]
    if catalog:
        merged = gettext.GNUTranslations()
        merged._catalog = catalog  # type: ignore[attr-defined]
        merged.plural = plural_forms  # type: ignore[attr-defined]
        merged._charset = "utf-8"  # type: ignore[attr-defined]
    return merged
