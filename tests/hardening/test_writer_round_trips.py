"""Issue 19 items 6 and 11: writers keep what their format can hold, and no value can end its
record or field (tagged writers), whatever characters it holds."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.importing import read_records
from realistsynth.plugins import get_plugin_manager

INJECTION = "Background.\nER  - \n\nTY  - JOUR\nTI  - Injected record\nER  - \n\nMore text."


def _review(*records: rs.Record) -> rs.Review:
    review = rs.Review.new("t")
    review.add_records(list(records))
    return review


MANAGER = get_plugin_manager()


def _export(review: rs.Review, exporter: str) -> bytes:
    stream = io.BytesIO()
    MANAGER.exporter(exporter).export(review, stream, {})
    return stream.getvalue()


def test_ris_export_cannot_inject_records() -> None:
    review = _review(rs.Record("a1", title="Real", abstract=INJECTION))
    result = read_records(_export(review, "ris"), "ris")
    assert [r.title for r in result.records] == ["Real"]
    assert "Injected record" in (result.records[0].abstract or "")


def test_bibtex_export_cannot_inject_entries() -> None:
    text = "x\n@article{evil,\n  title = {Injected}\n}\n"
    review = _review(rs.Record("a1", title="Real", abstract=text))
    result = read_records(_export(review, "bibtex"), "bibtex")
    assert [r.title for r in result.records] == ["Real"]


TAGGED_TEXT = st.text(
    alphabet=st.sampled_from(list("ERTYAU -\n\r\x00\x0b\x1b{}@%\\abc")), min_size=1, max_size=60
)


@given(abstract=TAGGED_TEXT, title=TAGGED_TEXT)
def test_no_value_ends_its_record_in_ris_or_bibtex(abstract: str, title: str) -> None:
    review = _review(
        rs.Record("a1", title="First " + title, abstract=abstract),
        rs.Record("a2", title="Second", abstract=title),
    )
    for exporter in ("ris", "bibtex"):
        result = read_records(_export(review, exporter), exporter, plugin_manager=MANAGER)
        assert len(result.records) == 2, (exporter, result.report.warnings)
        assert result.records[1].title == "Second"


def test_csv_round_trips_organisation_authors_note_and_publisher() -> None:
    org = rs.Name(literal="Department of Health and Social Care")
    record = rs.Record(
        "a1",
        title="Guidance",
        authors=[org, rs.Name("Smith", "J.")],
        publisher="HMSO",
        note="Policy paper",
        issued=rs.PartialDate(2021),
    )
    back = read_records(_export(_review(record), "csv"), "csv").records[0]
    assert back.authors == (org, rs.Name("Smith", "J."))
    assert back.publisher == "HMSO"
    assert back.note == "Policy paper"


def test_a_nul_byte_does_not_make_the_exported_csv_unreadable() -> None:
    record = rs.Record("a1", title="Bad\x00title", abstract="ok\x01\x1b")
    data = _export(_review(record), "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2
    back = read_records(data, "csv").records[0]
    assert back.title == "Badtitle"


def test_csv_round_trips_an_organisation_alone_and_one_with_a_comma() -> None:
    for literal in ("Department of Health and Social Care", "University of Leeds, Medicine"):
        record = rs.Record("a1", title="Guidance", authors=[rs.Name(literal=literal)])
        back = read_records(_export(_review(record), "csv"), "csv").records[0]
        assert back.authors == (rs.Name(literal=literal),)


def test_xlsx_records_sheet_round_trips_an_organisation() -> None:
    org = rs.Name(literal="Department of Health and Social Care")
    record = rs.Record("a1", title="Guidance", authors=[org], issued=rs.PartialDate(2021))
    stream = io.BytesIO()
    MANAGER.exporter("xlsx").export(_review(record), stream, {"sheets": ["records"]})
    back = read_records(stream.getvalue(), "xlsx", plugin_manager=MANAGER).records[0]
    assert back.authors == (org,)


WORDS = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
NAMES = st.one_of(
    st.builds(lambda f, g: rs.Name(f, g + "."), WORDS, st.sampled_from("ABCDEFG")),
    st.builds(
        lambda words: rs.Name(literal=" ".join(words)),
        st.lists(st.one_of(WORDS, st.just("and")), min_size=2, max_size=6).filter(
            lambda w: w[0] != "and" and w[-1] != "and"
        ),
    ),
)
TEXT = st.lists(
    st.one_of(WORDS, st.sampled_from(["\x00", "\x1b", "\r", "ER  - ", "@article{x,", "%"])),
    min_size=1,
    max_size=8,
).map(" ".join)


def _visible(text: str | None) -> str:
    return " ".join("".join(c for c in (text or "") if c.isprintable()).split())


@given(
    authors=st.lists(NAMES, min_size=1, max_size=4),
    title=TEXT,
    note=TEXT,
    publisher=st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
    exporter=st.sampled_from(["csv", "ris", "csl-json"]),
)
def test_writers_round_trip_names_and_text_fields(
    authors: list[rs.Name], title: str, note: str, publisher: str, exporter: str
) -> None:
    record = rs.Record(
        "a1",
        title="T " + title,
        authors=authors,
        # a CSV cell starting with = + - @ gets an apostrophe (formula safety, documented)
        note="N " + note,
        publisher=publisher,
        issued=rs.PartialDate(2020),
    )
    data = _export(_review(record), exporter)
    (back,) = read_records(data, exporter, plugin_manager=MANAGER).records
    if exporter == "ris":
        # RIS cannot tell a person from an organisation (ris_writer's docstring): every name
        # comes back, its kind guessed on reading
        assert len(back.authors) == len(authors)
    else:
        assert back.authors == tuple(authors)
    assert _visible(back.title) == _visible(record.title)
    assert _visible(back.note) == _visible(record.note)
    assert back.publisher == publisher
