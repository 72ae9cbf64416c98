"""The RAMESES report as a format-neutral document: sections of blocks.

:func:`build_report` turns a review into a :class:`Report`: one :class:`Section` per RAMESES
item, each holding the checklist assessment and the blocks the data provides (tables,
paragraphs, lists, an inline SVG figure). Renderers (:mod:`realistsynth.report.render`) turn
the same document into HTML or Markdown, so both formats always say the same thing.

Content that other capabilities compute (the flow diagram, the search appendix, formatted
references) comes in through :class:`ReportInputs`, so this module depends only on the core
model and stays testable on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import attrs

from realistsynth.model.labels import author_year_labels
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, OutcomeKind, TheoryVersion
from realistsynth.protocols import ReportingStandard
from realistsynth.report.rameses import ItemAssessment, assess
from realistsynth.report.standards import RAMESES
from realistsynth.synthesis.confidence import confidence_levels, confidence_of_version
from realistsynth.synthesis.data_appraisal import appraise_evidence
from realistsynth.synthesis.queries import MATRIX_CAPTION, contribution_matrix, evidence_record

__all__ = [
    "Block",
    "BulletList",
    "Figure",
    "Paragraph",
    "Report",
    "ReportInputs",
    "Section",
    "Table",
    "build_report",
    "record_labels",
]


@attrs.frozen
class Paragraph:
    """Plain text (never markup: renderers escape it)."""

    text: str


@attrs.frozen
class BulletList:
    """A list of plain-text items."""

    items: tuple[str, ...]


@attrs.frozen
class Table:
    """A table of plain-text cells."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Figure:
    """A self-contained SVG figure (trusted: produced by realistsynth, not from data)."""

    svg: str
    caption: str


Block = Paragraph | BulletList | Table | Figure


@attrs.frozen
class Section:
    """One RAMESES item: its checklist assessment and what the data shows for it."""

    assessment: ItemAssessment
    blocks: tuple[Block, ...]


@attrs.frozen
class Report:
    """The whole report."""

    title: str
    question: str | None
    sections: tuple[Section, ...]
    standard: str = "RAMESES publication standards: realist syntheses"
    citation: str | None = None
    #: the answer form: ``reported`` (publication standards) or ``met`` (quality standards)
    answer: str = "reported"
    #: the standard's rating levels, worst to best; empty: the standard rates nothing, and
    #: the report has no rating column
    ratings: tuple[str, ...] = ()


@attrs.frozen
class ReportInputs:
    """Content computed elsewhere that the report includes when given.

    :ivar flow_svg: the flow diagram as SVG text.
    :ivar search_appendix: blocks describing the search (dates, terms, sources ...).
    :ivar references: formatted reference-list entries, in order.
    :ivar citations: the in-text citation of each listed record (``{"booth2018": "(Booth et
        al., 2018)"}``): ``[@key]`` markers in report notes are written with them.
    :ivar reference_order: the listed records' ids in the reference list's order: the
        author-year labels of the report's tables take their a/b suffixes in this order, as
        the list does (see :func:`realistsynth.model.labels.author_year_labels`).
    """

    flow_svg: str | None = None
    flow_table: Table | None = None
    search_appendix: tuple[Block, ...] = ()
    references: tuple[str, ...] = ()
    extra: dict[str, tuple[Block, ...]] = attrs.field(factory=dict)
    citations: Mapping[str, str] = attrs.field(factory=dict)
    reference_order: tuple[str, ...] = ()


def cite_markers(text: str, citations: Mapping[str, str]) -> str:
    """``text`` with each ``[@key; @key2, p. 3]`` marker written as the in-text citations of
    its records, joined as one parenthetical; a marker naming a key with no citation is kept.

    >>> cite_markers("as argued [@b2018, p. 154]", {"b2018": "(Booth et al., 2018)"})
    'as argued (Booth et al., 2018, p. 154)'
    """
    from realistsynth.model.theory import CITATION_MARKER

    def one(match: re.Match[str]) -> str:
        parts = []
        for part in match[1].split(";"):
            key, _, locator = part.strip().lstrip("@").partition(",")
            cited = citations.get(key.strip())
            if cited is None:
                return match[0]
            inner = cited.strip()
            if inner.startswith("(") and inner.endswith(")"):
                inner = inner[1:-1]
            parts.append(f"{inner},{locator}" if locator.strip() else inner)
        return "(" + "; ".join(parts) + ")"

    return CITATION_MARKER.sub(one, text)


