"""Queries as visitors type them into the example site's search, each with
the page that must be among the first three results.

Written from the content, in the ways people really type: whole words and
inflected forms, typos inside a word, words without å/ä/ö, abbreviations,
the place a visitor works in (a district whose group was merged in 2021),
a date in the formats Swedes write, several words, and the pages only the
menu leads to. The browser test (test_browser.py) measures the share found
in a real Chromium; the README reports it (`make sokkvalitet` prints it).
"""

from __future__ import annotations

# (what is typed, the title of the page that must be in the top three, what kind of query)
QUERIES: list[tuple[str, str, str]] = [
    # Words as they are on the pages, and their other forms
    ("barnkonventionen", "Barnkonventionen i samverkan", "ord"),
    ("skolfrånvaron", "Problematisk skolfrånvaro", "böjning"),
    ("utskrivningen", "Trygg och effektiv in- och utskrivning", "böjning"),
    ("läkemedelsgenomgångar", "Minnesanteckningar NOSAM Mölndal 12 maj 2026", "böjning"),
    ("överenskommelser", "Överenskommelser", "menysida"),
    ("hälsofrämjande arbete", "Samverkansavtal om hälsofrämjande arbete för äldre i Mölndal", "flera ord"),
    ("psykisk ohälsa unga vuxna", "Minnesanteckningar NOSAM Mölndal 8 september 2026", "flera ord"),
    ("familjecentrerat", "Familjecentrerat arbetssätt (FCA)", "ord"),
    ("resurscentrum", "Samverkan i Resurscentrum – bilaga till förstudie av Barn- och ungdomsnämndens verksamhet", "ord"),
    ("intervjuer", "Intervjuer av deltagare i lokala BUS", "ord"),
    ("kartläggning nosam", "Kartläggning och dialog NOSAM", "flera ord"),
    # Typos inside a word
    ("Hisngen", "NOSAM Hisingen", "stavfel"),
    ("Mölnal", "NOSAM Mölndal", "stavfel"),
    ("skolfrånvero", "Problematisk skolfrånvaro", "stavfel"),
    ("barnkonvetionen", "Barnkonventionen i samverkan", "stavfel"),
    ("prenumrera", "Prenumerera på kalendern", "stavfel"),
    ("tilgänglighet", "Tillgänglighetsredogörelse", "stavfel"),
    ("ledningsgrupen", "Ledningsgruppen för Vårdsamverkan Göteborgsområdet", "stavfel"),
    # Without å, ä, ö
    ("molndal", "NOSAM Mölndal", "utan åäö"),
    ("ockero", "NOSAM Öckerö", "utan åäö"),
    ("aldre", "Temagrupp Äldre", "utan åäö"),
    ("harryda", "NOSAM Härryda", "utan åäö"),
    ("skolfranvaro", "Problematisk skolfrånvaro", "utan åäö"),
    ("overenskommelser", "Överenskommelser", "utan åäö"),
    # Abbreviations: the glossary's meaning first
    ("SIP", "Samordnad individuell plan (SIP)", "förkortning"),
    ("MAS", "MAS: Medicinskt ansvarig sjuksköterska", "förkortning"),
    ("VGR", "VGR: Västra Götalandsregionen", "förkortning"),
    ("BUS", "BUS: Barn och unga i behov av särskilt stöd", "förkortning"),
    ("fca", "Familjecentrerat arbetssätt (FCA)", "förkortning"),
    # The place a visitor works in: the group that meets for it today
    ("Majorna", "NOSAM Centrum", "ort"),
    ("Angered", "NOSAM Nordost", "ort"),
    ("Frölunda", "NOSAM Sydväst", "ort"),
    ("Lundby", "NOSAM Hisingen", "ort"),
    ("Partille", "NOSAM Partille", "ort"),
    ("Örgryte", "NOSAM Centrum", "ort"),
    ("kortedala nordost", "NOSAM Nordost", "ort"),
    # Dates as Swedes write them
    ("17 november", "Minnesanteckningar NOSAM Nordost 17 november 2026", "datum"),
    ("2026-09-29", "Minnesanteckningar Västbusgrupp Nordost 29 september 2026", "datum"),
    ("12/5", "Minnesanteckningar NOSAM Mölndal 12 maj 2026", "datum"),
    ("20 sept 2027", "Samverkanstorget Live 20 september 2027", "datum"),
    ("8.12.2026", "Extra möte om handlingsplan 2027 8 december 2026", "datum"),
    # Pages only the menu leads to
    ("kalender", "Kalender", "menysida"),
    ("årshjul", "Årshjul 2026", "menysida"),
    ("tidigare möten", "Tidigare möten", "menysida"),
    ("översikt nosam västbus", "Översikt över NOSAM och Västbus", "menysida"),
    ("ny i nosam nordost", "Ny i NOSAM Nordost", "menysida"),
    ("öppna data", "Öppna data", "menysida"),
    ("ordlista", "Ordlista", "menysida"),
]
