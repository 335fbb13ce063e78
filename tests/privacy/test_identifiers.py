"""Identifiers of other countries are found in Dutch and English text, whatever their check
digits; and nothing that is not an identifier is taken for one."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.privacy import Pseudonymiser
from evaltoolkit.privacy.patterns import detect_patterns


@pytest.mark.parametrize("text, identifier, kind", [
    ("Je kan me bellen op 09 223 45 67 na vijf uur.", "09 223 45 67", "phone"),          # BE landline
    ("Haar gsm is 0470 12 34 56, zegt ze.", "0470 12 34 56", "phone"),                    # BE mobile
    ("Mijn broer in Keulen heeft 0221 4711 0815 als nummer.", "0221 4711 0815", "phone"),  # DE landline
    ("Ruf mich an: +49 30 1234 5678.", "+49 30 1234 5678", "phone"),
    ("Call the office on 020 7946 0958 tomorrow.", "020 7946 0958", "phone"),             # UK landline
    ("Her mobile is 07700 900123 I think.", "07700 900123", "phone"),                    # UK mobile
    ("Het geld ging naar BE12 3456 7890 1234 vorige week.", "BE12 3456 7890 1234", "iban"),   # bad check digits
    ("Überweisung an DE12 5001 0517 0648 4898 90 bitte.", "DE12 5001 0517 0648 4898 90", "iban"),
    ("Paid into GB12 BARC 2000 0012 3456 78 last month.", "GB12 BARC 2000 0012 3456 78", "iban"),
    ("Het formulier kwam van 192.168.10.25 binnen.", "192.168.10.25", "ip_address"),
    ("Login from 2001:db8::8a2e:370:7334 was blocked.", "2001:db8::8a2e:370:7334", "ip_address"),
    ("Zijn rijksregisternummer is 85.07.30-033.61.", "85.07.30-033.61", "national_number"),
    ("Zie linkedin.com/in/jan-peeters voor zijn cv.", "linkedin.com/in/jan-peeters", "url"),
    ("Ze woont Kortrijksesteenweg 12, 9000 Gent nu.", "9000", "postcode"),
    ("Wir wohnen in der Hauptstraße 5, 10115 Berlin.", "10115", "postcode"),
    ("Elle habite 12 rue de la Paix, 75002 Paris.", "75002", "postcode"),
    ("They live at 14 Baker Street, London NW1 6XE.", "NW1 6XE", "postcode"),
    ("They live at 14 Baker Street, London NW1 6XE.", "14 Baker Street", "address"),
    ("Elle habite 12 rue de la Paix, 75002 Paris.", "12 rue de la Paix", "address"),
])
def test_identifiers_of_other_countries_are_found(text, identifier, kind):
    found = {(text[d.start:d.end], d.entity_type) for d in detect_patterns(text)}
    assert (identifier, kind) in found


def test_the_town_after_a_foreign_postcode_is_a_place():
    text = "Ze woont Kortrijksesteenweg 12, 9000 Gent nu."
    assert ("Gent", "place") in {(text[d.start:d.end], d.entity_type) for d in detect_patterns(text)}


@pytest.mark.parametrize("text", [
    "In 2023 kwamen 1500 mensen naar de bijeenkomst.",
    "Versie 1.2.3.4 van de app werkte niet.",
    "Het rapportcijfer was 8, en 12 van de 20 sponsoren bleven.",
    "We spraken om 14.30 uur, 25 minuten lang.",
    # what tables, notebook outputs and configuration hold
    "precision 0.666667, recall 0.871234   4567 segments",
    '"start_time": "2026-12-07T22:18:02.195420+00:00"',
    '"duration": 16.998129, "seconds": 123.4567890',
    "0  2025-03     0.5",
    "color: '#9467BD'",
    "leak at offset 168579 of the file",
    "ratio F::c and 6:: in a log",
    "bytes C@u.U4 and g@x.y",
    '<Coding guid="00380294-6241-5eaf-8b22-9dabcb2b3c4d" targetGUID="49603378-a425-57c1-8ea7-0e8a38f1a2b3"/>',
])
def test_numbers_that_are_no_identifiers_are_left_alone(text):
    assert [d.entity_type for d in detect_patterns(text)] == []


def test_a_belgian_interview_loses_every_identifier_in_english_too(detector):
    texts = ["My number is 09 223 45 67 and my account BE12 3456 7890 1234; the form came from 10.1.2.3.",
             "Ik woon Kortrijksesteenweg 12, 9000 Gent. Bel 0470 12 34 56."]
    documents = pd.DataFrame({"doc_id": ["en", "nl"], "text": texts, "language": ["en", "nl"]})
    out = Pseudonymiser(detector=detector, language="en").fit_transform(documents)["text"].tolist()
    assert out == ["My number is [Phone number] and my account [IBAN]; the form came from [IP address].",
                   "Ik woon [Address], [Postcode] [Place 1]. Bel [Phone number]."]
