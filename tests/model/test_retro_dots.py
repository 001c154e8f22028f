"""Dots on retro cards: the total and each person's count move together."""

from __future__ import annotations

import pytest

from okrworkshop.model import RetroCard, edits


def card(**fields: object) -> RetroCard:
    values: dict[str, object] = {"id": "card-1", "session_id": "ses-1", "column": "went-well"}
    values.update(text="Pairing helped", **fields)
    return RetroCard.model_validate(values)


def test_a_dot_changes_the_total_and_the_persons_count_together() -> None:
    change = edits.give_dot(card(votes=1, dots={"Ana": 1}), "Ana", 1)
    [op] = change.ops
    assert op.changes == {"votes": 2, "dots": {"Ana": 2}}  # type: ignore[union-attr]
    change = edits.give_dot(card(votes=2, dots={"Ana": 1}), "Ana", -1)
    assert change.ops[0].changes == {"votes": 1, "dots": {}}  # type: ignore[union-attr]
    assert not edits.give_dot(card(votes=2, dots={"Ana": 2}), "", -1)  # no anonymous dot
    assert edits.give_dot(card(votes=3, dots={"Ana": 2}), "", -1)


def test_a_card_cannot_hold_more_dots_than_votes() -> None:
    with pytest.raises(ValueError, match="the card has 1 vote but people gave it 2 dots"):
        card(votes=1, dots={"Ana": 2})


def test_a_dot_needs_a_persons_name() -> None:
    with pytest.raises(ValueError, match="must not be blank"):
        card(votes=1, dots={" ": 1})
