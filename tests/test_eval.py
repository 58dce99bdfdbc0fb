"""`sitrep eval`: the scorers' arithmetic on hand-made inputs, and regression floors on a fast subset of the
third-party gold sets (../shared/eval-data; skipped when it is not there)."""
from __future__ import annotations

import json
import math

import pytest

from sitrep.cli import main
from sitrep.evaluation.common import (PRF, accuracy_at, capped, error_auc, exact_prf, join_tokens, macro_f1, median,
                                      overlap_prf, tokens_covered)
from sitrep.evaluation.re3d import bio_spans
from sitrep.evaluation.wikievents import rebuild

from .conftest import ROOT, SHARED

EVAL_DATA = SHARED / "eval-data"
FLOORS = ROOT / "benchmarks" / "eval_floors.json"


# ---- scorer arithmetic -----------------------------------------------------------------------------------------

def test_exact_span_prf():
    gold = [(0, 2, "Location"), (5, 6, "Organisation"), (8, 9, "Location")]
    pred = [(0, 2, "Location"), (5, 6, "Location"), (10, 11, "Location"), (0, 2, "Location")]
    score = exact_prf(pred, gold)
    assert (score.tp_pred, score.n_pred, score.tp_gold, score.n_gold) == (1, 3, 1, 3)
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 3)
    assert score.f1 == pytest.approx(1 / 3)


