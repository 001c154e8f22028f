"""The template context is documented in the README, key by key, and its example is real."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from exports.formats import template_context
from okrworkshop.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TODAY = date(2026, 11, 24)
# Parts of the context with the shape of another part, documented once.
SAME_AS = {"session": "sessions[]", "sessions[].actions[]": "actions[]"}


def documented() -> dict[str, set[str]]:
    """README's context section: each "#### `path`" heading with the keys its table lists."""
    section = README.split("### The template context", 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    path = ""
    for line in section.splitlines():
        heading = re.match(r"#### (?:`(.+)`|\(top level\))$", line)
        if heading:
            path = heading.group(1) or ""
            found[path] = set()
        row = re.match(r"\| `([a-z_]+)` \|", line)
        if row and path in found:
            found[path].add(row.group(1))
    return found


def context_keys() -> dict[str, set[str]]:
    """Every dict in the demo's context (with a session chosen), by path, with its keys."""
    context = template_context(build_demo(TODAY), session_id="ses-check-in", today=TODAY)
    context["session"] = next(s for s in context["sessions"] if s["kind"] == "retro")
    found: dict[str, set[str]] = {}

    def walk(value: Any, path: str) -> None:
        path = SAME_AS.get(path, path)
        if isinstance(value, dict):
            found.setdefault(path, set()).update(value)
            for key, item in value.items():
                if key != "children":  # the tree repeats the node's shape
                    walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for item in value:
                walk(item, f"{path}[]")

    walk(context, "")
    return found


def test_every_key_of_the_context_is_documented() -> None:
    docs = documented()
    missing = {
        path or "(top level)": sorted(keys - docs.get(path, set()))
        for path, keys in context_keys().items()
        if keys - docs.get(path, set())
    }
    assert missing == {}, "document these in README's 'The template context'"


def test_nothing_documented_is_missing_from_the_context() -> None:
    keys = context_keys()
    stale = {
        path: sorted(names - keys.get(path, set()))
        for path, names in documented().items()
        if names - keys.get(path, set())
    }
    assert stale == {}


def test_context_holds_plain_values_only() -> None:
    """Plain values travel to the sandbox process and cannot reach the app's objects."""
    context = template_context(build_demo(TODAY), session_id="ses-retro", today=TODAY)

    def check(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str), path
                check(item, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                check(item, f"{path}[]")
        else:
            assert value is None or isinstance(value, str | int | float | bool | date | datetime), (
                f"{path} holds a {type(value).__name__}"
            )

    check(context, "context")


def test_readme_example_is_the_example_file() -> None:
    example = (ROOT / "docs" / "templates" / "team-status.md.j2").read_text(encoding="utf-8")
    block = README.split("```jinja\n", 1)[1].split("\n```", 1)[0]
    assert block == example.rstrip("\n")
