"""Build the worked example's programme theory through realistsynth's public API.

The review is Knight, Neiva Ganga & Tucker (2024), *Integrated care system leadership: a rapid
realist review*; its published data are transcribed in ``data/`` (see ``data/README.md``).
This module turns those files into a :class:`realistsynth.Review`:

* :func:`add_records` - the 22 full-text records and the 11 policy documents (a minimal reader
  of the two RIS files, enough for ids, titles, authors, years; the worked-example script may
  use the RIS importer plugin instead and then call the other steps);
* :func:`add_selection` - the realist appraisal gates (relevance, richness, rigour) with the
  judgements of ``theory.toml``, so that the 18 included sources are *computed*;
* :func:`add_theory` - the Dalkin heuristic with Table 1's definitions, the Doing Things
  Differently framework, key informants and their quotations, the 9 initial and 6 refined
  CMOCs, both theory versions with their theme statements, the refinement with its lineage,
  and the evidence: quotations for the initial CMOCs, Supplementary File 1 for the refined.

:func:`build_review` does all three. Run this file to print the theory, its diff and lint::

    python examples/ics-leadership/build_theory.py [OUT.json]
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path
from typing import Any

import realistsynth as rs

__all__ = [
    "DATA",
    "INITIAL_VERSION",
    "REFINED_VERSION",
    "add_records",
    "add_selection",
    "add_theory",
    "build_review",
    "initial_id",
    "matrix_rows",
    "read_ris",
    "refined_id",
]

#: The transcribed data of the worked example.
DATA = Path(__file__).resolve().parent / "data"
INITIAL_VERSION = "irpt"
REFINED_VERSION = "ipt"

_OUTCOMES = {
    "supported_unchanged": rs.OutcomeKind.SUPPORTED_UNCHANGED,
    "supported_refined": rs.OutcomeKind.SUPPORTED_REFINED,
    "merged_into": rs.OutcomeKind.MERGED_INTO,
    "split_into": rs.OutcomeKind.SPLIT_INTO,
    "no_evidence": rs.OutcomeKind.NO_EVIDENCE,
    "refuted": rs.OutcomeKind.REFUTED,
}
_RIS_TYPES = {"JOUR": "article-journal", "RPRT": "report"}
# the appraisal levels of the built-in realist criteria set for the paper's pass / fail
_LEVELS = {
    "relevance": {"pass": "relevant", "fail": "not relevant"},
    "richness": {"pass": "conceptually rich", "fail": "thin"},
    "rigour": {"pass": "trustworthy", "fail": "not trustworthy"},
}


def initial_id(number: int) -> str:
    """The id of initial CMOC ``number`` (``initial-3``)."""
    return f"initial-{number}"


def refined_id(number: int) -> str:
    """The id of refined CMOC ``number`` (``refined-3``)."""
    return f"refined-{number}"


def _toml(name: str, data: Path) -> dict[str, Any]:
    with (data / name).open("rb") as handle:
        return tomllib.load(handle)


def read_ris(path: Path) -> list[dict[str, list[str]]]:
    """The entries of a small, well-formed RIS file as ``{tag: [values]}`` (example data only)."""
    entries: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if len(line) < 6 or line[2:6] != "  - ":
            continue
        tag, value = line[:2], line[6:].strip()
        if tag == "ER":
            entries.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    return entries


def _record(entry: dict[str, list[str]]) -> rs.Record:
    def one(tag: str) -> str | None:
        return entry.get(tag, [None])[0]

    def name(text: str) -> rs.Name:
        family, _, given = text.partition(", ")
        return rs.Name(family=family, given=given or None) if given else rs.Name(literal=text)

    year = one("PY")
    pages = "-".join(p for p in (one("SP"), one("EP")) if p) or None
    return rs.Record(
        id=entry["ID"][0],
        type=_RIS_TYPES.get(entry["TY"][0], "document"),
        title=one("TI"),
        authors=[name(a) for a in entry.get("AU", [])],
        issued=rs.PartialDate(int(year)) if year else None,
        container_title=one("T2"),
        volume=one("VL"),
        issue=one("IS"),
        pages=pages,
        doi=one("DO"),
        publisher=one("PB"),
    )


def add_records(review: rs.Review, data: Path = DATA) -> None:
    """Add the 22 full-text records and the 11 policy documents (theory documents)."""
    review.add_records(_record(e) for e in read_ris(data / "full-text-records.ris"))
    for entry in read_ris(data / "policy-documents.ris"):
        record = _record(entry)
        review.add_record(record)
        review.add_theory_document(rs.TheoryDocument(record.id, rs.TheoryDocumentKind.POLICY))


def add_selection(review: rs.Review, data: Path = DATA) -> None:
    """Add the declared screening counts and the relevance, richness and rigour gates."""
    theory = _toml("theory.toml", data)
    for initials, name in (("LK", "L. Knight"), ("RG", "R. Neiva Ganga"), ("MT", "M. Tucker")):
        if initials not in review.reviewers:
            review.add_reviewer(rs.Reviewer(initials, name=name))
    manager = rs.get_plugin_manager(load_entry_points=False)
    criteria = manager.criteria_set("realist-rrr")
    review.adopt_criteria_set(criteria)
    declared = {d["stage"]: d for d in theory["declared_count"]}
    # only counts survive of the two screening stages; the relevance count (22) is declared on
    # the relevance gate, whose records are kept, so it is checked against them
    for key, name in (
        ("title_abstract_screening", "Title and abstract screening"),
        ("full_text_screening", "Full-text screening"),
    ):
        stage_id = key.replace("_", "-")
        review.add_stage(rs.ScreeningStage(stage_id, name, rs.StageKind.DECLARED))
        review.declare_count(rs.DeclaredCount(stage_id, "entered", declared[key]["count"]))
    for criterion in ("relevance", "richness", "rigour"):
        review.add_stage(
            rs.ScreeningStage(
                criterion,
                f"{criterion.capitalize()} appraisal",
                rs.StageKind.GATE,
                gate=rs.GateCriterion(criteria.name, criterion),
            )
        )
    review.declare_count(
        rs.DeclaredCount(
            "relevance",
            "entered",
            declared["relevance_appraisal"]["count"],
            note=declared["relevance_appraisal"]["sentence"],
        )
    )
    for appraisal in theory["appraisal"]:
        for criterion, levels in _LEVELS.items():
            if criterion in appraisal:
                for reviewer in ("LK", "RG"):
                    review.add_judgement(
                        rs.Judgement(
                            appraisal["record"],
                            criteria.name,
                            criterion,
                            levels[appraisal[criterion]],
                            reviewer,
                            rationale="As reported in the paper's Search Results section.",
                        )
                    )


def matrix_rows(data: Path = DATA) -> list[dict[str, str]]:
    """The rows of Supplementary File 1 (``Source``, ``CMOC 1`` ... ``CMOC 6``, ``record_key``)."""
    with (data / "supplementary-file-1.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cmoc(number: int, entry: dict[str, Any], cmoc_id: str) -> rs.CMOC:
    return rs.CMOC(
        id=cmoc_id,
        context=entry["context"],
        mechanism_resource=entry["mechanism_resource"],
        mechanism_reasoning=entry["mechanism_reasoning"],
        outcome=entry["outcome"],
        theme_id=entry["theme"],
        label=f"CMOC {number}",
        statement=entry["full_text"],
        narrative=entry.get("narrative"),
    )


def add_theory(review: rs.Review, data: Path = DATA) -> None:
    """Add heuristic, framework, informants, quotations, CMOCs, versions, refinement, evidence.

    The records must be in the review already (:func:`add_records`).
    """
    theory = _toml("theory.toml", data)
    quotations = _toml("key-informant-quotations.toml", data)["quotation"]
    manager = rs.get_plugin_manager(load_entry_points=False)

    # Table 1 defines context, mechanism (resource and reasoning together) and outcome
    table1 = {d["code"]: d["text"] for d in theory["operational_definition"]}
    review.set_heuristic(
        manager.heuristic("dalkin").with_definitions(
            {
                "C": table1["Context"],
                "M-Res": table1["Mechanism"],
                "M-Rea": table1["Mechanism"],
                "O": table1["Outcome"],
            }
        )
    )
    review.adopt_framework(manager.framework("doing-things-differently"))

    for number in dict.fromkeys(q["informant"] for q in quotations):
        review.add_informant(
            rs.Informant(number, f"[{number}]", role="ICS senior leader (key informant)")
        )
    for q in quotations:
        review.add_quotation(
            rs.Quotation(
                q["id"],
                q["text"],
                informant_id=q["informant"],
                location=rs.Location(section="Supplementary File 2, Linked Quotations"),
            )
        )

    initial = [_cmoc(c["number"], c, initial_id(c["number"])) for c in theory["initial_cmoc"]]
    refined = [_cmoc(c["number"], c, refined_id(c["number"])) for c in theory["refined_cmoc"]]
    for cmoc in initial + refined:
        review.add_cmoc(cmoc)

    irpt = {t["theme"]: t["text"] for t in theory["initial_theory"]}
    review.add_theory_version(
        rs.TheoryVersion(
            INITIAL_VERSION,
            "Initial rough programme theory",
            rs.VersionKind.INITIAL,
            cmoc_ids=[c.id for c in initial],
            theme_statements=[
                rs.ThemeStatement(s["theme"], irpt[s["initial_theory"]])
                for s in theory["initial_theme_statement"]
            ],
            note="Supplementary File 2",
        )
    )
    review.add_theory_version(
        rs.TheoryVersion(
            REFINED_VERSION,
            "Refined programme theory",
            rs.VersionKind.REFINED,
            cmoc_ids=[c.id for c in refined],
            theme_statements=[
                rs.ThemeStatement(s["theme"], s["text"])
                for s in sorted(theory["theme_statement"], key=lambda s: s["table_order"])
            ],
            note="Phase 1b; Table 2",
        )
    )
    review.refine(
        rs.Refinement(
            INITIAL_VERSION,
            REFINED_VERSION,
            [
                rs.RefinementOutcome(
                    initial_id(r["initial"]),
                    _OUTCOMES[r["outcome"]],
                    r["rationale"],
                    targets=[refined_id(t) for t in r["targets"]],
                )
                for r in theory["refinement"]
            ],
            note=theory["refinement_summary"]["statement"],
        )
    )

    for q in quotations:
        review.add_evidence(
            rs.EvidenceLink(
                f"ev-{q['id']}",
                initial_id(q["initial_cmoc"]),
                rs.EvidenceTarget.QUOTATION,
                q["id"],
                rs.EvidenceRole.SUPPORTS,
                note="Supplementary File 2, Linked Quotations",
            )
        )
    for row in matrix_rows(data):
        for number in range(1, 7):
            if row[f"CMOC {number}"].strip().lower() == "x":
                review.add_evidence(
                    rs.EvidenceLink(
                        f"ev-{row['record_key']}-{number}",
                        refined_id(number),
                        rs.EvidenceTarget.RECORD,
                        row["record_key"],
                        rs.EvidenceRole.SUPPORTS,
                        note=f"Supplementary File 1, row {row['Source']}",
                    )
                )


def build_review(data: Path = DATA) -> rs.Review:
    """The worked example review: records, selection and the programme theory."""
    review = rs.Review.new(
        "Integrated care system leadership: a rapid realist review",
        review_type=rs.ReviewType.RAPID_REALIST_REVIEW,
    )
    # the paper states objectives, not a question (Introduction)
    review.update_meta(
        objectives=(
            "To create an initial rough programme theory (IRPT) based on a scoping review of "
            "strategies and guidance relating to the implementation and purpose of ICSs and "
            "initial stakeholder interviews with key informants",
            "To develop the initial rough programme theory into a refined programme theory "
            "based on empirical data published in the academic literature",
        )
    )
    add_records(review, data)
    add_selection(review, data)
    add_theory(review, data)
    return review


def _main(argv: list[str]) -> None:
    from realistsynth.synthesis import diff_versions, lint

    review = build_review()
    print(diff_versions(review, INITIAL_VERSION, REFINED_VERSION).render())
    for finding in lint(review):
        print(finding)
    if argv:
        rs.save(review, argv[0])
        print(f"saved {argv[0]}")


if __name__ == "__main__":
    _main(sys.argv[1:])
