#!/usr/bin/env python3
"""Misbehaving TLS peers for the interop failure tests, loopback only, every wait bounded.

    peers.py free-port                          print a free TCP port on 127.0.0.1
    peers.py wait-port HOST PORT SECONDS        exit 0 once HOST:PORT accepts connections
    peers.py flip-relay HOST:PORT DIR INDEX     relay one connection to HOST:PORT, flipping one bit
                                                in the INDEX-th protected record (0 = the first
                                                after ChangeCipherSpec) sent in DIR (c2s or s2c)
    peers.py record-relay HOST:PORT FILE        relay one connection to HOST:PORT unchanged, then write
                                                its bytes to FILE as "ClientToServer = <hex>" and
                                                "ServerToClient = <hex>" lines (the fields of
                                                vectors/tls/record.sh recordings)
    peers.py garbage-server                     answer a ClientHello with bytes that are not TLS
    peers.py close-server                       read the ClientHello, then close (mid-handshake)
    peers.py garbage-client HOST:PORT           send bytes that are not TLS to a server
    peers.py half-client HOST:PORT              send half a ClientHello record, then close
    peers.py slow-client HOST:PORT SECONDS      connect, print CONNECTED, send nothing for SECONDS

Servers print "ACCEPT 127.0.0.1:PORT" first (like `lucid server --accept 0`). Whatever the peer
receives after its own misbehaviour is decoded: each TLS alert as a line
"ALERT <level> <description>", anything else as "DATA <hex>"; the end as "EOF".
"""
import socket
import sys
import time

ALERTS = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
          40: "handshake_failure", 42: "bad_certificate", 43: "unsupported_certificate",
          44: "certificate_revoked", 45: "certificate_expired", 46: "certificate_unknown",
          47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied", 50: "decode_error",
          51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
          90: "user_canceled", 100: "no_renegotiation", 110: "unsupported_extension",
          112: "unrecognized_name", 120: "no_application_protocol"}
LIMIT = 20  # seconds: no peer waits longer than this for anything


def say(line):
    print(line, flush=True)


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(4)
    s.settimeout(LIMIT)
    say("ACCEPT 127.0.0.1:%d" % s.getsockname()[1])
    return s


def accept(server):
    conn, _ = server.accept()
    conn.settimeout(LIMIT)
    return conn


def connect(target):
    host, port = target.rsplit(":", 1)
    c = socket.create_connection((host, int(port)), timeout=LIMIT)
    c.settimeout(LIMIT)
    return c


def read_record(conn):
    """One TLS record (header, fragment), or None at EOF."""
    header = b""
    while len(header) < 5:
        chunk = conn.recv(5 - len(header))
        if not chunk:
            return None
        header += chunk
    length = int.from_bytes(header[3:5], "big")
    body = b""
    while len(body) < length:
        chunk = conn.recv(length - len(body))
        if not chunk:
            return None
        body += chunk
    return header, body


def report_what_comes_back(conn):
    """Prints the alerts (in the clear: none is encrypted before the handshake ends) until EOF."""
    data = b""
    try:
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    while len(data) >= 5:
        length = int.from_bytes(data[3:5], "big")
        fragment = data[5:5 + length]
        if data[0] == 21 and len(fragment) == 2:
            level = {1: "warning", 2: "fatal"}.get(fragment[0], str(fragment[0]))
            say("ALERT %s %s" % (level, ALERTS.get(fragment[1], "unknown(%d)" % fragment[1])))
        else:
            say("DATA %s" % data[:5 + length].hex())
        data = data[5 + length:]
    if data:
        say("DATA %s" % data.hex())
    say("EOF")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    say(str(s.getsockname()[1]))
    s.close()


def wait_port(host, port, seconds):
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return 0
        except OSError:
            time.sleep(0.05)
    return 1


def flip_relay(target, direction, index):
    import threading
    server = listen()
    client = accept(server)
    upstream = connect(target)
    index = int(index)

    def pump(src, dst, tamper):
        protected = -1  # counts records after this direction's ChangeCipherSpec
        try:
            while True:
                record = read_record(src)
                if record is None:
                    break
                header, body = record
                if protected >= 0:
                    if tamper and protected == index and body:
                        # RFC 5246 §6.2.3.2: any change must end in bad_record_mac.
                        body = body[:-1] + bytes([body[-1] ^ 0x01])
                        say("FLIPPED record %d (type %d, %d bytes)" % (protected, header[0], len(body)))
                    protected += 1
                if header[0] == 20:
                    protected = 0
                dst.sendall(header + body)
        except OSError:
            pass
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threads = [threading.Thread(target=pump, args=(client, upstream, direction == "c2s")),
               threading.Thread(target=pump, args=(upstream, client, direction == "s2c"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(LIMIT)
    client.close()
    upstream.close()


def record_relay(target, path):
    import threading
    server = listen()
    client = accept(server)
    upstream = connect(target)
    seen = {"c2s": bytearray(), "s2c": bytearray()}

    def pump(src, dst, name):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                seen[name] += data
                dst.sendall(data)
        except OSError:
            pass
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threads = [threading.Thread(target=pump, args=(client, upstream, "c2s")),
               threading.Thread(target=pump, args=(upstream, client, "s2c"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(LIMIT)
    client.close()
    upstream.close()
    with open(path, "w") as f:
        f.write("ClientToServer = %s\nServerToClient = %s\n" % (seen["c2s"].hex(), seen["s2c"].hex()))
    say("RECORDED %d + %d bytes" % (len(seen["c2s"]), len(seen["s2c"])))


def garbage_server():
    server = listen()
    conn = accept(server)
    read_record(conn)  # the ClientHello
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    report_what_comes_back(conn)


def close_server():
    server = listen()
    conn = accept(server)
    record = read_record(conn)
    say("READ %d bytes, closing" % (len(record[1]) + 5 if record else 0))
    conn.close()


def garbage_client(target):
    conn = connect(target)
    conn.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
    report_what_comes_back(conn)


def half_client(target):
    conn = connect(target)
    # A handshake record header announcing 200 bytes, then only 20 of them.
    conn.sendall(bytes([22, 3, 1, 0, 200]) + bytes([1, 0, 0, 196]) + bytes(16))
    time.sleep(0.2)
    conn.close()


def slow_client(target, seconds):
    conn = connect(target)
    say("CONNECTED")
    time.sleep(float(seconds))
    conn.close()


def main(argv):
    commands = {
        "free-port": free_port, "wait-port": wait_port, "flip-relay": flip_relay, "record-relay": record_relay,
        "garbage-server": garbage_server, "close-server": close_server,
        "garbage-client": garbage_client, "half-client": half_client, "slow-client": slow_client,
    }
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[1]](*argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
