"""The join link as a QR code, drawn on the server as SVG (segno): the projector needs no script for it."""
import io

import segno


def qr_svg(url: str) -> bytes:
    """A standalone SVG document of the URL's QR code (served as an image, sized by the page's CSS)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=1, border=2, omitsize=True)
    return out.getvalue()
