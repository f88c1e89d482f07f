"""The languages, their names in their own language, and the locale each formats with."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["da", "nb", "sv", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"

# Each language named in itself: the switch is read by someone who may not read the
# language the page is in now.
LANGUAGE_NAMES: dict[Language, str] = {
    "da": "Dansk",
    "nb": "Norsk (bokmål)",
    "sv": "Svenska",
    "en": "English",
}

# The CLDR locale whose numbers and dates each language is written with. English is
# British English: day before month and a 24-hour clock, as in the rest of Europe.
LOCALES: dict[Language, str] = {"da": "da_DK", "nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}

# What people type for a language, besides its code.
_ALIASES: dict[str, Language] = {
    "no": "nb",
    "nn": "nb",
    "nob": "nb",
    "norsk": "nb",
    "dansk": "da",
    "svenska": "sv",
    "english": "en",
}


def parse_language(value: str) -> Language:
    """The language a code such as `da`, `da_DK`, `nb-NO` or `no` stands for.

    Raises ValueError with a sentence naming the value and the choices.
    """
    text = value.strip().lower().replace("-", "_")
    base = text.split("_", 1)[0]
    for candidate in (text, base):
        if candidate in LANGUAGES:
            return candidate
        if candidate in _ALIASES:
            return _ALIASES[candidate]
    raise ValueError(
        f"'{value}' is not a language journeymap speaks: use da (Danish), nb (Norwegian), "
        "sv (Swedish) or en (English)"
    )
