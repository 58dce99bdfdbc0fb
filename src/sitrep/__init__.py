"""sitrep: a sourced, dated, geocoded situation picture from war and conflict reports."""

__version__ = "0.1.0"
