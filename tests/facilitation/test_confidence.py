"""The blind confidence round: spread, the wide-spread flag, the agreed value."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitation.confidence import agree, discussion_prompt, record_round, summarize, summary_of
from okrworkshop.demo import build_demo
from tests.conftest import TODAY


def test_summary_gives_the_spread_and_the_median_rounded_half_up() -> None:
    summary = summarize([3, 5, 6, 8])
    assert summary is not None
    assert (summary.lowest, summary.highest, summary.spread, summary.middle) == (3, 8, 5, 6)
    assert summary.wide
    assert summarize([]) is None


@pytest.mark.parametrize(
    ("values", "wide"), [([5, 8], False), ([4, 8], True), ([0, 10], True), ([7], False)]
)
def test_a_spread_of_four_or_more_is_flagged(values: list[int], wide: bool) -> None:
    summary = summarize(values)
    assert summary is not None and summary.wide is wide


def test_a_round_is_stored_and_the_agreed_value_becomes_the_confidence() -> None:
    data = build_demo(TODAY)
    kr = data.key_results["kr-c1-1"]
    round_id, change = record_round(
        "ses-planning", kr, {"Maya": 3, "Jonas": 8, "Priya": 6}, datetime(2026, 9, 28, 11)
    )
    data.apply(change)
    stored = data.confidence_rounds[round_id]
    assert stored.spread == 5 and stored.agreed is None
    summary = summary_of(stored)
    assert summary is not None
    assert discussion_prompt(summary, stored).startswith("Wide spread (3 to 8): ask Jonas")
    undo = data.apply(agree(stored, kr, 6))
    assert data.key_results[kr.id].confidence == 6
    assert data.confidence_rounds[round_id].agreed == 6
    data.apply(undo)
    assert data.key_results[kr.id].confidence == kr.confidence


def test_a_round_without_numbers_is_refused_and_confidences_stay_in_range() -> None:
    data = build_demo(TODAY)
    kr = data.key_results["kr-c1-1"]
    with pytest.raises(ValueError, match="nobody"):
        record_round("ses-planning", kr, {}, datetime(2026, 9, 28, 11))
    _, change = record_round("ses-planning", kr, {"Ana": 11}, datetime(2026, 9, 28, 11))
    with pytest.raises(ValueError, match="less than or equal to 10"):
        data.apply(change)


def test_deleting_a_key_result_takes_its_rounds_along() -> None:
    from okrworkshop.model import edits

    data = build_demo(TODAY)
    kr = data.key_results["kr-c1-1"]
    round_id, change = record_round("ses-planning", kr, {"Ana": 3}, datetime(2026, 9, 28))
    data.apply(change)
    undo = data.apply(edits.delete_objective(data, kr.objective_id))
    assert round_id not in data.confidence_rounds
    data.apply(undo)
    assert round_id in data.confidence_rounds
