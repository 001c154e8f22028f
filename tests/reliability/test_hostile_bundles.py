"""Any bundle, however hostile, is imported whole or refused with messages — never a traceback."""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.bundle_json import BundleError, export_json, parse_bundle
from okrworkshop.demo import build_demo
from okrworkshop.model import cycle_from_bundle
from tests.conftest import TODAY

DEMO = json.loads(export_json(build_demo(TODAY)))

HOSTILE_TEXT = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "",
            " ",
            "\u202eevil\u202c",  # right-to-left override
            "مرحبا بالعالم",
            "🎯🚀 ship it 👩🏽‍💻",
            "a\x00b",
            "line\nbreak",
            "tab\there",
            "x" * 100_000,
            "<script>alert(1)</script>",
            "{{ 7 * 7 }}",
            "| a | b |",
            "2027-02-30",
            "9999-12-31",
            "0001-01-01",
        ]
    ),
)
HOSTILE_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([-1, 11, 0.5, 1e308, -1e308, 1e-300]),
)
HOSTILE = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_NUMBER,
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(DEMO)


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        document = document[part]
    document[path[-1]] = value


def _delete(document: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        document = document[part]
    del document[path[-1]]


@st.composite
def hostile_bundles(draw: st.DrawFn) -> bytes:
    document = deepcopy(DEMO)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(PATHS))
        try:
            kind = draw(st.sampled_from(["replace", "replace", "delete", "extra", "duplicate-id"]))
            if kind == "replace":
                _set(document, path, draw(HOSTILE))
            elif kind == "delete":
                _delete(document, path)
            elif kind == "extra":
                _set(document, (*path[:-1], draw(st.text(min_size=1, max_size=8))), draw(HOSTILE))
            else:
                _set(document, ("objectives", 1, "id"), document["objectives"][0]["id"])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this path's parent
    return json.dumps(document, allow_nan=True).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_bundles())
def test_a_hostile_bundle_is_refused_with_paths_or_round_trips(payload: bytes) -> None:
    try:
        bundle = parse_bundle(payload, "hostile.json")
    except BundleError as error:
        assert error.summary
        for problem in error.problems:
            assert "\n" not in problem
            assert ": " in problem, "each problem names where it is"
        return
    again = export_json(cycle_from_bundle(bundle))
    assert export_json(cycle_from_bundle(parse_bundle(again.encode(), "again.json"))) == again


def test_deeply_nested_json_is_refused_cleanly() -> None:
    payload = b'{"format": "okrworkshop-bundle", "cycle": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    try:
        parse_bundle(payload, "deep.json")
    except BundleError as error:
        assert "deep" in str(error) or "not a valid bundle" in str(error)
    else:  # pragma: no cover - a bundle that deep must never be accepted
        raise AssertionError("a 200,000-deep bundle was accepted")


def test_a_very_large_bundle_of_good_data_imports(tmp_path: Any) -> None:
    document = deepcopy(DEMO)
    first = document["objectives"][0]
    for n in range(300):
        copy = deepcopy(first)
        copy["id"] = f"obj-big-{n}"
        copy["parent_id"] = None
        for m, kr in enumerate(copy["key_results"]):
            kr["id"] = f"kr-big-{n}-{m}"
            for k, check_in in enumerate(kr["check_ins"]):
                check_in["id"] = f"ci-big-{n}-{m}-{k}"
        document["objectives"].append(copy)
    bundle = parse_bundle(json.dumps(document).encode(), "big.json")
    assert len(bundle.objectives) == len(DEMO["objectives"]) + 300
