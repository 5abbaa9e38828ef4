from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail import hooks

from disclosure.models import Office
from moderation.roles import LEADER, REVIEWER, SECRECY_REVIEWER, editor_group_name, setup_roles

DEMO_PASSWORD = "local-demo-only"


def demo_account_specs():
    """(username, group name, what the account is for) of the local demo
    accounts; feature apps add theirs through the hook `register_demo_accounts`."""

    specs = [
        ("editor-jichu", editor_group_name(Office(name="基础教育科")), _("office editor of 基础教育科")),
        ("editor-caiwu", editor_group_name(Office(name="计划财务科")), _("office editor of 计划财务科")),
        ("reviewer", REVIEWER, _("office reviewer")),
        ("secrecy", SECRECY_REVIEWER, _("confidentiality reviewer")),
        ("leader", LEADER, _("leader in charge, the only role that publishes")),
    ]
    for register_demo_accounts in hooks.get_hooks("register_demo_accounts"):
        specs.extend(register_demo_accounts())
    return specs


class Command(BaseCommand):
    help = "Create or update the editorial roles and office permissions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts", action="store_true", help="also create one local demo account per role (DEBUG only)"
        )

    def handle(self, demo_accounts, **options):
        names = setup_roles()
        self.stdout.write(_("Roles: %(names)s") % {"names": "、".join(names)})
        if not demo_accounts:
            return
        if not settings.DEBUG:
            raise CommandError(_("The demo accounts are for local development only (DEBUG is off)."))
        User = get_user_model()
        for username, group_name, purpose in demo_account_specs():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username, f"{username}@example.invalid", DEMO_PASSWORD)
            user.groups.add(group)
            self.stdout.write(
                self.style.WARNING(
                    _("LOCAL DEMO ONLY — %(user)s / %(password)s: %(purpose)s")
                    % {"user": username, "password": DEMO_PASSWORD, "purpose": purpose}
                )
            )
