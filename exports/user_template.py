"""People's own templates: rendered in Jinja's sandbox, in a separate process, within limits.

The sandbox keeps a template away from Python internals. It does not bound time or memory
(``{% for %}`` inside ``{% for %}`` runs for hours, ``'x' * 50_000_000`` builds 50 MB), so the
template renders in a child process (``exports._sandbox``) that caps its own memory, CPU time and
output, and that this side kills at the deadline. Every failure is a ``TemplateError`` whose
message is one line naming the file, the line when known, and the problem.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xml")


@dataclass(frozen=True)
class TemplateLimits:
    """What a person's template may use; generous for any real summary, small for a runaway."""

    seconds: float = 10.0
    max_output_bytes: int = 10 * 2**20
    memory_bytes: int = 512 * 2**20
    max_template_bytes: int = 1 * 2**20


DEFAULT_LIMITS = TemplateLimits()


class TemplateError(Exception):
    """A template that cannot be read or rendered; the message is one line for a person."""


def read_template(path: Path, limits: TemplateLimits = DEFAULT_LIMITS) -> str:
    """The text of a template file, or a ``TemplateError`` saying why it cannot be used."""
    shown = str(path)
    try:
        if path.is_dir():
            raise TemplateError(f"{shown}: is a folder, not a template file")
        size = path.stat().st_size
        if size > limits.max_template_bytes:
            raise TemplateError(
                f"{shown}: is {size:,} bytes; a template may be at most "
                f"{limits.max_template_bytes:,} bytes"
            )
        payload = path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"{shown}: no such file") from None
    except OSError as error:
        raise TemplateError(f"{shown}: cannot be read: {error.strerror or error}") from None
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TemplateError(
            f"{shown}: is not UTF-8 text (byte {error.start + 1} cannot be decoded)"
        ) from None


def wants_html(path: Path | str) -> bool:
    """True for templates of web pages (``summary.html.j2``): their output is autoescaped."""
    name = str(path).lower()
    for extra in (".j2", ".jinja", ".jinja2"):
        name = name.removesuffix(extra)
    return name.endswith(HTML_SUFFIXES)


def render_user_template(
    source: str,
    context: dict[str, Any],
    *,
    name: str = "template",
    html: bool = False,
    limits: TemplateLimits = DEFAULT_LIMITS,
) -> str:
    """Render a person's template against an export context, in the sandbox process.

    ``html`` turns autoescaping on (web pages); otherwise the Markdown filters ``inline`` and
    ``cell`` are there to escape people's text.
    """
    request = pickle.dumps(
        {
            "name": name,
            "source": source,
            "context": context,
            "html": html,
            "seconds": limits.seconds,
            "max_output_bytes": limits.max_output_bytes,
            "memory_bytes": limits.memory_bytes,
        }
    )
    try:
        child = subprocess.Popen(
            _child_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as error:
        raise TemplateError(f"{name}: cannot start the template sandbox: {error}") from None
    try:
        out, err = child.communicate(request, timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise TemplateError(
            f"{name}: still rendering after {limits.seconds:g} s, so it was stopped "
            "(is there a loop that never ends?)"
        ) from None
    try:
        answer = json.loads(out) if child.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise TemplateError(f"{name}: the template sandbox stopped: {_reason(child, err)}")
    if "error" in answer:
        line = answer.get("line")
        where = f"{name}, line {line}" if isinstance(line, int) else name
        raise TemplateError(_one_line(f"{where}: {answer['error']}"))
    return str(answer["output"])


def _child_command() -> list[str]:
    """Python in isolated mode (no current folder on the path), finding this package first."""
    root = str(Path(__file__).resolve().parents[1])
    code = (
        f"import sys; sys.path.insert(0, {root!r}); "
        "from exports._sandbox import main; raise SystemExit(main())"
    )
    return [sys.executable, "-I", "-c", code]


def _reason(child: subprocess.Popen[bytes], err: bytes) -> str:
    code = child.returncode
    if code is not None and code < 0:
        import signal

        try:
            signame = signal.Signals(-code).name
        except ValueError:
            signame = f"signal {-code}"
        if signame == "SIGXCPU":
            return "it used up its CPU time"
        return f"it was ended by {signame} (out of memory?)"
    last = err.decode("utf-8", "replace").strip().splitlines()
    return last[-1] if last else f"exit code {code}"


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text.encode("utf-8", "replace").decode("utf-8")


__all__ = [
    "DEFAULT_LIMITS",
    "TemplateError",
    "TemplateLimits",
    "read_template",
    "render_user_template",
    "wants_html",
]
