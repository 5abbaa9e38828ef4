"""Which zones an address falls in: the zone rules of one year compiled into
dictionaries, matched against a normalised address. Pure: no database.

The answer is honest about what the data can decide:

- **exact** — an included whole street (no side named), a house-number range
  holding the number with its parity, or a compound, community or village
  by name (with or without 小区/花园/家园… suffixes, or by an alias);
- **candidate** — a boundary street or place (an address on it may belong to
  either side), a street segment between cross streets (a house number does
  not say where the cross streets are), one side of a street, a house-number
  range when the address has no number, an area described in words, an
  inclusion whose note names an exception in words (不含…);
- exclusions override inclusions: a definite exclusion (the street, the
  number range) removes the zone; one that may apply (a segment, a side)
  turns an exact match into a candidate.

Within a stage, exact matches win: the candidates of other schools are then
dropped (a school named by an explicit rule is more specific than a boundary
that a neighbouring zone shares)."""

import functools
import re
from dataclasses import dataclass, field

from disclosure.models.enrolment import Parity, RuleKind, RuleType, Side, house_number, parse_aliases

from .address import CJK, leading_number, parse_address, split_street

EXACT = "exact"
CANDIDATE = "candidate"

# Why a rule matched (shown to parents as a sentence, see the finder templates).
WHY_STREET = "street"  # the whole street is included
WHY_NUMBERS = "house_numbers"  # the house number is in the range
WHY_PLACE = "place"  # the compound, community or village by name
WHY_BOUNDARY = "boundary"  # a boundary street or place
WHY_SEGMENT = "segment"  # part of the street, between two cross streets
WHY_SIDE = "side"  # one side of the street
WHY_NO_NUMBER = "number_missing"  # a range of house numbers, and no number given
WHY_AREA = "area"  # an area described in words
WHY_AMBIGUOUS_PLACE = "place_ambiguous"  # a place name without its suffix, shared by several places
WHY_MAYBE_EXCLUDED = "maybe_excluded"  # an exclusion that may apply
WHY_EXCEPTION = "exception"  # included, but the note names an exception in words (不含…)

_EXCEPTION_IN_NOTE = re.compile(r"不含|不包括|除外")

# Suffixes a parent may leave out or add: 阳光花园小区 = 阳光花园.
_PLACE_SUFFIX = re.compile(r"(?:住宅小区|小区|居住区|居委会|社区居委会)$")
# Generic endings of compound names: 阳光花园 may be typed as 阳光 (but 阳光家园 is another place).
_GENERIC_ENDING = re.compile(r"(?:花园|家园|花苑|公寓|新村|山庄|苑)$")
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期$")
# A name found inside a longer text must start a word: after these, or at the start.
_BOUNDARY_BEFORE = set("区县市镇乡道村组号路街巷)、,，") | set("0123456789")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def place_form(name):
    """阳光花园小区 → 阳光花园; 犀牛社区居委会 → 犀牛社区."""
    name = (name or "").strip()
    if name.endswith(("社区居委会",)):
        return name[: -len("居委会")]
    stripped = _PLACE_SUFFIX.sub("", name)
    return stripped if len(stripped) >= 2 else name


def place_core(form):
    """阳光花园 → 阳光; None when nothing generic ends the name or too little would be left."""
    core = _GENERIC_ENDING.sub("", form)
    return core if core != form and len(core) >= 2 else None


@dataclass(frozen=True)
class Zone:
    """What the matcher knows of a zone page."""

    id: int
    stage: str
    school: str


@dataclass(frozen=True)
class CompiledRule:
    zone_id: int
    rule: str
    kind: str
    name: str
    label: str
    note: str
    aliases: str
    side: str
    parity: str
    start: int | None  # house numbers only
    end: int | None
    street: str  # the street the rule is on, if any

    @property
    def alias_list(self):
        return parse_aliases(self.aliases)


@dataclass
class Reason:
    rule: CompiledRule
    why: str
    effect: str  # EXACT or CANDIDATE (for exclusions: definite or possible)


@dataclass
class Match:
    zone: Zone
    confidence: str
    reasons: list = field(default_factory=list)

    @property
    def rule(self):
        """The rule that decided (the first reason)."""
        return self.reasons[0].rule

    @property
    def why(self):
        return self.reasons[0].why


