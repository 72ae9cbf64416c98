"""Lint of a programme theory: what a careful reader of the CMOC tables would flag.

The review's invariants (:mod:`realistsynth.model.checks`) refuse what is *wrong* (an evidence
link to an unknown record, a refinement that loses a CMOC). The lint reports what is merely
*suspicious* and needs a reviewer's judgement, and can only be found by reading the texts:

``cited-without-evidence`` (warning)
    a narrative cites ``[@key]`` but no evidence link ties that record to the CMOC;
``evidence-not-cited`` (warning)
    an evidence link ties a record to a CMOC whose narrative does not cite it;
``unresolved-citation`` (error)
    a ``[@key]`` marker names no record of the review;
``unknown-informant`` (error)
    a narrative quotes an informant marker such as ``[4]`` that no informant carries, or a
    quotation names an informant the review does not hold (only in a review loaded leniently);
``outside-framework`` (error) / ``unthemed`` (warning)
    a CMOC's theme is not a theme of the framework / a CMOC of a version has no theme although
    the framework has themes;
``missing-theme-statement`` (warning)
    a version has CMOCs under a theme but states no programme theory for it;
``no-evidence`` (warning)
    a CMOC of a version has no evidence link at all;
``supports-nothing`` (warning)
    an included source contributes to no CMOC of the current (last) version;
``evidence-from-excluded`` (warning)
    evidence comes from a record that selection did not include (nor is a theory document);
``not-in-any-version`` (info)
    a CMOC belongs to no theory version;
``outcome-mismatch`` (warning)
    a refinement outcome that the CMOC texts contradict: ``supported`` (unchanged) into a CMOC
    whose parts differ, ``revised`` into an identical one, or ``merged`` into a CMOC
    that nothing else of that refinement merges into.

``confidence-without-evidence`` (error)
    a CMOC has a confidence level but no supporting evidence that counts (none at all, or only
    data judged not trustworthy);
``high-on-untrusted`` (warning)
    a CMOC rated at its approach's highest level rests, in part, on data judged not
    trustworthy or disputed;
``refutation-unaddressed`` (warning)
    a datum refutes an assessed CMOC but the assessment neither lists it as disconfirming
    evidence considered nor mentions it in any rationale.

``link-without-rationale`` (warning)
    a link between CMOCs says nothing of why it was drawn;
``feedback-loop-closes-nothing`` (info)
    a link is marked as a feedback loop but closes no cycle, so the mark can go;
``consultation-informs-nothing`` (info)
    a consultation neither helped build a theory version nor is cited by a refinement outcome:
    RAMESES asks how the input changed the theory.

Findings are plain values with a stable ``code`` so that a team can filter them, and a
``where`` id path like the invariants' errors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from attrs import frozen

from realistsynth.extensions import LintRule
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, EvidenceLink, OutcomeKind
from realistsynth.query.lint import Severity
from realistsynth.synthesis.confidence import confidence_of_version
from realistsynth.synthesis.diff import PARTS
from realistsynth.synthesis.queries import (
    cmocs_of,
    evidence_by_cmoc,
    evidence_record,
    included_records,
    latest_version,
    sources_supporting_nothing,
    themes_of,
)

__all__ = ["INFORMANT_MARKER", "LintFinding", "Severity", "lint"]

#: An informant marker in a narrative: ``[1]``, ``[12]`` (a citation marker starts with ``@``).
INFORMANT_MARKER = re.compile(r"\[(\d+)\]")


@frozen
class LintFinding:
    """One thing the lint found."""

    code: str
    severity: Severity
    message: str
    where: str
    cmoc_id: str | None = None
    record_id: str | None = None
    version_id: str | None = None

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.where}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str | None]:
        """Plain data for JSON."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "where": self.where,
            "cmoc": self.cmoc_id,
            "record": self.record_id,
            "version": self.version_id,
        }


def _citations(
    review: Review, cmoc: CMOC, links: tuple[EvidenceLink, ...], labels: set[str]
) -> list[LintFinding]:
    where = f"cmocs/{cmoc.id}"
    found = []
    cited = cmoc.cited_keys()
    linked = dict.fromkeys(rid for link in links if (rid := evidence_record(review, link)))
    for key in cited:
        if key not in review.records:
            found.append(
                LintFinding(
                    "unresolved-citation",
                    Severity.ERROR,
                    f"narrative cites [@{key}], which is no record of the review",
                    where,
                    cmoc.id,
                    key,
                )
            )
        elif key not in linked:
            found.append(
                LintFinding(
                    "cited-without-evidence",
                    Severity.WARNING,
                    f"narrative cites [@{key}] but no evidence link ties {key} to {cmoc.id}",
                    where,
                    cmoc.id,
                    key,
                )
            )
    if cmoc.narrative:
        for rid in linked:
            if rid not in cited:
                found.append(
                    LintFinding(
                        "evidence-not-cited",
                        Severity.WARNING,
                        f"evidence from {rid} is linked to {cmoc.id} but its narrative does "
                        "not cite it",
                        where,
                        cmoc.id,
                        rid,
                    )
                )
    for number in dict.fromkeys(INFORMANT_MARKER.findall(cmoc.narrative or "")):
        if number not in labels:
            found.append(
                LintFinding(
                    "unknown-informant",
                    Severity.ERROR,
                    f"narrative quotes informant [{number}], whom the review does not hold",
                    where,
                    cmoc.id,
                )
            )
    return found


