"""The JSON bundle export (DESIGN §7): lossless, so export -> import -> export is identical."""

from __future__ import annotations

import json
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
    return schema


def schema_text() -> str:
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False) + "\n"
