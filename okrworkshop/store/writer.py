"""A writer in a process of its own, so saving a large workspace never stalls the screen.

Parsing and encoding a 10 MB JSON file holds Python's GIL for hundreds of milliseconds; done
on a thread of the app, that freezes the room's screen. The app's ``AutoSaver`` hands each
batch to this long-lived child instead, one JSON line per batch, and waits (off the UI thread)
for its one-line answer. The child keeps the tables of its own last write, so a change costs
one encode and one atomic write, not a parse as well.

Run as ``python -m okrworkshop.store.writer WORKSPACE`` (the app starts it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from okrworkshop.model.changes import Op, op_from_json, op_to_json
from okrworkshop.model.history import History, history_from_json, history_to_json
from okrworkshop.store.errors import CycleNotFoundError, WorkspaceError
from okrworkshop.store.watch import Missed, StatKey, WriteReport


class WriterProcess:
    """The app's side: start the child on first use, send batches, raise what it reports."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._process: subprocess.Popen[str] | None = None
        self._stderr: IO[bytes] | None = None
        self._lock = threading.Lock()
        self._sequence = 0
        # Told about every write the child makes (the app's watch of the file).
        self.on_write: list[Callable[[WriteReport], None]] = []

    def start(self) -> None:
        """Start the child now (it takes a moment to import); later calls do nothing."""
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> subprocess.Popen[str]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child
        self._process = subprocess.Popen(
            [sys.executable, "-m", "okrworkshop.store.writer", str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        return self._process

    def apply(self, cycle_id: str, ops: list[Op], history: History | None = None) -> WriteReport:
        """Apply operations (and the cycle's undo history) in the child; raises its error."""
        with self._lock:
            process = self._ensure_started()
            self._sequence += 1
            request: dict[str, Any] = {
                "n": self._sequence,
                "cycle": cycle_id,
                "ops": [op_to_json(op) for op in ops],
            }
            if history is not None:
                request["history"] = history_to_json(history)
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
                process.stdin.flush()
                line = process.stdout.readline()
            except (BrokenPipeError, OSError):
                line = ""
            if not line:
                self._process = None
                raise WorkspaceError(self.path, f"the writer process stopped: {self._last_words()}")
            answer = json.loads(line)
            if answer.get("ok"):
                # Reported under the lock, so listeners hear of the writes in their order.
                report = report_from_json(answer["report"])
                for listener in list(self.on_write):
                    listener(report)
                return report
        if answer.get("kind") == "CycleNotFoundError":
            raise CycleNotFoundError(answer["error"])
        if answer.get("kind") == "WorkspaceError":
            error = WorkspaceError(self.path, answer["problem"])
            raise error
        raise WorkspaceError(self.path, f"could not be saved: {answer.get('error')}")

    def _last_words(self) -> str:
        if self._stderr is None:
            return "no reason given"
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return text.splitlines()[-1] if text else "no reason given"

    def close(self) -> None:
        """Let the child finish and go (its queue is empty when the saver calls this)."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()


def serve(path: Path, incoming: IO[str], outgoing: IO[str]) -> None:
    """The child's loop: one request line in, one answer line out, until stdin closes."""
    from okrworkshop.store.workspace import Workspace

    workspace = Workspace(path, keep_tables=True)
    for line in incoming:
        answer: dict[str, Any]
        try:
            request = json.loads(line)
            ops = [op_from_json(op) for op in request["ops"]]
            history = request.get("history")
            report = workspace.apply(
                request["cycle"],
                ops,
                history_from_json(history) if history is not None else None,
            )
            answer = {"n": request["n"], "ok": True, "report": report_to_json(report)}
        except CycleNotFoundError as error:
            answer = {"ok": False, "kind": "CycleNotFoundError", "error": error.args[0]}
        except WorkspaceError as error:
            answer = {"ok": False, "kind": "WorkspaceError", "problem": error.problem}
        except Exception as error:  # reported to the app, which keeps the batch queued
            answer = {"ok": False, "kind": type(error).__name__, "error": str(error)}
        outgoing.write(json.dumps(answer, ensure_ascii=False) + "\n")
        outgoing.flush()


def report_to_json(report: WriteReport) -> dict[str, Any]:
    """A write's report as one line of the protocol."""
    return {
        "before": report.before,
        "after": report.after,
        "missed": [{"op": op_to_json(m.op), "table": m.table, "id": m.id} for m in report.missed],
        "cascaded": report.cascaded,
    }


def report_from_json(data: dict[str, Any]) -> WriteReport:
    """The inverse of :func:`report_to_json`."""
    return WriteReport(
        _key(data.get("before")),
        _key(data.get("after")),
        tuple(
            Missed(op_from_json(m["op"]), str(m["table"]), str(m["id"]))
            for m in data.get("missed", [])
        ),
        int(data.get("cascaded", 0)),
    )


def _key(value: Any) -> StatKey | None:
    if value is None:
        return None
    inode, size, mtime = value
    return (int(inode), int(size), int(mtime))


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.stdin, sys.stdout)
