"""Name pools and local places for the synthetic demo study.

The pools mix the origins a Dutch resettlement study meets: Syrian, Eritrean, Afghan,
Somali, Turkish, Moroccan and Dutch names, with the particles, double surnames and
spellings that make name detection hard. Streets, schools, employers and small places
are plausible for each municipality; all combinations are invented.
"""
from __future__ import annotations

FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "syrian": {
        "m": ("Mahmoud", "Khaled", "Ahmad", "Yusuf", "Omar", "Tarek", "Bassam", "Hussein", "Samer",
              "Walid", "Fadi", "Majd", "Anas", "Ibrahim", "Hamza", "Jamal", "Nizar", "Rami", "Ziad"),
        "f": ("Rania", "Noor", "Huda", "Fatima", "Amal", "Samira", "Lina", "Sidra", "Hala", "Reem",
              "Yara", "Maha", "Dalia", "Rasha", "Ghada", "Nisreen", "Layla", "Aya", "Rima"),
    },
    "eritrean": {
        "m": ("Yonas", "Tesfay", "Dawit", "Mehari", "Kidane", "Berhane", "Filmon", "Habte", "Goitom", "Amanuel"),
        "f": ("Selam", "Ruth", "Saba", "Senait", "Lidya", "Mebrat", "Winta", "Helen", "Yordanos", "Feven"),
    },
    "afghan": {
        "m": ("Farid", "Hamid", "Naweed", "Jawad", "Mustafa", "Karim", "Sohrab", "Wahid"),
        "f": ("Zahra", "Mariam", "Shabnam", "Farishta", "Nilofar", "Parwana", "Hasina"),
    },
    "somali": {
        "m": ("Abdirahman", "Abdullahi", "Liban", "Abdiwali", "Mukhtar"),
        "f": ("Hodan", "Faadumo", "Ayaan", "Sahra", "Ifrah", "Ubah"),
    },
    "turkish": {
        "m": ("Emre", "Mehmet", "Hakan", "Murat", "Serkan"),
        "f": ("Ayşe", "Elif", "Zeynep", "Fatma", "Derya"),
    },
    "moroccan": {
        "m": ("Samir", "Youssef", "Bilal", "Soufiane", "Mohamed", "Hicham"),
        "f": ("Nadia", "Karima", "Hanane", "Fatima-Zahra", "Latifa", "Souad"),
    },
    "dutch": {
        "m": ("Jan", "Peter", "Henk", "Bas", "Joost", "Wouter", "Kees", "Ruud", "Maarten", "Thijs",
              "Gert-Jan", "Pieter", "Frank", "Erik", "Rob", "Teun", "Hans", "Arjen", "Niels", "Gerrit"),
        "f": ("Marieke", "Anneke", "Els", "Linda", "Ingrid", "Marjolein", "Ellen", "Annemiek", "Jolanda",
              "Petra", "Wilma", "Floor", "Karin", "Mirjam", "Esther", "Hanneke", "Margriet", "Ilse",
              "Carla", "Renate", "Joke", "Ans", "Lotte", "Femke"),
    },
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "syrian": ("Al-Hassan", "Darwish", "Al-Khatib", "Al-Najjar", "Hamdan", "Al-Masri", "Kassem",
               "Al-Ahmad", "Sabbagh", "Al-Halabi", "Shami", "Al-Zoubi", "Mansour", "Al-Rifai", "Haddad"),
    "eritrean": ("Tesfaye", "Gebremedhin", "Haile", "Tekle", "Woldu", "Habtemariam", "Berhe", "Kahsay"),
    "afghan": ("Rahimi", "Ahmadzai", "Noori", "Hashimi", "Sultani", "Karimi", "Popal"),
    "somali": ("Warsame", "Farah", "Abdi", "Jama", "Osman", "Hirsi"),
    "turkish": ("Yılmaz", "Demir", "Kaya", "Öztürk", "Çelik", "Şahin", "Aydın"),
    "moroccan": ("El Amrani", "Benali", "El Idrissi", "Bouzid", "Azzouzi", "El Khattabi", "Ouali"),
    "dutch": ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
              "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "van den Berg", "Dekker",
              "Kok", "Verhoeven", "Brouwer", "de Wit", "van Leeuwen", "Schouten", "Vermeulen",
              "de Vries-Kok", "van Dam", "Postma", "Hoekstra", "van der Meer-Blom", "Wiersma",
              "Jansen-Oosterhuis", "ten Brink", "Kuipers"),
}

