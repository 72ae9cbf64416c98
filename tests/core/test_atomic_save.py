"""Saves are atomic: a crash at any moment leaves the previous file whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import realistsynth as rs

CHILD = textwrap.dedent(
    """
    import sys
    import realistsynth as rs

    path = sys.argv[1]
    review = rs.Review.new("generation 0")
    review.add_records(
        rs.Record(f"r{i}", title="A title " * 20, abstract="An abstract. " * 100)
        for i in range(3000)
    )
    print("ready", flush=True)
    generation = 0
    while True:
        generation += 1
        review.update_meta(title=f"generation {generation}")
        rs.save(review, path)
        if generation == 1:
            print("saved", flush=True)
    """
)


def test_killing_a_process_mid_save_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    rs.save(rs.Review.new("before any child"), path)
    titles = set()
    for attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # wait for one whole save, so the assertion below does not depend on the machine's
        # speed; then kill at varying points of the saves that follow (each takes tens of
        # milliseconds)
        assert child.stdout.readline().strip() == "saved"
        time.sleep(0.01 + 0.037 * attempt)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        review = rs.load(path)  # never half-written, whatever moment the kill came
        titles.add(review.meta.title)
    assert any(t.startswith("generation") for t in titles)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "review.json"
    rs.save(rs.Review.new("old"), path)
    old_bytes = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    # our own error naming the file (issue 19: a full disk is no traceback)
    with pytest.raises(rs.ProjectFileError, match="No space"):
        rs.save(rs.Review.new("new"), path)
    assert path.read_bytes() == old_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.json"]


def test_save_into_a_missing_folder_is_a_project_file_error(tmp_path: Path) -> None:
    with pytest.raises(rs.ProjectFileError, match="cannot write here"):
        rs.save(rs.Review.new("x"), tmp_path / "no" / "such" / "review.json")
