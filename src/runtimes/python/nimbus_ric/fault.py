# Errors the runtime itself reports, with the error types of AWS's runtime
# (awslambdaric/lambda_runtime_exception.py), and the error JSON Lambda returns:
# {errorMessage, errorType, requestId, stackTrace} in that order.
import os
import sys
import traceback

RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def user_frames(tb):
    """The traceback without the runtime's own leading frames (the call into the handler)."""
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if not frame.filename.startswith(RUNTIME_DIR):
            return frames[i:]
    return frames


def error_from_exception(exc_info=None, invoke_id=None):
    """The error JSON for an exception raised by user code (or a FaultException)."""
    etype, value, tb = exc_info or sys.exc_info()
    if isinstance(value, FaultException):
        return make_error(value.msg, value.exception_type, value.trace, invoke_id)
    frames = user_frames(tb)
    return make_error(str(value), etype.__name__, traceback.format_list(frames), invoke_id)
