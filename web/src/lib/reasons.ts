import type { TFunction } from 'i18next';
import type { Catalogue } from './catalogue';
import { formatShare } from './format';
import { languageName } from './languages';
import { levelShort, proficiencyLabel } from './levels';

/**
 * Who reads the reason: an association about a candidate (peer or mentor), a volunteer about an association
 * (mentee), a party about its own event invite, or staff about a candidate on an invite list.
 */
export type Perspective = 'association' | 'volunteer' | 'invite' | 'staff' | 'helpRoute' | 'helpRouteStaff';

/** A `Reason` as the API gives it; `share` and `direction` where the schema has them. */
export interface ReasonLike {
  code: string;
  detail?: string | null;
  share?: number | null;
  direction?: string | null;
}

export interface ReasonContext {
  catalogue: Catalogue | null;
  locale: string;
  /** The candidate's offered skills (for "level 5 of 8" on a mentor's SKILL_MATCH). */
  offers?: { skill: { slug: string }; level: number }[];
  /** The candidate's needs (for "from level 3" on a mentee's SKILL_MATCH). */
  needs?: { skill: { slug: string }; minLevel: number }[];
}

/** Below this share of associations, a shared tool is called rare ("das nur 2 % nutzen"). */
const RARE_SHARE = 0.25;

/** A reason in plain words, in the interface language; catalogue slugs become names. */
export function reasonText(reason: ReasonLike, perspective: Perspective, ctx: ReasonContext, t: TFunction): string {
  if (perspective === 'helpRoute' || perspective === 'helpRouteStaff')
    return helpRouteText(reason, perspective === 'helpRoute', ctx, t);
  const c = ctx.catalogue;
  const detail = reason.detail ?? '';
  const tool = c ? c.toolName(detail) : detail;
  const skill = c ? c.skillLabel(detail) : detail;
  const field = c ? c.fieldLabel(detail) : detail;
  const group = c ? c.groupLabel(detail) : detail;
  const district = c ? c.districtName(detail) : detail;
  const own = perspective === 'invite';
  const staff = perspective === 'staff';

  switch (reason.code) {
    case 'SHARED_TOOL': {
      const share = reason.share;
      if (share == null) return t('reasons.sharedTool', { tool });
      const percent = formatShare(share, ctx.locale);
      return share < RARE_SHARE
        ? t('reasons.sharedToolRare', { tool, share: percent })
        : t('reasons.sharedToolCommon', { tool, share: percent });
    }
    case 'SHARED_FIELD':
      return t('reasons.sharedField', { field });
    case 'SHARED_TARGET_GROUP':
      return t('reasons.sharedTargetGroup', { group });
    case 'SAME_DISTRICT':
      return t('reasons.sameDistrict', { district });
    case 'NEARBY_DISTRICT':
      return t('reasons.nearbyDistrict', { district });
    case 'SHARED_PEERS':
      return t('reasons.sharedPeers');
    case 'CAN_MENTOR_TOOL':
      if (reason.direction === 'OFFERS') return t('reasons.canMentorToolOffers', { tool });
      if (reason.direction === 'RECEIVES') return t('reasons.canMentorToolReceives', { tool });
      return t('reasons.canMentorTool', { tool });
    case 'REPORTED_ON':
      if (reason.direction === 'OFFERS') return t('reasons.reportedOnOffers', { tool });
      if (reason.direction === 'RECEIVES') return t('reasons.reportedOnReceives', { tool });
      return t('reasons.reportedOn', { tool });
    case 'SKILL_MATCH': {
      if (perspective === 'volunteer') {
        const need = ctx.needs?.find((n) => n.skill.slug === detail);
        return need
          ? t('reasons.skillNeededAtLevel', { skill, level: levelShort(need.minLevel, t) })
          : t('reasons.skillNeeded', { skill });
      }
      const offer = ctx.offers?.find((o) => o.skill.slug === detail);
      return offer
        ? t('reasons.skillOfferedAtLevel', { skill, level: levelShort(offer.level, t) })
        : t('reasons.skillOffered', { skill });
    }
    case 'COMMON_LANGUAGE':
      return t('reasons.commonLanguage', { language: languageName(detail, ctx.locale) });
    case 'KNOWS_TOOL':
      if (own) return t('reasons.invite.knowsTool', { tool });
      if (perspective === 'volunteer') return t('reasons.usesToolYouKnow', { tool });
      return t('reasons.knowsTool', { tool });
    case 'HOURS_AVAILABLE':
      return perspective === 'volunteer'
        ? t('reasons.hoursFitYou', { hours: detail })
        : t('reasons.hoursAvailable', { hours: detail });
    case 'USES_TOOL':
      return own ? t('reasons.invite.usesTool', { tool }) : t('reasons.usesTool', { tool });
    case 'CONSIDERS_TOOL':
      return own ? t('reasons.invite.considersTool', { tool }) : t('reasons.considersTool', { tool });
    case 'NEEDS_SKILL':
      return own ? t('reasons.invite.needsSkill', { skill }) : t('reasons.needsSkill', { skill });
    case 'OFFERS_SKILL':
      return own ? t('reasons.invite.offersSkill', { skill }) : t('reasons.offersSkill', { skill });
    case 'ACTIVE_IN_FIELD':
      return own ? t('reasons.invite.activeInField', { field }) : t('reasons.activeInField', { field });
    case 'OUTREACH':
      if (detail === 'SMALL') return staff || !own ? t('reasons.outreachSmall') : t('reasons.invite.outreachSmall');
      if (detail === 'OUTER_DISTRICT')
        return staff || !own ? t('reasons.outreachOuterDistrict') : t('reasons.invite.outreachOuterDistrict');
      return staff || !own ? t('reasons.outreachGroup', { group }) : t('reasons.invite.outreachGroup', { group });
    default:
      return detail ? t('reasons.unknownWithDetail', { code: reason.code, detail }) : t('reasons.unknown', { code: reason.code });
  }
}

