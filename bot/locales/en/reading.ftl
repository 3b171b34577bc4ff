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

# The card: what the appeal is about and where (a moderator corrects both).
card-reading = 🏷 { $category } · 📍 { $address }
card-no-address = no address given
card-map = on the map
card-urgent-why = 🔴 Urgent: { $reason }
