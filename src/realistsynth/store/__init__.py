"""The project file: one JSON document per review, versioned, written atomically.

``save`` → ``load`` → ``save`` gives identical bytes: keys follow the attrs field order, every
collection keeps the review's insertion order, defaults are left out, and the text is UTF-8 with
a fixed indentation. A file from a newer schema is refused; older ones are migrated step by step
(:mod:`realistsynth.store.migrations`).
"""

from realistsynth.store.project import (
    FORMAT_NAME,
    SCHEMA_VERSION,
    check_file,
    dumps,
    load,
    loads,
    save,
)

__all__ = ["FORMAT_NAME", "SCHEMA_VERSION", "check_file", "dumps", "load", "loads", "save"]