Labels = Mapping[str, str]


def _label(labels: Labels, record_id: str) -> str:
    return labels.get(record_id, record_id)


def _cmoc_text(cmoc: CMOC) -> str:
    parts = [
        ("C", cmoc.context),
        ("M-Res", cmoc.mechanism_resource),
        ("M-Rea", cmoc.mechanism_reasoning),
        ("O", cmoc.outcome),
    ]
    text = " ".join(f"{p} ({code})" for code, p in parts if p)
    return cmoc.statement or text


def _theme_name(review: Review, theme_id: str | None) -> str:
    if theme_id is None:
        return "-"
    framework = review.framework
    theme = framework.theme(theme_id) if framework else None
    return theme.name if theme else theme_id


def _cmoc_table(review: Review, version: TheoryVersion, labels: Labels) -> Table:
    appraisal = appraise_evidence(review)

    def caveat(link_id: str) -> str:
        # data judged not trustworthy stay visible, marked, and are not counted as support
        trust = appraisal[link_id].trust
        return "" if trust.counts else f" ({trust.label}, not counted)"

    rows = []
    for cid in version.cmoc_ids:
        cmoc = review.cmocs[cid]
        evidence = [e for e in review.evidence.values() if e.cmoc_id == cid]
        quotes = [
            f"“{review.quotations[e.target_id].text}” {_informant(review, e.target_id, labels)}"
            + caveat(e.id)
            for e in evidence
            if e.target.value == "quotation" and e.target_id in review.quotations
        ]
        sources = sorted(
            {
                _label(labels, rid) + caveat(e.id)
                for e in evidence
                if e.target.value != "quotation" and (rid := evidence_record(review, e)) is not None
            }
        )
        rows.append(
            (
                cmoc.label or cid,
                _theme_name(review, cmoc.theme_id),
                _cmoc_text(cmoc),
                "; ".join(sources) or "-",
                " ".join(quotes) or "-",
            )
        )
    return Table(
        f"CMOCs of {version.name}",
        ("CMOC", "Theme", "Configuration", "Evidence from sources", "Linked quotations"),
        tuple(rows),
    )


def _informant(review: Review, quotation_id: str, labels: Labels) -> str:
    quotation = review.quotations[quotation_id]
    if quotation.informant_id and quotation.informant_id in review.informants:
        return f"[{review.informants[quotation.informant_id].label}]"
    return _label(labels, quotation.record_id) if quotation.record_id else ""


def _findings(review: Review, labels: Labels) -> list[Block]:
    blocks: list[Block] = []
    for version in review.theory_versions.values():
        blocks.append(_cmoc_table(review, version, labels))
        if version.theme_statements:
            blocks.append(
                Table(
                    f"Programme theory by theme: {version.name}",
                    ("Theme", "Statement"),
                    tuple(
                        (_theme_name(review, s.theme_id), s.text) for s in version.theme_statements
                    ),
                )
            )
        blocks.extend(_confidence_blocks(review, version, labels))
    return blocks


def _confidence_blocks(review: Review, version: TheoryVersion, labels: Labels) -> list[Block]:
    """The confidence in each CMOC of a version, and its contribution matrix with the caption
    that counts of sources are not strength of evidence."""
    return _confidence_tables(review, version, labels) + _matrix_table(review, version, labels)


