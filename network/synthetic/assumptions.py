"""Labelled assumptions where stats.json has no figure: each number here is a modelling choice, not a source."""

import datetime as dt

# --- dates
AS_OF = dt.date(2026, 11, 28)  # the catalogue's gathering date: tool `since` dates end here, events come after it
SINCE_FIRST = dt.date(2010, 1, 1)
SINCE_GIVEN = 0.7  # share of tool usages that say since when
BEGINNER_RECENT_DAYS = 730  # a tool used at BEGINNER level was taken up in the last two years

# --- associations: size, staff, fields, know-how
MEMBERS_MIN = 7  # §56 BGB: an e.V. should have at least seven founding members; smaller draws are re-drawn ...
MEMBERS_SMALL = (7, 20)  # ... uniformly from this range (both stay <= 100, so the calibrated shares hold)
MEMBERS_MAX = 50_000
PAID_SIZE_CORRELATION = 0.5  # Gaussian copula: larger associations more often have paid staff
STAFF_PER_MEMBERS = 120  # paid staff = 1 + Poisson(members / 120)
STAFF_MAX = 500
KNOW_HOW_SIZE_CORRELATION = 0.3  # larger associations are somewhat more often digitally experienced
SMALL_ASSOCIATION_MEMBERS = 100  # volunteer-only and at most this many members: small-volunteer-run-associations
EDUCATION_SPLIT = {"schools-childcare": 0.4, "youth-work-adult-education": 0.6}
OTHER_FIELD_WEIGHTS = {  # relative weights of the fields without a figure (they share what the figures leave)
    "culture-music": 12,
    "leisure-social-life": 8,
    "environment-nature-animals": 7,
    "neighbourhood-local": 6,
    "migration-integration": 5,
    "politics-advocacy": 4,
    "religion-church": 4,
    "professional-interests": 3,
    "international-solidarity": 3,
    "science-research": 2,
    "digital-society": 2,
    "rescue-fire-civil-protection": 1,
    "justice-crime-prevention": 1,
}
SECOND_FIELD = 0.5
THIRD_FIELD = 0.15
MEMBERS_ONLY_VISIBILITY = 0.15

# --- tools
CATEGORY_SHARES = {  # share of associations using a tool of this primary category, where no figure exists
    "office": 0.55,
    "team-chat": 0.08,
    "collaborative-editing": 0.10,
    "accounting": 0.25,
    "newsletter": 0.15,
    "survey-forms": 0.20,
    "scheduling": 0.35,
    "project-management": 0.08,
    "event-management": 0.12,
    "volunteer-coordination": 0.03,
    "password-management": 0.10,
    "design": 0.25,
    "whiteboard": 0.05,
    "participation": 0.02,
}
TOOL_WEIGHTS = {  # popularity within the primary category: mainstream proprietary tools common, open source rarer
    "zoom": 60,
    "jitsi-meet": 22,
    "bigbluebutton": 18,
    "microsoft-teams": 45,
    "slack": 25,
    "mattermost": 12,
    "element": 8,
    "rocket-chat": 5,
    "whatsapp": 80,
    "signal": 14,
    "threema": 6,
    "google-drive": 65,
    "nextcloud": 35,
    "microsoft-365": 55,
    "libreoffice": 25,
    "google-workspace": 15,
    "onlyoffice-docs": 3,
    "collabora-online": 2,
    "etherpad": 35,
    "cryptpad": 30,
    "hedgedoc": 10,
    "easyverein": 20,
    "wiso-meinverein": 15,
    "campai": 12,
    "clubdesk": 12,
    "vereinsplaner": 10,
    "s-verein": 10,
    "admidio": 8,
    "jverein": 6,
    "civicrm": 4,
    "lexoffice": 70,
    "gnucash": 30,
    "wordpress": 55,
    "jimdo": 18,
    "wix": 17,
    "joomla": 10,
    "mailchimp": 60,
    "cleverreach": 25,
    "phplist": 10,
    "listmonk": 5,
    "google-forms": 50,
    "surveymonkey": 25,
    "limesurvey": 25,
    "doodle": 75,
    "nuudel": 15,
    "framadate": 10,
    "trello": 60,
    "asana": 20,
    "openproject": 8,
    "wekan": 7,
    "taiga": 5,
    "facebook": 45,
    "instagram": 40,
    "youtube": 10,
    "mastodon": 4,
    "peertube": 1,
    "paypal": 50,
    "betterplace-org": 35,
    "twingle": 15,
    "eventbrite": 40,
    "openslides": 25,
    "pretix": 20,
    "mobilizon": 15,
    "engelsystem": 100,
    "lastpass": 40,
    "bitwarden": 40,
    "keepassxc": 20,
    "canva": 90,
    "penpot": 10,
    "padlet": 45,
    "miro": 40,
    "excalidraw": 15,
    "adhocracy-plus": 100,
}
SECOND_TOOL = {"social-media": 0.5, "office": 0.15}  # chance of a second tool of the same category
SECOND_TOOL_DEFAULT = 0.1
PROFICIENCY_BY_KNOW_HOW = (  # P(BEGINNER, INTERMEDIATE, EXPERT) per know-how tier
    (0.75, 0.25, 0.0),
    (0.2, 0.6, 0.2),
    (0.05, 0.4, 0.55),
)

