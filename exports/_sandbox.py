"""The process that renders a person's own template; started by ``exports.user_template``.

It reads one pickled request on stdin (template source, context, limits) and writes one JSON
answer on stdout: ``{"output": ...}`` or ``{"error": ..., "line": ...}``. Jinja's sandbox stops
templates from reaching Python internals; it is no resource limit, so this process also caps
memory and CPU time, refuses huge repetitions before they are built, and stops writing once the
output passes its limit. The parent kills it at the deadline whatever it is doing.
"""

from __future__ import annotations

import contextlib
import json
import math
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError
from jinja2.environment import Environment
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from exports.filters import FILTERS


class LimitExceeded(Exception):
    """The template asked for more than the limits allow."""


class _OneTemplate(BaseLoader):
    """Knows only the person's template, so include/extends/import name nothing else."""

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        self.source = source

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template != self.name:
            raise TemplateNotFound(template)
        return self.source, self.name, lambda: True


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox, refusing ``*`` and ``**`` whose result would be absurdly large."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, max_chars: int, **options: Any) -> None:
        super().__init__(**options)
        self.max_chars = max_chars

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > self.max_chars
                ):
                    raise LimitExceeded(
                        f"repeating something {times:,} times would make {len(seq) * times:,} "
                        f"items, more than the output limit of {self.max_chars:,}"
                    )
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right > 0
            and right * math.log2(abs(left)) > 64_000
        ):
            raise LimitExceeded(f"{left} ** {right} is too large a number to compute")
        return super().call_binop(context, operator, left, right)


def _limit_resources(memory_bytes: int, seconds: float) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's deadline still applies
        return
    for limit, value in (
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_CPU, math.ceil(seconds) + 1),
    ):
        _soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # A platform that does not enforce a limit refuses it; the deadline still applies.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, hard))


def _template_line(error: BaseException, filename: str) -> int | None:
    """The innermost line of the person's template in the error's traceback."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def render(request: dict[str, Any]) -> dict[str, Any]:
    """Render the request's template; the answer says what went wrong, and where, if it failed."""
    name: str = request["name"]
    max_bytes: int = request["max_output_bytes"]
    env = LimitedSandbox(
        max_bytes,
        loader=_OneTemplate(name, request["source"]),
        autoescape=request["html"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    env.filters.update(FILTERS)
    try:
        template = env.get_template(name)
        parts: list[str] = []
        size = 0
        for chunk in template.generate(request["context"]):
            size += len(chunk.encode("utf-8"))
            if size > max_bytes:
                raise LimitExceeded(f"the output passed the limit of {max_bytes:,} bytes; stopped")
            parts.append(chunk)
        return {"output": "".join(parts)}
    except TemplateSyntaxError as error:
        return {"error": f"syntax error: {error.message}", "line": error.lineno}
    except TemplateNotFound as error:
        return {
            "error": f"cannot include, import or extend {error.name!r}: a template of your own "
            "is one self-contained file",
            "line": _template_line(error, name),
        }
    except UndefinedError as error:
        return {
            "error": f"{error.message} (see the template context in the README)",
            "line": _template_line(error, name),
        }
    except SecurityError as error:
        return {"error": f"not allowed in a template: {error}", "line": _template_line(error, name)}
    except LimitExceeded as error:
        return {"error": str(error), "line": _template_line(error, name)}
    except MemoryError:
        limit = request["memory_bytes"] // 2**20
        return {"error": f"the template needed more than {limit:,} MB of memory; stopped"}
    except RecursionError:
        return {"error": "the template nests or recurses too deeply"}
    except UnicodeEncodeError:
        return {"error": "the output holds characters that are not valid Unicode text"}
    except Exception as error:  # anything a template can raise: say what and where
        return {
            "error": f"{type(error).__name__}: {error}",
            "line": _template_line(error, name),
        }


def main() -> int:
    """Serve one request from stdin."""
    request = pickle.loads(sys.stdin.buffer.read())
    _limit_resources(request["memory_bytes"], request["seconds"])
    answer = render(request)
    # ASCII on the wire: a template can make strings that are not valid UTF-8 (lone surrogates).
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
