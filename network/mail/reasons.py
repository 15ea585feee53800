"""Reasons of a suggestion in plain words, German or English, as the web client words them (web/src/lib/reasons.ts).

Reasons are stored as the side the suggestion was made FOR sees them; read by the other side, the direction of
CAN_MENTOR_TOOL and REPORTED_ON turns round and NEARBY_DISTRICT names the other side's district
(network/suggestions/types.py does the same for the API).
"""

import json
from dataclasses import dataclass, field
from typing import Literal

# Who reads: an association about a peer or a mentor, a volunteer about an association, a party about its invite.
Perspective = Literal["association", "volunteer", "invite"]
# Below this share of associations, a shared tool is called rare.
RARE_SHARE = 0.25
TURNED = {"OFFERS": "RECEIVES", "RECEIVES": "OFFERS"}

_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "sharedTool": "nutzt auch {tool}",
        "sharedToolRare": "nutzt auch {tool}, das nur {share} der Vereine nutzen",
        "sharedToolCommon": "nutzt auch {tool} (wie {share} der Vereine)",
        "sharedField": "ebenfalls aktiv im Bereich {field}",
        "sharedTargetGroup": "arbeitet ebenfalls mit: {group}",
        "sameDistrict": "ebenfalls in {district}",
        "nearbyDistrict": "im Nachbarbezirk {district}",
        "sharedPeers": "ähnelt denselben Vereinen wie Sie",
        "canMentorToolOffers": "Sie können bei {tool} helfen",
        "canMentorToolReceives": "kann Ihnen bei {tool} helfen",
        "canMentorTool": "Erfahrung mit {tool} zum Austauschen",
        "reportedOnOffers": "Sie haben über {tool} berichtet, das dort erwogen wird",
        "reportedOnReceives": "hat über {tool} berichtet, das Sie erwägen",
        "reportedOn": "ein Erfahrungsbericht zu {tool}",
        "skillNeededAtLevel": "braucht Hilfe bei: {skill} (ab Stufe {level} von 8)",
        "skillNeeded": "braucht Hilfe bei: {skill}",
        "skillOfferedAtLevel": "kann helfen bei: {skill} (Stufe {level} von 8)",
        "skillOffered": "kann helfen bei: {skill}",
        "commonLanguage": "spricht auch {language}",
        "usesToolYouKnow": "nutzt {tool}, das Sie kennen",
        "knowsTool": "kennt sich mit {tool} aus",
        "hoursFitYou": "passt zu Ihren {hours} Stunden im Monat",
        "hoursAvailable": "hat {hours} Stunden im Monat Zeit",
        "usesTool": "nutzt {tool}",
        "considersTool": "überlegt, {tool} einzuführen",
        "needsSkill": "sucht Hilfe bei: {skill}",
        "offersSkill": "kann: {skill}",
        "activeInField": "aktiv im Bereich {field}",
        "outreachSmall": "kleiner Verein ohne bezahlte Kräfte",
        "outreachOuterDistrict": "aus einem Außenbezirk",
        "outreachGroup": "arbeitet mit {group}",
        "invite.knowsTool": "Sie kennen {tool}, um das es geht",
        "invite.usesTool": "Sie nutzen {tool}, um das es geht",
        "invite.considersTool": "Sie überlegen, {tool} einzuführen",
        "invite.needsSkill": "Sie suchen Hilfe bei: {skill}",
        "invite.offersSkill": "Sie können: {skill}",
        "invite.activeInField": "Sie sind aktiv im Bereich {field}",
        "invite.outreachSmall": "Wir laden besonders kleine Vereine ohne bezahlte Kräfte ein",
        "invite.outreachOuterDistrict": "Wir laden besonders Menschen aus den Außenbezirken ein",
        "invite.outreachGroup": "Wir laden besonders Vereine ein, die mit {group} arbeiten",
    },
    "en": {
        "sharedTool": "also uses {tool}",
        "sharedToolRare": "also uses {tool}, which only {share} of associations use",
        "sharedToolCommon": "also uses {tool} (like {share} of associations)",
        "sharedField": "also active in {field}",
        "sharedTargetGroup": "also works with: {group}",
        "sameDistrict": "also in {district}",
        "nearbyDistrict": "in the neighbouring district {district}",
        "sharedPeers": "resembles the same associations as you",
        "canMentorToolOffers": "you can help them with {tool}",
        "canMentorToolReceives": "can help you with {tool}",
        "canMentorTool": "experience with {tool} to share",
        "reportedOnOffers": "you reported on {tool}, which they are considering",
        "reportedOnReceives": "reported on {tool}, which you are considering",
        "reportedOn": "an experience report on {tool}",
        "skillNeededAtLevel": "needs help with: {skill} (from level {level} of 8)",
        "skillNeeded": "needs help with: {skill}",
        "skillOfferedAtLevel": "can help with: {skill} (level {level} of 8)",
        "skillOffered": "can help with: {skill}",
        "commonLanguage": "also speaks {language}",
        "usesToolYouKnow": "uses {tool}, which you know",
        "knowsTool": "knows {tool} well",
        "hoursFitYou": "fits your {hours} hours a month",
        "hoursAvailable": "has {hours} hours a month",
        "usesTool": "uses {tool}",
        "considersTool": "considers introducing {tool}",
        "needsSkill": "needs help with: {skill}",
        "offersSkill": "can do: {skill}",
        "activeInField": "active in {field}",
        "outreachSmall": "small association without paid staff",
        "outreachOuterDistrict": "from an outer district",
        "outreachGroup": "works with {group}",
        "invite.knowsTool": "you know {tool}, which it is about",
        "invite.usesTool": "you use {tool}, which it is about",
        "invite.considersTool": "you are considering {tool}",
        "invite.needsSkill": "you need help with: {skill}",
        "invite.offersSkill": "you can do: {skill}",
        "invite.activeInField": "you are active in {field}",
        "invite.outreachSmall": "we especially invite small associations without paid staff",
        "invite.outreachOuterDistrict": "we especially invite people from the outer districts",
        "invite.outreachGroup": "we especially invite associations working with {group}",
    },
}

