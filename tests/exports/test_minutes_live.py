"""Minutes of a live session: planned vs actual time, who raised what, candidates, rounds."""

from __future__ import annotations

from datetime import datetime, timedelta

from exports.formats import export_text
from exports.markdown import export_markdown
from facilitation import brainstorm, timer
from facilitation.agendas import new_session
from facilitation.confidence import agree, record_round
from okrworkshop.model import Change, CycleData, Put, edits
from tests.conftest import TODAY
from tests.exports.markdown_checks import source_rows_have_header_width
from tests.exports.test_markdown import tables

START = datetime(2026, 11, 24, 9, 0)


def run_session(demo: CycleData, fmt: str = "markdown") -> str:
    """A short planning session driven the way the app drives it, on a made-up clock."""
    session = new_session(
        "planning", session_id="ses-live", facilitator="Sam", attendees=["Ana", "Bo"]
    )
    demo.apply(Change("start", (Put("sessions", session.model_dump(mode="json")),)))

    now = START
    demo.apply(timer.start(demo.sessions["ses-live"], now))
    now += timedelta(minutes=12, seconds=30)
    demo.apply(timer.move_to_stage(demo.sessions["ses-live"], "brainstorm", now))
    stage = demo.sessions["ses-live"].stage("brainstorm")
    assert stage is not None
    demo.apply(timer.extend(demo.sessions["ses-live"], stage, 5))
    first, change = brainstorm.add_candidate(demo, "ses-live", "Clinics love us", "Ana")
    demo.apply(change)
    second, change = brainstorm.add_candidate(demo, "ses-live", "Clinics adore us")
    demo.apply(change)
    demo.apply(
        brainstorm.merge(
            demo, demo.sessions["ses-live"], demo.candidates[second], demo.candidates[first]
        )
    )
    for voter in ("Ana", "Bo"):
        demo.apply(
            brainstorm.vote(demo, demo.sessions["ses-live"], demo.candidates[first], voter, 1)
        )
    _, change = brainstorm.promote(demo, [demo.candidates[first]], level="company")
    demo.apply(change)
    _, change = edits.add_record(
        "captures",
        "cap",
        "x",
        kind="decision",
        text="We check in on Mondays",
        author="Bo",
        session_id="ses-live",
        stage="brainstorm",
        at=now.isoformat(),
    )
    demo.apply(change)
    kr = demo.key_results["kr-c1-1"]
    round_id, change = record_round("ses-live", kr, {"Ana": 2, "Bo": 7}, now)
    demo.apply(change)
    demo.apply(agree(demo.confidence_rounds[round_id], kr, 5))
    now += timedelta(minutes=18)
    demo.apply(timer.close(demo.sessions["ses-live"], now))
    if fmt != "markdown":
        return export_text(demo, fmt, session_id="ses-live", today=TODAY)
    return export_markdown(demo, session_id="ses-live", today=TODAY)


def test_minutes_show_planned_against_actual_time_per_stage(demo: CycleData) -> None:
    text = run_session(demo)
    agenda = tables(text)[0]
    assert agenda[0] == ["Stage", "Planned", "Actual", "Difference"]
    assert agenda[1] == ["Opening and context", "10 min", "12.5 min", "+2.5 min"]
    assert agenda[2] == ["Brainstorm objective candidates", "15 min (+5)", "18 min", "+3 min"]
    assert agenda[3] == ["Draft objectives", "20 min", "—", "—"]
    assert agenda[-1] == ["Total", "120 min (+5)", "30.5 min", "+5.5 min"]
    assert "Started 09:00, ended 09:30" in text
    source_rows_have_header_width(text)


def test_minutes_name_who_raised_each_decision(demo: CycleData) -> None:
    text = run_session(demo)
    assert "## Decisions\n\n- We check in on Mondays — Bo\n" in text


def test_minutes_list_candidates_by_dots_with_merged_duplicates(demo: CycleData) -> None:
    text = run_session(demo)
    candidates = next(t for t in tables(text) if t[0][0] == "Candidate")
    assert candidates[0] == ["Candidate", "Dots", "Outcome"]
    assert candidates[1] == [
        "Clinics love us (merged: Clinics adore us)",
        "2",
        "draft objective",
    ]


def test_minutes_show_each_confidence_round_and_flag_a_wide_spread(demo: CycleData) -> None:
    text = run_session(demo)
    rounds = next(t for t in tables(text) if t[0][0] == "Key result" and "Votes" in t[0])
    assert rounds[1] == [
        "Net promoter score from 31 to 45",
        "Ana 2, Bo 7",
        "2–7 (wide spread)",
        "5",
    ]


def test_the_html_minutes_carry_the_same_live_parts(demo: CycleData) -> None:
    page = run_session(demo, "html")
    assert "<p>Started 09:00, ended 09:30</p>" in page
    assert "15 min (+5)</td>" in page
    assert '<li>We check in on Mondays <span class="by">— Bo</span></li>' in page
    assert "<h2>Objective candidates</h2>" in page
    assert '<span class="by">(merged: Clinics adore us)</span>' in page
    assert '<td class="over">2–7 (wide spread)</td>' in page


def test_minutes_keep_the_plain_notes_people_captured(demo: CycleData) -> None:
    # `n` (or no prefix at all) captures a note: the commonest capture must reach the wiki.
    _, change = edits.add_record(
        "captures",
        "cap",
        "note",
        kind="note",
        text="Sales wants the waitlist in the demo",
        author="Bo",
        session_id="ses-planning",
    )
    demo.apply(change)
    text = export_markdown(demo, session_id="ses-planning", today=TODAY)
    assert "## Notes\n\n- Sales wants the waitlist in the demo — Bo\n" in text
    page = export_text(demo, "html", session_id="ses-planning", today=TODAY)
    assert "<h2>Notes</h2>" in page
    assert '<li>Sales wants the waitlist in the demo <span class="by">— Bo</span></li>' in page
