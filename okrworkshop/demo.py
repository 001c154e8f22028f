"""The demo cycle: a fictional clinic-software company mid-quarter, so every part shows at once.

Built deterministically from ``today`` (tests pass a fixed date): a company level, two
departments, three teams, eight objectives aligned into a cascade, 27 key results with weekly
check-ins, a planning session that is done, a check-in and a retro in progress.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from facilitation.agendas import new_session
from facilitation.calendar import quarter_of
from okrworkshop.model import (
    ActionItem,
    Candidate,
    Capture,
    CheckIn,
    ConfidenceRound,
    Cycle,
    CycleData,
    Dismissal,
    KeyResult,
    Objective,
    RetroCard,
    Session,
    TargetChange,
    Theme,
)

DEMO_CYCLE_ID = "demo-kestrel"
COMPANY = "Kestrel Labs"

THEMES = (
    (
        "thm-patients",
        "Patient experience",
        "Booking a physio should be easier than ordering a taxi.",
    ),
    ("thm-reliability", "Reliability", "Clinics run their whole day on us."),
    ("thm-growth", "Efficient growth", "Grow through happy clinics, not discounts."),
    ("thm-international", "International expansion", "Open the first market outside home."),
)

# id, title, level, team, owner, commitment, theme, parent, description
OBJECTIVES: tuple[tuple[str, ...], ...] = (
    (
        "obj-c1",
        "Become the booking system clinics recommend to each other",
        "company",
        "",
        "Maya Okafor",
        "aspirational",
        "thm-patients",
        "",
        "Word of mouth is our cheapest channel; earn it.",
    ),
    (
        "obj-c2",
        "Run a profitable, predictable business",
        "company",
        "",
        "Maya Okafor",
        "committed",
        "thm-growth",
        "",
        "",
    ),
    (
        "obj-d1",
        "Make booking effortless for patients",
        "department",
        "Product & Engineering",
        "Jonas Berg",
        "aspirational",
        "thm-patients",
        "kr-c1-1",
        "",
    ),
    (
        "obj-d2",
        "Every new clinic is live and confident within two weeks",
        "department",
        "Customer Success",
        "Priya Nair",
        "committed",
        "thm-growth",
        "kr-c1-3",
        "",
    ),
    (
        "obj-t1",
        "Patients finish booking on the first try",
        "team",
        "Booking",
        "Lena Fischer",
        "aspirational",
        "thm-patients",
        "obj-d1",
        "",
    ),
    (
        "obj-t2",
        "Clinics trust that Kestrel is always there",
        "team",
        "Platform",
        "Tomás Silva",
        "committed",
        "thm-reliability",
        "obj-d1",
        "",
    ),
    (
        "obj-t3",
        "Launch a self-serve onboarding",
        "team",
        "Onboarding",
        "Aisha Khan",
        "aspirational",
        "thm-growth",
        "obj-d2",
        "Drafted late in the session; the coach has notes.",
    ),
    (
        "obj-t4",
        "Clinics fill cancelled slots without lifting a finger",
        "team",
        "Booking",
        "",
        "aspirational",
        "thm-growth",
        "kr-c2-1",
        "",
    ),
)

# objective, title, kind, baseline, target, unit, owner, confidence, direction, weight
KEY_RESULTS: tuple[tuple[Any, ...], ...] = (
    ("obj-c1", "Net promoter score from 31 to 45", "metric", 31, 45, "", "Maya Okafor", 5, "", 1),
    (
        "obj-c1",
        "New clinics that came through a referral from 12% to 25%",
        "metric",
        12,
        25,
        "%",
        "Daniel Reyes",
        4,
        "",
        1,
    ),
    (
        "obj-c1",
        "Monthly logo churn from 2.4% to 1.5%",
        "metric",
        2.4,
        1.5,
        "%",
        "Priya Nair",
        6,
        "",
        1,
    ),
    (
        "obj-c2",
        "Annual recurring revenue from 4.2M to 5.0M",
        "metric",
        4.2,
        5.0,
        "M EUR",
        "Maya Okafor",
        6,
        "",
        2,
    ),
    (
        "obj-c2",
        "Gross margin stays at or above 78%",
        "maintain",
        None,
        78,
        "%",
        "Erik Lund",
        8,
        "at-least",
        1,
    ),
    (
        "obj-c2",
        "Board approves the 2027 plan",
        "milestone",
        None,
        None,
        "",
        "Maya Okafor",
        7,
        "",
        1,
    ),
    (
        "obj-d1",
        "Mobile booking completion from 61% to 80%",
        "metric",
        61,
        80,
        "%",
        "Jonas Berg",
        5,
        "",
        1,
    ),
    (
        "obj-d1",
        "Median time to book from 190 s to 90 s",
        "metric",
        190,
        90,
        "s",
        "Lena Fischer",
        5,
        "",
        1,
    ),
    ("obj-d1", "App store rating from 4.1 to 4.6", "metric", 4.1, 4.6, "", "Jonas Berg", 4, "", 1),
    (
        "obj-d2",
        "Median days to go live from 26 to 12",
        "metric",
        26,
        12,
        "days",
        "Priya Nair",
        5,
        "",
        1,
    ),
    (
        "obj-d2",
        "Onboarding satisfaction from 7.9 to 9.0",
        "metric",
        7.9,
        9.0,
        "/10",
        "Aisha Khan",
        6,
        "",
        1,
    ),
    (
        "obj-d2",
        "Clinics using online booking in week one from 40% to 70%",
        "metric",
        40,
        70,
        "%",
        "Priya Nair",
        5,
        "",
        1,
    ),
    (
        "obj-t1",
        "Booking errors per 1,000 attempts from 18 to 5",
        "metric",
        18,
        5,
        "",
        "Lena Fischer",
        5,
        "",
        1,
    ),
    (
        "obj-t1",
        "Abandoned bookings from 22% to 12%",
        "metric",
        22,
        12,
        "%",
        "Marco Rossi",
        5,
        "",
        1,
    ),
    (
        "obj-t1",
        "One-tap rebooking available to every patient",
        "milestone",
        None,
        None,
        "",
        "Marco Rossi",
        7,
        "",
        1,
    ),
    (
        "obj-t2",
        "Uptime stays at or above 99.9%",
        "maintain",
        None,
        99.9,
        "%",
        "Tomás Silva",
        8,
        "at-least",
        1,
    ),
    (
        "obj-t2",
        "95th percentile page load from 2.8 s to 1.2 s",
        "metric",
        2.8,
        1.2,
        "s",
        "Tomás Silva",
        4,
        "",
        1,
    ),
    (
        "obj-t2",
        "Severity-1 incidents per month from 4 to 0",
        "metric",
        4,
        0,
        "",
        "Nina Park",
        5,
        "",
        1,
    ),
    (
        "obj-t2",
        "Restore from backup tested in under 30 minutes",
        "milestone",
        None,
        None,
        "",
        "Nina Park",
        6,
        "",
        1,
    ),
    (
        "obj-t3",
        "Clinics onboarded without a call from 10% to 40%",
        "metric",
        10,
        40,
        "%",
        "Aisha Khan",
        5,
        "",
        1,
    ),
    ("obj-t3", "Write 20 help-centre articles", "metric", 0, 20, "articles", "", 9, "", 1),
    ("obj-t3", "Improve the setup wizard", "metric", None, None, "", "Aisha Khan", 9, "", 1),
    (
        "obj-t4",
        "Cancelled slots refilled within a day from 15% to 45%",
        "metric",
        15,
        45,
        "%",
        "Lena Fischer",
        5,
        "",
        1,
    ),
    (
        "obj-t4",
        "Clinics with the waitlist switched on from 0 to 120",
        "metric",
        0,
        120,
        "clinics",
        "Marco Rossi",
        5,
        "",
        1,
    ),
    (
        "obj-t4",
        "Patient complaints about waitlist messages stay at or below 5 a month",
        "maintain",
        None,
        5,
        "",
        "Marco Rossi",
        7,
        "at-most",
        1,
    ),
    (
        "obj-c1",
        "Clinics live on Kestrel from 410 to 520",
        "metric",
        410,
        520,
        "clinics",
        "Daniel Reyes",
        5,
        "",
        1,
    ),
    (
        "obj-d1",
        "Support tickets about booking from 140 to 60 a month",
        "metric",
        140,
        60,
        "",
        "Jonas Berg",
        5,
        "",
        1,
    ),
)

# How far each key result got by the last check-in (0..1 of the way), for a believable mix.
PACE = (
    0.55,
    0.35,
    0.8,
    0.6,
    1,
    1,
    0.45,
    0.7,
    0.3,
    0.5,
    0.9,
    0.65,
    0.75,
    0.4,
    1,
    1,
    0.2,
    0.5,
    0,
    0.3,
    0.5,
    0,
    0.6,
    0.85,
    1,
    0.7,
    0.55,
)
NOTES = (
    "",
    "On track after the pricing page change.",
    "Slower than hoped; the release slipped a week.",
    "",
    "Good week — two big clinics went live.",
    "",
)


def cycle_dates(today: date) -> tuple[date, date]:
    """The quarter the demo runs in: the current one, or the last one early in a quarter."""
    start, end = quarter_of(today)
    if (today - start).days < 42:
        start, end = quarter_of(start - timedelta(days=1))
    return start, end


def build_demo(today: date) -> CycleData:
    """The demo cycle as of ``today`` (deterministic for a given date)."""
    rng = random.Random(20270101)
    starts, ends = cycle_dates(today)
    quarter = (starts.month - 1) // 3 + 1
    cycle = Cycle(
        id=DEMO_CYCLE_ID,
        name=f"{COMPANY} {starts.year}-Q{quarter}",
        starts=starts,
        ends=ends,
        description="Demo cycle: a fictional clinic-software company. Try anything; "
        "`okrworkshop demo` rebuilds nothing you changed.",
        planning_closed_on=starts - timedelta(days=3),
    )
    records: dict[str, dict[str, Any]] = {
        name: {}
        for name in (
            "themes",
            "objectives",
            "key_results",
            "check_ins",
            "sessions",
            "captures",
            "retro_cards",
            "actions",
            "candidates",
            "confidence_rounds",
            "dismissals",
        )
    }
    for theme_id, title, description in THEMES:
        records["themes"][theme_id] = Theme(id=theme_id, title=title, description=description)
    for position, row in enumerate(OBJECTIVES, start=1):
        oid, title, level, team, owner, commitment, theme, parent, description = row
        records["objectives"][oid] = Objective.model_validate(
            {
                "id": oid,
                "title": title,
                "level": level,
                "team": team,
                "owner": owner,
                "commitment": commitment,
                "theme_id": theme,
                "parent_id": parent or None,
                "description": description,
                "position": float(position),
            }
        )
    last_check_in = min(today, ends)
    check_in_days = []
    day = starts + timedelta(days=7)
    while day <= last_check_in:
        check_in_days.append(day)
        day += timedelta(days=7)
    counters: dict[str, int] = {}
    for index, row in enumerate(KEY_RESULTS):
        oid, title, kind, baseline, target, unit, owner, confidence, direction, weight = row
        counters[oid] = counters.get(oid, 0) + 1
        kr_id = f"kr-{oid.removeprefix('obj-')}-{counters[oid]}"
        pace = PACE[index]
        values = _history(rng, kind, baseline, target, pace, len(check_in_days))
        current = values[-1] if values else None
        records["key_results"][kr_id] = KeyResult.model_validate(
            {
                "id": kr_id,
                "objective_id": oid,
                "title": title,
                "kind": kind,
                "baseline": baseline,
                "target": target,
                "current": current,
                "unit": unit,
                "owner": owner,
                "confidence": confidence,
                "weight": weight,
                "direction": direction or "at-least",
                "done": kind == "milestone" and pace >= 1,
                "position": float(counters[oid]),
            }
        )
        for week, (at, value) in enumerate(zip(check_in_days, values, strict=False), start=1):
            drift = rng.choice((-1, 0, 0, 1))
            ci_id = f"ci-{kr_id.removeprefix('kr-')}-w{week}"
            records["check_ins"][ci_id] = CheckIn(
                id=ci_id,
                key_result_id=kr_id,
                at=at,
                value=value,
                confidence=max(0, min(10, int(confidence) + drift - (1 if pace < 0.3 else 0))),
                note=rng.choice(NOTES),
                author=owner,
                blocker="Waiting on the payments provider" if pace == 0 and week > 2 else "",
            )
    sessions = _sessions(starts, check_in_days, today)
    for session in sessions:
        records["sessions"][session.id] = session
    for capture in _captures(starts, check_in_days):
        records["captures"][capture.id] = capture
    for candidate in _candidates():
        records["candidates"][candidate.id] = candidate
    for round_ in _confidence_rounds(starts - timedelta(days=3)):
        records["confidence_rounds"][round_.id] = round_
    for card in _retro_cards():
        records["retro_cards"][card.id] = card
    for action in _actions(starts, check_in_days, ends):
        records["actions"][action.id] = action
    # The room kept one flagged key result on purpose; the reason travels with the exports.
    records["dismissals"]["dis-t3-2"] = Dismissal(
        id="dis-t3-2",
        rule="key-result-activity",
        target_id="kr-t3-2",
        reason="A stepping stone: clinics cannot self-serve until the help centre exists",
        by="Sam Whitfield",
        at=starts - timedelta(days=3),
    )
    data = CycleData(cycle, records)
    for kr_id, score in (("kr-c1-1", 0.6), ("kr-c1-2", 0.4), ("kr-c2-2", 1.0)):
        kr = data.key_results[kr_id]
        data.key_results[kr_id] = kr.model_copy(
            update={
                "score": score,
                "score_note": "" if score != 0.4 else "Referral programme launched late.",
            }
        )
    # Two targets moved after planning: one openly, one without a word (the coach notices).
    for kr_id, old, reason in (
        ("kr-t1-2", 10.0, "Holiday season doubles abandoned bookings; agreed with Jonas"),
        ("kr-t2-2", 1.0, ""),
    ):
        kr = data.key_results[kr_id]
        change = TargetChange(on=starts + timedelta(days=20), old=old, new=kr.target, reason=reason)
        data.key_results[kr_id] = kr.model_copy(update={"target_history": [change]})
    return data


def _history(
    rng: random.Random, kind: str, baseline: Any, target: Any, pace: float, weeks: int
) -> list[float]:
    if weeks == 0 or (kind == "metric" and (baseline is None or target is None)):
        return []
    if kind == "milestone":
        return [1.0 if (pace >= 1 and w == weeks - 1) else 0.0 for w in range(weeks)]
    if kind == "maintain":
        threshold = float(target)
        wobble = 0.06 if threshold > 90 else (0.5 if threshold > 20 else 1.0)
        return [
            round(threshold + (wobble if pace >= 1 else -wobble) * rng.uniform(0.2, 1.0), 2)
            for _ in range(weeks)
        ]
    start, goal = float(baseline), float(target)
    whole = start.is_integer() and goal.is_integer() and abs(goal - start) >= 10
    values = []
    for w in range(1, weeks + 1):
        share = pace * w / weeks + rng.uniform(-0.04, 0.04)
        value = start + (goal - start) * max(0.0, share)
        values.append(float(round(value)) if whole else round(value, 2))
    return values


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _sessions(starts: date, check_in_days: list[date], today: date) -> list[Session]:
    planning = new_session(
        "planning",
        session_id="ses-planning",
        title="Planning session",
        facilitator="Sam Whitfield",
        attendees=[
            "Maya Okafor",
            "Jonas Berg",
            "Priya Nair",
            "Lena Fischer",
            "Tomás Silva",
            "Aisha Khan",
            "Marco Rossi",
        ],
        held_on=starts - timedelta(days=3),
    )
    actual = (11, 17, 24, 41, 18, 15, 6)
    began = _at(starts - timedelta(days=3), 9, 30)
    planning = planning.model_copy(
        update={
            "stages": [
                s.model_copy(update={"actual_seconds": float(m * 60)})
                for s, m in zip(planning.stages, actual, strict=True)
            ],
            "current_stage": "wrap-up",
            "closed": True,
            "started_at": began,
            "ended_at": began + timedelta(minutes=sum(actual) + 8),
        }
    )
    check_in_day = check_in_days[-1] if check_in_days else starts
    check_in = new_session(
        "check-in",
        session_id="ses-check-in",
        title="Weekly check-in",
        facilitator="Sam Whitfield",
        attendees=["Maya Okafor", "Jonas Berg", "Priya Nair", "Tomás Silva"],
        held_on=check_in_day,
    )
    check_in = check_in.model_copy(
        update={
            "stages": [
                s.model_copy(update={"actual_seconds": float(m * 60)})
                for s, m in zip(check_in.stages, (4, 23, 3), strict=True)
            ],
            "current_stage": "wins",
            "closed": True,
        }
    )
    retro = new_session(
        "retro",
        session_id="ses-retro",
        title="Quarterly review retro",
        facilitator="Sam Whitfield",
        attendees=["Maya Okafor", "Jonas Berg", "Priya Nair", "Lena Fischer", "Aisha Khan"],
        held_on=today,
    )
    retro = retro.model_copy(
        update={
            "stages": [
                s.model_copy(update={"actual_seconds": float(m * 60)})
                for s, m in zip(retro.stages, (6, 9, 12, 0, 0, 0, 0, 0), strict=True)
            ],
            "current_stage": "score",
            "retro_format": "okr",
        }
    )
    return [planning, check_in, retro]


def _captures(starts: date, check_in_days: list[date]) -> list[Capture]:
    planned = starts - timedelta(days=3)
    check_in_day = check_in_days[-1] if check_in_days else starts
    rows = (
        (
            "cap-1",
            "ses-planning",
            "decision",
            "Referrals are the growth bet this quarter, not ads.",
            "Maya Okafor",
            _at(planned, 10, 5),
            "draft",
        ),
        (
            "cap-2",
            "ses-planning",
            "parking-lot",
            "Do we price per clinic or per practitioner?",
            "Jonas Berg",
            _at(planned, 10, 40),
            "key-results",
        ),
        (
            "cap-3",
            "ses-planning",
            "not-doing",
            "No new integrations until uptime is boring.",
            "Tomás Silva",
            _at(planned, 11, 10),
            "align",
        ),
        (
            "cap-4",
            "ses-check-in",
            "decision",
            "Move two engineers to the waitlist work for a sprint.",
            "Jonas Berg",
            _at(check_in_day, 9, 20),
            "round",
        ),
    )
    return [
        Capture(id=cid, session_id=sid, kind=kind, text=text, author=author, at=at, stage=stage)
        for cid, sid, kind, text, author, at, stage in rows
    ]


def _candidates() -> list[Candidate]:
    """The planning brainstorm: candidates, a merged duplicate, dots, and the winners promoted."""
    rows: tuple[tuple[str, str, str | None, dict[str, int]], ...] = (
        (
            "Clinics recommend us to each other",
            "Maya Okafor",
            "obj-c1",
            {"Maya Okafor": 2, "Jonas Berg": 1, "Priya Nair": 2, "Aisha Khan": 1},
        ),
        ("Referrals bring our new clinics", "Jonas Berg", None, {}),
        (
            "Booking is effortless for patients",
            "Lena Fischer",
            "obj-d1",
            {"Lena Fischer": 3, "Marco Rossi": 2, "Jonas Berg": 2},
        ),
        (
            "A profitable, predictable business",
            "Maya Okafor",
            "obj-c2",
            {"Maya Okafor": 3, "Tomás Silva": 1, "Priya Nair": 1},
        ),
        (
            "Clinics trust us to always be there",
            "Tomás Silva",
            "obj-t2",
            {"Tomás Silva": 3, "Marco Rossi": 1, "Aisha Khan": 1},
        ),
        ("Launch in a second country", "Priya Nair", None, {"Priya Nair": 2, "Jonas Berg": 2}),
        ("A new logo and brand", "Aisha Khan", None, {"Aisha Khan": 3, "Lena Fischer": 2}),
    )
    candidates = [
        Candidate(
            id=f"cand-{i}",
            session_id="ses-planning",
            text=text,
            author=author,
            votes=votes,
            promoted_to=promoted,
            position=float(i),
        )
        for i, (text, author, promoted, votes) in enumerate(rows, start=1)
    ]
    candidates[1] = candidates[1].model_copy(update={"merged_into": "cand-1"})
    return candidates


def _confidence_rounds(planned: date) -> list[ConfidenceRound]:
    """Blind rounds at the planning's commit stage; one spread wide enough to talk about."""
    rows = (
        ("kr-c1-1", {"Maya Okafor": 5, "Jonas Berg": 6, "Priya Nair": 4, "Aisha Khan": 5}, 5),
        ("kr-c1-2", {"Maya Okafor": 3, "Jonas Berg": 8, "Priya Nair": 4, "Aisha Khan": 4}, 4),
        ("kr-c2-1", {"Maya Okafor": 6, "Jonas Berg": 7, "Priya Nair": 6, "Aisha Khan": 5}, 6),
    )
    return [
        ConfidenceRound.model_validate(
            {
                "id": f"conf-{i}",
                "session_id": "ses-planning",
                "key_result_id": kr_id,
                "votes": votes,
                "agreed": agreed,
                "at": _at(planned, 11, i),
            }
        )
        for i, (kr_id, votes, agreed) in enumerate(rows, start=1)
    ]