def _confidence_tables(review: Review, version: TheoryVersion, labels: Labels) -> list[Block]:
    """Per confidence approach used in a version: a summary table (the level and the judgement
    of each component per CMOC) and the rationale of every judgement."""
    blocks: list[Block] = []
    items = confidence_of_version(review, version.id)
    assessed = [i for i in items if i.assessment is not None]
    approaches = dict.fromkeys(i.assessment.approach for i in assessed if i.assessment)
    for name in approaches:
        approach = review.confidence_approaches.get(name)
        group = [i for i in assessed if i.assessment and i.assessment.approach == name]
        components = [c.id for c in approach.components] if approach else []
        titles = [c.name for c in approach.components] if approach else []

        def source(link_id: str) -> str:
            link = review.evidence.get(link_id)
            rid = evidence_record(review, link) if link else None
            return _label(labels, rid) if rid else link_id

        summary, reasons = [], []
        for item in group:
            a = item.assessment
            assert a is not None
            cmoc = item.cmoc.label or item.cmoc.id
            summary.append(
                (
                    cmoc,
                    a.level,
                    *((j.judgement if (j := a.judgement(c)) else "-") for c in components),
                    "; ".join(source(e) for e in a.disconfirming) or "-",
                )
            )
            reading = " (our reading)"
            if a.rationale:
                reasons.append((cmoc, "Overall", a.level, a.rationale + (reading * a.interpreted)))
            for j in a.components:
                component = approach.component(j.component) if approach else None
                reasons.append(
                    (
                        cmoc,
                        component.name if component else j.component,
                        j.judgement,
                        j.rationale + (reading * j.interpreted),
                    )
                )
        title = approach.title if approach else name
        blocks.append(
            Table(
                f"Confidence in the CMOCs of {version.name} ({title})",
                ("CMOC", "Confidence", *titles, "Disconfirming evidence considered"),
                tuple(summary),
            )
        )
        blocks.append(
            Table(
                f"Why: the judgement of each component ({title})",
                ("CMOC", "Component", "Judgement", "Rationale"),
                tuple(reasons),
            )
        )
    return blocks


def _matrix_table(review: Review, version: TheoryVersion, labels: Labels) -> list[Block]:
    """The contribution matrix with a confidence row and the caption that counts of
    sources are not strength of evidence."""
    blocks: list[Block] = []
    matrix = contribution_matrix(review, version.id)
    if matrix.cells:
        levels = confidence_levels(review, version.id)
        header = tuple(review.cmocs[c].label or c for c in matrix.columns)
        rows_m: list[tuple[str, ...]] = []
        for rid in matrix.rows:
            if not any(matrix.row(rid)):
                continue
            rows_m.append(
                (
                    _label(labels, rid),
                    *(
                        ("x" if matrix.counted(rid, c) else "(x)")
                        if matrix.contributes(rid, c)
                        else ""
                        for c in matrix.columns
                    ),
                )
            )
        counts = matrix.column_counts()
        rows_m.append(("Sources counted", *(str(counts[c]) for c in matrix.columns)))
        if levels:
            rows_m.append(("Confidence", *(levels.get(c, "-") for c in matrix.columns)))
        blocks.append(
            Table(
                f"Contribution of sources to the CMOCs of {version.name}. {MATRIX_CAPTION}",
                ("Source", *header),
                tuple(rows_m),
            )
        )
    return blocks


def _analysis(review: Review) -> list[Block]:
    blocks: list[Block] = []
    heuristic = review.heuristic
    if heuristic is not None:
        blocks.append(
            Table(
                f"Operational definitions ({heuristic.title})",
                ("Code", "Label", "Definition"),
                tuple((c.code, c.label, c.definition or "") for c in heuristic.codes),
            )
        )
    for refinement in review.refinements:
        rows = []
        for outcome in refinement.outcomes:
            targets = ", ".join(
                review.cmocs[t].label or t if t in review.cmocs else t for t in outcome.targets
            )
            prior = review.cmocs.get(outcome.cmoc_id)
            rows.append(
                (
                    prior.label or outcome.cmoc_id if prior else outcome.cmoc_id,
                    outcome.kind.value.replace("-", " "),
                    targets or "-",
                    outcome.rationale,
                )
            )
        counts = {k: sum(o.kind is k for o in refinement.outcomes) for k in OutcomeKind}
        summary = ", ".join(f"{n} {k.value.replace('-', ' ')}" for k, n in counts.items() if n)
        names = [
            review.theory_versions[v].name if v in review.theory_versions else v
            for v in (refinement.from_version, refinement.to_version)
        ]
        blocks.append(Paragraph(f"From {names[0]} to {names[1]}: {summary}."))
        blocks.append(
            Table(
                f"Refinement lineage: {names[0]} → {names[1]}",
                ("Prior CMOC", "Outcome", "Became", "Rationale"),
                tuple(rows),
            )
        )
    return blocks


