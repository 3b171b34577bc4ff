"""Keeping under Telegram's sending limits instead of hitting them.

Telegram allows a bot about 30 messages a second overall, about one a second
in one chat (short bursts are tolerated) and 20 a minute in one group. The
pacer answers "how long until this chat may be written to again?"; the
delivery worker sends to chats whose turn has come and leaves the others
waiting, so a busy group never holds up the rest.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    global_per_second: float = 30.0
    chat_per_second: float = 1.0
    chat_burst: int = 3
    group_per_window: int = 20
    group_window_seconds: float = 60.0
    # Our clock starts when a request leaves, Telegram's when it arrives: keep clear.
    margin_seconds: float = 0.5


class Pacer:
    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._recent: deque[float] = deque()  # every send in the last second
        self._chat_tokens: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)
        self._group_sends: dict[int, deque[float]] = defaultdict(deque)

    def wait_for(self, chat_id: int) -> float:
        """Seconds until a message may go to ``chat_id`` (0: now)."""
        now = self._clock()
        limits = self.limits
        waits = [0.0]
        recent = self._recent
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= limits.global_per_second:
            waits.append(recent[0] + 1.0 - now)
        tokens = self._tokens(chat_id, now)
        if tokens < 1.0:
            waits.append((1.0 - tokens) / limits.chat_per_second)
        if _is_group(chat_id):
            sends = self._group_sends[chat_id]
            window = limits.group_window_seconds
            while sends and sends[0] <= now - window:
                sends.popleft()
            if len(sends) >= limits.group_per_window:
                waits.append(sends[0] + window + limits.margin_seconds - now)
        return max(waits)

    def scarce(self, chat_id: int) -> bool:
        """Whether half of a group's messages for the current window are spent."""
        if not _is_group(chat_id):
            return False
        sends = self._group_sends[chat_id]
        now, window = self._clock(), self.limits.group_window_seconds
        while sends and sends[0] <= now - window:
            sends.popleft()
        return len(sends) * 2 >= self.limits.group_per_window

    def spread(self, chat_id: int) -> float:
        """Seconds until a message that may wait for others to join it should go:
        once a group's window is half spent, its rest is spread over the window,
        one message every window/limit seconds, so that a burst does not spend
        it all at once and then wait out the window."""
        if not self.scarce(chat_id):
            return 0.0
        sends, limits = self._group_sends[chat_id], self.limits
        step = limits.group_window_seconds / limits.group_per_window
        return max(sends[-1] + step - self._clock(), 0.0)

    def sent(self, chat_id: int) -> None:
        """A message went to ``chat_id`` just now."""
        now = self._clock()
        self._recent.append(now)
        self._chat_tokens[chat_id] = (self._tokens(chat_id, now) - 1.0, now)
        if _is_group(chat_id):
            self._group_sends[chat_id].append(now)

    def _tokens(self, chat_id: int, now: float) -> float:
        burst = float(self.limits.chat_burst)
        tokens, at = self._chat_tokens.get(chat_id, (burst, now))
        return min(burst, tokens + (now - at) * self.limits.chat_per_second)


def backoff(attempts: int, base_seconds: float, max_seconds: float) -> float:
    """How long to wait before retry number ``attempts + 1`` after a 5xx or a network
    error: doubling from ``base_seconds`` up to ``max_seconds``, with jitter so that
    many waiting calls do not all come back at once."""
    ceiling = min(max_seconds, base_seconds * 2**attempts)
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security


def _is_group(chat_id: int) -> bool:
    # Groups, supergroups and channels have negative ids; people positive.
    return chat_id < 0
