"""Brainstorm and dot vote: fast entry, merged duplicates, budgets, hidden totals, promotion."""

from __future__ import annotations

import pytest

from facilitation import brainstorm
from facilitation.agendas import new_session
from facilitation.votes import VoteRefused
from okrworkshop.model import Change, Cycle, CycleData, Put


@pytest.fixture
def data() -> CycleData:
    cycle = CycleData(Cycle(id="c1", name="Acme 2027-Q1"))
    session = new_session("planning", session_id="s1", attendees=["Ana", "Bo", "Cy"])
    cycle.apply(Change("start", (Put("sessions", session.model_dump(mode="json")),)))
    return cycle


def add(data: CycleData, text: str) -> str:
    candidate_id, change = brainstorm.add_candidate(data, "s1", text, author="Ana")
    data.apply(change)
    return candidate_id


def vote(data: CycleData, candidate_id: str, voter: str, step: int = 1) -> None:
    session = data.sessions["s1"]
    data.apply(brainstorm.vote(data, session, data.candidates[candidate_id], voter, step))


def test_candidates_keep_the_order_they_were_entered_in(data: CycleData) -> None:
    ids = [add(data, text) for text in ("Faster onboarding", "  Happier   clinics ", "Less churn")]
    assert [c.id for c in data.candidates_of("s1")] == ids
    assert data.candidates[ids[1]].text == "Happier clinics"


def test_votes_respect_the_session_budget_and_per_item_limit(data: CycleData) -> None:
    a, b = add(data, "Faster onboarding"), add(data, "Less churn")
    for _ in range(3):
        vote(data, a, "Ana")
    with pytest.raises(VoteRefused, match="at most 3"):
        vote(data, a, "Ana")
    vote(data, b, "Ana")
    vote(data, b, "Ana")
    with pytest.raises(VoteRefused, match="used all 5"):
        vote(data, b, "Ana")
    vote(data, b, "Ana", -1)
    assert data.candidates[a].votes == {"Ana": 3}
    assert data.candidates[b].votes == {"Ana": 1}


def test_taking_the_last_dot_back_removes_the_voter(data: CycleData) -> None:
    a = add(data, "Faster onboarding")
    vote(data, a, "Bo")
    vote(data, a, "Bo", -1)
    assert data.candidates[a].votes == {}


def test_merging_a_duplicate_moves_its_dots_and_unmerging_splits_it_again(
    data: CycleData,
) -> None:
    a, b, c = add(data, "Faster onboarding"), add(data, "Onboard quicker"), add(data, "Onboarding")
    vote(data, a, "Ana", 1)
    vote(data, b, "Ana", 1)
    vote(data, b, "Bo", 1)
    session = data.sessions["s1"]
    data.apply(brainstorm.merge(data, session, data.candidates[c], data.candidates[b]))
    data.apply(brainstorm.merge(data, session, data.candidates[b], data.candidates[a]))
    assert data.candidates[a].votes == {"Ana": 2, "Bo": 1}
    assert data.candidates[b].merged_into == a
    assert data.candidates[c].merged_into == a, "what was merged into b now hangs under a"
    assert [x.id for x in brainstorm.open_candidates(data, "s1")] == [a]
    with pytest.raises(ValueError, match="merged"):
        vote(data, b, "Cy")
    data.apply(brainstorm.unmerge(data.candidates[b]))
    assert data.candidates[b].merged_into is None


def test_merging_into_its_own_duplicate_is_refused(data: CycleData) -> None:
    a, b = add(data, "Faster onboarding"), add(data, "Onboard quicker")
    session = data.sessions["s1"]
    data.apply(brainstorm.merge(data, session, data.candidates[b], data.candidates[a]))
    with pytest.raises(ValueError, match="into itself"):
        brainstorm.merge(data, session, data.candidates[a], data.candidates[b])


def test_deleting_a_candidate_frees_its_duplicates(data: CycleData) -> None:
    a, b = add(data, "Faster onboarding"), add(data, "Onboard quicker")
    session = data.sessions["s1"]
    data.apply(brainstorm.merge(data, session, data.candidates[b], data.candidates[a]))
    data.apply(brainstorm.delete_candidate(data, data.candidates[a]))
    assert a not in data.candidates
    assert data.candidates[b].merged_into is None


def test_budget_cannot_drop_below_dots_already_placed(data: CycleData) -> None:
    a = add(data, "Faster onboarding")
    for _ in range(3):
        vote(data, a, "Ana")
    session = data.sessions["s1"]
    with pytest.raises(ValueError, match="Ana has 3 dots on one item"):
        brainstorm.set_rules(data, session, budget=5, per_item=2)
    data.apply(brainstorm.set_rules(data, session, budget=8, per_item=4))
    assert (data.sessions["s1"].vote_budget, data.sessions["s1"].votes_per_item) == (8, 4)


def test_promoting_the_leaders_makes_draft_objectives_in_one_step(data: CycleData) -> None:
    a, b, c = add(data, "Faster onboarding"), add(data, "Less churn"), add(data, "Happier staff")
    vote(data, b, "Ana")
    vote(data, b, "Bo")
    vote(data, a, "Cy")
    vote(data, c, "Cy")
    leaders = brainstorm.leading(data, "s1", 1)
    assert [x.id for x in leaders] == [b]
    two = brainstorm.leading(data, "s1", 2)
    assert [x.id for x in two] == [b, a, c], "a and c tie for second place"
    ids, change = brainstorm.promote(data, two, level="team", team="Onboarding", owner="Ana")
    undo = data.apply(change)
    titles = [data.objectives[i].title for i in ids]
    assert titles == ["Less churn", "Faster onboarding", "Happier staff"]
    assert data.candidates[b].promoted_to == ids[0]
    assert brainstorm.leading(data, "s1", 3) == [], "promoted ones are not offered again"
    data.apply(undo)
    assert not data.objectives and data.candidates[b].promoted_to is None
