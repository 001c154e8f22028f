"""Launch runners for the benchmark: each notes when its screen is drawn, then exits.

``python -m tests.perf.launch bare`` — the floor: a bare Textual app (Header, Static, Footer).
``python -m tests.perf.launch imports`` — the bare app again, after importing what opening a cycle
imports (textual's widgets, pydantic, our models, store, coach and cycle screen): how much of a
launch the fixed packages and our modules' imports take before any of our work is done.
``python -m tests.perf.launch open DB CYCLE`` — ``okrworkshop --db DB open CYCLE``, exiting once
the cycle's first view has drawn (the CLI path, the writer process and all).
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from typing import Any


def _report_peak_memory() -> None:
    """Peak resident memory of this process (VmHWM, reset at exec) into the file named."""
    target = os.environ.get("OKRWORKSHOP_BENCH_MEMORY")
    if not target:
        return
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(target, "w", encoding="ascii") as out:
                    out.write(line.split()[1])  # kB


atexit.register(_report_peak_memory)


def _drawn() -> None:
    """Note when the screen is drawn (the system-wide monotonic clock) for the benchmark."""
    target = os.environ.get("OKRWORKSHOP_BENCH_DRAWN")
    if target:
        with open(target, "w", encoding="ascii") as out:
            out.write(repr(time.monotonic()))


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A bare Textual app")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            _drawn()
            self.exit()

    Bare().run()


def imports() -> None:
    import okrworkshop.cli
    import okrworkshop.tui.app
    import okrworkshop.tui.screens.cycle  # noqa: F401  (the imports are what is measured)

    bare()


def open_cycle(db: str, cycle: str) -> None:
    from okrworkshop.tui.screens.cycle import CycleScreen

    first_view = CycleScreen.view_ready

    def view_ready(screen: CycleScreen, view: object) -> None:
        first_view(screen, view)  # type: ignore[arg-type]
        if screen.current_view_ready:
            screen.app.call_after_refresh(drawn, screen.app)

    def drawn(app: Any) -> None:
        _drawn()
        app.exit()

    CycleScreen.view_ready = view_ready  # type: ignore[method-assign]
    from okrworkshop.cli import main

    main(["--db", db, "open", cycle])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    elif sys.argv[1] == "imports":
        imports()
    else:
        open_cycle(sys.argv[2], sys.argv[3])
