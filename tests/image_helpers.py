"""Image files for the question-image tests, made in memory with Pillow."""
import io
import struct
import zlib

from PIL import Image


def picture(kind: str = "PNG", size: tuple[int, int] = (40, 30), color=(200, 30, 30), **save) -> bytes:
    """A small one-colour image of the given format."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, kind, **save)
    return out.getvalue()


def photo_with_metadata() -> bytes:
    """A 60×30 JPEG whose EXIF holds a place (GPS), a camera and 'rotate 90°' (orientation 6)."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x0112] = 6  # Orientation: the picture is shown turned a quarter
    exif.get_ifd(0x8825)[2] = (30.0, 15.0, 0.0)  # GPSLatitude
    return picture("JPEG", (60, 30), exif=exif.tobytes())


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb)."""
    raw = bytearray(picture("PNG", (1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(raw[24:29])
    raw[12:29] = header
    raw[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(raw)


def photo_with_damaged_exif() -> bytes:
    """A JPEG whose EXIF says the camera's name lies far past the end of the file."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"
    raw = bytearray(exif.tobytes())
    raw[24:28] = struct.pack(">I", 0x7FFFFFF0)  # the one entry's value offset (after Exif\0\0, TIFF header, count)
    return picture("JPEG", (60, 30), exif=bytes(raw))
