"""The ``okrworkshop`` entry point: each command, with errors as one line and exit code 2."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports.formats import SESSION_FORMATS
from okrworkshop.cli.parser import UsageError, parse

if TYPE_CHECKING:
    from facilitation.coach import CoachSettings
    from okrworkshop.model import CycleData
    from okrworkshop.store import Workspace


class CommandError(Exception):
    """A refused command: the message is printed as one line, exit code 2."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    from okrworkshop.store import CycleNotFoundError, WorkspaceError

    try:
        args = parse(argv)
        return _dispatch(args)
    except UsageError as error:
        return _fail(str(error))
    except CommandError as error:
        return _fail(str(error), error.details)
    except (WorkspaceError, CycleNotFoundError) as error:
        message = error.args[0] if isinstance(error, CycleNotFoundError) else str(error)
        return _fail(message)
    except SystemExit as done:
        # --help and --version end argparse with SystemExit; main() returns codes instead.
        return done.code if isinstance(done.code, int) else 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _fail(message: str, details: list[str] | None = None) -> int:
    print(f"okrworkshop: error: {visible(message)}", file=sys.stderr)
    for line in details or []:
        print(f"  {visible(line)}", file=sys.stderr)
    return 2


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Show control characters as escapes: a file name must not drive the terminal."""
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "schema":
        from exports.bundle_json import schema_text

        sys.stdout.write(schema_text())
        return 0
    if command is None:
        return _run_app(_workspace(args), None)
    if command == "agenda":
        return cmd_agenda(args)
    handler = {
        "demo": cmd_demo,
        "new": cmd_new,
        "list": cmd_list,
        "open": cmd_open,
        "export": cmd_export,
        "import": cmd_import,
        "lint": cmd_lint,
    }[command]
    return handler(args)


def _workspace(args: argparse.Namespace) -> Workspace:
    from okrworkshop.store import Workspace, resolve_workspace_path

    return Workspace.open(resolve_workspace_path(getattr(args, "db", None)))


def _run_app(workspace: Workspace, cycle_id: str | None) -> int:
    from okrworkshop.tui.app import run_app

    return run_app(workspace, cycle_id=cycle_id)


# ---------------------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    """Add the demo cycle unless it is there already, then open it."""
    from okrworkshop.demo import DEMO_CYCLE_ID, build_demo

    workspace = _workspace(args)
    if DEMO_CYCLE_ID not in {c.id for c in workspace.cycles()}:
        workspace.add_cycle(build_demo(date.today()))
    if args.no_open:
        print(DEMO_CYCLE_ID)
        return 0
    return _run_app(workspace, DEMO_CYCLE_ID)


def cmd_new(args: argparse.Namespace) -> int:
    """Create a cycle and print its id."""
    from pydantic import ValidationError

    from facilitation.calendar import default_span
    from okrworkshop.model import Cycle, CycleData, new_id
    from okrworkshop.model.errors import one_line

    starts, ends = default_span(args.starts, args.ends, date.today())
    try:
        cycle = Cycle(id=new_id("cyc"), name=args.name, starts=starts, ends=ends)
    except ValidationError as error:
        raise CommandError(f"cannot create the cycle: {one_line(error)}") from None
    _workspace(args).add_cycle(CycleData(cycle))
    print(cycle.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Cycles with their sessions, as a table or JSON."""
    summaries = _workspace(args).summaries()
    if args.format == "json":
        rows: list[dict[str, Any]] = [
            {
                "id": s.cycle.id,
                "name": s.cycle.name,
                "starts": s.cycle.starts.isoformat() if s.cycle.starts else None,
                "ends": s.cycle.ends.isoformat() if s.cycle.ends else None,
                "objectives": s.objectives,
                "key_results": s.key_results,
                "sessions": [
                    {
                        "id": session.id,
                        "kind": session.kind,
                        "title": session.title,
                        "held_on": session.held_on.isoformat() if session.held_on else None,
                        "closed": session.closed,
                    }
                    for session in s.sessions
                ],
            }
            for s in summaries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not summaries:
        print('No cycles yet. Create one with: okrworkshop new "Acme 2027-Q1"')
        return 0
    for s in summaries:
        span = f"{_d(s.cycle.starts)} → {_d(s.cycle.ends)}"
        print(
            f"{s.cycle.id}  {s.cycle.name}  ({span}, {s.objectives} objectives, "
            f"{s.key_results} key results)"
        )
        for session in s.sessions:
            state = "" if session.closed else " — in progress"
            print(
                f"    {session.id}  {session.kind:<9} {session.title}  {_d(session.held_on)}{state}"
            )
    return 0


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app on one cycle."""
    workspace = _workspace(args)
    cycle = workspace.resolve_cycle(args.cycle)
    return _run_app(workspace, cycle.id)


def cmd_export(args: argparse.Namespace) -> int:
    """Write an export of a cycle to a file or stdout."""
    # What this version cannot do is said first, so no other hint sends the user towards it.
    if args.team is not None and args.format != "json":
        raise CommandError("--team works with --format json (a team's part to merge with --into)")
    if args.template is not None and args.format in ("json", "csv"):
        raise CommandError(
            f"--template renders your own template as Markdown or HTML text; it cannot be "
            f"combined with --format {args.format}"
        )
    workspace = _workspace(args)
    cycle = workspace.resolve_cycle(args.cycle)
    data = workspace.load(cycle.id)
    if args.session is not None and args.session not in data.sessions:
        known = ", ".join(f"{s.id} ({s.title})" for s in data.ordered("sessions")) or "none"
        raise CommandError(
            f"cycle {cycle.name!r} has no session {args.session!r}; sessions: {known}"
        )
    if args.session is not None and args.template is None and args.format not in SESSION_FORMATS:
        raise CommandError("--session works with --format markdown or html")
    if args.team is not None:
        data = _team_part(data, args.team)
    text = render_export(data, args)
    _write_output(text, args.output)
    return 0


def _team_part(data: CycleData, name: str) -> CycleData:
    """One team's part of the cycle, or a refusal that lists the teams there are."""
    from exports.team_part import TeamNotFoundError, resolve_team, team_part

    try:
        team = resolve_team(data, name)
    except TeamNotFoundError as error:
        raise CommandError(str(error)) from None
    part = team_part(data, team)
    if not part.objectives:
        raise CommandError(f"team {team!r} has no objectives in {data.cycle.name!r} to export")
    return part


def render_export(data: CycleData, args: argparse.Namespace) -> str:
    """The text of the export the arguments ask for."""
    from exports.formats import export_text, export_with_template
    from exports.user_template import TemplateError

    if args.template is not None:
        try:
            return export_with_template(
                data,
                Path(args.template).expanduser(),
                session_id=args.session,
                today=date.today(),
                html=True if args.format == "html" else None,
                name=args.template,
            )
        except TemplateError as error:
            raise CommandError(str(error)) from None
    return export_text(data, args.format, session_id=args.session, today=date.today())


def _write_output(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from okrworkshop.store.storage import atomic_write_bytes

    path = Path(output).expanduser()
    try:
        folder = path.is_dir()
        parent_missing = not path.parent.exists()
    except OSError as error:  # a name the system cannot look up (too long, say)
        raise CommandError(f"-o {output}: cannot write: {error.strerror or error}") from None
    if folder:
        raise CommandError(f"-o {output}: is a folder; give a file name")
    if parent_missing:
        raise CommandError(f"-o {output}: the folder {path.parent} does not exist")
    try:
        if path.exists() and not path.is_file():
            # A device or a pipe (/dev/stdout, a fifo): write into it, never replace it.
            with path.open("wb") as stream:
                stream.write(text.encode("utf-8"))
            return
        atomic_write_bytes(path, text.encode("utf-8"), shared=True)
    except OSError as error:
        raise CommandError(f"-o {output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {path}", file=sys.stderr)


MAX_LISTED = 30  # collisions listed one per line; a re-merged team part can have thousands
_OUTSIDE_PARENT = ".parent_id: no objective or key result with id"


def _read_bundle(
    path_text: str, into: CycleData | None = None, *, allow_loops: bool = False
) -> Any:
    """A validated bundle; with ``into``, parents and themes may be the cycle's own."""
    from exports.bundle_json import BundleError, parse_bundle

    path = Path(path_text).expanduser()
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path_text}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path_text}: is a folder, not a bundle file") from None
    except OSError as error:
        raise CommandError(f"{path_text}: cannot be read: {error.strerror or error}") from None
    outside_parents: dict[str, str] = {}
    if into is not None:
        outside_parents = {o.id: o.title for o in into.objectives.values()}
        outside_parents.update({kr.id: kr.title for kr in into.key_results.values()})
    try:
        return parse_bundle(
            payload,
            path_text,
            outside_parents=outside_parents,
            outside_themes=set(into.themes) if into is not None else (),
            allow_loops=allow_loops,
        )
    except BundleError as error:
        problems = error.problems
        if into is None and any(_OUTSIDE_PARENT in p for p in problems):
            problems = [*problems, "(a team's part? merge it into its cycle with --into CYCLE)"]
        raise CommandError(str(error), problems) from None


