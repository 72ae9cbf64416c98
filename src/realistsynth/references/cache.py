"""A cache of rendered references, held by the caller: in memory, optionally on disk.

Rendering costs a few milliseconds per APA reference; a review's reference list is
rendered again and again (every export, every report) while few records change. Entries
are keyed by (style, hash of the item's CSL-JSON, and for numeric styles its position),
where the style key combines the style file's digest with the versions of the code that
renders it: a changed record, an edited style file, an upgrade or a moved numeric item is
simply a miss. Nothing is global: each :class:`ReferenceCache` is an object the caller
creates and passes in, and two caches never share entries.

On disk, each style has one JSON file ``<style key>.json`` in the cache directory, written
atomically (:func:`realistsynth.atomic.atomic_write`) by :meth:`ReferenceCache.save`; an
unreadable or malformed file is ignored (treated as empty), never fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from realistsynth.atomic import atomic_write
from realistsynth.errors import ExportError
from realistsynth.references.engine import RenderedItem

__all__ = ["ReferenceCache", "item_key"]


def item_key(item: dict[str, Any], position: int | None = None) -> str:
    """The cache key of a CSL-JSON item (and its position, for numeric styles)."""
    text = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest if position is None else f"{digest}#{position}"


class ReferenceCache:
    """Rendered references by (style digest, item key).

    :param directory: where to keep the cache between runs; ``None`` keeps it in memory only.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self._styles: dict[str, dict[str, RenderedItem]] = {}
        self._dirty: set[str] = set()

    def _entries(self, style_digest: str) -> dict[str, RenderedItem]:
        entries = self._styles.get(style_digest)
        if entries is None:
            entries = self._load(style_digest)
            self._styles[style_digest] = entries
        return entries

    def _load(self, style_digest: str) -> dict[str, RenderedItem]:
        if self.directory is None:
            return {}
        path = self.directory / f"{style_digest}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {str(k): RenderedItem.from_json(v) for k, v in data.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def get(self, style_digest: str, key: str) -> RenderedItem | None:
        """The cached rendering, if any."""
        return self._entries(style_digest).get(key)

    def put(self, style_digest: str, key: str, item: RenderedItem) -> None:
        """Remember a rendering."""
        self._entries(style_digest)[key] = item
        self._dirty.add(style_digest)

    def __len__(self) -> int:
        return sum(len(v) for v in self._styles.values())

    def clear(self) -> None:
        """Forget everything held in memory (files on disk stay until the next save)."""
        self._styles.clear()
        self._dirty.clear()

    def save(self) -> None:
        """Write changed styles' entries to the cache directory (no-op in memory).

        :raises ExportError: the cache directory cannot be made or written.
        """
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"cannot make the reference cache directory: {exc.strerror or exc}",
                where=str(self.directory),
            ) from None
        for digest in sorted(self._dirty):
            data = {k: v.to_json() for k, v in self._styles[digest].items()}
            with atomic_write(self.directory / f"{digest}.json") as stream:
                stream.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self._dirty.clear()
