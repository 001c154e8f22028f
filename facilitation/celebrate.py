"""What a retro celebrates by name: key results that landed and the cards people liked most."""

from __future__ import annotations

from dataclasses import dataclass

from facilitation.retro import retro_format
from facilitation.scores import score_or_progress
from okrworkshop.model import CycleData, KeyResult, Session

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
        fmt = retro_format(session.retro_format)
        cards = [c for c in data.retro_cards_of(session.id) if c.column == fmt.positive]
        if any(c.votes for c in cards):  # once the room has voted, the cards it liked
            cards = [c for c in cards if c.votes]
        cards.sort(key=lambda c: (-c.votes, c.position))
        for card in cards[:TOP_CARDS]:
            votes = f"{card.votes} vote{'s' if card.votes != 1 else ''}"
            why = votes if card.votes else fmt.heading(fmt.positive).lower()
            found.append(Celebration(card.text, card.author, why))
    return found


def _progress_at(kr: KeyResult, value: float | None) -> float:
    if kr.kind == "milestone":
        return 1.0 if value else 0.0
    return kr.model_copy(update={"current": value}).progress()


def check_in_wins(data: CycleData, session: Session | None) -> list[Celebration]:
    """A check-in's wins, by name: the key results whose progress went up at this check-in
    (its day's value against the one before), most progress gained first."""
    if session is None or session.kind != "check-in" or session.held_on is None:
        return []
    gains: list[tuple[float, Celebration]] = []
    for objective in data.objectives_in_order():
        for kr in data.key_results_of(objective.id):
            history = data.check_ins_of(kr.id)
            today = [i for i, c in enumerate(history) if c.at == session.held_on]
            if not today or today[-1] == 0:
                continue
            now, before = history[today[-1]], history[today[-1] - 1]
            was, is_ = _progress_at(kr, before.value), _progress_at(kr, now.value)
            if is_ > was:
                who = now.author or kr.owner or objective.owner
                why = f"progress {was:.0%} → {is_:.0%}"
                gains.append((is_ - was, Celebration(kr.title, who, why)))
    gains.sort(key=lambda gain: -gain[0])
    return [celebration for _, celebration in gains]
