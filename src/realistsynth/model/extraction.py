"""Extraction: study characteristics, coded extracts, and the theory-gleaning sources.

Study characteristics follow a per-review form (:class:`FieldDefinition`), so values are checked
against their definition. A :class:`CodedExtract` is a passage of a record coded with the
review's :class:`ConfigurationHeuristic` (CMO, Dalkin et al.'s C / M-Res / M-Rea / O, ICAMO):
the heuristic and its operational definitions are part of the review, as the worked example's
Table 1 is part of the paper. An extract coded in a qualitative-analysis tool keeps its
:class:`TextSpan` (the source text's SHA-256 and the passage's start and end, counted in the
coding tool's units: REFI-QDA exports count UTF-16 code units), its several codes and tags, the
coder's memos (retroductive reasoning is part of the audit trail), and, where the coder restated
the passage as a whole configuration, that if-then-because ``statement``: coding to a whole CMO
is a route of its own, not only coding C, M and O fragments. :class:`SourceText` keeps the text
of a record that passages were coded in, so the audit trail reaches back to the words. Key
informants are anonymised (``[1]``); their
:class:`Quotation` objects, and passages of policy documents, feed the initial theory.
"""

from __future__ import annotations

import bisect
import enum
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from realistsynth.model.common import Location, PlainData, check_id, non_empty, str_tuple


def _codedefinition_tuple(items: Iterable[CodeDefinition]) -> tuple[CodeDefinition, ...]:
    return tuple(items)


__all__ = [
    "CodeDefinition",
    "CodedExtract",
    "ConfigurationHeuristic",
    "FieldDefinition",
    "FieldType",
    "FieldValue",
    "Informant",
    "Memo",
    "OffsetUnit",
    "Quotation",
    "SourceText",
    "StudyCharacteristics",
    "TextSpan",
    "TheoryDocument",
    "TheoryDocumentKind",
]

#: A study-characteristic value: scalars, or a tuple of choices for multi-choice fields.
FieldValue = str | int | float | bool | tuple[str, ...]


