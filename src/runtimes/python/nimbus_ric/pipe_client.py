# The Runtime API calls over Nimbus's private channel (the socket the environment inherits as
# fd 3, _NIMBUS_RUNTIME_FD), as src/runtime-api/frames.ts frames them: no HTTP on either side.
# A frame is: u32 length of the rest | u8 kind | u32 header length | header (JSON) | body.
# Same methods as runtime_client.RuntimeClient, so runtime_loop cannot tell which it drives.
import json
import resource
import socket
import struct
import time

from .runtime_client import RuntimeApiError

INVOKE = 0x49
NEXT = 0x4E
RESPONSE = 0x52
ERROR = 0x45
INIT_ERROR = 0x46
READY = 0x59
SPECIALISE = 0x53

# 6 MiB + 100 bytes: the largest result (frames.ts MAX_RESPONSE_BYTES).
MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100

_PREFIX = struct.Struct(">IBI")
_U32 = struct.Struct(">I")
_getrusage = resource.getrusage  # taken before user code loads


def encode(kind, header=None, body=b""):
    head = json.dumps(header, separators=(",", ":")).encode("utf-8") if header else b"{}"
    return _PREFIX.pack(5 + len(head) + len(body), kind, len(head)) + head + body


class PipeRuntimeClient(object):
    def __init__(self, fd):
        self.sock = socket.socket(fileno=fd)
        self.buf = bytearray()
        self.started = 0.0
        self.peak_kb = 0
        self.read_at = -1e9

    def await_specialise(self):
        """Stem cell: says it is up, then blocks until the platform names its function;
        returns the function's whole environment."""
        self.sock.sendall(encode(READY))
        kind, header, _ = self._read()
        if kind != SPECIALISE:
            raise RuntimeApiError("expected specialise, got frame %#x" % kind)
        return header.get("env") or {}

    def next(self):
        """(body bytes, lower-case headers) of the next invocation; blocks as long as it takes."""
        self.sock.sendall(encode(NEXT))
        kind, header, body = self._read()
        if kind != INVOKE:
            raise RuntimeApiError("expected an invocation, got frame %#x" % kind)
        self.started = time.monotonic()
        return body, header

    def post_response(self, request_id, body, content_type=None):
        max_rss = self._peak()
        if len(body) > MAX_RESPONSE_BYTES:
            self.sock.sendall(encode(RESPONSE, {"id": request_id, "maxRssKb": max_rss, "tooLarge": True}))
            return 413
        self.sock.sendall(encode(RESPONSE, {"id": request_id, "maxRssKb": max_rss}, body))
        return 202

    def post_error(self, request_id, body, error_type):
        self.sock.sendall(encode(ERROR, {"id": request_id, "errorType": str(error_type), "maxRssKb": self._peak()}, body))
        return 202

    def post_init_error(self, body, error_type):
        self.sock.sendall(encode(INIT_ERROR, {"errorType": str(error_type)}, body))
        return 202

    def _peak(self):
        """The process's peak resident set, KiB (REPORT's Max Memory Used). A sub-millisecond
        invocation reuses a reading less than 100 ms old, as the Node runtime does."""
        t = time.monotonic()
        if t - self.started >= 0.001 or t - self.read_at >= 0.1:
            self.peak_kb = _getrusage(resource.RUSAGE_SELF).ru_maxrss
            self.read_at = t
        return self.peak_kb

    def _read(self):
        buf = self.buf
        while True:
            if len(buf) >= 9:
                length = _U32.unpack_from(buf, 0)[0]
                if length < 5:
                    raise RuntimeApiError("bad frame length %d" % length)
                if len(buf) >= 4 + length:
                    kind = buf[4]
                    head_length = _U32.unpack_from(buf, 5)[0]
                    header = json.loads(bytes(buf[9:9 + head_length]).decode("utf-8"))
                    body = bytes(buf[9 + head_length:4 + length])
                    del buf[:4 + length]
                    return kind, header, body
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeApiError("the platform closed the runtime channel")
            buf += chunk

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
