#!/usr/bin/env bash
# Failures, each with the alert that must cross the wire and the sentence the user reads:
#   wrong host name, unknown CA, expired certificate, no common cipher suite, a record tampered
#   in flight (both directions), a peer that sends garbage (both roles), a peer that closes
#   mid-handshake (both roles); and the server keeps serving others while a client stalls.
# The peers are lucid itself, OpenSSL, and tests/interop/peers.py (tiny misbehaving peers).
# Usage: test_failures.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require python3
broken=$src/demo/broken

# client CLIENT_ARGS...: runs `lucid client` with no input; CLIENT_STATUS is its exit status.
client() {
  timeout 20 "$lucid" client "$@" </dev/null >"$work/client.out" 2>"$work/client.err"
  CLIENT_STATUS=$?
}

expect_client_failure() {  # exit status 1 and the sentence names the alert
  [ "$CLIENT_STATUS" -eq 1 ] || { echo "  lucid client exited with $CLIENT_STATUS, expected 1"; return 1; }
  has "$work/client.err" "$1"
}

wrong_host_name() {
  # RFC 5246 §7.2.2 has no alert for a name mismatch: certificate_unknown ("some other issue").
  start_lucid_server l --cert "$broken/wrong-host.pem" --key "$key" --once || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*host name \"localhost\".*\[we sent fatal alert certificate_unknown\]" &&
    has "$work/l.err" "\[the client sent fatal alert certificate_unknown\]"
}

wrong_servername() {
  # --servername sets the name to check (and to send as SNI) instead of HOST.
  start_lucid_server l --cert "$cert" --key "$key" --once || return 1
  client "127.0.0.1:$PORT" --servername wrong.example --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*wrong\.example.*\[we sent fatal alert certificate_unknown\]" &&
    has "$work/l.err" "\[the client sent fatal alert certificate_unknown\]"
}

unknown_ca() {
  # Issued by "Unknown Demo CA", which demo/ca.pem is not.
  start_lucid_server l --cert "$broken/unknown-ca.pem" --key "$key" --once || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*no known issuer.*\[we sent fatal alert unknown_ca\]" &&
    has "$work/l.err" "\[the client sent fatal alert unknown_ca\]"
}

unknown_ca_default_trust() {
  # No --CAfile: the system bundle is the trust, and the demo CA is not in it.
  start_lucid_server l --cert "$cert" --key "$key" --once || return 1
  client "localhost:$PORT"
  wait_exit l 10
  expect_client_failure "handshake failed: .*\[we sent fatal alert unknown_ca\]" &&
    has "$work/l.err" "\[the client sent fatal alert unknown_ca\]"
}

expired_certificate() {
  start_lucid_server l --cert "$broken/expired.pem" --key "$key" --once || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*expired: notAfter 2021-01-01.*\[we sent fatal alert certificate_expired\]" &&
    has "$work/l.err" "\[the client sent fatal alert certificate_expired\]"
}

bad_signature() {
  start_lucid_server l --cert "$broken/bad-signature.pem" --key "$key" --once || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*bad signature.*\[we sent fatal alert bad_certificate\]" &&
    has "$work/l.err" "\[the client sent fatal alert bad_certificate\]"
}

no_common_suite() {
  start_lucid_server l --cert "$cert" --key "$key" --once --cipher AES256-SHA || return 1
  client "localhost:$PORT" --CAfile "$ca" --cipher AES128-SHA
  wait_exit l 10
  expect_client_failure "handshake failed: .*\[the server sent fatal alert handshake_failure\]" &&
    has "$work/l.err" "\[we sent fatal alert handshake_failure\]" &&
    [ "$STATUS" -eq 1 ]
}

tampered_client_finished() {
  # The relay flips one bit of the first protected record the client sends: its Finished.
  start_lucid_server l --cert "$cert" --key "$key" --once || return 1
  local server_port=$PORT
  start_python_peer relay flip-relay "127.0.0.1:$server_port" c2s 0 || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit l 10
  expect_client_failure "handshake failed: .*\[the server sent fatal alert bad_record_mac\]" &&
    has "$work/l.err" "\[we sent fatal alert bad_record_mac\]" &&
    has "$work/relay.out" "^FLIPPED record 0 \(type 22"
}