/**
 * Why a technical question went to a volunteer (network/help/routing.py), told to that volunteer (`you`) or to
 * staff. SKILL_MATCH and KNOWS_TOOL carry "slug:level" and "slug:PROFICIENCY"; FEW_OPEN_QUESTIONS the number of
 * questions the volunteer claimed and has not answered yet.
 */
function helpRouteText(reason: ReasonLike, you: boolean, ctx: ReasonContext, t: TFunction): string {
  const c = ctx.catalogue;
  const detail = reason.detail ?? '';
  const cut = detail.lastIndexOf(':');
  const slug = cut >= 0 ? detail.slice(0, cut) : detail;
  const grade = cut >= 0 ? detail.slice(cut + 1) : '';
  switch (reason.code) {
    case 'SKILL_MATCH': {
      const skill = c ? c.skillLabel(slug) : slug;
      const level = levelShort(Number(grade) || 0, t);
      return you ? t('reasons.help.skill', { skill, level }) : t('reasons.skillOfferedAtLevel', { skill, level });
    }
    case 'KNOWS_TOOL': {
      const tool = c ? c.toolName(slug) : slug;
      const proficiency = proficiencyLabel(grade, t);
      return you ? t('reasons.help.tool', { tool, proficiency }) : t('reasons.help.staffTool', { tool, proficiency });
    }
    case 'COMMON_LANGUAGE': {
      const language = languageName(detail, ctx.locale);
      return you ? t('reasons.help.language', { language }) : t('reasons.help.staffLanguage', { language });
    }
    case 'HOURS_AVAILABLE':
      return you ? t('reasons.help.hours', { hours: detail }) : t('reasons.hoursAvailable', { hours: detail });
    case 'FEW_OPEN_QUESTIONS': {
      const count = Number(detail) || 0;
      return you ? t('reasons.help.free', { count }) : t('reasons.help.staffFree', { count });
    }
    default:
      return detail ? t('reasons.unknownWithDetail', { code: reason.code, detail }) : t('reasons.unknown', { code: reason.code });
  }
}

export function isOutreach(reasons: readonly ReasonLike[]): boolean {
  return reasons.some((r) => r.code === 'OUTREACH');
}
