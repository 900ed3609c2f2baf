# The Lambda Runtime API calls (AWS_LAMBDA_RUNTIME_API = host:port) over one keep-alive
# HTTP/1.1 connection. A plain socket rather than http.client: http.client pulls in
# email and ssl, ~25 ms of every cold start, for four fixed requests.
import socket

BASE = "/2018-06-01/runtime"


class RuntimeApiError(Exception):
    pass


class RuntimeClient(object):
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = (host or "127.0.0.1", int(port))
        self.sock = None
        self.buf = b""

    def next(self):
        """(body bytes, lower-case headers) of the next invocation; blocks as long as it takes."""
        status, headers, body = self.request("GET", BASE + "/invocation/next")
        if status != 200:
            raise RuntimeApiError("Runtime API /next answered %d: %r" % (status, body[:200]))
        return body, headers

    def post_response(self, request_id, body, content_type):
        return self.request("POST", "%s/invocation/%s/response" % (BASE, request_id), body,
                            {"Content-Type": content_type})[0]

    def post_error(self, request_id, body, error_type):
        return self.request("POST", "%s/invocation/%s/error" % (BASE, request_id), body, _error_headers(error_type))[0]

    def post_init_error(self, body, error_type):
        return self.request("POST", BASE + "/init/error", body, _error_headers(error_type))[0]

    def request(self, method, path, body=b"", headers=None):
        head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: %d\r\n" % (
            method, path, self.address[0], self.address[1], len(body))
        for k, v in (headers or {}).items():
            head += "%s: %s\r\n" % (k, v)
        data = head.encode("latin-1", "replace") + b"\r\n" + body
        reused = self.sock is not None
        try:
            return self._exchange(data)
        except (OSError, RuntimeApiError):
            self.close()
            if not reused:
                raise
        return self._exchange(data)  # the kept-alive connection was gone: once more on a new one

    def _exchange(self, data):
        if self.sock is None:
            self.sock = socket.create_connection(self.address)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buf = b""
        self.sock.sendall(data)
        head = self._read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = self._read_exactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            body = self._read_to_close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise RuntimeApiError("the Runtime API closed the connection")
        self.buf += chunk

    def _read_until(self, marker):
        while True:
            i = self.buf.find(marker)
            if i >= 0:
                out, self.buf = self.buf[:i], self.buf[i + len(marker):]
                return out
            self._fill()

    def _read_exactly(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self._read_until(b"\r\n").split(b";")[0], 16)
            if size == 0:
                self._read_until(b"\r\n")
                return b"".join(parts)
            parts.append(self._read_exactly(size))
            self._read_exactly(2)

    def _read_to_close(self):
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                out, self.buf = self.buf, b""
                self.close()
                return out
            self.buf += chunk

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None


def _error_headers(error_type):
    # The error type is user data (an exception's name): header values stay printable ASCII.
    safe = "".join(c if " " <= c <= "~" else "?" for c in str(error_type))
    return {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": safe}
