"""Many teams, one cycle: ``export --team`` writes a team's part, ``import --into`` merges it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exports.bundle_json import export_json
from exports.team_part import plan_merge
from okrworkshop.model import CycleData, edits
from okrworkshop.store import Workspace
from tests.cli.conftest import Cli
from tests.facilitation.builders import cycle, key_result, objective


@pytest.fixture
def org(cli: Cli, db_path: Path) -> Workspace:
    """The organisation's workspace with the demo cycle."""
    cli.ok("demo", "--no-open")
    return Workspace.open(db_path)


def payments_part(tmp_path: Path, demo: CycleData, cli: Cli) -> str:
    """Another facilitator's workspace: the cycle imported, a Payments objective added under
    a department key result, and the team's part exported."""
    other_db = tmp_path / "payments-facilitator.json"
    other = Workspace.open(other_db)
    other.add_cycle(demo)
    data = other.load("demo-kestrel")
    _, change = edits.add_objective(
        data,
        id="obj-pay-1",
        title="Patients pay at booking without friction",
        level="team",
        team="Payments",
        owner="Noor Haddad",
        parent_id="kr-d1-2",
        theme_id="thm-patients",
    )
    data.apply(change)
    _, change = edits.add_key_result(
        data,
        "obj-pay-1",
        id="kr-pay-1",
        title="Card payments at booking from 10% to 40%",
        baseline=10,
        target=40,
        current=16,
        unit="%",
    )
    data.apply(change)
    other.add_cycle(data, replace=True)
    path = tmp_path / "payments.json"
    cli.ok(
        "--db",
        str(other_db),
        "export",
        "Kestrel",
        "--format",
        "json",
        "--team",
        "payments",
        "-o",
        str(path),
    )
    return str(path)


def test_export_team_writes_only_that_teams_part(org: Workspace, cli: Cli) -> None:
    bundle = cli.ok("export", "Kestrel", "--format", "json", "--team", "Booking").json()
    assert [o["id"] for o in bundle["objectives"]] == ["obj-t1", "obj-t4"]
    assert {o["team"] for o in bundle["objectives"]} == {"Booking"}
    assert [o["parent_id"] for o in bundle["objectives"]] == ["obj-d1", "kr-c2-1"]
    # the themes it serves come along; the cycle's other records do not
    assert [t["id"] for t in bundle["themes"]] == ["thm-patients", "thm-growth"]
    assert bundle["cycle"]["id"] == "demo-kestrel"


def test_a_teams_part_merges_into_the_shared_cycle(
    org: Workspace, cli: Cli, tmp_path: Path, demo: CycleData
) -> None:
    path = payments_part(tmp_path, demo, cli)
    result = cli.ok("import", path, "--into", "Kestrel")
    assert result.out == "demo-kestrel\n"
    assert result.err == "merged 1 objective, 1 key result into 'Kestrel Labs 2026-Q4'\n"
    data = org.load("demo-kestrel")
    assert data.objectives["obj-pay-1"].parent_id == "kr-d1-2"
    assert data.key_results["kr-pay-1"].current == 16
    assert len(data.objectives) == len(demo.objectives) + 1
    # the shared theme was not a collision and is still there once
    assert list(data.themes) == list(demo.themes)
    markdown = cli.ok("export", "Kestrel").out
    cascade = markdown.split("## Cascade", 1)[1]
    assert "Patients pay at booking without friction" in cascade
    # the Payments objective no longer leaves that department key result unsupported
    lint = cli("lint", "Kestrel", "--format", "json").json()
    assert not [f for f in lint if f["target_id"] == "kr-d1-2"]


