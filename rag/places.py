"""The names of Denmark's 98 municipalities: a question names its town, the minutes seldom do.

A portal prints "Økonomiudvalget" and the date; the town is in its address, not in the minutes. "Hvem var fraværende
ved Økonomiudvalgets møde i Frederikssund den 21. januar 2026?" names where the minutes are from, not a topic the
archive never discusses, so the word's absence must not refuse the question (rag/answer.py says so in a note).
"""

from __future__ import annotations

MUNICIPALITIES = (
    "Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør Egedal Esbjerg Fanø Favrskov Faxe "
    "Fredensborg Fredericia Frederiksberg Frederikshavn Frederikssund Furesø Faaborg-Midtfyn Gentofte Gladsaxe Glostrup "
    "Greve Gribskov Guldborgsund Haderslev Halsnæs Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk Holstebro "
    "Horsens Hvidovre Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg Kerteminde Kolding København Køge "
    "Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø Mariagerfjord Middelfart Morsø Norddjurs Nordfyn Nyborg Næstved "
    "Odder Odense Odsherred Randers Rebild Ringkøbing-Skjern Ringsted Roskilde Rudersdal Rødovre Samsø Silkeborg "
    "Skanderborg Skive Slagelse Solrød Sorø Stevns Struer Svendborg Syddjurs Sønderborg Thisted Tønder Tårnby Vallensbæk "
    "Varde Vejen Vejle Vesthimmerland Viborg Vordingborg Ærø Aabenraa Aalborg Aarhus"
).split()

# Each name and each part of a joined one ("Faaborg-Midtfyn": "faaborg", "midtfyn"), in lower case, as asked:
# "Frederikssunds", "Odenses" too.
_NAMES = frozenset(p for name in MUNICIPALITIES for p in (name.lower(), *name.lower().split("-")))


def names_a_municipality(word: str) -> bool:
    """The word is a municipality's name or a part of one, or its genitive ("Frederikssunds")."""
    w = word.lower()
    return w in _NAMES or (w.endswith("s") and w[:-1] in _NAMES)
