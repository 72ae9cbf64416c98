"""``report``: the report of a review against a reporting standard, its checklist form, and
the confirmations a person gives item by item.

``report REVIEW --out FILE`` writes HTML or Markdown by the file's suffix and refuses any
other; ``--standard`` picks the standard (RAMESES for realist syntheses by default,
``rameses-ii`` for realist evaluations, ``rameses-quality``); ``--checklist-out`` writes the
completed checklist as CSV or Excel. ``report confirm REVIEW ITEM`` records that the
manuscript reports an item (and where), or does not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import (
    bidi_warning,
    console,
    emit_json,
    handle_errors,
    output_path,
    review_path,
    safe,
)

__all__ = ["report"]

_REPORT_SUFFIXES = {
    ".html": "rameses-html",
    ".htm": "rameses-html",
    ".md": "rameses-md",
    ".markdown": "rameses-md",
}
_CHECKLIST_SUFFIXES = (".csv", ".xlsx")


class _ReportGroup(click.Group):
    """``report REVIEW ...`` writes the report; ``report confirm ...`` is a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["write", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ReportGroup)
def report() -> None:
    """The report of a review against a reporting standard: `report REVIEW --out FILE`
    (short for `report write`), and item-by-item confirmations: `report confirm`."""


def _suffix_or_refuse(path: Path, allowed: tuple[str, ...] | list[str], what: str) -> str:
    import realistsynth as rs

    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise rs.InvalidValueError(
            f"cannot write {what} as {suffix or 'a file without suffix'!r}: give a file ending "
            f"in {', '.join(allowed)}",
            where=str(path),
        )
    return suffix


@report.command("write")
@click.argument("review", type=review_path())
@click.option(
    "--out",
    type=output_path(),
    help="The report file: .html for one self-contained page, .md for Markdown.",
)
@click.option(
    "--standard",
    default="rameses",
    show_default=True,
    help="The reporting standard: rameses (realist syntheses), rameses-ii (realist "
    "evaluations), rameses-quality, or a plugin's.",
)
@click.option(
    "--checklist-out",
    type=output_path(),
    help="Also write the completed checklist form: .csv or .xlsx.",
)
@click.option("--style", help="Citation style of the reference list (see `realistsynth plugins`).")
@handle_errors
def write(
    review: Path, out: Path | None, standard: str, checklist_out: Path | None, style: str | None
) -> None:
    """Write the report of REVIEW: every item, what a person confirmed, what the data
    suggest, and the gaps."""
    import realistsynth as rs

    if out is None and checklist_out is None:
        raise rs.InvalidValueError("give --out FILE, --checklist-out FILE, or both", where="report")
    # refuse a wrong suffix before anything is read or written
    suffix = _suffix_or_refuse(out, list(_REPORT_SUFFIXES), "the report") if out else None
    checklist_suffix = (
        _suffix_or_refuse(checklist_out, _CHECKLIST_SUFFIXES, "the checklist")
        if checklist_out
        else None
    )
    plugins = rs.get_plugin_manager()
    chosen = plugins.reporting_standard(standard)
    loaded = rs.load(review)
    if out is not None and suffix is not None:
        options: dict[str, Any] = {"standard": chosen.name}
        if style:
            options["style"] = style
        result = rs.export_to_path(loaded, _REPORT_SUFFIXES[suffix], out, options)
        for warning in result.warnings:
            console().print(f"[yellow]note:[/] {safe(warning)}")
        bidi = bidi_warning(out)
        if bidi is not None:
            console().print(f"[yellow]warning:[/] {safe(bidi)}")
        console().print(f"Wrote [bold]{safe(out)}[/]")
    if checklist_out is not None:
        _write_checklist(loaded, chosen, checklist_out, checklist_suffix == ".xlsx")
        console().print(f"Wrote [bold]{checklist_out}[/]")


