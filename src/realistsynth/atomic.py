"""Atomic file writes: the one way realistsynth writes a file.

Content goes to a temporary file in the target's folder, is flushed and fsynced, and is then
renamed over the target (and the folder entry fsynced): a crash or an error at any moment
leaves either the old file or the new one, whole, and no temporary file behind on error.
Project files, exports, workbooks and reports all go through :func:`atomic_write`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from realistsynth.errors import ExportError, RealistsynthError

__all__ = ["atomic_write"]


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, error: type[RealistsynthError] = ExportError
) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces ``path`` only if the ``with`` block completes.

    A symlink at ``path`` stays a symlink: the file it points to is replaced (atomically, in
    its own folder). An operating-system error while writing (a full disk, a lost network
    share) is raised as ``error`` naming ``path``, and the old file is left as it was.

    :param error: the error raised (naming ``path``) when the file cannot be written.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"cannot write here: {exc.strerror}", where=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise error(
            f"cannot write: {exc.strerror or exc}; the file was left as it was", where=str(path)
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    # the rename is durable only once the folder entry is on disk (POSIX); Windows has no
    # folder handles to fsync, hence the suppress
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
