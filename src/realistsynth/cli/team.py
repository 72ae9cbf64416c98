"""``team add|list|remove``: the review team, known by initials.

Every later step names reviewers (screening decisions, appraisal, coding), so the team is the
first thing a new review needs. Changes go through :meth:`Review.add_reviewer` and
:meth:`Review.remove_reviewer` (a reviewer whose work is recorded cannot leave), and the file is
saved only after the change was accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realistsynth.cli.common import console, emit_json, handle_errors, review_path

__all__ = ["team"]


@click.group()
def team() -> None:
    """The review team: add, list and remove reviewers."""


def _reviewer_data(reviewer: Any) -> dict[str, Any]:
    return {
        "initials": reviewer.initials,
        "name": reviewer.name,
        "role": reviewer.role,
        "affiliation": reviewer.affiliation,
        "orcid": reviewer.orcid,
    }


@team.command("add")
@click.argument("review", type=review_path())
@click.argument("initials")
@click.option("--name", help="Full name.")
@click.option("--role", help="Role in the team (lead reviewer, second reviewer ...).")
@click.option("--affiliation", help="Affiliation.")
@click.option("--orcid", help="ORCID iD.")
@click.option("--json", "as_json", is_flag=True, help="Print the reviewer as JSON.")
@handle_errors
def add(
    review: Path,
    initials: str,
    name: str | None,
    role: str | None,
    affiliation: str | None,
    orcid: str | None,
    as_json: bool,
) -> None:
    """Add the reviewer INITIALS to the team of REVIEW."""
    import realistsynth as rs
    from realistsynth.cli.values import model_value

    r = rs.load(review)
    reviewer = model_value(
        lambda: rs.Reviewer(initials, name=name, role=role, affiliation=affiliation, orcid=orcid),
        where="INITIALS",
    )
    r.add_reviewer(reviewer)
    rs.save(r, review)
    if as_json:
        emit_json(_reviewer_data(reviewer))
    else:
        console().print(f"Added reviewer [bold]{initials}[/] to {review}")


@team.command("list")
@click.argument("review", type=review_path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def list_(review: Path, as_json: bool) -> None:
    """List the team of REVIEW."""
    import realistsynth as rs

    data = [_reviewer_data(x) for x in rs.load(review).reviewers.values()]
    if as_json:
        emit_json(data)
        return
    from rich.markup import escape

    out = console()
    for x in data:
        extra = ", ".join(v for v in (x["name"], x["role"], x["affiliation"]) if v)
        out.print(f"[bold]{escape(x['initials'])}[/]" + (f"  {escape(extra)}" if extra else ""))
    out.print(f"{len(data)} reviewer(s)")


@team.command("remove")
@click.argument("review", type=review_path())
@click.argument("initials")
@click.option("--json", "as_json", is_flag=True, help="Print the removed reviewer as JSON.")
@handle_errors
def remove(review: Path, initials: str, as_json: bool) -> None:
    """Remove INITIALS from the team (refused once their work is recorded)."""
    import realistsynth as rs

    r = rs.load(review)
    gone = r.remove_reviewer(initials)
    rs.save(r, review)
    if as_json:
        emit_json(_reviewer_data(gone))
    else:
        console().print(f"Removed reviewer [bold]{initials}[/] from {review}")