# --- planted structure
COMMUNITY_SHARE = 0.3  # share of associations in a planted community
COMMUNITY_SIZE = (4, 12)  # members per community, uniform
NICHE_MAX_SHARE = 0.05  # a niche tool is expected to be used by fewer than 5% of associations ...
NICHE_OPEN_SOURCE_WEIGHT = 2.0  # ... and open-source niche tools are twice as likely to anchor a community
NICHE_TOOLS = (2, 4)  # niche tools per community
NICHE_USE = 0.8  # each member uses the community's first niche tool always, each other one with this chance
HOME_DISTRICT = 0.6  # members live in the community's home district, else in a neighbouring district
COMMUNITY_SECOND_FIELD = 0.5
MEMBER_SECOND_FIELD = 0.8
SWITCH_PAIR_SHARE = 0.05  # switch pairs per association
SWITCH_LEARNER_CONSIDERS = 0.6  # the learner considers the tool (else it uses it as a BEGINNER)
CONNECTED_COMMUNITIES = 0.3  # communities with one pair of members already connected
RANDOM_CONNECTIONS = 0.01  # further connected pairs per association

# --- considered tools and needs
SECOND_CONSIDER = 0.25
NEED_FROM_BEGINNER_TOOL = 0.3
COMMON_NEEDS = {  # share of associations with this need, besides needs for considered tools and GDPR (a figure)
    "it-security-basics": 0.15,
    "social-media-content": 0.10,
    "online-fundraising": 0.08,
    "hybrid-general-meetings": 0.08,
    "plain-language-content": 0.05,
    "copyright-image-rights-cc": 0.05,
    "responsible-ai-use": 0.05,
    "web-accessibility": 0.03,
    "green-it": 0.02,
}
DIGITAL_TRAINING_NEED = (0.5, 0.08, 0.03)  # digital-skills-training per know-how tier
MEMBER_SOFTWARE_NEED = 0.15  # member-management-software-rollout, for associations without such software
MIN_LEVEL = (3.8, 1.0, 2, 6)  # minLevel ~ round(Normal(3.8, 1.0)) clipped to 2..6 ...
ADVANCED_SKILLS = (
    "self-hosting-linux-basics",
    "nextcloud-administration",
    "it-security-basics",
    "open-source-migration-advice",
)  # ... plus one for these
PRIORITY = (0.35, 0.45, 0.2)  # P(priority 1, 2, 3)

# --- languages
LANGUAGES = ("tr", "ar", "pl", "ru", "uk", "en", "es", "it", "fr", "vi", "fa", "ku", "bg", "ro", "sr", "el", "pt", "zh")
LANGUAGE_WEIGHTS_WEST = (20, 15, 9, 7, 6, 6, 5, 5, 4, 1, 4, 4, 4, 4, 4, 3, 2, 2)
LANGUAGE_WEIGHTS_EAST = (4, 8, 10, 22, 14, 6, 4, 3, 3, 12, 3, 2, 4, 3, 2, 1, 1, 3)
ASSOCIATION_LANGUAGE_FACTOR = 0.5  # P(a further language) = 0.5 x the district's migration-background share ...
MIGRATION_FIELD_LANGUAGE = 0.9  # ... or this for associations in migration-integration
SECOND_EXTRA_LANGUAGE = 0.3
VOLUNTEER_HERITAGE_LANGUAGE = 1.0  # P(a further language) = 1.0 x the district's migration-background share
VOLUNTEER_ENGLISH = 0.6

# --- volunteers
VOLUNTEERS_PER_ASSOCIATION = 3.0
REMOTE = 0.4
HOURS_MEDIAN = 8  # hoursPerMonth is log-normal with this median (the tail is a figure)
HOURS_MAX = 120
MAX_MENTEES = (0.45, 0.35, 0.2)  # P(1, 2, 3)
VOLUNTEER_SKILLS = (4, 0.35)  # skills = 1 + Binomial(4, 0.35)
VOLUNTEER_LEVEL = (4.5, 1.4)  # level ~ round(Normal(4.5, 1.4)) clipped to 1..8: mostly 3-6
SKILL_DEMAND_WEIGHT = 20.0  # volunteers' skills follow demand: weight = 1 + 20 x share of associations needing it
EVERYDAY_TOOLS = 2  # tools a volunteer knows besides those of their skills
PLANTED_MENTOR_SHARE = 0.3  # share of associations with needs that get a planted mentor for their most urgent need
PLANTED_SAME_DISTRICT = 0.5  # planted mentors from the association's district (else a remote volunteer)
PLANTED_LEVEL_MARGIN = 2  # planted level = minLevel + 0..2
PLANTED_SHARED_LANGUAGE = 0.5  # a planted mentor also speaks the association's further language

# --- events
EVENTS = (3, 60)  # round(sqrt(associations) / 6) events, clipped to this range
EVENT_CAPACITY = (20, 80)
EVENT_FIELD = 0.5
