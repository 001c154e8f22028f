"""okrworkshop import: a bundle becomes a cycle; a bad bundle changes nothing and says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exports.bundle_json import export_json
from okrworkshop.model import CycleData
from okrworkshop.store import Workspace
from tests.cli.conftest import Cli


def write(path: Path, doc: dict[str, Any] | str) -> str:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=2), encoding="utf-8")
    return str(path)


def team_bundle(**parts: Any) -> dict[str, Any]:
    """The Booking team's bundle: its own objective aligned to a company key result."""
    return {
        "format": "okrworkshop-bundle",
        "schema_version": 1,
        "cycle": {"id": "booking-draft", "name": "Booking team draft"},
        "objectives": [
            {
                "id": "obj-booking-9",
                "title": "Patients rebook without calling the clinic",
                "level": "team",
                "team": "Booking",
                "owner": "Lena Fischer",
                "theme_id": "thm-patients",
                "parent_id": "kr-c1-1",
                "key_results": [
                    {
                        "id": "kr-booking-9-1",
                        "title": "Online rebookings from 20% to 45%",
                        "baseline": 20,
                        "target": 45,
                        "unit": "%",
                        "check_ins": [{"id": "ci-booking-9-1", "at": "2026-11-20", "value": 24}],
                    }
                ],
            }
        ],
        **parts,
    }


@pytest.fixture
def demo_file(tmp_path: Path, demo: CycleData) -> str:
    return write(tmp_path / "demo.json", export_json(demo))


def test_import_prints_the_cycle_id(cli: Cli, db_path: Path, demo_file: str) -> None:
    result = cli.ok("import", demo_file)
    assert result.out == "demo-kestrel\n"
    assert cli.ok("export", "demo-kestrel", "--format", "json").out == Path(demo_file).read_text(
        encoding="utf-8"
    )


def test_importing_the_same_bundle_again_is_refused(
    cli: Cli, db_path: Path, demo_file: str
) -> None:
    cli.ok("import", demo_file)
    before = db_path.read_bytes()
    result = cli.fails("import", demo_file)
    assert result.err_lines == [
        f"okrworkshop: error: {demo_file}: a cycle with id 'demo-kestrel' is already in the "
        "workspace (use --replace to overwrite it); nothing was imported"
    ]
    assert db_path.read_bytes() == before


def test_replace_overwrites_the_cycle(cli: Cli, db_path: Path, demo_file: str) -> None:
    cli.ok("import", demo_file)
    doc = json.loads(Path(demo_file).read_text(encoding="utf-8"))
    doc["cycle"]["name"] = "Kestrel renamed"
    doc["objectives"] = doc["objectives"][:1]
    doc["dismissals"] = []  # the demo's one is about a key result trimmed away here
    cli.ok("import", write(Path(demo_file), doc), "--replace")
    data = Workspace.open(db_path).load("demo-kestrel")
    assert data.cycle.name == "Kestrel renamed"
    assert list(data.objectives) == ["obj-c1"]
    assert len(Workspace.open(db_path).cycles()) == 1


def test_invalid_bundle_lists_every_problem_and_imports_nothing(
    cli: Cli, db_path: Path, tmp_path: Path, demo: CycleData
) -> None:
    cli.ok("new", "Existing")
    before = db_path.read_bytes()
    doc = json.loads(export_json(demo))
    doc["objectives"][2]["key_results"][0]["target"] = "lots"
    doc["objectives"][0]["title"] = ""
    doc["actions"][0]["session_id"] = "ses-gone"  # only reported once fields are valid
    doc["cycle"]["colour"] = "red"
    path = write(tmp_path / "bad.json", doc)
    result = cli.fails("import", path)
    assert result.err_lines == [
        f"okrworkshop: error: {path}: is not a valid bundle (3 problems); nothing was imported",
        "  cycle.colour: unknown field (not part of the okrworkshop format)",
        "  objectives[0].title: must not be blank",
        "  objectives[2].key_results[0].target: "
        "Input should be a valid number, unable to parse string as a number",
    ]
    assert db_path.read_bytes() == before


def test_reference_problems_are_listed_with_paths(
    cli: Cli, db_path: Path, tmp_path: Path, demo: CycleData
) -> None:
    cli.ok("new", "Existing")
    before = db_path.read_bytes()
    doc = json.loads(export_json(demo))
    doc["actions"][0]["session_id"] = "ses-gone"
    doc["objectives"][1]["id"] = "obj-c1"
    path = write(tmp_path / "bad.json", doc)
    result = cli.fails("import", path)
    assert result.err_lines[1:] == [
        "  objectives[1].id: id 'obj-c1' is already used at objectives[0].id",
        "  actions[0].session_id: no session with id 'ses-gone' in the bundle",
    ]
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{\n  oops\n}",
            "is not valid JSON (line 2, column 3: Expecting property name enclosed "
            "in double quotes)",
        ),
        ("[1, 2]", "is not a bundle: expected a JSON object at the top"),
        ('{"format": "csv"}', 'is not a bundle: "format" should be "okrworkshop-bundle"'),
        (
            '{"format": "okrworkshop-bundle", "schema_version": 7}',
            "was written by a newer okrworkshop (bundle schema version 7; this one reads up to "
            "1); upgrade okrworkshop to import it",
        ),
        ("[" * 100_000, "is nested too deeply to be a bundle"),
    ],
)
def test_files_that_are_not_bundles(cli: Cli, tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "thing.json", content)
    assert cli.fails("import", path).err_lines == [f"okrworkshop: error: {path}: {message}"]