def test_f1_is_harmonic_mean_and_zero_without_hits():
    assert PRF(1, 2, 1, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert PRF(0, 5, 0, 5).f1 == 0.0
    assert PRF().precision == 0.0 and PRF().recall == 0.0


def test_overlap_prf_counts_each_side_separately():
    score = overlap_prf([(0, 10), (20, 25)], [(2, 4), (6, 8), (30, 31)])
    assert (score.tp_pred, score.n_pred, score.tp_gold, score.n_gold) == (1, 2, 2, 3)


def test_macro_f1_counts_missing_types_as_zero():
    scores = {"A": PRF(1, 1, 1, 1), "B": PRF(0, 1, 0, 1)}
    assert macro_f1(scores, ["A", "B"]) == 50.0
    assert macro_f1(scores, ["A", "B", "C", "D"]) == 25.0


def test_accuracy_at_161_is_inclusive():
    assert accuracy_at([0.0, 160.9, 161.0, 161.1]) == 0.75
    assert accuracy_at([]) == 0.0


def test_median_odd_and_even():
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_error_auc_gritta_definition():
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([20039.0]) == pytest.approx(1.0)
    assert error_auc([20039.0, 0.0]) == pytest.approx(0.5)  # sorted: 0 then max; trapezoid of (0, 1)
    errors = [10.0, 100.0, 1000.0]
    logs = [math.log(11), math.log(101), math.log(1001)]
    expected = ((logs[0] + logs[1]) / 2 + (logs[1] + logs[2]) / 2) / (2 * math.log(20040))
    assert error_auc(errors) == pytest.approx(expected)


def test_bio_spans_handles_orphan_inside_tags():
    labels = ["B-Location", "I-Location", "O", "I-Person", "I-Person", "B-Temporal", "B-Temporal", "I-Location"]
    assert bio_spans(labels) == [(0, 2, "Location"), (3, 5, "Person"), (5, 6, "Temporal"), (6, 7, "Temporal"),
                                 (7, 8, "Location")]


def test_token_offsets_and_projection():
    text, offsets = join_tokens(["Rebels", "took", "Idlib", "."])
    assert text == "Rebels took Idlib ."
    assert [text[a:b] for a, b in offsets] == ["Rebels", "took", "Idlib", "."]
    assert tokens_covered((12, 17), offsets) == (2, 3)
    assert tokens_covered((0, 9), offsets) == (0, 2)


def test_capped_spreads_over_the_set():
    assert capped(list(range(10)), 3) == [0, 4, 8]
    assert capped(list(range(3)), 5) == [0, 1, 2]


def test_wikievents_rebuild_keeps_original_spacing():
    record = {"sentences": [[[["Bomb", 0, 4], ["kills", 5, 10], ["3", 11, 12], [".", 12, 13]], "Bomb kills 3."],
                            [[["Police", 13, 19], ["said", 20, 24]], "Police said"]]}
    text, offsets = rebuild(record)
    assert text == "Bomb kills 3.\nPolice said"
    assert [text[a:b] for a, b in offsets] == ["Bomb", "kills", "3", ".", "Police", "said"]


# ---- the event-place chooser -----------------------------------------------------------------------------------

def test_event_place_skips_the_destination():
    from sitrep.eventplace import choose_event_place
    from sitrep.pipeline import Pipeline
    from sitrep.model import Document

    text = "Government troops captured Palmyra on Sunday after the militants fled to Raqqa."
    doc = Pipeline(("parse", "mentions", "dates"))(Document(text=text))
    places = [m for m in doc.mentions if m.type == "place"]
    assert {m.text for m in places} >= {"Palmyra", "Raqqa"}
    verb = (text.index("captured"), text.index("captured") + len("captured"))
    for method in ("baseline", "syntax", "ranker"):
        assert choose_event_place(doc, verb, places, method=method).text == "Palmyra"


def test_event_place_ranker_is_shipped_and_the_default_with_the_rule_as_fallback(monkeypatch):
    import sitrep.eventplace as eventplace
    from sitrep.model import Document
    from sitrep.pipeline import Pipeline

    ranker = eventplace.load_ranker()
    assert ranker is not None and eventplace.RANKER_FILE.stat().st_size < 100_000
    assert {"rule", "destination", "attach_prep=in"} <= set(ranker.weights)
    text = "Rebels fled towards Raqqa after the army shelled their positions near Tabqa on Monday."
    doc = Pipeline(("parse", "mentions", "dates"))(Document(text=text))
    places = [m for m in doc.mentions if m.type == "place"]
    verb = (text.index("shelled"), text.index("shelled") + len("shelled"))
    assert eventplace.choose_event_place(doc, verb, places).text == "Tabqa"
    assert eventplace.choose_event_place(doc, verb, []) is None
    features = eventplace.candidate_features(doc, verb, places)
    assert len(features) == len(places) and all(f["bias"] == 1.0 for f in features)
    monkeypatch.setattr(eventplace, "load_ranker", lambda: None)  # no weights file: the rule chooser decides
    rule = eventplace.choose_event_place(doc, verb, places, method="syntax")
    assert eventplace.choose_event_place(doc, verb, places) is rule


def _training_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_eventplace", ROOT / "scripts" / "train_eventplace.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_event_place_training_learns_a_separable_choice_and_splits_by_sentence():
    train = _training_script()
    # two places per sentence and a "no place" option; the right place carries feature "good"
    items = [{"features": [{"good": 1.0, "far": float(k % 2)}, {"far": 1.0 - k % 2}, {"none:bias": 1.0}],
              "right": [True, False, False], "located": True} for k in range(40)]
    items += [{"features": [{"far": 1.0}, {"none:bias": 1.0}], "right": [False, True], "located": False}] * 10
    vocabulary = train.vocabulary_of(items)
    matrix = train.Matrix(items, vocabulary)
    weights = train.fit(matrix, 1e-3, steps=300)
    assert weights[vocabulary["good"]] > 0
    assert train._rates(train._counts(matrix, weights, None))["accuracy"] == 100.0
    texts = [f"Sentence number {k} about a place." for k in range(2000)]
    share = sum(train.in_validation(t) for t in texts) / len(texts)
    assert 0.15 < share < 0.25 and train.in_validation(texts[7]) == train.in_validation(" " + texts[7] + " ")
    assert {train.fold_of(t) for t in texts if not train.in_validation(t)} == set(range(train.FOLDS))


# ---- the command and the regression floors -----------------------------------------------------------------------

def test_missing_data_dir_is_a_clear_error(tmp_path, capsys):
    assert main(["eval", "--data", str(tmp_path / "nowhere"), "--set", "re3d"]) == 2
    assert "evaluation data not found" in capsys.readouterr().err


def _metric(results: dict, path: str) -> float:
    value = results
    for key in path.split("."):
        value = value[key]
    return value


@pytest.fixture(scope="module")
def subset_results() -> dict:
    if not EVAL_DATA.is_dir():
        pytest.skip("../shared/eval-data (the third-party gold sets) is not laid out beside this checkout")
    from sitrep.api import evaluate

    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    return evaluate(["all"], data_dir=EVAL_DATA, limit=floors["limit"])


def test_eval_subset_stays_above_floors(subset_results):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    drops = [f"{path}: {_metric(subset_results, path)} < floor {floor}"
             for path, floor in floors["floors"].items() if _metric(subset_results, path) < floor]
    assert not drops, "\n".join(drops)


def test_eval_subset_reports_every_set(subset_results):
    assert set(subset_results) == {"re3d", "gwn", "lgl", "wikievents", "plover", "event-location", "speed"}
    assert subset_results["speed"]["words_per_second"] > 0


def test_names_match_whole_words_only():
    from sitrep.evaluation.common import names_match

    assert names_match("Taliban", "the Taliban fighters")
    assert names_match("Military Forces of Syria", "Syria")
    assert not names_match("US", "a bus station")
    assert not names_match(None, "Syria") and not names_match("Syria", "  ")


def test_event_place_prefers_the_specific_place_over_modifiers_and_containers():
    from sitrep.eventplace import choose_event_place
    from sitrep.model import Document, Mention
    from sitrep.pipeline import Pipeline

    text = "Three US sailors were killed in the Radhwaniyah area in southwestern Baghdad on Friday."
    doc = Pipeline(("parse", "mentions", "dates"))(Document(text=text))
    places = [m for m in doc.mentions if m.type == "place" and m.text in {"US", "Baghdad"}]
    start = text.index("Radhwaniyah")
    places.append(Mention("Radhwaniyah", start, start + len("Radhwaniyah"), "place", 0,
                          attrs={"candidates": [], "unlisted_site": True}))
    verb = (text.index("killed"), text.index("killed") + len("killed"))
    assert choose_event_place(doc, verb, places).text == "Radhwaniyah"
