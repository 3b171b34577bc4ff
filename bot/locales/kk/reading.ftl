# Өтініш не туралы: санаттар (Open311 service_name қазақша).
category-heating = Жылу
category-water = Сумен жабдықтау
category-electricity = Электрмен жабдықтау
category-gas = Газ
category-sewerage = Кәріз
category-elevator = Лифт
category-housing_repair = Үй мен кіреберіс жөндеуі
category-yard = Аула және абаттандыру
category-roads = Жолдар мен тротуарлар
category-lighting = Көше және кіреберіс жарығы
category-snow_ice = Қар және көктайғақ
category-garbage = Қоқыс
category-greenery = Көгалдандыру
category-transport_parking = Көлік және тұрақ
category-noise = Шу
category-animals = Жануарлар
category-public_order = Қоғамдық тәртіп
category-social = Әлеуметтік мәселелер
category-other = Басқа

# Өтініш неге шұғыл: карточкада және әкімге хабарда көрсетіледі.
urgency-fire = өрт немесе түтін
urgency-gas = газ иісі
urgency-collapse = опырылу қаупі
urgency-violence = зорлық немесе қару
urgency-missing = адам жоғалды немесе бала қауіпте
urgency-unconscious = адамның халі нашар, есінен танған
urgency-elevator = адамдар лифтте қамалып қалды
urgency-flood = су басу, құбыр жарылуы
urgency-explosion = жарылыс
urgency-sparks = сымдар ұшқындап тұр немесе үзілген
urgency-manhole = ашық люк
urgency-ice = мұз сүңгілері, қар құлауы
urgency-animal = жануардың шабуылы
urgency-accident = адамдар зардап шекті (жол апаты, жарақат)
urgency-life = өмірге қауіп
urgency-heating = суықта жылу жоқ
urgency-water = су жоқ
urgency-power = жарық жоқ
urgency-keyword = шұғыл сөздер тізіміндегі сөз
urgency-learnt = модераторлар шұғыл деп белгілеген өтініштерге ұқсайды

# Карточка: өтініш не туралы және қайда (модератор екеуін де түзете алады).
card-reading = 🏷 { $category } · 📍 { $address }
card-no-address = мекенжай көрсетілмеген
card-map = картада
card-urgent-why = 🔴 Шұғыл: { $reason }

# Карточкадан оқылғанды түзету.
btn-recategorize = 🏷 Санат
btn-readdress = 📍 Мекенжай
press-category-choose = { $code }: өтініш санатын таңдаңыз.
press-category-set = { $code }: санаты — { $category }.
press-category-same = { $code }: санаты осындай.
press-address-prompt = Бот хабарламасына жауап ретінде мекенжайды жазыңыз.
address-prompt = { $moderator }, <b>{ $code }</b> өтініші айтып отырған жер қайда? Осы хабарламаға мекенжаймен жауап беріңіз (мысалы: Кенесары 40).
address-needed = Мекенжайды бот хабарламасына жауап ретінде мәтінмен жазыңыз.
address-refused = { $code } мекенжайы өзгертілмеді: өтініш спам ретінде жабылған.
event-recategorize = санаты түзетілді
event-readdress = мекенжайы түзетілді

# The export's sheet.
export-col-category = Санат
export-col-address = Мекенжай

# The akim's digest: the day's new appeals by category.
digest-categories = 🏷 Не туралы: { $list }
