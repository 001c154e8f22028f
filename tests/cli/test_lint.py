"""okrworkshop lint for a team's CI: settings file, rule list, dismissals, stable JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitation.coach import RULES
from tests.cli.conftest import Cli
from tests.cli.test_lint_schema import clean_bundle


def write(tmp_path: Path, name: str, content: str | dict[str, Any]) -> str:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return str(path)


def four_key_results() -> dict[str, Any]:
    doc = clean_bundle()
    krs = doc["objectives"][0]["key_results"]
    krs.append({**krs[0], "id": "kr-9", "title": "Referral share from 9 to 19"})
    return doc


def test_settings_file_changes_the_thresholds(cli: Cli, tmp_path: Path) -> None:
    bundle = write(tmp_path, "okrs.json", four_key_results())
    assert cli("lint", bundle, "--format", "json").json() == []
    settings = write(tmp_path, "coach.toml", "[coach]\nmax_key_results = 3\n")
    result = cli("lint", bundle, "--format", "json", "--settings", settings)
    assert result.code == 0
    assert result.json() == [
        {
            "rule": "too-many-key-results",
            "severity": "warning",
            "target_id": "obj-1",
            "message": "4 key results spread the effort thin; keep the 3 that best show the "
            "objective came true.",
        }
    ]


def test_settings_file_can_skip_rules(cli: Cli, tmp_path: Path) -> None:
    doc = clean_bundle()
    doc["objectives"][0]["owner"] = ""
    bundle = write(tmp_path, "okrs.json", doc)
    settings = write(tmp_path, "coach.toml", '[coach]\nignore = ["objective-no-owner"]\n')
    assert cli("lint", bundle, "--format", "json", "--settings", settings).json() == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("max_key_results = 3\n", "has no [coach] table (e.g. [coach] max_key_results = 4)"),
        (
            "[coach]\nmax_key_results = \n",
            "is not valid TOML (Invalid value (at line 2, column 19))",
        ),
        ("[coach]\nmax_krs = 3\n", "unknown setting 'max_krs'; known settings: "),
        ("[coach]\nmax_key_results = 'three'\n", "max_key_results must be a number, not 'three'"),
        ("[coach]\nmin_key_results = 7\n", "min_key_results (7) is above max_key_results (5)"),
        ("[coach]\nignore = 'objective-no-owner'\n", "ignore must be a list of rule slugs"),
        ("[coach]\nignore = ['no-such-rule']\n", "unknown rule no-such-rule in ignore; known"),
    ],
)
def test_bad_settings_file_is_one_line(
    cli: Cli, tmp_path: Path, content: str, problem: str
) -> None:
    bundle = write(tmp_path, "okrs.json", clean_bundle())
    settings = write(tmp_path, "coach.toml", content)
    result = cli.fails("lint", bundle, "--settings", settings)
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"okrworkshop: error: --settings {settings}: {problem}")


def test_missing_settings_file(cli: Cli, tmp_path: Path) -> None:
    bundle = write(tmp_path, "okrs.json", clean_bundle())
    result = cli.fails("lint", bundle, "--settings", str(tmp_path / "nope.toml"))
    assert result.err_lines == [
        f"okrworkshop: error: --settings {tmp_path / 'nope.toml'}: no such file"
    ]


def test_rules_lists_every_slug(cli: Cli) -> None:
    text = cli.ok("lint", "--rules").out.splitlines()
    assert [line.split()[0] for line in text] == sorted(RULES)
    assert any(line.split()[:2] == ["too-few-key-results", "error|warning"] for line in text)
    rows = cli.ok("lint", "--rules", "--format", "json").json()
    assert {row["rule"] for row in rows} == set(RULES)
    assert all(set(row) == {"rule", "severity", "idea"} for row in rows)


def test_lint_without_a_target_says_what_it_needs(cli: Cli) -> None:
    assert cli.fails("lint").err_lines == [
        "okrworkshop: error: lint needs a CYCLE or a bundle FILE (or --rules to list the rules)"
    ]


def test_dismissed_findings_do_not_fail_the_build(cli: Cli, tmp_path: Path) -> None:
    doc = clean_bundle()
    doc["objectives"][0]["key_results"] = []
    bundle = write(tmp_path, "okrs.json", doc)
    assert cli("lint", bundle).code == 1
    doc["dismissals"] = [
        {
            "id": "dis-1",
            "rule": "too-few-key-results",
            "target_id": "obj-1",
            "reason": "Key results come from the departments this quarter",
        }
    ]
    bundle = write(tmp_path, "okrs.json", doc)
    result = cli("lint", bundle)
    assert (result.code, result.out) == (0, "")
    assert result.err == "0 findings in Clean cycle: 0 errors, 0 warnings, 0 info (1 dismissed)\n"
    assert cli("lint", bundle, "--format", "json").json() == []


def test_json_output_is_stable_and_ordered(with_demo: Cli) -> None:
    first = with_demo("lint", "Kestrel", "--format", "json")
    second = with_demo("lint", "Kestrel", "--format", "json")
    assert first.out == second.out
    for finding in first.json():
        assert list(finding) == ["rule", "severity", "target_id", "message"]
    severities = [f["severity"] for f in first.json()]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    drafting = {
        "key-result-not-measurable",
        "objective-output-verb",
        "key-result-no-owner",
        "key-result-vague",
        "objective-no-owner",
        "theme-without-objective",
    }
    assert [f["rule"] for f in first.json() if f["rule"] in drafting] == [
        "key-result-not-measurable",
        "objective-output-verb",
        "key-result-no-owner",
        "key-result-vague",
        "objective-no-owner",
        "theme-without-objective",
    ]


@pytest.fixture
def with_demo(cli: Cli) -> Cli:
    cli.ok("demo", "--no-open")
    return cli