# Names of the languages people list most in Berlin, for COMMON_LANGUAGE (the code where none is known).
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "de": "Deutsch", "en": "Englisch", "tr": "Türkisch", "ar": "Arabisch", "pl": "Polnisch", "ru": "Russisch",
        "uk": "Ukrainisch", "fr": "Französisch", "es": "Spanisch", "it": "Italienisch", "fa": "Persisch",
        "ku": "Kurdisch", "vi": "Vietnamesisch", "sr": "Serbisch", "hr": "Kroatisch", "bs": "Bosnisch",
        "ro": "Rumänisch", "bg": "Bulgarisch", "el": "Griechisch", "pt": "Portugiesisch", "zh": "Chinesisch",
        "sq": "Albanisch", "so": "Somali", "ti": "Tigrinya",
    },
    "en": {
        "de": "German", "en": "English", "tr": "Turkish", "ar": "Arabic", "pl": "Polish", "ru": "Russian",
        "uk": "Ukrainian", "fr": "French", "es": "Spanish", "it": "Italian", "fa": "Persian", "ku": "Kurdish",
        "vi": "Vietnamese", "sr": "Serbian", "hr": "Croatian", "bs": "Bosnian", "ro": "Romanian", "bg": "Bulgarian",
        "el": "Greek", "pt": "Portuguese", "zh": "Chinese", "sq": "Albanian", "so": "Somali", "ti": "Tigrinya",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Names:
    """Catalogue names by slug, each as (German, English); the slug where a name is missing."""

    tools: dict[str, list[str]] = field(default_factory=dict)
    skills: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    districts: dict[str, list[str]] = field(default_factory=dict)
    tool_shares: dict[str, float] = field(default_factory=dict)

    def of(self, table: dict[str, list[str]], slug: str, language: str) -> str:
        found = table.get(slug)
        return (found[1] if language == "en" else found[0]) if found else slug


def share_text(share: float, language: str) -> str:
    """0.02 -> "2 %" (German) or "2%" (English); below 1 % with one decimal."""
    number = f"{share * 100:.1f}" if share < 0.01 else f"{round(share * 100)}"
    return f"{number.replace('.', ',')} %" if language == "de" else f"{number}%"


@dataclass(frozen=True)
class Reading:
    """How a mail reads a suggestion's reasons: whose they are and what the other side offers or needs."""

    perspective: Perspective
    turned: bool = False  # the reasons were computed for the other side
    other_district: str | None = None  # for NEARBY_DISTRICT when turned
    offers: dict[str, int] = field(default_factory=dict)  # the other side's skills and levels (a volunteer)
    needs: dict[str, int] = field(default_factory=dict)  # the other side's needs and least levels (an association)


def reason_text(reason: dict[str, object], reading: Reading, names: Names, language: str) -> str:
    """One reason in plain words."""
    words = _WORDS["en" if language == "en" else "de"]
    code = str(reason.get("code", ""))
    detail = str(reason.get("detail") or "")
    direction = str(reason.get("direction") or "")
    if reading.turned:
        direction = TURNED.get(direction, direction)
        if code == "NEARBY_DISTRICT" and reading.other_district:
            detail = reading.other_district
    own = reading.perspective == "invite"
    tool = names.of(names.tools, detail, language)
    values = {
        "tool": tool,
        "skill": names.of(names.skills, detail, language),
        "field": names.of(names.fields, detail, language),
        "group": names.of(names.groups, detail, language),
        "district": names.of(names.districts, detail, language),
        "language": LANGUAGE_NAMES["en" if language == "en" else "de"].get(detail, detail),
        "hours": detail,
    }
    key = _key(code, detail, direction, own, reading)
    if key is None:
        return f"{code}: {detail}" if detail else code
    if key == "sharedTool" and detail in names.tool_shares:
        share = names.tool_shares[detail]
        key = "sharedToolRare" if share < RARE_SHARE else "sharedToolCommon"
        values["share"] = share_text(share, language)
    if key == "skillNeededAtLevel":
        values["level"] = str(reading.needs[detail])
    if key == "skillOfferedAtLevel":
        values["level"] = str(reading.offers[detail])
    return words[key].format(**values)


def _key(code: str, detail: str, direction: str, own: bool, reading: Reading) -> str | None:
    simple = {
        "SHARED_TOOL": "sharedTool",
        "SHARED_FIELD": "sharedField",
        "SHARED_TARGET_GROUP": "sharedTargetGroup",
        "SAME_DISTRICT": "sameDistrict",
        "NEARBY_DISTRICT": "nearbyDistrict",
        "SHARED_PEERS": "sharedPeers",
        "COMMON_LANGUAGE": "commonLanguage",
    }
    if code in simple:
        return simple[code]
    if code == "CAN_MENTOR_TOOL":
        return {"OFFERS": "canMentorToolOffers", "RECEIVES": "canMentorToolReceives"}.get(direction, "canMentorTool")
    if code == "REPORTED_ON":
        return {"OFFERS": "reportedOnOffers", "RECEIVES": "reportedOnReceives"}.get(direction, "reportedOn")
    if code == "SKILL_MATCH":
        if reading.perspective == "volunteer":
            return "skillNeededAtLevel" if detail in reading.needs else "skillNeeded"
        return "skillOfferedAtLevel" if detail in reading.offers else "skillOffered"
    if code == "KNOWS_TOOL":
        return "invite.knowsTool" if own else "usesToolYouKnow" if reading.perspective == "volunteer" else "knowsTool"
    if code == "HOURS_AVAILABLE":
        return "hoursFitYou" if reading.perspective == "volunteer" else "hoursAvailable"
    event_codes = {
        "USES_TOOL": "usesTool",
        "CONSIDERS_TOOL": "considersTool",
        "NEEDS_SKILL": "needsSkill",
        "OFFERS_SKILL": "offersSkill",
        "ACTIVE_IN_FIELD": "activeInField",
    }
    if code in event_codes:
        return ("invite." if own else "") + event_codes[code]
    if code == "OUTREACH":
        name = {"SMALL": "outreachSmall", "OUTER_DISTRICT": "outreachOuterDistrict"}.get(detail, "outreachGroup")
        return ("invite." if own else "") + name
    return None


def parse_reasons(stored: str | None) -> list[dict[str, object]]:
    """A suggestion's stored reasons (JSON); none for text that is not a list of reasons."""
    try:
        reasons = json.loads(stored or "[]")
    except ValueError:
        return []
    return [r for r in reasons if isinstance(r, dict)] if isinstance(reasons, list) else []


def reasons_text(reasons: list[dict[str, object]], reading: Reading, names: Names, language: str) -> list[str]:
    """The reasons in plain words, strongest first as stored."""
    return [reason_text(r, reading, names, language) for r in reasons]


def slugs_named(reasons: list[dict[str, object]]) -> dict[str, set[str]]:
    """The catalogue slugs reasons name, per list, so their names can be read in one query (a help reason's detail
    is "slug:level" or "slug:proficiency")."""
    found: dict[str, set[str]] = {"tools": set(), "skills": set(), "fields": set(), "groups": set()}
    for r in reasons:
        if not r.get("detail"):
            continue
        code, detail = str(r.get("code")), str(r["detail"]).partition(":")[0]
        if code in ("SHARED_TOOL", "CAN_MENTOR_TOOL", "REPORTED_ON", "KNOWS_TOOL", "USES_TOOL", "CONSIDERS_TOOL"):
            found["tools"].add(detail)
        elif code in ("SKILL_MATCH", "NEEDS_SKILL", "OFFERS_SKILL"):
            found["skills"].add(detail)
        elif code in ("SHARED_FIELD", "ACTIVE_IN_FIELD"):
            found["fields"].add(detail)
        elif code in ("SHARED_TARGET_GROUP", "OUTREACH"):
            found["groups"].add(detail)
    return found


_HELP_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "SKILL_MATCH": "Sie können: {skill} (Stufe {level} von 8)",
        "KNOWS_TOOL": "Sie kennen {tool}",
        "COMMON_LANGUAGE": "die Frage ist auf {language}, das Sie sprechen",
        "HOURS_AVAILABLE": "Sie haben {hours} Stunden im Monat Zeit",
        "FEW_OPEN_QUESTIONS": "Sie haben gerade wenige offene Fragen ({count})",
    },
    "en": {
        "SKILL_MATCH": "you can do: {skill} (level {level} of 8)",
        "KNOWS_TOOL": "you know {tool}",
        "COMMON_LANGUAGE": "the question is in {language}, which you speak",
        "HOURS_AVAILABLE": "you have {hours} hours a month",
        "FEW_OPEN_QUESTIONS": "you have few open questions right now ({count})",
    },
}


def help_reason_text(reason: dict[str, object], names: Names, language: str) -> str:
    """Why a question went to this volunteer, in plain words (network/help/models.py describes the codes; a detail
    of SKILL_MATCH is "slug:level", of KNOWS_TOOL "slug:proficiency")."""
    lang = "en" if language == "en" else "de"
    code = str(reason.get("code", ""))
    detail = str(reason.get("detail") or "")
    slug, _, extra = detail.partition(":")
    words = _HELP_WORDS[lang].get(code)
    if words is None:
        return f"{code}: {detail}" if detail else code
    return words.format(
        skill=names.of(names.skills, slug, lang),
        level=extra or "?",
        tool=names.of(names.tools, slug, lang),
        language=LANGUAGE_NAMES[lang].get(detail, detail),
        hours=detail,
        count=detail,
    )
