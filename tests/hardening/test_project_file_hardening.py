"""Issue 19, the project file and the CLI around it: concurrent saves, symlinks, outputs that
would overwrite the review, JSON errors, and the crashes listed under item 15."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import realistsynth as rs
from realistsynth.cli import cli
from realistsynth.errors import ProjectFileError

CLI = [sys.executable, "-m", "realistsynth.cli"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _review(tmp_path: Path, title: str = "T") -> Path:
    path = tmp_path / "r.json"
    rs.save(rs.Review.new(title), path)
    return path


def _ris(path: Path, prefix: str, count: int) -> Path:
    path.write_text(
        "".join(
            f"TY  - JOUR\nAU  - {prefix}, A.\nTI  - {prefix} study {i}\nPY  - 2020\nER  - \n\n"
            for i in range(count)
        )
    )
    return path


# ------------------------------------------------------------------ 3: concurrent saves


def test_two_concurrent_imports_keep_both_updates(tmp_path: Path) -> None:
    review = _review(tmp_path)
    # files big enough that both processes have loaded the review before either saves
    first = _ris(tmp_path / "a.ris", "Alpha", 3000)
    second = _ris(tmp_path / "b.ris", "Beta", 3000)
    env = {**os.environ, "REALISTSYNTH_LOCK_TIMEOUT": "300"}
    procs = [
        subprocess.Popen(
            [*CLI, "import", str(review), str(f)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for f in (first, second)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert len(rs.load(review).records) == 6000


def test_a_held_lock_times_out_with_a_clear_message(tmp_path: Path) -> None:
    from realistsynth.store.lock import review_lock

    review = _review(tmp_path)
    source = _ris(tmp_path / "a.ris", "Alpha", 2)
    env = {**os.environ, "REALISTSYNTH_LOCK_TIMEOUT": "0.5"}
    with review_lock(review):
        done = subprocess.run(
            [*CLI, "import", str(review), str(source)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert "another realistsynth process" in done.stderr
    assert str(review) in done.stderr
    assert "Traceback" not in done.stderr
    assert len(rs.load(review).records) == 0


# ------------------------------------------------------------------ 4: symlinks


def test_saving_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    real = tmp_path / "data" / "r.json"
    real.parent.mkdir()
    rs.save(rs.Review.new("Old"), real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    rs.save(rs.Review.new("New"), link)
    assert link.is_symlink()
    assert rs.load(real).meta.title == "New"


# ------------------------------------------------------------------ 5: outputs over inputs


def test_export_refuses_to_overwrite_the_review(tmp_path: Path) -> None:
    review = _review(tmp_path)
    before = review.read_bytes()
    code, _, err = run("export", str(review), "--to", "csv", "--out", str(review))
    assert code == 1
    assert "is the review" in err
    assert review.read_bytes() == before


def test_report_refuses_to_overwrite_the_review_through_another_spelling(tmp_path: Path) -> None:
    review = _review(tmp_path)
    before = review.read_bytes()
    other = tmp_path / "." / "sub" / ".." / "r.json"
    (tmp_path / "sub").mkdir()
    code, _, err = run("report", str(review), "--out", str(other))
    assert code == 1
    assert "is the review" in err
    assert review.read_bytes() == before


# ------------------------------------------------------------------ 16: JSON errors


def test_json_errors_have_a_stable_shape(tmp_path: Path) -> None:
    review = _review(tmp_path)
    bad = tmp_path / "bad.ris"
    bad.write_text("this is not a bibliographic file\n")
    code, out, _ = run("import", str(review), str(bad), "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert error["code"] == "record-import"
    assert "not recognised" in error["message"]
    assert error["where"] == str(bad)


def test_json_usage_errors_are_json(tmp_path: Path) -> None:
    review = _review(tmp_path)
    code, out, _ = run(
        "export", str(review), "--to", "csv", "--out", "x.csv", "--option", "x", "--json"
    )
    assert code == 2
    assert json.loads(out)["error"]["code"] == "usage"


# ------------------------------------------------------------------ 15: crashes


def test_disk_full_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    review = _review(tmp_path)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run("export", str(review), "--to", "csv", "--out", str(tmp_path / "o.csv"))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 1
    assert "No space left on device" in err
    assert not list(tmp_path.glob(".o.csv.*"))


def test_a_bom_at_the_start_of_a_project_file_is_read(tmp_path: Path) -> None:
    review = _review(tmp_path, "With BOM")
    review.write_bytes(b"\xef\xbb\xbf" + review.read_bytes())
    assert rs.load(review).meta.title == "With BOM"


def test_an_unknown_format_key_is_refused(tmp_path: Path) -> None:
    review = _review(tmp_path)
    doc = json.loads(review.read_text())
    doc["format"] = "something-else"
    review.write_text(json.dumps(doc))
    with pytest.raises(ProjectFileError, match="format"):
        rs.load(review)


def test_a_day_beyond_the_month_is_refused() -> None:
    with pytest.raises(ValueError, match="February 2020 has 29 days"):
        rs.PartialDate(2020, 2, 30)
    assert rs.PartialDate(2020, 2, 29).day == 29
    with pytest.raises(ValueError, match="has 28 days"):
        rs.PartialDate.parse("2021-02-29")


def test_integers_beyond_64_bits_fail_validate_not_the_next_save(tmp_path: Path) -> None:
    from realistsynth.store import check_file

    review = tmp_path / "r.json"
    # an integer field of the model: a declared count
    rv = rs.Review.new("T")
    from realistsynth.selection import default_stages

    for stage in default_stages(1):
        rv.add_stage(stage)
    stage_id = next(iter(rv.stages))
    rv.declare_count(rs.DeclaredCount(stage_id, "entered", 5))
    rs.save(rv, review)
    text = review.read_text()
    assert '"count": 5' in text
    review.write_text(text.replace('"count": 5', '"count": 123456789012345678901234567890'))
    problems = check_file(review)
    assert any("64-bit" in p for p in problems), problems


def test_malformed_schema_1_files_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    for review in ([1, 2], {"records": "x"}, {"records": [{"authors": 3}]}, {"records": [3]}):
        path.write_text(json.dumps({"schema_version": 1, "review": review}))
        with pytest.raises(ProjectFileError):
            rs.load(path)


def test_info_on_a_device_does_not_hang() -> None:
    code, _, err = run("info", "/dev/zero")
    assert code == 1
    assert "not a regular file" in err


def test_screen_init_with_zero_reviewers_is_a_clear_error(tmp_path: Path) -> None:
    review = _review(tmp_path)
    code, _, err = run("screen", "init", str(review), "--reviewers", "0")
    assert code in (1, 2)
    assert "Traceback" not in err
    assert "reviewers" in err


def test_unwritable_refs_cache_dir_is_a_clear_error(tmp_path: Path) -> None:
    review = _review(tmp_path)
    code, _, _ = run("import", str(review), str(_ris(tmp_path / "a.ris", "Alpha", 2)))
    assert code == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("refs", str(review), "--cache-dir", str(blocker / "cache"))
    assert code == 1
    assert "cache" in err


def test_deeply_nested_query_is_a_positioned_error() -> None:
    from realistsynth.errors import QueryError
    from realistsynth.query import parse_query

    with pytest.raises(QueryError):
        parse_query("(" * 2000 + "a" + ")" * 2000)


def test_proximity_over_255_is_a_positioned_error() -> None:
    from realistsynth.errors import QuerySyntaxError
    from realistsynth.query import parse_query

    with pytest.raises(QuerySyntaxError):
        parse_query("a NEAR/300 b")
