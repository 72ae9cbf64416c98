"""``cmoc add|edit|link|show``: context-mechanism-outcome configurations from the shell.

``add`` and ``edit`` go through :meth:`Review.add_cmoc` (``edit`` replaces the CMOC with the
changed fields; an empty value clears a field); ``--version`` also lists the CMOC in a theory
version (:meth:`Review.replace_theory_version`). ``link`` records evidence with its role:
an existing extract, record or informant quotation, or, with ``--record`` and ``--quote``, a
new extract of that record quoting the passage (the audit trail from passage to CMOC).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path
from realistsynth.cli.extract import ROLES

__all__ = ["cmoc", "cmoc_data"]

#: option name -> CMOC field
_PARTS = {
    "context": "context",
    "mechanism_resource": "mechanism_resource",
    "mechanism_reasoning": "mechanism_reasoning",
    "outcome": "outcome",
    "theme": "theme_id",
    "label": "label",
    "statement": "statement",
    "narrative": "narrative",
    "intervention": "intervention",
    "actor": "actor",
}


def _part_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--context", "-c", help="Context (C)."),
            click.option("--mechanism-resource", "--m-res", help="Mechanism resource (M-Res)."),
            click.option("--mechanism-reasoning", "--m-rea", help="Mechanism reasoning (M-Rea)."),
            click.option("--outcome", "-o", help="Outcome (O)."),
            click.option("--theme", help="Theme id of the organising framework."),
            click.option("--label", help="A short label."),
            click.option("--statement", help="The if-then-because statement."),
            click.option("--narrative", help="Narrative with [@record] citations."),
            click.option("--intervention", help="Intervention (ICAMO)."),
            click.option("--actor", help="Actor (ICAMO)."),
            click.option("--memo", "memos", multiple=True, help="Add a memo (repeatable)."),
            click.option("--version", "version_id", help="Also list it in this theory version."),
            click.option("--json", "as_json", is_flag=True, help="Print the CMOC as JSON."),
        ]
    ):
        func = option(func)
    return func


@click.group()
def cmoc() -> None:
    """CMO configurations: add, edit, link evidence, show."""


def cmoc_data(review: Any, c: Any) -> dict[str, Any]:
    """One CMOC as plain data, with its evidence and the versions that hold it."""
    return {
        "id": c.id,
        "label": c.label,
        "theme": c.theme_id,
        "context": c.context,
        "mechanism_resource": c.mechanism_resource,
        "mechanism_reasoning": c.mechanism_reasoning,
        "outcome": c.outcome,
        "intervention": c.intervention,
        "actor": c.actor,
        "statement": c.statement,
        "narrative": c.narrative,
        "memos": [{"text": m.text, "author": m.author, "title": m.title} for m in c.memos],
        "versions": [v.id for v in review.theory_versions.values() if c.id in v.cmoc_ids],
        "evidence": [
            {
                "id": link.id,
                "target": link.target.value,
                "target_id": link.target_id,
                "role": link.role.value,
                "note": link.note,
                "quotation": _quoted(review, link),
            }
            for link in review.evidence.values()
            if link.cmoc_id == c.id
        ],
    }


def _quoted(review: Any, link: Any) -> str | None:
    if link.target.value == "extract" and link.target_id in review.extracts:
        return str(review.extracts[link.target_id].text)
    if link.target.value == "quotation" and link.target_id in review.quotations:
        return str(review.quotations[link.target_id].text)
    return None


def _add_to_version(review: Any, version_id: str | None, cmoc_id: str) -> None:
    if version_id is None:
        return
    import attrs

    import realistsynth as rs

    version = review.theory_versions.get(version_id)
    if version is None:
        raise rs.UnknownReferenceError(
            f"no theory version {version_id!r}", where=f"theory_versions/{version_id}"
        )
    if cmoc_id not in version.cmoc_ids:
        review.replace_theory_version(attrs.evolve(version, cmoc_ids=(*version.cmoc_ids, cmoc_id)))


def _done(review: Any, path: Path, c: Any, as_json: bool, verb: str) -> None:
    import realistsynth as rs

    rs.save(review, path)
    if as_json:
        emit_json(cmoc_data(review, c))
    else:
        console().print(f"{verb} CMOC [bold]{c.id}[/]")


@cmoc.command("add")
@click.argument("review", type=review_path())
@click.argument("cmoc_id")
@_part_options
@handle_errors
def add(
    review: Path,
    cmoc_id: str,
    memos: tuple[str, ...],
    version_id: str | None,
    as_json: bool,
    **parts: str | None,
) -> None:
    """Add the CMOC CMOC_ID: its parts or an if-then-because statement, or both."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    r = rs.load(review)
    fields = {_PARTS[k]: v for k, v in parts.items() if v}
    c = model_value(
        lambda: rs.CMOC(cmoc_id, memos=[rs.Memo(m) for m in memos], **fields), where=cmoc_id
    )
    r.add_cmoc(c)
    _add_to_version(r, version_id, c.id)
    _done(r, review, c, as_json, "Added")


