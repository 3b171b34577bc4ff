# What an appeal is about: categories (the Open311 service_name in Russian).
category-heating = Отопление
category-water = Водоснабжение
category-electricity = Электроснабжение
category-gas = Газ
category-sewerage = Канализация
category-elevator = Лифт
category-housing_repair = Ремонт дома и подъезда
category-yard = Двор и благоустройство
category-roads = Дороги и тротуары
category-lighting = Уличное и подъездное освещение
category-snow_ice = Снег и гололёд
category-garbage = Мусор
category-greenery = Озеленение
category-transport_parking = Транспорт и парковка
category-noise = Шум
category-animals = Животные
category-public_order = Общественный порядок
category-social = Социальные вопросы
category-other = Другое

# Why an appeal is urgent, shown on the card and in the akim's alert.
urgency-fire = пожар или дым
urgency-gas = запах газа
urgency-collapse = угроза обрушения
urgency-violence = насилие или оружие
urgency-missing = пропал человек или ребёнок в опасности
urgency-unconscious = человеку плохо, без сознания
urgency-elevator = люди застряли в лифте
urgency-flood = затопление, прорыв трубы
urgency-explosion = взрыв
urgency-sparks = искрят или оборваны провода
urgency-manhole = открытый люк
urgency-ice = сосульки, сход снега
urgency-animal = нападение животного
urgency-accident = пострадали люди (ДТП, травма)
urgency-life = угроза жизни
urgency-heating = нет отопления в холода
urgency-water = нет воды
urgency-power = нет света
urgency-keyword = слово из списка срочных
urgency-learnt = похоже на обращения, которые модераторы отмечали срочными

# The card: what the appeal is about and where (a moderator corrects both).
card-reading = 🏷 { $category } · 📍 { $address }
card-no-address = адрес не указан
card-map = на карте
card-urgent-why = 🔴 Срочно: { $reason }

# Correcting the reading from the card.
btn-recategorize = 🏷 Категория
btn-readdress = 📍 Адрес
press-category-choose = { $code }: выберите категорию обращения.
press-category-set = { $code }: категория — { $category }.
press-category-same = { $code }: категория уже такая.
press-address-prompt = Ответьте на сообщение бота: напишите адрес.
address-prompt = { $moderator }, где находится то, о чём обращение <b>{ $code }</b>? Ответьте на это сообщение адресом (например: Кенесары 40).
address-needed = Напишите адрес текстом в ответ на сообщение бота.
address-refused = Адрес { $code } не изменён: обращение закрыто как спам.
event-recategorize = категория исправлена
event-readdress = адрес исправлен

# The export's sheet.
export-col-category = Категория
export-col-address = Адрес

# The akim's digest: the day's new appeals by category.
digest-categories = 🏷 О чём: { $list }
