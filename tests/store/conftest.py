"""Fixtures for the storage tests: a small cycle, and workers in processes of their own."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from okrworkshop.model import Cycle, CycleData, Objective
from okrworkshop.store import Workspace

WORKERS = Path(__file__).with_name("workers.py")
FIXTURES = Path(__file__).with_name("fixtures")
CYCLE_ID = "cyc-q1"
# A safety net for a worker that hangs; the tests never wait on it when all goes well.
LINE_TIMEOUT = 60.0


def small_cycle() -> CycleData:
    """A cycle with one company objective, ``shared``, that several writers edit."""
    cycle = Cycle(id=CYCLE_ID, name="Acme 2027-Q1")
    shared = Objective(id="shared", title="Delight new customers", level="company")
    return CycleData(cycle, {"objectives": {shared.id: shared}})


@pytest.fixture
def cycle_workspace(workspace: Workspace) -> Workspace:
    """A workspace holding :func:`small_cycle`."""
    workspace.add_cycle(small_cycle())
    return workspace


def temp_files(folder: Path) -> list[Path]:
    """Temporary files our atomic writes create beside the workspace."""
    return sorted(folder.glob(".*.tmp"))


class Worker:
    """A ``workers.py`` process we talk to one line at a time."""

    def __init__(self, *args: str | Path, stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(WORKERS), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def line(self) -> str:
        """The next line the worker prints; fails with its stderr if it ended or hung."""
        try:
            line = self._lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            line = None
        if line is None:
            self.stop()
            pytest.fail(f"worker {self.process.args!r} stopped early:\n{self.errors()}")
        return line

    def expect(self, wanted: str) -> str:
        line = self.line()
        assert line == wanted, f"expected {wanted!r} from the worker, got {line!r}\n{self.errors()}"
        return line

    def errors(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()
        self._stderr.close()


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    """Start ``workers.py`` processes; each is stopped when the test ends."""
    started: list[Worker] = []

    def start(*args: str | Path) -> Worker:
        worker = Worker(*args, stderr_path=tmp_path / f"worker-{len(started)}.err")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
