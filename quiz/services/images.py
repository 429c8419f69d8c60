"""Question images: check and re-encode an upload with Pillow, store it once, and say who may see it."""
import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, LiveGame, LiveQuestion, Question, QuestionImage, User

# The formats taken, by Pillow's name; anything else is refused whatever the file is called.
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
# Long side of the stored image: sharp on a projector and a phone, a few hundred KB at most.
MAX_SIDE = 1600
# Refused before decoding: a few KB of PNG can claim gigabytes of pixels (a decompression bomb).
# 40 megapixels is above any phone camera's photo.
MAX_PIXELS = 40_000_000
# Encoder settings: photos stay photos, diagrams and screenshots (PNG) stay lossless.
SAVE_OPTIONS: dict[str, dict[str, Any]] = {"PNG": {"optimize": True}, "JPEG": {"quality": 85, "optimize": True},
                "WEBP": {"quality": 85, "method": 4}}


class BadImage(ValueError):
    """The upload is not an image the app takes; `args[0]` says why, for the teacher."""


@dataclass(frozen=True)
class Processed:
    """An upload after re-encoding: only pixels are left (no EXIF, GPS, comments or colour profiles)."""

    data: bytes
    mime: str
    width: int
    height: int

    @property
    def digest(self) -> str:
        """SHA-256 of the stored bytes: its identity, ETag and part of its address."""
        return hashlib.sha256(self.data).hexdigest()


def process(raw: bytes) -> Processed:
    """Decode an upload as PNG, JPEG or WebP and re-encode it upright, at most MAX_SIDE, metadata stripped."""
    image = decode(raw)
    kind = image.format or "PNG"
    with warnings.catch_warnings():  # damaged EXIF is only skipped (Pillow warns): the pixels are what is kept
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        image = ImageOps.exif_transpose(image)  # a phone photo turned upright before its EXIF is dropped
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    image = plain_mode(image, kind)
    image.info = {}  # nothing of the upload's metadata is written back
    out = io.BytesIO()
    image.save(out, kind, **SAVE_OPTIONS[kind])
    return Processed(out.getvalue(), MIME_TYPES[kind], image.width, image.height)


def decode(raw: bytes) -> Image.Image:
    """Open and fully decode the first frame, or raise BadImage naming the problem."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")  # e.g. a truncated EXIF
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw), formats=list(MIME_TYPES))
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("over MAX_PIXELS")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadImage(_l("This image has too many pixels (at most %(n)s million). Scale it down and upload it "
                          "again.", n=MAX_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise BadImage(_l("This file is not a PNG, JPEG or WebP image.")) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise BadImage(_l("This image is damaged or incomplete and cannot be read.")) from None
    return image


def plain_mode(image: Image.Image, kind: str) -> Image.Image:
    """Colours the format can store: JPEG has no transparency, CMYK and 16-bit modes become RGB(A)."""
    if kind == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA", "P") and not (kind == "WEBP" and image.mode in ("L", "LA", "P")):
        return image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def store(processed: Processed) -> QuestionImage:
    """The stored row for these bytes, added once: the same picture uploaded twice is stored once."""
    digest = processed.digest
    found = db.session.scalar(select(QuestionImage).where(QuestionImage.digest == digest))
    if found is not None:
        return found
    row = QuestionImage(digest=digest, mime=processed.mime, width=processed.width, height=processed.height,
                        data=processed.data)
    try:
        with db.session.begin_nested():  # a parallel upload of the same picture may win the unique digest
            db.session.add(row)
    except IntegrityError:
        return db.session.scalars(select(QuestionImage).where(QuestionImage.digest == digest)).one()
    return row


def drop_if_unused(image_id: int | None) -> None:
    """Delete a replaced or removed image that no question and no past attempt shows any more."""
    if image_id is None:
        return
    used = select(exists().where(Question.image_id == image_id))
    frozen = select(exists().where(AttemptItem.image_id == image_id))
    if not db.session.scalar(used) and not db.session.scalar(frozen):
        image = db.session.get(QuestionImage, image_id)
        if image is not None:
            db.session.delete(image)


def may_see(user: User, image: QuestionImage) -> bool:
    """The rule of the questions showing it: an admin; the author of a question that has it now; a player
    it was shown to in one of their own attempts (started on a quiz they could play); the host of a live
    game that asks it (on the projector; phones only get the options). Nobody else.
    """
    if user.role == "admin":
        return True
    authored = exists().where(Question.image_id == image.id, Question.author_id == user.id)
    shown = exists().where(AttemptItem.image_id == image.id, AttemptItem.attempt_id == Attempt.id,
                           Attempt.user_id == user.id)
    hosted = exists().where(LiveQuestion.image_id == image.id, LiveQuestion.game_id == LiveGame.id,
                            LiveGame.host_id == user.id)
    return bool(db.session.scalar(select(authored | shown | hosted)))
