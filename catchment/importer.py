"""Import of the zone spreadsheet (`manage.py import_catchments`, the admin
upload): one `EnrolmentZonePage` per year, stage and school under
招生管理 › 招生范围, its rules from the file's rows.

First a plan (the preview): every row is checked, and every problem is
reported with its line number. Then, only if nothing is wrong (or with
`partial`, for the zones whose rows are all valid), the plan is applied in
one transaction:

- a zone that does not exist yet becomes a new page (the first 描述 row is its
  published wording, which a new zone must have); an unknown school is created;
- an existing zone (same year, stage and school) has its rules **replaced**
  by the file's rows, and its published wording too if the file has a 描述
  row; other fields (plan, dates, documents, contacts) are kept. A zone whose
  rules and wording are already those of the file is left alone (no new
  revision). A page with unpublished changes (a draft, or a revision in
  review) or locked is not touched: the import reports it as a problem;
- `keep_existing` (the demo loader) only creates missing zones.

Publishing: by default the changes are published, like `import_documents`;
`publish=False` saves them as drafts (new revisions), which the admin upload
then submits to the review workflow. Published imports are screened for
personal data like the admin's Publish button: anything found is a problem
of its row."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.deferral import deferred_side_effects
from core.problems import ProblemsError
from core.publication import trusted_publication, trusted_reason
from disclosure.models import CatalogueItemPage, EnrolmentZonePage, School, ZoneRule
from disclosure.models.enrolment import RULE_TERMS, SCHOOL_STAGES, STAGE_TERMS, EnrolmentStage, RuleType
from moderation.screening import screen_text

from .spreadsheet import format_problem, parse_row, read_table, validate_rule

ITEM_KEY = "招生管理/招生范围"
RULE_FIELDS = ("rule", "kind", "name", "start", "end", "parity", "side", "aliases", "note")

CREATE, REPLACE, UNCHANGED, KEEP = "create", "replace", "unchanged", "keep"


class ImportRefused(ProblemsError):
    """Nothing was applied; `problems` lists every reason."""


@dataclass
class Problem:
    line: int | None
    column: str
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return format_problem(self.line, self.column, self.message)


def page_title(year, stage, school):
    term = STAGE_TERMS[stage]
    return f"{year}年{school}{'' if school.endswith(term) else term}招生范围"


@dataclass
class ZonePlan:
    key: tuple  # (year, stage, school name)
    lines: list = field(default_factory=list)
    description: str | None = None
    description_row_seen: bool = False  # even one with errors (already reported)
    rules: list = field(default_factory=list)  # ZoneRule field values, in file order
    rule_lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    action: str = CREATE
    page: EnrolmentZonePage | None = None
    old_rule_count: int = 0
    description_changed: bool = False

    @property
    def year(self):
        return self.key[0]

    @property
    def stage(self):
        return self.key[1]

    @property
    def school(self):
        return self.key[2]

    @property
    def title(self):
        return self.page.title if self.page is not None else page_title(*self.key)

    @property
    def stage_term(self):
        return STAGE_TERMS.get(self.stage, "")

    @property
    def first_line(self):
        return self.lines[0] if self.lines else None

    def problem(self, message, line=None, column=""):
        self.problems.append(Problem(self.first_line if line is None else line, column, message))


@dataclass
class ImportPlan:
    zones: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # Problem, in line order
    row_count: int = 0
    new_schools: list = field(default_factory=list)
    new_school_stages: dict = field(default_factory=dict)  # school name → stages it will enrol

    @property
    def ok(self):
        return not self.problems

    def messages(self):
        return [str(problem) for problem in self.problems]

    @property
    def invalid_zones(self):
        return [zone for zone in self.zones if zone.problems]

    @property
    def applicable(self):
        return [zone for zone in self.zones if not zone.problems and zone.action in (CREATE, REPLACE)]


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    replaced: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # zones with problems, with --partial
    schools_created: list = field(default_factory=list)
    pages: list = field(default_factory=list)  # the pages written
    published: bool = True

    def as_report(self):
        """The result as a job's report (JSON)."""
        return {
            "created": self.created,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "schools_created": self.schools_created,
            "pages": [{"id": page.pk, "title": page.title} for page in self.pages],
            "published": self.published,
        }


