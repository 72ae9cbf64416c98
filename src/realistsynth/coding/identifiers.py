"""Stable identifiers across a round trip through a qualitative-analysis tool.

REFI-QDA elements are known by GUIDs; the review knows its things by readable ids. On export,
GUIDs are derived from ids (UUID 5, so the same review always gives the same GUIDs), and one
project note, :data:`NOTE_NAME`, records which GUID stands for which id (extracts, evidence
links, reviewers, records, informant quotations and the sources that hold them) plus what a
GUID alone cannot say: which source texts were assembled from extracts rather than kept with
the review, and which spans counted code points. The tools keep notes, so a project exported,
coded further and exported again still tells the importer which extracts it already knows.
Without the note, ids are derived from the GUIDs.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from attrs import field, frozen

__all__ = ["NOTE_NAME", "Identifiers", "guid"]

#: The name of the project note that carries the identifiers.
NOTE_NAME = "realistsynth identifiers"
_NAMESPACE = uuid.UUID("5b0e8f1c-4d7a-5e55-9a0f-7e1a1d2c3b4a")


def guid(kind: str, key: str) -> str:
    """A GUID for ``key`` of ``kind`` that is the same on every export."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


@frozen
class Identifiers:
    """What the identifiers note says."""

    extracts: dict[str, str] = field(factory=dict)
    evidence: dict[str, str] = field(factory=dict)
    users: dict[str, str] = field(factory=dict)
    sources: dict[str, str] = field(factory=dict)
    synthesised: frozenset[str] = frozenset()
    code_point_spans: frozenset[str] = frozenset()
    #: extract id -> page, section, note: what REFI-QDA has no place for
    locations: dict[str, dict[str, str]] = field(factory=dict)
    #: source GUID -> the name of the review's kept text, when it is not the record id
    text_names: dict[str, str] = field(factory=dict)
    #: selection GUID -> quotation id (informant quotations travel as their own sources)
    quotations: dict[str, str] = field(factory=dict)
    #: source GUID -> ``informant:ID`` or ``record:ID``: whose quotations the source holds
    quotation_sources: dict[str, str] = field(factory=dict)

    def to_json(self) -> str:
        """The note's text."""
        return json.dumps(
            {
                "realistsynth": 1,
                "extracts": self.extracts,
                "evidence": self.evidence,
                "users": self.users,
                "sources": self.sources,
                "synthesised": sorted(self.synthesised),
                "code_point_spans": sorted(self.code_point_spans),
                "locations": self.locations,
                "text_names": self.text_names,
                "quotations": self.quotations,
                "quotation_sources": self.quotation_sources,
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> Identifiers:
        """Read the note's text; anything unreadable counts as no note."""
        try:
            data: Any = json.loads(text or "")
        except ValueError:
            return cls()
        if not isinstance(data, dict) or data.get("realistsynth") != 1:
            return cls()

        def table(key: str) -> dict[str, str]:
            value = data.get(key)
            if not isinstance(value, dict):
                return {}
            return {str(k): str(v) for k, v in value.items()}

        def names(key: str) -> frozenset[str]:
            value = data.get(key)
            return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()

        raw = data.get("locations")
        locations = (
            {
                str(k): {str(a): str(b) for a, b in v.items()}
                for k, v in raw.items()
                if isinstance(v, dict)
            }
            if isinstance(raw, dict)
            else {}
        )
        return cls(
            table("extracts"),
            table("evidence"),
            table("users"),
            table("sources"),
            names("synthesised"),
            names("code_point_spans"),
            locations,
            table("text_names"),
            table("quotations"),
            table("quotation_sources"),
        )
