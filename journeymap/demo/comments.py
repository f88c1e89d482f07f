"""Survey comments in the customers' own words: Danish, English and Norwegian.

A detractor at a touchpoint with known pain points usually names one of them, so a
share of the negative comments are built from the journey's ``pain_points``; the
rest come from touchpoint-specific and general pools below.
"""

from __future__ import annotations

import numpy as np

Sentiment = str  # "negative", "neutral" or "positive"

GENERAL: dict[str, dict[Sentiment, tuple[str, ...]]] = {
    "da": {
        "negative": (
            "Det tog alt for lang tid, og ingen fortalte os hvorfor.",
            "Vi følte os ikke prioriteret som kunder.",
            "Jeg måtte forklare det hele forfra til en ny medarbejder.",
            "Lovede at ringe tilbage, men det skete aldrig.",
            "Meget ufleksibelt, og svarene var uklare.",
            "Skuffende. Vi overvejer at gå andre steder hen.",
        ),
        "neutral": (
            "Helt okay, men ikke noget særligt.",
            "Det fungerede, men der var lidt ventetid.",
            "Fint nok, men informationen kunne være tydeligere.",
            "Medarbejderen var flink, men det hele tog lidt lang tid.",
        ),
        "positive": (
            "Rigtig god og grundig rådgivning. Tak!",
            "Medarbejderen forklarede det hele, så vi forstod det.",
            "Hurtigt, venligt og professionelt.",
            "Vi følte os godt tilpas og fik svar på alt.",
            "Super service, vi anbefaler jer gerne.",
        ),
    },
    "en": {
        "negative": (
            "Took far too long and nobody told me why.",
            "Had to explain everything again to someone new.",
            "They promised to get back to me and never did.",
            "Not good enough. I am looking at other options.",
            "Confusing answers and no clear next step.",
            "Felt like nobody owned my problem.",
        ),
        "neutral": (
            "It was fine, nothing special.",
            "Got there in the end, but it took a while.",
            "Okay service, information could be clearer.",
            "Friendly staff, but the process is slow.",
        ),
        "positive": (
            "Quick, friendly and sorted first time. Thanks!",
            "Really helpful staff who knew what they were talking about.",
            "Easy and smooth, exactly as promised.",
            "Great service, I will recommend you.",
            "They went the extra mile for me.",
        ),
    },
    "no": {
        "negative": (
            "Altfor lang ventetid, og ingen sa hvorfor.",
            "Måtte forklare alt på nytt til en ny person.",
            "De lovet å ringe tilbake, men det skjedde aldri.",
            "Dårlig service. Jeg vurderer å bytte leverandør.",
            "Ingen tok ansvar for saken min.",
        ),
        "neutral": (
            "Helt greit, men ikke noe mer.",
            "Det ordnet seg til slutt, men det tok tid.",
            "Grei service, men informasjonen kunne vært tydeligere.",
        ),
        "positive": (
            "Rask og hyggelig hjelp. Takk!",
            "Løst på første forsøk, veldig fornøyd.",
            "Kunnskapsrik og vennlig kundebehandler.",
            "Enkelt og greit, akkurat som lovet.",
        ),
    },
}

