"""What a reviewer checks on every change: layers, lint, format, types, the README contract."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_layer_contracts_hold() -> None:
    result = run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "module",
    [
        "okrworkshop.model",
        "okrworkshop.store",
        "facilitation.coach",
        "exports.markdown",
        "exports.bundle_json",
        "exports.csv_export",
        "okrworkshop.demo",
    ],
)
def test_domain_layers_never_load_textual(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_model_facilitation_and_exports_never_load_tinydb() -> None:
    code = (
        "import sys, okrworkshop.model, facilitation.coach, facilitation.agendas, "
        "exports.markdown, exports.bundle_json; print('tinydb' in sys.modules)"
    )
    assert run(sys.executable, "-c", code).stdout.strip() == "False"


def test_importing_the_package_stays_light() -> None:
    code = (
        "import sys, okrworkshop; "
        "print([m for m in ('textual', 'tinydb', 'pydantic', 'jinja2') if m in sys.modules])"
    )
    assert run(sys.executable, "-c", code).stdout.strip() == "[]"


def test_ruff_lint_and_format() -> None:
    lint = run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout
    fmt = run(str(BIN / "ruff"), "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert len(blocks) >= 2
    demo, tests = blocks[0].strip(), blocks[1].strip()
    assert readme.index(demo) < readme.index("## "), "the commands come first"
    assert demo.endswith("okrworkshop demo")
    assert "pip install" in demo and "pip install -e '.[test]'" in tests
    assert tests.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
