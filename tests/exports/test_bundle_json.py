"""The JSON bundle: lossless round trip, and every problem of a bad bundle named with its path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.bundle_json import BundleError, bundle_schema, export_json, parse_bundle
from okrworkshop.model import CycleData, bundle_problems, cycle_from_bundle


def bundle(**parts: Any) -> dict[str, Any]:
    return {
        "format": "okrworkshop-bundle",
        "schema_version": 1,
        "cycle": {"id": "cyc-1", "name": "Acme 2027-Q1"},
        **parts,
    }


def objective(oid: str, **fields: Any) -> dict[str, Any]:
    return {"id": oid, "title": f"Objective {oid}", "level": "company", **fields}


def refused(payload: bytes | str | dict[str, Any]) -> BundleError:
    if isinstance(payload, dict):
        payload = json.dumps(payload)
    if isinstance(payload, str):
        payload = payload.encode()
    with pytest.raises(BundleError) as caught:
        parse_bundle(payload, "team.json")
    return caught.value


def test_demo_round_trips_byte_for_byte(demo: CycleData) -> None:
    first = export_json(demo)
    second = export_json(cycle_from_bundle(parse_bundle(first.encode(), "demo.json")))
    assert second == first
    third = export_json(cycle_from_bundle(parse_bundle(second.encode(), "demo.json")))
    assert third == first


def test_round_trip_keeps_every_record(demo: CycleData) -> None:
    back = cycle_from_bundle(parse_bundle(export_json(demo).encode(), "demo.json"))
    for name, table in demo.tables.items():
        assert back.tables[name].keys() == table.keys(), name
        for record_id, record in table.items():
            assert back.tables[name][record_id] == record, (name, record_id)
    assert back.cycle == demo.cycle


def test_bundle_has_the_documented_shape(demo: CycleData) -> None:
    doc = json.loads(export_json(demo))
    assert doc["format"] == "okrworkshop-bundle"
    assert doc["schema_version"] == 1
    assert {"id", "name", "starts", "ends"} <= doc["cycle"].keys()
    assert {"id", "title"} <= doc["themes"][0].keys()
    assert {
        "id",
        "title",
        "description",
        "level",
        "team",
        "owner",
        "commitment",
        "theme_id",
        "parent_id",
        "key_results",
    } <= doc["objectives"][0].keys()
    kr = doc["objectives"][0]["key_results"][0]
    assert {
        "id",
        "title",
        "kind",
        "baseline",
        "target",
        "current",
        "unit",
        "due",
        "owner",
        "weight",
        "confidence",
        "score",
        "score_note",
        "check_ins",
    } <= kr.keys()
    assert {"at", "value", "confidence", "note"} <= kr["check_ins"][0].keys()
    session = doc["sessions"][0]
    assert {"id", "kind", "title", "facilitator", "attendees", "stages", "captures"} <= (
        session.keys()
    )
    assert session["kind"] in {"planning", "check-in", "retro"}
    assert {"key", "title", "planned_minutes", "actual_seconds"} <= session["stages"][0].keys()
    assert {"id", "text", "owner", "due", "status", "session_id"} <= doc["actions"][0].keys()
    assert doc["cycle"]["starts"] == "2026-10-01"  # ISO 8601 dates


def test_bundle_is_nested_in_display_order(demo: CycleData) -> None:
    doc = json.loads(export_json(demo))
    assert [o["id"] for o in doc["objectives"]] == [o.id for o in demo.objectives_in_order()]
    first = doc["objectives"][0]
    assert [kr["id"] for kr in first["key_results"]] == [
        kr.id for kr in demo.key_results_of(first["id"])
    ]


def test_minimal_bundle_imports() -> None:
    data = cycle_from_bundle(parse_bundle(json.dumps(bundle()).encode(), "min.json"))
    assert data.cycle.name == "Acme 2027-Q1"
    assert not any(data.tables.values())


def test_utf8_bom_is_accepted(demo: CycleData) -> None:
    payload = b"\xef\xbb\xbf" + export_json(demo).encode()
    assert parse_bundle(payload, "bom.json").cycle.id == demo.cycle.id


def test_bad_json_names_line_and_column() -> None:
    error = refused('{\n  "format": "okrworkshop-bundle",\n  "cycle": ,\n}')
    assert str(error) == "team.json: is not valid JSON (line 3, column 12: Expecting value)"
    assert error.problems == []


def test_empty_file() -> None:
    assert "is not valid JSON (line 1, column 1" in str(refused(b""))


def test_not_utf8() -> None:
    assert str(refused(b"\xff\xfe{")) == "team.json: is not UTF-8 text, so it is not a bundle"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_is_not_json(constant: str) -> None:
    text = json.dumps(bundle(objectives=[objective("o1", key_results=[])])).replace(
        '"key_results": []', f'"key_results": [{{"id": "k", "title": "t", "target": {constant}}}]'
    )
    assert f"{constant.lstrip('-')} is not a number JSON allows" in str(refused(text))


@pytest.mark.parametrize("payload", ["[]", '"okrworkshop-bundle"', "42", "null"])
def test_not_an_object(payload: str) -> None:
    assert str(refused(payload)) == (
        "team.json: is not a bundle: expected a JSON object at the top"
    )


def test_wrong_format() -> None:
    error = refused({**bundle(), "format": "okr-export"})
    assert str(error) == 'team.json: is not a bundle: "format" should be "okrworkshop-bundle"'


def test_missing_format_is_refused_as_the_schema_says() -> None:
    doc = bundle()
    del doc["format"]
    assert "format" in bundle_schema()["required"]
    assert str(refused(doc)) == (
        'team.json: is not a bundle: "format" should be "okrworkshop-bundle"'
    )


def test_workspace_file_is_recognised(demo_workspace: Any) -> None:
    error = refused(demo_workspace.path.read_bytes())
    assert "it looks like a workspace file: pass it with --db instead" in str(error)


def test_brand_new_workspace_file_is_recognised(workspace: Any) -> None:
    error = refused(workspace.path.read_bytes())
    assert "it looks like a workspace file: pass it with --db instead" in str(error)


def test_newer_schema_version_asks_for_an_upgrade() -> None:
    error = refused({**bundle(), "schema_version": 2, "something_new": []})
    assert str(error) == (
        "team.json: was written by a newer okrworkshop (bundle schema version 2; this one reads "
        "up to 1); upgrade okrworkshop to import it"
    )


def test_unknown_fields_are_listed_with_paths() -> None:
    doc = bundle(
        extras=1,
        objectives=[
            objective("o1"),
            objective("o2", key_results=[{"id": "k1", "title": "KR", "colour": "red"}]),
        ],
    )
    doc["cycle"]["mood"] = "happy"
    error = refused(doc)
    assert str(error) == ("team.json: is not a valid bundle (3 problems); nothing was imported")
    assert sorted(error.problems) == [
        "cycle.mood: unknown field (not part of the okrworkshop format)",
        "extras: unknown field (not part of the okrworkshop format)",
        "objectives[1].key_results[0].colour: unknown field (not part of the okrworkshop format)",
    ]


def test_every_validation_problem_is_listed() -> None:
    doc = bundle(
        objectives=[
            objective("o1"),
            objective(
                "o2",
                title="",
                key_results=[
                    {"id": "k1", "title": "KR", "target": "lots"},
                    {"id": "k2", "title": "KR", "confidence": 11},
                ],
            ),
        ],
        actions=[{"id": "a1", "text": "Call", "due": "soon"}],
    )
    assert refused(doc).problems == [
        "objectives[1].title: must not be blank",
        "objectives[1].key_results[0].target: "
        "Input should be a valid number, unable to parse string as a number",
        "objectives[1].key_results[1].confidence: Input should be less than or equal to 10",
        "actions[0].due: must be a date like 2027-03-31",
    ]


def test_dangling_references_are_listed() -> None:
    doc = bundle(
        themes=[{"id": "thm-1", "title": "Growth"}],
        objectives=[
            objective("o1", theme_id="thm-9"),
            objective("o2", level="team", team="Booking", parent_id="kr-ghost"),
        ],
        sessions=[{"id": "ses-1", "kind": "planning", "title": "Plan"}],
        actions=[{"id": "a1", "text": "Call", "session_id": "ses-9"}],
    )
    error = refused(doc)
    assert error.summary == "is not a valid bundle (3 problems); nothing was imported"
    assert error.problems == [
        "objectives[0].theme_id: no theme with id 'thm-9' in the bundle",
        "objectives[1].parent_id: no objective or key result with id 'kr-ghost'",
        "actions[0].session_id: no session with id 'ses-9' in the bundle",
    ]


def test_duplicate_ids_name_both_places() -> None:
    doc = bundle(
        themes=[{"id": "x1", "title": "Growth"}],
        objectives=[
            objective("x1"),
            objective("o2", key_results=[{"id": "k1", "title": "A"}, {"id": "k1", "title": "B"}]),
        ],
    )
    assert refused(doc).problems == [
        "objectives[0].id: id 'x1' is already used at themes[0].id",
        "objectives[1].key_results[1].id: id 'k1' is already used at "
        "objectives[1].key_results[0].id",
    ]


def test_parent_loop_names_the_loop() -> None:
    doc = bundle(
        objectives=[
            objective("o1", title="Delight clinics", parent_id="kr-2"),
            objective(
                "o2",
                title="Grow referrals",
                parent_id="o1",
                key_results=[{"id": "kr-2", "title": "Referrals up"}],
            ),
            objective("o3", title="Unrelated"),
        ]
    )
    assert refused(doc).problems == [
        "objectives[0].parent_id: parent links loop: o1 (Delight clinics) -> "
        "o2 (Grow referrals) -> o1"
    ]


def test_objective_aligned_to_its_own_key_result() -> None:
    doc = bundle(
        objectives=[objective("o1", parent_id="k1", key_results=[{"id": "k1", "title": "A"}])]
    )
    problems = refused(doc).problems
    assert problems[0] == "objectives[0].parent_id: an objective cannot align to its own key result"


def test_stage_keys_and_current_stage() -> None:
    stage = {"key": "open", "title": "Opening", "planned_minutes": 5}
    doc = bundle(
        sessions=[
            {
                "id": "s1",
                "kind": "retro",
                "title": "Retro",
                "stages": [stage, stage],
                "current_stage": "close",
            }
        ]
    )
    assert refused(doc).problems == [
        "sessions[0].stages: stage keys repeat: open",
        "sessions[0].current_stage: no stage 'close' in this session",
    ]


@pytest.mark.parametrize("depth", [100_000, 2_000])
def test_deeply_nested_json_is_refused_clearly(depth: int) -> None:
    error = refused("[" * depth + "]" * depth)
    assert str(error) == "team.json: is nested too deeply to be a bundle"


def test_deeply_nested_value_inside_a_bundle() -> None:
    doc = json.dumps(bundle(objectives=[]))
    payload = doc.replace('"objectives": []', '"objectives": ' + "[" * 100_000 + "]" * 100_000)
    error = refused(payload)
    assert str(error) == "team.json: is nested too deeply to be a bundle"


def test_merging_resolves_parents_and_themes_outside_the_bundle() -> None:
    raw = bundle(
        objectives=[
            objective("o1", level="team", team="Booking", parent_id="kr-c1-1", theme_id="thm-1")
        ]
    )
    assert refused(raw).problems == [
        "objectives[0].theme_id: no theme with id 'thm-1' in the bundle",
        "objectives[0].parent_id: no objective or key result with id 'kr-c1-1'",
    ]
    parsed = parse_bundle(
        json.dumps(raw).encode(),
        "team.json",
        outside_parents={"kr-c1-1": "NPS up"},
        outside_themes={"thm-1"},
    )
    assert parsed.objectives[0].parent_id == "kr-c1-1"
    assert bundle_problems(parsed, {"kr-c1-1": "NPS up"}, {"thm-1"}) == []


def test_schema_describes_every_field_the_export_writes(demo: CycleData) -> None:
    """Walk the demo export against the generated schema: every key is declared there."""
    schema = bundle_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    defs = schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        return node

    def check(value: Any, node: dict[str, Any], path: str) -> None:
        node = resolve(node)
        if "anyOf" in node:
            options = [resolve(o) for o in node["anyOf"]]
            if value is None:
                assert any(o.get("type") == "null" for o in options), path
                return
            node = next(o for o in options if o.get("type") != "null")
        if isinstance(value, dict) and "properties" not in node:
            # A map (attendee -> dots, stage -> extra minutes): every value fits its schema.
            assert node.get("type") == "object", path
            values = node.get("additionalProperties") or next(
                iter(node.get("patternProperties", {}).values())
            )
            for key, item in value.items():
                check(item, values, f"{path}.{key}")
        elif isinstance(value, dict):
            assert node.get("type") == "object", path
            if isinstance(node.get("additionalProperties"), dict):  # a map, e.g. dots per person
                for key, item in value.items():
                    check(item, node["additionalProperties"], f"{path}.{key}")
                return
            assert node.get("additionalProperties") is False, path
            assert set(node.get("required", [])) <= value.keys(), path
            for key, item in value.items():
                assert key in node["properties"], f"{path}.{key} is not in the schema"
                check(item, node["properties"][key], f"{path}.{key}")
        elif isinstance(value, list):
            assert node.get("type") == "array", path
            for i, item in enumerate(value):
                check(item, node["items"], f"{path}[{i}]")
        elif isinstance(value, bool):
            assert node.get("type") == "boolean", path
        elif isinstance(value, int | float):
            assert node.get("type") in {"integer", "number"}, path
            if "maximum" in node:
                assert value <= node["maximum"], path
            if "minimum" in node:
                assert value >= node["minimum"], path
        elif isinstance(value, str):
            assert node.get("type") == "string" or "const" in node or "enum" in node, path
            if "enum" in node:
                assert value in node["enum"], path
            if "const" in node:
                assert value == node["const"], path
            if "maxLength" in node:
                assert len(value) <= node["maxLength"], path

    check(json.loads(export_json(demo)), schema, "$")


ids = st.integers(0, 10**6).map(lambda n: f"id-{n}")
finite = st.floats(allow_nan=False, allow_infinity=False)
texts = st.text(alphabet='ab Z|#`<>&é中-\\"', min_size=1, max_size=12).filter(
    lambda t: t.strip() != ""
)


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    """Small valid bundles with ties in position and date, odd numbers and odd text."""
    unique = draw(st.lists(ids, min_size=12, max_size=12, unique=True))
    objectives = []
    for o in range(draw(st.integers(0, 3))):
        key_results = []
        for k in range(draw(st.integers(0, 2))):
            check_ins = [
                {
                    "id": f"{unique[6 + k]}-{o}-{c}",
                    "at": draw(st.sampled_from(["2027-01-05", "2027-01-12"])),
                    "value": draw(st.none() | finite),
                    "confidence": draw(st.none() | st.integers(0, 10)),
                    "note": draw(st.text(alphabet="x\n\r\t |é", max_size=10)),
                }
                for c in range(draw(st.integers(0, 2)))
            ]
            key_results.append(
                {
                    "id": f"{unique[3 + k]}-{o}",
                    "title": draw(texts),
                    "kind": draw(st.sampled_from(["metric", "milestone", "maintain"])),
                    "baseline": draw(st.none() | finite),
                    "target": draw(st.none() | finite),
                    "current": draw(st.none() | finite),
                    "position": draw(st.sampled_from([0.0, 1.0, 1.5])),
                    "check_ins": check_ins,
                }
            )
        objectives.append(
            {
                "id": unique[o],
                "title": draw(texts),
                "level": "company",
                "position": draw(st.sampled_from([0.0, 1.0])),
                "key_results": key_results,
            }
        )
    return {
        "format": "okrworkshop-bundle",
        "schema_version": 1,
        "cycle": {"id": "cyc-1", "name": draw(texts)},
        "themes": [
            {"id": unique[9 + i], "title": draw(texts)} for i in range(draw(st.integers(0, 2)))
        ],
        "objectives": objectives,
        "dismissals": [
            {
                "id": f"dis-{i}",
                "rule": "objective-no-owner",
                "target_id": objective["id"],
                "reason": draw(texts),
                "at": draw(st.none() | st.sampled_from(["2027-01-05", "2027-01-12"])),
            }
            for i, objective in enumerate(objectives)
            if draw(st.booleans())
        ],
    }


@settings(max_examples=60, deadline=None)
@given(bundles())
def test_any_valid_bundle_round_trips(doc: dict[str, Any]) -> None:
    first = export_json(cycle_from_bundle(parse_bundle(json.dumps(doc).encode(), "gen.json")))
    second = export_json(cycle_from_bundle(parse_bundle(first.encode(), "gen.json")))
    assert second == first


def test_an_unknown_field_with_a_line_break_in_its_name_is_named_on_one_line(
    demo: CycleData,
) -> None:
    document = json.loads(export_json(demo))
    document["a\nb"] = 1
    document["objectives"][0]["x y"] = 2
    with pytest.raises(BundleError) as caught:
        parse_bundle(json.dumps(document).encode(), "odd.json")
    assert sorted(caught.value.problems) == [
        '["a\\nb"]: unknown field (not part of the okrworkshop format)',
        'objectives[0]["x y"]: unknown field (not part of the okrworkshop format)',
    ]


def test_dismissals_round_trip_and_must_point_at_something(demo: CycleData) -> None:
    doc = json.loads(export_json(demo))
    assert doc["dismissals"] == [
        {
            "id": "dis-t3-2",
            "rule": "key-result-activity",
            "target_id": "kr-t3-2",
            "reason": "A stepping stone: clinics cannot self-serve until the help centre exists",
            "by": "Sam Whitfield",
            "at": "2026-09-28",
        }
    ]
    back = cycle_from_bundle(parse_bundle(json.dumps(doc).encode(), "demo.json"))
    assert back.dismissals == demo.dismissals
    doc["dismissals"].append({**doc["dismissals"][0], "id": "dis-2", "target_id": "kr-gone"})
    doc["dismissals"].append({**doc["dismissals"][0], "id": "dis-3", "reason": " "})
    assert refused(doc).problems == [
        "dismissals[2].reason: must not be blank",
    ]
    doc["dismissals"].pop()
    assert refused(doc).problems == [
        "dismissals[1].target_id: no objective, key result or theme with id 'kr-gone'",
    ]


def test_imported_records_are_the_records_validation_would_build(demo: CycleData) -> None:
    """The fast path that flattens a validated bundle builds exactly pydantic's records."""
    imported = cycle_from_bundle(parse_bundle(export_json(demo).encode(), "demo.json"))
    assert imported.tables.keys() == demo.tables.keys()
    for table, records in imported.tables.items():
        assert records.keys() == demo.tables[table].keys(), table
        for record_id, record in records.items():
            model = type(record)
            assert type(demo.tables[table][record_id]) is model
            assert model.model_validate(record.model_dump()) == record, (table, record_id)
            assert record == demo.tables[table][record_id], (table, record_id)
            assert record.model_fields_set == set(model.model_fields)
            changed = record.model_copy(update={"id": "changed"})
            assert changed.id == "changed" and record.id == record_id


def test_flattening_refuses_a_record_with_a_field_missing() -> None:
    from okrworkshop.model.bundle import _validated
    from okrworkshop.model.okr import CheckIn

    with pytest.raises(ValueError, match="CheckIn needs a value for each of its fields"):
        _validated(CheckIn, {"id": "c1", "at": "2027-01-01", "key_result_id": "kr1"})
    # As many values as fields, one of them misnamed: refused too.
    values: dict[str, object] = {name: None for name in CheckIn.model_fields}
    del values["key_result_id"]
    values["kr_id"] = "kr1"
    with pytest.raises(ValueError, match="and no other"):
        _validated(CheckIn, values)
