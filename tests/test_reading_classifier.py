"""The model learnt from moderators' labels: trained, stored as bytes, loaded back."""

import subprocess
import sys

import pytest

from bot.reading.category import Category
from bot.reading.classifier import Model, enough, fit, train, train_in_thread
from bot.reading.dangers import Urgency
from bot.reading.normalize import fold
from bot.reading.reader import URGENT_CONFIDENCE, Reader
from bot.reading.seed import seed, shipped, training_rows

EXAMPLES = {
    "heating": ["батареи холодные", "жылу жоқ үйде", "отопление не работает", "радиатор ледяной"],
    "water": ["нет воды третий день", "су жоқ", "вода ржавая из крана", "напор воды слабый"],
    "noise": ["соседи шумят ночью", "музыка до утра", "көршілер түнімен шулайды", "караоке орут"],
    "garbage": ["мусор не вывозят", "қоқыс толып кетті", "контейнеры переполнены", "свалка мусора"],
}


def _labelled(copies: int = 3) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for label, samples in EXAMPLES.items():
        for n in range(copies):
            for text in samples:
                texts.append(f"{text} {n}")
                labels.append(label)
    return texts, labels


def test_too_few_examples_leave_it_to_the_rules():
    assert train(["батареи холодные", "нет воды"], ["heating", "water"]) is None
    assert not enough(["heating"] * 100)  # one label is nothing to choose between
    assert enough(["heating"] * 20 + ["water"] * 20)
    with pytest.raises(ValueError):
        train(["a"], [])


def test_a_trained_model_survives_its_round_trip_through_bytes():
    texts, labels = _labelled()
    model = train(texts, labels)
    assert model is not None
    assert model.predict("холодные батареи во всём доме") == Category.heating
    assert model.predict("шумят соседи каждую ночь") == Category.noise
    stored = model.to_bytes()
    assert isinstance(stored, bytes) and stored[:2] == b"PK"  # numpy's zip, no pickle
    loaded = Model.from_bytes(stored)
    for text in ("су жок уйде", "мусор валяется", "батарея суық", "музыка орет"):
        assert loaded.scores(text) == pytest.approx(model.scores(text), abs=1e-5)
        assert loaded.predict(text) == model.predict(text)


def test_stored_bytes_that_are_not_a_model_are_refused():
    with pytest.raises(ValueError):
        Model.from_bytes(b"not a model")


async def test_training_runs_off_the_event_loop():
    texts, labels = _labelled()
    model = await train_in_thread(texts, labels)
    assert model is not None and set(model.labels) == set(EXAMPLES)


def test_the_reader_asks_the_model_only_when_the_rules_are_unsure():
    texts, labels = _labelled()
    reader = Reader(model=train(texts, labels))
    # No rule word at all: the model decides.
    unsure = reader.read("шулайды көршілер")
    assert (unsure.category, unsure.source) == (Category.noise, "model")
    assert Reader().read("шулайды көршілер").source == "none"
    # A rule that is sure wins even where the model would say otherwise.
    sure = reader.read("лифт не работает, лифт стоит")
    assert (sure.category, sure.source) == (Category.elevator, "rules")


def test_the_bot_starts_without_importing_scikit_learn():
    code = "import sys, bot.app, bot.reading.reader; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class MemoryStore:
    def __init__(self, pairs=None):
        self.pairs: dict[str, list[tuple[str, str]]] = dict(pairs or {})
        self.models: dict[str, bytes] = {}

    async def examples(self, kind):
        return list(self.pairs.get(kind, ()))

    async def load_model(self, name):
        return self.models.get(name)

    async def save_model(self, name, data, examples=0):
        self.models[name] = data


async def test_a_new_desk_reads_with_the_shipped_models_until_moderators_teach_it():
    from bot.reading.learning import MODEL_NAME, URGENCY_MODEL, Learning

    store = MemoryStore()
    reader = Reader()
    learning = Learning(reader, store, every=3)
    await learning.start()
    assert reader.model is shipped("category") and reader.urgency_model is shipped("urgent")
    await learning.training_done()
    assert store.models == {}  # nothing taught: nothing to learn or store
    texts, labels = _labelled(copies=1)
    store.pairs[MODEL_NAME] = list(zip(texts, labels, strict=True))
    learning.example_added()
    learning.example_added()
    await learning.training_done()
    assert reader.model is shipped("category")  # not yet: fewer than `every` new examples
    learning.example_added()
    await learning.training_done()
    learnt = reader.model
    assert learnt is not shipped("category") and MODEL_NAME in store.models
    assert learnt.examples == len(seed("category")) + len(texts)
    assert URGENCY_MODEL not in store.models  # no urgency decision was taught
    # A restart loads the stored model instead of training again.
    again = Reader()
    restarted = Learning(again, store)
    await restarted.start()
    await restarted.training_done()
    assert again.model is not None and again.model.examples == learnt.examples
    assert again.model.scores("шулайды көршілер") == pytest.approx(
        learnt.scores("шулайды көршілер")
    )
    # A broken stored model is dropped: the shipped one reads meanwhile.
    store.models[URGENCY_MODEL] = b"broken"
    third = Reader()
    await Learning(third, store).start()
    assert third.urgency_model is shipped("urgent")


def test_the_models_own_arithmetic_is_scikit_learns():
    texts, labels = _labelled()
    folded = [fold(t) for t in texts]
    for targets in (labels, ["heating" if x == "heating" else "other" for x in labels]):
        vectorizer, linear = fit(folded, targets)
        model = Model(
            dict(vectorizer.vocabulary_),
            vectorizer.idf_,
            linear.coef_,
            linear.intercept_,
            linear.classes_,
        )
        for text in ("Батареи холодные третий день", "мусор, мусор и шум", "ничего знакомого"):
            expected = linear.predict_proba(vectorizer.transform([fold(text)]))[0]
            got = model.scores(text)
            assert [got[str(c)] for c in linear.classes_] == pytest.approx(expected, abs=1e-9)


def test_the_shipped_seed_is_the_training_corpus_and_the_models_were_learnt_from_it():
    rows = training_rows()
    assert [(r["text"], r["category"]) for r in rows] == seed("category")
    assert [r["urgent"] for r in rows] == [label == "urgent" for _, label in seed("urgent")]
    for kind in ("category", "urgent"):
        model = shipped(kind)
        assert model is not None, f"rebuild with: python -m bot.reading.seed ({kind})"
        assert model.examples == len(rows)


def test_the_learnt_urgency_flags_only_when_all_but_certain_and_never_unflags():
    urgent = [f"кракозябра шуршит в подвале {n}" for n in range(25)]
    normal = [f"вопрос про график приёма {n}" for n in range(25)]
    model = train(urgent + normal, ["urgent"] * 25 + ["normal"] * 25)
    assert model is not None
    reader = Reader(urgency_model=model)
    found = reader.read("в подвале шуршит кракозябра")
    assert found.urgency == Urgency(True, "learnt", None)
    assert not reader.read("вопрос про график приёма").urgency.urgent
    # Between the two, the model is not sure enough to wake the akim.
    assert model.scores("шуршит график")["urgent"] < URGENT_CONFIDENCE
    assert not reader.read("шуршит график").urgency.urgent
    # The rules' danger stands whatever the model thinks.
    gas = reader.read("вопрос про график: в подъезде пахнет газом")
    assert gas.urgency.urgent and gas.urgency.reason == "gas"
