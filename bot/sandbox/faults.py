"""Injected failures: scripted errors, random 429s and 5xx, slow answers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.sandbox.params import Params
from bot.sandbox.protocol import (
    CONFLICT,
    TelegramError,
    too_many_requests,
)


@dataclass
class _FailRule:
    method: str
    error: TelegramError
    remaining: int
    chat_id: int | None


_STANDARD_ERRORS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: CONFLICT,
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Faults:
    """Injected failures: scripted (``fail``), random (``fault_rate``), slow answers (``delay``).

    Method "*" matches every method except getUpdates, so that the polling loop is not hit by
    faults meant for the bot's own requests; name getUpdates explicitly to fail it.
    """

    def __init__(self) -> None:
        self.rules: list[_FailRule] = []
        self.delays: dict[str, float] = {}
        self._rate_methods: frozenset[str] = frozenset()
        self._rate_429 = 0.0
        self._rate_5xx = 0.0
        self._retry_after = 1
        self._page_share = 0.0
        self._delivered_share = 0.0
        self._random = random.Random(0)  # noqa: S311 reproducible faults, not secrets

    @staticmethod
    def _matches(pattern: str, method: str) -> bool:
        return pattern == method or (pattern == "*" and method != "getUpdates")

    def add_rule(self, rule: _FailRule) -> None:
        self.rules.append(rule)

    def set_rates(
        self,
        methods: frozenset[str],
        rate_429: float,
        rate_5xx: float,
        retry_after: int,
        seed: int,
        *,
        page_share: float = 0.0,
        delivered_share: float = 0.0,
    ) -> None:
        if rate_429 < 0 or rate_5xx < 0 or rate_429 + rate_5xx > 1:
            raise ValueError("rates must be non-negative and sum to at most 1")
        self._rate_methods = methods
        self._rate_429, self._rate_5xx = rate_429, rate_5xx
        self._retry_after = retry_after
        self._page_share, self._delivered_share = page_share, delivered_share
        self._random = random.Random(seed)  # noqa: S311 reproducible faults, not secrets

    def injected(self, method: str, params: Params) -> TelegramError | None:
        """The fault this call runs into, if any (consuming one use of a scripted rule)."""
        for rule in self.rules:
            if not self._matches(rule.method, method):
                continue
            if rule.chat_id is not None and params.recorded().get("chat_id") != rule.chat_id:
                continue
            rule.remaining -= 1
            if rule.remaining <= 0:
                self.rules.remove(rule)
            return rule.error
        if any(self._matches(pattern, method) for pattern in self._rate_methods):
            draw = self._random.random()
            if draw < self._rate_429:
                return too_many_requests(self._retry_after)
            if draw < self._rate_429 + self._rate_5xx:
                code = self._random.choice((500, 502))
                return TelegramError(code, _STANDARD_ERRORS[code]).served_as(
                    page=self._draw(self._page_share),
                    after_effect=self._draw(self._delivered_share),
                )
        return None

    def _draw(self, share: float) -> bool:
        # No draw at all when a share is off, so that earlier seeds keep their sequence.
        return share > 0 and self._random.random() < share

    def delay_for(self, method: str) -> float:
        return max((s for p, s in self.delays.items() if self._matches(p, method)), default=0.0)
