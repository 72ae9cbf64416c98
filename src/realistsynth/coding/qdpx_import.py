"""Applying a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA) to a review, all or nothing.

Every coded selection of the project is accounted for in the :class:`CodingImportReport`: it
became an extract, was merged into the extract of another selection of the same passage
(several codes on one passage are one extract with several codes, not several extracts), or was
skipped with a reason (its source matches no record, carries no text, or is a picture or media
region). Selections are placed by their offsets in the exporting tool's units (UTF-16 code units
for REFI-QDA, so an emoji before a passage counts two); each extract keeps the source text's
hash and the offsets, and its quotation is the text at those offsets.

A selection is refused when its offsets fall outside the text or inside a character, when its
name carries text that is not the passage at its offsets (ATLAS.ti and MAXQDA name quotations
by their first words), when it would move an extract the review already has to another record,
or when its codes mean something the review cannot hold (an element outside the heuristic, a
CMOC it does not have). One refused selection refuses the whole import: every problem is listed
and nothing is applied. Re-importing the same project changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import attrs
from attrs import field, frozen

from realistsynth.coding.archive import QdpxArchive
from realistsynth.coding.identifiers import NOTE_NAME, Identifiers
from realistsynth.coding.mapping import (
    CodeMapping,
    CodeTarget,
    TargetKind,
    is_configuration_node,
)
from realistsynth.coding.qde import QdeProject, QdeSelection, QdeSource, read_project
from realistsynth.errors import CodingImportError, ReviewError
from realistsynth.model.common import ID_PATTERN, Location
from realistsynth.model.extraction import (
    CodedExtract,
    Informant,
    Memo,
    OffsetUnit,
    Quotation,
    SourceText,
    TextSpan,
)
from realistsynth.model.records import Record
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, EvidenceLink, EvidenceRole, EvidenceTarget

__all__ = ["STATEMENT_NOTE", "CodingImportReport", "SkippedSelection", "import_qdpx"]

#: A note with this name on a selection holds the passage restated as if-then-because.
STATEMENT_NOTE = "If-then-because"
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+", re.IGNORECASE)


@frozen
class SkippedSelection:
    """A coded selection that did not become (part of) an extract, and why."""

    where: str
    reason: str


@frozen
class CodingImportReport:
    """What an import did, selection by selection."""

    file: str
    origin: str | None
    selections: int
    extracts_added: int
    extracts_changed: int
    extracts_unchanged: int
    merged: int
    skipped: tuple[SkippedSelection, ...]
    links_added: int
    memos_added: int
    sources: dict[str, str | None] = field(factory=dict)
    records_added: tuple[str, ...] = ()
    cmocs_added: tuple[str, ...] = ()
    codes: dict[str, str] = field(factory=dict)
    unknown_users: tuple[str, ...] = ()
    dropped_codings: tuple[str, ...] = ()
    #: notes the review has no place for (on a code that is a tag or an element, on a whole
    #: source, on the project), each with what it was attached to
    notes_not_kept: tuple[str, ...] = ()
    #: sources whose text was not kept because their record keeps another source's text
    texts_not_kept: tuple[str, ...] = ()
    #: informant (and document) quotations, from the sources realistsynth exports them in
    quotations_added: int = 0
    quotations_changed: int = 0
    quotations_unchanged: int = 0

    @property
    def accounted(self) -> int:
        """Selections imported, merged or skipped: equals :attr:`selections`."""
        return (
            self.extracts_added
            + self.extracts_changed
            + self.extracts_unchanged
            + self.merged
            + len(self.skipped)
            + self.quotations_added
            + self.quotations_changed
            + self.quotations_unchanged
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (for ``--json``)."""
        return {
            "file": self.file,
            "origin": self.origin,
            "selections": self.selections,
            "extracts_added": self.extracts_added,
            "extracts_changed": self.extracts_changed,
            "extracts_unchanged": self.extracts_unchanged,
            "merged": self.merged,
            "skipped": [{"where": s.where, "reason": s.reason} for s in self.skipped],
            "links_added": self.links_added,
            "memos_added": self.memos_added,
            "sources": self.sources,
            "records_added": list(self.records_added),
            "cmocs_added": list(self.cmocs_added),
            "codes": self.codes,
            "unknown_users": list(self.unknown_users),
            "dropped_codings": list(self.dropped_codings),
            "notes_not_kept": list(self.notes_not_kept),
            "texts_not_kept": list(self.texts_not_kept),
            "quotations_added": self.quotations_added,
            "quotations_changed": self.quotations_changed,
            "quotations_unchanged": self.quotations_unchanged,
        }


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._:-]+", "-", name).strip("-._:")[:60] or "source"
    if not base[0].isalnum():
        base = "s" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _utf16_slice(units: bytes, start: int, end: int) -> str | None:
    """The text between two UTF-16 offsets of ``units`` (UTF-16-LE bytes), or ``None`` when
    an offset falls outside the text or inside a surrogate pair."""
    if start < 0 or end < start or 2 * end > len(units):
        return None
    try:
        units[: 2 * start].decode("utf-16-le")
        return units[2 * start : 2 * end].decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def _bare(guid: str) -> str:
    return guid.strip("{}").lower()


