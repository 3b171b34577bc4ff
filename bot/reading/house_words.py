"""The words around a house number: what says a number is the house, and what says it is
something else (an apartment, an entrance, a floor, a time, an age); the words of a
microdistrict. Used by ``bot/reading/address.py``."""

from __future__ import annotations

from bot.reading.streets import word_set

# Words after which a number is not the house.
NOT_HOUSE_BEFORE = word_set(
    "кв квартира квартиры квартире пәтер патер подъезд подъезде под этаж этаже этажа қабат "
    "кабат блок блока корпус школа школы школе №  номер маршрут автобус тел телефон л с лс "
    "счет каб кабинет офис минут сағат час "
) | {"№"}
# Words right after a number that say what else it is.
NOT_HOUSE_AFTER = word_set(
    "этаж этаже этажа қабат кабат қабатта кабатта блок корпус есе раз рет минут минуты мин "
    "сағат часов часа час градус жаста лет года год жыл күн кун дней дня апта неделю раз ай "
    "км метр м шт те та де да ке ка ге га дан ден тан тен не ге кг тенге тг мың литр маршрут "
    "автобус числа января февраля марта апреля мая июня июля августа сентября октября ноября "
    "декабря "
)
CASE = word_set("да де та те ке ка ге га дан ден тан тен не")
PART_OF_HOUSE = word_set("подъезд подъезде кв квартира пәтер патер блок")
# Words after a number that make it an entrance, unless a number follows them.
ENTRANCE = word_set("подъезд подъезде подъезда подьезд падъезд кіреберіс")
# The words of a house, also read by grouping (``bot/problems/places.py``).
HOUSE_WORDS = word_set(
    "д дом дома доме домом домах үй уй үйдің уйдин үйде уйде үйі уйи үйлер үйлерде здание"
)
# "у 30 дома", "от 40 дома до …", "40-шы үйінде": a house said as one, anywhere in the post.
NEAR_HOUSE = word_set("у возле около от напротив рядом")
HOUSE_SAID = word_set("дома үйде уйде үйінде уйинде үйдің уйдин үйі уйи үйге уйге")
DISTRICT = word_set("мкр мкрн микрорайон микрорайоне ықшамауданы шағынауданы шагынауданы")
# Microdistricts named by ordinary words: youth, industry.
ORDINARY = word_set("жастар өндіріс")
