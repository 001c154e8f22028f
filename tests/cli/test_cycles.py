"""new, list, demo, open and how CYCLE is resolved; usage mistakes are one line and exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrworkshop.model import Update
from okrworkshop.store import Workspace
from tests.cli.conftest import Cli, cli_main_module

ID = re.compile(r"^cyc-[0-9a-f]{12}$")


def test_new_prints_an_id_that_list_shows(cli: Cli) -> None:
    created = cli.ok("new", "Acme 2027-Q1", "--starts", "2027-01-01", "--ends", "2027-03-31")
    cycle_id = created.out.strip()
    assert ID.match(cycle_id)
    assert created.err == ""
    listed = cli.ok("list")
    assert listed.out == (
        f"{cycle_id}  Acme 2027-Q1  (2027-01-01 → 2027-03-31, 0 objectives, 0 key results)\n"
    )


def test_new_defaults_to_the_current_quarter(cli: Cli) -> None:
    cycle_id = cli.ok("new", "This quarter").out.strip()
    [row] = cli.ok("list", "--format", "json").json()
    assert row["id"] == cycle_id
    assert (row["starts"], row["ends"]) == ("2026-10-01", "2026-12-31")  # today is 2026-11-24


@pytest.mark.parametrize(
    ("args", "span"),
    [
        (["--starts", "2027-01-01"], ("2027-01-01", "2027-03-31")),
        (["--starts", "2027-01-31"], ("2027-01-31", "2027-04-30")),
        (["--starts", "2027-02-15"], ("2027-02-15", "2027-05-14")),
        (["--ends", "2027-06-30"], ("2027-04-01", "2027-06-30")),
    ],
)
def test_new_fills_in_a_three_month_span(cli: Cli, args: list[str], span: tuple[str, str]) -> None:
    cli.ok("new", "Acme", *args)
    [row] = cli.ok("list", "--format", "json").json()
    assert (row["starts"], row["ends"]) == span


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Acme", "--starts", "2027-13-01"],
            "argument --starts: '2027-13-01' is not a date like 2027-03-31 "
            "(see 'okrworkshop new --help')",
        ),
        (
            ["Acme", "--ends", "31/03/2027"],
            "argument --ends: '31/03/2027' is not a date like 2027-03-31 "
            "(see 'okrworkshop new --help')",
        ),
        (
            ["Acme", "--starts", "2027-03-01", "--ends", "2027-01-31"],
            "cannot create the cycle: the cycle ends (2027-01-31) before it starts (2027-03-01)",
        ),
        (["   "], "cannot create the cycle: name: must not be blank"),
        (
            ["Acme\nQ1"],
            "cannot create the cycle: name: must be a single line (no line breaks or tabs)",
        ),
        (["x" * 121], "cannot create the cycle: name: String should have at most 120 characters"),
    ],
)
def test_new_refuses_bad_input_and_creates_nothing(
    cli: Cli, db_path: Path, args: list[str], message: str
) -> None:
    result = cli.fails("new", *args)
    assert result.err_lines == [f"okrworkshop: error: {message}"]
    assert not db_path.exists(), "a refused command should not even create the workspace"


def test_refused_new_leaves_an_existing_workspace_alone(cli: Cli, db_path: Path) -> None:
    cli.ok("new", "Acme")
    before = db_path.read_bytes()
    cli.fails("new", "")
    assert db_path.read_bytes() == before


def test_list_on_an_empty_workspace_says_how_to_start(cli: Cli) -> None:
    assert cli.ok("list").out == 'No cycles yet. Create one with: okrworkshop new "Acme 2027-Q1"\n'
    assert cli.ok("list", "--format", "json").json() == []


def test_list_json_has_the_documented_fields(cli: Cli) -> None:
    cli.ok("demo", "--no-open")
    cli.ok("new", "Acme 2027-Q1", "--starts", "2027-01-01")
    rows = cli.ok("list", "--format", "json").json()
    assert [r["name"] for r in rows] == ["Acme 2027-Q1", "Kestrel Labs 2026-Q4"]  # newest first
    for row in rows:
        assert {"id", "name", "starts", "ends", "sessions"} <= row.keys()
    demo = rows[1]
    assert demo["id"] == "demo-kestrel"
    assert (demo["starts"], demo["ends"]) == ("2026-10-01", "2026-12-31")
    assert (demo["objectives"], demo["key_results"]) == (8, 27)
    assert [(s["id"], s["kind"]) for s in demo["sessions"]] == [
        ("ses-planning", "planning"),
        ("ses-check-in", "check-in"),
        ("ses-retro", "retro"),
    ]
    assert demo["sessions"][2] == {
        "id": "ses-retro",
        "kind": "retro",
        "title": "Quarterly review retro",
        "held_on": "2026-11-24",
        "closed": False,
    }


def test_list_text_shows_sessions_under_their_cycle(cli: Cli) -> None:
    cli.ok("demo", "--no-open")
    lines = cli.ok("list").out.splitlines()
    assert lines[0].startswith("demo-kestrel  Kestrel Labs 2026-Q4  (2026-10-01 → 2026-12-31")
    assert lines[1].split() == ["ses-planning", "planning", "Planning", "session", "2026-09-28"]
    assert lines[3].endswith("2026-11-24 — in progress")


def test_demo_twice_reuses_the_demo_cycle(cli: Cli, db_path: Path) -> None:
    assert cli.ok("demo", "--no-open").out == "demo-kestrel\n"
    first = db_path.read_bytes()
    assert cli.ok("demo", "--no-open").out == "demo-kestrel\n"
    assert db_path.read_bytes() == first
    assert [c.id for c in Workspace.open(db_path).cycles()] == ["demo-kestrel"]


def test_demo_keeps_changes_made_to_it(cli: Cli, db_path: Path) -> None:
    cli.ok("demo", "--no-open")
    workspace = Workspace.open(db_path)
    workspace.apply("demo-kestrel", [Update("objectives", "obj-c1", {"owner": "Ana"})])
    cli.ok("demo", "--no-open")
    assert workspace.load("demo-kestrel").objectives["obj-c1"].owner == "Ana"


def test_open_resolves_the_cycle_before_starting_the_app(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("demo", "--no-open")
    opened: list[str | None] = []

    def fake_app(workspace: Workspace, cycle_id: str | None) -> int:
        opened.append(cycle_id)
        return 0

    monkeypatch.setattr(cli_main_module, "_run_app", fake_app)
    cli.ok("open", "kestrel")
    assert opened == ["demo-kestrel"]
    result = cli.fails("open", "nothing")
    assert result.err_lines == [
        "okrworkshop: error: no cycle matches 'nothing'; cycles: Kestrel Labs 2026-Q4 "
        "(demo-kestrel)"
    ]
    assert opened == ["demo-kestrel"]


class TestCycleResolution:
    @pytest.fixture
    def ids(self, cli: Cli) -> dict[str, str]:
        return {
            name: cli.ok("new", name, "--starts", starts).out.strip()
            for name, starts in (
                ("Acme 2027-Q1", "2027-01-01"),
                ("Acme 2027-Q2", "2027-04-01"),
                ("Beta", "2027-01-01"),
            )
        }

    def test_by_id(self, cli: Cli, ids: dict[str, str]) -> None:
        out = cli.ok("export", ids["Acme 2027-Q2"], "--format", "json").json()
        assert out["cycle"]["name"] == "Acme 2027-Q2"

    @pytest.mark.parametrize(
        ("ref", "name"),
        [("Acme 2027-Q1", "Acme 2027-Q1"), ("acme 2027-q2", "Acme 2027-Q2"), ("B", "Beta")],
    )
    def test_by_unambiguous_name_prefix(
        self, cli: Cli, ids: dict[str, str], ref: str, name: str
    ) -> None:
        assert cli.ok("export", ref, "--format", "json").json()["cycle"]["name"] == name

    def test_by_id_prefix(self, cli: Cli, ids: dict[str, str]) -> None:
        ref = ids["Beta"][:10]
        if any(other.startswith(ref) for name, other in ids.items() if name != "Beta"):
            pytest.skip("random ids happen to share a prefix")
        assert cli.ok("export", ref, "--format", "json").json()["cycle"]["name"] == "Beta"

    def test_ambiguous_prefix_lists_the_candidates(self, cli: Cli, ids: dict[str, str]) -> None:
        result = cli.fails("export", "Acme", "--format", "json")
        assert result.err_lines == [
            f"okrworkshop: error: 'Acme' matches more than one cycle: Acme 2027-Q2 "
            f"({ids['Acme 2027-Q2']}), Acme 2027-Q1 ({ids['Acme 2027-Q1']}); use the id"
        ]

    def test_unknown_cycle_lists_the_cycles(self, cli: Cli, ids: dict[str, str]) -> None:
        result = cli.fails("export", "Gamma")
        assert len(result.err_lines) == 1
        assert result.err.startswith("okrworkshop: error: no cycle matches 'Gamma'; cycles: ")
        for name, cycle_id in ids.items():
            assert f"{name} ({cycle_id})" in result.err

    def test_blank_reference_matches_nothing(self, cli: Cli, ids: dict[str, str]) -> None:
        assert "no cycle matches ''" in cli.fails("export", "").err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["bogus"],
            "argument COMMAND: invalid choice: 'bogus' (choose from 'demo', 'new', 'list', "
            "'open', 'export', 'import', 'lint', 'agenda', 'schema') (see 'okrworkshop --help')",
        ),
        (["new"], "the following arguments are required: name (see 'okrworkshop new --help')"),
        (
            ["export"],
            "the following arguments are required: CYCLE (see 'okrworkshop export --help')",
        ),
        (
            ["import"],
            "the following arguments are required: FILE (see 'okrworkshop import --help')",
        ),
        (
            ["list", "--format", "yaml"],
            "argument --format: invalid choice: 'yaml' (choose from 'text', 'json') "
            "(see 'okrworkshop list --help')",
        ),
        (["list", "--colour"], "unrecognized arguments: --colour (see 'okrworkshop --help')"),
        (["--db"], "argument --db: expected one argument (see 'okrworkshop --help')"),
    ],
)
def test_usage_mistakes_are_one_line(cli: Cli, argv: list[str], message: str) -> None:
    result = cli.fails(*argv)
    assert result.err_lines == [f"okrworkshop: error: {message}"]


def test_help_and_version_return_zero(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "usage: okrworkshop" in result.out
    assert "CYCLE is a cycle id or an unambiguous start of its name." in result.out
    version = cli("--version")
    assert version.code == 0
    assert version.out.startswith("okrworkshop ")


def test_db_option_wins_over_the_environment(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    cli.ok("--db", str(other), "new", "Elsewhere")
    cli.ok("new", "Here", "--db", str(cli.db_path))
    assert [c.name for c in Workspace.open(other).cycles()] == ["Elsewhere"]
    assert [c.name for c in Workspace.open(cli.db_path).cycles()] == ["Here"]


def test_unreadable_workspace_is_one_clear_line(cli: Cli, db_path: Path) -> None:
    db_path.write_text("{ not json", encoding="utf-8")
    result = cli.fails("list")
    assert len(result.err_lines) == 1
    assert str(db_path) in result.err
    assert db_path.read_text(encoding="utf-8") == "{ not json"
