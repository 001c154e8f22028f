"""Programs the multi-process storage tests run in processes of their own.

``python workers.py MODE ARGS...``; each prints one line per event on stdout, and on an
unexpected error a traceback on stderr and exit code 1. Every mode that must wait for the
test reads a line from stdin, so nothing here sleeps.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from okrworkshop.model.changes import Change, Op, Put, Update
from okrworkshop.store import Workspace


def say(line: str) -> None:
    """One line on stdout, written in one call so lines from forked children never mix."""
    os.write(1, (line + "\n").encode())


def action(cycle_id: str, n: int) -> list[Op]:
    """The n-th action of the crash writer: an objective, its two key results and a counter."""
    return [
        Put("objectives", {"id": f"obj-{n}", "title": f"Objective {n}", "level": "company"}),
        Put("key_results", {"id": f"kr-{n}-a", "title": f"KR {n}a", "objective_id": f"obj-{n}"}),
        Put("key_results", {"id": f"kr-{n}-b", "title": f"KR {n}b", "objective_id": f"obj-{n}"}),
        Update("cycles", cycle_id, {"description": f"actions={n}"}),
    ]


def crash_actions(db: Path, cycle_id: str) -> None:
    """Apply actions forever, acknowledging each one once ``apply`` has returned."""
    workspace = Workspace.open(db)
    n = len(workspace.load(cycle_id).objectives)
    while True:
        n += 1
        workspace.apply(cycle_id, action(cycle_id, n))
        say(f"ack {n}")


def crash_server(db: Path, cycle_id: str) -> None:
    """Fork a crash writer on each ``go``; ``reap PID`` reports how the child ended.

    Forking from a process that has imported everything once makes a kill round cost
    milliseconds instead of an interpreter start.
    """
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    crash_actions(db, cycle_id)
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(1)
            say(f"pid {pid}")
        elif command == "reap":
            _, status = os.waitpid(int(argument), 0)
            if os.WIFSIGNALED(status):
                say(f"reaped signal {os.WTERMSIG(status)}")
            else:
                say(f"reaped exit {os.WEXITSTATUS(status)}")
        elif command == "quit":
            return


def writer(db: Path, cycle_id: str, name: str, count: int, field: str) -> None:
    """After ``go``: ``count`` actions, each adding an objective and setting ``field`` of one.

    Like an app, each action is made from a fresh load of the cycle (outside the lock), and
    the writer checks that it reads its own write back.
    """
    workspace = Workspace.open(db)
    say("ready")
    if sys.stdin.readline().strip() != "go":
        return
    for i in range(count):
        shared = workspace.load(cycle_id).objectives["shared"]
        record = {"id": f"{name}-{i}", "title": f"{name} {i}", "level": "company"}
        workspace.apply(
            cycle_id,
            [Put("objectives", record), Update("objectives", shared.id, {field: f"{name}-{i}"})],
        )
        if getattr(workspace.load(cycle_id).objectives["shared"], field) != f"{name}-{i}":
            raise AssertionError(f"{name} does not read back its write {i}")
    say("done")


def hold_lock(db: Path) -> None:
    """Hold the workspace lock inside a transaction until a line arrives on stdin."""
    workspace = Workspace.open(db)
    with workspace.transaction():
        say("locked")
        sys.stdin.readline()
    say("released")


def edit(db: Path, cycle_id: str, new_id: str, field: str, value: str) -> None:
    """One action from another process: a new objective and one field of ``shared``."""
    Workspace.open(db).apply(
        cycle_id,
        [
            Put("objectives", {"id": new_id, "title": "Added elsewhere", "level": "company"}),
            Update("objectives", "shared", {field: value}),
        ],
    )
    say("done")


def window(db: Path, cycle_id: str, name: str, kr_id: str, field: str) -> None:
    """A second app window without a screen: it edits its own copy of the cycle, as the app
    does (``CycleEditor`` saving through an ``AutoSaver``), and loads the file again only
    when told. ``edit I`` adds check-in I on ``kr_id`` and sets ``field`` of obj-c1;
    ``same I`` sets the title of obj-c2 (a field the other window sets too).
    """
    from datetime import date

    from okrworkshop.editing import CycleEditor
    from okrworkshop.model import edits
    from okrworkshop.store.autosave import AutoSaver

    workspace = Workspace.open(db)
    saver = AutoSaver(workspace)
    editor = CycleEditor(workspace.load(cycle_id), saver)
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "edit":
            i = int(argument)
            data = editor.data
            _, check_in = edits.record_check_in(data, kr_id, at=date(2026, 11, 24), value=i)
            mine = edits.update("objectives", "obj-c1", "field", **{field: f"{name} {i}"})
            editor.apply(Change(f"round {i}", check_in.ops + mine.ops))
        elif command == "same":
            title = f"Run a profitable business ({name} {argument})"
            editor.apply(edits.update("objectives", "obj-c2", "title", title=title))
        elif command == "reload":
            editor.reload(workspace.load(cycle_id))
        elif command == "quit":
            break
        if not saver.flush():
            raise AssertionError(f"{name} could not save: {saver.last_error}")
        say(f"saved {line.strip()}")
    saver.close()


def main(argv: list[str]) -> None:
    mode, db, *rest = argv
    if mode == "crash-server":
        crash_server(Path(db), rest[0])
    elif mode == "writer":
        writer(Path(db), rest[0], rest[1], int(rest[2]), rest[3])
    elif mode == "hold-lock":
        hold_lock(Path(db))
    elif mode == "edit":
        edit(Path(db), *rest)
    elif mode == "window":
        window(Path(db), *rest)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
