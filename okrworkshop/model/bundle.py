"""The bundle: one cycle as a nested JSON document, the export and import format (DESIGN §7)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar, cast

from pydantic import Field

from okrworkshop.model._fields import Record
from okrworkshop.model.coaching import Dismissal
from okrworkshop.model.cycle_data import CycleData
from okrworkshop.model.live import (
    Candidate,
    CandidateFields,
    ConfidenceRound,
    ConfidenceRoundFields,
)
from okrworkshop.model.okr import (
    CheckIn,
    CheckInFields,
    Cycle,
    KeyResult,
    KeyResultFields,
    Objective,
    Theme,
)
from okrworkshop.model.session import (
    ActionItem,
    Capture,
    CaptureFields,
    RetroCard,
    RetroCardFields,
    Session,
)

BUNDLE_FORMAT: Literal["okrworkshop-bundle"] = "okrworkshop-bundle"
BUNDLE_SCHEMA_VERSION: Literal[1] = 1


class BundleCheckIn(CheckInFields):
    """A check-in inside its key result."""


class BundleKeyResult(KeyResultFields):
    """A key result with its check-ins."""

    check_ins: list[BundleCheckIn] = Field(default_factory=list)


class BundleObjective(Objective):
    """An objective with its key results."""

    key_results: list[BundleKeyResult] = Field(default_factory=list)


class BundleSession(Session):
    """A session with its captures, retro cards, objective candidates and confidence rounds."""

    captures: list[CaptureFields] = Field(default_factory=list)
    retro_cards: list[RetroCardFields] = Field(default_factory=list)
    candidates: list[CandidateFields] = Field(default_factory=list)
    confidence_rounds: list[ConfidenceRoundFields] = Field(default_factory=list)


class Bundle(Record):
    """A whole cycle, re-importable: export -> import -> export gives the same document."""

    format: Literal["okrworkshop-bundle"] = BUNDLE_FORMAT
    schema_version: Literal[1] = BUNDLE_SCHEMA_VERSION
    cycle: Cycle
    themes: list[Theme] = Field(default_factory=list)
    objectives: list[BundleObjective] = Field(default_factory=list)
    sessions: list[BundleSession] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    dismissals: list[Dismissal] = Field(
        default_factory=list, description="Coaching findings dismissed on purpose, with why."
    )


_FIELD_NAMES: dict[type[Record], tuple[str, ...]] = {}


def _fields(record: Any, cls: type[Record]) -> dict[str, Any]:
    """The values of ``cls``'s fields taken from ``record``, without copying nested models."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)
    values = record.__dict__  # a pydantic model's field values (48,000 check-ins at a time)
    return {name: values[name] for name in names}


R = TypeVar("R", bound=Record)
_ALL_FIELDS: dict[type[Record], set[str]] = {}


def _validated(cls: type[R], values: dict[str, Any]) -> R:
    """A record of ``cls`` from a value for each of its fields, every one already validated.

    What ``cls.model_construct(**values)`` builds, without its per-field work (defaults,
    aliases) that such values never need: that work was 0.4 s of importing a large cycle's
    48,000 check-ins. The records of a class share one set of given fields, as records read
    from the workspace do (nothing changes it in place; ``model_copy`` copies it first).
    """
    if cls.__pydantic_post_init__ or cls.__private_attributes__:
        return cast(R, cls.model_construct(**values))  # none of ours; pydantic's way for those
    given = _ALL_FIELDS.get(cls)
    if given is None:
        given = _ALL_FIELDS[cls] = set(cls.model_fields)
    if values.keys() != given:
        raise ValueError(f"{cls.__name__} needs a value for each of its fields, and no other")
    record = cls.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", given)
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def bundle_from_cycle(data: CycleData) -> Bundle:
    """Nest a cycle's flat records into a bundle, in display order."""
    objectives = []
    for objective in data.objectives_in_order():
        key_results = []
        for kr in data.key_results_of(objective.id):
            check_ins = [
                BundleCheckIn.model_construct(**_fields(c, CheckInFields))
                for c in data.check_ins_of(kr.id)
            ]
            key_results.append(
                BundleKeyResult.model_construct(**_fields(kr, KeyResultFields), check_ins=check_ins)
            )
        objectives.append(
            BundleObjective.model_construct(
                **_fields(objective, Objective), key_results=key_results
            )
        )
    sessions = [
        BundleSession.model_construct(
            **_fields(session, Session),
            captures=[
                CaptureFields.model_construct(**_fields(c, CaptureFields))
                for c in data.captures_of(session.id)
            ],
            retro_cards=[
                RetroCardFields.model_construct(**_fields(c, RetroCardFields))
                for c in data.retro_cards_of(session.id)
            ],
            candidates=[
                CandidateFields.model_construct(**_fields(c, CandidateFields))
                for c in data.candidates_of(session.id)
            ],
            confidence_rounds=[
                ConfidenceRoundFields.model_construct(**_fields(r, ConfidenceRoundFields))
                for r in data.confidence_rounds_of(session.id)
            ],
        )
        for session in data.ordered("sessions")
    ]
    return Bundle.model_construct(
        format=BUNDLE_FORMAT,
        schema_version=BUNDLE_SCHEMA_VERSION,
        cycle=data.cycle,
        themes=data.ordered("themes"),
        objectives=objectives,
        sessions=sessions,
        actions=data.ordered("actions"),
        dismissals=data.ordered("dismissals"),
    )


