"""Whatever is typed into a field, the edit is applied or refused with a message — nothing else."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from okrworkshop.demo import build_demo
from okrworkshop.model import edits
from okrworkshop.model.errors import one_line
from okrworkshop.tui.screens.form import FieldError, FormField, _parse
from tests.conftest import TODAY

TYPED = st.one_of(
    st.text(max_size=400),
    st.sampled_from(
        [
            "",
            " ",
            "\u202eevil",
            "🎯",
            "x" * 5000,
            "1e309",
            "nan",
            "-inf",
            "1,2,3",
            "50%",
            "2027-02-30",
            "9999-99-99",
            "[bold]x[/]",
            "{{ 1 }}",
            "| a |",
            "\x1b[31m",
        ]
    ),
)
KINDS = ["text", "number", "int", "date"]


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), typed=TYPED, required=st.booleans())
def test_a_field_parses_or_names_itself(kind: str, typed: str, required: bool) -> None:
    spec = FormField("target", "Target", kind, required=required)  # type: ignore[arg-type]
    try:
        value = _parse(spec, typed)
    except FieldError as error:
        assert str(error).startswith("Target: ")
        assert error.name == "target"
        return
    if kind == "number" and value is not None:
        assert value == value and abs(value) != float("inf"), "never NaN or infinity"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=TYPED,
    team=TYPED,
    owner=TYPED,
    level=st.sampled_from(["company", "department", "team", "boss", ""]),
    baseline=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    target=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    confidence=st.one_of(st.none(), st.integers(min_value=-5, max_value=15)),
)
def test_an_edit_is_applied_whole_or_refused_with_a_message(
    title: str,
    team: str,
    owner: str,
    level: str,
    baseline: Any,
    target: Any,
    confidence: Any,
) -> None:
    data = build_demo(TODAY)
    before = (dict(data.objectives), dict(data.key_results))
    objective_id, add_objective = edits.add_objective(
        data, title=title, team=team, owner=owner, level=level
    )
    try:
        data.apply(add_objective)
    except ValidationError as error:
        assert one_line(error)
        assert (dict(data.objectives), dict(data.key_results)) == before
        return
    _, add_kr = edits.add_key_result(
        data,
        objective_id,
        title=title,
        baseline=baseline,
        target=target,
        confidence=confidence,
    )
    count = len(data.key_results)
    try:
        data.apply(add_kr)
    except ValidationError as error:
        assert one_line(error)
        assert len(data.key_results) == count
    else:
        kr = data.key_results_of(objective_id)[-1]
        assert 0.0 <= kr.progress() <= 1.0
