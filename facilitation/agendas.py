"""The default agendas of DESIGN §4, with a timebox and a facilitator prompt per stage.

Prompts are written for the facilitator's eyes only (a key hides them while screen-sharing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrworkshop.model import Session, SessionKind, Stage, new_id


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
        "objectives",
        "Collect candidate objectives fast and without judging them. Cluster the similar ones, "
        "then let everyone place their dots; the few with the most votes go forward.",
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
        "commit",
        "Every objective and key result gets one owner by name. Ask for confidence from 0 to 10; "
        "around 5 is healthy for a stretch, 9 and up suggests the bar is too low.",
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
) -> Session:
    """A session of ``kind`` with the default agenda, its first stage current."""
    stages = [stage.stage() for stage in DEFAULT_AGENDAS[kind]]
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
    )
