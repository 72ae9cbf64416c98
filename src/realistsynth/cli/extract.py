"""``extract add|list|show|source``: coded extracts from the shell.

An extract is a passage of a record with its codes (the review's heuristic: C, M-Res, M-Rea,
O ...), tags (themes, a tool's own nodes), memos, and, when the passage is coded to a whole
configuration, the if-then-because ``--statement`` and ``--cmoc`` links: coding straight to a
CMO is a route of its own (``extract add --cmoc c1 --statement "..."``), not only coding
fragments. ``--start``/``--end`` place the passage exactly in the record's source text (set with
``extract source``); the quoted text must equal the text at those offsets.

Every change goes through :meth:`Review.add_extract` and :meth:`Review.add_evidence`; the file
is saved only when the whole command was accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["extract", "extract_data"]

ROLES = ["supports", "refutes", "refines", "contextualises"]


@click.group()
def extract() -> None:
    """Coded extracts: add, list, show; the source texts they quote."""


def extract_data(review: Any, ex: Any) -> dict[str, Any]:
    """One extract as plain data, with the evidence links that use it."""
    span = ex.span
    return {
        "id": ex.id,
        "record": ex.record_id,
        "text": ex.text,
        "codes": list(ex.codes),
        "tags": list(ex.tags),
        "statement": ex.statement,
        "offsets": (
            {
                "start": span.start,
                "end": span.end,
                "unit": span.unit.value,
                "source_hash": span.source_hash,
            }
            if span is not None
            else None
        ),
        "page": ex.location.page if ex.location else None,
        "section": ex.location.section if ex.location else None,
        "coder": ex.coder,
        "note": ex.note,
        "memos": [{"text": m.text, "author": m.author, "title": m.title} for m in ex.memos],
        "evidence": [
            {"id": link.id, "cmoc": link.cmoc_id, "role": link.role.value}
            for link in review.evidence.values()
            if link.target.value == "extract" and link.target_id == ex.id
        ],
    }


@extract.command("heuristic")
@click.argument("review", type=review_path())
@click.argument("name")
@click.option(
    "--define",
    "definitions",
    multiple=True,
    metavar="CODE=TEXT",
    help="The review's operational definition of a code (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the heuristic as JSON.")
@handle_errors
def heuristic(review: Path, name: str, definitions: tuple[str, ...], as_json: bool) -> None:
    """Adopt the configuration heuristic NAME (cmo, dalkin, icamo ... from plugins)."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    r = rs.load(review)
    chosen = rs.get_plugin_manager().heuristic(name)
    pairs = {}
    for item in definitions:
        code, sep, text = item.partition("=")
        if not sep:
            raise rs.InvalidValueError(f"{item!r} is not CODE=TEXT", where="--define")
        pairs[code.strip()] = text
    if pairs:
        chosen = model_value(lambda: chosen.with_definitions(pairs), where="--define")
    r.set_heuristic(chosen)
    rs.save(r, review)
    data = {
        "name": chosen.name,
        "codes": [
            {"code": c.code, "label": c.label, "definition": c.definition} for c in chosen.codes
        ],
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Adopted the heuristic [bold]{chosen.name}[/]")


@extract.command("source")
@click.argument("review", type=review_path())
@click.option("--record", "record_id", required=True, help="The record the text belongs to.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="A name for the text (default: the file's name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def source(review: Path, record_id: str, file: Path, name: str | None, as_json: bool) -> None:
    """Keep FILE (UTF-8 text) as the source text of a record, for exact offsets."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value, text_argument

    r = rs.load(review)
    text = text_argument(None, file, what="the source text")
    assert text is not None
    st = model_value(
        lambda: rs.SourceText(record_id, text, name=name or file.name), where="--record"
    )
    r.set_source_text(st)
    rs.save(r, review)
    data = {"record": record_id, "name": st.name, "sha256": st.sha256, "length": len(text)}
    if as_json:
        emit_json(data)
    else:
        console().print(f"Kept the source text of [bold]{record_id}[/] ({st.sha256[:12]})")


@extract.command("add")
@click.argument("review", type=review_path())
@click.option("--record", "record_id", required=True, help="The record the passage is from.")
@click.option("--text", help="The quoted passage.")
@click.option(
    "--text-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="...or a file.",
)
@click.option("--id", "extract_id", help="Extract id (default: the next free ex-N).")
@click.option("--code", "codes", multiple=True, help="A code of the heuristic (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Any other code, such as a theme (repeatable).")
@click.option("--statement", help="The passage restated as an if-then-because configuration.")
@click.option("--cmoc", "cmocs", multiple=True, help="Code the passage to this CMOC (repeatable).")
@click.option("--role", type=click.Choice(ROLES), default="supports", show_default=True)
@click.option("--page", help="Page.")
@click.option("--section", help="Section.")
@click.option("--coder", help="Initials of the reviewer who coded it.")
@click.option("--note", help="A note.")
@click.option("--memo", "memos", multiple=True, help="A memo (repeatable).")
@click.option("--start", type=int, help="Start offset in the record's source text.")
@click.option("--end", type=int, help="End offset (exclusive).")
@click.option(
    "--unit", type=click.Choice(["utf-16", "code-point"]), default="code-point", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Print the extract as JSON.")
@handle_errors
def add(
    review: Path,
    record_id: str,
    text: str | None,
    text_file: Path | None,
    extract_id: str | None,
    codes: tuple[str, ...],
    tags: tuple[str, ...],
    statement: str | None,
    cmocs: tuple[str, ...],
    role: str,
    page: str | None,
    section: str | None,
    coder: str | None,
    note: str | None,
    memos: tuple[str, ...],
    start: int | None,
    end: int | None,
    unit: str,
    as_json: bool,
) -> None:
    """Add a coded extract of a record; with --cmoc, link it to whole CMOCs as evidence."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value, next_id, text_argument

    r = rs.load(review)
    quoted = text_argument(text, text_file, what="the quoted passage")
    span = None
    if (start is None) != (end is None):
        raise rs.InvalidValueError("give both --start and --end, or neither", where="--start")
    if start is not None and end is not None:
        st = r.source_texts.get(record_id)
        if st is None:
            raise rs.InvalidValueError(
                f"record {record_id!r} has no source text to place offsets in "
                "(keep one with `extract source`)",
                where="--start",
            )
        offset_unit = rs.OffsetUnit(unit)
        span = model_value(
            lambda: rs.TextSpan(st.sha256, start, end, offset_unit), where="--start/--end"
        )
        if quoted is None:
            quoted = span.quote(st.text)
    if not quoted:
        raise rs.InvalidValueError("the extract needs its text (--text or --text-file)", where="")
    location = rs.Location(page=page, section=section) if page or section else None
    ex = model_value(
        lambda: rs.CodedExtract(
            extract_id or next_id("ex", r.extracts),
            record_id,
            quoted,
            codes=codes,
            location=location,
            coder=coder,
            note=note,
            span=span,
            tags=tags,
            statement=statement,
            memos=[rs.Memo(m, author=coder) for m in memos],
        ),
        where="--id",
    )
    r.add_extract(ex)
    for cmoc_id in cmocs:
        r.add_evidence(
            rs.EvidenceLink(
                next_id("ev", r.evidence),
                cmoc_id,
                rs.EvidenceTarget.EXTRACT,
                ex.id,
                rs.EvidenceRole(role),
            )
        )
    rs.save(r, review)
    if as_json:
        emit_json(extract_data(r, ex))
    else:
        console().print(f"Added extract [bold]{ex.id}[/] of {record_id}")


@extract.command("list")
@click.argument("review", type=review_path())
@click.option("--record", "record_id", help="Only extracts of this record.")
@click.option("--code", help="Only extracts with this code.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def list_(review: Path, record_id: str | None, code: str | None, as_json: bool) -> None:
    """List the coded extracts of REVIEW."""
    import realistsynth as rs

    r = rs.load(review)
    data = [
        extract_data(r, ex)
        for ex in r.extracts.values()
        if (record_id is None or ex.record_id == record_id) and (code is None or code in ex.codes)
    ]
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    for x in data:
        codes = ", ".join(x["codes"] + x["tags"]) or "-"
        text = x["text"] if len(x["text"]) <= 70 else x["text"][:67] + "..."
        out.print(
            f"[bold]{escape(x['id'])}[/] {escape(x['record'])} [{escape(codes)}] {escape(text)}"
        )
    out.print(f"{len(data)} extract(s)")


@extract.command("show")
@click.argument("review", type=review_path())
@click.argument("extract_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def show(review: Path, extract_id: str, as_json: bool) -> None:
    """Show one extract: its text, codes, offsets, memos and the CMOCs it is evidence for."""
    import realistsynth as rs

    r = rs.load(review)
    ex = r.extracts.get(extract_id)
    if ex is None:
        raise rs.UnknownReferenceError(f"no extract {extract_id!r}", where=f"extracts/{extract_id}")
    data = extract_data(r, ex)
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(ex.id)}[/] of {escape(ex.record_id)}")
    out.print(escape(ex.text))
    for key in ("codes", "tags"):
        if data[key]:
            out.print(f"  {key}: {escape(', '.join(data[key]))}")
    for key in ("statement", "page", "section", "coder", "note"):
        if data[key]:
            out.print(f"  {key}: {escape(str(data[key]))}")
    if data["offsets"]:
        o = data["offsets"]
        out.print(f"  offsets: {o['start']}-{o['end']} ({o['unit']}) in {o['source_hash'][:12]}")
    for m in data["memos"]:
        out.print(
            f"  memo{' by ' + escape(m['author']) if m['author'] else ''}: {escape(m['text'])}"
        )
    for link in data["evidence"]:
        out.print(f"  {link['role']} {escape(link['cmoc'])} ({escape(link['id'])})")
