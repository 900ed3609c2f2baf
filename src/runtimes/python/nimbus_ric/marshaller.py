# Events in, results out, as AWS's runtime marshals them
# (awslambdaric/lambda_runtime_marshaller.py): the event is JSON; the result is
# json-encoded (None -> null, Decimal as a number, bytes passed through raw), and what
# cannot be encoded is a Runtime.MarshalError. python3.12+ keeps non-ASCII characters
# unescaped (ensure_ascii=False); older runtimes escape them.
import json
import math
import os
import sys

from .fault import FaultException

_UNESCAPED_RUNTIMES = {"AWS_Lambda_python3.12", "AWS_Lambda_python3.13"}


class Encoder(json.JSONEncoder):
    def __init__(self, ensure_ascii=True):
        super().__init__(ensure_ascii=ensure_ascii)

    def default(self, obj):
        # No Decimal can exist unless something imported decimal (saves ~1 ms of Init).
        decimal = sys.modules.get("decimal")
        if decimal is not None and isinstance(obj, decimal.Decimal):
            # AWS (simplejson) writes the decimal's digits; the standard library can
            # only write an int or a float, so a long fraction may lose digits.
            if obj.is_nan():
                return math.nan
            if str(obj).lstrip("-").isdigit():
                return int(obj)
            return float(obj)
        return super().default(obj)


_encoder = Encoder()
_ascii_encoder = Encoder(ensure_ascii=True)


def configure():
    """Reads the runtime version from the environment: at Init, not at import (a stem cell
    imports this module before it knows its function)."""
    global _encoder
    _encoder = Encoder(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") not in _UNESCAPED_RUNTIMES)


def to_json(obj):
    return _encoder.encode(obj)


def to_json_bytes(obj):
    """UTF-8 JSON; text with lone surrogates falls back to \\u escapes rather than failing."""
    text = _encoder.encode(obj)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _ascii_encoder.encode(obj).encode("ascii")


def unmarshal_request(body, content_type="application/json"):
    if content_type and content_type != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))


def marshal_response(response):
    """(bytes, content type) to post as the invocation's response."""
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json_bytes(response), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))
