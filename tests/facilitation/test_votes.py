"""Dot-vote rules: a budget per person, a cap per item, fair ties, merged duplicates."""

from __future__ import annotations

import pytest

from facilitation.votes import (
    VoteRefused,
    VoteRules,
    cast,
    dots_left,
    merged,
    over_budget,
    ranking,
    winners,
)

RULES = VoteRules()  # 5 dots, at most 3 on one item


def test_defaults_are_five_dots_and_three_per_item() -> None:
    assert (RULES.budget, RULES.per_item) == (5, 3)


def test_a_fourth_dot_on_one_item_is_refused_with_the_reason() -> None:
    box = {"a": {"Ana": 3}}
    with pytest.raises(VoteRefused, match="at most 3 of one person's dots on one item"):
        cast(box, "a", "Ana", 1, RULES)
    assert cast(box, "a", "Bo", 1, RULES) == 1, "another person may still vote there"


def test_the_sixth_dot_is_refused_until_one_is_taken_back() -> None:
    box = {"a": {"Ana": 3}, "b": {"Ana": 2}, "c": {}}
    assert dots_left(box, "Ana", RULES) == 0
    with pytest.raises(VoteRefused, match="Ana has used all 5 dots"):
        cast(box, "c", "Ana", 1, RULES)
    assert cast(box, "b", "Ana", -1, RULES) == 1


def test_taking_back_a_dot_that_is_not_there_is_refused() -> None:
    with pytest.raises(VoteRefused, match="no dot on this one"):
        cast({"a": {}}, "a", "Ana", -1, RULES)


def test_winners_keep_a_tie_at_the_cut_and_never_include_items_without_dots() -> None:
    box = {"a": {"Ana": 3}, "b": {"Bo": 2}, "c": {"Cy": 2}, "d": {"Di": 1}, "e": {}}
    assert winners(box, 1) == ["a"]
    assert winners(box, 2) == ["a", "b", "c"], "b and c tie for second place"
    assert winners(box, 10) == ["a", "b", "c", "d"]
    assert winners({"e": {}}, 3) == []


def test_ranking_breaks_ties_by_the_order_given() -> None:
    box = {"a": {"Ana": 1}, "b": {"Bo": 1}}
    assert ranking(box, order=["b", "a"]) == [("b", 1), ("a", 1)]


def test_merging_duplicates_caps_each_person_at_the_per_item_limit() -> None:
    assert merged({"Ana": 2, "Bo": 1}, {"Ana": 2, "Cy": 1}, RULES) == {"Ana": 3, "Bo": 1, "Cy": 1}


def test_lowering_the_budget_below_dots_placed_names_who() -> None:
    box = {"a": {"Ana": 3}, "b": {"Ana": 1}}
    problems = over_budget(box, ["Ana", "Bo"], VoteRules(budget=3, per_item=2))
    assert problems == ["Ana has already placed 4 dots", "Ana has 3 dots on one item"]


def test_rules_refuse_a_budget_of_nothing() -> None:
    with pytest.raises(ValueError, match="at least one dot"):
        VoteRules(budget=0)
