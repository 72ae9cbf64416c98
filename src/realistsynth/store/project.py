"""Loading and saving the project file (see the package docstring for the format's promises).

A load reads the file's bytes and lets orjson parse them, then structures the ``records``
and ``decisions`` lists one value at a time while freeing the parsed ones
(:func:`~realistsynth.store.record_hooks.structure_stream`); a save gives orjson the records
and decisions themselves and one dict at a time (:func:`~realistsynth.store.record_hooks.
json_default`). 100,000 records, collector on: a load 1.3x orjson's read and parse (was 2.7x),
a save 1.4x orjson's dump plus the same atomic write (was 2.2x), its encoding 1.6x orjson's
dump (was 8.7x); ``docs/benchmarks.md``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import attrs
import cattrs
import orjson
from cattrs.preconf.orjson import OrjsonConverter

from realistsynth.atomic import atomic_write
from realistsynth.errors import ProjectFileError, ReviewError, SchemaVersionError
from realistsynth.model.review import Review, ReviewDocument
from realistsynth.plugins.registry import PluginManager
from realistsynth.store.converter import describe_error, shared_converter
from realistsynth.store.migrations import migrate
from realistsynth.store.record_hooks import STREAMED, json_default, structure_stream

__all__ = ["FORMAT_NAME", "SCHEMA_VERSION", "check_file", "dumps", "load", "loads", "save"]

#: The file format's name, written into every file so a file can be recognised.
FORMAT_NAME = "realistsynth-review"
#: The schema version this release writes.
SCHEMA_VERSION = 3


def _converter() -> OrjsonConverter:
    return shared_converter()


def _unstructure(document: ReviewDocument) -> dict[str, Any]:
    """The plain form of ``document``, except that its records and decisions stay objects,
    which orjson asks :func:`~realistsynth.store.record_hooks.json_default` to write one at a
    time (so a save never holds a dict for every record)."""
    streamed = {key: getattr(document, key) for key in STREAMED}
    empty: dict[str, Any] = dict.fromkeys(STREAMED, ())
    rest = attrs.evolve(document, **empty)
    body: dict[str, Any] = _converter().unstructure(rest, ReviewDocument)
    # each key where the converter puts it (field order; an empty collection left out)
    return {
        key: streamed[key] if key in streamed else body[key]
        for key in _FIELD_ORDER
        if streamed.get(key) or key in body
    }


_FIELD_ORDER = [a.name for a in attrs.fields(ReviewDocument)]


def _dump_bytes(review: Review) -> bytes:
    doc = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "review": _unstructure(review.to_document()),
    }
    # orjson keeps insertion order and writes UTF-8; with indentation it is ~10x faster than
    # the standard library, whose C encoder is disabled by ``indent``
    try:
        return orjson.dumps(
            doc, default=json_default(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        )
    except orjson.JSONEncodeError as exc:
        # a lone surrogate or an integer beyond 64 bits: refused on the way in where we can,
        # named here where we cannot, never a half-written file
        raise ProjectFileError(f"the review cannot be written as JSON: {exc}") from None


def dumps(review: Review) -> str:
    """The project-file text of ``review``."""
    return _dump_bytes(review).decode("utf-8")


_BOM = b"\xef\xbb\xbf"


def _parse(text: str | bytes, where: str) -> dict[str, Any]:
    """The checked top level of a project file; ``text`` as bytes is a file's content
    (UTF-8, a BOM read past), which orjson parses without a decoded copy."""
    try:
        if isinstance(text, bytes):
            # a BOM is not JSON, but editors on Windows add one: it is read past, not refused
            doc = orjson.loads(memoryview(text)[3:] if text.startswith(_BOM) else text)
        else:
            doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if isinstance(text, bytes):
            try:  # only now, on an error: which came first, bytes that are not UTF-8?
                text.decode("utf-8-sig")
            except UnicodeDecodeError as bad:
                raise ProjectFileError(f"not UTF-8 text (byte {bad.start})", where=where) from None
        raise ProjectFileError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", where=where
        ) from None
    if not isinstance(doc, dict) or "schema_version" not in doc or "review" not in doc:
        raise ProjectFileError(
            "not a realistsynth project file (no 'schema_version' and 'review')", where=where
        )
    if doc.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise ProjectFileError(
            f"the format is {doc['format']!r}, not {FORMAT_NAME!r}: not a realistsynth project "
            "file",
            where=where,
        )
    unknown = sorted(set(doc) - _TOP_LEVEL_KEYS)
    if unknown:
        raise ProjectFileError(
            f"unknown top-level key(s) {', '.join(map(repr, unknown))} (a project file has "
            f"only {', '.join(sorted(_TOP_LEVEL_KEYS))})",
            where=where,
        )
    if not isinstance(doc["review"], dict):
        raise ProjectFileError("'review' is not a JSON object", where=where)
    version = doc["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(f"schema_version {version!r} is not a version", where=where)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"written with schema version {version}, but this realistsynth reads up to "
            f"{SCHEMA_VERSION}: upgrade realistsynth to open it",
            where=where,
        )
    if version < SCHEMA_VERSION:
        try:
            doc = migrate(doc, version, SCHEMA_VERSION)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            # an old file of the wrong shape: the migration cannot read it
            raise ProjectFileError(
                f"a schema-{version} file whose content does not fit schema {version} "
                f"({type(exc).__name__}: {exc}); it cannot be migrated",
                where=where,
            ) from None
    result: dict[str, Any] = doc
    return result


_TOP_LEVEL_KEYS = frozenset({"format", "schema_version", "review"})


def _structure(doc: dict[str, Any], where: str) -> ReviewDocument:
    """The review of ``doc``, whose records and decisions it takes apart as it goes (``doc`` is the
    caller's own parse; :func:`~realistsynth.store.record_hooks.structure_stream` says why)."""
    converter = _converter()
    review = doc["review"]
    streamed: dict[str, Any] = {}
    for key, cls in STREAMED.items():
        items = review.get(key)
        if type(items) is list:
            built = structure_stream(items, cls, converter.get_structure_hook(cls))
            if built is None:  # the converter will report its errors
                break
            streamed[key] = built
    try:
        document = converter.structure(review, ReviewDocument)
        return attrs.evolve(document, **streamed) if streamed else document
    except Exception as exc:  # cattrs raises ExceptionGroups of any validator's errors
        if isinstance(exc, cattrs.BaseValidationError):
            messages = cattrs.transform_error(exc, path="review", format_exception=describe_error)
        else:
            messages = [str(exc)]
        raise ProjectFileError(
            "the review does not fit the schema:\n  " + "\n  ".join(messages), where=where
        ) from None


def loads(text: str, *, where: str = "<string>") -> Review:
    """Read a review from project-file text.

    :raises ProjectFileError: the text is not a project file, or does not fit the schema.
    :raises SchemaVersionError: it was written by a newer schema.
    :raises InvalidReviewError: it breaks review invariants (every problem is listed).
    """
    return _load(text, where=where)


def _load(text: str | bytes, *, where: str) -> Review:
    return Review.from_document(_structure(_parse(text, where), where), where=where)


#: The largest project file read (bytes): far above any review, far below a memory problem.
MAX_PROJECT_BYTES = 2 * 1024**3


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ProjectFileError(
                "not a regular file (a device, pipe or folder cannot be a project file)",
                where=str(path),
            )
        if info.st_size > MAX_PROJECT_BYTES:
            raise ProjectFileError(
                f"{info.st_size:,} bytes: larger than the {MAX_PROJECT_BYTES:,} a project file "
                "may have",
                where=str(path),
            )
        # decoded by orjson as it parses (see _parse: a BOM, bytes that are not UTF-8)
        return path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError("no such file", where=str(path)) from None
    except OSError as exc:
        raise ProjectFileError(exc.strerror or str(exc), where=str(path)) from None


def load(path: str | os.PathLike[str], *, plugin_manager: PluginManager | None = None) -> Review:
    """Read the review saved at ``path`` (migrating an older schema in memory).

    :param plugin_manager: if given, its subscribers of ``realistsynth_review_loaded`` are
        told (a subscriber that fails is reported, never allowed to fail the load).
    """
    p = Path(path)
    review = _load(_read_bytes(p), where=str(p))
    if plugin_manager is not None:
        plugin_manager.notify("realistsynth_review_loaded", review=review, path=str(p))
    return review


def check_file(path: str | os.PathLike[str]) -> list[str]:
    """Every problem of the project file at ``path``, as messages; empty when it is valid.

    Unlike :func:`load` this does not stop at the first kind of problem it can report: all
    schema errors, or else all invariant violations, are listed.
    """
    p = Path(path)
    try:
        doc = _structure(_parse(_read_bytes(p), str(p)), str(p))
    except ProjectFileError as exc:
        return [str(exc)]
    try:
        Review.from_document(doc)
    except ReviewError as exc:
        problems = getattr(exc, "problems", [exc])
        return [str(problem) for problem in problems]
    return []


def save(
    review: Review,
    path: str | os.PathLike[str],
    *,
    plugin_manager: PluginManager | None = None,
) -> None:
    """Write ``review`` to ``path`` atomically.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed
    over ``path``: a crash at any moment leaves either the old file or the new one, whole.

    :param plugin_manager: if given, its subscribers of ``realistsynth_review_saved`` are told
        once the file is in place.
    """
    data = _dump_bytes(review)
    with atomic_write(path, error=ProjectFileError) as stream:
        stream.write(data)
    if plugin_manager is not None:
        plugin_manager.notify("realistsynth_review_saved", review=review, path=os.fspath(path))