def _themes(review: Review, cmoc: CMOC, in_version: bool) -> list[LintFinding]:
    where = f"cmocs/{cmoc.id}"
    framework = review.framework
    if cmoc.theme_id is not None and (framework is None or framework.theme(cmoc.theme_id) is None):
        name = framework.name if framework else "no framework"
        return [
            LintFinding(
                "outside-framework",
                Severity.ERROR,
                f"theme {cmoc.theme_id!r} is not a theme of {name}",
                where,
                cmoc.id,
            )
        ]
    if cmoc.theme_id is None and in_version and framework is not None and framework.themes:
        return [
            LintFinding(
                "unthemed",
                Severity.WARNING,
                f"no theme, although {framework.name} groups CMOCs by theme",
                where,
                cmoc.id,
            )
        ]
    return []


def _same_parts(a: CMOC, b: CMOC) -> bool:
    return all(getattr(a, p) == getattr(b, p) for p in PARTS)


def _outcomes(review: Review) -> list[LintFinding]:
    found = []
    for ref in review.refinements:
        base = f"refinements/{ref.from_version}->{ref.to_version}"
        merged = Counter(
            t for o in ref.outcomes if o.kind is OutcomeKind.MERGED_INTO for t in o.targets
        )
        for o in ref.outcomes:
            before = review.cmocs.get(o.cmoc_id)
            after = review.cmocs.get(o.targets[0]) if o.targets else None
            if before is None or after is None:
                continue  # the invariants report unknown CMOCs
            problem = None
            if o.kind is OutcomeKind.SUPPORTED_UNCHANGED and not _same_parts(before, after):
                problem = f"recorded as supported unchanged, but {after.id} differs from it"
            elif o.kind is OutcomeKind.SUPPORTED_REFINED and _same_parts(before, after):
                problem = f"recorded as refined, but {after.id} is identical to it"
            elif o.kind is OutcomeKind.MERGED_INTO and merged[after.id] < 2:
                problem = f"recorded as merged into {after.id}, but nothing else merges into it"
            if problem:
                found.append(
                    LintFinding(
                        "outcome-mismatch",
                        Severity.WARNING,
                        problem,
                        f"{base}/{o.cmoc_id}",
                        o.cmoc_id,
                        version_id=ref.to_version,
                    )
                )
    return found


def _confidence(review: Review) -> list[LintFinding]:
    found: list[LintFinding] = []
    for v in review.theory_versions.values():
        for item in confidence_of_version(review, v.id):
            a = item.assessment
            if a is None:
                continue
            where = f"confidence_assessments/{v.id}/{item.cmoc.id}"
            if not item.counted_support:
                found.append(
                    LintFinding(
                        "confidence-without-evidence",
                        Severity.ERROR,
                        f"confidence {a.level!r} but no supporting evidence that counts",
                        where,
                        item.cmoc.id,
                        version_id=v.id,
                    )
                )
            approach = review.confidence_approaches.get(a.approach)
            linked = {link.id for link in item.evidence} | set(a.evidence)
            doubtful = sorted(e for e in linked if not item.trust_of(e).counts)
            if approach is not None and a.level == approach.highest and doubtful:
                found.append(
                    LintFinding(
                        "high-on-untrusted",
                        Severity.WARNING,
                        f"rated {a.level!r} but rests on data judged not trustworthy or "
                        f"disputed: {', '.join(doubtful)}",
                        where,
                        item.cmoc.id,
                        version_id=v.id,
                    )
                )
            text = a.text
            for link in item.refuting:
                if link.id not in a.disconfirming and link.id not in text:
                    found.append(
                        LintFinding(
                            "refutation-unaddressed",
                            Severity.WARNING,
                            f"evidence {link.id} refutes this CMOC, but the assessment "
                            "neither lists it as disconfirming nor mentions it",
                            where,
                            item.cmoc.id,
                            evidence_record(review, link),
                            v.id,
                        )
                    )
    return found


def _graph(review: Review) -> list[LintFinding]:
    """Links between CMOCs and consultations: what is allowed but needs a second look."""
    found: list[LintFinding] = []
    for link in review.cmoc_links.values():
        where = f"cmoc_links/{link.id}"
        if not (link.rationale or "").strip():
            found.append(
                LintFinding(
                    "link-without-rationale",
                    Severity.WARNING,
                    f"{link.source} {link.kind} {link.target}: say why the link is drawn",
                    where,
                    link.source,
                    version_id=link.version_id,
                )
            )
        if link.feedback_loop and not _leads_back(review, link.version_id, link.kind, link.id):
            found.append(
                LintFinding(
                    "feedback-loop-closes-nothing",
                    Severity.INFO,
                    f"marked as a feedback loop, but {link.target} does not lead back to "
                    f"{link.source}",
                    where,
                    link.source,
                    version_id=link.version_id,
                )
            )
    cited = {c for r in review.refinements for o in r.outcomes for c in o.consultations}
    for c in review.consultations.values():
        if c.contributed_to is None and c.id not in cited:
            found.append(
                LintFinding(
                    "consultation-informs-nothing",
                    Severity.INFO,
                    "helped build no theory version and informs no refinement outcome",
                    f"consultations/{c.id}",
                )
            )
    return found


