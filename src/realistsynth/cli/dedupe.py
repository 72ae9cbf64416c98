"""``dedupe``: find duplicates, show the counts, and take the review queue through Excel.

``realistsynth dedupe REVIEW`` runs de-duplication and saves the links into the project file;
``dedupe review-export`` and ``dedupe review-import`` carry the uncertain pairs to reviewers and
their decisions back. The group takes REVIEW directly (``dedupe REVIEW``) as well as its
subcommands, because running is what the command is mostly for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, output_path, review_path

__all__ = ["dedupe"]


class _RunByDefault(click.Group):
    """A group whose first argument, if it is no subcommand, is the REVIEW of ``run``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_RunByDefault)
def dedupe() -> None:
    """Find duplicate records, or move the review queue through Excel.

    "realistsynth dedupe REVIEW" is short for "realistsynth dedupe run REVIEW".
    """


@dedupe.command("run")
@click.argument("path", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--dry-run", is_flag=True, help="Show what a run finds without saving the review.")
@click.option("--sure", type=float, default=None, help="Score from which a pair is merged.")
@click.option("--different", type=float, default=None, help="Score below which pairs differ.")
@handle_errors
def run(
    path: Path, as_json: bool, dry_run: bool, sure: float | None, different: float | None
) -> None:
    """Find duplicates in REVIEW, store the links, print the counts."""
    import realistsynth as rs
    from realistsynth.dedup import DedupSettings, deduplicate
    from realistsynth.dedup.counts import dedup_counts
    from realistsynth.selection.flow import compute_flow

    review = rs.load(path)
    defaults = DedupSettings()
    try:
        settings = DedupSettings(
            different=defaults.different if different is None else different,
            sure=defaults.sure if sure is None else sure,
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    from realistsynth.dedup.run import rules_with
    from realistsynth.plugins import get_plugin_manager

    rules = rules_with(get_plugin_manager().dedup_rules.values())
    result = deduplicate(review, settings, rules)
    if not dry_run:
        rs.save(review, path)
    counts = dedup_counts(review)
    flow = compute_flow(review)
    data: dict[str, Any] = {
        "file": str(path),
        "saved": not dry_run,
        "comparisons": result.comparisons,
        **counts.as_dict(),
        # what the flow diagram, the workbook and the report show (declared counts win there)
        "flow_identified": flow.identified,
        "flow_duplicates": flow.duplicates,
    }
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape
    from rich.table import Table

    title = f"De-duplication of {path.name}" + (" (dry run)" if dry_run else "")
    table = Table(title=escape(title), show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    rows = [
        ("records", counts.records),
        ("records identified", counts.identified),
        ("unique works", counts.unique),
        ("duplicates removed", counts.duplicates_removed),
        ("clusters", counts.clusters),
        ("queued", counts.queued),
        ("related", counts.related),
    ]
    if counts.repeated:
        rows.insert(1, ("re-imported copies", counts.repeated))
    for key, value in rows:
        table.add_row(key, str(value))
    for source, n in counts.per_source.items():
        table.add_row(f"identified in {escape(source)}", str(n))
    out = console()
    out.print(table)
    if counts.repeated:
        out.print(
            f"{counts.repeated} record(s) are copies read again from a file already imported: "
            "they are not counted as identified, nor as duplicates removed."
        )
    if (flow.identified, flow.duplicates) != (counts.identified, counts.duplicates_removed):
        shown = ["-" if n is None else str(n) for n in (flow.identified, flow.duplicates)]
        out.print(
            f"The flow diagram reports {shown[0]} identified and {shown[1]} duplicates removed "
            "(declared counts, or records not from a search): see `realistsynth flow`."
        )
    if counts.queued:
        out.print(
            f"{counts.queued} pair(s) need a reviewer: "
            f"realistsynth dedupe review-export {escape(str(path))} --out pairs.xlsx"
        )
    if dry_run:
        out.print(f"Dry run: nothing was saved; {escape(str(path))} is unchanged.")
    else:
        out.print(f"Saved the links to {escape(str(path))}.")


@dedupe.command("review-export")
@click.argument("path", type=review_path())
@click.option("--out", type=output_path(), required=True)
@click.option("--undecided", is_flag=True, help="Only pairs without a decision yet.")
@handle_errors
def review_export(path: Path, out: Path, undecided: bool) -> None:
    """Write the uncertain pairs of REVIEW to an .xlsx workbook for reviewers."""
    import realistsynth as rs
    from realistsynth.dedup.workbook import export_pairs

    review = rs.load(path)
    audit = export_pairs(review, out, include_decided=not undecided)
    console().print(f"Wrote {out}")
    for line in audit.warnings():
        console().print(f"[yellow]note:[/] {line}")


@dedupe.command("review-import")
@click.argument("path", type=review_path())
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def review_import(path: Path, workbook: Path, as_json: bool) -> None:
    """Apply the decisions in WORKBOOK to REVIEW (all or nothing) and save it."""
    import realistsynth as rs
    from realistsynth.dedup.counts import dedup_counts
    from realistsynth.dedup.workbook import import_pairs

    review = rs.load(path)
    changed = import_pairs(review, workbook)
    if changed:
        rs.save(review, path)
    counts = dedup_counts(review)
    if as_json:
        emit_json({"file": str(path), "changed": changed, **counts.as_dict()})
        return
    console().print(
        f"{changed} decision(s) applied; {counts.duplicates_removed} duplicate(s) removed, "
        f"{counts.queued} pair(s) still queued"
    )


@dedupe.command("explain")
@click.argument("path", type=review_path())
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def explain(path: Path, record_id: str, as_json: bool) -> None:
    """Show RECORD_ID's cluster and why: every link and decision that touches it."""
    import realistsynth as rs

    review = rs.load(path)
    cluster_id = review.cluster_id_of(record_id)
    members = review.clusters().get(cluster_id, [record_id])
    inside = set(members) | {record_id}
    links = [x for x in review.duplicate_links if inside & set(x.pair)]
    decisions = [d for d in review.pair_decisions if inside & set(d.pair)]
    data = {
        "record": record_id,
        "cluster": cluster_id,
        "members": members,
        "links": [
            {
                "pair": list(x.pair),
                "verdict": x.verdict.value,
                "rule": x.rule,
                "score": x.score,
                "field_scores": x.field_scores,
                "note": x.note,
            }
            for x in links
        ],
        "decisions": [
            {"pair": list(d.pair), "same": d.same, "reviewer": d.reviewer, "note": d.note}
            for d in decisions
        ],
    }
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(record_id)}[/] is in cluster [bold]{escape(cluster_id)}[/]:")
    for member in members:
        rec = review.records[member]
        out.print(f"  {escape(member)}: {escape(rec.label())} {escape(rec.title or '(no title)')}")
    for x in links:
        scores = ", ".join(f"{k} {v:.2f}" for k, v in x.field_scores.items())
        why = f": {escape(x.note)}" if x.note else ""
        line = (
            f"  {x.record_a} ~ {x.record_b}: {x.verdict.value} by rule {x.rule}, "
            f"score {x.score:.2f} ({scores})"
        )
        out.print(escape(line) + why)
    for d in decisions:
        verdict = "same" if d.same else "different"
        out.print(f"  {d.record_a} ~ {d.record_b}: decided {verdict} by {d.reviewer}")


@dedupe.command("decide")
@click.argument("path", type=review_path())
@click.argument("record_a")
@click.argument("record_b")
@click.argument("decision", type=click.Choice(["same", "different", "withdraw"]))
@click.option("--reviewer", help="Initials of the reviewer deciding (not for withdraw).")
@click.option("--note", help="Why.")
@handle_errors
def decide(
    path: Path,
    record_a: str,
    record_b: str,
    decision: str,
    reviewer: str | None,
    note: str | None,
) -> None:
    """Decide that two records are the same work or different works (or withdraw that).

    "different" is how a merge is undone for good: re-runs keep the two apart.
    """
    import realistsynth as rs

    review = rs.load(path)
    if decision == "withdraw":
        review.withdraw_pair_decision(record_a, record_b)
    else:
        if not reviewer:
            raise click.UsageError("--reviewer is required for a decision")
        review.decide_pair(
            rs.PairDecision.of(
                record_a, record_b, same=decision == "same", reviewer=reviewer, note=note
            )
        )
    rs.save(review, path)
    console().print(
        f"{record_a} is now in cluster {review.cluster_id_of(record_a)}, "
        f"{record_b} in cluster {review.cluster_id_of(record_b)}"
    )