tampered_server_data() {
  # The second protected record from the server (after its Finished) is the --www page.
  start_lucid_server l --cert "$cert" --key "$key" --once --www || return 1
  local server_port=$PORT
  start_python_peer relay flip-relay "127.0.0.1:$server_port" s2c 1 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    >"$work/client.out" 2>"$work/client.err"
  CLIENT_STATUS=$?
  wait_exit l 10
  expect_client_failure "connection failed: .*\[we sent fatal alert bad_record_mac\]" &&
    has "$work/relay.out" "^FLIPPED record 1 \(type 23" &&
    ! grep -q "Cipher suite" "$work/client.out"
}

garbage_server() {
  start_python_peer g garbage-server || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit g 10
  expect_client_failure "handshake failed: .*\[we sent fatal alert [a-z_]+\]" &&
    has "$work/g.out" "^ALERT fatal (unexpected_message|decode_error|record_overflow|protocol_version)\$"
}

garbage_client() {
  start_lucid_server l --cert "$cert" --key "$key" --once || return 1
  timeout 20 python3 "$peers_py" garbage-client "127.0.0.1:$PORT" >"$work/peer.out" 2>"$work/peer.err"
  wait_exit l 10
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1"; return 1; }
  has "$work/peer.out" "^ALERT fatal (unexpected_message|decode_error|record_overflow|protocol_version)\$" &&
    has "$work/l.err" "handshake failed: .*\[we sent fatal alert [a-z_]+\]"
}

server_closes_mid_handshake() {
  start_python_peer c close-server || return 1
  client "localhost:$PORT" --CAfile "$ca"
  wait_exit c 10
  expect_client_failure "handshake failed: .*\[the server closed the connection; no alert\]"
}

client_closes_mid_handshake() {
  start_lucid_server l --cert "$cert" --key "$key" --once || return 1
  timeout 20 python3 "$peers_py" half-client "127.0.0.1:$PORT" >"$work/peer.out" 2>"$work/peer.err"
  wait_exit l 10
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1"; return 1; }
  has "$work/l.err" "handshake failed: .*\[the client closed the connection; no alert\]"
}

stalled_client_blocks_nobody() {
  # Connection 1 sends nothing; connection 2 must complete while 1 is still open; 1 is then
  # cut by the handshake timeout (3 s here), with user_canceled.
  start_lucid_server l --cert "$cert" --key "$key" --www --max-connections 2 --timeout 3 || return 1
  timeout 20 python3 "$peers_py" slow-client "127.0.0.1:$PORT" 8 >"$work/slow.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q CONNECTED "$work/slow.out" && break; sleep 0.05; done
  sleep 0.1  # let the server accept it first
  local started=$SECONDS
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    >"$work/client.out" 2>"$work/client.err"
  CLIENT_STATUS=$?
  local took=$((SECONDS - started))
  wait_exit l 15
  [ "$CLIENT_STATUS" -eq 0 ] || { echo "  lucid client exited with $CLIENT_STATUS"; return 1; }
  [ "$took" -lt 3 ] || { echo "  the second client took ${took}s"; return 1; }
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1 (one failure)"; return 1; }
  has "$work/client.out" "Cipher suite" &&
    has "$work/l.err" "connection 1 from .*the handshake did not finish within 3 s" &&
    # the server log shows connection 2 served while connection 1 was still waiting
    [ "$(grep -n 'connection 2 from .*TLS 1.2' "$work/l.err" | cut -d: -f1)" -lt \
      "$(grep -n 'connection 1 from .*did not finish' "$work/l.err" | cut -d: -f1)" ]
}

check "wrong host name (demo/broken/wrong-host.pem): certificate_unknown, naming the host" wrong_host_name
check "--servername that the certificate does not name: certificate_unknown" wrong_servername
check "unknown CA (demo/broken/unknown-ca.pem): unknown_ca" unknown_ca
check "unknown CA with the default trust (the system bundle): unknown_ca" unknown_ca_default_trust
check "expired certificate (demo/broken/expired.pem): certificate_expired" expired_certificate
check "bad signature (demo/broken/bad-signature.pem): bad_certificate" bad_signature
check "no common cipher suite: handshake_failure from the server" no_common_suite
check "client Finished tampered in flight: the server sends bad_record_mac" tampered_client_finished
check "application data tampered in flight: the client sends bad_record_mac" tampered_server_data
check "a server that answers with garbage gets a fatal alert" garbage_server
check "a client that sends garbage gets a fatal alert" garbage_client
check "the server closes mid-handshake: the client says so, exit 1" server_closes_mid_handshake
check "the client closes mid-handshake: the server says so and exits" client_closes_mid_handshake
check "a stalled client blocks nobody and is cut by the handshake timeout" stalled_client_blocks_nobody

finish