# ---- planning ---------------------------------------------------------------------------


class _NoProgress:
    def step(self, label, total=0):
        pass

    def advance(self, amount=1):
        pass


def plan_file(data, filename="", progress=None, **options):
    """Read a file's bytes and plan its import (SpreadsheetError if it cannot be read at all)."""
    progress = progress or _NoProgress()
    progress.step(_("Reading the file"))
    rows = read_table(data, filename)
    return plan_rows(rows, progress=progress, **options)


def plan_rows(rows, *, keep_existing=False, publish=True, user=None, progress=None):
    """Check every row and decide what happens to each zone; nothing is written."""
    progress = progress or _NoProgress()
    progress.step(_("Checking the rows"), total=len(rows))
    plan = ImportPlan(row_count=len(rows))
    zones = {}
    orphans = []
    for row in rows:
        progress.advance()
        parsed = parse_row(row)
        zone = None
        if parsed.key is not None:
            zone = zones.get(parsed.key)
            if zone is None:
                zone = zones[parsed.key] = ZonePlan(key=parsed.key)
            zone.lines.append(parsed.line)
            if row.values.get("rule") == RULE_TERMS[RuleType.DESCRIPTION]:
                zone.description_row_seen = True
        for column, message in parsed.errors:
            problem = Problem(parsed.line, column, message)
            (zone.problems if zone is not None else orphans).append(problem)
        if zone is None or parsed.errors:
            continue
        if parsed.values["rule"] == RuleType.DESCRIPTION and zone.description is None:
            zone.description = parsed.values["name"].strip("\n")
            continue
        if parsed.values["rule"] == RuleType.DESCRIPTION:
            # A further 描述 row is a rule ("further details"): it must fit one.
            extra = ZoneRule(**parsed.values)
            for column, message in validate_rule(extra):
                zone.problem(message, parsed.line, column)
            parsed.values.update({name: getattr(extra, name) for name in RULE_FIELDS})
        values = {name: parsed.values[name] for name in RULE_FIELDS}
        if values in zone.rules:
            first = zone.rule_lines[zone.rules.index(values)]
            zone.problem(_("The same rule as line %(line)s.") % {"line": first}, parsed.line)
            continue
        zone.rules.append(values)
        zone.rule_lines.append(parsed.line)
    plan.zones = list(zones.values())
    progress.step(_("Comparing the zones with the site"), total=len(plan.zones))
    file_problems = _check_zones(plan, keep_existing=keep_existing, publish=publish, user=user, progress=progress)
    plan.problems = file_problems + sorted(
        orphans + [problem for zone in plan.zones for problem in zone.problems],
        key=lambda problem: (problem.line or 0, problem.column),
    )
    if not rows:
        plan.problems.append(Problem(None, "", _("The file has a header row but no zones.")))
    return plan


def _check_zones(plan, *, keep_existing, publish, user, progress):
    """Compare the zones with the site: schools, existing pages, permissions, screening.
    Returns the problems of the whole file (not of one line)."""
    if not plan.zones:
        return []
    names = {zone.school for zone in plan.zones}
    schools = {school.name: school for school in School.objects.filter(name__in=names)}
    existing = _existing_zone_pages(plan, names)
    item = CatalogueItemPage.objects.filter(catalogue_key=ITEM_KEY).first()
    file_problems = []
    if item is None:
        file_problems.append(
            Problem(
                None,
                "",
                _("The catalogue item %(item)s does not exist: load the catalogue first.") % {"item": ITEM_KEY},
            )
        )
    item_permissions = item.permissions_for_user(user) if item is not None and user is not None else None
    new_school_names = set()
    for zone in plan.zones:
        progress.advance()
        school = schools.get(zone.school)
        if school is None:
            new_school_names.add(zone.school)
        elif school.stage not in SCHOOL_STAGES[zone.stage]:
            zone.problem(
                _("%(school)s is registered as “%(school_stage)s”: it does not enrol at the stage %(stage)s.")
                % {"school": school.name, "school_stage": school.get_stage_display(), "stage": zone.stage_term}
            )
        found = existing.get(zone.key, [])
        if len(found) > 1:
            zone.problem(
                _("There are %(count)s zone pages for %(year)s %(school)s (%(stage)s): keep one, then import again.")
                % {"count": len(found), "year": zone.year, "school": zone.school, "stage": zone.stage_term}
            )
            continue
        if found:
            _compare_with_page(zone, found[0], keep_existing=keep_existing, user=user)
        else:
            _check_new_zone(zone, item_permissions)
        if publish and zone.action in (CREATE, REPLACE):
            _check_may_publish(zone, user, item_permissions)
            _screen(zone)
    _plan_new_schools(plan, new_school_names)
    return file_problems


