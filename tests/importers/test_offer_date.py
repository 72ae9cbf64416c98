"""``offer_date`` (what ``issued`` becomes when a date's text is offered, and whether the text
is also kept in ``extra``) took over ``merge_date``'s logic so that the RIS importer's learned
record patterns can call it without a collector. Both must still do what ``merge_date`` did
before: the reference below is that earlier ``merge_date`` as it was, on a plain collector.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from realistsynth.formats._tagged import FieldCollector, Memo, date_is_plain, merge_date, offer_date
from realistsynth.formats.normalise import parse_date
from realistsynth.model.common import PartialDate


def _earlier_merge_date(collector: FieldCollector, tag: str, text: str) -> None:
    """``merge_date`` before ``offer_date`` was split out of it (commit ea264d1)."""
    parsed, plain = parse_date(text), date_is_plain(text)
    if parsed is None:
        collector.keep(tag, text)
        return
    current: PartialDate | None = collector.fields.get("issued")
    captured = True
    if current is None:
        collector.fields["issued"] = parsed
    elif current.year == parsed.year and (
        current.month is None
        or parsed.month is None
        or (
            current.month == parsed.month
            and (current.day is None or parsed.day is None or current.day == parsed.day)
        )
    ):
        precision = 1 + (parsed.month is not None) + (parsed.day is not None)
        if precision > 1 + (current.month is not None) + (current.day is not None):
            collector.fields["issued"] = parsed
    else:
        captured = False
    if not captured or not plain:
        collector.keep(tag, text)


_YEARS = st.sampled_from(["2019", "2020"])
_MONTHS = st.sampled_from(["01", "1", "05", "Jan", "May", "may.", "December"])
_DAYS = st.sampled_from(["1", "01", "14", "31"])
_DATE_TEXTS = st.one_of(
    _YEARS,
    st.builds("{}/{}//".format, _YEARS, _MONTHS),
    st.builds("{}/{}/{}/".format, _YEARS, _MONTHS, _DAYS),
    st.builds("{}-{}-{}".format, _YEARS, _MONTHS, _DAYS),
    st.builds("{} {}".format, _YEARS, _MONTHS),
    st.builds("{} {} {}".format, _YEARS, _MONTHS, _DAYS),
    st.builds("{} {}".format, _MONTHS, _YEARS),
    st.builds("{} {}".format, _YEARS, st.sampled_from(["Spring", "Winter", "Jan-Feb", "epub"])),
    st.sampled_from(["", "n.d.", "in press", "Spring", "  2020  ", "2020/13//", "c2019"]),
    st.text(alphabet="0123456789 /-.JanMySpring", max_size=14),
)
_OFFERS = st.lists(st.tuples(st.sampled_from(["PY", "DA", "Y1"]), _DATE_TEXTS), max_size=6)


@settings(deadline=None)
@given(offers=_OFFERS)
def test_merge_date_does_what_it_did_before(offers: list[tuple[str, str]]) -> None:
    now, before = FieldCollector(), FieldCollector()
    for tag, text in offers:
        merge_date(now, tag, text)
        _earlier_merge_date(before, tag, text)
    assert now.fields == before.fields
    assert now.extra == before.extra


@settings(deadline=None)
@given(offers=_OFFERS)
def test_offer_date_alone_gives_what_merge_date_did(offers: list[tuple[str, str]]) -> None:
    """The way the learned record patterns call it: ``issued`` threaded by hand, one memo."""
    before = FieldCollector()
    dates = Memo().dates
    issued: PartialDate | None = None
    kept: dict[str, list[str]] = {}
    for tag, text in offers:
        issued, keep = offer_date(issued, text, dates)
        if keep:
            kept.setdefault(tag, []).append(text)
        _earlier_merge_date(before, tag, text)
    assert issued == before.fields.get("issued")
    assert kept == before.extra


def test_offer_date_by_hand() -> None:
    dates = Memo().dates
    # the first date sets issued; plain, so nothing kept
    assert offer_date(None, "2020", dates) == (PartialDate(2020), False)
    # a more precise date that agrees refines it
    assert offer_date(PartialDate(2020), "2020/05/14/", dates) == (PartialDate(2020, 5, 14), False)
    # a less precise one that agrees changes nothing
    assert offer_date(PartialDate(2020, 5), "2020", dates) == (PartialDate(2020, 5), False)
    # another date is kept beside issued
    assert offer_date(PartialDate(2020, 5), "2019", dates) == (PartialDate(2020, 5), True)
    assert offer_date(PartialDate(2020, 5), "2020/06//", dates) == (PartialDate(2020, 5), True)
    # a season sets the year and is kept, since the year does not say it
    assert offer_date(None, "2020 Spring", dates) == (PartialDate(2020), True)
    # no date at all: issued unchanged, text kept
    assert offer_date(None, "in press", dates) == (None, True)
    assert offer_date(PartialDate(2021), "n.d.", dates) == (PartialDate(2021), True)