def _leads_back(review: Review, version_id: str, kind: str, link_id: str) -> bool:
    link = review.cmoc_links[link_id]
    edges: dict[str, list[str]] = {}
    for other in review.links_of(version_id):
        if other.kind == kind and other.id != link_id:
            edges.setdefault(other.source, []).append(other.target)
    seen, stack = {link.target}, [link.target]
    while stack:
        node = stack.pop()
        if node == link.source:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def lint(review: Review, rules: Iterable[LintRule] = ()) -> tuple[LintFinding, ...]:
    """Every finding for the review's CMOCs, versions and sources, in a stable order.

    :param review: the review.
    :param rules: more rules (plugins' ``realistsynth_lint_rules``), run after the built-in
        checks in the order given; a rule that raises, or yields something other than a
        :class:`LintFinding`, gives one ``error`` finding naming it, and the others still run.
    """
    found = list(_builtin_findings(review))
    for rule in rules:
        found.extend(_run_rule(review, rule))
    return tuple(found)


def _run_rule(review: Review, rule: LintRule) -> list[LintFinding]:
    try:
        findings = list(rule.check(review))
    except Exception as exc:  # a plugin's rule must not hide the other findings
        return [
            LintFinding(
                "rule-failed",
                Severity.ERROR,
                f"the lint rule {rule.name!r} failed: {type(exc).__name__}: {exc}",
                f"lint-rules/{rule.name}",
            )
        ]
    wrong = [f for f in findings if not isinstance(f, LintFinding)]
    if wrong:
        return [
            LintFinding(
                "rule-failed",
                Severity.ERROR,
                f"the lint rule {rule.name!r} yielded {wrong[0]!r:.60}, not a LintFinding",
                f"lint-rules/{rule.name}",
            )
        ]
    return findings


def _builtin_findings(review: Review) -> tuple[LintFinding, ...]:
    found: list[LintFinding] = []
    in_version = {cid for v in review.theory_versions.values() for cid in v.cmoc_ids}
    evidence = evidence_by_cmoc(review)
    labels = {i.label.strip("[] ") for i in review.informants.values()}
    for cmoc in review.cmocs.values():
        found += _citations(review, cmoc, evidence[cmoc.id], labels)
        found += _themes(review, cmoc, cmoc.id in in_version)
        if cmoc.id not in in_version:
            found.append(
                LintFinding(
                    "not-in-any-version",
                    Severity.INFO,
                    "belongs to no theory version",
                    f"cmocs/{cmoc.id}",
                    cmoc.id,
                )
            )
        elif not evidence[cmoc.id]:
            found.append(
                LintFinding(
                    "no-evidence",
                    Severity.WARNING,
                    "no evidence link points at this CMOC",
                    f"cmocs/{cmoc.id}",
                    cmoc.id,
                )
            )
    for q in review.quotations.values():
        if q.informant_id is not None and q.informant_id not in review.informants:
            found.append(
                LintFinding(
                    "unknown-informant",
                    Severity.ERROR,
                    f"quotation of informant {q.informant_id!r}, whom the review does not hold",
                    f"quotations/{q.id}",
                )
            )
    for v in review.theory_versions.values():
        for group in themes_of(review, v.id):
            if group.cmocs and group.theme_id is not None and group.statement is None:
                found.append(
                    LintFinding(
                        "missing-theme-statement",
                        Severity.WARNING,
                        f"{len(group.cmocs)} CMOC(s) under theme {group.theme_id!r} but no "
                        "statement of the theme",
                        f"theory_versions/{v.id}/theme_statements/{group.theme_id}",
                        version_id=v.id,
                    )
                )
    found += _outcomes(review)
    found += _confidence(review)
    found += _graph(review)
    current = latest_version(review)
    if current is not None and cmocs_of(review, current.id):
        for rid in sources_supporting_nothing(review, current.id):
            found.append(
                LintFinding(
                    "supports-nothing",
                    Severity.WARNING,
                    f"included source contributes to no CMOC of version {current.id!r}",
                    f"records/{rid}",
                    record_id=rid,
                    version_id=current.id,
                )
            )
    if review.stages:
        included = set(included_records(review))
        for link in review.evidence.values():
            source = evidence_record(review, link)
            if source and source not in included and source not in review.theory_documents:
                found.append(
                    LintFinding(
                        "evidence-from-excluded",
                        Severity.WARNING,
                        f"evidence from {source}, which selection did not include",
                        f"evidence/{link.id}",
                        link.cmoc_id,
                        source,
                    )
                )
    return tuple(found)