def cmd_import(args: argparse.Namespace) -> int:
    """Import a bundle as a new cycle (or replace one), or merge it into a cycle."""
    from okrworkshop.model import cycle_from_bundle

    if args.into is not None:
        if args.replace:
            raise CommandError("--into and --replace cannot be used together")
        return _merge_into(args)
    data = cycle_from_bundle(_read_bundle(args.file))
    try:
        _workspace(args).add_cycle(data, replace=args.replace)
    except ValueError as error:
        raise CommandError(f"{args.file}: {error}; nothing was imported") from None
    print(data.cycle.id)
    return 0


def _merge_into(args: argparse.Namespace) -> int:
    """Merge a team's part into an existing cycle: all of it, or nothing with the reasons."""
    from exports.team_part import plan_merge
    from okrworkshop.model import cycle_from_bundle

    workspace = _workspace(args)
    target = workspace.load(workspace.resolve_cycle(args.into).id)
    plan = plan_merge(target, cycle_from_bundle(_read_bundle(args.file, into=target)))
    refused = f"{args.file} cannot be merged into {target.cycle.name!r}"
    if plan.collisions:
        n = len(plan.collisions)
        shown = plan.collisions[:MAX_LISTED]
        if n > MAX_LISTED:
            shown.append(f"… and {n - MAX_LISTED} more")
        raise CommandError(
            f"{refused}: {n} id{'s' if n != 1 else ''} already in the cycle; nothing was imported",
            shown,
        )
    if plan.loop:
        raise CommandError(f"{refused}: {plan.loop}; nothing was imported")
    workspace.merge_into(target.cycle.id, plan.incoming)
    print(target.cycle.id)
    print(f"merged {plan.counts()} into {target.cycle.name!r}", file=sys.stderr)
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    """Check one custom agenda, or list those in the agendas folder; needs no workspace."""
    from facilitation.agenda_files import AgendaError, find_agendas, load_agenda
    from okrworkshop.store.paths import agendas_folder

    if args.file:
        try:
            agenda = load_agenda(Path(args.file).expanduser())
        except AgendaError as error:
            raise CommandError(f"{error.source}: not a usable agenda", error.problems) from None
        kind = f"{agenda.kind} sessions" if agenda.kind else "any kind of session"
        print(f"{agenda.name}: {len(agenda.stages)} stages, {agenda.minutes} min, for {kind}")
        for stage in agenda.stages:
            print(f"  {stage.minutes:>4} min  {stage.title}  ({stage.activity}, key {stage.key})")
        return 0
    folder = agendas_folder()
    files = find_agendas(folder)
    if not files:
        print(f"No agendas in {folder} (add .toml files there; see the README).")
        return 0
    print(f"Agendas in {folder}:")
    for path in files:
        try:
            agenda = load_agenda(path)
        except AgendaError as error:
            print(f"  {path.name}: has problems: {'; '.join(error.problems)}")
            continue
        print(f"  {path.name}: {agenda.name} ({len(agenda.stages)} stages, {agenda.minutes} min)")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    """Coach a cycle or a bundle; exit 1 when an error-severity finding remains."""
    from dataclasses import replace

    from facilitation.coach import RULES, CoachSettings, coach_report
    from okrworkshop.model import cycle_from_bundle

    if args.rules:
        return _print_rules(args.format)
    if args.target is None:
        raise CommandError("lint needs a CYCLE or a bundle FILE (or --rules to list the rules)")
    select = _slugs(args.select)
    ignore = _slugs(args.ignore)
    settings = _coach_settings(args.settings)
    unknown = sorted(settings.ignore - set(RULES))
    if unknown:
        raise CommandError(
            f"--settings {args.settings}: unknown rule{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)} in ignore; known rules: {', '.join(sorted(RULES))}"
        )
    unknown = sorted((select | ignore) - set(RULES))
    if unknown:
        raise CommandError(
            f"unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"known rules: {', '.join(sorted(RULES))}"
        )
    target = Path(args.target).expanduser()
    try:
        is_file = target.is_file()
    except OSError:  # a name no file can have (too long, say): it is a cycle's, or nothing
        is_file = False
    if is_file or args.target.endswith(".json"):
        # A loop of parent links is a finding (alignment-cycle), not a reason to stop.
        data = cycle_from_bundle(_read_bundle(args.target, allow_loops=True))
    else:
        workspace = _workspace(args)
        data = workspace.load(workspace.resolve_cycle(args.target).id)
    coach_settings = replace(settings.coach or CoachSettings(), today=args.today or date.today())
    report = coach_report(data, coach_settings, select=select, ignore=ignore | settings.ignore)
    findings = report.open
    if args.format == "json":
        print(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        titles = {o.id: o.title for o in data.objectives.values()}
        titles.update({kr.id: kr.title for kr in data.key_results.values()})
        titles.update({t.id: t.title for t in data.themes.values()})
        titles[data.cycle.id] = data.cycle.name
        for f in findings:
            about = titles.get(f.target_id, f.target_id)
            print(f"{f.severity:<7} {f.rule:<34} {f.target_id}  {about}: {f.message}")
        errors, warnings, infos = (
            sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")
        )
        dismissed = f" ({len(report.dismissed)} dismissed)" if report.dismissed else ""
        print(
            f"{_count(len(findings), 'finding')} in {data.cycle.name}: "
            f"{_count(errors, 'error')}, {_count(warnings, 'warning')}, {infos} info{dismissed}",
            file=sys.stderr,
        )
    return 1 if any(f.severity == "error" for f in findings) else 0


def _print_rules(output_format: str) -> int:
    from facilitation.coach import RULES

    rules = sorted(RULES.values(), key=lambda info: info.slug)
    if output_format == "json":
        rows = [{"rule": r.slug, "severity": r.severity, "idea": r.summary} for r in rules]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for info in rules:
        print(f"{info.slug:<34} {info.severity:<13} {info.summary}")
    return 0


@dataclass(frozen=True)
class _LintSettings:
    """What a settings file says: thresholds and the rules to skip."""

    coach: CoachSettings | None = None
    ignore: frozenset[str] = frozenset()


def _coach_settings(path_text: str | None) -> _LintSettings:
    """Coach settings from ``--settings FILE`` (a TOML file with a ``[coach]`` table)."""
    import tomllib

    from facilitation.coach import CoachSettings, SettingsError

    if path_text is None:
        return _LintSettings()
    try:
        document = tomllib.loads(Path(path_text).expanduser().read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"--settings {path_text}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"--settings {path_text}: is a folder, not a settings file") from None
    except OSError as error:
        raise CommandError(f"--settings {path_text}: cannot be read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"--settings {path_text}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CommandError(f"--settings {path_text}: is not valid TOML ({error})") from None
    table = document.get("coach")
    if not isinstance(table, dict):
        raise CommandError(
            f"--settings {path_text}: has no [coach] table (e.g. [coach] max_key_results = 4)"
        )
    values = dict(table)
    ignore = values.pop("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(slug, str) for slug in ignore):
        raise CommandError(f"--settings {path_text}: ignore must be a list of rule slugs")
    try:
        coach = CoachSettings.from_mapping(values, f"--settings {path_text}")
    except SettingsError as error:
        raise CommandError(str(error)) from None
    return _LintSettings(coach, frozenset(ignore))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _slugs(values: list[str]) -> set[str]:
    return {part.strip() for value in values for part in value.split(",") if part.strip()}
