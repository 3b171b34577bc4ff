"""Learning from the moderators: their corrections become labelled examples,
and once there are enough, a model that the reader asks when its rules are
unsure. Training runs in a worker thread, one at a time, and the model is kept
with the database so a restart does not forget it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Protocol

from bot.reading.reader import Reader

log = logging.getLogger(__name__)

RETRAIN_EVERY = 10  # new examples before the model is trained again
MODEL_NAME = "category"


class ExampleStore(Protocol):
    """Where the labelled examples and the trained model are kept."""

    async def examples(self, kind: str) -> Sequence[tuple[str, str]]:
        """(text, label) pairs of this kind, oldest first."""
        ...

    async def load_model(self, name: str) -> bytes | None: ...

    async def save_model(self, name: str, data: bytes, examples: int = 0) -> None: ...


class Learning:
    """Keeps the reader's model up to date with the examples in ``store``."""

    def __init__(self, reader: Reader, store: ExampleStore, every: int = RETRAIN_EVERY) -> None:
        self.reader = reader
        self.store = store
        self.every = every
        self._new = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Load the stored model, if there is one; a broken one is dropped and
        learnt again from the examples."""
        data = await self.store.load_model(MODEL_NAME)
        if data is None:
            return
        from bot.reading.classifier import Model

        try:
            self.reader.model = await asyncio.to_thread(Model.from_bytes, data)
        except ValueError as exc:
            log.warning("stored category model not loaded (%s): learning it again", exc)
            self.retrain()

    def example_added(self) -> None:
        """One more labelled example: train again after every ``every``."""
        self._new += 1
        if self._new >= self.every:
            self.retrain()

    def retrain(self) -> asyncio.Task[None] | None:
        """Train in the background unless a training is already under way."""
        if self._task is not None and not self._task.done():
            return None
        self._new = 0
        self._task = asyncio.create_task(self._train())
        return self._task

    async def _train(self) -> None:
        from bot.reading.classifier import train_in_thread

        try:
            pairs = await self.store.examples(MODEL_NAME)
            model = await train_in_thread([t for t, _ in pairs], [label for _, label in pairs])
            if model is None:
                return
            data = await asyncio.to_thread(model.to_bytes)
            await self.store.save_model(MODEL_NAME, data, len(pairs))
            self.reader.model = model
            log.info("category model learnt from %d examples", len(pairs))
        except Exception:  # a failed training leaves the rules alone in charge
            log.exception("category model not learnt")

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
