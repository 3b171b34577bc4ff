from bot.delivery.pacing import Limits, Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_chat_gets_a_short_burst_then_one_a_second():
    clock = Clock()
    pacer = Pacer(Limits(chat_per_second=1, chat_burst=3, group_per_window=100), clock)
    for _ in range(3):
        assert pacer.wait_for(-100) == 0
        pacer.sent(-100)
    assert 0.99 <= pacer.wait_for(-100) <= 1.0
    assert pacer.wait_for(-200) == 0  # another chat is not held up
    clock.now += 1.0
    assert pacer.wait_for(-100) == 0


def test_twenty_a_minute_in_a_group_but_not_in_a_private_chat():
    clock = Clock()
    pacer = Pacer(Limits(chat_per_second=100, chat_burst=100, group_per_window=20), clock)
    for _ in range(20):
        assert pacer.wait_for(-100) == 0
        pacer.sent(-100)
        pacer.sent(555)
        clock.now += 0.5
    assert 50 <= pacer.wait_for(-100) <= 51  # the first send leaves the window at t=60
    assert pacer.wait_for(555) == 0
    clock.now += 50.6
    assert pacer.wait_for(-100) == 0


def test_thirty_a_second_overall():
    clock = Clock()
    pacer = Pacer(Limits(global_per_second=30), clock)
    for chat in range(30):
        assert pacer.wait_for(chat + 1) == 0
        pacer.sent(chat + 1)
    assert pacer.wait_for(999) > 0.9
    clock.now += 1.0
    assert pacer.wait_for(999) == 0


def test_once_half_a_group_s_minute_is_spent_the_rest_is_spread_over_it():
    clock = Clock()
    pacer = Pacer(Limits(chat_per_second=100, chat_burst=100, group_per_window=20), clock)
    for _ in range(9):
        pacer.sent(-100)
        pacer.sent(555)
        clock.now += 1.0
    assert not pacer.scarce(-100) and pacer.spread(-100) == 0
    pacer.sent(-100)
    assert pacer.scarce(-100)
    assert pacer.spread(-100) == 3.0  # a minute's 20 messages, one every 3 s
    clock.now += 2.0
    assert pacer.spread(-100) == 1.0
    assert not pacer.scarce(555) and pacer.spread(555) == 0  # people have no group limit
    clock.now += 60.0  # the window has passed: the budget is whole again
    assert not pacer.scarce(-100) and pacer.spread(-100) == 0