class _Import:
    """One import: gathers the changes as operations, tries them on a copy, then applies."""

    def __init__(
        self,
        review: Review,
        project: QdeProject,
        file: str,
        mapping: CodeMapping,
        add_sources: bool,
        add_cmocs: bool = False,
    ) -> None:
        self.review = review
        self.project = project
        self.file = file
        self.mapping = mapping
        self.add_sources = add_sources
        self.trial = Review.from_document(review.to_document(), strict=False)
        id_note = next((n for n in project.notes.values() if n.name == NOTE_NAME), None)
        self.ids = Identifiers.from_json(id_note.text if id_note else None)
        self.id_note = id_note.guid if id_note else None
        self.problems: list[str] = []
        self.ops: list[tuple[str, Callable[[Review], None]]] = []
        self.skipped: list[SkippedSelection] = []
        self.counts = {
            "added": 0,
            "changed": 0,
            "unchanged": 0,
            "merged": 0,
            "links": 0,
            "quotations_added": 0,
            "quotations_changed": 0,
            "quotations_unchanged": 0,
        }
        self.memos_added = 0
        self.sources: dict[str, str | None] = {}
        self.records_added: list[str] = []
        self.unknown_users: list[str] = []
        self.dropped: list[str] = []
        self.users = self._users()
        self.targets: dict[str, CodeTarget] = {}
        self.code_table: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.cmocs_added: list[str] = []
        self.texts_set: dict[str, tuple[str, str | None]] = {}
        self.texts_not_kept: list[str] = []
        if add_cmocs:
            self._add_cmocs()
        self._codes()

    # ------------------------------------------------------------------ helpers

    def do(self, where: str, op: Callable[[Review], None]) -> bool:
        """Try ``op`` on the trial copy now; keep it for the real review if it works."""
        try:
            op(self.trial)
        except (ReviewError, ValueError) as exc:
            self.problems.append(f"{where}: {exc}")
            return False
        self.ops.append((where, op))
        return True

    def _users(self) -> dict[str, str]:
        out = {}
        for guid, name in self.project.users.items():
            initials = self.ids.users.get(guid) or self.mapping.users.get(name)
            if initials is None:
                initials = next(
                    (
                        r.initials
                        for r in self.review.reviewers.values()
                        if name in (r.initials, r.name)
                    ),
                    None,
                )
            if initials is None or initials not in self.review.reviewers:
                self.unknown_users.append(name)
                continue
            out[guid] = initials
        return out

    def _add_cmocs(self) -> None:
        """A CMOC for each top-level code that looks like one (an element or role child) and
        that the review lacks, named after the code."""
        children: dict[str, list[str]] = {}
        for code in self.project.codes.values():
            if len(code.path) == 2:
                children.setdefault(code.path[0], []).append(code.path[1])
        for code in self.project.codes.values():
            name = code.name
            if len(code.path) != 1 or name in self.trial.cmocs or name in self.aliases:
                continue
            if "/".join(code.path) in self.mapping.codes:
                continue
            if not is_configuration_node(name, children.get(name, []), self.trial):
                continue
            known = next((c.id for c in self.trial.cmocs.values() if c.label == name), None)
            if known is not None:  # added by an earlier import of this project
                self.aliases[name] = known
                continue
            cmoc_id = _slug(name, set(self.trial.cmocs))
            statement = code.description or name
            cmoc = CMOC(cmoc_id, statement=statement, label=name)
            if self.do(f"code {name}", partial(Review.add_cmoc, cmoc=cmoc)):
                self.aliases[name] = cmoc_id
                self.cmocs_added.append(cmoc_id)

    def _codes(self) -> None:
        heuristic = self.review.heuristic
        for guid, code in self.project.codes.items():
            target = self.mapping.resolve(code.path, self.trial, self.aliases)
            path = "/".join(code.path)
            self.targets[guid] = target
            self.code_table[path] = target.describe()
            if target.cmoc_id is not None and target.cmoc_id not in self.trial.cmocs:
                self.problems.append(f"code {path}: the review has no CMOC {target.cmoc_id!r}")
            if target.code is not None and (
                heuristic is None or heuristic.code(target.code) is None
            ):
                known = [c.code for c in heuristic.codes] if heuristic else []
                self.problems.append(
                    f"code {path}: {target.code!r} is not a code of the review's heuristic {known}"
                )

    # ------------------------------------------------------------------ sources

    def _record_for(self, src: QdeSource) -> str | None:
        records = self.trial.records
        by_map = self.mapping.sources.get(src.name) or self.ids.sources.get(src.guid)
        if by_map is not None:
            return by_map
        folded = {rid.casefold(): rid for rid in records}
        stem = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", src.name)
        for name in (src.name, stem):
            if name in records:
                return name
            if name.casefold() in folded:
                return folded[name.casefold()]
        texts = [src.name, src.description or "", *src.variables.values()]
        dois = {m.group(0).rstrip(".,;").casefold() for t in texts for m in _DOI.finditer(t)}
        if dois:
            hit = [r.id for r in records.values() if r.doi and r.doi.casefold() in dois]
            if len(hit) == 1:
                return hit[0]
        name = _norm(stem)
        hit = [r.id for r in records.values() if r.title and _norm(r.title) == name]
        if len(hit) == 1:
            return hit[0]
        tokens = set(re.split(r"[^A-Za-z0-9._:-]+", src.name))
        hit = [rid for rid in records if rid in tokens]
        return hit[0] if len(hit) == 1 else None

    def run(self) -> None:
        for src in self.project.sources:
            self._source(src)

    def _skip_all(self, src: QdeSource, reason: str) -> None:
        for sel in src.selections:
            self.skipped.append(SkippedSelection(self._where(src, sel), reason))

    def _where(self, src: QdeSource, sel: QdeSelection) -> str:
        if sel.kind == "PlainTextSelection":
            return f"{src.name}@{sel.start}-{sel.end}"
        return f"{src.name}/{sel.kind}[{_bare(sel.guid)}]"

    def _source(self, src: QdeSource) -> None:
        whose = self.ids.quotation_sources.get(src.guid)
        if whose is not None:
            self._quotation_source(src, whose)
            return
        record_id = self._record_for(src)
        if record_id is not None and record_id not in self.trial.records:
            self.problems.append(
                f"source {src.name!r}: the mapping names record {record_id!r}, which the "
                "review does not hold"
            )
            return
        if record_id is None and self.add_sources:
            record_id = _slug(src.name, set(self.trial.records))
            record = Record(record_id, type="document", title=src.name, note=f"from {self.file}")
            self.do(f"source {src.name!r}", partial(Review.add_record, record=record))
            self.records_added.append(record_id)
        self.sources[src.name] = record_id
        if record_id is None:
            self._skip_all(
                src,
                f"source {src.name!r} matches no record (map it under [sources] in a mapping "
                "file, or import with --add-sources)",
            )
            return
        if src.text is None:
            self._skip_all(src, f"source {src.name!r} has no text: {src.missing_text}")
            return
        text = src.text
        synthesised = src.guid in self.ids.synthesised
        source_hash = SourceText(record_id, text).sha256 if text.strip() else None
        earlier = self.texts_set.get(record_id)
        if earlier is not None and earlier[1] != source_hash:
            # a record keeps one text: the first source's; this one's passages keep their
            # hash and offsets, but their text is not kept
            self.texts_not_kept.append(
                f"source {src.name!r}: record {record_id!r} keeps the text of {earlier[0]!r}"
            )
        elif not synthesised and source_hash is not None:
            self.texts_set[record_id] = (src.name, source_hash)
            kept = self.trial.source_texts.get(record_id)
            name = self.ids.text_names.get(src.guid, src.name)
            if kept is None or kept.sha256 != source_hash or kept.name != name:
                st = SourceText(record_id, text, name=name or None)
                self.do(f"source {src.name!r}", partial(Review.set_source_text, source=st))
        groups: dict[tuple[int, int], list[QdeSelection]] = {}
        # REFI-QDA offsets count UTF-16 code units: slice the encoded text, once encoded
        units = text.encode("utf-16-le", "surrogatepass")
        for sel in src.selections:
            where = self._where(src, sel)
            if sel.kind == "Coding":
                self.skipped.append(
                    SkippedSelection(where, "coded as a whole source, not a passage")
                )
                continue
            if sel.kind != "PlainTextSelection":
                self.skipped.append(
                    SkippedSelection(where, f"a {sel.kind} (a region, not a text passage)")
                )
                continue
            passage = _utf16_slice(units, sel.start, sel.end)
            if passage is None:
                self.problems.append(
                    f"{where}: the offsets do not fall on characters of the source text "
                    f"({len(units) // 2} UTF-16 units long); the text may have changed since "
                    "coding"
                )
                continue
            if not passage.strip():
                self.skipped.append(SkippedSelection(where, "an empty passage"))
                continue
            if sel.name and " " in sel.name.strip():
                named = _norm(sel.name.rstrip(".…"))
                if not _norm(passage).startswith(named):
                    self.problems.append(
                        f"{where}: the selection's text {sel.name!r} is not the source text "
                        f"at its offsets ({passage[:60]!r}); refused"
                    )
                    continue
            groups.setdefault((sel.start, sel.end), []).append(sel)
        for (start, end), sels in groups.items():
            self._passage(src, record_id, units, source_hash, synthesised, start, end, sels)

    # ------------------------------------------------------------------ quotations

    def _quotation_source(self, src: QdeSource, whose: str) -> None:
        """The quotations of one informant (or document), as realistsynth exported them."""
        kind, key = whose.split(":", 1)
        if kind == "informant" and key not in self.trial.informants:
            label = src.name.removeprefix("informant ").strip() or key
            self.do(
                f"source {src.name!r}",
                partial(Review.add_informant, informant=Informant(key, label)),
            )
        units = (src.text or "").encode("utf-16-le", "surrogatepass")
        for sel in src.selections:
            where = self._where(src, sel)
            passage = _utf16_slice(units, sel.start, sel.end)
            quotation_id = self.ids.quotations.get(sel.guid)
            if sel.kind != "PlainTextSelection" or passage is None or quotation_id is None:
                self.skipped.append(
                    SkippedSelection(where, "not a quotation realistsynth exported")
                )
                continue
            codes: dict[str, None] = {}
            links: dict[tuple[str, EvidenceRole], None] = {}
            for ref in sel.code_refs:
                target = self.targets.get(ref)
                if target is None:
                    self.dropped.append(
                        f"{where}: a coding to code {ref}, no longer in the codebook"
                    )
                    continue
                if target.code is not None:
                    codes.setdefault(target.code, None)
                if target.cmoc_id is not None:
                    links.setdefault((target.cmoc_id, target.role), None)
            extras = self.ids.locations.get(f"quotation:{quotation_id}", {})
            location = None
            if extras.get("page") or extras.get("section"):
                location = Location(page=extras.get("page"), section=extras.get("section"))
            fields: dict[str, Any] = {
                "text": passage,
                "codes": tuple(codes),
                "location": location,
                "note": extras.get("note"),
            }
            existing = self.trial.quotations.get(quotation_id)
            if existing is None:
                quotation = Quotation(
                    quotation_id,
                    informant_id=key if kind == "informant" else None,
                    record_id=key if kind == "record" else None,
                    **fields,
                )
                self.do(where, partial(Review.add_quotation, quotation=quotation))
                self.counts["quotations_added"] += 1
            else:
                quotation = attrs.evolve(existing, **fields)
                if quotation == existing:
                    self.counts["quotations_unchanged"] += 1
                else:
                    self.do(where, partial(Review.add_quotation, quotation=quotation, replace=True))
                    self.counts["quotations_changed"] += 1
            for cmoc_id, role in links:
                self._link(where, quotation_id, cmoc_id, role, EvidenceTarget.QUOTATION)

    # ------------------------------------------------------------------ passages

    def _extract_id(self, sels: list[QdeSelection]) -> str:
        for sel in sels:
            known = self.ids.extracts.get(sel.guid)
            if known is not None:
                return known
        base = "sel-" + _bare(sels[0].guid)
        return base if ID_PATTERN.match(base) else "sel-" + re.sub(r"[^a-z0-9-]", "", base)

    # Complexity (radon 39): every check a QDPX selection must pass before it becomes a passage
    # (offsets, hashes, synthesised text, overlapping codes), each a guard with its problem message.
    def _passage(
        self,
        src: QdeSource,
        record_id: str,
        units: bytes,
        source_hash: str | None,
        synthesised: bool,
        start: int,
        end: int,
        sels: list[QdeSelection],
    ) -> None:
        where = f"{src.name}@{start}-{end}"
        passage = _utf16_slice(units, start, end)
        assert passage is not None
        extract_id = self._extract_id(sels)
        codes: dict[str, None] = {}
        tags: dict[str, None] = {}
        links: dict[tuple[str, EvidenceRole], None] = {}
        for sel in sels:
            for ref in sel.code_refs:
                target = self.targets.get(ref)
                if target is None:
                    self.dropped.append(
                        f"{where}: a coding to code {ref}, which the codebook no longer has"
                    )
                    continue
                if target.kind is TargetKind.TAG and target.tag:
                    tags.setdefault(target.tag, None)
                if target.code is not None:
                    codes.setdefault(target.code, None)
                if target.cmoc_id is not None:
                    links.setdefault((target.cmoc_id, target.role), None)
        memos: list[Memo] = []
        statement = None
        seen_notes: set[str] = set()
        for sel in sels:
            for ref in sel.note_refs:
                if ref in seen_notes:
                    continue  # a note on two selections of one passage is one memo
                seen_notes.add(ref)
                note = self.project.notes.get(ref)
                if note is None or not note.text or not note.text.strip() or ref == self.id_note:
                    continue
                if note.name == STATEMENT_NOTE:
                    statement = note.text
                    continue
                author = self.users.get(note.creating_user or "") or self.project.users.get(
                    note.creating_user or ""
                )
                memos.append(Memo(note.text, author=author, title=note.name or None))
        coder = next(
            (self.users[s.creating_user] for s in sels if s.creating_user in self.users), None
        )
        span = None
        if not synthesised and source_hash is not None:
            if extract_id in self.ids.code_point_spans:
                begin = len(units[: 2 * start].decode("utf-16-le"))
                span = TextSpan(source_hash, begin, begin + len(passage), OffsetUnit.CODE_POINT)
            else:
                span = TextSpan(source_hash, start, end, OffsetUnit.UTF16)
        self.counts["merged"] += len(sels) - 1
        existing = self.trial.extracts.get(extract_id)
        if existing is not None and existing.record_id != record_id:
            self.problems.append(
                f"{where}: extract {extract_id!r} is of record {existing.record_id!r}; the "
                f"project would move it to {record_id!r}; refused"
            )
            return
        fields: dict[str, Any] = {
            "text": passage,
            "codes": tuple(codes),
            "tags": tuple(tags),
            "span": span,
            "memos": tuple(memos),
            "statement": statement,
        }
        if coder is not None:
            fields["coder"] = coder
        extras = self.ids.locations.get(extract_id, {})
        if extras.get("page") or extras.get("section"):
            fields["location"] = Location(page=extras.get("page"), section=extras.get("section"))
        if extras.get("note"):
            fields["note"] = extras["note"]
        if existing is None:
            try:
                extract = CodedExtract(extract_id, record_id, **fields)
            except ValueError as exc:
                self.problems.append(f"{where}: {exc}")
                return
            self.do(where, partial(Review.add_extract, extract=extract))
            self.counts["added"] += 1
            self.memos_added += len(memos)
        else:
            if existing.span is None and span is not None and synthesised:
                fields["span"] = None
            extract = attrs.evolve(existing, **fields)
            if extract == existing:
                self.counts["unchanged"] += 1
            else:
                self.do(where, partial(Review.add_extract, extract=extract, replace=True))
                self.counts["changed"] += 1
                self.memos_added += len(set(extract.memos) - set(existing.memos))
        for cmoc_id, role in links:
            self._link(where, extract_id, cmoc_id, role)

    def _link(
        self,
        where: str,
        extract_id: str,
        cmoc_id: str,
        role: EvidenceRole,
        target: EvidenceTarget = EvidenceTarget.EXTRACT,
    ) -> None:
        if any(
            e.cmoc_id == cmoc_id
            and e.target is target
            and e.target_id == extract_id
            and e.role is role
            for e in self.trial.evidence.values()
        ):
            return
        key = f"{extract_id}|{cmoc_id}|{role.value}"
        if target is EvidenceTarget.QUOTATION:
            key = f"quotation:{key}"
        link_id = self.ids.evidence.get(key)
        if link_id is None or link_id in self.trial.evidence:
            base = f"ev-{extract_id}-{cmoc_id}"[:120]
            link_id, n = base, 2
            while link_id in self.trial.evidence:
                link_id, n = f"{base}-{n}", n + 1
        link = EvidenceLink(link_id, cmoc_id, target, extract_id, role)
        self.do(where, partial(Review.add_evidence, link=link))
        self.counts["links"] += 1

    # ------------------------------------------------------------------ CMOC memos

    def unkept_notes(self) -> list[str]:
        """Notes with no place in the review, so the report can name them."""
        out = []

        def named(ref: str) -> str:
            note = self.project.notes.get(ref)
            return repr(note.name) if note is not None and note.name else ref

        for guid, code in self.project.codes.items():
            if self.targets[guid].kind is not TargetKind.CMOC:
                out += [f"{named(r)} on code {'/'.join(code.path)}" for r in code.note_refs]
        for src in self.project.sources:
            out += [f"{named(r)} on source {src.name!r}" for r in src.note_refs]
        out += [
            f"{named(r)} on the project"
            for r in self.project.project_note_refs
            if r != self.id_note
        ]
        return out

    def cmoc_memos(self) -> None:
        for guid, code in self.project.codes.items():
            target = self.targets[guid]
            cmoc_id = target.cmoc_id
            if target.kind is not TargetKind.CMOC or cmoc_id not in self.trial.cmocs:
                continue
            assert cmoc_id is not None
            for ref in code.note_refs:
                note = self.project.notes.get(ref)
                if note is None or not note.text or not note.text.strip():
                    continue
                cmoc = self.trial.cmocs[cmoc_id]
                author = self.users.get(note.creating_user or "")
                memo = Memo(note.text, author=author, title=note.name or None)
                if any(m.text == memo.text for m in cmoc.memos):
                    continue
                new = attrs.evolve(cmoc, memos=(*cmoc.memos, memo))
                self.do(
                    f"code {'/'.join(code.path)}", partial(Review.add_cmoc, cmoc=new, replace=True)
                )
                self.memos_added += 1

    def report(self) -> CodingImportReport:
        total = sum(len(s.selections) for s in self.project.sources)
        return CodingImportReport(
            file=self.file,
            origin=self.project.origin,
            selections=total,
            extracts_added=self.counts["added"],
            extracts_changed=self.counts["changed"],
            extracts_unchanged=self.counts["unchanged"],
            merged=self.counts["merged"],
            skipped=tuple(self.skipped),
            links_added=self.counts["links"],
            memos_added=self.memos_added,
            sources=self.sources,
            records_added=tuple(self.records_added),
            cmocs_added=tuple(self.cmocs_added),
            codes=self.code_table,
            unknown_users=tuple(self.unknown_users),
            dropped_codings=tuple(self.dropped),
            notes_not_kept=tuple(self.unkept_notes()),
            texts_not_kept=tuple(self.texts_not_kept),
            quotations_added=self.counts["quotations_added"],
            quotations_changed=self.counts["quotations_changed"],
            quotations_unchanged=self.counts["quotations_unchanged"],
        )


