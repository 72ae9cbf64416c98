"""The garbage collector is the host program's: the importers never switch it
(``read_records`` leaves it alone), and a program that owns its process may pause it around an
import with :func:`realistsynth.collector.paused_collector` (``realistsynth import
--pause-gc``), which hands what the block made to the collector's oldest generation.

Whatever happens inside the block (an error, another import in another thread or inside this
one, a caller that turned the collector off or froze objects of its own), the collector must be
left as the caller had it: enabled or not, with the same frozen objects. And when the
collector was on, the new records must not be left in the young generations, where the next
young pass would walk every one of them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence

import pytest

from realistsynth.collector import paused_collector
from realistsynth.errors import RealistsynthError
from realistsynth.importing import read_records
from realistsynth.model.records import Record

_RIS = "".join(
    f"TY  - JOUR\nAU  - Smith, J{i % 7}\nTI  - Title {i}\nPY  - {2000 + i % 20}\nER  - \n\n"
    for i in range(400)
).encode()
_MEDLINE = "".join(
    f"PMID- {i + 1}\nTI  - Title {i}\nFAU - Smith, J{i % 7}\nDP  - {2000 + i % 20} Jan\n\n"
    for i in range(400)
).encode()
_SAMPLES = [("ris", _RIS), ("medline", _MEDLINE)]


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    """Leave the collector as this test found it, whatever the test did."""
    enabled = gc.isenabled()
    assert gc.get_freeze_count() == 0, "a test before this one left objects frozen"
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def _young_records(records: Sequence[Record]) -> int:
    """How many of ``records`` are in the collector's two young generations; the collector
    is off while they are looked for, so that no pass moves them meanwhile."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation)}
        return sum(id(record) in young for record in records)
    finally:
        if was_on:
            gc.enable()


@pytest.mark.parametrize(("fmt", "data"), _SAMPLES, ids=[f for f, _ in _SAMPLES])
def test_collector_back_on_and_records_in_the_oldest_generation(fmt: str, data: bytes) -> None:
    gc.enable()
    with paused_collector():
        records = read_records(data, format=fmt).records
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert len(records) == 400
    assert all(gc.is_tracked(record) for record in records)
    assert _young_records(records) == 0


@pytest.mark.parametrize(("fmt", "data"), _SAMPLES, ids=[f for f, _ in _SAMPLES])
def test_collector_turned_off_by_the_caller_is_left_alone(fmt: str, data: bytes) -> None:
    gc.disable()
    with paused_collector():
        records = read_records(data, format=fmt).records
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
    # nothing was moved: with the collector off, new objects stay in the youngest generation
    assert _young_records(records) == len(records) == 400


def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.enable()
    kept = [["a container made before the freeze"]]
    gc.freeze()  # as a program does before forking workers
    assert gc.get_freeze_count() > 0
    with paused_collector():
        records = read_records(_RIS, format="ris").records
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    # a frozen object is in no generation; unfreezing would have put it in the oldest
    assert not any(o is kept for o in gc.get_objects())
    assert len(records) == 400


@pytest.mark.parametrize(("fmt", "data"), _SAMPLES, ids=[f for f, _ in _SAMPLES])
def test_collector_back_on_after_an_import_that_raises(fmt: str, data: bytes) -> None:
    gc.enable()
    with pytest.raises(RealistsynthError), paused_collector():
        # text, but not one record: an error in either mode
        read_records(b"this is no tagged file\nnor any other\n", format=fmt, strict=False)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    # an error half-way, after records were built: a progress listener that gives up
    calls: list[int] = []

    def give_up(done: int, total: int) -> None:
        calls.append(done)
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), paused_collector():
        read_records(data * 50, format=fmt, progress=give_up)
    assert calls[-1] > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_collector_back_on_after_a_strict_import_rejects_a_record() -> None:
    gc.enable()
    with pytest.raises(RealistsynthError, match="outside a record"), paused_collector():
        read_records(_RIS + b"AU  - Orphan, A\nER  - \n\n" + _RIS, format="ris", strict=True)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_nested_imports_leave_the_collector_off_until_the_outer_one_ends() -> None:
    gc.enable()
    with paused_collector():
        with paused_collector():
            inner = read_records(_RIS, format="ris").records
        assert not gc.isenabled()  # the inner block must not turn it on under the outer one
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert _young_records(inner) == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_imports_in_threads_at_once_restore_the_callers_state(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    start = threading.Barrier(3)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run(fmt: str, data: bytes) -> None:
        start.wait()
        try:
            for _ in range(3):
                with paused_collector():
                    counts.append(len(read_records(data, format=fmt).records))
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=sample) for sample in [*_SAMPLES, _SAMPLES[0]]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert counts == [400] * 9
    assert gc.isenabled() is enabled
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(("fmt", "data"), _SAMPLES, ids=[f for f, _ in _SAMPLES])
def test_an_import_leaves_the_collector_alone(
    fmt: str, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library path never switches, freezes or unfreezes the collector."""
    gc.enable()
    touched: list[str] = []
    for name in ("disable", "enable", "freeze", "unfreeze"):
        monkeypatch.setattr(gc, name, lambda name=name: touched.append(name))
    records = read_records(data, format=fmt).records
    assert len(records) == 400
    assert touched == []
    assert gc.isenabled()
