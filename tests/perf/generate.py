"""A large, realistic cycle for measuring: one company, 10 departments, 60 teams.

By default 1,000 objectives (5 company, 50 department, 945 team), 4,000 key results of mixed
kinds and 48,000 weekly check-ins, every department and team objective aligned to a key result
one level up. Deterministic for a seed. Used by the benchmark and by hand::

    python -m tests.perf.generate --db /tmp/large.json   # then: okrworkshop --db ... open Large
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from typing import Any

from okrworkshop.model import CheckIn, Cycle, CycleData, KeyResult, Objective

LARGE_CYCLE_ID = "perf-large"
VERBS = ("Delight", "Win", "Earn", "Make", "Help", "Become", "Give", "Keep")
THINGS = ("clinics", "patients", "partners", "therapists", "front desks", "finance teams")
OUTCOMES = ("trust us", "book without thinking", "recommend us", "grow with us", "save hours")
NAMES = ("Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lia")


def large_cycle(
    *,
    departments: int = 10,
    teams: int = 60,
    objectives: int = 1_000,
    company_objectives: int = 5,
    objectives_per_department: int = 5,
    key_results_per_objective: int = 4,
    check_ins_per_key_result: int = 12,
    starts: date = date(2027, 1, 1),
    seed: int = 4,
) -> CycleData:
    """The large cycle; the sizes are arguments so smaller variants are one call away."""
    rng = random.Random(seed)
    cycle = Cycle(
        id=LARGE_CYCLE_ID,
        name="Large org 2027-Q1",
        starts=starts,
        ends=starts + timedelta(days=89),
    )
    records: dict[str, dict[str, Any]] = {"objectives": {}, "key_results": {}, "check_ins": {}}
    position = 0

    def add(level: str, team: str, parent: str | None) -> str:
        nonlocal position
        position += 1
        oid = f"obj-{position:04d}"
        title = (
            f"{rng.choice(VERBS)} {rng.choice(THINGS)} so they {rng.choice(OUTCOMES)}, "
            f"{codename(position)}"
        )
        records["objectives"][oid] = Objective(
            id=oid,
            title=title,
            level=level,
            team=team,
            # A few unowned and unaligned objectives, so the coach has something to mark.
            owner="" if rng.random() < 0.03 else rng.choice(NAMES),
            parent_id=None if level == "team" and rng.random() < 0.02 else parent,
            position=float(position),
        )
        for k in range(1, key_results_per_objective + 1):
            _add_key_result(records, rng, cycle, oid, k, check_ins_per_key_result)
        return oid

    company = [add("company", "", None) for _ in range(company_objectives)]
    company_krs = [
        f"{oid}-kr{k}" for oid in company for k in range(1, key_results_per_objective + 1)
    ]
    department_krs: dict[str, list[str]] = {}
    for d in range(departments):
        name = f"Department {d + 1:02d}"
        ids = [
            add(
                "department",
                name,
                company_krs[(d * objectives_per_department + i) % len(company_krs)],
            )
            for i in range(objectives_per_department)
        ]
        department_krs[name] = [
            f"{oid}-kr{k}" for oid in ids for k in range(1, key_results_per_objective + 1)
        ]
    remaining = objectives - position
    department_names = list(department_krs)
    for t in range(teams):
        department = department_names[t % len(department_names)]
        krs = department_krs[department]
        count = remaining // teams + (1 if t < remaining % teams else 0)
        for i in range(count):
            add("team", f"Team {t + 1:02d}", krs[(t + i) % len(krs)])
    return CycleData(cycle, records)


def codename(n: int) -> str:
    """A pronounceable name unique to ``n`` (titles with digits would trip the coach)."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    word = ""
    while True:
        n, rest = divmod(n, len(syllables))
        word = syllables[rest] + word
        if n == 0:
            return "project " + word
        n -= 1


def _add_key_result(
    records: dict[str, dict[str, Any]],
    rng: random.Random,
    cycle: Cycle,
    oid: str,
    k: int,
    check_ins: int,
) -> None:
    kid = f"{oid}-kr{k}"
    kind = rng.choices(("metric", "milestone", "maintain"), weights=(8, 1, 1))[0]
    baseline = float(rng.randint(0, 100))
    target = baseline + rng.choice((-1, 1)) * rng.randint(5, 60)
    values = [
        baseline + (target - baseline) * rng.random() * w / check_ins
        for w in range(1, check_ins + 1)
    ]
    if kind == "milestone":
        values = [
            1.0 if w == check_ins and rng.random() < 0.4 else 0.0 for w in range(1, check_ins + 1)
        ]
    records["key_results"][kid] = KeyResult(
        id=kid,
        objective_id=oid,
        title=f"Key result {k} of {oid} from {baseline:g} to {target:g}",
        kind=kind,
        baseline=baseline if kind == "metric" else None,
        target=target if kind != "milestone" else None,
        current=values[-1] if values else None,
        done=kind == "milestone" and bool(values) and values[-1] >= 1,
        owner=rng.choice(NAMES),
        weight=rng.choice((1.0, 1.0, 2.0)),
        confidence=rng.randint(3, 8),
        position=float(k),
    )
    assert cycle.starts is not None
    for w, value in enumerate(values, start=1):
        cid = f"{kid}-w{w:02d}"
        records["check_ins"][cid] = CheckIn(
            id=cid,
            key_result_id=kid,
            at=cycle.starts + timedelta(days=7 * w),
            value=round(value, 2),
            confidence=rng.randint(2, 9),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the large cycle into a workspace.")
    parser.add_argument("--db", required=True, help="the workspace file to add it to")
    parser.add_argument("--objectives", type=int, default=1_000)
    args = parser.parse_args()
    from okrworkshop.store import Workspace

    data = large_cycle(objectives=args.objectives)
    Workspace.open(args.db).add_cycle(data, replace=True)
    print(
        f"{data.cycle.id}: {len(data.objectives)} objectives, {len(data.key_results)} key "
        f"results, {len(data.check_ins)} check-ins"
    )


if __name__ == "__main__":
    main()
