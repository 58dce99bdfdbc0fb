"""Named stages a Document flows through, in the manner of spaCy pipeline components.

Each stage is a function `stage(doc, ctx) -> None` registered under a name with the Document fields it reads and the
fields it adds. A Pipeline is an ordered list of stage names; it checks that every field a stage reads is added by an
earlier stage, so a configuration can swap a stage for another that declares the same contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .errors import ConfigError
from .model import Document

StageFn = Callable[[Document, "Context"], None]

INPUT_FIELDS = frozenset({"text", "external_id", "title", "published", "url", "source", "origin"})
DEFAULT_STAGES = ("parse", "mentions", "dates", "events", "actors", "geocode", "merge")
# The defence NER ('entities', sitrep.ner) is opt-in: one NER cost about 40 % of spaCy's own parsing time
# (benchmarks/throughput.py ratio 0.84 -> 0.42 with it), and the shipped model is a vote of three (the context option
# entities_vote=False tags with one). Pass these stages to Pipeline or Extractor to have it.
STAGES_WITH_ENTITIES = ("parse", "entities", *DEFAULT_STAGES[1:])


@dataclass(frozen=True)
class StageSpec:
    name: str
    fn: StageFn
    reads: frozenset[str]
    adds: frozenset[str]


_REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, reads: Iterable[str] = (), adds: Iterable[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register a stage under `name`. Re-registering a name replaces it (that is how a stage is swapped)."""

    def register(fn: StageFn) -> StageFn:
        _REGISTRY[name] = StageSpec(name, fn, frozenset(reads), frozenset(adds))
        return fn

    return register


def registered_stages() -> dict[str, StageSpec]:
    _import_builtin_stages()
    return dict(_REGISTRY)


def _import_builtin_stages() -> None:
    from .stages import actors, dates, entities, events, geocode, merge, mentions, parse  # noqa: F401


@dataclass
class Context:
    """Services shared by the stages of one pipeline (loaded once)."""

    nlp_name: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict)

    def service(self, key: str, factory: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = factory()
        return self._cache[key]

    @property
    def nlp(self) -> Any:
        from .services import load_nlp

        return self.service("nlp", lambda: load_nlp(self.nlp_name))

    @property
    def gazetteer(self) -> Any:
        from .gazetteer import Gazetteer

        return self.service("gazetteer", Gazetteer.default)

    @property
    def actors(self) -> Any:
        from .lexicons import ActorDictionary

        return self.service("actors", ActorDictionary.default)

    @property
    def equipment(self) -> Any:
        from .lexicons import EquipmentLexicon

        return self.service("equipment", EquipmentLexicon.default)

    @property
    def defence_ner(self) -> Any:
        from .ner import DefenceNER

        return self.service("defence_ner", DefenceNER.default)


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, *, context: Context | None = None) -> None:
        registry = registered_stages()
        self.names = tuple(stages)
        unknown = [name for name in self.names if name not in registry]
        if unknown:
            raise ConfigError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(sorted(registry))}")
        self.stages = [registry[name] for name in self.names]
        self.context = context or Context()
        self._check_contracts()

    def _check_contracts(self) -> None:
        available = set(INPUT_FIELDS)
        for spec in self.stages:
            missing = spec.reads - available
            if missing:
                raise ConfigError(f"stage '{spec.name}' reads {', '.join(sorted(missing))}, "
                                  "which no earlier stage adds")
            available |= spec.adds

    def __call__(self, doc: Document) -> Document:
        for spec in self.stages:
            spec.fn(doc, self.context)
        return doc

    def pipe(self, docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[Document]:
        """Process documents in batches; spaCy parsing is batched through `nlp.pipe` when 'parse' comes first."""
        if not self.stages or self.stages[0].name != "parse":
            for doc in docs:
                yield self(doc)
            return
        from .stages.parse import parse_batch

        rest = self.stages[1:]
        for batch in _batched(docs, batch_size):
            parse_batch(batch, self.context)
            for doc in batch:
                for spec in rest:
                    spec.fn(doc, self.context)
                yield doc


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