@cmoc.command("edit")
@click.argument("review", type=review_path())
@click.argument("cmoc_id")
@_part_options
@handle_errors
def edit(
    review: Path,
    cmoc_id: str,
    memos: tuple[str, ...],
    version_id: str | None,
    as_json: bool,
    **parts: str | None,
) -> None:
    """Change fields of CMOC_ID (an empty value clears a field; memos are added)."""
    import attrs

    import realistsynth as rs
    from realistsynth.cli.values import model_value

    r = rs.load(review)
    old = r.cmocs.get(cmoc_id)
    if old is None:
        raise rs.UnknownReferenceError(f"no CMOC {cmoc_id!r}", where=f"cmocs/{cmoc_id}")
    changes: dict[str, Any] = {_PARTS[k]: (v or None) for k, v in parts.items() if v is not None}
    if memos:
        changes["memos"] = (*old.memos, *(rs.Memo(m) for m in memos))
    c = model_value(lambda: attrs.evolve(old, **changes), where=cmoc_id)
    r.add_cmoc(c, replace=True)
    _add_to_version(r, version_id, c.id)
    _done(r, review, c, as_json, "Changed")


@cmoc.command("link")
@click.argument("review", type=review_path())
@click.argument("cmoc_id")
@click.option("--extract", "extract_id", help="Link this extract.")
@click.option("--record", "record_id", help="Link this record (with --quote: a new extract).")
@click.option("--quotation", "quotation_id", help="Link this informant or document quotation.")
@click.option("--quote", help="With --record: the quoted passage, kept as a new extract.")
@click.option("--page", help="With --quote: the page of the passage.")
@click.option("--code", "codes", multiple=True, help="With --quote: codes of the new extract.")
@click.option("--role", type=click.Choice(ROLES), default="supports", show_default=True)
@click.option("--note", help="Why this is evidence for (or against) the CMOC.")
@click.option("--id", "link_id", help="Evidence link id (default: the next free ev-N).")
@click.option("--json", "as_json", is_flag=True, help="Print the link as JSON.")
@handle_errors
def link(
    review: Path,
    cmoc_id: str,
    extract_id: str | None,
    record_id: str | None,
    quotation_id: str | None,
    quote: str | None,
    page: str | None,
    codes: tuple[str, ...],
    role: str,
    note: str | None,
    link_id: str | None,
    as_json: bool,
) -> None:
    """Record evidence for CMOC_ID: an extract, a record, a quotation, or a quoted passage."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value, next_id

    r = rs.load(review)
    given = [x for x in (extract_id, record_id, quotation_id) if x is not None]
    if len(given) != 1:
        raise rs.InvalidValueError(
            "give exactly one of --extract, --record or --quotation", where=cmoc_id
        )
    if quote is not None and record_id is None:
        raise rs.InvalidValueError("--quote needs --record", where="--quote")
    if quote is not None and record_id is not None:
        ex = model_value(
            lambda: rs.CodedExtract(
                next_id("ex", r.extracts),
                record_id,
                quote,
                codes=codes,
                location=rs.Location(page=page) if page else None,
            ),
            where="--quote",
        )
        r.add_extract(ex)
        target, target_id = rs.EvidenceTarget.EXTRACT, ex.id
    elif extract_id is not None:
        target, target_id = rs.EvidenceTarget.EXTRACT, extract_id
    elif record_id is not None:
        target, target_id = rs.EvidenceTarget.RECORD, record_id
    else:
        assert quotation_id is not None
        target, target_id = rs.EvidenceTarget.QUOTATION, quotation_id
    ev = model_value(
        lambda: rs.EvidenceLink(
            link_id or next_id("ev", r.evidence),
            cmoc_id,
            target,
            target_id,
            rs.EvidenceRole(role),
            note,
        ),
        where="--id",
    )
    r.add_evidence(ev)
    rs.save(r, review)
    data = {
        "id": ev.id,
        "cmoc": ev.cmoc_id,
        "target": ev.target.value,
        "target_id": ev.target_id,
        "role": ev.role.value,
        "note": ev.note,
        "quotation": _quoted(r, ev),
    }
    if as_json:
        emit_json(data)
    else:
        console().print(f"Linked {ev.target.value} [bold]{ev.target_id}[/] to {cmoc_id} ({role})")


@cmoc.command("show")
@click.argument("review", type=review_path())
@click.argument("cmoc_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def show(review: Path, cmoc_id: str, as_json: bool) -> None:
    """Show one CMOC: parts, statement, narrative, memos and evidence with quotations."""
    import realistsynth as rs

    r = rs.load(review)
    c = r.cmocs.get(cmoc_id)
    if c is None:
        raise rs.UnknownReferenceError(f"no CMOC {cmoc_id!r}", where=f"cmocs/{cmoc_id}")
    data = cmoc_data(r, c)
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(c.id)}[/]" + (f" ({escape(c.label)})" if c.label else ""))
    for key, label in (
        ("theme", "theme"),
        ("context", "C"),
        ("mechanism_resource", "M-Res"),
        ("mechanism_reasoning", "M-Rea"),
        ("outcome", "O"),
        ("statement", "statement"),
        ("narrative", "narrative"),
    ):
        if data[key]:
            out.print(f"  {label}: {escape(data[key])}")
    if data["versions"]:
        out.print(f"  in: {', '.join(data['versions'])}")
    for m in data["memos"]:
        out.print(f"  memo: {escape(m['text'])}")
    for e in data["evidence"]:
        quoted = f': "{escape(e["quotation"])}"' if e["quotation"] else ""
        out.print(f"  {e['role']} {e['target']} {escape(e['target_id'])}{quoted}")
