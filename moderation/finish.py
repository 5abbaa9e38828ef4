"""WAGTAIL_FINISH_WORKFLOW_ACTION. Wagtail imports it while it loads its
own models, so this module imports nothing at the top."""


def publish_approved(workflow_state, user=None):
    from .publication import publish_approved as publish  # local: Wagtail imports this module with its models

    return publish(workflow_state, user=user)
