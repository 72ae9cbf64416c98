"""REFI-QDA import on hand-made projects: exact offsets, merging, what is skipped and why,
what is refused (nothing applied), and archives that must never be opened."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from coding.qdpx_fixtures import code, g, note, project, selection, text_source, utf16, write_qdpx
from hypothesis import given
from hypothesis import strategies as st

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.coding import import_qdpx, load_mapping

EMOJI_TEXT = "Staff said 🙂👍 that trust grew when boards met in person. Then it faded."
PASSAGE = "trust grew when boards met in person."


def review() -> rs.Review:
    r = rs.Review.new("fixture")
    r.add_reviewer(rs.Reviewer("LK", name="L. Knight"))
    r.add_record(rs.Record("smith2020", title="Boards and trust", doi="10.1000/xyz"))
    r.add_record(rs.Record("jones2021", title="Leading integrated care"))
    r.set_heuristic(rs.get_plugin_manager().heuristic("dalkin"))
    r.add_cmoc(rs.CMOC("c1", context="Boards meet", outcome="Trust"))
    return r


CODES = code(1, "c1", code(2, "C"), code(3, "O"), code(4, "refutes", code(5, "M-rea"))) + code(
    6, "Theme", code(7, "Being")
)


def emoji_project(tmp_path: Path, *selections: str, notes: str = "") -> Path:
    qde = project(CODES, text_source(100, "smith2020", *selections), notes)
    return write_qdpx(tmp_path / "p.qdpx", qde, {100: EMOJI_TEXT})


def test_an_emoji_before_a_passage_counts_two_utf16_units(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    assert start == EMOJI_TEXT.index(PASSAGE) + 2  # two astral characters before it
    path = emoji_project(tmp_path, selection(10, start, start + utf16(PASSAGE), 2, 3))
    r = review()
    report = import_qdpx(r, path)
    assert report.extracts_added == 1
    (ex,) = r.extracts.values()
    assert ex.text == PASSAGE
    assert ex.codes == ("C", "O")
    assert ex.coder == "LK"
    assert ex.span is not None
    assert (ex.span.start, ex.span.end, ex.span.unit) == (start, start + 37, rs.OffsetUnit.UTF16)
    assert ex.span.source_hash == r.source_texts["smith2020"].sha256
    assert ex.span.quote(r.source_texts["smith2020"].text) == PASSAGE
    links = [e for e in r.evidence.values() if e.target_id == ex.id]
    assert [(e.cmoc_id, e.role) for e in links] == [("c1", rs.EvidenceRole.SUPPORTS)]


def test_several_codes_on_one_passage_are_one_extract_and_overlaps_stay_apart(
    tmp_path: Path,
) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    end = start + utf16(PASSAGE)
    path = emoji_project(
        tmp_path,
        selection(10, start, end, 2),
        selection(11, start, end, 7),  # same passage, another code: merged
        selection(12, start, end, 5),  # and a refuting element: merged, second link
        selection(13, start + 6, end + 5, 3),  # overlapping, not the same: its own extract
    )
    r = review()
    report = import_qdpx(r, path)
    assert report.selections == 4
    assert (report.extracts_added, report.merged, len(report.skipped)) == (2, 2, 0)
    assert report.accounted == report.selections
    merged = r.extracts[f"sel-{g(10)}"]
    assert merged.codes == ("C", "M-Rea")
    assert merged.tags == ("Theme/Being",)
    roles = sorted(e.role.value for e in r.evidence.values() if e.target_id == merged.id)
    assert roles == ["refutes", "supports"]
    overlap = r.extracts[f"sel-{g(13)}"]
    assert overlap.text == "grew when boards met in person. Then"


def test_memos_and_if_then_because_notes_come_with_the_passage(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    notes = (
        note(50, "Retroduction", "presence is the resource")
        + note(51, "If-then-because", "If boards meet in person, then trust grows, because ...")
        + note(52, "CMOC memo", "c1 needs a context")
    )
    qde = project(
        code(1, "c1", code(2, "C"), notes=(52,)),
        text_source(100, "smith2020", selection(10, start, start + 37, 1, notes=(50, 51))),
        notes,
    )
    r = review()
    report = import_qdpx(r, write_qdpx(tmp_path / "p.qdpx", qde, {100: EMOJI_TEXT}))
    (ex,) = r.extracts.values()
    assert ex.memos == (rs.Memo("presence is the resource", author="LK", title="Retroduction"),)
    assert ex.statement == "If boards meet in person, then trust grows, because ..."
    assert ex.codes == ()  # coded to the whole CMOC
    assert [e.cmoc_id for e in r.evidence.values()] == ["c1"]
    assert r.cmocs["c1"].memos == (rs.Memo("c1 needs a context", author="LK", title="CMOC memo"),)
    assert report.memos_added == 2
    assert report.notes_not_kept == ()


def test_pdf_without_text_pictures_unmatched_sources_are_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    pdf = (
        f'<PDFSource guid="{g(200)}" name="smith2020.pdf" path="internal://{g(200)}.pdf">'
        f'<PDFSelection guid="{g(201)}" page="1" firstX="1" firstY="1" secondX="9" secondY="9">'
        f'<Coding guid="{g(202)}"><CodeRef targetGUID="{g(2)}"/></Coding></PDFSelection>'
        "</PDFSource>"
    )
    unmatched = text_source(300, "Interview 7", selection(301, 0, 4, 2), inline="Some text")
    qde = project(CODES, pdf + unmatched)
    r = review()
    report = import_qdpx(r, write_qdpx(tmp_path / "p.qdpx", qde))
    assert report.selections == 2
    assert report.accounted == 2
    reasons = {s.where: s.reason for s in report.skipped}
    assert any("does not carry" in why for why in reasons.values())
    assert reasons["Interview 7@0-4"].startswith("source 'Interview 7' matches no record")
    assert not r.extracts
    # matched by a mapping file instead, the same selection imports
    mapping = tmp_path / "map.toml"
    mapping.write_text('[sources]\n"Interview 7" = "jones2021"\n', encoding="utf-8")
    report = import_qdpx(r, write_qdpx(tmp_path / "p.qdpx", qde), mapping=load_mapping(mapping))
    assert report.extracts_added == 1
    assert r.extracts[f"sel-{g(301)}"].text == "Some"


def test_add_sources_makes_records_and_doi_and_title_match(tmp_path: Path) -> None:
    by_doi = (
        f'<TextSource guid="{g(400)}" name="paper A"><Description>doi 10.1000/XYZ</Description>'
        f"<PlainTextContent>Alpha beta</PlainTextContent>"
        f"{selection(401, 0, 5, 2)}</TextSource>"
    )
    by_title = text_source(
        410, "Leading integrated care.docx", selection(411, 0, 4, 3), inline="Gamma"
    )
    new = text_source(420, "Focus group 2", selection(421, 0, 5, 7), inline="Delta")
    qde = project(CODES, by_doi + by_title + new)
    r = review()
    report = import_qdpx(r, write_qdpx(tmp_path / "p.qdpx", qde), add_sources=True)
    assert report.sources == {
        "paper A": "smith2020",
        "Leading integrated care.docx": "jones2021",
        "Focus group 2": "Focus-group-2",
    }
    assert r.records["Focus-group-2"].title == "Focus group 2"
    assert report.records_added == ("Focus-group-2",)


def test_add_cmocs_makes_a_cmoc_of_each_code_with_element_children(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    qde = project(
        code(20, "CMOC 7", code(21, "C"), code(22, "M-res")) + code(23, "Loose", code(24, "x")),
        text_source(100, "smith2020", selection(10, start, start + 37, 21, 24)),
    )
    path = write_qdpx(tmp_path / "p.qdpx", qde, {100: EMOJI_TEXT})
    plain = review()
    import_qdpx(plain, path)
    assert plain.extracts[f"sel-{g(10)}"].tags == ("CMOC 7/C", "Loose/x")
    r = review()
    report = import_qdpx(r, path, add_cmocs=True)
    assert report.cmocs_added == ("CMOC-7",)
    assert r.cmocs["CMOC-7"].label == "CMOC 7"
    ex = r.extracts[f"sel-{g(10)}"]
    assert (ex.codes, ex.tags) == (("C",), ("Loose/x",))
    assert [(e.cmoc_id, e.target_id) for e in r.evidence.values()] == [("CMOC-7", ex.id)]
    once = rs.dumps(r)
    again = import_qdpx(r, path, add_cmocs=True)
    assert again.cmocs_added == ()
    assert rs.dumps(r) == once


def test_two_sources_of_one_record_keep_the_first_text(tmp_path: Path) -> None:
    sources = text_source(300, "smith2020", selection(301, 0, 5, 2), inline="Alpha beta") + (
        text_source(310, "smith2020.pdf", selection(311, 0, 5, 3), inline="Gamma delta")
    )
    r = review()
    report = import_qdpx(r, write_qdpx(tmp_path / "p.qdpx", project(CODES, sources)))
    assert report.extracts_added == 2
    assert r.source_texts["smith2020"].text == "Alpha beta"
    assert report.texts_not_kept == (
        "source 'smith2020.pdf': record 'smith2020' keeps the text of 'smith2020'",
    )
    second = r.extracts[f"sel-{g(311)}"]
    assert second.text == "Gamma"
    assert second.span is not None
    assert second.span.source_hash != r.source_texts["smith2020"].sha256
    assert not r.problems()


def test_notes_with_no_place_in_the_review_are_named(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    qde = project(
        code(6, "Theme", code(7, "Being", notes=(60,))),
        text_source(100, "smith2020", selection(10, start, start + 37, 7)),
        note(60, "About being", "a theme memo"),
    )
    report = import_qdpx(review(), write_qdpx(tmp_path / "p.qdpx", qde, {100: EMOJI_TEXT}))
    assert report.notes_not_kept == ("'About being' on code Theme/Being",)


def test_a_code_deleted_from_the_codebook_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(tmp_path, selection(10, start, start + 37, 2, 999))
    r = review()
    report = import_qdpx(r, path)
    assert report.extracts_added == 1
    assert len(report.dropped_codings) == 1
    assert g(999) in report.dropped_codings[0]
    assert r.extracts[f"sel-{g(10)}"].codes == ("C",)


def test_refused_selections_refuse_the_whole_import(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(
        tmp_path,
        selection(10, start, start + 37, 2),  # fine
        selection(11, start, start + 37, 3, name="trust fell when boards met online"),
        selection(12, 0, 10_000, 2),  # beyond the text
        selection(13, 11, 12, 2),  # inside the first emoji's surrogate pair
    )
    r = review()
    before = rs.dumps(r)
    with pytest.raises(rs.CodingImportError) as caught:
        import_qdpx(r, path)
    problems = caught.value.problems
    assert len(problems) == 3
    assert "is not the source text at its offsets" in problems[0]
    assert all("do not fall on characters" in p for p in problems[1:])
    assert rs.dumps(r) == before  # nothing applied


def test_a_selection_may_not_move_an_extract_to_another_record(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(tmp_path, selection(10, start, start + 37, 2))
    r = review()
    r.add_extract(rs.CodedExtract(f"sel-{g(10)}", "jones2021", "other"))
    with pytest.raises(rs.CodingImportError, match="would move it"):
        import_qdpx(r, path)


def test_reimport_changes_nothing(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(tmp_path, selection(10, start, start + 37, 2, 7))
    r = review()
    import_qdpx(r, path)
    once = rs.dumps(r)
    report = import_qdpx(r, path)
    assert (report.extracts_added, report.extracts_changed, report.extracts_unchanged) == (0, 0, 1)
    assert report.links_added == 0
    assert rs.dumps(r) == once


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "sources/../../x", "C:/x", "a\\..\\b"]
)
def test_paths_leaving_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "evil.qdpx", {"project.qde": b"<Project/>", name: b"x"})
    with pytest.raises(rs.CodingFileError, match="would leave the project folder"):
        import_qdpx(review(), path)


def test_a_compression_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "bomb.qdpx", {"project.qde": b"<Project/>", "sources/a.txt": bytes(50 << 20)}
    )
    assert path.stat().st_size < 1 << 20
    with pytest.raises(rs.CodingFileError, match="compression bomb"):
        import_qdpx(review(), path)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>'
    )
    path = _zip(tmp_path / "x.qdpx", {"project.qde": laughs})
    with pytest.raises(rs.CodingFileError, match=r"not well-formed|forbidden|Entit"):
        import_qdpx(review(), path)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_our_errors(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.qdpx"
        path.write_bytes(data)
        with pytest.raises(rs.CodingFileError):
            import_qdpx(review(), path)
        qde = _zip(Path(folder) / "y.qdpx", {"project.qde": data})
        with contextlib.suppress(rs.CodingFileError, rs.CodingImportError):
            import_qdpx(review(), qde)


def test_mapping_file_meanings_and_errors(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "codes:\n  Theme/Being: {cmoc: c1, element: O, role: refines}\n  c1/C: {ignore: true}\n",
        encoding="utf-8",
    )
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(tmp_path, selection(10, start, start + 37, 2, 7))
    r = review()
    report = import_qdpx(r, path, mapping=load_mapping(mapping))
    assert report.codes["Theme/Being"] == "c1 / O (refines)"
    ex = r.extracts[f"sel-{g(10)}"]
    assert ex.codes == ("O",)
    assert [e.role.value for e in r.evidence.values()] == ["refines"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[codes]\n"Theme/Being" = { cmoc = "nope", element = "Q" }\n', encoding="utf-8")
    with pytest.raises(rs.CodingImportError, match="no CMOC 'nope'"):
        import_qdpx(review(), path, mapping=load_mapping(bad))
    bad.write_text("[codez]\n", encoding="utf-8")
    with pytest.raises(rs.CodingFileError, match="unknown section"):
        load_mapping(bad)


def test_cli_code_import_reports_and_saves(tmp_path: Path) -> None:
    start = utf16(EMOJI_TEXT[: EMOJI_TEXT.index(PASSAGE)])
    path = emoji_project(tmp_path, selection(10, start, start + 37, 2, 7))
    file = tmp_path / "r.json"
    rs.save(review(), file)
    result = CliRunner().invoke(cli, ["code", "import", str(file), str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["extracts_added"] == 1
    assert rs.load(file).extracts[f"sel-{g(10)}"].text == PASSAGE
    out = tmp_path / "back.qdpx"
    result = CliRunner().invoke(cli, ["code", "export", str(file), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert zipfile.ZipFile(out).namelist()[0] == "project.qde"
