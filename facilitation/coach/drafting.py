"""Drafting rules: objectives that inspire, key results that measure (DESIGN §5).

The word lists are deliberately narrow: a rule that cries wolf on good OKRs teaches the room to
ignore the coach. Each list was tried on realistic OKRs both ways (tests/facilitation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from facilitation.coach.engine import (
    CoachSettings,
    Finding,
    key_result_rule,
    objective_rule,
    rule,
)
from okrworkshop.model import CycleData, KeyResult, Objective

# Verbs that name a piece of work to hand over rather than a change in the world.
OUTPUT_VERBS = (
    "launch",
    "build",
    "ship",
    "implement",
    "create",
    "deliver",
    "release",
    "complete",
    "develop",
    "deploy",
    "migrate",
    "hire",
    "finish",
    "roll out",
    "set up",
    "introduce",
    "install",
    "integrate",
    "publish",
    "design",
    "redesign",
    "rebuild",
    "rewrite",
    "refactor",
    "upgrade",
    "add",
    "replace",
    "automate",
    "finalise",
    "finalize",
    "produce",
    "write",
    "kick off",
)
# Openings that describe keeping things as they are: worth doing, but not what OKRs are for.
BUSINESS_AS_USUAL_VERBS = (
    "maintain",
    "continue",
    "keep",
    "sustain",
    "preserve",
    "carry on",
    "remain",
    "stay",
    "uphold",
)
# Verbs that start a to-do item: they count effort spent, not what it changed. ("Add 50
# clinics" is growth, so "add" is left out for key results.)
TASK_VERBS = (
    *(verb for verb in OUTPUT_VERBS if verb != "add"),
    "hold",
    "run",
    "attend",
    "conduct",
    "organise",
    "organize",
    "host",
    "send",
    "post",
    "schedule",
    "prepare",
    "draft",
    "document",
    "call",
    "email",
    "meet",
    "visit",
    "interview",
    "train",
    "present",
    "contact",
    "reach out",
    "research",
    "analyse",
    "analyze",
    "investigate",
    "explore",
    "work on",
    "start",
    "begin",
    "try",
    "participate",
    "do",
    "fix",
    "review",
    "audit",
)
# Things people do or produce; counting them measures effort ("12 workshops").
ACTIVITY_NOUNS = (
    "meetings",
    "calls",
    "workshops",
    "emails",
    "features",
    "tickets",
    "articles",
    "blog posts",
    "posts",
    "demos",
    "interviews",
    "webinars",
    "trainings",
    "training sessions",
    "sessions",
    "presentations",
    "reports",
    "campaigns",
    "tasks",
    "story points",
    "stories",
    "commits",
    "pull requests",
    "releases",
    "events",
    "visits",
    "newsletters",
    "videos",
    "experiments",
    "tests",
    "documents",
    "pages",
    "slides",
)
# Openings that say which way a number should move: a count after them is an outcome.
CHANGE_VERBS = (
    "reduce",
    "cut",
    "lower",
    "decrease",
    "halve",
    "shrink",
    "increase",
    "grow",
    "raise",
    "double",
    "lift",
    "improve",
)
# Words that sound like a measure and are not one. "more than 3", "3 or more" and "at most"
# are precise, so they are taken out before matching.
VAGUE_TERMS = (
    "better",
    "more",
    "less",
    "fewer",
    "most",
    "some",
    "various",
    "significantly",
    "significant",
    "substantially",
    "considerably",
    "dramatically",
    "greatly",
    "as much as possible",
    "as many as possible",
    "as soon as possible",
    "asap",
    "a lot",
    "lots of",
    "many",
    "several",
    "numerous",
    "somewhat",
    "world-class",
    "world class",
    "best-in-class",
    "best in class",
    "seamless",
    "seamlessly",
    "robust",
    "high-quality",
    "high quality",
    "user-friendly",
    "optimal",
    "effectively",
    "efficiently",
    "appropriate",
    "adequate",
    "sufficient",
    "reasonable",
    "regularly",
    "frequently",
    "where possible",
    "if possible",
    "try to",
    "aim to",
    "strive to",
    "hopefully",
    "etc",
)
# Improvement verbs are vague only when nothing says by how much.
VAGUE_VERBS = (
    "improve",
    "enhance",
    "optimise",
    "optimize",
    "streamline",
    "boost",
    "strengthen",
    "refine",
    "increase",
    "grow",
    "reduce",
    "raise",
    "lower",
    "expand",
    "maximise",
    "maximize",
    "minimise",
    "minimize",
)

# "Build time", "Email open rate", "Release day": the verb is really a noun when a word like
# these follows it.
NOUN_USE_WORDS = (
    "rate",
    "rates",
    "time",
    "times",
    "frequency",
    "volume",
    "volumes",
    "count",
    "coverage",
    "score",
    "scores",
    "success",
    "conversion",
    "cost",
    "costs",
    "share",
    "speed",
    "quality",
    "throughput",
    "latency",
    "backlog",
    "satisfaction",
    "retention",
    "completion",
    "open",
    "reply",
    "response",
    "partner",
    "partners",
    "failures",
    "errors",
    "day",
    "days",
    "process",
    "cycle",
    "cycles",
    "pipeline",
    "train",
    "trains",
    "that",
    "which",
    "is",
    "are",
)

_PRECISE = re.compile(
    r"\b(?:more|less|fewer|better|worse)\s+than\b|\bor\s+(?:more|less|fewer|better)\b"
    r"|\bat\s+(?:most|least)\b|\bno\s+more\b",
    re.IGNORECASE,
)
# A number is a digit not glued to a letter before it (B2B, Q1, H2 and SOC2 are names).
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])[-+#$€£]?\d")
_NOT_A_MEASURE = re.compile(r"\b(?:19|20)\d\d\b|\b24/7\b")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_FROM_TO = re.compile(r"\bfrom\s+\S*\d.*?\bto\s+\S*\d", re.IGNORECASE)
_REDUCTION = re.compile(
    r"\b(?:fewer than|less than|under|below|at most|no more than|at or below)\s+\S*\d",
    re.IGNORECASE,
)


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(reversed(alternatives))})(?![\w-])", re.I)


# Word lists as sets: the coach re-reads every title of a large cycle after each edit, and a
# set lookup per word is much cheaper than one long regular expression per title.
_OUTPUT_START = frozenset(OUTPUT_VERBS)
_BAU_START = frozenset(BUSINESS_AS_USUAL_VERBS)
_TASK_START = frozenset(TASK_VERBS)
_CHANGE_START = frozenset(CHANGE_VERBS)
_VAGUE_VERB_START = frozenset(VAGUE_VERBS)
_VAGUE_WORDS = frozenset(term for term in VAGUE_TERMS if " " not in term)
_VAGUE_PHRASES = _pattern(term for term in VAGUE_TERMS if " " in term)
_ACTIVITY = _pattern(ACTIVITY_NOUNS)
_ACTIVITY_LAST_WORDS = frozenset(noun.split()[-1] for noun in ACTIVITY_NOUNS)
_COUNTED_ACTIVITY = re.compile(
    rf"(?<![\w.,])\d[\d,.]*\s*[kK]?\+?\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_ACTIVITY.pattern})",
    re.IGNORECASE,
)
_UNITS = frozenset(ACTIVITY_NOUNS)
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_LEAD = re.compile(rf"({_TOKEN.pattern})(?:\s+({_TOKEN.pattern}))?")
_MEASURE_NOUN = re.compile(rf"\s+(?:{'|'.join(NOUN_USE_WORDS)})\b", re.IGNORECASE)
_LEAD_PUNCTUATION = " \"'“‘(-–—•*"


def _opening_span(title: str, words: frozenset[str]) -> tuple[str, int] | None:
    """The listed word or two-word phrase a title starts with, and where it ends."""
    text = title.lstrip(_LEAD_PUNCTUATION)
    match = _LEAD.match(text)
    if match is None:
        return None
    first = match.group(1).casefold()
    if match.group(2) and f"{first} {match.group(2).casefold()}" in words:
        return f"{match.group(1)} {match.group(2)}", match.end(2)
    if first in words:
        return match.group(1), match.end(1)
    return None


@lru_cache(maxsize=32_768)
def opening(title: str, words: frozenset[str]) -> str | None:
    """The listed word or phrase the title starts with, if any ("Roll out", "Launch")."""
    span = _opening_span(title, words)
    return span[0] if span else None


@lru_cache(maxsize=32_768)
def opening_verb(title: str, words: frozenset[str]) -> str | None:
    """Like ``opening``, but not when the word is used as a noun ("Build time from 12 to 4")."""
    span = _opening_span(title, words)
    if span is None:
        return None
    verb, end = span
    rest = title.lstrip(_LEAD_PUNCTUATION)[end:]
    if _MEASURE_NOUN.match(rest) or _FROM_TO.search(title) or _REDUCTION.search(title):
        return None
    return verb


@lru_cache(maxsize=32_768)
def has_number(title: str) -> bool:
    """Whether a title holds a quantity (years, 24/7, and names like B2B or Q1 do not count)."""
    return bool(_NUMBER.search(_NOT_A_MEASURE.sub(" ", title)))


@lru_cache(maxsize=32_768)
def word_count(title: str) -> int:
    """Words in a title; dashes and symbols on their own are not words."""
    return len(_WORD.findall(title))


@lru_cache(maxsize=32_768)
def vague_term(title: str) -> str | None:
    """The first vague word in a title, ignoring precise comparisons like "more than 3"."""
    text = _PRECISE.sub(" ", title)
    for token in _TOKEN.findall(text.casefold()):
        if token in _VAGUE_WORDS:
            return str(token)
    match = _VAGUE_PHRASES.search(text)
    return " ".join(match.group().split()).casefold() if match else None


@lru_cache(maxsize=32_768)
def counted_activity(title: str) -> str | None:
    """ "20 help-centre articles": a count of things done, unless the title says it goes down."""
    if not any(c.isdigit() for c in title) or not any(
        token in _ACTIVITY_LAST_WORDS for token in _TOKEN.findall(title.casefold())
    ):
        return None
    if _FROM_TO.search(title) or _REDUCTION.search(title) or opening(title, _CHANGE_START):
        return None
    match = _COUNTED_ACTIVITY.search(title)
    return " ".join(match.group().split()) if match else None


def _quoted(words: str) -> str:
    return words[:1].upper() + words[1:]


# ------------------------------------------------------------------ objectives


@objective_rule("objective-has-number", "warning", "numbers belong in key results")
def objective_has_number(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    if has_number(objective.title):
        yield Finding(
            "objective-has-number",
            "warning",
            objective.id,
            "The objective holds a number; say where you want to be and let the key results "
            "carry the measure.",
            'Instead of "Grow revenue 20%", try "Become the obvious choice for mid-size '
            'clinics" with "Revenue from 1.2M to 1.44M" as a key result.',
        )


@objective_rule("objective-output-verb", "warning", "outcome, not output")
def objective_output_verb(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    verb = opening_verb(objective.title, _OUTPUT_START)
    if verb:
        yield Finding(
            "objective-output-verb",
            "warning",
            objective.id,
            f'"{_quoted(verb)} …" names a piece of work to hand over; say what will be '
            "different for someone once it is done.",
            'Instead of "Launch the mobile app", try "Patients manage their appointments '
            'from their phone".',
        )


@objective_rule("objective-business-as-usual", "info", "OKRs are for change")
def objective_business_as_usual(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    verb = opening(objective.title, _BAU_START)
    if verb:
        yield Finding(
            "objective-business-as-usual",
            "info",
            objective.id,
            f'"{_quoted(verb)} …" describes keeping things as they are; track it as a health '
            "metric and save objectives for what should change.",
            'Instead of "Maintain 99.9% uptime", keep uptime as a maintain key result under '
            'an objective like "Clinics never think about whether we are up".',
        )


@objective_rule("objective-length", "warning", "clear and memorable")
def objective_length(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    words = word_count(objective.title)
    if words < s.objective_min_words:
        yield Finding(
            "objective-length",
            "warning",
            objective.id,
            f"{words} word{'s' if words != 1 else ''} is too short to say where you want to be "
            f"and for whom (aim for {s.objective_min_words} to {s.objective_max_words}).",
            'Instead of "Retention", try "Clinics stay because they love working with us".',
        )
    elif words > s.objective_max_words:
        yield Finding(
            "objective-length",
            "warning",
            objective.id,
            f"{words} words is more than anyone will remember; cut to "
            f"{s.objective_max_words} or fewer and move the detail into the description.",
            "Keep the one sentence someone would repeat in the corridor.",
        )


@objective_rule("objective-no-owner", "warning", "accountability")
def objective_no_owner(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    if not objective.owner:
        yield Finding(
            "objective-no-owner",
            "warning",
            objective.id,
            "Nobody owns this objective; name one person who keeps it moving.",
        )


@objective_rule("too-few-key-results", "error|warning", "3–5 key results per objective")
def too_few_key_results(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    count = len(key_results)
    if count == 0:
        yield Finding(
            "too-few-key-results",
            "error",
            objective.id,
            "No key results yet: how will you know you got there?",
            "Ask the room: what number would move if this came true?",
        )
    elif count < s.min_key_results:
        yield Finding(
            "too-few-key-results",
            "warning",
            objective.id,
            f"Only {count} key result{'s' if count > 1 else ''}; "
            f"{s.min_key_results} to {s.max_key_results} give a fuller picture.",
            "Pair a number that should go up with one that must not get worse.",
        )


@objective_rule("too-many-key-results", "warning", "focus")
def too_many_key_results(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    count = len(key_results)
    if count > s.max_key_results:
        yield Finding(
            "too-many-key-results",
            "warning",
            objective.id,
            f"{count} key results spread the effort thin; keep the {s.max_key_results} that "
            "best show the objective came true.",
            "Move the rest to a health dashboard or a team's own OKRs.",
        )


@objective_rule("draft-confidence-too-high", "info", "sandbagging")
def draft_confidence_too_high(
    objective: Objective, key_results: Sequence[KeyResult], data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    # Committed objectives are meant to be near-certain; only stretch goals can be sandbagged.
    if objective.commitment != "aspirational":
        return
    ratings = [kr.confidence for kr in key_results if kr.confidence is not None]
    if len(ratings) < 2:
        return
    average = sum(ratings) / len(ratings)
    if average > s.max_draft_confidence:
        yield Finding(
            "draft-confidence-too-high",
            "info",
            objective.id,
            f"Planning confidence averages {average:.1f} out of 10: targets this safe are "
            "probably sandbagged; stretch them until the room says about 5.",
            "Ask: what would we aim for if we knew we could not fail?",
        )


@rule("too-many-objectives", "warning", "focus")
def too_many_objectives(data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    groups: dict[tuple[str, str], list[Objective]] = {}
    for objective in data.objectives_in_order():
        team = "" if objective.level == "company" else objective.team.casefold()
        groups.setdefault((objective.level, team), []).append(objective)
    for (level, _), objectives in groups.items():
        if len(objectives) <= s.max_objectives:
            continue
        who = "the company" if level == "company" else objectives[0].team
        for extra in objectives[s.max_objectives :]:
            yield Finding(
                "too-many-objectives",
                "warning",
                extra.id,
                f"{who} has {len(objectives)} {level} objectives; more than "
                f"{s.max_objectives} splits the focus. This one is past the limit.",
                "Rank them and keep the top ones; the rest can wait a cycle.",
            )


@rule("theme-without-objective", "info", "strategy link")
def theme_without_objective(data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    served = {o.theme_id for o in data.objectives.values()}
    for theme in data.ordered("themes"):
        if theme.id not in served:
            yield Finding(
                "theme-without-objective",
                "info",
                theme.id,
                "No objective serves this theme: a gap in the strategy, or a theme to retire.",
                "Link an objective to it (its Theme field), or say out loud why it waits.",
            )


# ------------------------------------------------------------------ key results


@key_result_rule("key-result-not-measurable", "error", "quantifiable")
def key_result_not_measurable(
    kr: KeyResult, data: CycleData, s: CoachSettings
) -> Iterator[Finding]:
    if kr.kind in ("metric", "maintain") and kr.target is None:
        what = "target" if kr.kind == "metric" else "threshold"
        yield Finding(
            "key-result-not-measurable",
            "error",
            kr.id,
            f"This {kr.kind} key result has no numeric {what}, so nobody can tell whether it "
            "was met.",
            'Instead of "Improve onboarding", try "Activation within 7 days from 38% to 55%".',
        )


@key_result_rule("key-result-no-baseline", "warning", '"from X to Y"')
def key_result_no_baseline(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    if kr.kind == "metric" and kr.target is not None and kr.baseline is None:
        yield Finding(
            "key-result-no-baseline",
            "warning",
            kr.id,
            "There is a target but no baseline: without where you start, progress cannot be "
            "measured.",
            'Say "from 38% to 55%"; if nobody knows today\'s number, measuring it is the first '
            "job.",
        )


@key_result_rule("key-result-no-deadline", "error", "time-bound")
def key_result_no_deadline(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    if kr.due is None and data.cycle.ends is None:
        yield Finding(
            "key-result-no-deadline",
            "error",
            kr.id,
            "No due date, and the cycle has no end date to fall back on.",
            "Give the cycle an end date, or this key result its own due date.",
        )


@key_result_rule("key-result-activity", "warning", "measure impact, not effort")
def key_result_activity(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    verb = opening_verb(kr.title, _TASK_START)
    counted = None if verb else counted_activity(kr.title)
    unit = None
    if not verb and not counted and kr.kind == "metric" and kr.unit.strip().casefold() in _UNITS:
        growing = kr.target is not None and (kr.baseline is None or kr.target >= kr.baseline)
        unit = kr.unit.strip() if growing else None
    if verb:
        reason = f'"{_quoted(verb)} …" is a task; a key result says what the task changes.'
    elif counted:
        reason = f'"{counted}" counts effort, not the impact it should have.'
    elif unit:
        reason = f"Counting {unit} measures effort, not the impact they should have."
    else:
        return
    yield Finding(
        "key-result-activity",
        "warning",
        kr.id,
        reason,
        'Instead of "Write 20 help-centre articles", try "Setup questions to support from '
        '120 to 40 a month".',
    )


@key_result_rule("key-result-vague", "warning", "specific")
def key_result_vague(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    term = vague_term(kr.title)
    if term is None and not has_number(kr.title) and kr.target is None:
        verb = opening(kr.title, _VAGUE_VERB_START)
        term = verb.casefold() if verb else None
    if term:
        yield Finding(
            "key-result-vague",
            "warning",
            kr.id,
            f'"{term}" leaves room to argue about whether it happened; name the number and '
            "where it should end up.",
            'Instead of "Significantly better support", try "First reply within 2 hours for '
            '90% of tickets".',
        )


@key_result_rule("key-result-no-owner", "warning", "accountability")
def key_result_no_owner(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    if not kr.owner:
        yield Finding(
            "key-result-no-owner",
            "warning",
            kr.id,
            "Nobody owns this key result; name the person who reports on it at check-ins.",
        )


@key_result_rule("key-result-target-equals-baseline", "error", "nothing to achieve")
def target_equals_baseline(kr: KeyResult, data: CycleData, s: CoachSettings) -> Iterator[Finding]:
    if (
        kr.kind == "metric"
        and kr.target is not None
        and kr.baseline is not None
        and kr.target == kr.baseline
    ):
        yield Finding(
            "key-result-target-equals-baseline",
            "error",
            kr.id,
            "The target equals the baseline: there is nothing to achieve.",
            "If the point is to hold the line, make it a maintain key result.",
        )
