"""The EndNote XML and CSL-JSON importers on hand-made exports, and the XML attacks."""

from __future__ import annotations

import json

import pytest
from importers_structured.structured_helpers import DATA, read

from realistsynth.errors import ParseError
from realistsynth.model import Name, PartialDate


def test_endnote_xml() -> None:
    result = read(DATA / "endnote.xml")
    assert result.report.format == "endnote-xml"
    assert result.report.records_read == 3
    robert, greenhalgh, odegard = result.records
    assert robert.type == "article-journal"
    assert robert.title == "Co-producing integrated care: a qualitative study"  # style runs
    assert [a.family for a in robert.authors] == ["Robert", "Donetto", "Williams"]
    assert robert.container_title == "Journal of Integrated Care"
    assert robert.container_title_short == "J Integr Care"
    assert robert.issued == PartialDate(2022, 4, 12)
    assert robert.pages == "101-115"
    assert robert.issue == "2"
    assert robert.doi == "10.1108/jica-11-2021-0055"
    assert robert.pmid == "35400001"
    assert robert.issn == ("1476-9018",)
    assert robert.abstract is not None
    assert "relationships & trust" in robert.abstract
    assert robert.keywords == ("Co-production", "Integrated care")
    assert robert.extra["label"] == ("Included",)
    assert robert.extra["custom1"] == ("Richness: high",)
    assert robert.extra["notes"] == ("Found by citation chasing",)
    assert robert.provenance[0].source_record_id == "12"
    assert robert.provenance[0].index == 0
    assert greenhalgh.type == "chapter"
    assert greenhalgh.editors == (
        Name(family="Emmel", given="Nick"),
        Name(family="Manzano", given="Ana"),
    )
    assert greenhalgh.isbn == ("978-1-4739-1918-3",)
    assert greenhalgh.extra["research-notes"] == ("Key theory source",)
    assert odegard.type == "thesis"
    assert odegard.authors == (Name(family="Ødegård", given="Kari"),)
    assert odegard.url == "https://example.org/thesis/1"
    assert odegard.extra["urls/related-urls/url"] == ("https://example.org/thesis/1/pdf",)
    assert odegard.extra["work-type"] == ("PhD thesis",)


def _one_xml_record(ref_type: str) -> bytes:
    return (
        f'<xml><records><record><ref-type name="{ref_type}">0</ref-type>'
        "<titles><title>A realist review</title></titles></record></records></xml>"
    ).encode()


@pytest.mark.parametrize(
    ("ref_type", "csl"),
    [("Hearing", "hearing"), ("Chart or Table", "graphic"), ("Online Database", "webpage")],
)
def test_endnote_xml_and_tagged_read_one_type_table(ref_type: str, csl: str) -> None:
    # EndNote names its reference types alike in both exports; the XML importer once had
    # its own shorter table, so a Hearing became a "document" there and a "hearing" here
    xml = read(_one_xml_record(ref_type), format="endnote-xml").records[0]
    tagged = read(
        f"%0 {ref_type}\n%T A realist review\n".encode(), format="endnote-tagged"
    ).records[0]
    assert (xml.type, tagged.type) == (csl, csl)
    assert "ref-type" not in xml.extra
    assert "%0" not in tagged.extra


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xml [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><records><record><titles><title>&lol3;</title></titles></record></records></xml>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xml><records><record><titles><title>&secret;</title></titles></record></records></xml>
"""


@pytest.mark.parametrize("attack", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_attacks_are_refused(attack: bytes) -> None:
    with pytest.raises(ParseError, match="declares entities"):
        read(attack)  # sniffed as EndNote XML


def test_malformed_xml_names_the_line() -> None:
    data = b"<xml><records><record>\n<titles><title>x</titles>\n</record></records></xml>"
    with pytest.raises(ParseError) as caught:
        read(data, format="endnote-xml")
    assert caught.value.line == 2


def test_endnote_xml_utf16() -> None:
    text = (DATA / "endnote.xml").read_text(encoding="utf-8").replace('"UTF-8"', '"UTF-16"')
    result = read(text.encode("utf-16"))
    assert result.report.format == "endnote-xml"
    assert result.records[2].authors[0].family == "Ødegård"


def test_csl_json_from_zotero() -> None:
    result = read(DATA / "zotero-csl.json")
    assert result.report.format == "csl-json"
    aunger, dalkin = result.records
    assert aunger.id == "aunger2022"  # the Zotero URI is not an id; it stays in provenance
    assert aunger.provenance[0].source_record_id == (
        "http://zotero.org/users/123456/items/ABCD1234"
    )
    assert aunger.authors[2] == Name(family="Gogh", given="Vincent", particle="van")
    assert aunger.issued == PartialDate(2022, 3, 15)
    assert aunger.container_title_short == "BMC Health Serv Res"
    assert aunger.pmid == "35200001"
    assert aunger.extra["title-short"] == ("Leadership in ICSs",)
    assert json.loads(aunger.extra["accessed"][0]) == {"date-parts": [["2022", 9, 20]]}
    assert dalkin.issued == PartialDate(2015)
    assert dalkin.editors[1] == Name(literal="Realist Methods Group")
    assert dalkin.extra["event-place"] == ("Cham",)


def test_csl_json_single_item_and_broken_items() -> None:
    single = {"id": "one", "type": "book", "title": "Alone", "issued": {"date-parts": [[1999]]}}
    (record,) = read(json.dumps(single).encode(), format="csl-json").records
    assert (record.id, record.type, record.issued) == ("one", "book", PartialDate(1999))

    items = [single, 42, {"title": "No type", "type": "no-such-type", "count": 3}]
    result = read(json.dumps(items).encode(), format="csl-json")
    assert [r.title for r in result.records] == ["Alone", "No type"]
    assert result.report.skipped[0].index == 1
    assert result.records[1].type == "document"
    assert result.records[1].extra == {"type": ("no-such-type",), "count": ("3",)}
    with pytest.raises(ParseError, match="item 2 is int"):
        read(json.dumps(items).encode(), format="csl-json", strict=True)


def test_csl_json_syntax_error_names_the_line() -> None:
    with pytest.raises(ParseError) as caught:
        read(b'[\n{"id": "a",\n "title": }\n]', format="csl-json")
    assert caught.value.line == 3
