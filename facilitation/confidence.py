"""The blind confidence round: everyone's number entered hidden, revealed together.

A wide spread means people see the key result differently; the room talks before it agrees.
The agreed value becomes the key result's planning confidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from okrworkshop.model import Change, ConfidenceRound, CycleData, KeyResult, Put, Update
from okrworkshop.model._fields import new_id

WIDE_SPREAD = 4


@dataclass(frozen=True)
class RoundSummary:
    """What a revealed round says."""

    lowest: int
    highest: int
    middle: int
    count: int

    @property
    def spread(self) -> int:
        return self.highest - self.lowest

    @property
    def wide(self) -> bool:
        """Far enough apart (max − min ≥ 4) to talk it through before agreeing."""
        return self.spread >= WIDE_SPREAD


def summarize(values: list[int]) -> RoundSummary | None:
    """Lowest, highest and the median (rounded half up) of the numbers; None without any."""
    if not values:
        return None
    middle = int(median(values) + 0.5)
    return RoundSummary(min(values), max(values), middle, len(values))


def summary_of(round_: ConfidenceRound) -> RoundSummary | None:
    return summarize(list(round_.votes.values()))


def discussion_prompt(summary: RoundSummary, round_: ConfidenceRound) -> str:
    """What the facilitator asks when the spread is wide."""
    low = [name for name, value in round_.votes.items() if value == summary.lowest]
    high = [name for name, value in round_.votes.items() if value == summary.highest]
    return (
        f"Wide spread ({summary.lowest} to {summary.highest}): ask {_names(high)} what makes "
        f"them sure, and {_names(low)} what worries them, before agreeing."
    )


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:2])} and {len(names) - 2} more"


def record_round(
    session_id: str,
    kr: KeyResult,
    votes: Mapping[str, int],
    at: datetime,
) -> tuple[str, Change]:
    """Store a revealed round: every attendee's number at once."""
    if not votes:
        raise ValueError("nobody has entered a number yet")
    round_id = new_id("conf")
    record = {
        "id": round_id,
        "session_id": session_id,
        "key_result_id": kr.id,
        "votes": dict(votes),
        "at": at.replace(microsecond=0).isoformat(),
    }
    return round_id, Change(
        f"reveal the confidence round on {kr.title!r}", (Put("confidence_rounds", record),)
    )


def agree(round_: ConfidenceRound, kr: KeyResult, value: int) -> Change:
    """Keep the agreed value on the round and as the key result's confidence."""
    return Change(
        f"agree confidence {value} on {kr.title!r}",
        (
            Update("confidence_rounds", round_.id, {"agreed": value}),
            Update("key_results", kr.id, {"confidence": value}),
        ),
    )


def latest_rounds(data: CycleData, session_id: str) -> dict[str, ConfidenceRound]:
    """The newest round of each key result in the session."""
    rounds: dict[str, ConfidenceRound] = {}
    for round_ in data.confidence_rounds_of(session_id):
        rounds[round_.key_result_id] = round_
    return rounds
