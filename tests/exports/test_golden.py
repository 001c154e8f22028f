"""Golden files: the demo's exports, byte for byte, as the team would paste them.

The demo is built for 2026-11-24. When an export changes on purpose, rewrite the files with

    OKRWORKSHOP_UPDATE_GOLDEN=1 pytest tests/exports/test_golden.py

and read the diff (``git diff tests/exports/golden``) before committing it.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from exports.formats import export_text, export_with_template
from okrworkshop.demo import build_demo
from okrworkshop.model import CycleData

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 24)
UPDATE = os.environ.get("OKRWORKSHOP_UPDATE_GOLDEN") == "1"

Render = Callable[[CycleData], str]

EXPORTS: dict[str, Render] = {
    "demo.md": lambda d: export_text(d, "markdown", today=TODAY),
    "demo.html": lambda d: export_text(d, "html", today=TODAY),
    "demo.json": lambda d: export_text(d, "json", today=TODAY),
    "demo.csv": lambda d: export_text(d, "csv", today=TODAY),
    "demo-planning.md": lambda d: export_text(
        d, "markdown", session_id="ses-planning", today=TODAY
    ),
    "demo-check-in.md": lambda d: export_text(
        d, "markdown", session_id="ses-check-in", today=TODAY
    ),
    "demo-retro.md": lambda d: export_text(d, "markdown", session_id="ses-retro", today=TODAY),
    "demo-retro.html": lambda d: export_text(d, "html", session_id="ses-retro", today=TODAY),
    "demo-team-status.md": lambda d: export_with_template(
        d, ROOT / "docs" / "templates" / "team-status.md.j2", today=TODAY
    ),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_demo_export_matches_its_golden_file(name: str) -> None:
    text = EXPORTS[name](build_demo(TODAY))
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file {path}; run with OKRWORKSHOP_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"golden/{name}",
                "now",
                n=1,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file (OKRWORKSHOP_UPDATE_GOLDEN=1 rewrites it):\n"
            + diff[:4000]
        )


def test_every_golden_file_is_checked() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(EXPORTS)
