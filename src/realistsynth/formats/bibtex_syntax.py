"""The syntax of BibTeX and BibLaTeX files: entries, fields, ``@string`` macros, concatenation.

This module only cuts a file into entries of raw (still LaTeX-encoded) field values; what the
fields *mean* is :mod:`realistsynth.formats.bibtex_reader`'s job, and LaTeX is
:mod:`realistsynth.formats.latex`'s.

We write our own parser rather than use bibtexparser v2 for three measured reasons
(``benchmarks/bench_bibtex.py``: 100,000 entries with 1,200-character abstracts, 2 cores,
best of 3): with its LaTeX-decoding middleware bibtexparser 2.1 reads about 150 records/s;
our importer reads about 4,800 records/s with LaTeX decoded, names split and records built
(about 30 times more, and 80% of bibtexparser's speed *without* decoding, 5,800 records/s),
in 895 MB peak against bibtexparser's 1,262 MB without decoding. bibtexparser's decoding
also turns "50% of patients" into "50", and a missing comma between two fields silently
merges them; here a missing comma is an error naming the line.

How it reads:

* An entry starts with ``@type{`` or ``@type(`` anywhere outside another entry; text between
  entries is a comment (Cochrane's ``Record #3 of 120`` lines, Zotero's notes ...).
* Values are ``{...}`` with nested braces, ``"..."`` (braces inside protect quotes), numbers or
  macro names, joined with ``#``. Macros are case-insensitive; ``jan`` .. ``dec`` are
  predefined as BibTeX defines them.
* ``@comment`` and ``@preamble`` are skipped; ``@string`` defines a macro.
* A broken entry is reported with its line and reason, and reading resumes at the next line
  that starts an entry (``@type{`` at the start of a line), so one bad record costs one record.
  The same bound keeps an unclosed brace from swallowing the rest of the file; the price is
  that a value may not contain a line that itself starts like an entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from realistsynth.model.common import MONTH_NAMES

__all__ = ["BibEntry", "BrokenEntry", "parse_bibtex"]

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t\n]*([{(])")
_LINE_ENTRY_START = re.compile(r"\n[ \t]*@[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t\n]*[{(]")
_SPACE = re.compile(r"[ \t\n\r\f\v]*")
_KEY = re.compile(r"[ \t\n\r]*([^,\s{}()=\"#]*)[ \t\n\r]*")
_NOT_IN_KEY = re.compile(r"[={}()\"#]")
# Scopus numbers repeated fields with a no-break space: "funding_text\u00a01={...}"
# Web of Science's savedrecs.bib has brackets inside names: "Usage-Count-(Last-180-days)"
_NAME = re.compile(r"[^\s=,{}\"#%()][^\s=,{}\"#%]*(?:\u00a0\d+)?")
_BRACE = re.compile(r"[{}]")
_QUOTE_OR_BRACE = re.compile(r'[{}"]')
_BARE = re.compile(r"[^\s,#{}\"=()]+")
_BRACED_FIELD = re.compile(
    r"[ \t\n\r\f\v]*([^\s=,{}\"#%()][^\s=,{}\"#%]*)[ \t\n\r\f\v]*=[ \t\n\r\f\v]*\{"
)
_NEXT_FIELD = re.compile(r"[^\s=,{}\"#%()][^\s=,{}\"#%]*[ \t\n\r]*=")
#: The longest value read, after ``@string`` macros are expanded (characters): 100 times the
#: longest abstract; a file of doubling macros would otherwise grow to gigabytes.
MAX_VALUE_CHARS = 1_000_000

#: the field under which text that follows a value and is not BibTeX is kept
UNPARSED_FIELD = "unparsed"

#: BibTeX's predefined month macros (``month = may``)
_MONTH_MACROS = {name[:3].lower(): name for name in MONTH_NAMES}


@frozen
class BibEntry:
    """One entry as written: its type (lower case), key, fields in order, and position.

    ``fields`` holds ``(name as written, raw value)`` pairs; raw values still hold LaTeX and
    grouping braces, with macros expanded and ``#`` concatenations joined.
    """

    kind: str
    key: str | None
    fields: tuple[tuple[str, str], ...]
    index: int
    line: int


@frozen
class BrokenEntry:
    """An entry that could not be read: its index, the line of the problem, and why."""

    index: int
    line: int
    reason: str


class _SyntaxProblem(Exception):
    def __init__(self, pos: int, reason: str) -> None:
        self.pos = pos
        self.reason = reason


class _Garbage(_SyntaxProblem):
    """Text that is not BibTeX after a value (perhaps recoverable, see ``_Reader.garbage``)."""


class _Lines:
    """1-based line numbers of positions, counted incrementally as reading moves forward."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def at(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.macros: dict[str, str] = dict(_MONTH_MACROS)
        self.warnings: list[tuple[int, str]] = []
        #: text after values that is not BibTeX, in the entry being read
        self.unparsed: list[str] = []

    def skip_space(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        assert match is not None
        return match.end()

    def braced(self, pos: int, limit: int) -> int:
        """Position of the ``}`` closing the ``{`` at ``pos``."""
        depth = 1
        search = _BRACE.search
        at = pos + 1
        while True:
            match = search(self.text, at, limit)
            if match is None:
                raise _SyntaxProblem(pos, "a '{' is never closed")
            depth += 1 if match.group() == "{" else -1
            if depth == 0:
                return match.start()
            at = match.end()

    def quoted(self, pos: int, limit: int) -> int:
        """Position of the ``"`` closing the ``"`` at ``pos`` (braces protect quotes)."""
        depth = 0
        at = pos + 1
        while True:
            match = _QUOTE_OR_BRACE.search(self.text, at, limit)
            if match is None:
                raise _SyntaxProblem(pos, "a '\"' is never closed")
            char = match.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    raise _SyntaxProblem(match.start(), "a '}' inside a quoted value is unmatched")
            elif depth == 0:
                return match.start()
            at = match.end()

    def value(self, pos: int, limit: int, field: str) -> tuple[str, int]:
        """A value (pieces joined by ``#``) starting at ``pos``; returns it and the end."""
        text = self.text
        pieces: list[str] = []
        size = 0
        while True:
            if size > MAX_VALUE_CHARS:
                raise _SyntaxProblem(
                    pos,
                    f"the value of {field!r} grows beyond the limit of {MAX_VALUE_CHARS:,} "
                    "characters once its @string macros are expanded (a macro bomb?)",
                )
            pos = self.skip_space(pos)
            char = text[pos] if pos < limit else ""
            if char == "{":
                end = self.braced(pos, limit)
                pieces.append(text[pos + 1 : end])
                pos = end + 1
            elif char == '"':
                end = self.quoted(pos, limit)
                pieces.append(text[pos + 1 : end])
                pos = end + 1
            else:
                match = _BARE.match(text, pos, limit)
                if match is None:
                    raise _SyntaxProblem(pos, f"field {field!r} has no value")
                token = match.group()
                if token.isdigit():
                    pieces.append(token)
                else:
                    expansion = self.macros.get(token.lower())
                    if expansion is None:
                        self.warnings.append((pos, f"undefined macro {token!r} kept as text"))
                        expansion = token
                    pieces.append(expansion)
                    size += len(expansion)
                pos = match.end()
            pos = self.skip_space(pos)
            if pos < limit and text[pos] == "#" and size <= MAX_VALUE_CHARS:
                pos += 1
                continue
            if size > MAX_VALUE_CHARS:
                continue  # refused at the top of the loop, with the place
            return "".join(pieces), pos

    def after_value(self, pos: int, limit: int, closer: str, field: str) -> tuple[bool, int]:
        """After a value: ``(True, end)`` if the entry closes, ``(False, next)`` after a comma."""
        char = self.text[pos] if pos < limit else ""
        if char == ",":
            return False, pos + 1
        if char == closer:
            return True, pos + 1
        if not char:
            raise _SyntaxProblem(pos, f"the entry is not closed with {closer!r}")
        following = _NEXT_FIELD.match(self.text, pos, limit)
        if following is not None:
            name = _NAME.match(self.text, pos, limit)
            assert name is not None
            raise _SyntaxProblem(
                pos,
                f"missing comma between field {field!r} and field {name.group()!r}",
            )
        raise _Garbage(pos, f"unexpected {char!r} after the value of field {field!r}")

    def garbage(self, pos: int, limit: int, closer: str) -> tuple[str, tuple[bool, int]] | None:
        """Text left inside an entry after a value (from a web page pasted into a field), up
        to the comma that is followed by the next field or the entry's end; ``None`` when no
        such comma is on the same line."""
        text = self.text
        line_end = text.find("\n", pos, limit)
        line_end = limit if line_end < 0 else line_end
        comma = text.find(",", pos, line_end)
        while comma >= 0:
            after = self.skip_space(comma + 1)
            if after >= limit or text[after] == closer:
                return text[pos:comma].strip(), (True, after + 1 if after < limit else after)
            if _NEXT_FIELD.match(text, after, limit):
                return text[pos:comma].strip(), (False, comma + 1)
            comma = text.find(",", comma + 1, line_end)
        stripped = text[pos:line_end].rstrip()
        after = self.skip_space(line_end)
        if stripped.endswith(closer) and (after >= limit or text[after] == "@"):
            return stripped[:-1].strip(), (True, pos + len(stripped))
        return None

    def fields(self, pos: int, limit: int, closer: str) -> tuple[list[tuple[str, str]], int]:
        text = self.text
        fields: list[tuple[str, str]] = []
        fast = _BRACED_FIELD.match
        while True:
            # fast path for the common `name = {value},`; anything else takes the full path
            match = fast(text, pos, limit)
            if match is not None:
                try:
                    end = self.braced(match.end() - 1, limit)
                except _SyntaxProblem:  # the full path below says why, or recovers
                    end = limit - 1
                after = self.skip_space(end + 1)
                char = text[after] if after < limit else ""
                if char == "," or char == closer:
                    fields.append((match.group(1), text[match.end() : end]))
                    if char == closer:
                        return fields, after + 1
                    pos = after + 1
                    continue
            pos = self.skip_space(pos)
            if pos >= limit:
                raise _SyntaxProblem(pos, f"the entry is not closed with {closer!r}")
            if text[pos] == closer:
                return fields, pos + 1
            match = _NAME.match(text, pos, limit)
            if match is None:
                raise _SyntaxProblem(pos, f"expected a field name, found {text[pos]!r}")
            name = match.group().replace("\u00a0", " ")
            pos = self.skip_space(match.end())
            if pos >= limit or text[pos] != "=":
                raise _SyntaxProblem(pos, f"expected '=' after field name {name!r}")
            try:
                raw, end = self.value(pos + 1, limit, name)
                closed, end = self.after_value(end, limit, closer, name)
            except _SyntaxProblem as problem:
                recovered = self.line_value(pos + 1, limit, closer)
                if recovered is not None:
                    raw, end = recovered
                    closed = False
                    self.warnings.append(
                        (pos, f"field {name!r} has unbalanced braces; read to the end of its line")
                    )
                else:
                    garbage = (
                        self.garbage(problem.pos, limit, closer)
                        if isinstance(problem, _Garbage)
                        else None
                    )
                    if garbage is None:
                        raise
                    raw, _ = self.value(pos + 1, limit, name)
                    junk, (closed, end) = garbage
                    self.warnings.append(
                        (
                            problem.pos,
                            f"text after the value of field {name!r} is not BibTeX "
                            f"({junk[:40]!r}); the entry is kept and the text saved in its "
                            f"'{UNPARSED_FIELD}' field",
                        )
                    )
                    self.unparsed.append(junk)
            fields.append((name, raw))
            pos = end
            if closed:
                return fields, pos

    def line_value(self, pos: int, limit: int, closer: str) -> tuple[str, int] | None:
        """A braced value with unbalanced braces inside, read as its whole line, when the
        line ends with ``},`` and the next line starts a field or closes the entry: Scopus
        writes one field per line and does not escape braces in abstracts ("∼}7× 106").
        ``None`` when the value does not look like that."""
        text = self.text
        pos = self.skip_space(pos)
        if pos >= limit or text[pos] != "{":
            return None
        line_end = text.find("\n", pos, limit)
        if line_end < 0:
            return None
        line = text[pos:line_end].rstrip()
        if not line.endswith("},"):
            return None
        after = self.skip_space(line_end)
        if after < limit and text[after] != closer and not _NEXT_FIELD.match(text, after, limit):
            return None
        return line[1:-2], pos + len(line)

    def string_macro(self, pos: int, limit: int, closer: str) -> int:
        fields, end = self.fields(pos, limit, closer)
        for name, raw in fields:
            self.macros[name.lower()] = raw
        return end

    def skip_block(self, pos: int, limit: int, opener: str) -> int:
        if opener == "{":
            try:
                return self.braced(pos - 1, limit) + 1
            except _SyntaxProblem:
                return limit
        end = self.text.find(")", pos, limit)
        return limit if end < 0 else end + 1

    def entry(
        self, match: re.Match[str], limit: int
    ) -> tuple[str | None, list[tuple[str, str]], int]:
        closer = "}" if match.group(2) == "{" else ")"
        pos = match.end()
        key_match = _KEY.match(self.text, pos, limit)
        assert key_match is not None
        after = key_match.end()
        char = self.text[after] if after < limit else ""
        key = key_match.group(1) or None
        if char == "=":  # no key: the first word was a field name
            key, after = None, pos
        elif char == ",":
            after += 1
        elif char == closer:
            return key, [], after + 1
        else:
            # Scopus writes keys with a space ("Conference paper2022775"): the key runs to a
            # comma on the same line if nothing between could start a field
            comma = self.text.find(",", after, limit)
            line_end = self.text.find("\n", after, limit)
            if comma < 0 or 0 <= line_end < comma or _NOT_IN_KEY.search(self.text, after, comma):
                raise _SyntaxProblem(after, f"expected ',' after the entry key {key or ''!r}")
            key = self.text[key_match.start(1) : comma].rstrip()
            after = comma + 1
        self.unparsed = []
        fields, end = self.fields(after, limit, closer)
        fields.extend((UNPARSED_FIELD, junk) for junk in self.unparsed)
        return key, fields, end


def parse_bibtex(text: str) -> Iterator[BibEntry | BrokenEntry | tuple[int, str]]:
    """Entries of a BibTeX text, in order; ``(line, message)`` tuples are warnings.

    ``index`` counts entries (not ``@string``/``@comment``/``@preamble``) from 0, broken ones
    included, so that it is the record's position in the file.
    """
    reader = _Reader(text)
    lines = _Lines(text)
    pos = 0
    index = 0
    length = len(text)
    while True:
        match = _ENTRY_START.search(text, pos)
        if match is None:
            return
        kind = match.group(1).lower()
        next_start = _LINE_ENTRY_START.search(text, match.end())
        limit = next_start.start() if next_start is not None else length
        if kind == "comment":
            pos = reader.skip_block(match.end(), limit, match.group(2))
            continue
        start_line = lines.at(match.start())
        try:
            if kind == "preamble":
                closer = "}" if match.group(2) == "{" else ")"
                _, end = reader.value(match.end(), limit, "@preamble")
                end = reader.skip_space(end)
                if end >= limit or text[end] != closer:
                    raise _SyntaxProblem(end, f"@preamble is not closed with {closer!r}")
                pos = end + 1
            elif kind == "string":
                closer = "}" if match.group(2) == "{" else ")"
                pos = reader.string_macro(match.end(), limit, closer)
            else:
                key, fields, pos = reader.entry(match, limit)
                yield BibEntry(kind, key, tuple(fields), index, start_line)
                index += 1
        except _SyntaxProblem as problem:
            where = lines.at(max(problem.pos, match.start()))
            if kind in ("preamble", "string"):
                yield (start_line, f"@{kind} at line {start_line} ignored: {problem.reason}")
            else:
                yield BrokenEntry(
                    index, where, f"{problem.reason} (in the entry starting at line {start_line})"
                )
                index += 1
            pos = limit
        for warn_pos, message in reader.warnings:
            yield (lines.at(warn_pos), message)
        reader.warnings.clear()
