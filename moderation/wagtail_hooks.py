from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "moderation.screening_justified",
        _("Personal data approved with justification"),
        _("Personal data approved with justification"),
    )
