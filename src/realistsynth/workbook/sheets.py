"""The sheet registry: what a workbook can hold, as plain tables built from a review.

A sheet is a function ``review -> SheetData`` (one or more tables: the CMOC sheets give one
table per theory version) registered under a stable name. The xlsx exporter writes whichever
sheets the user chooses, in registry order, so a new kind of sheet (flow counts, agreement,
a search appendix) is one :meth:`SheetRegistry.add` away and needs no change to the writer.
Tables carry layout hints (column widths, wrapping) but no openpyxl objects: they can be
tested, or written to another format, without Excel.

A builder that needs the export's options (the Records sheet honours the shared ``records``
option) takes a second parameter, a :class:`SheetContext`; a builder that takes only the
review (every sheet written before the context existed, plugins' sheets included) keeps
working: :meth:`SheetSpec.tables` looks at the builder's parameters and passes the context
only to a builder that can take it.

There is no global registry: :func:`realistsynth.workbook.review_sheets.default_sheets`
builds a fresh one each time it is called.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from attrs import field, frozen

from realistsynth.errors import ExportError
from realistsynth.model.common import check_id, non_empty
from realistsynth.model.review import Review
from realistsynth.protocols import RecordSelection

__all__ = [
    "Column",
    "ContextSheetBuilder",
    "SheetBuilder",
    "SheetContext",
    "SheetData",
    "SheetRegistry",
    "SheetSpec",
]

#: A cell value a sheet may hold.
CellValue = str | int | float | bool | None


@frozen
class Column:
    """One column: its header, its width in characters, and whether long text wraps."""

    title: str
    width: float = 14
    wrap: bool = False


def _column_tuple(items: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(items)


@frozen
class SheetData:
    """One table: a sheet title (at most 31 characters in Excel), columns and rows.

    ``rows`` may be any iterable (a generator for large sheets): it is consumed once, while
    the workbook is written. ``fit_rows`` asks for row heights fitted to wrapped text.
    """

    title: str = field(validator=non_empty)
    columns: tuple[Column, ...] = field(converter=_column_tuple)
    rows: Iterable[Sequence[CellValue]]
    #: give every row the height its wrapped text needs, top-aligned: for sheets people read
    #: (CMOC tables, quotations); left off for long data sheets, where it would cost more than
    #: the rest of the export
    fit_rows: bool = False
    #: what an empty table says instead of a bare header, so that no sheet is blank without a
    #: reason (default: the review holds none of them yet)
    empty: str = ""


def _mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    return dict(value)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen
class SheetContext:
    """What a workbook export asks of its sheets beyond the review.

    :ivar options: the exporter's parsed options (declared names, defaults filled in).
    :ivar records: which records the record sheets hold (the shared ``records`` option);
        ``None`` leaves each sheet to its own default.
    :ivar reference_order: record ids in the order of a reference list (the report's, in the
        citation style of the export's ``style`` option), which gives the a/b letters of the
        author-year labels; empty: date, then title (see :meth:`labels`).
    """

    options: Mapping[str, object] = field(factory=dict, converter=_mapping)
    records: RecordSelection | None = None
    reference_order: tuple[str, ...] = field(default=(), converter=_ids)

    def labels(self, review: Review) -> dict[str, str]:
        """Record id -> the author-year label every sheet shows for it, unique over the whole
        review (:func:`realistsynth.model.labels.author_year_labels`, in
        :attr:`reference_order`), so a label means one source on every sheet."""
        from realistsynth.model.labels import author_year_labels

        return author_year_labels(review.records.values(), self.reference_order)


#: Builds the tables of one kind of sheet from a review.
SheetBuilder = Callable[["Review"], Iterable[SheetData]]
#: Builds the tables of one kind of sheet from a review and the export's context.
ContextSheetBuilder = Callable[["Review", SheetContext], Iterable[SheetData]]


def _takes_context(build: Callable[..., object]) -> bool:
    """Whether ``build`` accepts a second positional argument (the context)."""
    try:
        parameters = inspect.signature(build).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: call it the old way
        return False
    positional = 0
    for p in parameters:
        if p.kind is p.VAR_POSITIONAL:
            return True
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional += 1
    return positional >= 2


@frozen
class SheetSpec:
    """A kind of sheet: its stable ``name`` (what ``--sheets`` takes) and its builder.

    ``build`` takes the review, or the review and a :class:`SheetContext`; call
    :meth:`tables` rather than ``build`` to get the right call for either.
    """

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    build: SheetBuilder | ContextSheetBuilder
    description: str = ""
    #: whether ``build`` takes the context (read once from its parameters)
    takes_context: bool = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "takes_context", _takes_context(self.build))

    def tables(self, review: Review, context: SheetContext | None = None) -> Iterable[SheetData]:
        """The sheet's tables for ``review``; the context goes to builders that take it.

        :param review: the review the sheet shows.
        :param context: the export's options (an empty context when not given).
        """
        if self.takes_context:
            build = self.build  # narrowed by the parameter check above
            return build(review, context or SheetContext())  # type: ignore[call-arg]
        return self.build(review)  # type: ignore[call-arg]


class SheetRegistry:
    """Kinds of sheets by name, in the order workbooks show them."""

    def __init__(self, specs: Iterable[SheetSpec] = ()) -> None:
        self._specs: dict[str, SheetSpec] = {}
        for spec in specs:
            self.add(spec)

    def add(self, spec: SheetSpec, *, replace: bool = False) -> None:
        """Register a kind of sheet; a name already taken is an error unless ``replace``."""
        if spec.name in self._specs and not replace:
            raise ExportError(f"a sheet named {spec.name!r} is already registered")
        self._specs[spec.name] = spec

    def __iter__(self) -> Iterator[SheetSpec]:
        return iter(self._specs.values())

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def names(self) -> tuple[str, ...]:
        """Every registered name, in order."""
        return tuple(self._specs)

    def select(self, names: Sequence[str] | None = None) -> list[SheetSpec]:
        """The chosen kinds in registry order (all of them when ``names`` is ``None``).

        :raises ExportError: naming any unknown sheet and listing the known ones.
        """
        if names is None:
            return list(self._specs.values())
        unknown = [n for n in names if n not in self._specs]
        if unknown:
            raise ExportError(
                f"unknown sheet(s) {', '.join(map(repr, unknown))} "
                f"(available: {', '.join(self._specs)})"
            )
        wanted = set(names)
        return [s for s in self._specs.values() if s.name in wanted]
