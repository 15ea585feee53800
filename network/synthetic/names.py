"""Words for plausible German association names and volunteer display names (made up; no real people or clubs)."""

# Kinds of association per field of engagement (engagement_fields.json slugs).
KINDS = {
    "sport": ("Sportverein", "Turn- und Sportverein", "Fußballclub", "Schwimmverein", "Tischtennisclub",
              "Ruderverein", "Radsportverein", "Judoclub", "Basketballverein", "Laufgemeinschaft"),
    "culture-music": ("Chor", "Kulturverein", "Theaterverein", "Musikverein", "Kunstverein", "Jazzclub",
                      "Orchesterverein", "Literaturverein"),
    "leisure-social-life": ("Kleingartenverein", "Schachclub", "Karnevalsverein", "Seniorentreff", "Wanderverein",
                            "Spieleverein"),
    "social-welfare": ("Sozialwerk", "Nachbarschaftshilfe", "Tafel", "Hilfsverein", "Sozialverein"),
    "health": ("Selbsthilfegruppe", "Gesundheitsverein", "Hospizverein", "Verein für Suchthilfe"),
    "schools-childcare": ("Förderverein der Grundschule", "Kita-Elterninitiative", "Schulförderverein",
                          "Elternverein"),
    "youth-work-adult-education": ("Jugendverein", "Bildungswerk", "Jugendclub", "Volksbildungsverein",
                                   "Lernwerkstatt"),
    "environment-nature-animals": ("Naturschutzverein", "Imkerverein", "Tierschutzverein", "Gemeinschaftsgarten",
                                   "Umweltverein"),
    "politics-advocacy": ("Bürgerinitiative", "Mieterverein", "Demokratieverein", "Bürgerverein"),
    "professional-interests": ("Berufsverband", "Handwerkerverein", "Unternehmerverein"),
    "religion-church": ("Gemeindeverein", "Kirchbauverein", "Moscheeverein", "Förderverein der Kirchengemeinde"),
    "justice-crime-prevention": ("Opferhilfe", "Präventionsrat", "Straffälligenhilfe"),
    "rescue-fire-civil-protection": ("Förderverein der Freiwilligen Feuerwehr", "Wasserwacht",
                                     "Rettungshundestaffel"),
    "neighbourhood-local": ("Nachbarschaftsverein", "Kiezverein", "Stadtteilverein", "Nachbarschaftshaus"),
    "migration-integration": ("Integrationsverein", "Kulturbrücke", "Willkommensinitiative", "Migrantenverein"),
    "international-solidarity": ("Partnerschaftsverein", "Eine-Welt-Verein", "Solidaritätsverein"),
    "science-research": ("Geschichtsverein", "Astronomieverein", "Heimatverein", "Forschungsförderverein"),
    "digital-society": ("Hackspace", "Verein für digitale Teilhabe", "Netzpolitischer Verein", "Repair-Café"),
}
FALLBACK_KINDS = ("Verein", "Initiative")

# Localities (Ortsteile) per district slug, for variety in names only.
LOCALITIES = {
    "mitte": ("Moabit", "Wedding", "Gesundbrunnen", "Tiergarten"),
    "friedrichshain-kreuzberg": ("Friedrichshain", "Kreuzberg"),
    "pankow": ("Prenzlauer Berg", "Weißensee", "Buch", "Niederschönhausen"),
    "charlottenburg-wilmersdorf": ("Charlottenburg", "Wilmersdorf", "Westend", "Halensee"),
    "spandau": ("Staaken", "Siemensstadt", "Kladow", "Hakenfelde"),
    "steglitz-zehlendorf": ("Steglitz", "Zehlendorf", "Lichterfelde", "Wannsee"),
    "tempelhof-schoeneberg": ("Tempelhof", "Schöneberg", "Friedenau", "Mariendorf"),
    "neukoelln": ("Britz", "Rudow", "Buckow", "Gropiusstadt"),
    "treptow-koepenick": ("Köpenick", "Adlershof", "Friedrichshagen", "Baumschulenweg"),
    "marzahn-hellersdorf": ("Marzahn", "Hellersdorf", "Kaulsdorf", "Mahlsdorf"),
    "lichtenberg": ("Hohenschönhausen", "Karlshorst", "Friedrichsfelde", "Rummelsburg"),
    "reinickendorf": ("Tegel", "Wittenau", "Frohnau", "Hermsdorf"),
}

# First names by language (ISO 639-1); "de" for volunteers without a further language.
FIRST_NAMES = {
    "de": ("Anna", "Lena", "Julia", "Sabine", "Petra", "Jonas", "Lukas", "Thomas", "Michael", "Katrin", "Felix",
           "Marie", "Jan", "Stefan", "Monika", "Paul"),
    "tr": ("Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Murat", "Fatma", "Deniz"),
    "ar": ("Ahmad", "Fatima", "Omar", "Layla", "Yusuf", "Mariam", "Karim", "Noor"),
    "pl": ("Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł"),
    "ru": ("Olga", "Dmitri", "Natalia", "Sergej", "Irina", "Alexej"),
    "uk": ("Oksana", "Andrij", "Olena", "Taras", "Iryna", "Bohdan"),
    "en": ("Emma", "James", "Olivia", "Daniel", "Sophie", "Ryan"),
    "es": ("Lucía", "Carlos", "María", "Javier", "Sofía", "Diego"),
    "it": ("Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo"),
    "fr": ("Camille", "Julien", "Chloé", "Antoine", "Léa", "Hugo"),
    "vi": ("Linh", "Minh", "Thu", "Duc", "Hoa", "Tuan"),
    "fa": ("Sara", "Reza", "Maryam", "Ali", "Shirin", "Dariush"),
    "ku": ("Rojda", "Dilan", "Berfin", "Azad", "Roj", "Hêvî"),
    "bg": ("Elena", "Georgi", "Desislava", "Ivan", "Nikolai", "Mila"),
    "ro": ("Ioana", "Andrei", "Mihai", "Alexandra", "Radu", "Cristina"),
    "sr": ("Milica", "Nikola", "Jelena", "Marko", "Ana", "Dragan"),
    "el": ("Eleni", "Giorgos", "Katerina", "Nikos", "Sofia", "Dimitris"),
    "pt": ("Beatriz", "João", "Inês", "Pedro", "Mariana", "Tiago"),
    "zh": ("Wei", "Li", "Jing", "Hao", "Xin", "Yan"),
}
INITIALS = "ABDEFGHKLMNPRSTVWZ"
