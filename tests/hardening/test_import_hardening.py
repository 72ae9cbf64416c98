"""Issue 19, importing: the format is chosen by structure, text outside records fails the
import, CR-only files are sniffed, one bad byte garbles only its line, long and colliding ids."""

from __future__ import annotations

import json

import pytest

import realistsynth as rs
from realistsynth.errors import RecordImportError
from realistsynth.importing import _unique_ids, import_records, read_records

CSV_WITH_TY = (
    "Title,Authors,Year,Abstract\n"
    '"First study","Smith, J.",2020,"An abstract"\n'
    '"Second study","Jones, K.",2021,"Some text\nTY  - JOUR\nmore text"\n'
    '"Third study","Brown, L.",2019,"Plain"\n'
)


def test_csv_whose_abstract_holds_a_ris_line_is_read_as_csv() -> None:
    result = read_records(CSV_WITH_TY.encode())
    assert result.report.format == "csv"
    assert [r.title for r in result.records] == ["First study", "Second study", "Third study"]


def test_bibtex_whose_abstract_holds_a_medline_line_is_read_as_bibtex() -> None:
    text = (
        "@article{smith2020,\n  title = {First},\n  year = {2020},\n"
        "  abstract = {Some text\nPMID- 12345678\nmore}\n}\n"
        "@article{jones2021,\n  title = {Second},\n  year = {2021}\n}\n"
    )
    result = read_records(text.encode())
    assert result.report.format == "bibtex"
    assert [r.title for r in result.records] == ["First", "Second"]


def test_a_format_that_leaves_most_of_the_file_outside_records_fails() -> None:
    with pytest.raises(RecordImportError, match="outside any record"):
        read_records(CSV_WITH_TY.encode(), "ris")


def test_cr_only_ris_is_sniffed() -> None:
    text = "TY  - JOUR\rTI  - A title\rPY  - 2020\rER  - \r\rTY  - JOUR\rTI  - B\rER  - \r"
    result = read_records(text.encode())
    assert result.report.format == "ris"
    assert [r.title for r in result.records] == ["A title", "B"]


def test_cr_only_csv_is_sniffed() -> None:
    text = 'Title,Authors,Year\r"A","Smith, J.",2020\r"B","Jones, K.",2021\r'
    result = read_records(text.encode())
    assert result.report.format == "csv"
    assert [r.title for r in result.records] == ["A", "B"]


def test_one_cp1252_byte_garbles_only_its_own_line() -> None:
    data = (
        "TY  - JOUR\nTI  - Kozłowska’s study of naïve café\nER  - \n\n"
        "TY  - JOUR\nTI  - Caf\x00\nER  - \n"
    ).encode()
    data = data.replace(b"Caf\x00", b"Caf\xe9")  # one stray cp1252 byte in the second record
    result = read_records(data, "ris")
    assert [r.title for r in result.records] == ["Kozłowska’s study of naïve café", "Café"]
    assert any("line 6" in w and "cp1252" in w for w in result.report.warnings)


def test_ids_over_128_characters_are_shortened_and_unique() -> None:
    family = "Smith" * 40
    text = "".join(
        f"TY  - JOUR\nAU  - {family}\nTI  - Study {i}\nPY  - 2020\nER  - \n\n" for i in range(3)
    )
    review = rs.Review.new("t")
    ids = import_records(review, read_records(text.encode(), "ris"))
    assert len(ids) == 3
    assert len(set(ids)) == 3
    assert all(len(i) <= 128 for i in ids)
    # deterministic: the same file gives the same ids
    again = rs.Review.new("t")
    assert import_records(again, read_records(text.encode(), "ris")) == ids


def test_csv_author_cell_without_separators_gives_a_valid_id() -> None:
    text = 'Title,Authors,Year\n"A study","' + "Surname " * 60 + '",2020\n'
    review = rs.Review.new("t")
    ids = import_records(review, read_records(text.encode(), "csv"))
    assert len(ids) == 1
    assert len(ids[0]) <= 128


class CountingSet(set[str]):
    """A set that counts membership tests, to measure the work of giving unique ids."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.lookups += 1
        return super().__contains__(item)


def test_id_deduplication_is_linear() -> None:
    records = "".join(
        f"TY  - JOUR\nAU  - Same, A.\nTI  - T{i}\nPY  - 2020\nER  - \n" for i in range(2_000)
    )
    result = read_records(records.encode(), "ris")
    CountingSet.lookups = 0
    out = _unique_ids(result.records, CountingSet())
    assert len({r.id for r in out}) == 2_000
    # a suffix search restarted for each record costs n*n/2 (2,000,000) look-ups; linear: ~2n
    assert CountingSet.lookups <= 3 * 2_000


@pytest.mark.parametrize("wrapper", ["items", "records", "references", "data"])
def test_csl_json_in_a_common_wrapper_is_read(wrapper: str) -> None:
    items = [
        {"id": "a1", "type": "article-journal", "title": "One"},
        {"id": "a2", "type": "book", "title": "Two"},
    ]
    result = read_records(json.dumps({wrapper: items}).encode(), "csl-json")
    assert [r.title for r in result.records] == ["One", "Two"]


def test_csl_json_object_that_is_no_known_wrapper_is_refused() -> None:
    doc = {"type": "article-journal", "title": "One", "stuff": {"x": 1}, "other": 2}
    with pytest.raises(RecordImportError, match="not a CSL-JSON"):
        read_records(json.dumps({"results": 3, "meta": doc}).encode(), "csl-json")


def test_lone_surrogate_from_csl_json_does_not_break_saves(tmp_path) -> None:
    data = b'[{"id": "a1", "type": "book", "title": "Bad \\ud800 surrogate"}]'
    result = read_records(data, "csl-json")
    review = rs.Review.new("t")
    import_records(review, result)
    path = tmp_path / "r.json"
    rs.save(review, path)
    title = rs.load(path).records[next(iter(rs.load(path).records))].title
    assert title is not None
    assert "surrogate" in title


def test_an_unclosed_quote_in_a_csv_is_reported_with_its_line() -> None:
    text = (
        'Title,Authors,Year\n"First",Smith J,2020\n"An unclosed title,Smith J,2020\n'
        "Second,Jones K,2021\nThird,Brown L,2019\n"
    )
    result = read_records(text.encode(), "csv")
    # the row with the open quote is left out; the rows it swallowed are read again
    assert [r.title for r in result.records] == ["First", "Second", "Third"]
    (skip,) = result.report.skipped
    assert "quote" in skip.reason
    assert "line 3" in skip.reason
    with pytest.raises(RecordImportError, match="line 3"):
        read_records(text.encode(), "csv", strict=True)


def test_a_legitimate_multi_line_cell_is_not_an_unclosed_quote() -> None:
    text = 'Title,Abstract,Year\n"First","Line one\nline two",2020\n"Second","x",2021\n'
    result = read_records(text.encode(), "csv")
    assert [r.title for r in result.records] == ["First", "Second"]
    assert not result.report.skipped
