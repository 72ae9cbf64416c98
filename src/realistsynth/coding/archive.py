"""Opening a REFI-QDA ``.qdpx`` archive without trusting it.

A ``.qdpx`` file is a zip holding ``project.qde`` and a ``sources/`` folder (NVivo writes
``Sources/``). The archive comes from another program, or another person, so it is read as
hostile input: no member is ever written to disk, a member name that would leave the folder
(absolute, ``..``, a drive letter) is refused, and so are archives whose members would inflate
beyond a size limit or at a ratio no real project reaches (a compression bomb). Members are read
in blocks and the count is checked as they inflate, so a header that lies about a member's size
is caught too.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from attrs import frozen

from realistsynth.errors import CodingFileError

__all__ = ["MAX_MEMBER_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES", "QdpxArchive"]

#: The most one member may inflate to (a source text, a PDF, the project XML).
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: The most all members together may inflate to.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: The highest compression ratio accepted for a member larger than 1 MB (text compresses about
#: 3-10 times; bombs compress a thousand times and more).
MAX_RATIO = 200


def _unsafe(name: str) -> bool:
    if "\\" in name or "\x00" in name:
        return True
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        return True
    return ".." in path.parts


@frozen
class QdpxArchive:
    """The members of a ``.qdpx`` archive, read into memory after every check passed."""

    path: str
    members: dict[str, bytes]

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        max_member: int = MAX_MEMBER_BYTES,
        max_total: int = MAX_TOTAL_BYTES,
    ) -> QdpxArchive:
        """Read every member of the archive at ``path``.

        :raises CodingFileError: not a zip, a member path leaving the archive, a compression
            bomb, or no ``project.qde``.
        """
        where = str(path)
        try:
            handle = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise CodingFileError(
                f"not a REFI-QDA project (.qdpx zip): {exc}", where=where
            ) from None
        members: dict[str, bytes] = {}
        with handle:
            infos = [i for i in handle.infolist() if not i.is_dir()]
            for info in infos:
                if _unsafe(info.filename):
                    raise CodingFileError(
                        f"member {info.filename!r} would leave the project folder; refused",
                        where=where,
                    )
            declared = sum(i.file_size for i in infos)
            if declared > max_total:
                raise CodingFileError(
                    f"the members would inflate to {declared} bytes, more than {max_total}: "
                    "refused as a possible compression bomb",
                    where=where,
                )
            total = 0
            for info in infos:
                if info.file_size > max_member or (
                    info.file_size > 1024 * 1024
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)
                ):
                    raise CodingFileError(
                        f"member {info.filename!r} would inflate to {info.file_size} bytes from "
                        f"{info.compress_size}: refused as a possible compression bomb",
                        where=where,
                    )
                data = bytearray()
                try:
                    with handle.open(info) as stream:
                        while block := stream.read(1 << 20):
                            data += block
                            total += len(block)
                            if len(data) > max_member or total > max_total:
                                raise CodingFileError(
                                    f"member {info.filename!r} inflates beyond its limit: "
                                    "refused as a possible compression bomb",
                                    where=where,
                                )
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                    raise CodingFileError(
                        f"member {info.filename!r} cannot be read: {exc}", where=where
                    ) from None
                members[info.filename] = bytes(data)
        archive = cls(where, members)
        if archive.member("project.qde") is None:
            raise CodingFileError("the archive holds no project.qde", where=where)
        return archive

    def member(self, name: str) -> bytes | None:
        """The bytes of member ``name``, matched without regard to case (NVivo writes
        ``Sources/``, the standard says ``sources/``), or ``None``."""
        if name in self.members:
            return self.members[name]
        folded = name.casefold()
        return next((v for k, v in self.members.items() if k.casefold() == folded), None)