def cycle_from_bundle(bundle: Bundle) -> CycleData:
    """Flatten a validated bundle into a cycle's records."""
    records: dict[str, dict[str, Any]] = {
        "themes": {t.id: t for t in bundle.themes},
        "objectives": {},
        "key_results": {},
        "check_ins": {},
        "sessions": {},
        "captures": {},
        "retro_cards": {},
        "actions": {a.id: a for a in bundle.actions},
        "candidates": {},
        "confidence_rounds": {},
        "dismissals": {d.id: d for d in bundle.dismissals},
    }
    for objective in bundle.objectives:
        records["objectives"][objective.id] = _validated(Objective, _fields(objective, Objective))
        for kr in objective.key_results:
            values = _fields(kr, KeyResultFields)
            values["objective_id"] = objective.id
            records["key_results"][kr.id] = _validated(KeyResult, values)
            for check_in in kr.check_ins:
                values = _fields(check_in, CheckInFields)
                values["key_result_id"] = kr.id
                records["check_ins"][check_in.id] = _validated(CheckIn, values)
    for session in bundle.sessions:
        records["sessions"][session.id] = _validated(Session, _fields(session, Session))
        parts: tuple[tuple[str, type[Record], type[Record], Sequence[Record]], ...] = (
            ("captures", Capture, CaptureFields, session.captures),
            ("retro_cards", RetroCard, RetroCardFields, session.retro_cards),
            ("candidates", Candidate, CandidateFields, session.candidates),
            (
                "confidence_rounds",
                ConfidenceRound,
                ConfidenceRoundFields,
                session.confidence_rounds,
            ),
        )
        for table, cls, fields, records_of_session in parts:
            for part in records_of_session:
                values = _fields(part, fields)
                values["session_id"] = session.id
                records[table][values["id"]] = _validated(cls, values)
    return CycleData(bundle.cycle, records)


def _ids_with_paths(bundle: Bundle) -> Iterable[tuple[str, str]]:
    yield bundle.cycle.id, "cycle.id"
    for i, theme in enumerate(bundle.themes):
        yield theme.id, f"themes[{i}].id"
    for i, objective in enumerate(bundle.objectives):
        yield objective.id, f"objectives[{i}].id"
        for j, kr in enumerate(objective.key_results):
            yield kr.id, f"objectives[{i}].key_results[{j}].id"
            for k, check_in in enumerate(kr.check_ins):
                yield check_in.id, f"objectives[{i}].key_results[{j}].check_ins[{k}].id"
    for i, session in enumerate(bundle.sessions):
        yield session.id, f"sessions[{i}].id"
        for j, capture in enumerate(session.captures):
            yield capture.id, f"sessions[{i}].captures[{j}].id"
        for j, card in enumerate(session.retro_cards):
            yield card.id, f"sessions[{i}].retro_cards[{j}].id"
        for j, candidate in enumerate(session.candidates):
            yield candidate.id, f"sessions[{i}].candidates[{j}].id"
        for j, round_ in enumerate(session.confidence_rounds):
            yield round_.id, f"sessions[{i}].confidence_rounds[{j}].id"
    for i, action in enumerate(bundle.actions):
        yield action.id, f"actions[{i}].id"
    for i, dismissal in enumerate(bundle.dismissals):
        yield dismissal.id, f"dismissals[{i}].id"


