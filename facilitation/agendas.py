"""The default agendas of DESIGN §4, with a timebox and a facilitator prompt per stage.

Prompts are written for the facilitator's eyes only (a key hides them while screen-sharing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from okrworkshop.model import Session, SessionKind, Stage, new_id

# What a stage's screen can do; a custom agenda names one of these per stage.
ACTIVITIES: dict[str, str] = {
    "overview": "the cycle, its themes and open actions",
    "brainstorm": "objective candidates and a dot vote",
    "objectives": "draft objectives and key results",
    "align": "the cascade: align objectives one level up",
    "commit": "owners, due dates and confidence in a table",
    "confidence": "owners and a blind confidence round per key result",
    "check-in": "a round over every key result: value, confidence, note",
    "score": "score key results",
    "reflect": "retro cards and their votes",
    "actions": "action items with owners and due dates",
    "carry-over": "what happens to each objective next cycle",
    "wrap-up": "findings, decisions, parking lot and the export",
}


@dataclass(frozen=True)
class AgendaStage:
    """One stage of an agenda template."""

    key: str
    title: str
    minutes: int
    activity: str
    prompt: str

    def stage(self) -> Stage:
        return Stage(
            key=self.key,
            title=self.title,
            planned_minutes=self.minutes,
            prompt=self.prompt,
            activity=self.activity,
        )


PLANNING: tuple[AgendaStage, ...] = (
    AgendaStage(
        "opening",
        "Opening and context",
        10,
        "overview",
        "Say which cycle this is and why it matters. Walk the strategic themes, then the open "
        "actions and anything carried over from last cycle, so nobody starts from a blank page.",
    ),
    AgendaStage(
        "brainstorm",
        "Brainstorm objective candidates",
        15,
        "brainstorm",
        "Collect candidate objectives fast and without judging them: one line each, nobody "
        "argues yet. Merge the duplicates, then everyone places their dots in private; reveal "
        "together and carry the few with the most dots into drafting.",
    ),
    AgendaStage(
        "draft",
        "Draft objectives",
        20,
        "objectives",
        "Turn each winner into a short sentence someone would repeat in the corridor: where we "
        "want to be, not the work to get there. Keep the numbers for the key results.",
    ),
    AgendaStage(
        "key-results",
        "Key results, 3 to 5 per objective",
        35,
        "objectives",
        "For every objective ask: how would we know we got there? Prefer a number moving from a "
        "baseline to a target by a date. Outcomes, not activities.",
    ),
    AgendaStage(
        "align",
        "Align the cascade",
        20,
        "align",
        "Hook each objective under the company or department objective or key result it moves. "
        "An objective that supports nothing above it deserves a second look.",
    ),
    AgendaStage(
        "commit",
        "Commit: owners and confidence",
        15,
        "confidence",
        "Every key result gets one owner by name. Then a blind round: each person picks a "
        "confidence from 0 to 10 without hearing the others, and all are shown at once. Around "
        "5 is healthy for a stretch; 9 and up hints the bar is low. Close by agreeing when you "
        "will check in (capture it as a decision).",
    ),
    AgendaStage(
        "wrap-up",
        "Wrap-up",
        5,
        "wrap-up",
        "Read out the coach's open findings, the decisions and the parking lot. Confirm who "
        "does what by when, then export the summary for the wiki.",
    ),
)

CHECK_IN: tuple[AgendaStage, ...] = (
    AgendaStage(
        "open-actions",
        "Open actions",
        5,
        "actions",
        "Go through last time's actions: done, still going, or dropped. Keep it brisk.",
    ),
    AgendaStage(
        "round",
        "Round over every key result",
        20,
        "check-in",
        "Each owner gives the new value, a confidence from 0 to 10 and one line of context. "
        "Low confidence needs a plan or a named blocker, not an apology.",
    ),
    AgendaStage(
        "wins",
        "Wins and recognition",
        5,
        "wrap-up",
        "Name what moved and who moved it. Thank people for specific things.",
    ),
)

RETRO: tuple[AgendaStage, ...] = (
    AgendaStage(
        "pulse",
        "Opening pulse",
        5,
        "overview",
        "One word each on how the quarter felt. Remind the room that a missed stretch goal is "
        "information, not blame.",
    ),
    AgendaStage(
        "open-actions",
        "Open actions",
        10,
        "actions",
        "Close the loop on the actions from the check-ins before judging the quarter.",
    ),
    AgendaStage(
        "score",
        "Score key results",
        25,
        "score",
        "Each score starts at the progress reached. Override it only with a sentence saying "
        "why; committed key results below 1.0 need an explanation.",
    ),
    AgendaStage(
        "reflect",
        "Reflect",
        15,
        "reflect",
        "Silent writing first, one idea per card, then read them out and group the duplicates.",
    ),
    AgendaStage(
        "vote",
        "Vote and discuss",
        15,
        "reflect",
        "Dot-vote the groups and talk about them in vote order. Stop each topic when it turns "
        "into an action.",
    ),
    AgendaStage(
        "actions",
        "Actions",
        10,
        "actions",
        "Every action gets an owner and a due date, or it is a wish.",
    ),
    AgendaStage(
        "carry-over",
        "Carry-over",
        10,
        "carry-over",
        "For each objective decide: keep, modify, drop, or move to business as usual.",
    ),
    AgendaStage(
        "close",
        "Celebrate and close",
        5,
        "wrap-up",
        "Celebrate what went well by name, then export the minutes.",
    ),
)

DEFAULT_AGENDAS: dict[SessionKind, tuple[AgendaStage, ...]] = {
    "planning": PLANNING,
    "check-in": CHECK_IN,
    "retro": RETRO,
}

SESSION_TITLES: dict[SessionKind, str] = {
    "planning": "Planning session",
    "check-in": "Check-in",
    "retro": "Quarterly review retro",
}


def planned_minutes(kind: SessionKind) -> int:
    """The default agenda's total timebox."""
    return sum(stage.minutes for stage in DEFAULT_AGENDAS[kind])


def new_session(
    kind: SessionKind,
    *,
    title: str | None = None,
    facilitator: str = "",
    attendees: list[str] | None = None,
    held_on: date | None = None,
    team: str = "",
    session_id: str | None = None,
    agenda: Sequence[AgendaStage] | None = None,
    agenda_name: str = "",
) -> Session:
    """A session of ``kind`` with its agenda (the default one unless given), first stage current."""
    stages = [stage.stage() for stage in (agenda or DEFAULT_AGENDAS[kind])]
    return Session(
        id=session_id or new_id("ses"),
        kind=kind,
        title=title or SESSION_TITLES[kind],
        facilitator=facilitator,
        attendees=attendees or [],
        team=team,
        held_on=held_on,
        stages=stages,
        current_stage=stages[0].key,
        retro_format="okr" if kind == "retro" else "",
        agenda=agenda_name,
    )
