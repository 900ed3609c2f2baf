# Function output in Lambda's formats (awslambdaric bootstrap.py + lambda_runtime_log_utils.py):
# the root `logging` handler writes `[LEVEL]\t<UTC time>Z\t<request id>\t<message>` (or a
# JSON object with AWS_LAMBDA_LOG_FORMAT=JSON), and errors are logged as
# `[ERROR] Type: message` plus the traceback. Everything goes to stdout, one line per log
# event: line breaks inside one event become \r, as AWS's runtime does for stdout.
import json
import logging
import os
import sys
import time

_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
ERROR_LOG_LINE_TERMINATE = "\r"
ERROR_LOG_IDENT = "\u00a0"  # NO-BREAK SPACE, as AWS indents traceback lines

# Read from the environment by setup_logging() at Init (a stem cell imports this module first).
JSON_FORMAT = False
LOG_LEVEL = ""

current = {"request_id": None, "tenant_id": None}


def write(text):
    """Writes to the (possibly user-replaced) stdout; a failing stdout never fails the runtime."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except Exception:
        pass


def one_line(text):
    """One log event per line: inner line breaks become \\r, one \\n ends the event."""
    body = text[:-1] if text.endswith("\n") else text
    return body.replace("\r\n", "\r").replace("\n", "\r") + "\n"


class LambdaLoggerHandler(logging.Handler):
    def emit(self, record):
        try:
            write(one_line(self.format(record)))
        except Exception:
            self.handleError(record)


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current["request_id"] or ""
        record.tenant_id = current["tenant_id"]
        return True


_RESERVED = {"name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
             "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread",
             "threadName", "processName", "process", "aws_request_id", "tenant_id", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        import traceback
        levelno = min(50, max(0, record.levelno)) // 10 * 10
        exc = record.exc_info
        result = {
            "timestamp": time.strftime(_DATETIME_FORMAT, time.gmtime(record.created)) + ".%03dZ" % record.msecs,
            "level": logging.getLevelName(levelno),
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc else None,
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        result.update((k, v) for k, v in record.__dict__.items() if k not in _RESERVED and k not in result)
        return json.dumps({k: v for k, v in result.items() if v is not None}, ensure_ascii=False, default=str) + "\n"


def setup_logging():
    global JSON_FORMAT, LOG_LEVEL
    JSON_FORMAT = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    LOG_LEVEL = {None: "", "TRACE": "DEBUG"}.get(level, level or "").upper()
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler()
    if JSON_FORMAT:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", _DATETIME_FORMAT))
    root = logging.getLogger()
    if LOG_LEVEL in logging._nameToLevel:
        root.setLevel(LOG_LEVEL)
    handler.addFilter(LambdaLoggerFilter())
    root.addHandler(handler)


def _indent(line):
    n = len(line) - len(line.lstrip(" "))
    return ERROR_LOG_IDENT * n + line[n:]


def log_error(error):
    """Logs an error JSON as the runtime does when a handler or Init fails."""
    if JSON_FORMAT:
        entry = {"timestamp": time.strftime(_DATETIME_FORMAT, time.gmtime()), "level": "ERROR"}
        entry.update(error)
        write(json.dumps(entry) + "\n")
        return
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description]
    if error.get("stackTrace") is not None:
        lines.append("Traceback (most recent call last):")
        for element in error["stackTrace"]:
            lines.extend([_indent(l) for l in element.splitlines()] if element else [""])
    write(one_line(ERROR_LOG_LINE_TERMINATE.join(lines)))
