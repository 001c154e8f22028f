"""okrworkshop lint (a cycle or a bundle file) and okrworkshop schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exports.bundle_json import bundle_schema, export_json
from facilitation.coach import RULES
from okrworkshop.model import CycleData
from tests.cli.conftest import Cli


def clean_bundle() -> dict[str, Any]:
    """A cycle the coach has nothing against."""
    return {
        "format": "okrworkshop-bundle",
        "schema_version": 1,
        "cycle": {"id": "cyc-clean", "name": "Clean cycle", "ends": "2027-03-31"},
        "objectives": [
            {
                "id": "obj-1",
                "title": "Clinics recommend us to each other",
                "level": "company",
                "owner": "Maya",
                "key_results": [
                    {
                        "id": f"kr-{i}",
                        "title": f"Referral share from {i} to {i + 10}",
                        "baseline": i,
                        "target": i + 10,
                        "owner": "Maya",
                    }
                    for i in range(3)
                ],
            }
        ],
    }


@pytest.fixture
def with_demo(cli: Cli) -> Cli:
    cli.ok("demo", "--no-open")
    return cli


def test_lint_demo_json_shape_and_exit_code(with_demo: Cli) -> None:
    result = with_demo("lint", "Kestrel", "--format", "json")
    findings = result.json()
    assert findings, "the demo has things to coach"
    for finding in findings:
        assert set(finding) == {"rule", "severity", "target_id", "message"}
        assert finding["rule"] in RULES
        assert finding["severity"] in {"error", "warning", "info"}
    assert any(f["severity"] == "error" for f in findings)
    assert result.code == 1
    severities = [f["severity"] for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert result.err == ""


def test_lint_text_names_what_each_finding_is_about(with_demo: Cli) -> None:
    result = with_demo("lint", "demo-kestrel")
    assert result.code == 1
    findings = with_demo("lint", "demo-kestrel", "--format", "json").json()
    lines = result.out.splitlines()
    assert len(lines) == len(findings)
    owner = next(
        line for line in lines if "objective-no-owner" in line and line.startswith("warning")
    )
    assert "obj-t4  Clinics fill cancelled slots without lifting a finger: Nobody owns" in owner
    errors = sum(f["severity"] == "error" for f in findings)
    warnings = sum(f["severity"] == "warning" for f in findings)
    infos = sum(f["severity"] == "info" for f in findings)
    assert infos > 1, "the demo's cascade has alignment notes and a theme nobody serves"
    assert result.err == (
        f"{len(findings)} findings in Kestrel Labs 2026-Q4: {errors} error"
        f"{'' if errors == 1 else 's'}, {warnings} warnings, {infos} info (1 dismissed)\n"
    )


def test_select_and_ignore_by_slug(with_demo: Cli) -> None:
    only = with_demo("lint", "Kestrel", "--format", "json", "--select", "objective-no-owner")
    assert only.code == 0  # the error finding is filtered out
    assert {f["rule"] for f in only.json()} == {"objective-no-owner"}

    both = with_demo(
        "lint",
        "Kestrel",
        "--format",
        "json",
        "--select",
        "objective-no-owner, key-result-no-owner",
    ).json()
    assert {f["rule"] for f in both} == {"objective-no-owner", "key-result-no-owner"}

    all_findings = with_demo("lint", "Kestrel", "--format", "json").json()
    error_rules = {f["rule"] for f in all_findings if f["severity"] == "error"}
    ignored = with_demo(
        "lint", "Kestrel", "--format", "json", *(f"--ignore={slug}" for slug in error_rules)
    )
    assert ignored.code == 0
    assert len(ignored.json()) == sum(f["rule"] not in error_rules for f in all_findings)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_slug_is_refused(with_demo: Cli, option: str) -> None:
    result = with_demo.fails("lint", "Kestrel", option, "objective-has-number,no-such-rule")
    assert result.err_lines == [
        "okrworkshop: error: unknown rule no-such-rule; known rules: " + ", ".join(sorted(RULES))
    ]


def test_lint_a_bundle_file(cli: Cli, tmp_path: Path, db_path: Path, demo: CycleData) -> None:
    path = tmp_path / "demo.json"
    path.write_text(export_json(demo), encoding="utf-8")
    result = cli("lint", str(path), "--format", "json")
    assert result.code == 1
    assert any(f["rule"] == "objective-no-owner" for f in result.json())
    assert not db_path.exists(), "linting a file needs no workspace"


def test_clean_bundle_exits_zero(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(clean_bundle()), encoding="utf-8")
    result = cli("lint", str(path), "--format", "json")
    assert (result.code, result.json()) == (0, [])
    text = cli("lint", str(path))
    assert (text.code, text.out) == (0, "")
    assert text.err == "0 findings in Clean cycle: 0 errors, 0 warnings, 0 info\n"


def test_warnings_alone_exit_zero(cli: Cli, tmp_path: Path) -> None:
    doc = clean_bundle()
    doc["objectives"][0]["owner"] = ""
    path = tmp_path / "warn.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("lint", str(path), "--format", "json")
    assert result.code == 0
    assert [f["rule"] for f in result.json()] == ["objective-no-owner"]


def test_lint_an_invalid_bundle_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "okrworkshop-bundle", "schema_version": 1}', encoding="utf-8")
    result = cli.fails("lint", str(path))
    assert result.err_lines == [
        f"okrworkshop: error: {path}: is not a valid bundle (1 problem); nothing was imported",
        "  cycle: required field is missing",
    ]


def test_lint_unknown_cycle(with_demo: Cli) -> None:
    assert with_demo.fails("lint", "Nope").err.startswith("okrworkshop: error: no cycle matches")


def test_schema_is_the_bundle_json_schema(cli: Cli, db_path: Path) -> None:
    result = cli.ok("schema")
    schema = json.loads(result.out)
    assert schema == bundle_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"format", "schema_version", "cycle", "objectives", "sessions", "actions"} <= set(
        schema["properties"]
    )
    assert schema["required"] == ["format", "cycle"]  # import refuses a bundle without format
    assert schema["properties"]["format"]["const"] == "okrworkshop-bundle"
    objective = schema["$defs"]["BundleObjective"]
    assert objective["properties"]["level"]["enum"] == ["company", "department", "team"]
    assert not db_path.exists(), "printing the schema needs no workspace"


def test_schema_validates_the_demo_export(cli: Cli, demo: CycleData) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(cli.ok("schema").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(export_json(demo)), schema)
