# What an appeal is about: categories (the Open311 service_name).
category-heating = Heating
category-water = Water supply
category-electricity = Electricity
category-gas = Gas
category-sewerage = Sewerage
category-elevator = Lift
category-housing_repair = Building and entrance repair
category-yard = Courtyard and amenities
category-roads = Roads and pavements
category-lighting = Street and entrance lighting
category-snow_ice = Snow and ice
category-garbage = Rubbish
category-greenery = Trees and lawns
category-transport_parking = Transport and parking
category-noise = Noise
category-animals = Animals
category-public_order = Public order
category-social = Social support
category-other = Other

# Why an appeal is urgent, shown on the card and in the akim's alert.
urgency-fire = fire or smoke
urgency-gas = smell of gas
urgency-collapse = danger of collapse
urgency-violence = violence or a weapon
urgency-missing = a missing person or a child in danger
urgency-unconscious = someone unwell or unconscious
urgency-elevator = people stuck in a lift
urgency-flood = flooding or a burst pipe
urgency-explosion = an explosion
urgency-sparks = sparking or fallen wires
urgency-manhole = an open manhole
urgency-ice = icicles or falling snow
urgency-animal = an animal attack
urgency-accident = people hurt (a crash, an injury)
urgency-life = a threat to life
urgency-heating = no heating in the cold season
urgency-water = no water
urgency-power = no power
urgency-keyword = a word from the urgent list
urgency-learnt = like appeals the moderators marked urgent

# The card: what the appeal is about and where (a moderator corrects both).
card-reading = 🏷 { $category } · 📍 { $address }
card-no-address = no address given
card-map = on the map
card-urgent-why = 🔴 Urgent: { $reason }

# Correcting the reading from the card.
btn-recategorize = 🏷 Category
btn-readdress = 📍 Address
press-category-choose = { $code }: choose the appeal's category.
press-category-set = { $code }: category is now { $category }.
press-category-same = { $code }: that is its category already.
press-address-prompt = Reply to the bot's message with the address.
address-prompt = { $moderator }, where is what appeal <b>{ $code }</b> is about? Reply to this message with the address (for example: Kenesary 40).
address-needed = Write the address as text in reply to the bot's message.
address-refused = The address of { $code } was not changed: it was closed as spam.
event-recategorize = category corrected
event-readdress = address corrected

# The export's sheet.
export-col-category = Category
export-col-address = Address

# The akim's digest: the day's new appeals by category.
digest-categories = 🏷 What about: { $list }
