"""Validation messages a facilitator can act on: each names the field and says what is wrong."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from okrworkshop.model import (
    ActionItem,
    Bundle,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Session,
)
from okrworkshop.model.errors import describe_errors, json_path, one_line


def problems(model: type[Any], **fields: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    return describe_errors(caught.value)


def objective(**fields: Any) -> dict[str, Any]:
    return {"id": "obj-1", "title": "Clinics recommend us", "level": "company", **fields}


def key_result(**fields: Any) -> dict[str, Any]:
    return {"id": "kr-1", "title": "NPS from 31 to 45", "objective_id": "obj-1", **fields}


@pytest.mark.parametrize("title", ["", "   ", "\u00a0"])
def test_blank_title_is_named(title: str) -> None:
    assert problems(Objective, **objective(title=title)) == ["title: must not be blank"]


@pytest.mark.parametrize("title", ["Delight\nclinics", "Delight\r\nclinics", "Delight\tclinics"])
def test_title_with_a_line_break_must_be_one_line(title: str) -> None:
    assert problems(Objective, **objective(title=title)) == [
        "title: must be a single line (no line breaks or tabs)"
    ]


@pytest.mark.parametrize(
    ("char", "code"), [("\x07", "U+0007"), ("\x1b", "U+001B"), ("\u2028", "U+2028")]
)
def test_control_character_is_named_by_code_point(char: str, code: str) -> None:
    assert problems(Objective, **objective(title=f"Delight{char}clinics")) == [
        f"title: contains an invisible control character ({code}); remove it"
    ]


def test_control_character_is_refused_in_long_text_too() -> None:
    assert problems(Objective, **objective(description="ok\nthen \x00")) == [
        "description: contains an invisible control character (U+0000); remove it"
    ]


def test_long_text_keeps_line_breaks_and_normalises_them() -> None:
    record = Objective.model_validate(objective(description="one\r\ntwo\rthree"))
    assert record.description == "one\ntwo\nthree"


def test_title_is_trimmed() -> None:
    assert Objective.model_validate(objective(title="  Clinics love us  ")).title == (
        "Clinics love us"
    )


def test_confidence_above_ten() -> None:
    assert problems(KeyResult, **key_result(confidence=11)) == [
        "confidence: Input should be less than or equal to 10"
    ]
    assert problems(CheckIn, id="ci-1", key_result_id="kr-1", at="2027-01-05", confidence=-1) == [
        "confidence: Input should be greater than or equal to 0"
    ]


def test_confidence_must_be_whole() -> None:
    assert problems(KeyResult, **key_result(confidence=5.5)) == [
        "confidence: Input should be a valid integer, got a number with a fractional part"
    ]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("name", ["baseline", "target", "current"])
def test_nan_and_infinity_are_refused(name: str, value: float) -> None:
    assert problems(KeyResult, **key_result(**{name: value})) == [
        f"{name}: must be a finite number (not NaN or infinity)"
    ]


def test_end_before_start_names_both_dates() -> None:
    assert problems(Cycle, id="c1", name="Acme", starts="2027-03-01", ends="2027-01-31") == [
        "the cycle ends (2027-01-31) before it starts (2027-03-01)"
    ]


def test_one_day_cycle_is_fine() -> None:
    cycle = Cycle(id="c1", name="Offsite", starts="2027-03-01", ends="2027-03-01")
    assert cycle.starts == cycle.ends


@pytest.mark.parametrize("text", ["2027-02-30", "31/03/2027", "next week"])
def test_bad_date_shows_an_example(text: str) -> None:
    assert problems(Cycle, id="c1", name="Acme", starts=text) == [
        "starts: must be a date like 2027-03-31"
    ]


def test_unknown_level_lists_the_levels() -> None:
    assert problems(Objective, **objective(level="division")) == [
        "level: Input should be 'company', 'department' or 'team'"
    ]


@pytest.mark.parametrize("level", ["department", "team"])
def test_team_is_required_below_company(level: str) -> None:
    assert problems(Objective, **objective(level=level)) == [
        f"a {level} objective needs a team name"
    ]
    assert Objective.model_validate(objective(level=level, team="Booking")).team == "Booking"


def test_objective_cannot_be_its_own_parent() -> None:
    assert problems(Objective, **objective(parent_id="obj-1")) == [
        "an objective cannot be its own parent"
    ]


def test_unknown_field_is_named() -> None:
    assert problems(Objective, **objective(colour="red")) == [
        "colour: unknown field (not part of the okrworkshop format)"
    ]


def test_missing_required_field() -> None:
    assert problems(ActionItem, id="a1") == ["text: required field is missing"]


def test_bad_id_explains_the_allowed_characters() -> None:
    assert problems(Objective, **objective(id="obj 1")) == [
        "id: must be an id of letters, digits and . _ : - (at most 64, starting with a letter "
        "or digit)"
    ]


def test_cycle_name_is_limited_to_120_characters() -> None:
    assert Cycle(id="c1", name="x" * 120).name == "x" * 120
    assert problems(Cycle, id="c1", name="x" * 121) == [
        "name: String should have at most 120 characters"
    ]


def test_unknown_session_kind() -> None:
    assert problems(Session, id="s1", kind="standup", title="Daily") == [
        "kind: Input should be 'planning', 'check-in' or 'retro'"
    ]


def test_score_must_be_between_zero_and_one() -> None:
    assert problems(KeyResult, **key_result(score=1.5)) == [
        "score: Input should be less than or equal to 1"
    ]


def test_every_problem_is_reported_at_once() -> None:
    lines = problems(KeyResult, **key_result(title="", confidence=11, target=float("nan")))
    assert sorted(lines) == [
        "confidence: Input should be less than or equal to 10",
        "target: must be a finite number (not NaN or infinity)",
        "title: must not be blank",
    ]


def test_describe_errors_gives_nested_json_paths() -> None:
    raw = {
        "cycle": {"id": "c1", "name": "Acme"},
        "objectives": [
            objective(id="o0"),
            objective(id="o1"),
            objective(
                id="o2",
                key_results=[{"id": "k0", "title": "Revenue", "target": "lots"}],
            ),
        ],
    }
    with pytest.raises(ValidationError) as caught:
        Bundle.model_validate(raw)
    assert describe_errors(caught.value) == [
        "objectives[2].key_results[0].target: "
        "Input should be a valid number, unable to parse string as a number"
    ]


def test_model_level_problem_is_reported_at_the_record_path() -> None:
    raw = {"cycle": {"id": "c1", "name": "Acme"}, "objectives": [objective(level="team")]}
    with pytest.raises(ValidationError) as caught:
        Bundle.model_validate(raw)
    assert describe_errors(caught.value) == ["objectives[0]: a team objective needs a team name"]


def test_describe_errors_with_prefix_and_one_line() -> None:
    with pytest.raises(ValidationError) as caught:
        KeyResult.model_validate(key_result(title="", confidence=11))
    assert describe_errors(caught.value, prefix="key_results[3]") == [
        "key_results[3].title: must not be blank",
        "key_results[3].confidence: Input should be less than or equal to 10",
    ]
    assert one_line(caught.value) == (
        "title: must not be blank; confidence: Input should be less than or equal to 10"
    )


def test_json_path() -> None:
    assert json_path(("objectives", 2, "key_results", 0, "target")) == (
        "objectives[2].key_results[0].target"
    )
    assert json_path((3, "title")) == "[3].title"
    assert json_path(()) == ""


def test_unit_is_limited_to_24_characters() -> None:
    assert problems(KeyResult, **key_result(unit="u" * 25)) == [
        "unit: String should have at most 24 characters"
    ]
