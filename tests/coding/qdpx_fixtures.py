"""Hand-made REFI-QDA projects for the edge cases real files rarely show.

Each is written here, in the test, as the XML a tool would write: small enough to read, so a
reader can check by eye what the importer must make of it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = "urn:QDA-XML:project:1.0"
USER = "11111111-1111-1111-1111-111111111111"


def g(n: int) -> str:
    """A readable GUID: g(7) is 00000000-0000-0000-0000-000000000007."""
    return f"00000000-0000-0000-0000-{n:012d}"


def code(n: int, name: str, *children: str, notes: tuple[int, ...] = ()) -> str:
    refs = "".join(f'<NoteRef targetGUID="{g(x)}"/>' for x in notes)
    return (
        f'<Code guid="{g(n)}" name={quoteattr(name)} isCodable="true">'
        f"{refs}{''.join(children)}</Code>"
    )


def selection(
    n: int, start: int, end: int, *codes: int, name: str = "", notes: tuple[int, ...] = ()
) -> str:
    codings = "".join(
        f'<Coding guid="{g(900 + n * 10 + i)}" creatingUser="{USER}">'
        f'<CodeRef targetGUID="{g(c)}"/></Coding>'
        for i, c in enumerate(codes)
    )
    refs = "".join(f'<NoteRef targetGUID="{g(x)}"/>' for x in notes)
    return (
        f'<PlainTextSelection guid="{g(n)}" name={quoteattr(name)} startPosition="{start}" '
        f'endPosition="{end}" creatingUser="{USER}">{codings}{refs}</PlainTextSelection>'
    )


def text_source(n: int, name: str, *selections: str, inline: str | None = None) -> str:
    body = f"<PlainTextContent>{escape(inline)}</PlainTextContent>" if inline is not None else ""
    path = "" if inline is not None else f' plainTextPath="internal://{g(n)}.txt"'
    return (
        f'<TextSource guid="{g(n)}" name={quoteattr(name)}{path}>'
        f"{body}{''.join(selections)}</TextSource>"
    )


def note(n: int, name: str, text: str) -> str:
    return (
        f'<Note guid="{g(n)}" name={quoteattr(name)} creatingUser="{USER}">'
        f"<PlainTextContent>{escape(text)}</PlainTextContent></Note>"
    )


def project(codes: str, sources: str, notes: str = "", user: str = "LK") -> str:
    notes_xml = f"<Notes>{notes}</Notes>" if notes else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{NS}" name="fixture" '
        f'origin="hand-made"><Users><User guid="{USER}" name="{user}"/></Users>'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources>{notes_xml}"
        "</Project>"
    )


def write_qdpx(path: Path, qde: str, texts: dict[int, str] | None = None) -> Path:
    """A .qdpx zip: project.qde and sources/<guid>.txt for each text (UTF-8 with a BOM, as
    NVivo writes them)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for n, text in (texts or {}).items():
            archive.writestr(f"Sources/{g(n)}.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def utf16(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, counted without realistsynth."""
    return len(text.encode("utf-16-le")) // 2