def _characteristics(review: Review, labels: Labels) -> list[Block]:
    if not review.characteristics:
        return []
    fields = list(review.extraction_fields.values())
    rows = []
    for record_id, ch in review.characteristics.items():
        cells = []
        for f in fields:
            value = ch.values.get(f.name, "")
            cells.append(", ".join(value) if isinstance(value, tuple) else str(value))
        rows.append((_label(labels, record_id), *cells))
    return [
        Table(
            "Characteristics of included documents",
            ("Document", *(f.label for f in fields)),
            tuple(rows),
        )
    ]


def _extraction(review: Review) -> list[Block]:
    blocks: list[Block] = []
    if review.extraction_fields:
        blocks.append(
            Table(
                "Extraction form (study characteristics)",
                ("Field", "Type", "Allowed values"),
                tuple(
                    (f.label, f.type.value, ", ".join(f.allowed) or "-")
                    for f in review.extraction_fields.values()
                ),
            )
        )
    coded = len(review.extracts) + sum(1 for q in review.quotations.values() if q.codes)
    blocks.append(
        Paragraph(
            f"{len(review.characteristics)} record(s) with study characteristics; "
            f"{len(review.extracts)} coded extract(s); {len(review.quotations)} quotation(s), "
            f"{coded} item(s) coded with the configuration heuristic."
        )
    )
    return blocks


def _scoping(review: Review, labels: Labels) -> list[Block]:
    blocks: list[Block] = []
    if review.theory_documents:
        blocks.append(
            BulletList(
                tuple(
                    f"{_label(labels, d.record_id)}: {review.records[d.record_id].title or ''}"
                    f" ({d.kind.value})"
                    for d in review.theory_documents.values()
                    if d.record_id in review.records and d.kind.gleans_theory
                )
            )
        )
    if review.informants:
        blocks.append(
            Paragraph(
                f"{len(review.informants)} key informant(s) quoted: "
                + ", ".join(f"[{i.label}]" for i in review.informants.values())
                + "."
            )
        )
    return blocks


def _selection(review: Review) -> list[Block]:
    rows = []
    for stage in review.stages.values():
        how = {
            "records": "decisions per record",
            "declared": "declared counts only",
            "gate": "appraisal gate",
        }[stage.kind.value]
        if stage.gate is not None:
            how += f" ({stage.gate.criteria_set}: {stage.gate.criterion})"
        rows.append((stage.name, how, str(stage.required_reviewers)))
    blocks: list[Block] = []
    if rows:
        blocks.append(
            Table("Selection stages", ("Stage", "Outcome from", "Reviewers"), tuple(rows))
        )
    for cs in review.criteria_sets.values():
        blocks.append(
            Table(
                f"Appraisal criteria: {cs.title}",
                ("Criterion", "Question", "Judgements"),
                tuple((c.name, c.question, " / ".join(c.scale)) for c in cs.criteria),
            )
        )
    return blocks


def _objectives(review: Review) -> list[Block]:
    meta = review.meta
    blocks: list[Block] = []
    if meta.question:
        blocks.append(Paragraph(f"Review question: {meta.question}"))
    if meta.objectives:
        blocks.append(BulletList(meta.objectives))
    if meta.scope:
        blocks.append(Paragraph(meta.scope))
    return blocks


def _scoping_content(review: Review, inputs: ReportInputs, labels: Labels) -> list[Block]:
    return _scoping(review, labels)


def _consultations(review: Review) -> list[Block]:
    """Contact with experts and stakeholders (RAMESES item 8; RAMESES II items 12 and 14):
    the review's consultations, as recorded (issue 15's model)."""
    rows = []
    for c in review.consultations.values():
        groups = "; ".join(
            f"{g.count} {g.role}" if g.count is not None else g.role for g in c.participants
        )
        rows.append(
            (
                c.title,
                c.kind.value,
                str(c.date) if c.date else "-",
                groups or "-",
                c.feedback or "-",
            )
        )
    if not rows:
        return []
    return [
        Table(
            "Consultations with experts and stakeholders",
            ("Consultation", "Kind", "Date", "Participants", "What was fed back"),
            tuple(rows),
        )
    ]


