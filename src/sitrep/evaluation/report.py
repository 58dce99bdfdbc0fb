"""Plain-text rendering of `sitrep eval` results: one block per set, one metric a line."""
from __future__ import annotations

from typing import Any

HIDDEN = {"confusion"}


def _lines(value: Any, indent: str) -> list[str]:
    out = []
    for key, item in value.items():
        if key in HIDDEN:
            continue
        if isinstance(item, dict):
            flat = all(not isinstance(v, dict) for v in item.values())
            if flat and len(item) <= 6:
                out.append(f"{indent}{key:<28} " + "  ".join(f"{k}={v}" for k, v in item.items()))
            else:
                out.append(f"{indent}{key}")
                out.extend(_lines(item, indent + "  "))
        else:
            out.append(f"{indent}{key:<28} {item}")
    return out


def render_table(results: dict[str, Any]) -> str:
    blocks = []
    for name, metrics in results.items():
        blocks.append("\n".join([name, *_lines(metrics, "  ")]))
    return "\n\n".join(blocks) + "\n"
