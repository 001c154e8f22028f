"""The examples library: weak OKRs next to stronger rewrites, to browse and start from.

Each pair shows a draft a room typically writes first and a rewrite that says where to be and
how the room would know. The weak side trips the coach rules it is meant to teach and the strong
side passes every drafting rule (tests/facilitation/test_examples.py keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from facilitation.coach import Finding, coach
from okrworkshop.model import Change, Cycle, CycleData, Put, new_id
from okrworkshop.model.cycle_data import next_position


@dataclass(frozen=True)
class DraftKeyResult:
    """A key result as an example writes it."""

    title: str
    kind: str = "metric"
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    direction: str = "at-least"


@dataclass(frozen=True)
class DraftOkr:
    """An objective with its key results."""

    objective: str
    key_results: tuple[DraftKeyResult, ...]


@dataclass(frozen=True)
class ExamplePair:
    """A weak OKR, a stronger rewrite, and the lesson between them."""

    key: str
    topic: str
    weak: DraftOkr
    strong: DraftOkr
    lesson: str
    teaches: tuple[str, ...]


def _m(title: str, baseline: float, target: float, unit: str = "") -> DraftKeyResult:
    return DraftKeyResult(title, "metric", baseline, target, unit)


def _weak(title: str) -> DraftKeyResult:
    return DraftKeyResult(title)


EXAMPLES: tuple[ExamplePair, ...] = (
    ExamplePair(
        "retention",
        "Keeping customers",
        DraftOkr(
            "Keep customers happy",
            (_weak("Call 50 customers"), _weak("Improve satisfaction")),
        ),
        DraftOkr(
            "Customers stay because leaving would feel like a loss",
            (
                _m("Monthly logo churn from 2.4% to 1.5%", 2.4, 1.5, "%"),
                _m("Net revenue retention from 98% to 106%", 98, 106, "%"),
                _m("Accounts using three or more features from 35% to 55%", 35, 55, "%"),
            ),
        ),
        "Say what loyal customers do, then measure that behaviour, not the calls made to them.",
        ("objective-business-as-usual", "key-result-activity", "key-result-not-measurable"),
    ),
    ExamplePair(
        "onboarding",
        "First days of a new customer",
        DraftOkr(
            "Launch a new onboarding flow",
            (_weak("Ship the onboarding wizard"), _weak("More users finish setup")),
        ),
        DraftOkr(
            "New customers get real value on their first day",
            (
                _m("Sign-ups who finish setup within 24 hours from 31% to 60%", 31, 60, "%"),
                _m("Median days from sign-up to first booking from 6 to 1", 6, 1, "days"),
                _m("Setup questions to support from 120 to 40 a month", 120, 40),
            ),
        ),
        "A new flow is a means; a customer who succeeds on day one is the end.",
        ("objective-output-verb", "key-result-activity", "key-result-vague"),
    ),
    ExamplePair(
        "reliability",
        "Reliability",
        DraftOkr(
            "Maintain 99.9% uptime",
            (_weak("Fix bugs"), _weak("Hold weekly incident reviews")),
        ),
        DraftOkr(
            "Customers never have to wonder whether we are up",
            (
                DraftKeyResult("Uptime stays at or above 99.9%", "maintain", None, 99.9, "%"),
                _m("Severity-1 incidents from 4 a month to 0", 4, 0),
                _m("Time to restore service from 90 minutes to 20", 90, 20, "minutes"),
            ),
        ),
        "Keeping a number steady belongs in a maintain key result, under a goal worth having.",
        ("objective-has-number", "objective-business-as-usual", "key-result-activity"),
    ),
    ExamplePair(
        "sales",
        "Sales pipeline",
        DraftOkr(
            "Increase sales",
            (_weak("Make 500 cold calls"), _weak("Send 2,000 emails")),
        ),
        DraftOkr(
            "Mid-size clinics see us as the obvious choice",
            (
                _m("Qualified pipeline from 1.1M to 1.8M", 1.1, 1.8, "M EUR"),
                _m("Win rate on qualified deals from 18% to 27%", 18, 27, "%"),
                _m("Sales cycle for mid-size clinics from 62 to 40 days", 62, 40, "days"),
            ),
        ),
        "Activity counts reward being busy; pipeline and win rate reward selling well.",
        ("objective-length", "key-result-activity"),
    ),
    ExamplePair(
        "hiring",
        "Growing the team",
        DraftOkr(
            "Hire 10 engineers",
            (_weak("Post job ads on 5 job boards"), _weak("Interview 40 candidates")),
        ),
        DraftOkr(
            "Strong engineers choose to build their careers here",
            (
                _m("Offer acceptance rate from 55% to 80%", 55, 80, "%"),
                _m("Engineers who would recommend working here from 62% to 80%", 62, 80, "%"),
                _m("Days from first interview to offer from 34 to 18", 34, 18, "days"),
            ),
        ),
        "Headcount is a plan; why people say yes, and stay, is the outcome.",
        ("objective-has-number", "objective-output-verb", "key-result-activity"),
    ),
    ExamplePair(
        "support",
        "Customer support",
        DraftOkr(
            "Better customer support",
            (_weak("Significantly faster replies"), _weak("Close 1,000 tickets")),
        ),
        DraftOkr(
            "Clinics get answers before they get frustrated",
            (
                _m("Tickets with a first reply within 2 hours from 64% to 90%", 64, 90, "%"),
                _m("Satisfaction on closed tickets from 4.2 to 4.7", 4.2, 4.7, "/5"),
                _m("Tickets reopened after closing from 12% to 5%", 12, 5, "%"),
            ),
        ),
        "Faster than what, by when? Name the number, where it starts and where it should be.",
        ("key-result-vague", "key-result-activity", "too-few-key-results"),
    ),
    ExamplePair(
        "brand",
        "Brand and marketing",
        DraftOkr(
            "Create a new brand campaign",
            (_weak("Publish 3 blog posts a week"), _weak("Get lots of social media followers")),
        ),
        DraftOkr(
            "Clinic owners think of us first when they shop for software",
            (
                _m("Unaided brand recall among clinic owners from 8% to 20%", 8, 20, "%"),
                _m("Inbound demo requests from 120 to 250 a month", 120, 250),
                _m("Sign-ups that come from organic search from 22% to 35%", 22, 35, "%"),
            ),
        ),
        "A campaign is how; being remembered and asked for is what it should achieve.",
        ("objective-output-verb", "key-result-activity", "key-result-vague"),
    ),
    ExamplePair(
        "mobile",
        "Product quality",
        DraftOkr(
            "Build a better mobile app",
            (_weak("Release 12 new features"), _weak("Better app store reviews")),
        ),
        DraftOkr(
            "Patients would rather book in our app than call the clinic",
            (
                _m("App store rating from 4.1 to 4.6", 4.1, 4.6),
                _m("Bookings made in the app from 35% to 60%", 35, 60, "%"),
                DraftKeyResult(
                    "Crash-free sessions stay at or above 99.5%", "maintain", None, 99.5, "%"
                ),
            ),
        ),
        "Features shipped is effort; patients choosing the app is the result you want.",
        ("objective-output-verb", "key-result-activity", "key-result-vague"),
    ),
    ExamplePair(
        "delivery",
        "Engineering delivery",
        DraftOkr(
            "Implement CI/CD",
            (_weak("Migrate all services to the new pipeline"), _weak("Write more tests")),
        ),
        DraftOkr(
            "Any engineer can get a change live safely the same day",
            (
                _m("Lead time from merge to production from 3 days to 2 hours", 72, 2, "hours"),
                _m("Deploys that need a rollback from 9% to 3%", 9, 3, "%"),
                _m("Deploy frequency from 2 to 15 a week", 2, 15),
            ),
        ),
        "Tools and tests are inputs; fast, safe change is what the business feels.",
        ("objective-output-verb", "key-result-activity"),
    ),
    ExamplePair(
        "security",
        "Security and compliance",
        DraftOkr(
            "Complete the SOC 2 audit",
            (_weak("Run security training"), _weak("Fix vulnerabilities as soon as possible")),
        ),
        DraftOkr(
            "Hospitals can say yes to us without a security exception",
            (
                DraftKeyResult("SOC 2 Type II report issued with no exceptions", "milestone"),
                _m("Critical vulnerabilities open past 14 days from 11 to 0", 11, 0),
                _m("Security questionnaires answered within 3 days from 40% to 90%", 40, 90, "%"),
            ),
        ),
        "An audit is a step; the door it opens for customers is the objective.",
        (
            "objective-has-number",
            "objective-output-verb",
            "key-result-activity",
            "key-result-vague",
        ),
    ),
    ExamplePair(
        "costs",
        "Costs and efficiency",
        DraftOkr(
            "Reduce costs",
            (_weak("Review all vendor contracts"), _weak("Lower cloud spend significantly")),
        ),
        DraftOkr(
            "Every euro we spend on infrastructure earns its keep",
            (
                _m("Cloud cost per active clinic from 14 to 9 EUR a month", 14, 9, "EUR"),
                DraftKeyResult("Gross margin stays at or above 78%", "maintain", None, 78, "%"),
                _m("Idle compute capacity from 45% to 15%", 45, 15, "%"),
            ),
        ),
        "Cutting is open-ended; a cost per customer and a margin to hold say when to stop.",
        ("objective-length", "key-result-activity", "key-result-vague"),
    ),
    ExamplePair(
        "engagement",
        "People and engagement",
        DraftOkr(
            "Improve team morale",
            (_weak("Organise 4 team events"), _weak("Some improvement in engagement scores")),
        ),
        DraftOkr(
            "People look forward to Monday mornings",
            (
                _m("Engagement score from 6.8 to 7.8", 6.8, 7.8, "/10"),
                _m("Regretted attrition from 14% to 8%", 14, 8, "%"),
                _m("People who see how their work moves our goals from 48% to 80%", 48, 80, "%"),
            ),
        ),
        "Events are a tactic; people staying and caring is what the events are for.",
        ("key-result-activity", "key-result-vague", "too-few-key-results"),
    ),
)


def example(key: str) -> ExamplePair:
    """One example pair by its key."""
    for pair in EXAMPLES:
        if pair.key == key:
            return pair
    raise KeyError(f"no example {key!r}; examples: {', '.join(p.key for p in EXAMPLES)}")


def insert_draft(data: CycleData, draft: DraftOkr, **objective_fields: Any) -> tuple[str, Change]:
    """A new objective with its key results from a draft, as one change (one undo step).

    ``objective_fields`` sets the level, team, owner or theme of the new objective.
    """
    objective_id = new_id("obj")
    objective = {
        "id": objective_id,
        "title": draft.objective,
        "position": next_position(data.objectives.values()),
        **objective_fields,
    }
    ops = [Put("objectives", objective)]
    for position, kr in enumerate(draft.key_results, start=1):
        ops.append(
            Put(
                "key_results",
                {
                    "id": new_id("kr"),
                    "objective_id": objective_id,
                    "title": kr.title,
                    "kind": kr.kind,
                    "baseline": kr.baseline,
                    "target": kr.target,
                    "unit": kr.unit,
                    "direction": kr.direction,
                    "position": float(position),
                },
            )
        )
    return objective_id, Change(f"add example objective {draft.objective!r}", tuple(ops))


def findings_for(draft: DraftOkr) -> list[Finding]:
    """What the coach says about a draft on its own (owners taken as named, so they stay quiet)."""
    return [f for _, findings in findings_by_line(draft) for f in findings]


def findings_by_line(draft: DraftOkr) -> list[tuple[str, list[Finding]]]:
    """Each line of a draft (the objective, then its key results) with the coach's findings."""
    data = CycleData(Cycle(id="cyc-example", name="Example", ends=date(2027, 3, 31)))
    objective_id, change = insert_draft(data, draft, level="company", owner="someone")
    data.apply(change)
    for kr in data.key_results_of(objective_id):
        data.key_results[kr.id] = kr.model_copy(update={"owner": "someone"})
    grouped: dict[str, list[Finding]] = {}
    for finding in coach(data):
        grouped.setdefault(finding.target_id, []).append(finding)
    lines = [(draft.objective, grouped.get(objective_id, []))]
    lines += [(kr.title, grouped.get(kr.id, [])) for kr in data.key_results_of(objective_id)]
    return lines