def _appraisal(review: Review) -> list[Block]:
    """How data were appraised: judgements of documents and of data, and what the data-level
    appraisal means for the evidence."""
    documents = [j for j in review.judgements if not j.target.is_data]
    data = [j for j in review.judgements if j.target.is_data]
    if not data:
        return []
    appraisal = appraise_evidence(review)
    doubtful = sum(1 for a in appraisal.values() if not a.trust.counts)
    return [
        Paragraph(
            f"{len(documents)} judgement(s) of documents and {len(data)} judgement(s) of data "
            f"(coded extracts and evidence links). {doubtful} evidence link(s) rest on data "
            "judged not trustworthy or disputed: they are shown, marked, and not counted as "
            "support; their documents stay in the review."
        )
    ]


def _initial_theory(review: Review, labels: Labels) -> list[Block]:
    versions = [v for v in review.theory_versions.values() if v.kind.value == "initial"]
    return [_cmoc_table(review, v, labels) for v in versions]


#: the review content the report can place under an item, by topic (``StandardItem.shows``)
_CONTENT: dict[str, Callable[[Review, ReportInputs, Labels], Sequence[Block]]] = {
    "objectives": lambda r, i, labels: _objectives(r),
    "scoping": _scoping_content,
    "search": lambda r, i, labels: i.search_appendix,
    "consultations": lambda r, i, labels: _consultations(r),
    "selection": lambda r, i, labels: _selection(r),
    "appraisal": lambda r, i, labels: _appraisal(r),
    "initial-theory": lambda r, i, labels: _initial_theory(r, labels),
    "extraction": lambda r, i, labels: _extraction(r),
    "analysis": lambda r, i, labels: _analysis(r),
    "flow": lambda r, i, labels: [
        *([Figure(i.flow_svg, "Flow of documents through the review")] if i.flow_svg else []),
        *([i.flow_table] if i.flow_table else []),
    ],
    "characteristics": lambda r, i, labels: _characteristics(r, labels),
    "findings": lambda r, i, labels: _findings(r, labels),
    "funding": lambda r, i, labels: [Paragraph(r.meta.funding)] if r.meta.funding else [],
}


def record_labels(review: Review, inputs: ReportInputs) -> dict[str, str]:
    """Record id -> the author-year label the report's tables and lists show
    (``Department of Health and Social Care, 2022a``): told apart with a/b in the reference
    list's order, so that a table's "2022a" is the list's 2022a (one rule:
    :func:`realistsynth.model.labels.author_year_labels`).

    :param review: the review reported on.
    :param inputs: what was gathered for the report; its ``reference_order`` decides the
        letters.
    """
    return author_year_labels(review.records.values(), inputs.reference_order)


def build_report(
    review: Review,
    inputs: ReportInputs | None = None,
    standard: ReportingStandard = RAMESES,
) -> Report:
    """The report of ``review`` against ``standard`` (RAMESES by default): one section per
    item, in the standard's order, with what the data suggest and what a person confirmed."""
    inputs = inputs or ReportInputs()
    labels = record_labels(review, inputs)
    sections = []
    for assessment in assess(review, standard):
        key = assessment.item.key
        blocks: list[Block] = []
        for topic in assessment.item.shows:
            content = _CONTENT.get(topic)
            if content is not None:
                blocks.extend(content(review, inputs, labels))
        blocks.extend(inputs.extra.get(key, ()))
        note = review.report_notes.get(key)
        if note:
            blocks.insert(0, Paragraph(cite_markers(note, inputs.citations)))
        sections.append(Section(assessment, tuple(blocks)))
    if inputs.references:
        references = Section(_references_assessment(), (BulletList(inputs.references),))
        sections.append(references)
    return Report(
        review.meta.title,
        review.meta.question,
        tuple(sections),
        standard.title,
        standard.citation,
        standard.answer,
        standard.ratings,
    )


def _references_assessment() -> ItemAssessment:
    from realistsynth.report.rameses import Coverage, RamesesItem

    item = RamesesItem("", "references", "References", "References", "The documents cited.")
    return ItemAssessment(item, Coverage.PROVIDED, ("formatted reference list",), ())
