"""What a retro celebrates by name: key results that landed and the cards people liked most."""

from __future__ import annotations

from dataclasses import dataclass

from facilitation.retro import retro_format
from facilitation.scores import score_or_progress
from okrworkshop.model import CycleData, Session

GOOD_SCORE = 0.7
TOP_CARDS = 5


@dataclass(frozen=True)
class Celebration:
    """One thing to call out: what, who, and why it counts."""

    text: str
    who: str
    why: str


def celebrations(data: CycleData, session: Session | None) -> list[Celebration]:
    """Key results scored 0.7 or more (progress where unscored), then the best-voted cards
    of the format's positive column."""
    found: list[Celebration] = []
    for objective in data.objectives_in_order():
        for kr in data.key_results_of(objective.id):
            score = score_or_progress(kr)
            if score >= GOOD_SCORE:
                label = "score" if kr.score is not None else "progress"
                found.append(
                    Celebration(kr.title, kr.owner or objective.owner, f"{label} {score:.2f}")
                )
    if session is not None and session.kind == "retro":
        positive = retro_format(session.retro_format).positive
        cards = [c for c in data.retro_cards_of(session.id) if c.column == positive]
        cards.sort(key=lambda c: (-c.votes, c.position))
        for card in cards[:TOP_CARDS]:
            votes = f"{card.votes} vote{'s' if card.votes != 1 else ''}"
            found.append(Celebration(card.text, card.author, votes))
    return found