def import_qdpx(
    review: Review,
    path: str | Path,
    *,
    mapping: CodeMapping | None = None,
    add_sources: bool = False,
    add_cmocs: bool = False,
    dry_run: bool = False,
) -> CodingImportReport:
    """Import the coding of a REFI-QDA project (``.qdpx``) into ``review``, all or nothing.

    :param mapping: explicit meanings of codes, sources and users (see
        :mod:`realistsynth.coding.mapping`); the default convention otherwise.
    :param add_sources: add a record for every source that matches none.
    :param add_cmocs: add a CMOC for every top-level code that looks like one by the
        convention (a child that is an element or a role) and that the review lacks; its
        statement is the code's description, or its name until the team writes one.
    :param dry_run: check and report, change nothing.
    :raises CodingFileError: the file is not a safe, readable project.
    :raises CodingImportError: one or more selections were refused; nothing was applied.
    """
    archive = QdpxArchive.open(path)
    project = read_project(archive)
    job = _Import(review, project, str(path), mapping or CodeMapping(), add_sources, add_cmocs)
    if not job.problems:
        job.run()
        job.cmoc_memos()
    if job.problems:
        raise CodingImportError(job.problems, where=str(path))
    if not dry_run:
        for _, op in job.ops:
            op(review)
    return job.report()
