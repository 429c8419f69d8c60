"""How large an upload may be: an image on the question editor, a text file (timeline, CSV) elsewhere."""
from flask import current_app, request

# The question editor takes an image (IMAGE_UPLOAD_LIMIT); every other form keeps MAX_CONTENT_LENGTH.
IMAGE_UPLOAD_ENDPOINTS = frozenset({"teach.new_question", "teach.edit_question"})
FORM_SLACK = 64 * 1024  # the form's other fields beside the file


def upload_limit() -> int:
    """The largest file this request's form takes."""
    image = request.endpoint in IMAGE_UPLOAD_ENDPOINTS
    return int(current_app.config["IMAGE_UPLOAD_LIMIT" if image else "UPLOAD_LIMIT"])


def allow_image_uploads() -> None:
    """Let the question editor's request carry an image. Registered before CSRFProtect, which reads the form."""
    if request.endpoint in IMAGE_UPLOAD_ENDPOINTS:
        request.max_content_length = upload_limit() + FORM_SLACK
