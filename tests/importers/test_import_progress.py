"""Importers report how far they have got within one file, so the CLI's bar moves through a
large file; ``read_records`` always ends a file with ``(1, 1)``, even for an importer that
reports nothing."""

from __future__ import annotations

import io
from fractions import Fraction

import openpyxl
import pytest

from realistsynth.importing import read_records
from realistsynth.model import Name, PartialDate, Record, Review
from realistsynth.plugins import get_plugin_manager

RECORDS = 400


def _review() -> Review:
    review = Review.new("Progress")
    review.add_records(
        Record(
            f"r{n}",
            title=f"Leadership in integrated care system number {n}",
            authors=[Name("Okafor", "A."), Name("Mensah", "K.")],
            issued=PartialDate(2000 + n % 25),
            container_title="BMC Health Serv Res",
            abstract="Line one of the abstract.\nLine two, after a line break.",
        )
        for n in range(RECORDS)
    )
    return review


def _exported(name: str) -> bytes:
    stream = io.BytesIO()
    get_plugin_manager().exporter(name).export(_review(), stream, {})
    return stream.getvalue()


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Title", "Authors", "Year", "Journal"])
    for n in range(RECORDS):
        sheet.append([f"Title {n}", "Okafor, A.; Mensah, K.", 2000 + n % 25, "BMJ"])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _endnote_xml() -> bytes:
    record = (
        "<record><rec-number>{n}</rec-number><ref-type name='Journal Article'>17</ref-type>"
        "<contributors><authors><author>Okafor, A.</author></authors></contributors>"
        "<titles><title>Title {n}</title></titles><dates><year>2021</year></dates></record>"
    )
    body = "".join(record.format(n=n) for n in range(1, RECORDS + 1))
    return f'<?xml version="1.0" encoding="UTF-8"?><xml><records>{body}</records></xml>'.encode()


def _medline() -> bytes:
    return "".join(
        f"PMID- {n + 1}\nTI  - Title {n}\nAU  - Okafor A\nDP  - 2021\n\n" for n in range(RECORDS)
    ).encode()


def _endnote_tagged() -> bytes:
    return "".join(
        f"%0 Journal Article\n%T Title {n}\n%A Okafor, A.\n%D 2021\n\n" for n in range(RECORDS)
    ).encode()


def _wos() -> bytes:
    body = "".join(f"PT J\nAU Okafor, A\nTI Title {n}\nPY 2021\nER\n\n" for n in range(RECORDS))
    return f"FN Clarivate Analytics Web of Science\nVR 1.0\n{body}EF\n".encode()


FILES = {
    "endnote-tagged": _endnote_tagged,
    "wos": _wos,
    "ris": lambda: _exported("ris"),
    "medline": _medline,
    "bibtex": lambda: _exported("bibtex"),
    "csl-json": lambda: _exported("csl-json"),
    "csv": lambda: _exported("csv"),
    "xlsx": _xlsx,
    "endnote-xml": _endnote_xml,
}


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_progress_moves_through_the_file_and_ends_complete(format_name: str) -> None:
    calls: list[tuple[int, int]] = []
    result = read_records(FILES[format_name](), progress=lambda d, t: calls.append((d, t)))
    assert result.report.format == format_name
    assert len(result.records) == RECORDS
    assert calls[-1] == (1, 1)
    fractions = [Fraction(done, total) for done, total in calls]
    assert all(0 <= f <= 1 for f in fractions)
    assert fractions == sorted(fractions), "progress never goes back"
    within = [f for f in fractions[:-1] if f < 1]
    # about one report per 1 %: enough for a bar to move, few enough to cost nothing
    assert 20 <= len(within) <= 110, len(within)


def test_progress_counts_lines_of_a_file_with_cr_line_ends() -> None:
    data = _exported("ris").replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    calls: list[tuple[int, int]] = []
    result = read_records(data, progress=lambda d, t: calls.append((d, t)))
    assert len(result.records) == RECORDS
    within = [(d, t) for d, t in calls[:-1] if d < t]
    assert len(within) >= 20, "the bar moves through a file whose lines end in CR alone"