def test_workspace_file_passed_as_a_bundle(cli: Cli, db_path: Path) -> None:
    cli.ok("demo", "--no-open")
    result = cli.fails("import", str(db_path))
    assert result.err_lines == [
        f'okrworkshop: error: {db_path}: is not a bundle: "format" should be '
        '"okrworkshop-bundle" (it looks like a workspace file: pass it with --db instead)'
    ]


def test_missing_file_and_folder(cli: Cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    assert cli.fails("import", missing).err_lines == [
        f"okrworkshop: error: {missing}: no such file"
    ]
    assert cli.fails("import", str(tmp_path)).err_lines == [
        f"okrworkshop: error: {tmp_path}: is a folder, not a bundle file"
    ]


def test_refused_import_does_not_create_a_workspace(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.fails("import", write(tmp_path / "bad.json", "[]"))
    assert not db_path.exists()


class TestMergeInto:
    @pytest.fixture
    def workspace(self, cli: Cli, db_path: Path) -> Workspace:
        cli.ok("demo", "--no-open")
        return Workspace.open(db_path)

    def test_team_bundle_merges_with_parents_resolving_against_the_cycle(
        self, cli: Cli, workspace: Workspace, tmp_path: Path
    ) -> None:
        path = write(tmp_path / "booking.json", team_bundle())
        assert cli.ok("import", path, "--into", "Kestrel").out == "demo-kestrel\n"
        data = workspace.load("demo-kestrel")
        merged = data.objectives["obj-booking-9"]
        assert merged.parent_id == "kr-c1-1"
        assert merged.theme_id == "thm-patients"
        assert [kr.id for kr in data.key_results_of("obj-booking-9")] == ["kr-booking-9-1"]
        assert [c.value for c in data.check_ins_of("kr-booking-9-1")] == [24]
        assert data.cycle.name == "Kestrel Labs 2026-Q4"  # the bundle's own cycle is not taken
        assert [c.id for c in workspace.cycles()] == ["demo-kestrel"]
        markdown = cli.ok("export", "Kestrel").out
        assert "aligns to Net promoter score from 31 to 45" in markdown

    def test_colliding_ids_are_listed_and_nothing_is_imported(
        self, cli: Cli, workspace: Workspace, db_path: Path, tmp_path: Path
    ) -> None:
        doc = team_bundle()
        doc["objectives"][0]["id"] = "obj-t1"
        doc["objectives"][0]["key_results"][0]["id"] = "kr-t1-1"
        doc["themes"] = [{"id": "thm-growth", "title": "Growth"}]
        before = db_path.read_bytes()
        path = write(tmp_path / "booking.json", doc)
        result = cli.fails("import", path, "--into", "Kestrel")
        assert result.err_lines == [
            f"okrworkshop: error: {path} cannot be merged into 'Kestrel Labs 2026-Q4': 3 ids "
            "already in the cycle; nothing was imported",
            "  thm-growth (theme 'Growth')",
            "  obj-t1 (objective 'Patients rebook without calling the clinic')",
            "  kr-t1-1 (key result 'Online rebookings from 20% to 45%')",
        ]
        assert db_path.read_bytes() == before

    def test_dangling_parent_is_refused(
        self, cli: Cli, workspace: Workspace, db_path: Path, tmp_path: Path
    ) -> None:
        doc = team_bundle()
        doc["objectives"][0]["parent_id"] = "kr-nowhere"
        before = db_path.read_bytes()
        path = write(tmp_path / "booking.json", doc)
        result = cli.fails("import", path, "--into", "Kestrel")
        assert result.err_lines[1:] == [
            "  objectives[0].parent_id: no objective or key result with id 'kr-nowhere'"
        ]
        assert db_path.read_bytes() == before

    def test_without_into_the_outside_parent_is_refused(
        self, cli: Cli, workspace: Workspace, tmp_path: Path
    ) -> None:
        path = write(tmp_path / "booking.json", team_bundle())
        result = cli.fails("import", path)
        assert "  objectives[0].parent_id: no objective or key result with id 'kr-c1-1'" in (
            result.err_lines
        )

    def test_into_and_replace_together(
        self, cli: Cli, workspace: Workspace, tmp_path: Path
    ) -> None:
        path = write(tmp_path / "booking.json", team_bundle())
        result = cli.fails("import", path, "--into", "Kestrel", "--replace")
        assert result.err_lines == [
            "okrworkshop: error: --into and --replace cannot be used together"
        ]

    def test_into_an_unknown_cycle(self, cli: Cli, workspace: Workspace, tmp_path: Path) -> None:
        path = write(tmp_path / "booking.json", team_bundle())
        result = cli.fails("import", path, "--into", "Nope")
        assert result.err.startswith("okrworkshop: error: no cycle matches 'Nope'")
