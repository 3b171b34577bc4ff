"""What the desk does with a moderator's correction of a reading: the
category model learns from categories, the street list from addresses."""

from __future__ import annotations

from bot.reading.learning import Learning
from bot.reading.normalize import clean, fold
from bot.reading.reader import Reader
from bot.reading.streets import Street

ADDRESS_LIMIT = 200  # characters kept of an address a moderator writes


class Corrections:
    def __init__(self, reader: Reader, learning: Learning) -> None:
        self.reader = reader
        self.learning = learning

    def learnt(self, kind: str = "category") -> None:
        """One more example from a moderator: a category corrected, or a
        ticket marked urgent or not ("urgent")."""
        self.learning.example_added(kind)

    def address(self, written: str) -> tuple[str, str]:
        """The address a moderator wrote, as shown and as compared. A street
        the list does not know joins it, so the next post naming it is read."""
        text = clean(written)[:ADDRESS_LIMIT]
        found = self.reader.addresses.read(text)
        if found is None:
            return text, fold(text)
        if not found.street.known:
            self.learn_street(found.street.name)
        return found.text, found.key

    def learn_street(self, name: str) -> None:
        streets = self.reader.addresses.streets
        if streets.exact(fold(name).split()) is None:
            streets.add(name, Street(name, "street"))

    async def start(self) -> None:
        """Load the model, and the streets moderators taught before a restart."""
        await self.learning.start()
        for _, address in await self.learning.store.examples("address"):
            found = self.reader.addresses.read(address)
            if found is not None and not found.street.known:
                self.learn_street(found.street.name)