def _live_problems(i: int, session: BundleSession, stage_keys: list[str]) -> list[str]:
    """Reference problems of a session's timer and its brainstorm's merged candidates."""
    problems: list[str] = []
    if session.timer_stage is not None and session.timer_stage not in stage_keys:
        problems.append(
            f"sessions[{i}].timer_stage: no stage {session.timer_stage!r} in this session"
        )
    for key in session.stage_extensions:
        if key not in stage_keys:
            problems.append(f"sessions[{i}].stage_extensions: no stage {key!r} in this session")
    candidates = {c.id: c for c in session.candidates}
    for j, candidate in enumerate(session.candidates):
        target = candidate.merged_into
        if target is None:
            continue
        if target not in candidates:
            problems.append(
                f"sessions[{i}].candidates[{j}].merged_into: no candidate with id {target!r} "
                "in this session"
            )
        elif candidates[target].merged_into is not None:
            problems.append(
                f"sessions[{i}].candidates[{j}].merged_into: {target!r} is itself merged into "
                "another candidate"
            )
    # A confidence round on a key result no longer in the bundle stays as history, like the
    # objective a promoted candidate became: a trimmed bundle still imports.
    return problems


def find_parent_loop(parents: dict[str, str | None], kr_owner: dict[str, str]) -> list[str]:
    """The ids of objectives whose parent links loop, in loop order; empty when there is none.

    ``parents`` maps an objective id to its parent id (an objective or a key result);
    ``kr_owner`` maps a key result id to its objective's id.
    """
    state: dict[str, int] = {}
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parents:
            if state.get(node) == 2:
                break
            if state.get(node) == 1:
                return path[path.index(node) :]
            state[node] = 1
            path.append(node)
            parent = parents[node]
            node = kr_owner.get(parent, parent) if parent is not None else None
        for visited in path:
            state[visited] = 2
    return []


def bundle_problems(
    bundle: Bundle,
    outside_parents: Mapping[str, str] | None = None,
    outside_themes: Collection[str] = (),
    *,
    loops: bool = True,
) -> list[str]:
    """Every reference problem of a bundle as ``path: message`` lines.

    ``outside_parents`` are objectives and key results (id -> title) a parent may point to
    besides the bundle's own, and ``outside_themes`` themes an objective may serve, for a
    team's bundle merged into an existing cycle. ``loops=False`` leaves parent loops to the
    caller (``lint`` reports them as findings instead of refusing the file).
    """
    problems: list[str] = []
    seen: dict[str, str] = {}
    for record_id, path in _ids_with_paths(bundle):
        if record_id in seen:
            problems.append(f"{path}: id {record_id!r} is already used at {seen[record_id]}")
        else:
            seen[record_id] = path
    themes = {t.id for t in bundle.themes} | set(outside_themes)
    objective_ids = {o.id for o in bundle.objectives}
    kr_owner = {kr.id: o.id for o in bundle.objectives for kr in o.key_results}
    outside = outside_parents or {}
    parents = objective_ids | kr_owner.keys() | outside.keys()
    for i, objective in enumerate(bundle.objectives):
        if objective.theme_id is not None and objective.theme_id not in themes:
            problems.append(
                f"objectives[{i}].theme_id: no theme with id {objective.theme_id!r} in the bundle"
            )
        parent = objective.parent_id
        if parent is not None and parent not in parents:
            problems.append(
                f"objectives[{i}].parent_id: no objective or key result with id {parent!r}"
            )
        if parent is not None and kr_owner.get(parent) == objective.id:
            problems.append(
                f"objectives[{i}].parent_id: an objective cannot align to its own key result"
            )
    loop = find_parent_loop({o.id: o.parent_id for o in bundle.objectives}, kr_owner)
    if loop and loops:
        index = {o.id: i for i, o in enumerate(bundle.objectives)}
        names = " -> ".join(f"{oid} ({bundle.objectives[index[oid]].title})" for oid in loop)
        problems.append(
            f"objectives[{index[loop[0]]}].parent_id: parent links loop: {names} -> {loop[0]}"
        )
    session_ids = {s.id for s in bundle.sessions}
    for i, session in enumerate(bundle.sessions):
        keys = [stage.key for stage in session.stages]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            problems.append(f"sessions[{i}].stages: stage keys repeat: {', '.join(duplicates)}")
        if session.current_stage is not None and session.current_stage not in keys:
            problems.append(
                f"sessions[{i}].current_stage: no stage {session.current_stage!r} in this session"
            )
        problems += _live_problems(i, session, keys)
    for i, action in enumerate(bundle.actions):
        if action.session_id is not None and action.session_id not in session_ids:
            problems.append(
                f"actions[{i}].session_id: no session with id {action.session_id!r} in the bundle"
            )
    coachable = objective_ids | kr_owner.keys() | themes | outside.keys()
    for i, dismissal in enumerate(bundle.dismissals):
        if dismissal.target_id not in coachable:
            problems.append(
                f"dismissals[{i}].target_id: no objective, key result or theme with id "
                f"{dismissal.target_id!r}"
            )
    return problems
