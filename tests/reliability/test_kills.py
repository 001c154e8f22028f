"""Killed at any moment, an import or an export leaves the old state or the new, never a wreck."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from copy import deepcopy
from pathlib import Path

import pytest

from exports.bundle_json import export_json
from okrworkshop.demo import build_demo
from okrworkshop.store import Workspace
from tests.conftest import TODAY

COMMAND = str(Path(sys.executable).parent / "okrworkshop")
SEED = random.randrange(1 << 30)


def _big_bundle(folder: Path, objectives: int = 250) -> tuple[Path, int]:
    """The demo with many more objectives, so an import takes long enough to be interrupted."""
    document = json.loads(export_json(build_demo(TODAY)))
    document["cycle"]["id"] = "big-cycle"
    template = document["objectives"][0]
    for n in range(objectives):
        copy = deepcopy(template)
        copy["id"] = f"obj-big-{n}"
        for m, kr in enumerate(copy["key_results"]):
            kr["id"] = f"kr-big-{n}-{m}"
            for k, check_in in enumerate(kr["check_ins"]):
                check_in["id"] = f"ci-big-{n}-{m}-{k}"
        document["objectives"].append(copy)
    path = folder / "big.json"
    path.write_text(json.dumps(document))
    return path, len(document["objectives"])


def _run_and_kill(args: list[str], delay: float) -> int | None:
    process = subprocess.Popen(
        [COMMAND, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=delay)  # the moment of the kill, not a wait for a result
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None
    return process.returncode


@pytest.mark.parametrize("rounds", [pytest.param(25, id="25-kills")])
def test_killed_imports_leave_no_cycle_or_the_whole_cycle(tmp_path: Path, rounds: int) -> None:
    rng = random.Random(SEED)
    bundle, count = _big_bundle(tmp_path)
    base = tmp_path / "base.json"
    Workspace.open(base).add_cycle(build_demo(TODAY))
    started = time.monotonic()
    db = tmp_path / "w.json"
    shutil.copy(base, db)
    assert _run_and_kill(["--db", str(db), "import", str(bundle)], 120) == 0
    full = time.monotonic() - started
    outcomes = {"before": 0, "after": 0}
    for round_ in range(rounds):
        shutil.copy(base, db)
        for stale in tmp_path.glob(".w.json.*.tmp"):
            stale.unlink()
        delay = rng.uniform(0.0, full * 1.2)
        _run_and_kill(["--db", str(db), "import", str(bundle)], delay)
        workspace = Workspace.open(db)
        ids = {c.id for c in workspace.cycles()}
        message = f"round {round_}, kill after {delay:.3f}s (seed {SEED})"
        assert "demo-kestrel" in ids, message
        if "big-cycle" in ids:
            assert len(workspace.load("big-cycle").objectives) == count, message
            outcomes["after"] += 1
        else:
            outcomes["before"] += 1
    print(f"killed imports: {outcomes} (seed {SEED})")


def test_killed_exports_leave_the_old_file_or_the_whole_new_one(
    tmp_path: Path, demo_workspace: Workspace, db_path: Path
) -> None:
    rng = random.Random(SEED)
    out = tmp_path / "summary.md"
    complete = subprocess.run(
        [COMMAND, "--db", str(db_path), "export", "demo"], capture_output=True, check=True
    ).stdout
    started = time.monotonic()
    _run_and_kill(["--db", str(db_path), "export", "demo", "-o", str(out)], 60)
    full = time.monotonic() - started
    for round_ in range(20):
        out.write_bytes(b"the old summary\n")
        delay = rng.uniform(0.0, full * 1.2)
        _run_and_kill(["--db", str(db_path), "export", "demo", "-o", str(out)], delay)
        assert out.read_bytes() in (b"the old summary\n", complete), (
            f"round {round_}, kill after {delay:.3f}s (seed {SEED})"
        )
