# The zygote: one long-lived Python per runtime command that has imported the runtime and
# boto3 once, and forks a stem cell per request of the launcher (src/pool/launcher/zygotes.ts)
# in ~2 ms instead of a new interpreter booting and importing them again (~250 ms with boto3).
# It speaks the launcher's IPC channel (Node's child_process 'ipc': JSON lines, a file
# descriptor travels with a {"cmd": "NODE_HANDLE"} line as SCM_RIGHTS). Per cell it makes
# three socket pairs, forks, and sends the platform's ends exactly as the launcher sends a
# spawned process's pipes: stream stdout, stderr and channel, then spawned {pid}; exit {code,
# signal} when the cell ends. The child gets the other ends as fds 1, 2 and 3.
import array
import gc
import json
import os
import select
import signal
import socket
import sys


def serve():
    """Forks cells until the launcher goes away; returns only in a forked cell."""
    ipc = socket.socket(fileno=int(os.environ.pop("NODE_CHANNEL_FD")))
    os.environ.pop("NODE_CHANNEL_SERIALIZATION_MODE", None)
    os.environ.pop("_NIMBUS_ZYGOTE", None)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    gc.freeze()  # what is imported stays shared with the cells: no collection dirties its pages
    cells = {}  # pid -> the launcher's id
    pending = b""
    while True:
        try:
            readable = select.select([ipc, wake_r], [], [])[0]
        except InterruptedError:
            continue
        if wake_r in readable:
            os.read(wake_r, 512)
            reap(ipc, cells)
        if ipc not in readable:
            continue
        data = ipc.recv(65536)
        if not data:
            os._exit(0)  # the launcher is gone: cells already forked live on their own channels
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            m = json.loads(line) if line else {}
            if m.get("type") != "fork":
                continue  # NODE_HANDLE_ACK and the like
            if fork_cell(ipc, m["id"], cells):
                for fd in (wake_r, wake_w):
                    os.close(fd)
                return


def fork_cell(ipc, launch_id, cells):
    """True in the new cell (with its fds in place), False in the zygote."""
    pairs = [socket.socketpair() for _ in range(3)]  # stdout, stderr, channel
    pid = os.fork()
    if pid == 0:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()  # its own process group, as a spawned environment: a kill takes its children too
        # detach: a socket object must not close a reused fd number later. The IPC channel is
        # fd 3 itself: it goes first, then the cell's ends become fds 1, 2 and 3.
        os.close(ipc.detach())
        for target, (_, mine) in zip((1, 2, 3), pairs):
            os.dup2(mine.fileno(), target)
        for s in [s for pair in pairs for s in pair]:
            os.close(s.detach())
        gc.enable()
        return True
    for _, theirs in pairs:
        theirs.close()
    for name, (ours, _) in zip(("stdout", "stderr", "channel"), pairs):
        send(ipc, {"cmd": "NODE_HANDLE", "type": "net.Socket", "msg": {"type": "stream", "id": launch_id, "name": name}},
             ours.fileno())
        ours.close()
    send(ipc, {"type": "spawned", "id": launch_id, "pid": pid})
    cells[pid] = launch_id
    return False


def reap(ipc, cells):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        launch_id = cells.pop(pid, None)
        if launch_id is None:
            continue
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            code, name = None, signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        else:
            code, name = os.WEXITSTATUS(status), None
        send(ipc, {"type": "exit", "id": launch_id, "code": code, "signal": name})


def send(ipc, message, fd=None):
    data = json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"
    try:
        if fd is None:
            ipc.sendall(data)
        else:
            ipc.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]).tobytes())])
    except OSError:
        sys.exit(0)  # the launcher is gone