def _existing_zone_pages(plan, names):
    """The zone pages of the file's years and schools, by (year, stage, school name)."""
    existing = {}
    pages = (
        EnrolmentZonePage.objects.filter(year__in={zone.year for zone in plan.zones}, school__name__in=names)
        .select_related("school", "locked_by")
        .prefetch_related("rules")
    )
    for page in pages:
        existing.setdefault((page.year, page.stage, page.school.name), []).append(page)
    return existing


def _check_new_zone(zone, item_permissions):
    zone.action = CREATE
    if zone.description is None and not zone.description_row_seen:
        zone.problem(_("A new zone needs its wording as published: add a row with the rule 描述 and the type 范围."))
    if item_permissions is not None and not item_permissions.can_add_subpage():
        zone.problem(_("You may not add pages under 招生范围."))


def _compare_with_page(zone, page, *, keep_existing, user):
    """An existing zone page: unchanged, kept, or its rules replaced (if it may be)."""
    zone.page = page
    old = [{name: getattr(rule, name) for name in RULE_FIELDS} for rule in page.rules.all()]
    zone.old_rule_count = len(old)
    zone.description_changed = zone.description is not None and zone.description != page.zone_description
    if keep_existing:
        zone.action = KEEP
        return
    zone.action = UNCHANGED if old == zone.rules and not zone.description_changed else REPLACE
    if zone.action != REPLACE:
        return
    if page.has_unpublished_changes:
        zone.problem(
            _(
                "“%(title)s” has unpublished changes (a draft or a revision in review): publish or discard them, then import again."
            )
            % {"title": page.title}
        )
    if page.locked:
        zone.problem(_("“%(title)s” is locked: unlock it, then import again.") % {"title": page.title})
    if user is not None and not page.permissions_for_user(user).can_edit():
        zone.problem(_("You may not edit “%(title)s”.") % {"title": page.title})


def _check_may_publish(zone, user, item_permissions):
    if user is None:
        return
    if zone.page is None:
        can_publish = item_permissions is not None and item_permissions.can_publish_subpage()
    else:
        can_publish = zone.page.permissions_for_user(user).can_publish()
    if not can_publish:
        zone.problem(_("You may not publish: save the zones as drafts for review instead."))


def _plan_new_schools(plan, new_school_names):
    """Only the schools of zones that will be applied are created."""
    valid = {zone.school for zone in plan.zones if not zone.problems}
    plan.new_school_stages = {
        school: {zone.stage for zone in plan.zones if zone.school == school and not zone.problems}
        for school in new_school_names
        if school in valid
    }
    plan.new_schools = sorted(plan.new_school_stages)


def _screen(zone):
    """Publishing directly is refused while the personal-data screening finds something (as in the page editor)."""

    texts = [(zone.first_line, zone.description or "")]
    texts += [
        (line, " ".join((values["name"], values["note"], values["aliases"])))
        for line, values in zip(zone.rule_lines, zone.rules, strict=False)
    ]
    for line, text in texts:
        findings = screen_text(text)
        if findings:
            details = "；".join(f"{finding.get_kind_display()} {finding.masked}" for finding in findings)
            zone.problem(
                _(
                    "The personal-data screening found %(details)s: not published. Remove it, or import as drafts for review."
                )
                % {"details": details},
                line,
            )


# ---- applying ---------------------------------------------------------------------------


