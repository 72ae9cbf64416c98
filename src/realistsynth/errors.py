"""The one exception tree of realistsynth.

Every error the library raises on purpose derives from :class:`RealistsynthError`, so an
embedding application can catch ours apart from Python's own. Each error carries *what* went
wrong and *where* (a file and line, a row, an id path inside a review) as attributes, not only
inside the message, so that a CLI or a GUI can point at the place.

The tree is shallow on purpose: callers branch on the family (review invariant, project file,
import, plugin, export), and tests can assert the precise subclass.
"""

from __future__ import annotations

__all__ = [
    "CodingFileError",
    "CodingImportError",
    "DecisionImportError",
    "DuplicateIdError",
    "ExportError",
    "InvalidReviewError",
    "InvalidValueError",
    "ParseError",
    "PluginError",
    "ProjectFileError",
    "QueryError",
    "QuerySyntaxError",
    "RealistsynthError",
    "RecordImportError",
    "RefinementError",
    "ReviewError",
    "SchemaVersionError",
    "ServiceError",
    "StageOrderError",
    "UnknownReferenceError",
]


class RealistsynthError(Exception):
    """Base of every error realistsynth raises on purpose.

    :param message: what went wrong, in words a reviewer understands.
    :param where: where it went wrong: an id path such as ``records/aunger2022``, or
        ``file.ris:12``. Empty when the place is the whole object.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class ReviewError(RealistsynthError):
    """A change to a review that would break one of its invariants."""


class DuplicateIdError(ReviewError):
    """An item was added under an id that the review already holds."""


class UnknownReferenceError(ReviewError):
    """An item refers to something the review does not hold (record, reviewer, stage ...)."""


class StageOrderError(ReviewError):
    """A screening decision was made at a stage the record has not reached."""


class RefinementError(ReviewError):
    """A theory refinement leaves a prior CMOC unaccounted for or points at a missing target."""


class InvalidValueError(ReviewError):
    """A value is outside what its definition allows (a judgement level, a field choice ...)."""


class InvalidReviewError(ReviewError):
    """A whole review (typically one just loaded) breaks one or more invariants.

    :param problems: every problem found, so that a user can fix them all at once.
    """

    def __init__(self, problems: list[ReviewError], *, where: str = "") -> None:
        self.problems = problems
        lines = [str(p) for p in problems]
        head = f"{len(problems)} problem(s) in the review"
        super().__init__(head + ":\n  " + "\n  ".join(lines), where=where)


class ProjectFileError(RealistsynthError):
    """A project file cannot be read or written."""


class SchemaVersionError(ProjectFileError):
    """A project file was written by a newer schema than this version of realistsynth knows."""


class RecordImportError(RealistsynthError):
    """Records could not be imported from a file or stream."""


class ParseError(RecordImportError):
    """A bibliographic file is malformed at a given place.

    :param file: the file name (or ``<stream>``).
    :param line: the 1-based line number, when the format has lines.
    """

    def __init__(self, message: str, *, file: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(message, where=where)


class PluginError(RealistsynthError):
    """A plugin failed to load or contributed something unusable."""


class ExportError(RealistsynthError):
    """An export could not be written."""


class DecisionImportError(RealistsynthError):
    """Decisions read from a workbook or another tool's export (screening decisions,
    de-duplication pair decisions) could not be applied.

    Nothing was applied: decisions are applied all together or not at all.

    :param problems: one message per bad row, each starting with its place (``sheet!row``).
    """

    def __init__(self, problems: list[str], *, where: str = "") -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s); no decision was applied"
        super().__init__(head + ":\n  " + "\n  ".join(problems), where=where)


class ServiceError(RealistsynthError):
    """A web service (OpenAlex, Crossref) could not be reached, refused, or answered with
    something that is not what its documentation promises; ``where`` is the request's URL.

    :param status: the HTTP status of the last answer, when there was one.
    """

    def __init__(self, message: str, *, where: str = "", status: int | None = None) -> None:
        super().__init__(message, where=where)
        self.status = status


class QueryError(RealistsynthError):
    """A search query cannot be read, or a dialect cannot be used as asked."""


class QuerySyntaxError(QueryError):
    """A search query is malformed at a given character position.

    :param text: the whole query as given.
    :param position: the 0-based index of the character where the problem is.
    """

    def __init__(self, message: str, *, text: str, position: int) -> None:
        self.text = text
        self.position = max(0, min(position, len(text)))
        super().__init__(message, where=f"column {self.position + 1}")

    def caret(self) -> str:
        """The query on one line and a caret under the offending character."""
        line_start = self.text.rfind("\n", 0, self.position) + 1
        line_end = self.text.find("\n", self.position)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        return f"{line}\n{' ' * (self.position - line_start)}^"


class CodingFileError(RealistsynthError):
    """A coding project (a REFI-QDA ``.qdpx`` archive, its ``project.qde``, a mapping file)
    cannot be read: not a zip, a path that leaves the archive, a compression bomb, malformed
    XML, an unknown mapping key. The message names the file and the member or line."""


class CodingImportError(RealistsynthError):
    """Coded selections or workbook rows could not be applied to the review.

    Nothing was applied: an import of coding is all or nothing.

    :param problems: one message per refused row, each starting with its place
        (``source name@start-end`` or ``sheet!row``).
    """

    def __init__(self, problems: list[str], *, where: str = "") -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s); nothing was applied"
        super().__init__(head + ":\n  " + "\n  ".join(problems), where=where)