def _write_checklist(review: Any, standard: Any, path: Path, excel: bool) -> None:
    from realistsynth.atomic import atomic_write
    from realistsynth.report.checklist import (
        checklist_header,
        checklist_rows,
        write_checklist_csv,
    )

    with atomic_write(path) as stream:
        if not excel:
            write_checklist_csv(review, standard, stream)
            return
        from realistsynth.workbook.sheets import Column, SheetData
        from realistsynth.workbook.xlsx_writer import write_workbook

        # widths that fit each header in bold (a printed form cuts what overflows its cell)
        widths = {"Item": 6, "Section": 14, "Topic": 28, "What the item asks": 60}
        widths |= {"Reported": 11, "Met": 11, "Rating": 12, "Page / section": 20}
        widths |= {"Confirmed by": 14, "Confirmed at": 20, "Note": 30, "Data suggest": 14}
        widths |= {"From the review data": 40, "Missing from the review data": 40}
        wrap = {
            "Topic",
            "What the item asks",
            "Page / section",
            "Note",
            "From the review data",
            "Missing from the review data",
        }
        columns = [
            Column(name, widths.get(name, 12), wrap=name in wrap)
            for name in checklist_header(standard)
        ]
        title = "Checklist " + standard.name
        write_workbook(
            [SheetData(title[:31], columns, checklist_rows(review, standard), fit_rows=True)],
            stream,
        )


@report.command("confirm")
@click.argument("review", type=review_path())
@click.argument("item")
@click.option("--standard", default="rameses", show_default=True, help="The reporting standard.")
@click.option(
    "--reported",
    type=click.Choice(["yes", "no", "unclear"]),
    default="yes",
    show_default=True,
    help="The standard's answer: is the item reported in the manuscript?",
)
@click.option("--page", "where", help="The page or section that reports it (needed for yes).")
@click.option(
    "--rating",
    metavar="LEVEL",
    help="For a standard with a rating scale, the item's level beside the answer "
    "(rameses-quality: inadequate, adequate, good, excellent).",
)
@click.option("--by", "by", required=True, help="Who confirms it (a reviewer's initials).")
@click.option("--note", help="A note on the answer.")
@click.option("--json", "as_json", is_flag=True, help="Print the confirmation as JSON.")
@handle_errors
def confirm(
    review: Path,
    item: str,
    standard: str,
    reported: str,
    where: str | None,
    rating: str | None,
    by: str,
    note: str | None,
    as_json: bool,
) -> None:
    """Confirm ITEM (its number or key) of a reporting standard for REVIEW: whether the
    manuscript reports it, and on which page or in which section, and, for a standard with a
    rating scale, its level (--rating). Stored in the review with who and when; data alone
    never mark an item as reported."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    chosen = rs.get_plugin_manager().reporting_standard(standard)
    found = chosen.item(item)
    if found is None:
        known = ", ".join(f"{i.number} ({i.key})" for i in chosen.items)
        raise rs.InvalidValueError(
            f"{chosen.name} has no item {item!r} (items: {known})", where=str(review)
        )
    loaded = rs.load(review)
    confirmation = model_value(
        lambda: rs.ItemConfirmation(
            chosen.name,
            found.key,
            rs.Reported(reported),
            by,
            dt.datetime.now(dt.UTC).replace(microsecond=0),
            where=where,
            note=note,
            rating=rating,
        ),
        where=f"{chosen.name} item {found.number}",
    )
    loaded.confirm_item(confirmation, chosen)
    rs.save(loaded, review)
    if as_json:
        emit_json(
            {
                "standard": chosen.name,
                "item": found.key,
                "number": found.number,
                "reported": reported,
                "rating": rating,
                "where": where,
                "by": by,
                "at": confirmation.at.isoformat(),
            }
        )
    else:
        # the answer in the standard's own word (a quality standard's items are "met"), and
        # the person's text escaped: a page such as "[1]" is not console markup
        answer = "met" if chosen.answer == "met" else "reported"
        console().print(
            f"{chosen.name} item {found.number} ({safe(found.title)}): {answer} "
            f"[bold]{reported}[/]"
            + (f", rated [bold]{safe(rating)}[/]" if rating is not None else "")
            + (f", {safe(where)}" if where else "")
            + f"; confirmed by {by}"
        )