class FieldType(enum.Enum):
    """The type of a study-characteristic field."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MULTI_CHOICE = "multi-choice"


@frozen
class FieldDefinition:
    """One field of the extraction form."""

    name: str = field(validator=check_id)
    label: str = field(validator=non_empty)
    type: FieldType = FieldType.TEXT
    allowed: tuple[str, ...] = field(default=(), converter=str_tuple)
    required: bool = False
    help: str | None = None

    def __attrs_post_init__(self) -> None:
        choice = self.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
        if choice and not self.allowed:
            raise ValueError(f"field {self.name!r} is a choice field without allowed values")
        if not choice and self.allowed:
            raise ValueError(f"field {self.name!r} lists allowed values but is not a choice")

    def problem(self, value: Any) -> str | None:
        """Why ``value`` does not fit this field, or ``None`` if it does."""
        expected: dict[FieldType, tuple[type, ...]] = {
            FieldType.TEXT: (str,),
            FieldType.INTEGER: (int,),
            FieldType.NUMBER: (int, float),
            FieldType.BOOLEAN: (bool,),
            FieldType.CHOICE: (str,),
            FieldType.MULTI_CHOICE: (tuple,),
        }
        types = expected[self.type]
        is_bool = isinstance(value, bool)
        if not isinstance(value, types) or (is_bool and self.type is not FieldType.BOOLEAN):
            return f"{self.name}: {value!r} is not of type {self.type.value}"
        if self.type is FieldType.CHOICE and value not in self.allowed:
            return f"{self.name}: {value!r} is not one of {list(self.allowed)}"
        if self.type is FieldType.MULTI_CHOICE and isinstance(value, tuple):
            bad = [v for v in value if v not in self.allowed]
            if bad:
                return f"{self.name}: {bad} not among {list(self.allowed)}"
        return None


@frozen
class StudyCharacteristics:
    """The extraction-form values of one record."""

    record_id: str = field(validator=check_id)
    values: dict[str, FieldValue] = field(factory=dict, hash=False)


@frozen
class CodeDefinition:
    """One code of a configuration heuristic with its operational definition."""

    code: str = field(validator=check_id)
    label: str = field(validator=non_empty)
    definition: str | None = None


@frozen
class ConfigurationHeuristic:
    """How extracts are coded: the codes, their definitions, the formula that links them."""

    name: str = field(validator=check_id)
    title: str = field(validator=non_empty)
    codes: tuple[CodeDefinition, ...] = field(converter=_codedefinition_tuple)
    formula: str | None = None
    citation: str | None = None

    def __attrs_post_init__(self) -> None:
        codes = [c.code for c in self.codes]
        if not codes or len(set(codes)) != len(codes):
            raise ValueError(f"heuristic {self.name!r} needs distinct codes")

    def code(self, code: str) -> CodeDefinition | None:
        """The definition of ``code``, if the heuristic has it."""
        return next((c for c in self.codes if c.code == code), None)

    def with_definitions(self, definitions: Mapping[str, str]) -> ConfigurationHeuristic:
        """The same heuristic with the review's own operational definitions of some codes.

        A review adopts a heuristic with its definitions (the worked example's Table 1)::

            DALKIN.with_definitions({"C": "A situation or condition ...", "O": "Result ..."})

        Keys are codes (``"M-Res"``) or labels (``"Mechanism (resource)"``); codes not named
        keep their generic definition. The name is kept, so the review still says which
        heuristic it follows.

        :raises ValueError: if a key names no code of the heuristic, or a definition is empty.
        """
        by_key: dict[str, str] = {}
        for key, text in definitions.items():
            match = next((c.code for c in self.codes if key in (c.code, c.label)), None)
            if match is None:
                known = [c.code for c in self.codes]
                raise ValueError(f"heuristic {self.name!r} has no code {key!r} (codes: {known})")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the definition of {key!r} is empty")
            by_key[match] = text
        codes = tuple(
            attrs.evolve(c, definition=by_key[c.code]) if c.code in by_key else c
            for c in self.codes
        )
        return attrs.evolve(self, codes=codes)


def _memo_tuple(items: Iterable[Memo]) -> tuple[Memo, ...]:
    return tuple(items)


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def text_sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` encoded as UTF-8 (the hash a :class:`TextSpan` names)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OffsetUnit(enum.Enum):
    """What the start and end of a :class:`TextSpan` count.

    REFI-QDA projects written by NVivo count UTF-16 code units, so an emoji (an astral
    character) is two units; Python strings count code points.
    """

    UTF16 = "utf-16"
    CODE_POINT = "code-point"

    def length(self, text: str) -> int:
        """The length of ``text`` in this unit."""
        if self is OffsetUnit.CODE_POINT:
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def to_index(self, text: str, offset: int) -> int | None:
        """The Python string index of ``offset`` in ``text``, or ``None`` when the offset
        falls outside the text or inside a surrogate pair."""
        if offset < 0:
            return None
        if self is OffsetUnit.CODE_POINT:
            return offset if offset <= len(text) else None
        data = text.encode("utf-16-le", "surrogatepass")
        if 2 * offset > len(data):
            return None
        try:
            return len(data[: 2 * offset].decode("utf-16-le"))
        except UnicodeDecodeError:
            return None


def _check_sha256(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a lower-case hex SHA-256")


def _check_offset(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{attribute.name} {value!r} is not a non-negative integer")


@frozen
class TextSpan:
    """Where a passage stands in a source text: the text's SHA-256, start and end (end
    exclusive) in ``unit``."""

    source_hash: str = field(validator=_check_sha256)
    start: int = field(validator=_check_offset)
    end: int = field(validator=_check_offset)
    unit: OffsetUnit = OffsetUnit.UTF16

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")

    def quote(self, text: str) -> str | None:
        """The passage of ``text`` between start and end, or ``None`` if the offsets do not
        fall on characters of ``text``."""
        begin = self.unit.to_index(text, self.start)
        finish = self.unit.to_index(text, self.end)
        if begin is None or finish is None:
            return None
        return text[begin:finish]


@frozen
class Memo:
    """A memo written while coding: retroductive reasoning, a doubt, a decision."""

    text: str = field(validator=non_empty)
    author: str | None = None
    title: str | None = None


@frozen
class SourceText:
    """The text of a record that passages were coded in (a paper's full text, a transcript).

    Kept so that every extract's quotation can be checked against the words it came from.
    """

    record_id: str = field(validator=check_id)
    text: str = field(validator=non_empty)
    name: str | None = None
    sha256: str = field(init=False, eq=False, repr=False)
    # UTF-16 offset of each astral character (two code units): turns offsets into indices by
    # bisection instead of re-encoding the whole text for every extract
    _astral_units: tuple[int, ...] = field(init=False, eq=False, repr=False)

    @sha256.default
    def _hash(self) -> str:
        return text_sha256(self.text)

    @_astral_units.default
    def _astral(self) -> tuple[int, ...]:
        if self.text.isascii():
            return ()
        return tuple(
            index + k
            for k, index in enumerate(i for i, ch in enumerate(self.text) if ord(ch) > 0xFFFF)
        )

    def index(self, offset: int, unit: OffsetUnit) -> int | None:
        """The string index of ``offset`` (in ``unit``), or ``None`` when it falls outside
        the text or inside a character."""
        if unit is OffsetUnit.CODE_POINT or not self._astral_units:
            return offset if 0 <= offset <= len(self.text) else None
        before = bisect.bisect_left(self._astral_units, offset)
        if before and self._astral_units[before - 1] + 1 == offset:
            return None  # between the two code units of one character
        index = offset - before
        return index if 0 <= index <= len(self.text) else None

    def quote(self, span: TextSpan) -> str | None:
        """The passage ``span`` places in this text, or ``None`` when it does not fit."""
        begin = self.index(span.start, span.unit)
        end = self.index(span.end, span.unit)
        if begin is None or end is None or end < begin:
            return None
        return self.text[begin:end]


@frozen
class CodedExtract(PlainData):
    """A passage of a record, where it stands, and the codes given to it.

    ``codes`` are codes of the review's heuristic (a passage may carry several); ``tags`` are
    any other codes (themes, a tool's own nodes). ``statement`` restates the passage as a whole
    if-then-because configuration when the coder coded it to a whole CMO. ``span`` places the
    quoted ``text`` exactly in a :class:`SourceText`.
    """

    id: str = field(validator=check_id)
    record_id: str = field(validator=check_id)
    text: str = field(validator=non_empty)
    codes: tuple[str, ...] = field(default=(), converter=str_tuple)
    location: Location | None = None
    coder: str | None = None
    note: str | None = None
    span: TextSpan | None = None
    tags: tuple[str, ...] = field(default=(), converter=str_tuple)
    statement: str | None = None
    memos: tuple[Memo, ...] = field(default=(), converter=_memo_tuple)

    def __attrs_post_init__(self) -> None:
        if self.span is not None:
            length = self.span.unit.length(self.text)
            if length != self.span.end - self.span.start:
                raise ValueError(
                    f"extract {self.id!r}: the quoted text is {length} {self.span.unit.value} "
                    f"unit(s) long but its span {self.span.start}-{self.span.end} is "
                    f"{self.span.end - self.span.start}"
                )


class TheoryDocumentKind(enum.Enum):
    """What a document kept outside selection is: a theory-gleaning document (policy,
    guidance, scoping literature, other), or a work cited for the review's method."""

    POLICY = "policy"
    GUIDANCE = "guidance"
    SCOPING_LITERATURE = "scoping-literature"
    OTHER = "other"
    #: a work the report cites for its method (Booth et al. 2018 on scoping searches): not
    #: screened, not counted as theory gleaning, but listed among the references
    METHODS = "methods"

    @property
    def gleans_theory(self) -> bool:
        """Whether documents of this kind informed the initial programme theory."""
        return self is not TheoryDocumentKind.METHODS


@frozen
class TheoryDocument:
    """A record used to glean the initial theory (policy, guidance, scoping literature)."""

    record_id: str = field(validator=check_id)
    kind: TheoryDocumentKind = TheoryDocumentKind.POLICY
    note: str | None = None


@frozen
class Informant:
    """An anonymised key informant, cited as ``[label]`` (``[1]``)."""

    id: str = field(validator=check_id)
    label: str = field(validator=non_empty)
    role: str | None = None
    note: str | None = None


@frozen
class Quotation:
    """Words of an informant, or of a theory document, with where they stand."""

    id: str = field(validator=check_id)
    text: str = field(validator=non_empty)
    informant_id: str | None = None
    record_id: str | None = None
    location: Location | None = None
    codes: tuple[str, ...] = field(default=(), converter=str_tuple)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.informant_id is None) == (self.record_id is None):
            raise ValueError(f"quotation {self.id!r} needs exactly one of informant or record")
