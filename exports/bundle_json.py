"""The JSON bundle export (DESIGN §7): lossless, so export -> import -> export is identical."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from okrworkshop.model import Bundle, CycleData, bundle_from_cycle


def export_json(data: CycleData) -> str:
    """The cycle as a pretty-printed, re-importable bundle."""
    return bundle_from_cycle(data).model_dump_json(indent=2) + "\n"


def bundle_schema() -> dict[str, Any]:
    """The JSON Schema of the bundle, generated from the models."""
    schema = Bundle.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "okrworkshop bundle"
    # Import refuses a document without "format" (that is how a bundle is told apart from
    # other JSON), so the schema says so too; pydantic only sees a field with a default.
    schema["required"] = ["format", *schema.get("required", [])]
    return schema


def schema_text() -> str:
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False) + "\n"


MAX_BUNDLE_BYTES = 512 * 1024 * 1024


class BundleError(Exception):
    """A bundle file that cannot be imported; ``problems`` lists each with its JSON path."""

    def __init__(self, source: str, summary: str, problems: list[str] | None = None) -> None:
        self.source = source
        self.summary = summary
        self.problems = problems or []
        super().__init__(f"{source}: {summary}")


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_bundle(
    payload: bytes,
    source: str,
    *,
    outside_parents: Mapping[str, str] | None = None,
    outside_themes: Collection[str] = (),
    allow_loops: bool = False,
) -> Bundle:
    """Validate a bundle document completely; raise ``BundleError`` naming every problem.

    ``outside_parents`` (id -> title) and ``outside_themes`` are what a team's bundle may point
    at in the cycle it is merged into; ``allow_loops`` lets parent loops through for ``lint``.
    """
    from pydantic import ValidationError

    from okrworkshop.model import BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, bundle_problems
    from okrworkshop.model.errors import describe_errors

    if len(payload) > MAX_BUNDLE_BYTES:
        raise BundleError(source, f"is larger than {MAX_BUNDLE_BYTES // 2**20} MB; not imported")
    try:
        raw = json.loads(payload.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BundleError(source, "is not UTF-8 text, so it is not a bundle") from None
    except json.JSONDecodeError as error:
        raise BundleError(
            source,
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
        ) from None
    except RecursionError:
        raise BundleError(source, "is nested too deeply to be a bundle") from None
    except ValueError as error:
        raise BundleError(source, f"is not valid JSON ({error})") from None
    if not isinstance(raw, dict):
        raise BundleError(source, "is not a bundle: expected a JSON object at the top")
    if raw.get("format") != BUNDLE_FORMAT:
        hint = (
            " (it looks like a workspace file: pass it with --db instead)"
            if isinstance(raw.get("meta"), dict) and "format" not in raw
            else ""
        )
        raise BundleError(source, f'is not a bundle: "format" should be "{BUNDLE_FORMAT}"{hint}')
    version = raw.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > BUNDLE_SCHEMA_VERSION
    ):
        raise BundleError(
            source,
            f"was written by a newer okrworkshop (bundle schema version {version}; this one "
            f"reads up to {BUNDLE_SCHEMA_VERSION}); upgrade okrworkshop to import it",
        )
    try:
        bundle = Bundle.model_validate(raw)
    except ValidationError as error:
        problems = describe_errors(error)
        raise BundleError(source, _count(problems), problems) from None
    except RecursionError:
        raise BundleError(source, "is nested too deeply to be a bundle") from None
    problems = bundle_problems(
        bundle,
        outside_parents=outside_parents,
        outside_themes=outside_themes,
        loops=not allow_loops,
    )
    if problems:
        raise BundleError(source, _count(problems), problems)
    return bundle


def _count(problems: list[str]) -> str:
    n = len(problems)
    return f"is not a valid bundle ({n} problem{'s' if n != 1 else ''}); nothing was imported"
