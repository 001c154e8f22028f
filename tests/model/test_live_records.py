"""Candidates, confidence rounds and timer state travel through bundles and are checked."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from exports.bundle_json import BundleError, export_json, parse_bundle
from facilitation import brainstorm, timer
from facilitation.confidence import agree, record_round
from okrworkshop.model import CycleData, cycle_from_bundle
from okrworkshop.store import Workspace

NOW = datetime(2026, 9, 28, 10, 15)


def live_demo(data: CycleData) -> CycleData:
    session = data.sessions["ses-planning"]
    first, change = brainstorm.add_candidate(data, session.id, "Clinics recommend us", "Maya")
    data.apply(change)
    second, change = brainstorm.add_candidate(data, session.id, "Clinics refer clinics", "Jonas")
    data.apply(change)
    data.apply(brainstorm.vote(data, session, data.candidates[first], "Daniel Reyes", 1))
    data.apply(brainstorm.merge(data, session, data.candidates[second], data.candidates[first]))
    kr = data.key_results["kr-c1-1"]
    round_id, change = record_round(session.id, kr, {"Daniel Reyes": 4, "Jonas Berg": 8}, NOW)
    data.apply(change)
    data.apply(agree(data.confidence_rounds[round_id], kr, 6))
    retro = data.sessions["ses-retro"]
    data.apply(timer.start(retro, NOW))
    stage = retro.stage("score")
    assert stage is not None
    data.apply(timer.extend(data.sessions["ses-retro"], stage, 5))
    return data


def test_export_import_export_is_identical_with_live_records(demo: CycleData) -> None:
    data = live_demo(demo)
    first = export_json(data)
    again = export_json(cycle_from_bundle(parse_bundle(first.encode(), "b.json")))
    assert again == first
    session = next(s for s in json.loads(first)["sessions"] if s["id"] == "ses-planning")
    assert [c["text"] for c in session["candidates"]][-2:] == [
        "Clinics recommend us",
        "Clinics refer clinics",
    ]
    assert session["confidence_rounds"][-1]["agreed"] == 6
    retro = next(s for s in json.loads(first)["sessions"] if s["id"] == "ses-retro")
    assert retro["timer_stage"] == "score" and retro["stage_extensions"] == {"score": 5}


def test_live_records_survive_the_workspace(workspace: Workspace, demo: CycleData) -> None:
    data = live_demo(demo)
    workspace.add_cycle(data)
    loaded = workspace.load(data.cycle.id)
    assert export_json(loaded) == export_json(data)


def _broken(demo: CycleData, edit: Any) -> list[str]:
    raw = json.loads(export_json(live_demo(demo)))
    edit(next(s for s in raw["sessions"] if s["id"] == "ses-planning"), raw)
    with pytest.raises(BundleError) as caught:
        parse_bundle(json.dumps(raw).encode(), "b.json")
    return caught.value.problems


def test_a_round_on_a_key_result_trimmed_from_the_bundle_still_imports(demo: CycleData) -> None:
    raw = json.loads(export_json(live_demo(demo)))
    planning = next(s for s in raw["sessions"] if s["id"] == "ses-planning")
    parents = {o["parent_id"] for o in raw["objectives"]}
    gone = next(
        r["key_result_id"]
        for r in planning["confidence_rounds"]
        if r["key_result_id"] not in parents
    )
    for objective in raw["objectives"]:
        objective["key_results"] = [kr for kr in objective["key_results"] if kr["id"] != gone]
    parsed = parse_bundle(json.dumps(raw).encode(), "b.json")
    assert any(r.key_result_id == gone for s in parsed.sessions for r in s.confidence_rounds)


def test_a_merge_into_a_missing_or_merged_candidate_is_refused(demo: CycleData) -> None:
    def missing(session: dict[str, Any], raw: dict[str, Any]) -> None:
        session["candidates"][1]["merged_into"] = "cand-gone"

    assert _broken(demo, missing) == [
        "sessions[0].candidates[1].merged_into: no candidate with id 'cand-gone' in this session"
    ]

    def chained(session: dict[str, Any], raw: dict[str, Any]) -> None:
        session["candidates"][0]["merged_into"] = session["candidates"][1]["id"]

    problems = _broken(demo, chained)
    assert any("is itself merged into another candidate" in p for p in problems)


def test_timer_on_a_missing_stage_and_bad_dots_are_refused(demo: CycleData) -> None:
    def edit(session: dict[str, Any], raw: dict[str, Any]) -> None:
        session["timer_stage"] = "nope"
        session["timer_started_at"] = "2026-09-28T10:00:00"
        session["stage_extensions"] = {"nowhere": 3}
        session["candidates"][0]["votes"] = {"Daniel Reyes": 0}

    assert _broken(demo, edit) == [
        'sessions[0].candidates[0].votes["Daniel Reyes"]: Input should be greater than or equal '
        "to 1"
    ]

    def stages(session: dict[str, Any], raw: dict[str, Any]) -> None:
        session["timer_stage"] = "nope"
        session["timer_started_at"] = "2026-09-28T10:00:00"
        session["stage_extensions"] = {"nowhere": 3}

    assert _broken(demo, stages) == [
        "sessions[0].timer_stage: no stage 'nope' in this session",
        "sessions[0].stage_extensions: no stage 'nowhere' in this session",
    ]
