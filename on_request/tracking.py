"""Access to one application from the public side: a short-lived signed
token, given after the tracking code and the last four characters of the
identity number were checked (or right after submitting). The token names
the case only; it holds no personal data and expires after an hour."""

from django.core import signing

SALT = "on_request.tracking"
MAX_AGE = 60 * 60


def token_for(application):
    return signing.dumps({"c": application.tracking_code}, salt=SALT, compress=False)


def code_from(token):
    """The tracking code in a valid token, or None."""
    if not token or len(token) > 200:
        return None
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE).get("c")
    except (signing.BadSignature, AttributeError):
        return None
