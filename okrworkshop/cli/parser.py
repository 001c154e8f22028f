"""Argument parsing: one clear line on stderr for every mistake, never a usage dump."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import NoReturn

from exports.formats import FORMATS as EXPORT_FORMATS

COMMANDS_HELP = """\
commands:
  (none)        open the app on the workspace's cycle list
  demo          add (or reuse) the demo cycle and open it
  new NAME      create a cycle and print its id
  list          list cycles with their sessions
  open CYCLE    open the app on a cycle
  export CYCLE  write a Markdown, HTML, JSON or CSV export
  import FILE   import a bundle (the JSON export); --into merges a team's bundle
  lint TARGET   coach a cycle or a bundle file; exit 1 on error findings
  agenda [FILE] check a custom agenda file, or list the agendas folder's ones
  schema        print the bundle's JSON Schema

CYCLE is a cycle id or an unambiguous start of its name.
The workspace is --db PATH, else $OKRWORKSHOP_DB, else the user data folder.
"""


class UsageError(Exception):
    """A mistake in the command line."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line, raised instead of printed."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def iso_date(text: str) -> date:
    """A date argument like 2027-03-31."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-03-31") from None


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the workspace file (default: $OKRWORKSHOP_DB, else the user data folder)",
    )


def build_parser() -> Parser:
    """The whole command line."""
    parser = Parser(
        prog="okrworkshop",
        description="Facilitate live OKR sessions from the terminal: planning, check-ins and "
        "quarterly retros, stored in a local workspace file.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from okrworkshop import __version__

    parser.add_argument("--version", action="version", version=f"okrworkshop {__version__}")
    _db_option(parser, None)
    common = Parser(add_help=False)
    _db_option(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    demo = commands.add_parser(
        "demo", parents=[common], help="add (or reuse) the demo cycle and open it"
    )
    demo.add_argument(
        "--no-open", action="store_true", help="only add the demo cycle and print its id"
    )

    new = commands.add_parser("new", parents=[common], help="create a cycle, print its id")
    new.add_argument("name", help='the cycle\'s name, e.g. "Acme 2027-Q1"')
    new.add_argument(
        "--starts", type=iso_date, metavar="DATE", help="first day (default: this quarter's)"
    )
    new.add_argument(
        "--ends", type=iso_date, metavar="DATE", help="last day (default: the quarter's last)"
    )

    listing = commands.add_parser("list", parents=[common], help="list cycles and sessions")
    listing.add_argument("--format", choices=("text", "json"), default="text")

    open_ = commands.add_parser("open", parents=[common], help="open the app on a cycle")
    open_.add_argument("cycle", metavar="CYCLE", help="cycle id or start of its name")

    export = commands.add_parser("export", parents=[common], help="export a cycle")
    export.add_argument("cycle", metavar="CYCLE", help="cycle id or start of its name")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="markdown",
        help="markdown (default), html, json or csv; with --template, html autoescapes",
    )
    export.add_argument(
        "--session", metavar="ID", help="Markdown, HTML or a template: one session's minutes"
    )
    export.add_argument(
        "--team",
        metavar="NAME",
        help="JSON: one team's part, to merge into its cycle with 'import --into'",
    )
    export.add_argument(
        "--template",
        metavar="FILE",
        help="render your own Jinja2 template in a sandbox (the README lists what it can use)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    imp = commands.add_parser("import", parents=[common], help="import a bundle")
    imp.add_argument("file", metavar="FILE", help="a bundle written by 'export --format json'")
    imp.add_argument("--replace", action="store_true", help="replace a cycle with the same id")
    imp.add_argument(
        "--into", metavar="CYCLE", help="merge a team's bundle into this existing cycle"
    )

    lint = commands.add_parser(
        "lint",
        parents=[common],
        help="coach a cycle or bundle file",
        description="Coach a cycle or a bundle file. Exit code 1 when an error-severity "
        "finding remains (dismissed findings do not count), else 0; 2 for bad usage.",
    )
    lint.add_argument(
        "target", metavar="CYCLE|FILE", nargs="?", help="cycle id, name start, or bundle"
    )
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.add_argument(
        "--settings",
        metavar="FILE",
        help="a TOML file whose [coach] table sets thresholds, e.g. max_key_results = 4",
    )
    lint.add_argument(
        "--rules", action="store_true", help="list every rule's slug, severity and idea, then exit"
    )
    lint.add_argument(
        "--select",
        metavar="SLUGS",
        action="append",
        default=[],
        help="only these rules (comma-separated slugs; repeatable)",
    )
    lint.add_argument(
        "--ignore",
        metavar="SLUGS",
        action="append",
        default=[],
        help="skip these rules (comma-separated slugs; repeatable)",
    )
    lint.add_argument(
        "--today",
        type=iso_date,
        metavar="DATE",
        help="judge stale check-ins and forecasts as of DATE (default: today)",
    )

    agenda = commands.add_parser(
        "agenda",
        help="check a custom agenda (TOML) or list the agendas folder",
        description="Check a custom agenda file and print its stages (exit 2 with every "
        "problem when it has any); without FILE, list the agendas the app offers.",
    )
    agenda.add_argument("file", metavar="FILE", nargs="?", help="an agenda .toml file")

    commands.add_parser("schema", parents=[common], help="print the bundle's JSON Schema")
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(sys.argv[1:] if argv is None else argv)
