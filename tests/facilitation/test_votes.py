"""Dot votes: five dots a person, three at most on one card; anonymous dots are unlimited."""

from __future__ import annotations

import pytest

from facilitation.votes import VoteBudget, dots_left, vote_problem
from okrworkshop.model import RetroCard, edits

BUDGET = VoteBudget()


def test_a_person_places_up_to_three_dots_on_one_item() -> None:
    item: dict[str, int] = {"Ana": 2}
    assert vote_problem("Ana", item, [item], BUDGET) is None
    item["Ana"] = 3
    assert vote_problem("Ana", item, [item], BUDGET) == (
        "Ana already put 3 dots here, the most one item may get."
    )


def test_five_dots_in_all() -> None:
    first, second, third = {"Ana": 3}, {"Ana": 2}, {"Bo": 3}
    ballots = [first, second, third]
    assert dots_left("Ana", ballots, BUDGET) == 0
    assert dots_left("Bo", ballots, BUDGET) == 2
    problem = vote_problem("Ana", third, ballots, BUDGET)
    assert problem is not None and "used all 5 dots" in problem
    assert vote_problem("Bo", first, ballots, BUDGET) is None


def test_taking_back_needs_a_dot_of_ones_own() -> None:
    item = {"Ana": 1}
    assert vote_problem("Ana", item, [item], BUDGET, step=-1) is None
    assert vote_problem("Bo", item, [item], BUDGET, step=-1) == (
        "Bo has no dot on this to take back."
    )


def test_anonymous_dots_have_no_budget() -> None:
    assert vote_problem("", {"": 40}, [{"": 40}], BUDGET) is None


def test_a_budget_of_other_sizes() -> None:
    budget = VoteBudget(per_person=2, per_item=2)
    item: dict[str, int] = {"Ana": 2}
    assert vote_problem("Ana", {}, [item, {}], budget) is not None


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
