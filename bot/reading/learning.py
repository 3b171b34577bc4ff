"""Learning from the moderators: two models the reader asks when its rules
are unsure, one of the category and one of urgency. A new desk reads with the
models shipped in the package (learnt from the seed corpus, ``seed.py``);
once moderators have corrected a category or decided 🔴/⚪ on a ticket, each
model is learnt again from the seed plus those examples, in a worker thread,
one training at a time, and kept with the database so a restart does not
forget it. The model in use stays until its successor is ready."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bot.reading.reader import Reader
from bot.tasks import cancel_and_wait, settled

if TYPE_CHECKING:
    from bot.reading.classifier import Model

log = logging.getLogger(__name__)

RETRAIN_EVERY = 10  # new examples before a model is trained again
MODEL_NAME = "category"
URGENCY_MODEL = "urgent"
MODELS = (MODEL_NAME, URGENCY_MODEL)


class ExampleStore(Protocol):
    """Where the labelled examples and the trained models are kept."""

    async def examples(self, kind: str) -> Sequence[tuple[str, str]]:
        """(text, label) pairs of this kind, oldest first."""
        ...

    async def load_model(self, name: str) -> bytes | None: ...

    async def save_model(self, name: str, data: bytes, examples: int = 0) -> None: ...


class Learning:
    """Keeps the reader's models up to date with the examples in ``store``."""

    def __init__(self, reader: Reader, store: ExampleStore, every: int = RETRAIN_EVERY) -> None:
        self.reader = reader
        self.store = store
        self.every = every
        self._new = dict.fromkeys(MODELS, 0)
        self._tasks: dict[str, asyncio.Task[None]] = {}

    async def start(self) -> None:
        """Load the models: the stored one if it knows every example there is,
        the shipped one while no moderator has taught anything; otherwise the
        best at hand meanwhile, and a new one learnt in the background."""
        for name in MODELS:
            await self._load(name)

    async def _load(self, name: str) -> None:
        from bot.reading import seed

        taught = len(await self.store.examples(name))
        stored = await self._stored(name)
        current = stored is not None and stored.seed == seed.digest()
        if current and stored.examples == len(seed.seed(name)) + taught:
            self._use(name, stored)
            return
        shipped = await asyncio.to_thread(seed.shipped, name)
        fallback = stored if current else shipped
        if fallback is not None:
            self._use(name, fallback)
        if taught or shipped is None:
            self.retrain(name)

    async def _stored(self, name: str) -> Model | None:
        from bot.reading.classifier import Model

        data = await self.store.load_model(name)
        if data is None:
            return None
        try:
            return await asyncio.to_thread(Model.from_bytes, data)
        except ValueError as exc:
            log.warning("stored %s model not loaded (%s): learning it again", name, exc)
            return None

    def example_added(self, name: str = MODEL_NAME) -> None:
        """One more labelled example: train again after every ``every``."""
        self._new[name] += 1
        if self._new[name] >= self.every:
            self.retrain(name)

    def retrain(self, name: str = MODEL_NAME) -> asyncio.Task[None] | None:
        """Train in the background unless a training is already under way."""
        task = self._tasks.get(name)
        if task is not None and not task.done():
            return None
        self._new[name] = 0
        self._tasks[name] = asyncio.create_task(self._train(name))
        return self._tasks[name]

    async def training_done(self) -> None:
        """Wait for the trainings under way (tests, shutdown)."""
        await settled(self._tasks.values())

    async def _train(self, name: str) -> None:
        from bot.reading.seed import learn

        try:
            taught = list(await self.store.examples(name))
            model = await asyncio.to_thread(learn, name, taught)
            if model is None:
                return
            data = await asyncio.to_thread(model.to_bytes)
            await self.store.save_model(name, data, model.examples)
            self._use(name, model)
            log.info(
                "%s model learnt from %d examples (%d taught)", name, model.examples, len(taught)
            )
        except Exception:  # a failed training leaves the rules alone in charge
            log.exception("%s model not learnt", name)

    def _use(self, name: str, model: Model) -> None:
        if name == URGENCY_MODEL:
            self.reader.urgency_model = model
        else:
            self.reader.model = model

    async def stop(self) -> None:
        for task in list(self._tasks.values()):  # a training may start while one stops
            await cancel_and_wait(task)
