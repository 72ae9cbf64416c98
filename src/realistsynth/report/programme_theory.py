"""The report's view of the programme theory as a graph: the diagrams of the final theory and
of its refinement, the links between CMOCs, the middle-range theories, and consultations.

Consultations are shown where RAMESES asks about the people a review drew on: under *Scoping
the literature* (item 7) those that helped build the initial theory, under *Analysis and
synthesis processes* (item 11) those that tested or refined it, each with who took part (as
anonymised groups), the theory version shown, what they fed back and the refinement outcomes
they informed. The diagrams go under *Main findings* (item 14), where a review presents its
programme theory.
"""

from __future__ import annotations

from realistsynth.model.consultation import Consultation
from realistsynth.model.review import Review
from realistsynth.model.theory import VersionKind
from realistsynth.report.document import Block, Figure, Paragraph, Table

__all__ = ["programme_theory_blocks"]


def _participants(c: Consultation) -> str:
    groups = [
        f"{g.role} (n = {g.count if g.count is not None else 'not reported'})"
        for g in c.participants
    ]
    text = "; ".join(groups) or "not reported"
    if c.names_disclosed and c.participant_names:
        text += f": {', '.join(c.participant_names)}"
    return text


def _informed(review: Review, c: Consultation) -> str:
    parts = []
    if c.contributed_to and c.contributed_to in review.theory_versions:
        parts.append(f"built {review.theory_versions[c.contributed_to].name}")
    for _, outcome in review.outcomes_informed_by(c.id):
        cmoc = review.cmocs.get(outcome.cmoc_id)
        name = (cmoc.label or cmoc.id) if cmoc else outcome.cmoc_id
        parts.append(f"{name}: {outcome.kind.value.replace('-', ' ')}")
    return "; ".join(parts) or "-"


def _consultation_table(review: Review, consultations: list[Consultation], title: str) -> Table:
    rows = []
    for c in consultations:
        shown = review.theory_versions.get(c.version_shown) if c.version_shown else None
        rows.append(
            (
                c.title,
                c.kind.value.replace("-", " "),
                str(c.date) if c.date else "not reported",
                _participants(c),
                shown.name if shown else "-",
                c.feedback or "-",
                _informed(review, c),
            )
        )
    return Table(
        title,
        ("Consultation", "Kind", "When", "Participants", "Theory shown", "Fed back", "Informed"),
        tuple(rows),
    )


def _builds_initial(review: Review, c: Consultation) -> bool:
    version = review.theory_versions.get(c.contributed_to or "")
    return (
        version is not None
        and version.kind is VersionKind.INITIAL
        and not review.outcomes_informed_by(c.id)
    )


def _theories_table(review: Review) -> Table | None:
    if not review.middle_range_theories:
        return None
    framework = review.framework
    rows = []
    for t in review.middle_range_theories.values():
        uses = []
        for use in t.uses:
            if use.cmoc_id is not None:
                cmoc = review.cmocs.get(use.cmoc_id)
                target = (cmoc.label or cmoc.id) if cmoc else use.cmoc_id
            else:
                theme = framework.theme(use.theme_id or "") if framework else None
                target = f"theme {theme.name if theme else use.theme_id}"
            uses.append(f"{use.role.value.replace('-', ' ')}: {target}")
        citation = t.citation or (review.records[t.record_id].title if t.record_id else None)
        rows.append((t.name, citation or "-", t.description or "-", "; ".join(uses) or "-"))
    return Table(
        "Substantive and middle-range theories",
        ("Theory", "Citation", "About", "Used"),
        tuple(rows),
    )


def _links_table(review: Review, version_id: str) -> Table | None:
    links = review.links_of(version_id)
    if not links:
        return None
    kinds = review.link_kinds

    def name(cid: str) -> str:
        cmoc = review.cmocs.get(cid)
        return (cmoc.label or cmoc.id) if cmoc else cid

    rows = tuple(
        (
            name(link.source),
            (kinds[link.kind].title if link.kind in kinds else link.kind)
            + (" (feedback loop)" if link.feedback_loop else ""),
            name(link.target),
            ("Interpreted. " if link.interpreted else "") + (link.rationale or ""),
        )
        for link in links
    )
    return Table("Links between CMOCs", ("From", "Link", "To", "Rationale"), rows)


def programme_theory_blocks(review: Review) -> dict[str, tuple[Block, ...]]:
    """Blocks for the report's items, by item key (``scoping``, ``analysis``, ``findings``)."""
    from realistsynth.synthesis.graph import lineage_graph, theory_graph
    from realistsynth.synthesis.graph_svg import render_graph_svg

    out: dict[str, list[Block]] = {"scoping": [], "analysis": [], "findings": []}
    consultations = list(review.consultations.values())
    initial = [c for c in consultations if _builds_initial(review, c)]
    later = [c for c in consultations if c not in initial]
    if initial:
        out["scoping"].append(
            _consultation_table(review, initial, "Consultations that informed the initial theory")
        )
    if later:
        out["analysis"].append(
            _consultation_table(review, later, "Consultations that tested or refined the theory")
        )
    theories = _theories_table(review)
    if theories is not None:
        out["analysis"].append(theories)
    if review.theory_versions:
        final = list(review.theory_versions.values())[-1]
        out["findings"].append(
            Figure(
                render_graph_svg(theory_graph(review, final.id)), f"{final.name}: CMOCs by theme"
            )
        )
        links = _links_table(review, final.id)
        if links is not None:
            out["findings"].append(links)
        if review.refinements:
            out["findings"].append(
                Figure(
                    render_graph_svg(lineage_graph(review)),
                    "Refinement of the programme theory: what became of each CMOC",
                )
            )
        elif not review.refinements and len(review.theory_versions) > 1:
            out["findings"].append(Paragraph("No refinement between the versions is recorded."))
    return {key: tuple(blocks) for key, blocks in out.items() if blocks}
