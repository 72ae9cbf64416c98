"""The whole synthesis from the shell: a small review built with the CLI alone equals the same
review built with the Python API, and the commands refuse what the model refuses."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli

SOURCE = "Leaders said 😀 that trust grew when boards met in person.\nOther text."
PASSAGE = "trust grew when boards met in person."


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr + result.stdout
    return result.stdout


def fail(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 1, result.stdout
    return result.stderr


def build_with_cli(tmp_path: Path) -> Path:
    path = tmp_path / "r.json"
    ris = tmp_path / "a.ris"
    ris.write_text(
        "TY  - JOUR\nTI  - Boards and trust\nAU  - Smith, J\nPY  - 2020\nER  - \n",
        encoding="utf-8",
    )
    src = tmp_path / "smith.txt"
    src.write_text(SOURCE, encoding="utf-8", newline="")
    run("new", str(path), "--title", "ICS leadership")
    run("team", "add", str(path), "LK", "--name", "L. Knight", "--role", "lead")
    run("team", "add", str(path), "GW", "--name", "G. Wong")
    run("team", "add", str(path), "XX")
    run("team", "remove", str(path), "XX")
    run("import", str(path), str(ris))
    run("extract", "heuristic", str(path), "dalkin", "--define", "C=A situation")
    run("theory", "framework", str(path), "doing-things-differently")
    run("extract", "source", str(path), "--record", "smith2020", str(src), "--name", "smith")
    start = SOURCE.index(PASSAGE) + 1  # the emoji is two UTF-16 units
    out = run(
        "extract", "add", str(path), "--record", "smith2020", "--start", str(start),
        "--end", str(start + len(PASSAGE)), "--unit", "utf-16", "--code", "C", "--code", "O",
        "--tag", "Theme/being", "--coder", "LK", "--memo", "face to face matters", "--json",
    )  # fmt: skip
    assert json.loads(out)["text"] == PASSAGE
    run("cmoc", "add", str(path), "c1", "--context", "Boards meet", "--outcome", "Trust",
        "--theme", "being", "--memo", "retroduction: trust needs presence")  # fmt: skip
    run("cmoc", "add", str(path), "c2", "--statement", "If leaders listen, then staff engage")
    run("theory", "new-version", str(path), "irpt", "--name", "Initial", "--cmoc", "c1")
    run("cmoc", "edit", str(path), "c2", "--version", "irpt", "--label", "listening")
    run("extract", "add", str(path), "--record", "smith2020", "--text", "Boards met monthly.",
        "--statement", "If boards meet monthly, then trust grows, because ...", "--cmoc", "c1",
        "--role", "refines", "--coder", "GW")  # fmt: skip
    run("cmoc", "link", str(path), "c1", "--extract", "ex-1", "--role", "supports",
        "--note", "direct")  # fmt: skip
    run("cmoc", "link", str(path), "c2", "--record", "smith2020", "--quote", "We listened.",
        "--page", "4", "--role", "refutes")  # fmt: skip
    run("cmoc", "add", str(path), "r1", "--context", "Boards meet in person", "--outcome", "Trust")
    run("theory", "new-version", str(path), "rpt", "--name", "Refined", "--kind", "refined",
        "--cmoc", "r1")  # fmt: skip
    run("theory", "refine", str(path), "irpt", "rpt",
        "--outcome", "c1", "supported-refined", "r1", "in person, not online",
        "--outcome", "c2", "no-evidence", "-", "nothing found")  # fmt: skip
    run("theory", "set-narrative", str(path), "r1", "Trust grew [@smith2020].")
    run("theory", "set-narrative", str(path), "being", "Leaders are present.", "--version", "rpt")
    return path


def build_with_api() -> tuple[rs.Review, rs.PluginManager]:
    plugins = rs.get_plugin_manager()
    review = rs.Review.new("ICS leadership")
    review.add_reviewer(rs.Reviewer("LK", name="L. Knight", role="lead"))
    review.add_reviewer(rs.Reviewer("GW", name="G. Wong"))
    return review, plugins


def test_cli_builds_the_same_review_as_the_api(tmp_path: Path) -> None:
    built = rs.load(build_with_cli(tmp_path))
    review, plugins = build_with_api()
    # the record as the RIS importer made it, with its provenance: taken from the CLI's review
    review.add_record(built.records["smith2020"])
    review.set_heuristic(plugins.heuristic("dalkin").with_definitions({"C": "A situation"}))
    review.adopt_framework(plugins.framework("doing-things-differently"))
    source = rs.SourceText("smith2020", SOURCE, name="smith")
    review.set_source_text(source)
    start = SOURCE.index(PASSAGE) + 1
    review.add_extract(
        rs.CodedExtract(
            "ex-1",
            "smith2020",
            PASSAGE,
            codes=["C", "O"],
            coder="LK",
            tags=["Theme/being"],
            memos=[rs.Memo("face to face matters", author="LK")],
            span=rs.TextSpan(source.sha256, start, start + len(PASSAGE), rs.OffsetUnit.UTF16),
        )
    )
    review.add_cmoc(
        rs.CMOC(
            "c1",
            context="Boards meet",
            outcome="Trust",
            theme_id="being",
            memos=[rs.Memo("retroduction: trust needs presence")],
        )
    )
    review.add_cmoc(rs.CMOC("c2", statement="If leaders listen, then staff engage"))
    review.add_theory_version(rs.TheoryVersion("irpt", "Initial", cmoc_ids=["c1"]))
    review.add_cmoc(
        rs.CMOC("c2", statement="If leaders listen, then staff engage", label="listening"),
        replace=True,
    )
    review.replace_theory_version(rs.TheoryVersion("irpt", "Initial", cmoc_ids=["c1", "c2"]))
    review.add_extract(
        rs.CodedExtract(
            "ex-2",
            "smith2020",
            "Boards met monthly.",
            coder="GW",
            statement="If boards meet monthly, then trust grows, because ...",
        )
    )
    review.add_evidence(
        rs.EvidenceLink("ev-1", "c1", rs.EvidenceTarget.EXTRACT, "ex-2", rs.EvidenceRole.REFINES)
    )
    review.add_evidence(
        rs.EvidenceLink(
            "ev-2", "c1", rs.EvidenceTarget.EXTRACT, "ex-1", rs.EvidenceRole.SUPPORTS, "direct"
        )
    )
    review.add_extract(
        rs.CodedExtract("ex-3", "smith2020", "We listened.", location=rs.Location(page="4"))
    )
    review.add_evidence(
        rs.EvidenceLink("ev-3", "c2", rs.EvidenceTarget.EXTRACT, "ex-3", rs.EvidenceRole.REFUTES)
    )
    review.add_cmoc(rs.CMOC("r1", context="Boards meet in person", outcome="Trust"))
    review.add_theory_version(
        rs.TheoryVersion("rpt", "Refined", rs.VersionKind.REFINED, cmoc_ids=["r1"])
    )
    review.refine(
        rs.Refinement(
            "irpt",
            "rpt",
            [
                rs.RefinementOutcome(
                    "c1", rs.OutcomeKind.SUPPORTED_REFINED, "in person, not online", ["r1"]
                ),
                rs.RefinementOutcome("c2", rs.OutcomeKind.NO_EVIDENCE, "nothing found"),
            ],
        )
    )
    review.add_cmoc(
        rs.CMOC(
            "r1",
            context="Boards meet in person",
            outcome="Trust",
            narrative="Trust grew [@smith2020].",
        ),
        replace=True,
    )
    review.replace_theory_version(
        rs.TheoryVersion(
            "rpt",
            "Refined",
            rs.VersionKind.REFINED,
            cmoc_ids=["r1"],
            theme_statements=[rs.ThemeStatement("being", "Leaders are present.")],
        )
    )
    # equal as data, and as the project file's bytes
    built_doc = built.to_document()
    api_doc = review.to_document()
    assert built_doc.extracts == api_doc.extracts
    assert built_doc.cmocs == api_doc.cmocs
    assert built_doc.evidence == api_doc.evidence
    assert built == review
    assert rs.dumps(built) == rs.dumps(review)


def test_extract_list_json_gives_ids_records_text_offsets_codes(tmp_path: Path) -> None:
    path = build_with_cli(tmp_path)
    data = json.loads(run("extract", "list", str(path), "--json"))
    first = data[0]
    assert first["id"] == "ex-1"
    assert first["record"] == "smith2020"
    assert first["text"] == PASSAGE
    assert first["codes"] == ["C", "O"]
    assert first["offsets"]["unit"] == "utf-16"
    assert first["offsets"]["end"] - first["offsets"]["start"] == len(PASSAGE)
    shown = json.loads(run("cmoc", "show", str(path), "c1", "--json"))
    assert {e["quotation"] for e in shown["evidence"]} == {PASSAGE, "Boards met monthly."}
    assert shown["versions"] == ["irpt"]


def test_commands_refuse_what_the_model_refuses_and_leave_the_file_alone(tmp_path: Path) -> None:
    path = build_with_cli(tmp_path)
    run("theory", "new-version", str(path), "v3", "--name", "Third", "--kind", "iteration")
    before = path.read_bytes()
    assert "unknown record 'nope'" in fail(
        "extract", "add", str(path), "--record", "nope", "--text", "x"
    )
    assert "not one of" in fail(
        "extract", "add", str(path), "--record", "smith2020", "--text", "x", "--code", "Q"
    )
    # a CMOC link that fails leaves no half-added extract behind
    fail("extract", "add", str(path), "--record", "smith2020", "--text", "x", "--cmoc", "zz")
    # offsets that do not fall on the quoted text are refused
    assert "does not match" in fail(
        "extract", "add", str(path), "--record", "smith2020", "--text", "Leaders",
        "--start", "1", "--end", "8",
    )  # fmt: skip
    assert "cannot leave" in fail("team", "remove", str(path), "LK")
    assert "already exists" in fail(
        "theory", "refine", str(path), "irpt", "rpt", "--outcome", "c1", "refuted", "-", "why"
    )
    assert "unaccounted" in fail("theory", "refine", str(path), "rpt", "v3")
    assert "takes 1 target" in fail(
        "theory", "refine", str(path), "rpt", "v3", "--outcome", "r1", "merged-into", "-", "why"
    )
    assert "not a valid id" in fail("cmoc", "add", str(path), "a b", "--outcome", "x")
    assert path.read_bytes() == before