# Where refugees are resettled from, by origin (city or camp abroad: not personal data).
CITIES_ABROAD: dict[str, tuple[str, ...]] = {
    "syrian": ("Homs", "Idlib", "Aleppo", "Daraa", "Deir ez-Zor", "Beiroet", "Tripoli (Libanon)"),
    "eritrean": ("Asmara", "Keren", "Khartoum", "Shagarab", "Addis Abeba"),
}
FIRST_COUNTRY: dict[str, str] = {"syrian": "Libanon", "eritrean": "Soedan"}


SITE_PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "zaanstad": {
        "town": ("Zaandam",),
        "small_places": ("Westzaan", "Assendelft", "Krommenie", "Wormerveer", "Oostzaan"),
        "streets": ("Rosmolenstraat", "Westzijde", "Peperstraat", "Vincent van Goghweg",
                    "Heijermansstraat", "Pelikaanweg", "Oostzijde", "Lindenlaan"),
        "schools": ("basisschool De Regenboog", "OBS De Vlinderboom", "ISK Het Zaanbaken",
                    "Bernardus Alfrinkschool", "basisschool De Kaleidoskoop"),
        "employers": ("Albert Heijn Zaandam-Oost", "Verkade in Zaandam", "Bouwbedrijf Van Wijk",
                      "Kringloop De Zaanse Schat", "schoonmaakbedrijf Zaanpoets"),
        "postcode": ((1501, 1509),),
        "housing": ("Parteon",),
    },
    "nissewaard": {
        "town": ("Spijkenisse",),
        "small_places": ("Zuidland", "Hekelingen", "Abbenbroek", "Simonshaven", "Geervliet"),
        "streets": ("Noordeinde", "Lindenhoflaan", "Hekelingseweg", "Vogelenzang", "Kolkweg",
                    "Molenwatering", "Uitstraat", "Akkerpad"),
        "schools": ("CBS De Rank", "OBS De Hoeksteen", "ISK Spijkenisse", "basisschool Het Kompas",
                    "Penta College"),
        "employers": ("PostNL sorteercentrum Spijkenisse", "Jumbo Hekelingen", "Transportbedrijf De Haan",
                      "Thuiszorg Nissewaard", "Hoveniersbedrijf Groenrijk"),
        "postcode": ((3200, 3209),),
        "housing": ("Maasdelta",),
    },
    "zevenaar": {
        "town": ("Zevenaar",),
        "small_places": ("Giesbeek", "Lathum", "Angerlo", "Babberich", "Ooy", "Pannerden", "Aerdt"),
        "streets": ("Didamseweg", "Kerkstraat", "Hunneveldweg", "Bongerd", "Oude Doesburgseweg",
                    "Zonnebloemstraat", "Poolseweg", "Rijksweg"),
        "schools": ("basisschool De Toermalijn", "Liemers College", "OBS De Wissel",
                    "basisschool De Step", "ISK Liemers"),
        "employers": ("Bakkerij Van Ooijen", "Distributiecentrum Liemers", "Zorgcentrum De Zevenster",
                      "Tuincentrum Groen Liemers", "Fietsenmaker Wentink"),
        "postcode": ((6901, 6905),),
        "housing": ("Vivare",),
    },
}

SITE_NAMES = {"zaanstad": "Zaanstad", "nissewaard": "Nissewaard", "zevenaar": "Zevenaar"}
SITES = ("zaanstad", "nissewaard", "zevenaar")
# Approximate centres, for Qualtrics' LocationLatitude/Longitude columns.
SITE_COORDINATES = {"zaanstad": (52.44, 4.82), "nissewaard": (51.85, 4.33), "zevenaar": (51.93, 6.07)}
