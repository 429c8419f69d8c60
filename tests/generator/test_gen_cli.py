"""The command line: JSON contract, readable output, and exit status 2 on bad files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest

from quiz.generator import bundled_timeline_path
from quiz.generator.__main__ import main


@dataclass
class Done:
    """What the command returned and printed."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Done:
    """Run the command's main() in this process (no interpreter start-up, jieba loaded once)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Done(code, out.getvalue(), err.getvalue())


@pytest.mark.slow
def test_the_module_runs_as_a_command(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("## 2004年12月8日，支付宝网站上线。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "quiz.generator", str(path), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and isinstance(json.loads(done.stdout), list), done.stderr


@pytest.fixture(scope="module")
def items():
    """Return the JSON items for the bundled timeline with seed 5."""
    done = run(str(bundled_timeline_path()), "--json", "--seed", "5")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_items_follow_the_contract(items):
    assert len(items) >= 150
    for item in items:
        assert {"kind", "prompt", "choices", "answer", "explanation", "events"} <= set(item)
        assert all(isinstance(c, str) for c in item["choices"])
        if item["kind"] == "order":
            assert sorted(item["answer"]) == sorted(item["choices"])
        else:
            assert item["answer"] in item["choices"]
        for event in item["events"]:
            assert set(event) == {"date", "headline"}
            assert len(event["date"]) in (4, 7, 10) or "/" in event["date"]


def test_default_path_is_the_bundled_timeline(items):
    done = run("--json", "--seed", "5")
    assert json.loads(done.stdout) == items


def test_readable_output_lists_answers():
    done = run()
    assert done.returncode == 0 and "答案：" in done.stdout and "A. " in done.stdout


@pytest.mark.parametrize("content", [None, b"\x89PNG\r\n\x1a\n\x00\x00binary", b"", "## 2013\xe5".encode("latin-1")])
def test_bad_path_or_file_exits_2_with_one_stderr_line(tmp_path, content):
    path = tmp_path / "bad.md"
    if content is not None:
        path.write_bytes(content)
    done = run(str(path), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and str(path) in done.stderr


def test_report_counts_kinds_and_lists_drops_with_reasons():
    done = run(str(bundled_timeline_path()), "--report")
    assert done.returncode == 0, done.stderr
    head, _, drops = done.stdout.partition("Dropped by the quality gate:")
    counts = {line.split()[0]: line.split()[1:] for line in head.strip().splitlines()[1:]}
    assert {"years_between", "before_after", "fact", "which_first", "total"} <= set(counts)
    assert "a code or serial is not worth asking" in drops and "fact:22:code:5:95188" in drops
