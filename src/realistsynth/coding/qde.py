"""Reading ``project.qde`` (REFI-QDA Project 1.0) into plain values.

Only what a realist review uses is read: users, the nested codebook (each code with its path
from the root), text sources and the text representation of PDF sources with their coded
plain-text selections, codings made on a whole source, and notes (memos) with what they are
attached to. Pictures, audio, video, cases, sets and graphs are counted so the import can say
what it left out. Positions are kept exactly as the file gives them (the exporting tool's
units); turning them into quotations is the importer's business.

XML is parsed with :mod:`defusedxml` (no entity expansion, no external resources). Element names
are matched without their namespace, because some tools write none.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from attrs import field, frozen
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from realistsynth.coding.archive import QdpxArchive
from realistsynth.errors import CodingFileError

__all__ = ["QdeCode", "QdeNote", "QdeProject", "QdeSelection", "QdeSource", "read_project"]


@frozen
class QdeCode:
    """A code of the codebook, with the names from the root down to it."""

    guid: str
    name: str
    path: tuple[str, ...]
    description: str | None = None
    note_refs: tuple[str, ...] = ()


@frozen
class QdeNote:
    """A note (memo): its text and who wrote it."""

    guid: str
    name: str | None
    text: str | None
    creating_user: str | None = None


@frozen
class QdeSelection:
    """A coded passage of a source: positions as written, and the codes given to it."""

    guid: str
    name: str | None
    start: int
    end: int
    code_refs: tuple[str, ...]
    note_refs: tuple[str, ...] = ()
    creating_user: str | None = None
    kind: str = "PlainTextSelection"


@frozen
class QdeSource:
    """A source: its text (``None`` when the project does not carry it) and selections."""

    guid: str
    kind: str
    name: str
    text: str | None
    description: str | None = None
    variables: dict[str, str] = field(factory=dict)
    selections: tuple[QdeSelection, ...] = ()
    note_refs: tuple[str, ...] = ()
    #: why there is no text, when there is none
    missing_text: str | None = None


@frozen
class QdeProject:
    """Everything read from one project."""

    name: str
    origin: str | None
    users: dict[str, str]
    codes: dict[str, QdeCode]
    sources: tuple[QdeSource, ...]
    notes: dict[str, QdeNote]
    project_note_refs: tuple[str, ...] = ()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) == name]


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in elem if _local(c.tag) == name), None)


def _text_of(elem: ET.Element, name: str) -> str | None:
    child = _child(elem, name)
    return child.text if child is not None and child.text else None


def _refs(elem: ET.Element, name: str) -> tuple[str, ...]:
    return tuple(r.get("targetGUID", "") for r in _children(elem, name) if r.get("targetGUID"))


def _decode(data: bytes, where: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingFileError(f"source text is not UTF-8: {exc}", where=where) from None
    return text


def _plain_text(elem: ET.Element, archive: QdpxArchive) -> tuple[str | None, str | None]:
    """The text of a TextSource-like element, or ``None`` and why."""
    content = _child(elem, "PlainTextContent")
    if content is not None:
        return content.text or "", None
    path = elem.get("plainTextPath")
    if not path:
        return None, "the project carries no plain text for it"
    if path.startswith("internal://"):
        member = path[len("internal://") :]
        data = archive.member(f"sources/{member}")
        if data is None:
            return None, f"its text {member!r} is missing from the archive"
        return _decode(data, f"{archive.path}:sources/{member}"), None
    return None, f"its text lies outside the project ({path})"


def _int(value: str | None, what: str, where: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise CodingFileError(f"{what} {value!r} is not an integer", where=where) from None


def _selections(elem: ET.Element, tag: str, where: str) -> tuple[QdeSelection, ...]:
    out = []
    for sel in _children(elem, tag):
        guid = sel.get("guid", "")
        codings = _children(sel, "Coding")
        code_refs = tuple(r for c in codings for r in _refs(c, "CodeRef"))
        notes = _refs(sel, "NoteRef") + tuple(r for c in codings for r in _refs(c, "NoteRef"))
        if tag == "PlainTextSelection":
            start = _int(sel.get("startPosition"), "startPosition", f"{where}/{guid}")
            end = _int(sel.get("endPosition"), "endPosition", f"{where}/{guid}")
        else:
            start = end = 0
        user = sel.get("creatingUser") or next(
            (c.get("creatingUser") for c in codings if c.get("creatingUser")), None
        )
        out.append(
            QdeSelection(guid, sel.get("name") or None, start, end, code_refs, notes, user, tag)
        )
    return tuple(out)


def _variables(elem: ET.Element, names: dict[str, str]) -> dict[str, str]:
    out = {}
    for value in _children(elem, "VariableValue"):
        ref = _child(value, "VariableRef")
        name = names.get(ref.get("targetGUID", "")) if ref is not None else None
        texts = [c.text for c in value if _local(c.tag) != "VariableRef" and c.text]
        if name and texts:
            out[name] = texts[0]
    return out


def _codes(parent: ET.Element, prefix: tuple[str, ...], out: dict[str, QdeCode]) -> None:
    for code in _children(parent, "Code"):
        name = code.get("name", "")
        path = (*prefix, name)
        guid = code.get("guid", "")
        out[guid] = QdeCode(guid, name, path, _text_of(code, "Description"), _refs(code, "NoteRef"))
        _codes(code, path, out)


def read_project(archive: QdpxArchive) -> QdeProject:
    """Parse the archive's ``project.qde``.

    :raises CodingFileError: malformed or unsafe XML, or not a REFI-QDA project.
    """
    where = f"{archive.path}:project.qde"
    data = archive.member("project.qde")
    assert data is not None
    try:
        root = fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise CodingFileError(f"not well-formed XML: {exc}", where=where) from None
    if _local(root.tag) != "Project":
        raise CodingFileError(f"the root element is {_local(root.tag)!r}, not Project", where=where)
    users = {
        u.get("guid", ""): u.get("name") or u.get("id") or u.get("guid") or ""
        for users in _children(root, "Users")
        for u in _children(users, "User")
    }
    codes: dict[str, QdeCode] = {}
    for book in _children(root, "CodeBook"):
        for codes_elem in _children(book, "Codes"):
            _codes(codes_elem, (), codes)
    variable_names = {
        v.get("guid", ""): v.get("name", "")
        for variables in _children(root, "Variables")
        for v in _children(variables, "Variable")
    }
    sources = []
    for sources_elem in _children(root, "Sources"):
        for src in sources_elem:
            kind = _local(src.tag)
            guid = src.get("guid", "")
            name = src.get("name") or guid
            swhere = f"{where}/{kind}[{name}]"
            description = _text_of(src, "Description")
            variables = _variables(src, variable_names)
            notes = _refs(src, "NoteRef")
            if kind == "TextSource":
                text, missing = _plain_text(src, archive)
                selections = _selections(src, "PlainTextSelection", swhere)
            elif kind == "PDFSource":
                rep = _child(src, "Representation")
                if rep is not None:
                    text, missing = _plain_text(rep, archive)
                    selections = _selections(rep, "PlainTextSelection", swhere)
                else:
                    text, missing = None, "a PDF whose text the project does not carry"
                    selections = ()
                selections += _selections(src, "PDFSelection", swhere)
            else:
                text, missing = None, f"a {kind.removesuffix('Source').lower()} source, not text"
                tag = {"PictureSource": "PictureSelection"}.get(kind, "")
                selections = _selections(src, tag, swhere) if tag else ()
                for tag in ("AudioSelection", "VideoSelection", "TranscriptSelection"):
                    selections += _selections(src, tag, swhere)
            whole = tuple(r for c in _children(src, "Coding") for r in _refs(c, "CodeRef"))
            if whole:
                selections += (
                    QdeSelection(f"{guid}#whole", None, 0, 0, whole, (), None, "Coding"),
                )
            sources.append(
                QdeSource(
                    guid, kind, name, text, description, variables, selections, notes, missing
                )
            )
    notes_out: dict[str, QdeNote] = {}
    for notes_elem in _children(root, "Notes"):
        for note in _children(notes_elem, "Note"):
            text, _ = _plain_text(note, archive)
            guid = note.get("guid", "")
            notes_out[guid] = QdeNote(guid, note.get("name"), text, note.get("creatingUser"))
    return QdeProject(
        root.get("name", ""),
        root.get("origin"),
        users,
        codes,
        tuple(sources),
        notes_out,
        _refs(root, "NoteRef"),
    )
