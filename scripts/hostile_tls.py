#!/usr/bin/env python3
"""A hostile TLS 1.2 client for scripts/soak.sh: it completes a real handshake
(TLS_RSA_WITH_AES_128_CBC_SHA, RFC 5246 §7.3), then sends what no good client sends, protected
under the real keys: endless empty application_data records, warning alerts, ClientHellos
(renegotiation requests). The server must end it with the fatal alert docs/robustness.md names.

    hostile_tls.py HOST PORT CASE     CASE: empty-records | warning-alerts | renegotiation
                                      prints the alerts the server sent, one per line, then EOF

Deliberately small and unchecked (no certificate validation, no Finished check): it attacks,
it does not protect anything. Needs the `cryptography` package.
"""
import hashlib
import hmac
import os
import socket
import sys

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ALERTS = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 50: "decode_error",
          100: "no_renegotiation"}
TLS12 = b"\x03\x03"


def prf(secret, label, seed, n):
    """RFC 5246 §5: P_SHA256."""
    seed = label + seed
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:n]


def handshake_message(kind, body):
    return bytes([kind]) + len(body).to_bytes(3, "big") + body


class Conn:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=10)
        self.buffer = b""
        self.write_keys = self.read_keys = None
        self.write_seq = self.read_seq = 0

    def send_record(self, kind, payload):
        if self.write_keys:  # RFC 5246 §6.2.3.2: MAC-then-encrypt, explicit IV
            mac_key, key = self.write_keys
            header = self.write_seq.to_bytes(8, "big") + bytes([kind]) + TLS12 + len(payload).to_bytes(2, "big")
            data = payload + hmac.new(mac_key, header + payload, hashlib.sha1).digest()
            pad = 15 - len(data) % 16
            data += bytes([pad]) * (pad + 1)
            iv = os.urandom(16)
            enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
            payload = iv + enc.update(data) + enc.finalize()
            self.write_seq += 1
        self.sock.sendall(bytes([kind]) + TLS12 + len(payload).to_bytes(2, "big") + payload)

    def read_record(self):
        while True:
            if len(self.buffer) >= 5:
                n = int.from_bytes(self.buffer[3:5], "big")
                if len(self.buffer) >= 5 + n:
                    kind, body = self.buffer[0], self.buffer[5:5 + n]
                    self.buffer = self.buffer[5 + n:]
                    if self.read_keys:
                        _, key = self.read_keys
                        dec = Cipher(algorithms.AES(key), modes.CBC(body[:16])).decryptor()
                        plain = dec.update(body[16:]) + dec.finalize()
                        body = plain[: len(plain) - plain[-1] - 1 - 20]
                        self.read_seq += 1
                    return kind, body
            chunk = self.sock.recv(65536)
            if not chunk:
                return None, b""
            self.buffer += chunk


def handshake(conn):
    """RFC 5246 §7.3, Figure 1, client side, RSA key exchange."""
    transcript = b""
    client_random = os.urandom(32)
    hello = (TLS12 + client_random + b"\x00" + b"\x00\x02\x00\x2f" + b"\x01\x00" +
             b"\x00\x0d" + b"\xff\x01\x00\x01\x00" +     # renegotiation_info, empty (RFC 5746)
             b"\x00\x0d\x00\x04\x00\x02\x04\x01")   # signature_algorithms: rsa_pkcs1_sha256
    msg = handshake_message(1, hello)
    transcript += msg
    conn.send_record(22, msg)
    pending, server_random, server_key = b"", None, None
    while True:
        kind, body = conn.read_record()
        if kind != 22:
            raise RuntimeError(f"handshake: got record type {kind}")
        pending += body
        while len(pending) >= 4 and len(pending) >= 4 + int.from_bytes(pending[1:4], "big"):
            n = int.from_bytes(pending[1:4], "big")
            msg, pending = pending[:4 + n], pending[4 + n:]
            transcript += msg
            if msg[0] == 2:
                server_random = msg[6:38]
            elif msg[0] == 11:
                first = int.from_bytes(msg[7:10], "big")
                server_key = x509.load_der_x509_certificate(msg[10:10 + first]).public_key()
            elif msg[0] == 14:
                premaster = TLS12 + os.urandom(46)
                encrypted = server_key.encrypt(premaster, padding.PKCS1v15())
                cke = handshake_message(16, len(encrypted).to_bytes(2, "big") + encrypted)
                transcript += cke
                master = prf(premaster, b"master secret", client_random + server_random, 48)
                block = prf(master, b"key expansion", server_random + client_random, 72)
                conn.send_record(22, cke)
                conn.send_record(20, b"\x01")
                conn.write_keys = (block[0:20], block[40:56])
                verify = prf(master, b"client finished", hashlib.sha256(transcript).digest(), 12)
                conn.send_record(22, handshake_message(20, verify))
                kind, _ = conn.read_record()  # the server's ChangeCipherSpec
                if kind != 20:
                    raise RuntimeError(f"handshake: expected ChangeCipherSpec, got record type {kind}")
                conn.read_keys = (block[20:40], block[56:72])
                conn.read_record()  # its Finished (not checked)
                return


def attack(host, port, case, rounds=200):
    """Returns the alerts the server sent (level, name), in order, until it closed."""
    conn = Conn(host, port)
    handshake(conn)
    client_hello = handshake_message(1, TLS12 + os.urandom(32) + b"\x00\x00\x02\x00\x2f\x01\x00")
    try:
        for _ in range(rounds):
            if case == "empty-records":
                conn.send_record(23, b"")
            elif case == "warning-alerts":
                conn.send_record(21, b"\x01\x5a")  # warning user_canceled
            elif case == "renegotiation":
                conn.send_record(22, client_hello)
            else:
                raise ValueError(case)
    except OSError:
        pass  # the server may close before we are done
    alerts = []
    try:
        while True:
            kind, body = conn.read_record()
            if kind is None:
                break
            if kind == 21 and len(body) >= 2:
                alerts.append(("fatal" if body[0] == 2 else "warning", ALERTS.get(body[1], str(body[1]))))
    except OSError:
        pass
    conn.sock.close()
    return alerts


if __name__ == "__main__":
    for level, name in attack(sys.argv[1], int(sys.argv[2]), sys.argv[3]):
        print(f"ALERT {level} {name}")
    print("EOF")
