"""A readable difference between two programme theory versions, CMOC by CMOC, part by part.

Which CMOC of the older version became which of the newer one is read from the lineage
(:mod:`realistsynth.synthesis.lineage`), so the two versions may be any number of refinements
apart. Each CMOC of the older version then falls in one class:

* **kept**: it leads to exactly one newer CMOC, which has no other origin, and no part differs;
* **changed**: the same, but some part differs;
* **merged**: the newer CMOC it leads to has several origins in the older version;
* **split**: it leads to two or more newer CMOCs;
* **refuted** / **not tested**: it leads to none, because evidence refuted it, or because no
  evidence was found either way (untested is not refuted, and neither is "dropped");
* **unaccounted**: it leads to none and no refinement records its fate (possible only between
  versions that no chain of refinements joins);

and a newer CMOC with no origin in the older version is **new**. A CMOC present in both
versions under the same id is its own successor.

The classes are derived from the graph, not copied from the recorded outcome kinds, so a diff
across several refinements still reads right; the recorded kinds and rationales of the first
step are reported beside them. The printed ``statement`` is compared only when a CMOC has no
parts (otherwise it repeats their differences). Parts are compared word by word with
:mod:`difflib` (CMOC parts are a sentence or two, so its quadratic worst case never matters).
"""

from __future__ import annotations

import difflib
import enum
from collections import deque

from attrs import frozen

from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, OutcomeKind
from realistsynth.synthesis.lineage import children, lineage_steps
from realistsynth.synthesis.queries import version

__all__ = [
    "PARTS",
    "ChangeKind",
    "CmocComparison",
    "DiffEntry",
    "PartDiff",
    "VersionDiff",
    "WordOp",
    "diff_versions",
    "word_diff",
]

#: The parts of a CMOC compared by a diff, in reading order.
PARTS: tuple[str, ...] = (
    "theme_id",
    "intervention",
    "context",
    "actor",
    "mechanism_resource",
    "mechanism_reasoning",
    "outcome",
    "statement",
)
_CORE_PARTS = ("context", "mechanism_resource", "mechanism_reasoning", "outcome")


class ChangeKind(enum.Enum):
    """What happened to a CMOC between two versions."""

    KEPT = "kept"
    CHANGED = "changed"
    MERGED = "merged"
    SPLIT = "split"
    REFUTED = "refuted"
    NOT_TESTED = "not-tested"
    UNACCOUNTED = "unaccounted"
    NEW = "new"

    @property
    def label(self) -> str:
        """The kind in words (``not tested``)."""
        return self.value.replace("-", " ")


@frozen
class WordOp:
    """A run of words: ``equal`` in both, ``delete``-d from the old or ``insert``-ed in the new."""

    op: str
    text: str


@frozen
class PartDiff:
    """One part of a CMOC before and after, with its word-level difference."""

    part: str
    old: str | None
    new: str | None
    ops: tuple[WordOp, ...]

    @property
    def changed(self) -> bool:
        """Whether the part differs."""
        return (self.old or "") != (self.new or "")

    def render(self) -> str:
        """The part as one line, deletions as ``[-old-]`` and insertions as ``{+new+}``."""
        out = []
        for op in self.ops:
            if op.op == "equal":
                out.append(op.text)
            elif op.op == "delete":
                out.append(f"[-{op.text}-]")
            else:
                out.append(f"{{+{op.text}+}}")
        return " ".join(out)


@frozen
class CmocComparison:
    """An older CMOC set beside the newer one it leads to."""

    before: str
    after: str
    parts: tuple[PartDiff, ...]

    @property
    def changed_parts(self) -> tuple[str, ...]:
        """The names of the parts that differ."""
        return tuple(p.part for p in self.parts if p.changed)


@frozen
class DiffEntry:
    """One line of a version diff: which older CMOCs became which newer ones, and how.

    ``recorded`` holds the outcome kinds recorded for the ``before`` CMOCs in their first
    refinement step, as the stable words of :class:`~realistsynth.model.OutcomeKind`
    (``supported``, ``revised``, ``merged``, ``split``, ``refuted``, ``not-tested``), and
    ``rationales`` their reasons.
    """

    kind: ChangeKind
    before: tuple[str, ...]
    after: tuple[str, ...]
    comparisons: tuple[CmocComparison, ...] = ()
    recorded: tuple[str, ...] = ()
    rationales: tuple[str, ...] = ()


@frozen
class VersionDiff:
    """The difference between two theory versions."""

    from_version: str
    to_version: str
    entries: tuple[DiffEntry, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[DiffEntry, ...]:
        """The entries of one kind."""
        return tuple(e for e in self.entries if e.kind is kind)

    def counts(self) -> dict[str, int]:
        """How many entries of each kind."""
        return {k.value: len(self.of_kind(k)) for k in ChangeKind}

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "from": self.from_version,
            "to": self.to_version,
            "counts": self.counts(),
            "entries": [
                {
                    "kind": e.kind.value,
                    "before": list(e.before),
                    "after": list(e.after),
                    "recorded": list(e.recorded),
                    "rationales": list(e.rationales),
                    "comparisons": [
                        {
                            "before": c.before,
                            "after": c.after,
                            "changed_parts": list(c.changed_parts),
                            "parts": [
                                {
                                    "part": p.part,
                                    "old": p.old,
                                    "new": p.new,
                                    "ops": [{"op": o.op, "text": o.text} for o in p.ops],
                                }
                                for p in c.parts
                            ],
                        }
                        for c in e.comparisons
                    ],
                }
                for e in self.entries
            ],
        }

    def render(self) -> str:
        """The diff as readable text."""
        lines = [f"{self.from_version} -> {self.to_version}"]
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items() if n)
        lines.append(f"  {counts or 'no CMOCs'}")
        for e in self.entries:
            arrow = f"{' + '.join(e.before) or '-'} -> {', '.join(e.after) or '-'}"
            recorded = f" (recorded: {', '.join(dict.fromkeys(e.recorded))})" if e.recorded else ""
            lines.append(f"{e.kind.label.upper():10} {arrow}{recorded}")
            for c in e.comparisons:
                if len(e.comparisons) > 1:
                    lines.append(f"    {c.before} -> {c.after}")
                for p in c.parts:
                    if p.changed:
                        lines.append(f"    {p.part}: {p.render()}")
        return "\n".join(lines)


