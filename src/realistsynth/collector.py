"""An explicit choice for programs that own their process: pause the cyclic garbage
collector around a bulk job such as a large import.

The library never switches the collector itself: the switch is one for the whole process,
and ``gc.freeze()`` moves the host application's objects too, so only the program that owns
the process may decide (the ``realistsynth import`` command does, ``--pause-gc``). A program
that embeds realistsynth and wants the same may wrap its own calls::

    from realistsynth.collector import paused_collector
    from realistsynth.importing import read_records

    with paused_collector():
        result = read_records("big-export.ris")

What it buys: an import allocates millions of small objects without reference cycles; with
the collector on, its passes over them cost a share of the time (the figures with and
without are in docs/benchmarks/importers.md, ``bench_import.py --pause-gc``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_collector"]


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, then move what it made straight
    to the collector's oldest generation.

    Turned off only, the first young-generation pass after the block would still walk every
    new object once (0.44 s for 100,000 RIS records, measured by hand): the new objects are
    all in the youngest generation. ``gc.freeze()`` then ``gc.unfreeze()`` moves every
    tracked object into the oldest generation in constant time, where the collector would
    have moved these survivors after two passes anyway; they are examined again only by full
    collections, like any long-lived data (so is any young cyclic garbage the program had
    left, which waits for the next full collection). Skipped when the program has frozen
    objects of its own (``gc.freeze()`` before forking, say): unfreezing would undo that.

    The collector's switch is one for the whole process: a block in one thread turns it off
    for the others until it ends, and a block that starts while it is off (the caller's
    choice, or another block running) leaves it as it found it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
