# ruff: noqa: E501 - the templates read best one sentence a line
"""A SYNTHETIC labelled set of customer comments with known root causes.

No labelled set of customer comments with root causes in Danish, Norwegian or Swedish
could be had offline under a licence that allows shipping it, so this one is written
for journeymap: templates for nine causes (and comments without one) in Danish,
Norwegian bokmål, Swedish and English, each with alternative words and word forms, drawn
with a seed. Comments often add a second sentence about another cause or a general
remark; the label is the cause the comment is mainly about. It measures whether themes
recover causes across languages, inflections and phrasing — not how real customers write.

``python -m benchmarks.theme_corpus`` writes ``benchmarks/data/labelled_comments.csv``
(the evaluation draw, seed 2); the method was designed on other seeds (see
``benchmarks/data/README.md``).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import numpy as np

CSV = Path(__file__).with_name("data") / "labelled_comments.csv"
EVALUATION_SEED = 2

CAUSES: dict[str, dict[str, tuple[str, ...]]] = {
    "wait_counter": {
        "da": (
            "{Ventetiden|Køen} ved {skranken|kassen|disken} var {alt for lang|urimelig lang|helt uacceptabel}",
            "Jeg {ventede|stod} {20|25|30|over 40} minutter {i kø|ved skranken} i {filialen|butikken}",
            "Kun {én|en enkelt} {medarbejder|kasse} åben, så køen {voksede|blev lang}",
            "{Lang|Meget lang} ventetid ved skranken{| igen}",
        ),
        "nb": (
            "{Ventetiden|Køen} ved {skranken|kassen|disken} var {altfor lang|urimelig lang|helt uakseptabel}",
            "Jeg {ventet|sto} {20|25|30|over 40} minutter {i kø|ved skranken} i {filialen|butikken}",
            "Bare {én|en eneste} {ansatt|kasse} åpen, så køen {vokste|ble lang}",
            "{Lang|Veldig lang} ventetid ved skranken{| igjen}",
        ),
        "sv": (
            "{Väntetiden|Kön} vid {disken|kassan} var {alldeles för lång|orimligt lång|helt oacceptabel}",
            "Jag {väntade|stod} {20|25|30|över 40} minuter {i kö|vid disken} på {kontoret|butiken}",
            "Bara {en|en enda} {kassa|anställd} öppen, så kön {växte|blev lång}",
        ),
        "en": (
            "The {queue|wait} at the {counter|till|desk} was {far too long|ridiculous|unacceptable}",
            "I {waited|stood} {20|25|30|over 40} minutes {in the queue|at the counter} in the {branch|shop}",
            "Only one {till|counter} open, so the queue {grew|kept growing}",
        ),
    },
    "phone_queue": {
        "da": (
            "Jeg {ventede|sad} {30|35|45} minutter i {telefonkøen|telefonen} {før nogen svarede|uden svar}",
            "{Umuligt|Svært} at komme igennem på telefonen{| om mandagen}",
            "{Telefonkøen|Ventetiden i telefonen} er {alt for lang|helt urimelig}",
        ),
        "nb": (
            "Jeg {ventet|satt} {30|35|45} minutter i {telefonkøen|telefonen} {før noen svarte|uten svar}",
            "{Umulig|Vanskelig} å komme gjennom på telefonen{| på mandager}",
            "{Telefonkøen|Ventetiden på telefonen} er {altfor lang|helt urimelig}",
        ),
        "sv": (
            "Jag {väntade|satt} {30|35|45} minuter i {telefonkön|telefon} {innan någon svarade|utan svar}",
            "{Omöjligt|Svårt} att komma fram på telefon{| på måndagar}",
            "{Telefonkön|Väntetiden i telefon} är {alldeles för lång|helt orimlig}",
        ),
        "en": (
            "I was on hold for {30|35|45} minutes {before anyone answered|with no answer}",
            "{Impossible|Hard} to get through on the phone{| on Mondays}",
            "The phone queue is {far too long|ridiculous}",
        ),
    },
    "rude_staff": {
        "da": (
            "{Medarbejderen|Rådgiveren|Ekspedienten} var {uhøflig|sur|arrogant} og {afvisende|uinteresseret}",
            "{Dårlig|Sur} attitude fra {personalet|medarbejderne} ved {skranken|kassen}",
            "Jeg følte mig {talt ned til|behandlet uvenligt} af {medarbejderen|personalet}",
        ),
        "nb": (
            "{Medarbeideren|Rådgiveren|Ekspeditøren} var {uhøflig|sur|arrogant} og {avvisende|uinteressert}",
            "{Dårlig|Sur} holdning fra {personalet|de ansatte} ved {skranken|kassen}",
            "Jeg følte meg {snakket ned til|behandlet uvennlig} av {medarbeideren|personalet}",
        ),
        "sv": (
            "{Personalen|Rådgivaren|Expediten} var {otrevlig|sur|arrogant} och {avvisande|ointresserad}",
            "{Dålig|Sur} attityd från {personalen|de anställda} vid {kassan|disken}",
        ),
        "en": (
            "The {staff member|adviser|clerk} was {rude|unfriendly|arrogant} and {dismissive|uninterested}",
            "{Bad|Poor} attitude from the staff at the {counter|till}",
        ),
    },
    "fees": {
        "da": (
            "{Gebyrerne|Priserne} er {alt for høje|blevet hævet igen|urimelige}",
            "Et {gebyr|nyt gebyr} på {50|75|100} kr for {at hæve penge|en overførsel|kontoudtog} er {for meget|urimeligt}",
            "{Dyre|Høje} gebyrer på {kortet|kontoen}",
        ),
        "nb": (
            "{Gebyrene|Prisene} er {altfor høye|blitt hevet igjen|urimelige}",
            "Et {gebyr|nytt gebyr} på {50|75|100} kr for {å ta ut penger|en overføring|kontoutskrift} er {for mye|urimelig}",
            "{Dyre|Høye} gebyrer på {kortet|kontoen}",
        ),
        "sv": (
            "{Avgifterna|Priserna} är {alldeles för höga|höjda igen|orimliga}",
            "En {avgift|ny avgift} på {50|75|100} kr för {uttag|en överföring|kontoutdrag} är {för mycket|orimligt}",
        ),
        "en": (
            "The {fees|charges} are {far too high|up again|unreasonable}",
            "A {fee|new fee} of {5|10} pounds for {a withdrawal|a transfer|a statement} is {too much|unreasonable}",
        ),
    },
    "app_login": {
        "da": (
            "{Appen|Netbanken} {crasher|går ned|virker ikke} når jeg {logger ind|vil betale}",
            "Kan ikke logge {ind|på} med {MitID|koden} i {appen|netbanken}{| igen}",
            "{Fejl|Fejlbesked} i appen {hver gang|hele tiden} ved login",
        ),
        "nb": (
            "{Appen|Nettbanken} {krasjer|går ned|fungerer ikke} når jeg {logger inn|skal betale}",
            "Får ikke logget {inn|på} med {BankID|koden} i {appen|nettbanken}{| igjen}",
            "{Feil|Feilmelding} i appen {hver gang|hele tiden} ved innlogging",
        ),
        "sv": (
            "{Appen|Internetbanken} {kraschar|går ner|fungerar inte} när jag {loggar in|ska betala}",
            "Kan inte logga in med {BankID|koden} i {appen|internetbanken}",
        ),
        "en": (
            "The {app|online bank} {crashes|goes down|does not work} when I {log in|try to pay}",
            "Can't log in to the {app|online bank}{| again}",
        ),
    },
    "advice": {
        "da": (
            "Rådgiveren {kunne ikke svare på|vidste ikke noget om} {mine spørgsmål|lånet|pension}",
            "Jeg fik {forkert|modstridende} {rådgivning|besked} om {lånet|boliglånet|pensionen}",
            "{Manglende|Ringe} {faglig viden|kompetence} hos rådgiveren",
        ),
        "nb": (
            "Rådgiveren {kunne ikke svare på|visste ikke noe om} {spørsmålene mine|lånet|pensjon}",
            "Jeg fikk {feil|motstridende} {rådgivning|beskjed} om {lånet|boliglånet|pensjonen}",
            "{Manglende|Svak} {faglig kunnskap|kompetanse} hos rådgiveren",
        ),
        "sv": (
            "Rådgivaren {kunde inte svara på|visste inget om} {mina frågor|lånet|pensionen}",
            "Jag fick {fel|motstridiga} {råd|besked} om {lånet|bolånet|pensionen}",
        ),
        "en": (
            "The adviser {could not answer|knew nothing about} {my questions|the loan|pensions}",
            "I got {wrong|contradictory} {advice|information} about {the loan|my mortgage|my pension}",
        ),
    },
    "no_callback": {
        "da": (
            "{De|Rådgiveren} lovede at ringe {tilbage|mig op}, men {det skete aldrig|ingen ringede}",
            "Jeg {venter stadig på|har aldrig fået} det lovede opkald",
            "{Ingen|Ikke nogen} {opfølgning|tilbagemelding} på min {sag|henvendelse}",
        ),
        "nb": (
            "{De|Rådgiveren} lovet å ringe {tilbake|meg opp}, men {det skjedde aldri|ingen ringte}",
            "Jeg {venter fortsatt på|har aldri fått} den lovede oppringningen",
            "{Ingen|Ikke noen} {oppfølging|tilbakemelding} på {saken min|henvendelsen min}",
        ),
        "sv": (
            "{De|Rådgivaren} lovade att ringa {tillbaka|upp}, men {det hände aldrig|ingen ringde}",
            "{Ingen|Ingen alls} {återkoppling|uppföljning} på mitt ärende",
        ),
        "en": (
            "They promised to call {back|me back}, but {nobody did|it never happened}",
            "{No|Zero} follow-up on my {case|complaint}",
        ),
    },
    "opening_hours": {
        "da": (
            "{Filialen|Butikken} {har lukket|holder lukket} {om lørdagen|efter kl. 16|midt på dagen}",
            "{Åbningstiderne|Åbningstiden} passer ikke til folk {med arbejde|der arbejder}",
            "De har lukket {vores|den lokale} filial, nu skal jeg køre {20|30} km",
        ),
        "nb": (
            "{Filialen|Butikken} {har stengt|holder stengt} {på lørdager|etter kl. 16|midt på dagen}",
            "{Åpningstidene|Åpningstiden} passer ikke for folk {i jobb|som jobber}",
            "De har lagt ned {vår|den lokale} filial, nå må jeg kjøre {20|30} km",
        ),
        "sv": (
            "{Kontoret|Butiken} {har stängt|håller stängt} {på lördagar|efter kl. 16|mitt på dagen}",
            "{Öppettiderna|Öppettiden} passar inte för folk som jobbar",
        ),
        "en": (
            "The {branch|shop} is closed {on Saturdays|after 4 pm|at lunchtime}",
            "The opening hours do not suit people {who work|with jobs}",
        ),
    },
    "helpful_staff": {
        "da": (
            "{Medarbejderen|Rådgiveren} var {utrolig|meget|super} {hjælpsom|venlig|imødekommende}",
            "{Sød|Venlig} og {hjælpsom|kompetent} {medarbejder|rådgiver}, {tak|tusind tak}",
            "{Fantastisk|God|Rigtig god} service fra {personalet|medarbejderen}",
        ),
        "nb": (
            "{Medarbeideren|Rådgiveren} var {utrolig|veldig|kjempe} {hjelpsom|vennlig|imøtekommende}",
            "{Hyggelig|Vennlig} og {hjelpsom|kompetent} {medarbeider|rådgiver}, {takk|tusen takk}",
            "{Fantastisk|God|Veldig god} service fra {personalet|medarbeideren}",
        ),
        "sv": (
            "{Personalen|Rådgivaren} var {otroligt|mycket|super} {hjälpsam|trevlig|tillmötesgående}",
            "{Trevlig|Vänlig} och {hjälpsam|kunnig} {personal|rådgivare}, {tack|tack så mycket}",
        ),
        "en": (
            "The {staff|adviser} {was|were} {incredibly|very|really} {helpful|friendly|kind}",
            "{Great|Excellent|Lovely} service from the {staff|team}",
        ),
    },
    "none": {
        "da": ("{Alt var fint|Ingen kommentarer|Det var okay|Fint nok}", "{Tak|Ok|Godt}"),
        "nb": ("{Alt var fint|Ingen kommentarer|Det var greit|Helt greit}", "{Takk|Ok|Bra}"),
        "sv": ("{Allt var bra|Inga kommentarer|Det var okej}", "{Tack|Ok|Bra}"),
        "en": ("{All fine|No comments|It was okay}", "{Thanks|Ok|Fine}"),
    },
}
SECOND = {
    "da": (
        "Det må kunne gøres bedre.",
        "Ellers fint.",
        "Jeg overvejer at skifte.",
        "Meget skuffende.",
    ),
    "nb": (
        "Dette må kunne gjøres bedre.",
        "Ellers greit.",
        "Jeg vurderer å bytte.",
        "Veldig skuffende.",
    ),
    "sv": (
        "Det måste gå att göra bättre.",
        "Annars bra.",
        "Jag funderar på att byta.",
        "Mycket besviken.",
    ),
    "en": (
        "This must be fixed.",
        "Otherwise fine.",
        "I am thinking of leaving.",
        "Very disappointing.",
    ),
}
LANGUAGE_SHARES = {"da": 0.4, "nb": 0.3, "sv": 0.2, "en": 0.1}
CAUSE_SHARES = {
    "wait_counter": 0.16,
    "phone_queue": 0.14,
    "rude_staff": 0.1,
    "fees": 0.1,
    "app_login": 0.12,
    "advice": 0.08,
    "no_callback": 0.1,
    "opening_hours": 0.06,
    "helpful_staff": 0.1,
    "none": 0.04,
}
_CHOICE = re.compile(r"\{([^{}]*)\}")


def expand(template: str, rng: np.random.Generator) -> str:
    """One sentence from a template: each {a|b|…} becomes one of its alternatives."""
    return _CHOICE.sub(lambda m: str(rng.choice(m.group(1).split("|"))), template)


def generate(n: int, seed: int) -> list[dict[str, str]]:
    """n comments with language and cause; a fifth mention a second cause too."""
    rng = np.random.default_rng(seed)
    languages, language_p = zip(*LANGUAGE_SHARES.items(), strict=True)
    causes, cause_p = zip(*CAUSE_SHARES.items(), strict=True)
    rows = []
    for i in range(n):
        language = str(rng.choice(languages, p=language_p))
        cause = str(rng.choice(causes, p=cause_p))
        text = expand(str(rng.choice(CAUSES[cause][language])), rng) + "."
        roll = rng.random()
        if cause != "none" and roll < 0.2:
            other = str(rng.choice([c for c in causes if c not in (cause, "none")]))
            text += " " + expand(str(rng.choice(CAUSES[other][language])), rng) + "."
        elif cause not in ("none", "helpful_staff") and roll < 0.55:
            text += " " + str(rng.choice(SECOND[language]))
        rows.append({"id": f"s{seed}-{i:05d}", "language": language, "cause": cause, "text": text})
    return rows


def write(path: Path = CSV, n: int = 1200, seed: int = EVALUATION_SEED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "language", "cause", "text"])
        writer.writeheader()
        writer.writerows(generate(n, seed))
    return path


if __name__ == "__main__":
    print(write(), file=sys.stdout)