def _retro_cards() -> list[RetroCard]:
    rows = (
        ("went-well", "Referral programme finally live", "Daniel Reyes", 4, "Growth"),
        ("went-well", "Zero Sev-1 incidents in the last month", "Nina Park", 3, "Reliability"),
        ("didnt-go-well", "Setup wizard work started too late", "Aisha Khan", 5, "Planning"),
        ("didnt-go-well", "Help articles counted, not read", "Priya Nair", 2, "Planning"),
        (
            "learned",
            "A waitlist pilot with 5 clinics told us more than any survey",
            "Lena Fischer",
            3,
            "",
        ),
    )
    return [
        RetroCard(
            id=f"card-{i}",
            session_id="ses-retro",
            column=column,
            text=text,
            author=author,
            votes=votes,
            group=group,
            position=float(i),
        )
        for i, (column, text, author, votes, group) in enumerate(rows, start=1)
    ]


def _actions(starts: date, check_in_days: list[date], ends: date) -> list[ActionItem]:
    planned = starts - timedelta(days=3)
    check_in_day = check_in_days[-1] if check_in_days else starts
    return [
        ActionItem(
            id="act-1",
            text="Share the final OKRs on the wiki",
            owner="Sam Whitfield",
            due=starts + timedelta(days=2),
            status="done",
            session_id="ses-planning",
            created_on=planned,
            done_on=starts + timedelta(days=1),
        ),
        ActionItem(
            id="act-2",
            text="Find an owner for the waitlist objective",
            owner="Jonas Berg",
            due=starts + timedelta(days=14),
            status="open",
            session_id="ses-planning",
            created_on=planned,
        ),
        ActionItem(
            id="act-3",
            text="Ask the payments provider for a date on the restore test",
            owner="Nina Park",
            due=check_in_day + timedelta(days=7),
            status="open",
            session_id="ses-check-in",
            created_on=check_in_day,
        ),
        ActionItem(
            id="act-4",
            text="Draft the 2027 plan for the board",
            owner="Maya Okafor",
            due=ends - timedelta(days=10),
            status="open",
            session_id="ses-check-in",
            created_on=check_in_day,
        ),
    ]
