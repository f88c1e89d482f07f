"""Where the demo journeys happen: locations, segments, shoppers, languages.

Location ids are global in the database, so each carries its journey's prefix. The
``effect`` (in NPS points) makes one or two places visibly better or worse than the
rest, as in any real network of branches.
"""

from __future__ import annotations

from dataclasses import dataclass

# Which kind of location serves a touchpoint of each channel; other channels have none.
LOCATION_KIND_BY_CHANNEL = {
    "branch": "branch",
    "phone": "contact-centre",
    "chat": "contact-centre",
    "home": "field",
}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    region: str
    kind: str  # branch (also shops), contact-centre or field
    effect: float = 0.0
    competitor: bool = False


@dataclass(frozen=True)
class Setting:
    places: tuple[Place, ...]
    segments: tuple[tuple[str, float], ...]  # segment and its NPS offset
    languages: tuple[tuple[str, float], ...]  # comment language and its share
    email: str  # contact e-mail pattern, {n} is a number
    shoppers: tuple[tuple[str, str], ...]
    scenario: str
    visit_kinds: tuple[str, ...] = ("branch",)
    visits_per_location: int = 3  # per own location and wave; competitors get one


DANISH_SHOPPERS = (
    ("demo-shopper-dk-01", "Anne Kjær"),
    ("demo-shopper-dk-02", "Mads Holm"),
    ("demo-shopper-dk-03", "Sofie Lund"),
    ("demo-shopper-dk-04", "Jonas Bech"),
    ("demo-shopper-dk-05", "Ida Møller"),
    ("demo-shopper-dk-06", "Rasmus Dahl"),
)
NORWEGIAN_SHOPPERS = (
    ("demo-shopper-no-01", "Ingrid Berg"),
    ("demo-shopper-no-02", "Lars Eide"),
    ("demo-shopper-no-03", "Silje Bakke"),
    ("demo-shopper-no-04", "Henrik Solberg"),
    ("demo-shopper-no-05", "Marte Lie"),
    ("demo-shopper-no-06", "Anders Strand"),
)

SETTINGS: dict[str, Setting] = {
    "bank-advisory": Setting(
        places=(
            Place("bank-aarhus-c", "Filial Aarhus C", "Region Midtjylland", "branch", 6),
            Place("bank-aalborg", "Filial Aalborg", "Region Nordjylland", "branch", -14),
            Place("bank-odense", "Filial Odense", "Region Syddanmark", "branch", 2),
            Place("bank-koebenhavn-k", "Filial København K", "Region Hovedstaden", "branch", -4),
            Place("bank-frederiksberg", "Filial Frederiksberg", "Region Hovedstaden", "branch", 8),
            Place("bank-vejle", "Filial Vejle", "Region Syddanmark", "branch", 4),
            Place("bank-roskilde", "Filial Roskilde", "Region Sjælland", "branch", 0),
            Place(
                "bank-kundeservice", "Kundeservice Aarhus", "Region Midtjylland", "contact-centre"
            ),
            Place(
                "bank-konkurrent-aarhus",
                "Konkurrent A, Aarhus C",
                "Region Midtjylland",
                "branch",
                4,
                competitor=True,
            ),
            Place(
                "bank-konkurrent-kbh",
                "Konkurrent B, København K",
                "Region Hovedstaden",
                "branch",
                -2,
                competitor=True,
            ),
        ),
        segments=(("Førstegangskøber", 0.0), ("Boligskifter", 4.0), ("Eksisterende kunde", 8.0)),
        languages=(("da", 1.0),),
        email="kunde{n}@example.dk",
        shoppers=DANISH_SHOPPERS,
        scenario=(
            "Førstegangskøber (par, 34 og 36 år) ringer og booker et boligmøde, uploader "
            "lønsedler og beder på mødet om en forhåndsgodkendelse på 2,8 mio. kr."
        ),
    ),
    "retail-returns": Setting(
        places=(
            Place("retail-oslo-karl-johan", "Store Oslo Karl Johan", "Oslo", "branch", -10),
            Place("retail-oslo-storo", "Store Oslo Storo", "Oslo", "branch", 3),
            Place("retail-bergen", "Store Bergen Sentrum", "Vestland", "branch", 5),
            Place("retail-trondheim", "Store Trondheim", "Trøndelag", "branch", 0),
            Place("retail-stavanger", "Store Stavanger", "Rogaland", "branch", 2),
            Place("retail-koebenhavn", "Store København Strøget", "Hovedstaden", "branch", -3),
            Place("retail-aarhus", "Store Aarhus", "Midtjylland", "branch", 6),
            Place("retail-customer-service", "Customer service Oslo", "Oslo", "contact-centre"),
            Place(
                "retail-competitor-oslo", "Competitor A, Oslo", "Oslo", "branch", 5, competitor=True
            ),
        ),
        segments=(("Club member", 6.0), ("First-time buyer", -4.0), ("Web-only customer", 0.0)),
        languages=(("en", 0.85), ("da", 0.15)),
        email="customer{n}@example.com",
        shoppers=NORWEGIAN_SHOPPERS[:3] + DANISH_SHOPPERS[:3],
        scenario=(
            "Buys a rain jacket after asking for advice, returns it in the store a week "
            "later (wrong size) and calls customer service about the refund."
        ),
    ),
    "telecom-support": Setting(
        places=(
            Place("telecom-cc-oslo", "Contact centre Oslo", "Øst", "contact-centre", 2),
            Place("telecom-cc-bergen", "Contact centre Bergen", "Vest", "contact-centre", 4),
            Place("telecom-cc-trondheim", "Contact centre Trondheim", "Midt", "contact-centre", -3),
            Place(
                "telecom-cc-outsourced",
                "Partner contact centre Kaunas",
                "Partner",
                "contact-centre",
                -12,
            ),
            Place("telecom-field-east", "Field service East", "Øst", "field", -4),
            Place("telecom-field-west", "Field service West", "Vest", "field", 3),
            Place("telecom-field-north", "Field service North", "Nord", "field", -8),
            Place(
                "telecom-competitor-a",
                "Competitor A, customer service",
                "Norway",
                "contact-centre",
                6,
                competitor=True,
            ),
            Place(
                "telecom-competitor-b",
                "Competitor B, customer service",
                "Norway",
                "contact-centre",
                -2,
                competitor=True,
            ),
        ),
        segments=(("Fibre", 4.0), ("DSL", -8.0), ("Fibre + TV", 2.0)),
        languages=(("en", 0.7), ("no", 0.3)),
        email="kunde{n}@example.no",
        shoppers=NORWEGIAN_SHOPPERS,
        scenario=(
            "Reports a broadband line with a red light after a restart, asks for the "
            "expected fix time and a technician, and checks whether compensation is offered."
        ),
        visit_kinds=("contact-centre",),
        visits_per_location=4,
    ),
}

GENERIC = Setting(
    places=tuple(
        Place(f"demo-location-{i}", f"Location {i}", f"Region {'AB'[i % 2]}", kind, effect)
        for i, (kind, effect) in enumerate(
            [("branch", 4), ("branch", -10), ("branch", 0), ("branch", 3), ("contact-centre", 0)],
            start=1,
        )
    ),
    segments=(("New customer", 0.0), ("Existing customer", 5.0)),
    languages=(("en", 1.0),),
    email="customer{n}@example.com",
    shoppers=NORWEGIAN_SHOPPERS[:3],
    scenario="A first-time customer with an everyday request.",
)


def setting_for(journey_id: str) -> Setting:
    return SETTINGS.get(journey_id, GENERIC)
