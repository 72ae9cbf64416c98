"""Writing a review as a REFI-QDA project (``.qdpx``) that NVivo, ATLAS.ti and MAXQDA open.

The project holds the review's team as users; a codebook with one code per CMOC (coding a
passage to it codes it to the whole configuration; its description is the configuration's
statement or parts, its notes the CMOC's memos) and beneath it the heuristic's elements
(``C``, ``M-Res``, ``M-Rea``, ``O``), with a role level (``refutes``, ``refines``,
``contextualises``) only where a link has that role; top-level element codes for extracts
coded but not yet tied to a CMOC; the tags as a code tree. Every record with extracts or a kept
source text, and every included record, is a text source named by its record id. Extracts are
coded selections at their offsets, counted in UTF-16 code units as REFI-QDA tools count them;
their memos and if-then-because statements are notes. Informant quotations travel as one text
source per informant (``informant <label>``; quotations of a document as ``quotations <record>``),
each quotation a selection coded to the CMOCs it is evidence for, so that a key informant's
words keep their tie to the theory through the tool and back.

A record whose text the review does not keep gets a text assembled from its extracts (each
passage once, separated by blank lines), so the extracts can still be shown and coded; the
identifiers note (:mod:`realistsynth.coding.identifiers`) marks such sources so that importing
the project back does not mistake the assembled text for the document's.

The file is validated against the REFI-QDA ``Project.xsd`` in the tests, and written atomically.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from realistsynth._version import __version__
from realistsynth.atomic import atomic_write
from realistsynth.coding.identifiers import NOTE_NAME, Identifiers, guid
from realistsynth.coding.qdpx_import import STATEMENT_NOTE
from realistsynth.errors import RealistsynthError
from realistsynth.model.extraction import CodedExtract, Memo, OffsetUnit, Quotation
from realistsynth.model.review import Review
from realistsynth.model.theory import CMOC, EvidenceLink, EvidenceRole, EvidenceTarget

__all__ = ["QdpxExportReport", "export_qdpx"]

NS = "urn:QDA-XML:project:1.0"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@frozen
class QdpxExportReport:
    """What an export wrote, and what it could not place."""

    path: str
    sources: int
    selections: int
    codes: int
    notes: int
    warnings: tuple[str, ...] = ()


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Codebook:
    """Codes by path, created on first use, in a stable order."""

    def __init__(self) -> None:
        self.root = ET.Element(_q("Codes"))
        self.by_path: dict[tuple[str, ...], ET.Element] = {}
        self.count = 0

    def code(self, path: tuple[str, ...], description: str | None = None) -> str:
        key = guid("code", "/".join(path))
        if path in self.by_path:
            return key
        parent = self.root if len(path) == 1 else self.by_path[path[:-1]]
        if len(path) > 1 and path[:-1] not in self.by_path:
            self.code(path[:-1])
            parent = self.by_path[path[:-1]]
        elem = ET.Element(_q("Code"), guid=key, name=path[-1], isCodable="true")
        if description:
            ET.SubElement(elem, _q("Description")).text = description
        # child codes come after Description and NoteRef (the schema's order)
        parent.append(elem)
        self.by_path[path] = elem
        self.count += 1
        return key

    def ensure_parents(self, path: tuple[str, ...]) -> None:
        for i in range(1, len(path)):
            if path[:i] not in self.by_path:
                self.code(path[:i])


def _summary(c: CMOC) -> str:
    if c.statement:
        return c.statement
    parts = [
        ("C", c.context),
        ("M-Res", c.mechanism_resource),
        ("M-Rea", c.mechanism_reasoning),
        ("O", c.outcome),
    ]
    return "; ".join(f"{k}: {v}" for k, v in parts if v)


class _Export:
    def __init__(self, review: Review) -> None:
        self.review = review
        self.book = _Codebook()
        self.notes: list[ET.Element] = []
        self.users: dict[str, str] = {}  # user guid -> name
        self.warnings: list[str] = []
        self.ids_extracts: dict[str, str] = {}
        self.ids_evidence: dict[str, str] = {}
        self.ids_sources: dict[str, str] = {}
        self.synthesised: set[str] = set()
        self.code_point: set[str] = set()
        self.locations: dict[str, dict[str, str]] = {}
        self.text_names: dict[str, str] = {}
        self.files: dict[str, bytes] = {}
        self.selections = 0
        self.ids_quotations: dict[str, str] = {}
        self.quotation_sources: dict[str, str] = {}

    def user(self, who: str | None) -> str | None:
        if not who:
            return None
        key = guid("user", who)
        self.users.setdefault(key, who)
        return key

    def note(self, kind: str, key: str, name: str | None, text: str, author: str | None) -> str:
        note_guid = guid(kind, key)
        attrs = {"guid": note_guid}
        if name:
            attrs["name"] = name
        user = self.user(author)
        if user:
            attrs["creatingUser"] = user
        elem = ET.Element(_q("Note"), attrs)
        ET.SubElement(elem, _q("PlainTextContent")).text = text
        self.notes.append(elem)
        return note_guid

    def memo_refs(self, owner: str, memos: Iterable[Memo]) -> list[str]:
        return [
            self.note("memo", f"{owner}#{i}", m.title, m.text, m.author)
            for i, m in enumerate(memos)
        ]

    def codebook(self) -> None:
        heuristic = self.review.heuristic
        for c in self.review.cmocs.values():
            self.book.code((c.id,), _summary(c) or None)
            refs = self.memo_refs(f"cmoc:{c.id}", c.memos)
            elem = self.book.by_path[(c.id,)]
            for ref in refs:
                ET.SubElement(elem, _q("NoteRef"), targetGUID=ref)
            if heuristic is not None:
                for code in heuristic.codes:
                    self.book.code((c.id, code.code), code.definition)

    @staticmethod
    def link_path(link: EvidenceLink) -> tuple[str, ...]:
        if link.role is EvidenceRole.SUPPORTS:
            return (link.cmoc_id,)
        return (link.cmoc_id, link.role.value)

    def coded_paths(self, ex: CodedExtract) -> list[tuple[str, ...]]:
        links = [
            e
            for e in self.review.evidence.values()
            if e.target is EvidenceTarget.EXTRACT and e.target_id == ex.id
        ]
        paths: list[tuple[str, ...]] = []
        for code in ex.codes:
            if not links:
                paths.append((code,))
            for link in links:
                paths.append((*self.link_path(link), code))
        if not ex.codes:
            for link in links:
                paths.append(self.link_path(link))
        for link in links:
            self.ids_evidence[f"{ex.id}|{link.cmoc_id}|{link.role.value}"] = link.id
        for tag in ex.tags:
            parts = tuple(p for p in tag.split("/") if p)
            paths.append(parts or (tag,))
        return paths

    def records(self) -> list[str]:
        wanted: dict[str, None] = {}
        for ex in self.review.extracts.values():
            wanted.setdefault(ex.record_id, None)
        for rid in self.review.source_texts:
            wanted.setdefault(rid, None)
        try:
            for rid in self.review.included():
                wanted.setdefault(rid, None)
        except RealistsynthError:  # a review whose selection is broken still exports coding
            pass
        return [rid for rid in wanted if rid in self.review.records]

    def source(self, record_id: str) -> ET.Element:
        review = self.review
        record = review.records[record_id]
        src_guid = guid("source", record_id)
        self.ids_sources[src_guid] = record_id
        kept = review.source_texts.get(record_id)
        extracts = [ex for ex in review.extracts.values() if ex.record_id == record_id]
        placed: list[tuple[CodedExtract, int, int]] = []
        if kept is not None:
            text = kept.text
            if kept.name != record_id:
                self.text_names[src_guid] = kept.name or ""
            for ex in extracts:
                span = ex.span
                if span is None or span.source_hash != kept.sha256:
                    self.warnings.append(
                        f"extract {ex.id}: not placed in the source text of {record_id} "
                        "(coded without offsets, or in another version of the text); "
                        "not exported"
                    )
                    continue
                if span.unit is OffsetUnit.CODE_POINT:
                    self.code_point.add(ex.id)
                    start = OffsetUnit.UTF16.length(text[: span.start])
                    end = start + OffsetUnit.UTF16.length(ex.text)
                else:
                    start, end = span.start, span.end
                placed.append((ex, start, end))
        else:
            self.synthesised.add(src_guid)
            head = record.title or record_id
            pieces = [head]
            units = OffsetUnit.UTF16.length(head)
            for ex in extracts:
                pieces.append(ex.text)
                start = units + 2  # the blank line's two newlines
                end = start + OffsetUnit.UTF16.length(ex.text)
                placed.append((ex, start, end))
                units = end
            text = "\n\n".join(pieces)
        self.files[f"sources/{src_guid}.txt"] = text.encode("utf-8")
        elem = ET.Element(
            _q("TextSource"),
            guid=src_guid,
            name=record_id,
            plainTextPath=f"internal://{src_guid}.txt",
        )
        description = record.title or ""
        if record.doi:
            description += f" https://doi.org/{record.doi}"
        if description.strip():
            ET.SubElement(elem, _q("Description")).text = description.strip()
        for ex, start, end in placed:
            elem.append(self.selection(ex, start, end))
        return elem

    def selection(self, ex: CodedExtract, start: int, end: int) -> ET.Element:
        sel_guid = guid("extract", ex.id)
        self.ids_extracts[sel_guid] = ex.id
        location = {}
        if ex.location is not None:
            location = {
                k: v for k, v in (("page", ex.location.page), ("section", ex.location.section)) if v
            }
        if ex.note:
            location["note"] = ex.note
        if location:
            self.locations[ex.id] = location
        attrs = {
            "guid": sel_guid,
            "name": " ".join(ex.text.split())[:80],
            "startPosition": str(start),
            "endPosition": str(end),
        }
        coder = self.user(ex.coder)
        if coder:
            attrs["creatingUser"] = coder
        elem = ET.Element(_q("PlainTextSelection"), attrs)
        for path in self.coded_paths(ex):
            self.book.ensure_parents(path)
            code_guid = self.book.code(path)
            coding = ET.SubElement(
                elem, _q("Coding"), guid=guid("coding", f"{ex.id}|{'/'.join(path)}")
            )
            if coder:
                coding.set("creatingUser", coder)
            ET.SubElement(coding, _q("CodeRef"), targetGUID=code_guid)
        refs = self.memo_refs(f"extract:{ex.id}", ex.memos)
        if ex.statement:
            refs.append(self.note("statement", ex.id, STATEMENT_NOTE, ex.statement, ex.coder))
        for ref in refs:
            ET.SubElement(elem, _q("NoteRef"), targetGUID=ref)
        self.selections += 1
        return elem

    def quotation_groups(self) -> list[tuple[str, str, list[Quotation]]]:
        """(whose, source name, quotations) per informant, then per quoted document."""
        groups: dict[str, list[Quotation]] = {}
        for q in self.review.quotations.values():
            whose = f"informant:{q.informant_id}" if q.informant_id else f"record:{q.record_id}"
            groups.setdefault(whose, []).append(q)
        out = []
        for whose, quotations in groups.items():
            kind, key = whose.split(":", 1)
            informant = self.review.informants.get(key) if kind == "informant" else None
            label = informant.label if informant is not None else key
            name = f"informant {label}" if kind == "informant" else f"quotations {key}"
            out.append((whose, name, quotations))
        return out

    def quotation_source(self, whose: str, name: str, quotations: list[Quotation]) -> ET.Element:
        src_guid = guid("quotation-source", whose)
        self.quotation_sources[src_guid] = whose
        pieces = [name]
        units = OffsetUnit.UTF16.length(name)
        placed = []
        for q in quotations:
            pieces.append(q.text)
            start = units + 2
            end = start + OffsetUnit.UTF16.length(q.text)
            placed.append((q, start, end))
            units = end
        self.files[f"sources/{src_guid}.txt"] = "\n\n".join(pieces).encode("utf-8")
        elem = ET.Element(
            _q("TextSource"), guid=src_guid, name=name, plainTextPath=f"internal://{src_guid}.txt"
        )
        for q, start, end in placed:
            sel_guid = guid("quotation", q.id)
            self.ids_quotations[sel_guid] = q.id
            where = {}
            if q.location is not None:
                where = {
                    k: v
                    for k, v in (("page", q.location.page), ("section", q.location.section))
                    if v
                }
            if q.note:
                where["note"] = q.note
            if where:
                self.locations[f"quotation:{q.id}"] = where
            sel = ET.SubElement(
                elem,
                _q("PlainTextSelection"),
                guid=sel_guid,
                name=" ".join(q.text.split())[:80],
                startPosition=str(start),
                endPosition=str(end),
            )
            links = [
                e
                for e in self.review.evidence.values()
                if e.target is EvidenceTarget.QUOTATION and e.target_id == q.id
            ]
            paths = [(*self.link_path(link), code) for link in links for code in q.codes]
            paths += [(code,) for code in q.codes if not links]
            paths += [self.link_path(link) for link in links if not q.codes]
            for link in links:
                self.ids_evidence[f"quotation:{q.id}|{link.cmoc_id}|{link.role.value}"] = link.id
            for path in paths:
                self.book.ensure_parents(path)
                coding = ET.SubElement(
                    sel, _q("Coding"), guid=guid("coding", f"quotation:{q.id}|{'/'.join(path)}")
                )
                ET.SubElement(coding, _q("CodeRef"), targetGUID=self.book.code(path))
            self.selections += 1
        return elem

    def build(self) -> bytes:
        review = self.review
        for r in review.reviewers.values():
            self.user(r.initials)
        self.codebook()
        sources = [self.source(rid) for rid in self.records()]
        sources += [self.quotation_source(*group) for group in self.quotation_groups()]
        ids = Identifiers(
            extracts=self.ids_extracts,
            evidence=self.ids_evidence,
            users={g: n for g, n in self.users.items() if n in review.reviewers},
            sources=self.ids_sources,
            synthesised=frozenset(self.synthesised),
            code_point_spans=frozenset(self.code_point),
            locations=self.locations,
            text_names=self.text_names,
            quotations=self.ids_quotations,
            quotation_sources=self.quotation_sources,
        )
        id_note = self.note("identifiers", "note", NOTE_NAME, ids.to_json(), None)
        project = ET.Element(
            _q("Project"), name=review.meta.title, origin=f"realistsynth {__version__}"
        )
        if self.users:
            users = ET.SubElement(project, _q("Users"))
            for key, name in self.users.items():
                ET.SubElement(users, _q("User"), guid=key, name=name)
        if self.book.count:
            book = ET.SubElement(project, _q("CodeBook"))
            book.append(self.book.root)
        if sources:
            holder = ET.SubElement(project, _q("Sources"))
            holder.extend(sources)
        notes = ET.SubElement(project, _q("Notes"))
        notes.extend(self.notes)
        ET.SubElement(project, _q("NoteRef"), targetGUID=id_note)
        _order_code_children(self.book.root)
        ET.register_namespace("", NS)
        data: bytes = ET.tostring(project, encoding="utf-8", xml_declaration=True)
        # a parser turns a literal CR in text into LF (XML's end-of-line rule): keep memos and
        # statements exact by writing CR as a character reference
        return data.replace(b"\r", b"&#13;")


def _order_code_children(parent: ET.Element) -> None:
    """Description, then NoteRef, then child Codes: the order Project.xsd requires."""
    rank = {"Description": 0, "NoteRef": 1, "Code": 2}
    for code in parent.iter(_q("Code")):
        children = sorted(code, key=lambda c: rank.get(c.tag.rsplit("}", 1)[-1], 3))
        for child in list(code):
            code.remove(child)
        code.extend(children)


def export_qdpx(review: Review, out: str | Path) -> QdpxExportReport:
    """Write ``review`` as a REFI-QDA project at ``out`` (atomically).

    :raises ExportError: the file cannot be written.
    """
    job = _Export(review)
    project = job.build()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("project.qde", project), *sorted(job.files.items())]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    with atomic_write(out) as stream:
        stream.write(buffer.getvalue())
    return QdpxExportReport(
        str(out),
        sources=len(job.files),
        selections=job.selections,
        codes=job.book.count,
        notes=len(job.notes),
        warnings=tuple(job.warnings),
    )