def compile_rule(zone_id, rule):
    """A ZoneRule (or anything with its fields and label) → CompiledRule."""
    street = ""
    if rule.kind in (RuleKind.STREET, RuleKind.HOUSE_NUMBERS, RuleKind.SEGMENT):
        street = rule.name.strip()
    elif rule.kind == RuleKind.AREA:
        # 和平西路南侧从双发广场北门以西: an area along a street is about that street.
        street = split_street(rule.name.strip())[0]
    start = end = None
    if rule.kind == RuleKind.HOUSE_NUMBERS:
        start, end = house_number(rule.start), house_number(rule.end)
    return CompiledRule(
        zone_id=zone_id,
        rule=rule.rule,
        kind=rule.kind,
        name=rule.name.strip(),
        label=rule.label,
        note=rule.note or "",
        aliases=rule.aliases or "",
        side=rule.side or "",
        parity=rule.parity or Parity.ALL,
        start=start,
        end=end,
        street=street,
    )


def _street_effect(rule, number):
    """(effect, why) of a rule on the street of an address with this house number; None if it does not apply."""
    if rule.kind == RuleKind.HOUSE_NUMBERS:
        if number is None:
            return CANDIDATE, WHY_NO_NUMBER
        if rule.start is None or rule.end is None or not rule.start <= number <= rule.end:
            return None
        if (rule.parity == Parity.ODD and number % 2 == 0) or (rule.parity == Parity.EVEN and number % 2 == 1):
            return None
        return EXACT, WHY_NUMBERS
    if rule.kind == RuleKind.STREET:
        if rule.side and rule.side != Side.BOTH:
            return CANDIDATE, WHY_SIDE
        return EXACT, WHY_STREET
    if rule.kind == RuleKind.SEGMENT:
        return CANDIDATE, WHY_SEGMENT
    return CANDIDATE, WHY_AREA


def _place_effect(rule, ambiguous=False):
    if rule.kind == RuleKind.AREA:
        return CANDIDATE, WHY_AREA
    if ambiguous:
        return CANDIDATE, WHY_AMBIGUOUS_PLACE
    return EXACT, WHY_PLACE


