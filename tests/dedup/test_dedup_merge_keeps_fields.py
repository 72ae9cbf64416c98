"""``merge_records`` names the fields it merges one by one; a field it forgot would be dropped
from every canonical record. A record merged with nothing must therefore come back whole
(repeated list values aside, which the merge unites), for records with every field set."""

from __future__ import annotations

import attrs
from core.strategies import records
from hypothesis import given, settings

from realistsynth.dedup.merge import merge_records
from realistsynth.model import Record


def _unique(values: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(values))


@settings(deadline=None)
@given(records("r1"))
def test_a_record_merged_alone_comes_back_whole(record: Record) -> None:
    record = attrs.evolve(
        record,
        keywords=_unique(record.keywords),
        issn=_unique(record.issn),
        isbn=_unique(record.isbn),
        extra={tag: _unique(values) for tag, values in record.extra.items()},
    )
    merged = merge_records([record])
    lost = {
        f.name: (getattr(record, f.name), getattr(merged, f.name))
        for f in attrs.fields(Record)
        if getattr(record, f.name) != getattr(merged, f.name)
    }
    assert lost == {}
