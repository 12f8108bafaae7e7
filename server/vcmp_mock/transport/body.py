"""Reading a request body from a WSGI environ, with a size cap.

A body comes with ``Content-Length`` or, from an HTTP/1.1 client such as
Axis configured for 1.1, chunked (the server de-chunks it and marks the
stream ``wsgi.input_terminated``). Anything else is refused with a status
the client can read, never a hang or a crash.
"""

from __future__ import annotations

from typing import BinaryIO, Mapping

_PIECE = 64 * 1024


class BodyError(Exception):
    """The body cannot be read; ``status`` is the HTTP answer to give."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status


def is_chunked(environ: Mapping[str, object]) -> bool:
    if environ.get("wsgi.input_terminated"):
        return True
    encoding = str(environ.get("HTTP_TRANSFER_ENCODING", ""))
    return "chunked" in encoding.lower()


def declared_length(environ: Mapping[str, object]) -> int | None:
    """The Content-Length, None when absent; BodyError when malformed."""
    text = str(environ.get("CONTENT_LENGTH", "") or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise BodyError("400 Bad Request", f"bad Content-Length {text[:40]!r}")
    return int(text)


def read_body(environ: Mapping[str, object], limit: int, required: bool = False) -> bytes:
    """The whole body (at most ``limit`` bytes), or BodyError.

    ``required``: a body without a length (neither Content-Length nor
    chunked) is refused with 411 instead of being taken as empty.
    """
    stream = environ["wsgi.input"]
    if is_chunked(environ):
        return _read_to_end(stream, limit)  # type: ignore[arg-type]
    length = declared_length(environ)
    if length is None:
        if required:
            raise BodyError("411 Length Required", "no Content-Length")
        return b""
    if length > limit:
        raise BodyError("413 Request Entity Too Large", f"body of {length} bytes")
    return _read_exactly(stream, length)  # type: ignore[arg-type]


def _read_exactly(stream: BinaryIO, length: int) -> bytes:
    pieces, left = [], length
    while left:
        piece = stream.read(min(left, _PIECE))
        if not piece:
            raise BodyError("400 Bad Request", "body shorter than Content-Length")
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def _read_to_end(stream: BinaryIO, limit: int) -> bytes:
    pieces, total = [], 0
    while True:
        try:
            piece = stream.read(_PIECE)
        except (TimeoutError, ConnectionError):
            raise  # the server answers 408 or drops the connection
        except Exception as exc:
            # cheroot's de-chunker reports a bad chunk size with ValueError and
            # a chunk beyond its own size cap with OSError/MaxSizeExceeded
            raise _chunk_error(exc) from exc
        if not piece:
            return b"".join(pieces)
        total += len(piece)
        if total > limit:
            raise BodyError("413 Request Entity Too Large", f"body over {limit} bytes")
        pieces.append(piece)


def _chunk_error(exc: Exception) -> BodyError:
    if "too large" in str(exc).lower() or type(exc).__name__ == "MaxSizeExceeded":
        return BodyError("413 Request Entity Too Large", "chunked body too large")
    return BodyError("400 Bad Request", f"malformed chunked body: {exc}")
