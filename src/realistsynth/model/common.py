"""Small value types shared by every stage of the model: ids, partial dates, locations.

Ids are human-readable and stable (``cmoc-1``, ``LK``, ``aunger2022``): they appear in project
files, in exported workbooks and in narratives, so they are restricted to characters that survive
all of those unchanged. Partial dates exist because bibliographic data and search logs are often
only a year, or a year and a month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs
from attrs import field, frozen

__all__ = [
    "ID_PATTERN",
    "MONTH_NAMES",
    "Location",
    "PartialDate",
    "PlainData",
    "check_id",
    "non_empty",
    "str_tuple",
]

if TYPE_CHECKING:
    _Attribute = attrs.Attribute[Any]
else:  # not subscriptable at run time; typing.get_type_hints reads this one
    _Attribute = attrs.Attribute


class PlainData:
    """Conversion to and from plain data (dicts, lists, text, numbers), for the value objects
    people exchange with other tools.

    The plain form is exactly the object's form in the project file: the same keys, enums as
    their values, dates as ISO text, defaults left out. It is made by the project file's one
    converter (:mod:`realistsynth.store.converter`), so the two can never drift apart.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """This object as plain data, as it stands in the project file.

        >>> from realistsynth import PartialDate, Record
        >>> Record("smith2020", title="On leadership", issued=PartialDate(2020)).to_dict()
        {'id': 'smith2020', 'title': 'On leadership', 'issued': '2020'}
        """
        from realistsynth.store.converter import plain

        return plain(self, type(self))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The object whose plain form is ``data`` (every value is checked, as on load).

        :param data: the plain form, as :meth:`to_dict` makes it or a project file holds it.
        :raises InvalidValueError: ``data`` does not describe a valid object; the message
            lists every problem with its key.
        """
        from realistsynth.store.converter import structure_or_explain

        return structure_or_explain(data, cls, where=cls.__name__)


#: What an id may look like: a letter or digit first, then letters, digits and ``._:-``.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$")


def check_id(instance: Any, attribute: _Attribute, value: str) -> None:
    """attrs validator: ``value`` is a well-formed id."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} {value!r} is not a valid id "
            "(letters, digits and . _ : - only, starting with a letter or digit, at most 128)"
        )


def non_empty(instance: Any, attribute: _Attribute, value: str) -> None:
    """attrs validator: ``value`` is a string with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


def _check_month(instance: PartialDate, attribute: _Attribute, value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month {value} is not between 1 and 12")


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: The English month names, January first: the one list the date checks, the readers and
#: the writers of month names and abbreviations take theirs from.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _check_day(instance: PartialDate, attribute: _Attribute, value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        raise ValueError("a day needs a month")
    if not 1 <= value <= 31:
        raise ValueError(f"day {value} is not between 1 and 31")
    month = instance.month
    if 1 <= month <= 12:
        leap = instance.year % 4 == 0 and (instance.year % 100 != 0 or instance.year % 400 == 0)
        days = _DAYS_IN_MONTH[month - 1] + (1 if month == 2 and leap else 0)
        if value > days:
            raise ValueError(
                f"day {value} does not exist: {MONTH_NAMES[month - 1]} {instance.year} has "
                f"{days} days"
            )


# "-01" ... "-31": a month's or a day's text in a date
_DASHED = tuple(f"-{number:02d}" for number in range(32))


@frozen(order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> str(PartialDate(2022, 9))
    '2022-09'
    """

    year: int = field(
        validator=attrs.validators.and_(
            attrs.validators.instance_of(int), attrs.validators.ge(0), attrs.validators.le(9999)
        )
    )
    month: int | None = field(default=None, validator=_check_month)
    day: int | None = field(default=None, validator=_check_day)

    def __str__(self) -> str:
        # a save writes this for every record: look-ups in two small tables, not format
        # specifications (380 ns to about 150; the property test in test_common holds it to
        # the formatted text)
        year = self.year
        text = str(year) if year >= 1000 else f"{year:04d}"
        month = self.month
        if month is None:
            return text
        day = self.day
        if day is None:
            return text + _DASHED[month]
        return text + _DASHED[month] + _DASHED[day]

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        :raises ValueError: for anything else.
        """
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


@frozen
class Location:
    """Where in a source an excerpt or quotation stands (page, section, paragraph ...)."""

    page: str | None = None
    section: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.page:
            parts.append(f"p. {self.page}")
        if self.section:
            parts.append(self.section)
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)


def str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    """attrs converter: any iterable of text to a tuple (so lists are accepted, tuples stored)."""
    return tuple(items)
