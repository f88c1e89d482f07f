"""The languages the product speaks: Danish, Norwegian (bokmål), Swedish and English.

Every text a person reads goes through `_` (or `ngettext`; `N_` marks a text kept in a
constant and translated where it is shown), and every number, percentage, date, month,
quarter and p-value through `journeymap.i18n.formatting`. The catalogs are Babel/gettext
`.po` files under `locale/<language>/LC_MESSAGES/`, one per area of the product
(`domains.py`); `make catalogs` brings them up to date with the source.
"""

from journeymap.i18n.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Language
from journeymap.i18n.translate import (
    N_,
    _,
    current_language,
    ngettext,
    set_language_resolver,
    use_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "Language",
    "N_",
    "_",
    "current_language",
    "ngettext",
    "set_language_resolver",
    "use_language",
]