def test_merging_the_same_part_twice_is_refused_with_the_collisions(
    org: Workspace, cli: Cli, tmp_path: Path, demo: CycleData, db_path: Path
) -> None:
    path = payments_part(tmp_path, demo, cli)
    cli.ok("import", path, "--into", "Kestrel")
    before = db_path.read_bytes()
    result = cli.fails("import", path, "--into", "Kestrel")
    assert result.err_lines == [
        f"okrworkshop: error: {path} cannot be merged into 'Kestrel Labs 2026-Q4': 2 ids "
        "already in the cycle; nothing was imported",
        "  obj-pay-1 (objective 'Patients pay at booking without friction')",
        "  kr-pay-1 (key result 'Card payments at booking from 10% to 40%')",
    ]
    assert db_path.read_bytes() == before


def test_a_long_list_of_collisions_is_cut_short(org: Workspace, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "booking.json"
    cli.ok("export", "Kestrel", "--format", "json", "--team", "Booking", "-o", str(path))
    result = cli.fails("import", str(path), "--into", "Kestrel")
    assert "50 ids already in the cycle" in result.err_lines[0]
    assert result.err_lines[1] == "  obj-t1 (objective 'Patients finish booking on the first try')"
    assert result.err_lines[-1] == "  … and 20 more"
    assert len(result.err_lines) == 32


def test_a_teams_part_alone_is_not_a_cycle(org: Workspace, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "booking.json"
    cli.ok("export", "Kestrel", "--format", "json", "--team", "Booking", "-o", str(path))
    result = cli.fails("import", str(path), "--db", str(tmp_path / "fresh.json"))
    assert result.err_lines[-1] == "  (a team's part? merge it into its cycle with --into CYCLE)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--team", "Booking"],
            "--team works with --format json (a team's part to merge with --into)",
        ),
        (
            ["--format", "json", "--team", "Payroll"],
            "cycle 'Kestrel Labs 2026-Q4' has no team 'Payroll'; teams: Product & Engineering, "
            "Customer Success, Booking, Platform, Onboarding",
        ),
    ],
)
def test_export_team_refusals(org: Workspace, cli: Cli, args: list[str], message: str) -> None:
    assert cli.fails("export", "Kestrel", *args).err_lines == [f"okrworkshop: error: {message}"]


def test_a_merge_that_would_close_a_loop_is_refused() -> None:
    # A cycle whose objective points at an id it does not have yet (an older tool wrote it)
    target = cycle(objective("c"), objective("d", "department", parent="t-1"))
    incoming = cycle(objective("t", "team", parent="d"), key_result("t-1", "t"))
    plan = plan_merge(target, incoming)
    assert not plan.ok
    assert plan.loop == ("parent links would loop: d (Objective d) -> t (Objective t) -> d")


def test_lint_reports_a_loop_in_a_bundle_that_import_refuses(
    cli: Cli, tmp_path: Path, demo: CycleData
) -> None:
    doc = json.loads(export_json(demo))
    by_id = {o["id"]: o for o in doc["objectives"]}
    by_id["obj-d1"]["parent_id"] = "kr-t1-1"  # obj-t1 aligns to obj-d1 already
    path = tmp_path / "loop.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    refused = cli.fails("import", str(path))
    assert any(
        "parent links loop: obj-d1 (Make booking effortless for patients) -> obj-t1" in line
        for line in refused.err_lines
    )
    lint = cli("lint", str(path), "--format", "json")
    assert lint.code == 1
    loops = [f for f in lint.json() if f["rule"] == "alignment-cycle"]
    assert [f["target_id"] for f in loops] == ["obj-d1"]
    assert (
        "“Make booking effortless for patients” → “Patients finish booking" in loops[0]["message"]
    )


def test_a_teams_part_carries_the_findings_it_dismissed(org: Workspace, cli: Cli) -> None:
    onboarding = cli.ok("export", "Kestrel", "--format", "json", "--team", "Onboarding").json()
    assert [d["target_id"] for d in onboarding["dismissals"]] == ["kr-t3-2"]
    booking = cli.ok("export", "Kestrel", "--format", "json", "--team", "Booking").json()
    assert booking["dismissals"] == []
