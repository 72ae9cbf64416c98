"""What a code of a qualitative-analysis project means for the review.

A code is known by its path in the codebook (``c1/M-res``, ``Theme/Trust``). It means one of:

* an **element** of a CMOC (``c1/C``, ``c1/M-res``, ``c1/M-rea``, ``c1/O``): the passage is
  coded with that element of the review's heuristic and becomes evidence for the CMOC;
* a **whole CMOC** (``c1``): the passage is evidence for the configuration as a whole (coding
  a passage straight to a CMO, the step realist teams often find most useful);
* an **element** alone (a top-level ``C``, ``O`` ...): coded, not yet tied to a CMOC;
* a **tag**: anything else (``Theme/...``, a team's own nodes), kept on the extract as text;
* **ignored**, when a mapping file says so.

A role may stand between the CMOC and the element (``c1/refutes/O``); without one the passage
supports the CMOC. That is the default convention; a mapping file (TOML, or YAML when PyYAML is
installed) names codes explicitly and also maps source names to records and user names to
reviewers::

    [codes]
    "Leadership/Trust" = { cmoc = "c1", element = "C" }
    "Leadership" = { cmoc = "c2", role = "refines" }
    "Attitudes/red" = { tag = "attitude:red" }
    "Housekeeping" = { ignore = true }

    [sources]
    "Interview 3" = "smith2020"

    [users]
    "Gergo" = "GS"

Codes the file does not name follow the convention (``convention = false`` at the top turns
that off: unnamed codes become tags).
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

from realistsynth.errors import CodingFileError
from realistsynth.model.review import Review
from realistsynth.model.theory import EvidenceRole

__all__ = ["CodeMapping", "CodeTarget", "TargetKind", "is_configuration_node", "load_mapping"]

_ROLES = {r.value: r for r in EvidenceRole}


class TargetKind(enum.Enum):
    """What a code means for the review."""

    ELEMENT = "element"
    CMOC = "cmoc"
    TAG = "tag"
    IGNORE = "ignore"


@frozen
class CodeTarget:
    """The meaning of one code: an element (of a CMOC or alone), a whole CMOC, a tag."""

    kind: TargetKind
    cmoc_id: str | None = None
    code: str | None = None
    role: EvidenceRole = EvidenceRole.SUPPORTS
    tag: str | None = None

    def describe(self) -> str:
        """A short description for reports (``c1 / M-Res (supports)``)."""
        if self.kind is TargetKind.TAG:
            return f"tag {self.tag}"
        if self.kind is TargetKind.IGNORE:
            return "ignored"
        if self.cmoc_id is None:
            return f"element {self.code}"
        part = f" / {self.code}" if self.code else " (whole CMOC)"
        return f"{self.cmoc_id}{part} ({self.role.value})"


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _element(review: Review, name: str) -> str | None:
    heuristic = review.heuristic
    if heuristic is None:
        return None
    key = _fold(name)
    return next((c.code for c in heuristic.codes if key in (_fold(c.code), _fold(c.label))), None)


@frozen
class CodeMapping:
    """Explicit meanings of codes, sources and users, over the default convention."""

    codes: dict[str, CodeTarget] = field(factory=dict)
    sources: dict[str, str] = field(factory=dict)
    users: dict[str, str] = field(factory=dict)
    convention: bool = True

    def resolve(
        self, path: tuple[str, ...], review: Review, aliases: Mapping[str, str] | None = None
    ) -> CodeTarget:
        """The meaning of the code at ``path`` for ``review``.

        :param aliases: top-level code names that stand for CMOCs of other ids (the CMOCs
            an import adds for codes such as ``CMOC 1``).
        """
        explicit = self.codes.get("/".join(path))
        if explicit is not None:
            return explicit
        if self.convention:
            found = _convention(path, review, aliases or {})
            if found is not None:
                return found
        return CodeTarget(TargetKind.TAG, tag="/".join(path))


def is_configuration_node(name: str, children: list[str], review: Review) -> bool:
    """Whether a top-level code looks like a CMOC by the convention: it is not an element
    itself and has a child that is an element of the heuristic or a role."""
    if _element(review, name) is not None:
        return False
    return any(
        _element(review, child) is not None or child.casefold() in _ROLES for child in children
    )


def _convention(
    path: tuple[str, ...], review: Review, aliases: Mapping[str, str]
) -> CodeTarget | None:
    if not path:
        return None
    head, rest = aliases.get(path[0], path[0]), list(path[1:])
    if head in review.cmocs:
        role = EvidenceRole.SUPPORTS
        if rest and rest[0].casefold() in _ROLES:
            role = _ROLES[rest.pop(0).casefold()]
        if not rest:
            return CodeTarget(TargetKind.CMOC, cmoc_id=head, role=role)
        if len(rest) == 1:
            code = _element(review, rest[0])
            if code is not None:
                return CodeTarget(TargetKind.ELEMENT, cmoc_id=head, code=code, role=role)
        return None
    if len(path) == 1:
        code = _element(review, head)
        if code is not None:
            return CodeTarget(TargetKind.ELEMENT, code=code)
    return None


def _target(key: str, value: Any, where: str) -> CodeTarget:
    if not isinstance(value, Mapping):
        raise CodingFileError(f"code {key!r}: expected a table, got {value!r}", where=where)
    unknown = set(value) - {"cmoc", "element", "role", "tag", "ignore"}
    if unknown:
        raise CodingFileError(f"code {key!r}: unknown key(s) {sorted(unknown)}", where=where)
    if value.get("ignore"):
        return CodeTarget(TargetKind.IGNORE)
    role_text = str(value.get("role", "supports")).casefold()
    if role_text not in _ROLES:
        raise CodingFileError(
            f"code {key!r}: role {role_text!r} is not one of {sorted(_ROLES)}", where=where
        )
    role = _ROLES[role_text]
    if "tag" in value:
        return CodeTarget(TargetKind.TAG, tag=str(value["tag"]))
    cmoc = value.get("cmoc")
    element = value.get("element")
    if cmoc is None and element is None:
        raise CodingFileError(
            f"code {key!r}: give cmoc, element, tag or ignore = true", where=where
        )
    if element is None:
        return CodeTarget(TargetKind.CMOC, cmoc_id=str(cmoc), role=role)
    return CodeTarget(
        TargetKind.ELEMENT,
        cmoc_id=None if cmoc is None else str(cmoc),
        code=str(element),
        role=role,
    )


def load_mapping(path: str | Path) -> CodeMapping:
    """Read a mapping file (``.toml``, or ``.yaml`` / ``.yml`` with PyYAML installed).

    :raises CodingFileError: unreadable file, bad syntax, or an entry that means nothing.
    """
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodingFileError(f"cannot read the mapping: {exc}", where=where) from None
    data: Any
    if path.suffix.casefold() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise CodingFileError(
                "a YAML mapping needs PyYAML (pip install pyyaml), or write it as TOML",
                where=where,
            ) from None
        try:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise CodingFileError(f"not valid YAML: {exc}", where=where) from None
    else:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CodingFileError(f"not valid TOML: {exc}", where=where) from None
    if not isinstance(data, Mapping):
        raise CodingFileError("the mapping must be a table of tables", where=where)
    unknown = set(data) - {"codes", "sources", "users", "convention"}
    if unknown:
        raise CodingFileError(f"unknown section(s) {sorted(unknown)}", where=where)
    for section in ("codes", "sources", "users"):
        if not isinstance(data.get(section, {}), Mapping):
            raise CodingFileError(f"[{section}] must be a table", where=where)
    return CodeMapping(
        codes={str(k): _target(str(k), v, where) for k, v in data.get("codes", {}).items()},
        sources={str(k): str(v) for k, v in data.get("sources", {}).items()},
        users={str(k): str(v) for k, v in data.get("users", {}).items()},
        convention=bool(data.get("convention", True)),
    )
