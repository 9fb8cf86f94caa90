#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/TARGET/seed-*, from the files of
vectors/ (recorded connections, certificates, keys, vector files). Deterministic: running it again
gives the same files, so the committed seeds can be checked against it. Regression inputs
(fuzz/corpus/TARGET/regression-*) are written by hand when a crash is fixed and are never touched
here. docs/robustness.md.

    fuzz/make_seeds.py            # from the top of the repository
"""
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.join(ROOT, "vectors")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
RECORDINGS = [  # the order of fuzz/engine_scenarios.h
    "tls/lucid-aes128-sha256.txt",
    "tls/lucid-client-cert-aes128-sha256.txt",
    "tls/lucid-resumed-aes128-sha256.txt",
    "tls/lucid-dhe-rsa-aes128-sha256.txt",
    "tls/lucid-ecdhe-rsa-aes128-gcm-sha256.txt",
    "tls/lucid-tls10-dhe-rsa-aes128-sha.txt",
    "tls/lucid-tls11-aes128-sha.txt",
]
MAX_SEED = 8192


def read(rel):
    with open(os.path.join(VECTORS, rel), "rb") as f:
        return f.read()


def field(text, key):
    m = re.search(rb"^" + key.encode() + rb" = ([0-9a-f]+)\s*$", text, re.M)
    return bytes.fromhex(m.group(1).decode())


def pem_blocks(data):
    import base64
    out = []
    for m in re.finditer(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", data, re.S):
        out.append((m.group(1).decode(), base64.b64decode(b"".join(m.group(2).split()))))
    return out


def records(stream):
    """(type, fragment) of each record of a recorded byte stream."""
    at = 0
    while at + 5 <= len(stream):
        n = int.from_bytes(stream[at + 3:at + 5], "big")
        yield stream[at], stream[at + 5:at + 5 + n]
        at += 5 + n


def handshake_messages(stream):
    """The plaintext handshake messages: those before the first ChangeCipherSpec."""
    buf = b""
    for ctype, frag in records(stream):
        if ctype == 20:
            break
        if ctype == 22:
            buf += frag
    at = 0
    while at + 4 <= len(buf):
        n = int.from_bytes(buf[at + 1:at + 4], "big")
        yield buf[at], buf[at + 4:at + 4 + n]
        at += 4 + n


def extensions_block(hello_body, is_client):
    """The extensions block at the end of a ClientHello or ServerHello body."""
    at = 2 + 32
    at += 1 + hello_body[at]
    if is_client:
        at += 2 + int.from_bytes(hello_body[at:at + 2], "big")
        at += 1 + hello_body[at]
    else:
        at += 3
    return hello_body[at:]


seeds = {}


def add(target, data):
    if len(data) > MAX_SEED:
        data = data[:MAX_SEED]
    seeds.setdefault(target, {})[hashlib.sha1(data).hexdigest()[:16]] = data


# Handshake message selectors of fuzz_handshake_messages.cpp, by HandshakeType.
MESSAGE_SELECTOR = {1: 0, 2: 1, 11: 2, 12: 3, 13: 4, 14: 5, 15: 6, 16: 7, 20: 9, 0: 10}

for i, rel in enumerate(RECORDINGS):
    text = read(rel)
    c2s, s2c = field(text, "ClientToServer"), field(text, "ServerToClient")
    add("server", bytes([i]) + c2s)
    add("server", bytes([i | (31 << 3)]) + c2s)  # the same, arriving in pieces of 217 bytes
    add("client", bytes([i]) + s2c)
    add("client", bytes([i | (5 << 3)]) + s2c)  # in pieces of 35 bytes
    add("record", b"\x00" + c2s)
    add("record", b"\x00" + s2c)
    for stream in (c2s, s2c):
        hs = b"".join(m for t, m in records(stream) if t == 22)
        add("handshake_assembler", b"".join(bytes([min(len(hs) - k, 127)]) + hs[k:k + 127] for k in range(0, len(hs), 127)))
        for mtype, body in handshake_messages(stream):
            sel = MESSAGE_SELECTOR.get(mtype)
            kx = ("dhe" if "dhe-rsa" in rel else "ecdhe" if "ecdhe" in rel else "rsa")
            if mtype == 16 and kx == "dhe":
                sel = 8  # ClientKeyExchange with a DH public value
            if kx == "ecdhe" and mtype in (12, 16):
                sel = 14 if mtype == 12 else 15  # the ECDHE ServerKeyExchange and ClientKeyExchange
            if sel is not None:
                add("handshake_messages", bytes([sel]) + body)
                add("handshake_messages", bytes([sel | 0x80]) + body)
            if mtype == 15:
                add("handshake_messages", bytes([13]) + body)  # CertificateVerify is a DigitallySigned
            add("handshake_messages", bytes([14]) + bytes([mtype]) + len(body).to_bytes(3, "big") + body)
            if mtype in (1, 2):
                block = extensions_block(body, mtype == 1)
                add("extensions", bytes([0 if mtype == 1 else 1]) + block)
                add("extensions", bytes([0x80 if mtype == 1 else 0x81]) + block)
            if mtype == 11:
                # The certificate_list as back-to-back DER, leaf first, for fuzz_certificate.
                ders, at = [], 3
                while at + 3 <= len(body):
                    n = int.from_bytes(body[at:at + 3], "big")
                    ders.append(body[at + 3:at + 3 + n])
                    at += 3 + n
                add("certificate", b"\x00" + b"".join(ders))
                add("certificate", b"\x01" + b"".join(ders))
                for d in ders:
                    add("der", d)
    add("handshake_messages", bytes([11]) + b"\x01")
    add("handshake_messages", bytes([12]) + b"\x02\x28")

for ext_sel, data in ((1, b"\x00\x0e\x00\x00\x0bexample.org"), (2, b"\x00\x06\x04\x01\x05\x01\x02\x01"),
                      (3, b"\x00"), (4, b"\x00\x0c\x02h2\x08http/1.1"), (5, b"")):
    add("extensions", bytes([ext_sel << 1]) + data)

for rel in ("tls/data/lucid-ca.pem", "tls/data/lucid-server.pem", "tls/data/lucid-client.pem"):
    data = read(rel)
    add("pem", data)
    add("certificate", b"\x02" + data)
    for _, der in pem_blocks(data):
        add("certificate", b"\x00" + der)
add("pem", read("tls/data/lucid-server.key"))
add("private_key", read("tls/data/lucid-server.key"))
for _, der in pem_blocks(read("tls/data/lucid-server.key")):
    add("private_key", der)
    add("der", der)
realworld = os.path.join(VECTORS, "x509", "real-world", "data")
for name in sorted(os.listdir(realworld)):
    data = open(os.path.join(realworld, name), "rb").read()
    if name.endswith(".pem"):
        add("pem", data)
        for _, der in pem_blocks(data):
            add("der", der)
            add("certificate", b"\x00" + der)
    else:
        add("der", data)
        add("certificate", b"\x00" + data)

add("saved_session", read("tls/data/lucid-resume-session.txt"))

# fuzz_vector_files: 0 .rsp, 1 RSA Labs text, 2 JSON, 3 recorded connection (the head of each file).
add("vector_files", b"\x00" + read("aes/" + sorted(os.listdir(os.path.join(VECTORS, "aes")))[0])[:3000])
add("vector_files", b"\x00" + read("sha/SHA256ShortMsg.rsp")[:3000])
add("vector_files", b"\x01" + read("rsa/pkcs1v15crypt-vectors.txt")[:4000])
add("vector_files", b"\x02" + read("drbg/hmac-drbg-nist.json")[:4000])
add("vector_files", b"\x03" + read(RECORDINGS[0]))

for suite in range(4):
    for version in range(3):
        for mode in range(3):
            add("record_cbc", bytes([suite | version << 2 | mode << 4, 17, 0x80]) + bytes(range(40)))

for algorithm in range(3):
    for mode in range(3):
        add("record_aead", bytes([algorithm | mode << 4, 17, 0x80]) + bytes(range(40)))

# fuzz_http_request: byte 0 the size of the pieces (0: at once), then the request. The served
# directory of the target holds a, sub/b.html and out (a link leading outside).
for piece, request in [(0, b"GET /a HTTP/1.1\r\nHost: localhost\r\n\r\n"), (5, b"GET /sub/b.html HTTP/1.0\n\n"),
                       (0, b"GET /../secret HTTP/1.1\r\n\r\n"), (0, b"GET /out HTTP/1.1\r\n\r\n"),
                       (3, b"POST /a HTTP/1.1\r\nAccept: text/html\r\n\r\n")]:
    add("http_request", bytes([piece]) + request)

for target, files in sorted(seeds.items()):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        if old.startswith("seed-"):
            os.remove(os.path.join(d, old))
    for name, data in sorted(files.items()):
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(files)} seeds")