# Touchpoint-specific voices for the story's sand, improving and worsening touchpoints.
SPECIFIC: dict[str, dict[str, dict[Sentiment, tuple[str, ...]]]] = {
    "bank-advisory": {
        "book-telefon": {
            "negative": (
                "Ventede 14 minutter i telefonkøen bare for at booke et møde.",
                "Blev stillet om to gange, og så kunne de alligevel ikke booke.",
                "Hvorfor kan I ikke ringe mig op i stedet for at lade mig vente?",
            ),
        },
        "venter-filial": {
            "negative": (
                "Ingen i receptionen, vi stod ved en tom skranke i fem minutter.",
                "Rådgiveren kom et kvarter for sent og sagde ikke undskyld.",
                "Vi havde taget fri fra arbejde og måtte vente 20 minutter.",
            ),
        },
        "opfoelgning-raadgiver": {
            "negative": (
                "Fire dage uden referat, og vi skulle byde på fredag.",
                "Rådgiveren var på ferie, og ingen overtog vores sag.",
                "Vi måtte selv ringe og rykke for lånetilbuddet.",
            ),
        },
        "tilbagekald": {
            "negative": ("Filialchefen ringede først efter en uge.",),
            "positive": (
                "Filialchefen ringede samme dag og havde læst min kommentar. Flot.",
                "Det havde jeg ikke regnet med. Godt, at nogen lytter.",
            ),
        },
        "book-online": {
            "negative": (
                "Første ledige tid online var om tre uger.",
                "Ingen tider efter kl. 16 i hele næste måned.",
            ),
        },
    },
    "retail-returns": {
        "checkout-queue": {
            "negative": (
                "Only one till open on a Saturday, 15 minutes in the queue.",
                "Staff at the till were packing web parcels while we waited.",
                "Køen ved kassen var helt urimelig.",
            ),
        },
        "complaint-phone": {
            "negative": (
                "35 minutes on hold on a Monday morning.",
                "No call-back option, just music.",
                "The agent could not see my chat, so I started over.",
            ),
        },
        "refund": {
            "negative": (
                "Still waiting for my refund after two weeks.",
                "No status at all between drop-off and refund.",
                "Pengene er ikke kommet retur efter 12 dage.",
            ),
        },
        "complaint-chat": {
            "negative": ("The chat agent could only forward my case.",),
            "positive": (
                "The chat agent refunded me on the spot. Brilliant.",
                "Sorted in the chat in five minutes.",
            ),
        },
        "parcel-delivery": {
            "negative": (
                "Parcel arrived four days late with the new carrier.",
                "The pickup point was full and sent me to another one.",
            ),
        },
    },
    "telecom-support": {
        "phone-ivr": {
            "negative": (
                "40 minutes in the queue during the outage.",
                "Entered my customer number and was asked for it again.",
                "Ventet i 35 minutter i telefonkø uten mulighet for å bli ringt opp.",
            ),
        },
        "repeat-contact": {
            "negative": (
                "Third call, and they told me to restart the router again.",
                "The case number from my last call was not accepted.",
                "Ny kundebehandler, samme spørsmål, ingen løsning.",
            ),
        },
        "technician-visit": {
            "negative": (
                "The technician never showed up and nobody told me.",
                "Took a day off work and the technician came three hours late.",
                "Teknikeren kom ikke, og ingen ga beskjed.",
            ),
        },
        "chat-agent": {
            "negative": ("The agent was handling several chats and answered slowly.",),
            "positive": (
                "Chat answered within a minute and the agent booked a technician.",
                "Rask svar i chatten, veldig fornøyd.",
            ),
        },
        "technician-booking": {
            "negative": (
                "First free technician slot was six days away.",
                "A four-hour window on a weekday is impossible for me.",
            ),
        },
    },
}

PAIN_TEMPLATES: dict[str, tuple[str, ...]] = {
    "da": (
        "{pain}.",
        "{pain}. Det trækker ned.",
        "Ærligt talt: {lower}.",
        "{pain}. Det må kunne gøres bedre.",
    ),
    "en": (
        "{pain}.",
        "{pain}. Not good enough.",
        "Honestly: {lower}.",
        "{pain} - please fix this.",
    ),
}


def pick_comment(
    rng: np.random.Generator,
    language: str,
    sentiment: Sentiment,
    specific: dict[Sentiment, tuple[str, ...]],
    pain_points: list[str],
    pain_language: str,
) -> str:
    """One comment; negative ones often name the touchpoint's own pain."""
    own = specific.get(sentiment, ())
    if own and rng.random() < 0.6:
        return str(rng.choice(own))
    if sentiment == "negative" and pain_points and language == pain_language and rng.random() < 0.5:
        pain = str(rng.choice(pain_points))
        template = str(rng.choice(PAIN_TEMPLATES.get(language, ("{pain}.",))))
        return template.format(pain=pain, lower=pain[0].lower() + pain[1:])
    return str(rng.choice(GENERAL[language][sentiment]))
