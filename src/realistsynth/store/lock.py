"""The project-file lock: one load-modify-save cycle at a time per review.

Two processes that each load a review, change it and save it would otherwise lose one
process's change (each saves what it loaded plus its own change). :func:`review_lock` holds an
operating-system lock on a small lock file beside the project file (``.r.json.lock`` for
``r.json``) for the whole cycle; a second process waits for it, up to a timeout, and then gives
up with a clear :class:`~realistsynth.errors.ProjectFileError` instead of saving over the first.

The lock is the OS's own (``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows),
so it is released when the process ends, however it ends: a crashed process never leaves a
stale lock behind (only, at worst, an empty lock file, which the next holder reuses). The
holder removes the lock file when it is done; a waiting process that had opened the removed
file notices and starts again, so two processes never hold the lock at once.

It is advisory: it keeps realistsynth processes (the CLI, or an embedding application that uses
it) from overwriting each other, not a text editor. Network file systems may not honour it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from realistsynth.errors import ProjectFileError

__all__ = ["DEFAULT_TIMEOUT", "TIMEOUT_VARIABLE", "lock_path", "lock_timeout", "review_lock"]

#: Seconds to wait for another process's lock before giving up.
DEFAULT_TIMEOUT = 30.0
#: The environment variable that overrides :data:`DEFAULT_TIMEOUT` (seconds).
TIMEOUT_VARIABLE = "REALISTSYNTH_LOCK_TIMEOUT"
_POLL = 0.05


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of the project file at ``path`` (symlinks resolved, so that every name of
    one file shares one lock)."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{target.name}.lock")


def lock_timeout() -> float:
    """The timeout from :data:`TIMEOUT_VARIABLE`, else :data:`DEFAULT_TIMEOUT`."""
    text = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        value = float(text) if text.strip() else DEFAULT_TIMEOUT
    except ValueError:
        raise ProjectFileError(
            f"{TIMEOUT_VARIABLE}={text!r} is not a number of seconds", where=TIMEOUT_VARIABLE
        ) from None
    return max(0.0, value)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def review_lock(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of the project file at ``path`` for the ``with`` block.

    :param timeout: seconds to wait for another holder; default :func:`lock_timeout`.
    A folder where the lock file cannot be created (read-only media, no write permission) is
    one where nothing can be saved either: the block then runs without a lock, so that
    reading a review from a CD or a read-only share still works.

    :raises ProjectFileError: the lock was not free within the timeout.
    """
    wait = lock_timeout() if timeout is None else timeout
    target = lock_path(path)
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            yield
            return
        if _try_lock(fd) and _still_there(fd, target):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise ProjectFileError(
                f"another realistsynth process is changing this review (its lock {target} is "
                f"held); waited {wait:g} s. Try again when it has finished, or set "
                f"{TIMEOUT_VARIABLE} to wait longer",
                where=str(path),
            )
        time.sleep(_POLL)
    try:
        yield
    finally:
        # removed while still held: a process that opened the old file before the removal
        # finds it gone once it gets the lock (_still_there), and starts again
        with contextlib.suppress(OSError):
            os.unlink(target)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


def _still_there(fd: int, target: Path) -> bool:
    """Whether the locked file is still the one at ``target`` (not removed by its holder)."""
    try:
        held, current = os.fstat(fd), os.stat(target)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)
