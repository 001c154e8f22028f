"""Brainstorming objective candidates: enter fast, merge duplicates, dot-vote, promote winners.

Each function builds one ``Change`` (one undo step); the votes follow ``facilitation.votes``.
"""

from __future__ import annotations

from typing import Any

from facilitation.votes import Ballots, VoteRules, cast, merged, over_budget, winners
from okrworkshop.model import Candidate, Change, CycleData, Delete, Op, Put, Session, Update
from okrworkshop.model._fields import new_id
from okrworkshop.model.cycle_data import next_position


def rules(session: Session) -> VoteRules:
    """The session's dot-vote budget and per-item limit."""
    return VoteRules(budget=session.vote_budget, per_item=session.votes_per_item)


def open_candidates(data: CycleData, session_id: str) -> list[Candidate]:
    """Candidates still in the running: not merged into another one."""
    return [c for c in data.candidates_of(session_id) if c.merged_into is None]


def ballots(data: CycleData, session_id: str) -> dict[str, dict[str, int]]:
    """The session's dot votes as a ballot box (merged duplicates have none of their own)."""
    return {c.id: dict(c.votes) for c in open_candidates(data, session_id)}


def add_candidate(
    data: CycleData, session_id: str, text: str, author: str = ""
) -> tuple[str, Change]:
    """A new candidate at the end of the list."""
    candidate_id = new_id("cand")
    record = {
        "id": candidate_id,
        "session_id": session_id,
        "text": " ".join(text.split()),
        "author": author,
        "position": next_position(data.candidates_of(session_id)),
    }
    return candidate_id, Change(f"add candidate {text!r}", (Put("candidates", record),))


def edit_candidate(candidate: Candidate, text: str) -> Change:
    """Reword a candidate."""
    return Change(
        f"reword candidate {text!r}",
        (Update("candidates", candidate.id, {"text": " ".join(text.split())}),),
    )


def delete_candidate(data: CycleData, candidate: Candidate) -> Change:
    """Remove a candidate; duplicates merged into it stand on their own again."""
    ops: list[Op] = [
        Update("candidates", c.id, {"merged_into": None})
        for c in data.candidates_of(candidate.session_id)
        if c.merged_into == candidate.id
    ]
    ops.append(Delete("candidates", candidate.id))
    return Change(f"delete candidate {candidate.text!r}", tuple(ops))


def merge(data: CycleData, session: Session, source: Candidate, target: Candidate) -> Change:
    """Fold the duplicate ``source`` into ``target``: its dots move over (capped per person).

    Whatever was merged into ``source`` before now hangs under ``target`` as well.
    """
    while target.merged_into is not None:  # merge into the one that is still in the running
        target = data.candidates[target.merged_into]
    if target.id == source.id:
        raise ValueError("a candidate cannot be merged into itself")
    ops: list[Op] = [
        Update(
            "candidates", target.id, {"votes": merged(target.votes, source.votes, rules(session))}
        ),
        Update("candidates", source.id, {"merged_into": target.id, "votes": {}}),
    ]
    ops += [
        Update("candidates", c.id, {"merged_into": target.id})
        for c in data.candidates_of(source.session_id)
        if c.merged_into == source.id
    ]
    return Change(f"merge {source.text!r} into {target.text!r}", tuple(ops))


def unmerge(candidate: Candidate) -> Change:
    """Let a merged duplicate stand on its own again (its dots stay where they went)."""
    return Change(
        f"unmerge {candidate.text!r}",
        (Update("candidates", candidate.id, {"merged_into": None}),),
    )


def vote(data: CycleData, session: Session, candidate: Candidate, voter: str, step: int) -> Change:
    """One dot more (step 1) or less (step -1) from ``voter``; ``VoteRefused`` says why not."""
    if candidate.merged_into is not None:
        raise ValueError("this duplicate was merged; vote on the candidate it was merged into")
    box: Ballots = ballots(data, session.id)
    dots = cast(box, candidate.id, voter, step, rules(session))
    votes = dict(candidate.votes)
    if dots:
        votes[voter] = dots
    else:
        votes.pop(voter, None)
    verb = "dot on" if step > 0 else "dot off"
    return Change(
        f"{voter}: {verb} {candidate.text!r}",
        (Update("candidates", candidate.id, {"votes": votes}),),
    )


def set_rules(data: CycleData, session: Session, budget: int, per_item: int) -> Change:
    """Change the budget and per-item limit; refused when dots already placed would break them."""
    new_rules = VoteRules(budget=budget, per_item=per_item)
    box = ballots(data, session.id)
    voters = sorted({voter for votes in box.values() for voter in votes})
    problems = over_budget(box, voters, new_rules)
    if problems:
        raise ValueError(
            "those limits are below dots already placed ("
            + "; ".join(problems)
            + "); take dots back first"
        )
    return Change(
        f"dot budget {budget}, at most {per_item} on one",
        (Update("sessions", session.id, {"vote_budget": budget, "votes_per_item": per_item}),),
    )


def reveal(session: Session, shown: bool) -> Change:
    """Show (or hide again) every candidate's total."""
    return Change(
        "reveal the dot vote" if shown else "hide the dot vote",
        (Update("sessions", session.id, {"votes_revealed": shown}),),
    )


def leading(data: CycleData, session_id: str, count: int) -> list[Candidate]:
    """The ``count`` candidates with the most dots (ties at the cut included), not yet promoted."""
    candidates = [c for c in open_candidates(data, session_id) if c.promoted_to is None]
    box = {c.id: dict(c.votes) for c in candidates}
    chosen = winners(box, count, order=[c.id for c in candidates])
    return [data.candidates[cid] for cid in chosen]


def promote(
    data: CycleData, candidates: list[Candidate], **objective: Any
) -> tuple[list[str], Change]:
    """Turn candidates into draft objectives (level, team, owner… from ``objective``).

    Each candidate remembers the objective it became, so the minutes can say so.
    """
    ops: list[Op] = []
    ids: list[str] = []
    position = next_position(data.objectives.values())
    for offset, candidate in enumerate(candidates):
        objective_id = new_id("obj")
        ids.append(objective_id)
        record = {"id": objective_id, "title": candidate.text, "position": position + offset}
        record.update(objective)
        ops.append(Put("objectives", record))
        ops.append(Update("candidates", candidate.id, {"promoted_to": objective_id}))
    if len(candidates) == 1:
        label = f"promote {candidates[0].text!r} to a draft objective"
    else:
        label = f"promote {len(candidates)} candidates to draft objectives"
    return ids, Change(label, tuple(ops))