def _free_slug(item, base):
    taken = set(item.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _school_stage(stages):
    if stages == {EnrolmentStage.PRIMARY}:
        return School.Stage.PRIMARY
    if stages == {EnrolmentStage.JUNIOR}:
        return School.Stage.JUNIOR
    return School.Stage.NINE_YEAR


def apply_plan(plan, *, user=None, publish=True, partial=False, submit=False, prepare_new_page=None, progress=None):
    """Write the plan in one transaction; ImportRefused (nothing written) if it has problems, unless partial.
    Without a user the import is the operator's (a command, the demo): its publications are trusted
    like theirs (docs/review-workflow.md); a user's pages go through the review."""
    if publish and user is None and trusted_reason() is None:
        with trusted_publication(_("enrolment zones imported by import_catchments")):
            return apply_plan(
                plan,
                publish=publish,
                partial=partial,
                submit=submit,
                prepare_new_page=prepare_new_page,
                progress=progress,
            )
    progress = progress or _NoProgress()
    if not plan.ok and not partial:
        raise ImportRefused(plan.messages())
    file_problems = [str(problem) for problem in plan.problems if problem.line is None]
    if file_problems:
        raise ImportRefused(file_problems)
    result = ImportResult(published=publish)
    result.skipped = [zone.title for zone in plan.invalid_zones]
    result.unchanged = [zone.title for zone in plan.zones if not zone.problems and zone.action in (UNCHANGED, KEEP)]
    stages = plan.new_school_stages
    # Search and reference indexes, search documents: once per page at the end, not on every save.
    with transaction.atomic(), deferred_side_effects():
        item = CatalogueItemPage.objects.select_related("office").get(catalogue_key=ITEM_KEY)
        applicable = plan.applicable
        progress.step(_("Writing the zones"), total=len(applicable))
        schools = {school.name: school for school in School.objects.filter(name__in={z.school for z in applicable})}
        for zone in applicable:
            progress.advance()
            school = schools.get(zone.school)
            if school is None:
                school = schools[zone.school] = School.objects.create(
                    name=zone.school, stage=_school_stage(stages.get(zone.school, {zone.stage}))
                )
                result.schools_created.append(school.name)
            if zone.action == CREATE:
                page = _create_zone_page(item, zone, school, prepare_new_page)
                result.created.append(page.title)
            else:
                page = _replace_zone_rules(zone)
                result.replaced.append(page.title)
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
            elif submit:
                workflow = page.get_workflow()
                if workflow is not None:
                    workflow.start(page, user)
            result.pages.append(page)
        progress.step(_("Updating the search indexes"))
    return result


def _create_zone_page(item, zone, school, prepare_new_page):
    title = page_title(*zone.key)
    page = EnrolmentZonePage(
        title=title,
        slug=_free_slug(item, slugify(title, allow_unicode=True)),
        year=zone.year,
        stage=zone.stage,
        school=school,
        zone_description=zone.description,
        issuing_office=item.office,
        live=False,
    )
    page.rules = _rules_in_file_order(zone)
    if prepare_new_page is not None:
        prepare_new_page(page)
    item.add_child(instance=page)
    return page


def _rules_in_file_order(zone):
    """The zone's rules, numbered in the file's order: modelcluster leaves
    `sort_order` empty when rules are assigned as a list, and PostgreSQL
    then returns them in any order."""
    return [ZoneRule(sort_order=number, **values) for number, values in enumerate(zone.rules)]


def _replace_zone_rules(zone):
    """The zone's page with the file's rules (not yet saved); refused if it changed since the plan."""
    page = EnrolmentZonePage.objects.select_for_update().get(pk=zone.page.pk)
    if page.has_unpublished_changes or page.locked:
        raise ImportRefused(
            [_("“%(title)s” changed while the import was being prepared: import again.") % {"title": page.title}]
        )
    page.rules = _rules_in_file_order(zone)
    if zone.description is not None:
        page.zone_description = zone.description
    return page


def import_file(path, *, keep_existing=False, publish=True, partial=False, prepare_new_page=None, user=None):
    """Plan and apply the import of a file on disk; returns (plan, result)."""
    with open(path, "rb") as handle:
        data = handle.read()
    plan = plan_file(data, str(path), keep_existing=keep_existing, publish=publish, user=user)
    result = apply_plan(plan, user=user, publish=publish, partial=partial, prepare_new_page=prepare_new_page)
    return plan, result
