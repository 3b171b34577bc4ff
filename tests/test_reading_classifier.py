"""The model learnt from moderators' labels: trained, stored as bytes, loaded back."""

import subprocess
import sys

import pytest

from bot.reading.category import Category
from bot.reading.classifier import Model, enough, train, train_in_thread
from bot.reading.reader import Reader

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
    def __init__(self, pairs):
        self.pairs = list(pairs)
        self.models: dict[str, bytes] = {}

    async def examples(self, kind):
        return list(self.pairs)

    async def load_model(self, name):
        return self.models.get(name)

    async def save_model(self, name, data, examples=0):
        self.models[name] = data


async def test_learning_trains_after_enough_corrections_and_survives_a_restart():
    from bot.reading.learning import MODEL_NAME, Learning

    texts, labels = _labelled()
    store = MemoryStore([])
    reader = Reader()
    learning = Learning(reader, store, every=3)
    await learning.start()
    assert reader.model is None
    store.pairs = list(zip(texts, labels, strict=True))
    learning.example_added()
    learning.example_added()
    assert learning._task is None  # not yet: fewer than `every` new examples
    learning.example_added()
    await learning._task
    assert reader.model is not None and MODEL_NAME in store.models
    # A restart loads the stored model instead of training again.
    again = Reader()
    await Learning(again, store).start()
    assert again.model is not None
    assert again.read("шулайды көршілер").category == Category.noise
    # A broken stored model is dropped and learnt again.
    store.models[MODEL_NAME] = b"broken"
    third = Reader()
    learning = Learning(third, store)
    await learning.start()
    await learning._task
    assert third.model is not None
