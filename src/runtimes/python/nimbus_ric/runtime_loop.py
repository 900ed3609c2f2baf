# Init, then the invoke loop (awslambdaric/bootstrap.py run / handle_event_request):
# load the handler (an Init failure goes to /init/error and the process exits), then for
# each /next call the handler and post its result or its error.
import os
import sys

from . import log_sink
from .fault import FaultException, error_from_exception, make_error
from .handler_loader import get_handler
from .lambda_context import create_lambda_context
from . import marshaller
from .marshaller import marshal_response, to_json_bytes, unmarshal_request
from .runtime_client import RuntimeApiError

LAMBDA_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare "
    "cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, "
    "runtime updates can be triggered by a function change, or can be applied automatically. To determine if the "
    "runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a "
    "change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


def flush_output():
    """Output written before the result reaches the pipe before the result is posted."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


def handle_event_request(client, request_handler, body, headers):
    invoke_id = headers.get("lambda-runtime-aws-request-id")
    error = None
    try:
        context = create_lambda_context(headers)
        event = unmarshal_request(body, headers.get("content-type"))
        result, content_type = marshal_response(request_handler(event, context))
    except Exception:
        error = error_from_exception(sys.exc_info(), invoke_id)
    if error is not None:
        log_sink.log_error(error)
        flush_output()
        client.post_error(invoke_id, to_json_bytes(error), error["errorType"])
    else:
        flush_output()
        client.post_response(invoke_id, result, content_type)


def run(handler, client):
    """Init and the loop over `client` (runtime_client over HTTP, or pipe_client over fd 3)."""
    try:
        marshaller.configure()
        log_sink.setup_logging()
        request_handler = get_handler(handler)
    except Exception as e:
        if isinstance(e, FaultException):
            error = make_error(e.msg, e.exception_type, e.trace)
        else:
            error = error_from_exception(sys.exc_info())
        import logging
        logging.warning(LAMBDA_WARNING)
        log_sink.log_error(error)
        flush_output()
        try:
            client.post_init_error(to_json_bytes(error), error["errorType"])
        finally:
            sys.exit(1)

    while True:
        try:
            body, headers = client.next()
        except (OSError, RuntimeApiError, ValueError):
            sys.exit(1)  # the platform is gone or refused: an environment without it must end
        log_sink.current["request_id"] = headers.get("lambda-runtime-aws-request-id")
        log_sink.current["tenant_id"] = headers.get("lambda-runtime-aws-tenant-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id is not None:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            handle_event_request(client, request_handler, body, headers)
        except (OSError, RuntimeApiError):
            sys.exit(1)  # the result could not be posted: the platform ends this environment