class Matcher:
    """The rules of one year, compiled for lookups."""

    def __init__(self, zones, rules):
        """zones: Zone objects; rules: (zone_id, rule) pairs, rule a ZoneRule or alike."""
        self.zones = {zone.id: zone for zone in zones}
        self.streets = {}  # street name → rules on it
        self.places = {}  # place form (or alias) → rules
        self.cores = {}  # place core → rules
        self.area_names = {}  # area names not on a street → rules (found inside the address)
        self.rule_count = 0
        for zone_id, rule in rules:
            if zone_id not in self.zones or rule.rule == RuleType.DESCRIPTION:
                continue
            compiled = compile_rule(zone_id, rule)
            self.rule_count += 1
            if compiled.street:
                self.streets.setdefault(compiled.street, []).append(compiled)
            elif compiled.kind == RuleKind.AREA:
                self.area_names.setdefault(compiled.name, []).append(compiled)
            if compiled.kind in (RuleKind.COMPOUND, RuleKind.COMMUNITY, RuleKind.VILLAGE):
                forms = {place_form(compiled.name)} | {place_form(alias) for alias in compiled.alias_list}
                for form in forms:
                    self.places.setdefault(form, []).append(compiled)
                    core = place_core(form)
                    if core:
                        self.cores.setdefault(core, []).append(compiled)
        # Every place name, to find inside the address: forms, aliases and areas in words.
        self.named_places = {name: list(rules) for name, rules in self.places.items()}
        for name, rules in self.area_names.items():
            self.named_places.setdefault(name, []).extend(rules)
        self._street_lengths = sorted({len(name) for name in self.streets}, reverse=True)
        self._place_lengths = sorted({len(name) for name in self.named_places}, reverse=True)

    # ---- examples -------------------------------------------------------------------

    @functools.cached_property
    def examples(self):
        """Addresses these rules decide exactly, for the finder's hints: a
        street with a house number, a street alone and a compound or village
        — each checked by matching it, "" when the rules have none."""
        found = {"address": "", "street": "", "place": ""}
        for rules in self.streets.values():
            for rule in rules:
                if rule.rule != RuleType.INCLUDE:
                    continue
                if rule.kind == RuleKind.STREET and not found["street"] and self._decides(rule.name):
                    found["street"] = rule.name
                if not found["address"]:
                    number = rule.start if rule.kind == RuleKind.HOUSE_NUMBERS else 12
                    if (
                        rule.kind in (RuleKind.STREET, RuleKind.HOUSE_NUMBERS)
                        and number is not None
                        and self._decides(f"{rule.name}{number}号")
                    ):
                        found["address"] = f"{rule.name}{number}号"
        for rules in self.places.values():
            for rule in rules:
                if rule.rule == RuleType.INCLUDE and not found["place"] and self._decides(rule.name):
                    found["place"] = rule.name
        return found

    def _decides(self, text):
        return any(match.confidence == EXACT for match in self.match(parse_address(text)))

    # ---- finding names in the address -------------------------------------------

    @staticmethod
    def _starts_word(text, index):
        if index == 0:
            return True
        before = text[index - 1]
        return before in _BOUNDARY_BEFORE or not _CJK_CHAR.match(before)

    def _find(self, text, names, lengths):
        """(name, index) of the known names in text, longest first, not overlapping."""
        found, taken = [], set()
        for index in range(len(text)):
            if index in taken or not self._starts_word(text, index):
                continue
            for length in lengths:
                candidate = text[index : index + length]
                if len(candidate) == length and candidate in names:
                    found.append((candidate, index))
                    taken.update(range(index, index + length))
                    break
        return found

    def _street_mentions(self, address):
        """[(street, house number or None)] the address is on."""
        if address.street in self.streets:
            return [(address.street, address.number)]
        mentions = []
        for text in (address.normalised, address.text):
            for name, index in self._find(text, self.streets, self._street_lengths):
                number, _rest = leading_number(text[index + len(name) :])
                mentions.append((name, number))
            if mentions:
                break
        return mentions

    def _place_hits(self, address):
        """[(rule, ambiguous)] for the places the address names."""
        hits = []
        if address.compound:
            form = place_form(address.compound)
            forms = [form] + ([_PHASE.sub("", form)] if _PHASE.search(form) else [])
            for candidate in forms:
                if candidate in self.places:
                    hits.extend((rule, False) for rule in self.places[candidate])
                    break
            else:
                for candidate in forms:
                    if place_core(candidate) is None and candidate in self.cores:
                        rules = self.cores[candidate]
                        ambiguous = len({rule.name for rule in rules}) > 1
                        hits.extend((rule, ambiguous) for rule in rules)
                        break
        for text in (address.normalised, address.text):
            found = self._find(text, self.named_places, self._place_lengths)
            for name, _index in found:
                hits.extend((rule, False) for rule in self.named_places[name])
            if found or hits:
                break
        return hits

    # ---- matching -------------------------------------------------------------------------

    def match(self, address):
        """The zones the address may be in, as Match objects, exact ones first."""
        reasons = {}  # zone id → [Reason]
        seen = set()

        def add(rule, effect, why):
            key = (id(rule), why)
            if key not in seen:
                seen.add(key)
                reasons.setdefault(rule.zone_id, []).append(Reason(rule, why, effect))

        hits = []
        for street, number in self._street_mentions(address):
            for rule in self.streets[street]:
                found = _street_effect(rule, number)
                if found is not None:
                    hits.append((rule, *found))
        for rule, ambiguous in self._place_hits(address):
            hits.append((rule, *_place_effect(rule, ambiguous)))
        for rule, effect, why in hits:
            if rule.rule == RuleType.BOUNDARY:
                effect, why = CANDIDATE, WHY_BOUNDARY
            elif rule.rule == RuleType.INCLUDE and effect == EXACT and _EXCEPTION_IN_NOTE.search(rule.note):
                effect, why = CANDIDATE, WHY_EXCEPTION
            add(rule, effect, why)
        matches = [match for zone_id, found in reasons.items() if (match := self._resolve(zone_id, found))]
        return self._rank(matches)

    def _resolve(self, zone_id, found):
        excluded = [r for r in found if r.rule.rule == RuleType.EXCLUDE]
        if any(r.effect == EXACT for r in excluded):
            return None
        included = [r for r in found if r.rule.rule == RuleType.INCLUDE]
        boundaries = [r for r in found if r.rule.rule == RuleType.BOUNDARY]
        exact = [r for r in included if r.effect == EXACT]
        maybe_excluded = [Reason(r.rule, WHY_MAYBE_EXCLUDED, CANDIDATE) for r in excluded]
        if exact and not excluded:
            return Match(self.zones[zone_id], EXACT, exact)
        candidates = exact + [r for r in included if r.effect != EXACT] + boundaries
        if not candidates:
            return None
        return Match(self.zones[zone_id], CANDIDATE, candidates + maybe_excluded)

    @staticmethod
    def _rank(matches):
        exact_stages = {m.zone.stage for m in matches if m.confidence == EXACT}
        kept = [m for m in matches if m.confidence == EXACT or m.zone.stage not in exact_stages]
        stage_order = {"primary": 0, "junior": 1}
        return sorted(
            kept, key=lambda m: (stage_order.get(m.zone.stage, 9), m.confidence != EXACT, m.zone.school, m.zone.id)
        )