def _words(text: str | None) -> list[str]:
    return (text or "").split()


def word_diff(old: str | None, new: str | None) -> tuple[WordOp, ...]:
    """The word-level difference of two texts, as runs of equal, deleted and inserted words."""
    a, b = _words(old), _words(new)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)


def _has_parts(cmoc: CMOC) -> bool:
    return any(getattr(cmoc, p) for p in _CORE_PARTS)


def _compare(before: CMOC, after: CMOC) -> CmocComparison:
    # the statement restates the parts; comparing it too only repeats their differences
    skip_statement = _has_parts(before) and _has_parts(after)
    parts = []
    for name in PARTS:
        old, new = getattr(before, name), getattr(after, name)
        if (old is None and new is None) or (name == "statement" and skip_statement):
            continue
        parts.append(PartDiff(name, old, new, word_diff(old, new)))
    return CmocComparison(before.id, after.id, tuple(parts))


def _successors(review: Review, start: str, targets: set[str]) -> list[str]:
    """The CMOCs of ``targets`` reached from ``start`` (stopping at each one reached)."""
    if start in targets:
        return [start]
    edges: dict[str, list[str]] = {}
    for s in lineage_steps(review):
        if s.target is not None and s.target != s.source:
            edges.setdefault(s.source, []).append(s.target)
    found: list[str] = []
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt in seen:
                continue
            seen.add(nxt)
            if nxt in targets:
                found.append(nxt)
            else:
                queue.append(nxt)
    return found


def diff_versions(review: Review, from_version: str, to_version: str) -> VersionDiff:
    """How version ``to_version`` differs from ``from_version``, CMOC by CMOC.

    :raises UnknownReferenceError: if either version is unknown.
    """
    old_v, new_v = version(review, from_version), version(review, to_version)
    new_ids = list(new_v.cmoc_ids)
    new_order = {cid: i for i, cid in enumerate(new_ids)}
    succ = {
        cid: sorted(_successors(review, cid, set(new_ids)), key=new_order.__getitem__)
        for cid in old_v.cmoc_ids
    }
    origins: dict[str, list[str]] = {cid: [] for cid in new_ids}
    for cid, targets in succ.items():
        for t in targets:
            origins[t].append(cid)
    cmocs = review.cmocs

    def recorded(ids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        kinds, reasons = [], []
        for cid in ids:
            steps = [s for s in children(review, cid) if s.from_version == from_version]
            steps = steps or list(children(review, cid))[:1]
            for s in {s.kind: s for s in steps}.values():
                kinds.append(s.kind.value)
                reasons.append(s.rationale)
        return tuple(kinds), tuple(dict.fromkeys(reasons))

    entries: list[DiffEntry] = []
    emitted_splits: set[str] = set()
    for nid in new_ids:
        sources = tuple(origins[nid])
        if not sources:
            entries.append(DiffEntry(ChangeKind.NEW, (), (nid,)))
            continue
        for sid in sources:
            if len(succ[sid]) > 1 and sid not in emitted_splits:
                emitted_splits.add(sid)
                after = tuple(succ[sid])
                comps = tuple(_compare(cmocs[sid], cmocs[t]) for t in after)
                entries.append(DiffEntry(ChangeKind.SPLIT, (sid,), after, comps, *recorded((sid,))))
        if len(sources) > 1:
            comps = tuple(_compare(cmocs[s], cmocs[nid]) for s in sources)
            entries.append(DiffEntry(ChangeKind.MERGED, sources, (nid,), comps, *recorded(sources)))
        elif len(succ[sources[0]]) == 1:
            comp = _compare(cmocs[sources[0]], cmocs[nid])
            kind = ChangeKind.CHANGED if comp.changed_parts else ChangeKind.KEPT
            entries.append(DiffEntry(kind, sources, (nid,), (comp,), *recorded(sources)))
    for cid in old_v.cmoc_ids:
        if not succ[cid]:
            kinds, reasons = recorded((cid,))
            # evidence against it refutes it; nothing found either way leaves it untested
            if OutcomeKind.REFUTED.value in kinds:
                kind = ChangeKind.REFUTED
            elif OutcomeKind.NOT_TESTED.value in kinds:
                kind = ChangeKind.NOT_TESTED
            else:
                kind = ChangeKind.UNACCOUNTED
            entries.append(DiffEntry(kind, (cid,), (), (), kinds, reasons))
    return VersionDiff(from_version, to_version, tuple(entries))
