"""Question images, sent only to people who may see a question showing them."""
from flask import make_response, request
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import QuestionImage
from quiz.play import bp
from quiz.services import images

YEAR = 365 * 24 * 3600


@bp.route("/images/<int:image_id>/<digest>")
def image(image_id: int, digest: str):
    """Send an image to its question's author, an admin or a player it was shown to; 404 for anyone else.

    The address holds the content's SHA-256, so a browser keeps it for good (private: never a shared cache).
    """
    row = db.session.get(QuestionImage, image_id)
    if row is None or row.digest != digest or not current_user.is_authenticated \
            or not images.may_see(current_user, row):
        abort_with(404, _("There is no such image."))
    response = make_response(row.data)
    response.mimetype = row.mime
    response.set_etag(row.digest)
    response.cache_control.private = True
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    return response.make_conditional(request)
