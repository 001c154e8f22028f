"""A writer killed at any moment leaves the workspace at the state before or after its action.

The writers run in processes of their own and are killed with SIGKILL (no clean-up, no
``finally``) at random moments. The RNG seed is in every failure message; set
``OKRWORKSHOP_CRASH_SEED`` to replay the same kill moments.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from okrworkshop.model import Cycle, CycleData
from okrworkshop.store import Workspace
from tests.conftest import cli_env
from tests.store.conftest import CYCLE_ID, Worker, temp_files

KILLS = 60
SLOW_KILLS = 200
CLI_KILLS = 8
# Kill moments are spread over a few whole actions (one takes milliseconds).
MAX_KILL_DELAY = 0.03
MAX_CLI_KILL_DELAY = 0.5


def seed() -> int:
    return int(os.environ.get("OKRWORKSHOP_CRASH_SEED") or random.randrange(2**32))


@dataclass
class Tally:
    """What the kills hit, printed with the test's output (``pytest -s``)."""

    seed: int
    before: int = 0  # the workspace held the last acknowledged action
    after: int = 0  # it also held the action that was running when the kill came
    actions: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"seed {self.seed}: {self.before + self.after} kills; the interrupted action was "
            f"absent {self.before} times and complete {self.after} times"
        )


def actions_on_disk(db: Path, context: str) -> int:
    """The number of whole actions in the workspace; fails if any action is partial."""
    json.loads(db.read_bytes())  # the file parses as it is
    workspace = Workspace.open(db)
    [summary] = workspace.summaries()
    cycle = workspace.load(CYCLE_ID)
    n = len(cycle.objectives)
    assert set(cycle.objectives) == {f"obj-{i}" for i in range(1, n + 1)}, context
    expected_krs = {f"kr-{i}-{s}": f"obj-{i}" for i in range(1, n + 1) for s in "ab"}
    krs = {kr.id: kr.objective_id for kr in cycle.key_results.values()}
    assert krs == expected_krs, context
    assert cycle.cycle.description == (f"actions={n}" if n else ""), context
    assert (summary.objectives, summary.key_results) == (n, 2 * n), context
    return n


def empty_cycle_workspace(db: Path) -> None:
    Workspace.open(db).add_cycle(CycleData(Cycle(id=CYCLE_ID, name="Crash test")))


def kill_writers(db: Path, start_worker: Callable[..., Worker], kills: int, tally: Tally) -> None:
    rng = random.Random(tally.seed)
    server = start_worker("crash-server", db, CYCLE_ID)
    server.expect("ready")
    previous = 0
    for round_ in range(1, kills + 1):
        context = f"{tally} (round {round_})"
        server.send("go")
        pid, acked = None, previous
        while pid is None or acked == previous:  # the writer has finished one action
            command, _, value = server.line().partition(" ")
            if command == "pid":
                pid = int(value)
            else:
                assert command == "ack", f"{command} {value}; {context}"
                acked = int(value)
        time.sleep(rng.uniform(0, MAX_KILL_DELAY))  # a random kill moment, not a wait
        os.kill(pid, signal.SIGKILL)
        server.send(f"reap {pid}")
        while (line := server.line()).startswith("ack "):
            acked = int(line.split()[1])
        assert line == f"reaped signal {signal.SIGKILL}", f"{line}; {context}"

        on_disk = actions_on_disk(db, context)

        assert acked <= on_disk <= acked + 1, f"acknowledged {acked}, found {on_disk}; {context}"
        assert on_disk >= previous, context
        tally.before += on_disk == acked
        tally.after += on_disk == acked + 1
        tally.actions.append(on_disk)
        previous = on_disk
    server.send("quit")


def test_killed_writers_leave_a_whole_workspace(
    db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    empty_cycle_workspace(db_path)
    tally = Tally(seed())

    kill_writers(db_path, start_worker, KILLS, tally)

    print(tally, f"; {len(temp_files(db_path.parent))} temp files left by kills mid-write")
    assert tally.before + tally.after == KILLS
    # the workspace is still fully usable after the last kill
    Workspace.open(db_path).apply(CYCLE_ID, [])
    Workspace.open(db_path).delete_cycle(CYCLE_ID)
    assert Workspace.open(db_path).summaries() == []


@pytest.mark.slow
def test_killed_writers_leave_a_whole_workspace_many_times(
    db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    empty_cycle_workspace(db_path)
    tally = Tally(seed())

    kill_writers(db_path, start_worker, SLOW_KILLS, tally)

    print(tally, f"; {len(temp_files(db_path.parent))} temp files left by kills mid-write")
    assert tally.before + tally.after == SLOW_KILLS


def test_killed_commands_leave_a_whole_workspace(tmp_path: Path, db_path: Path) -> None:
    """The real ``okrworkshop new`` in a loop, killed (with its shell) at random moments."""
    Workspace.open(db_path)
    tally = Tally(seed())
    rng = random.Random(tally.seed)
    loop = 'i=0; while :; do i=$((i + 1)); okrworkshop new "Cycle $i" || exit 1; done'
    previous = 0
    for round_ in range(1, CLI_KILLS + 1):
        context = f"{tally} (round {round_})"
        shell = subprocess.Popen(
            ["sh", "-c", loop],
            stdout=subprocess.PIPE,
            env=cli_env(db_path),
            text=True,
            start_new_session=True,
        )
        assert shell.stdout is not None
        first_id = shell.stdout.readline()  # one command has finished
        assert first_id.startswith("cyc"), context
        time.sleep(rng.uniform(0, MAX_CLI_KILL_DELAY))  # a random kill moment, not a wait
        os.killpg(shell.pid, signal.SIGKILL)
        acked = previous + 1 + len(shell.stdout.read().split())
        shell.wait()

        cycles = Workspace.open(db_path).summaries()

        assert acked <= len(cycles) <= acked + 1, f"{acked} printed, {len(cycles)}; {context}"
        assert all(s.cycle.name.startswith("Cycle ") for s in cycles), context
        tally.before += len(cycles) == acked
        tally.after += len(cycles) == acked + 1
        previous = len(cycles)
    print(tally)
