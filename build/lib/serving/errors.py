"""Numbered error messages and the typed exceptions that carry them.

The library raises these; the HTTP layer turns them into 4xx JSON bodies and the CLI
into one clear line. Codes never change meaning once published.
"""

from __future__ import annotations


class Errors:
    E001 = "no model in {path} — run `make train` (or set MODEL_DIR to a model folder)"
    E002 = "model folder {path} is incomplete: missing {missing}"
    E003 = "model folder {path} is unusable: {reason}"
    E010 = "text {index} has {n} characters; the limit is {limit}"
    E011 = "{n} texts in one batch; the limit is {limit}"
    E012 = "request body has {n} bytes; the limit is {limit}"
    E013 = "text {index} is not valid Unicode text: {reason}"
    E020 = "line {line}: not valid JSON ({reason})"
    E021 = "line {line}: a JSON line needs a string field \"text\""
    E022 = "line {line}: not valid UTF-8"
    E023 = "input file {path} does not exist"


class TaggerError(Exception):
    """Base class; `code` is the catalogue number, str(exc) the full message."""

    code = "E000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + getattr(Errors, code).format(**fields))


class ModelError(TaggerError):
    """The model folder is missing, incomplete or corrupt."""


class InputError(TaggerError):
    """The caller's input breaks a limit or is not text."""


class LineError(TaggerError):
    """One line of a batch file is malformed."""
