#!/usr/bin/env bash
# Client certificates (RFC 5246 §7.4.4 CertificateRequest, §7.4.6 the client's Certificate,
# §7.4.8 CertificateVerify), with demo/client.pem (CN=Lucid Demo Client, clientAuth):
#   openssl s_client -cert/-key     -> lucid server --require-client-cert --CAfile demo/ca.pem
#   lucid client --cert/--key       -> openssl s_server -Verify 1
#   gnutls-cli --x509certfile/keyfile -> lucid server --require-client-cert
#   lucid client --cert/--key       -> gnutls-serv --require-client-cert
# and the refusals: a client without a certificate gets handshake_failure from
# --require-client-cert (§7.4.6), from OpenSSL and from GnuTLS clients alike; with --verify-client
# it goes on unauthenticated; a certificate from a CA the server does not trust gets unknown_ca.
# Usage: test_client_certs.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require openssl gnutls-serv gnutls-cli
intermediate=$src/demo/intermediate.pem  # OpenSSL sends only the first certificate of -cert
client_cert=$src/demo/client.pem
client_key=$src/demo/client.key

openssl_client_cert_to_lucid() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --require-client-cert --CAfile "$ca" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -CAfile "$ca" -verify_return_error -ign_eof -cert "$client_cert" -cert_chain "$intermediate" \
    -key "$client_key" >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/l.err" "client certificate: CN=Lucid Demo Client,O=lucidtls demo PKI - DEMO ONLY \(verified\)" &&
    has "$work/s_client.out" "Client certificate *: sent and verified" &&
    has "$work/s_client.out" "Acceptable client certificate CA names" &&
    has "$work/s_client.out" "CN = Lucid Demo Root CA"
}

lucid_client_cert_to_openssl() {
  start_openssl_server s -www -cert "$cert" -cert_chain "$intermediate" -key "$key" -tls1_2 -Verify 1 \
    -CAfile "$ca" -naccept 1 || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cert "$client_cert" --key "$client_key" >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop s
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "client certificate requested, sent" &&
    has "$work/client.out" "Client certificate" &&
    has "$work/s.err" "depth=0 .*CN = Lucid Demo Client" &&
    has "$work/s.err" "verify return:1"
}

gnutls_client_cert_to_lucid() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --require-client-cert --CAfile "$ca" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost \
    --x509certfile "$client_cert" --x509keyfile "$client_key" >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  gnutls-cli exited with $status"; return 1; }
  [ "$STATUS" -eq 0 ] || { echo "  lucid server exited with $STATUS"; return 1; }
  has "$work/l.err" "client certificate: CN=Lucid Demo Client,.* \(verified\)" &&
    has "$work/gnutls-cli.out" "Client certificate *: sent and verified"
}

lucid_client_cert_to_gnutls() {
  start_gnutls_server g --echo --require-client-cert --x509cafile "$ca" --x509certfile "$cert" --x509keyfile "$key" || return 1
  printf 'hello with a client certificate\n' | timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" \
    --cert "$client_cert" --key "$client_key" --wait 0.5 >"$work/client.out" 2>"$work/client.err"
  local status=$?
  stop g
  [ "$status" -eq 0 ] || { echo "  lucid client exited with $status"; return 1; }
  has "$work/client.err" "client certificate requested, sent" &&
    has "$work/client.out" "^hello with a client certificate\$"
}

openssl_client_without_cert_refused() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --require-client-cert --CAfile "$ca" || return 1
  timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 -CAfile "$ca" \
    </dev/null >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -ne 0 ] || { echo "  openssl s_client succeeded"; return 1; }
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1"; return 1; }
  has "$work/s_client.err" "alert handshake failure" &&
    has "$work/l.err" "the client sent no certificate, and this server requires one \(RFC 5246 §7.4.6\) \[we sent fatal alert handshake_failure\]"
}

gnutls_client_without_cert_refused() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --require-client-cert --CAfile "$ca" || return 1
  timeout 20 gnutls-cli --x509cafile "$ca" -p "$PORT" localhost </dev/null >"$work/gnutls-cli.out" 2>"$work/gnutls-cli.err"
  local status=$?
  wait_exit l 10
  [ "$status" -ne 0 ] || { echo "  gnutls-cli succeeded"; return 1; }
  has "$work/gnutls-cli.out" "Received alert \[40\]: Handshake failed" &&
    has "$work/l.err" "\[we sent fatal alert handshake_failure\]"
}

lucid_client_without_cert_refused() {
  start_lucid_server l --cert "$cert" --key "$key" --once --require-client-cert --CAfile "$ca" || return 1
  timeout 20 "$lucid" client "localhost:$PORT" --CAfile "$ca" </dev/null >"$work/client.out" 2>"$work/client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 1 ] || { echo "  lucid client exited with $status, expected 1"; return 1; }
  has "$work/client.err" "handshake failed: .*\[the server sent fatal alert handshake_failure\]"
}

verify_client_without_cert_goes_on() {
  start_lucid_server l --cert "$cert" --key "$key" --www --once --verify-client --CAfile "$ca" || return 1
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
    -tls1_2 -CAfile "$ca" -verify_return_error -ign_eof >"$work/s_client.out" 2>"$work/s_client.err"
  local status=$?
  wait_exit l 10
  [ "$status" -eq 0 ] || { echo "  openssl s_client exited with $status"; return 1; }
  has "$work/s_client.out" "Client certificate *: none sent" &&
    has "$work/l.err" "client certificate: none"
}

untrusted_client_cert_refused() {
  # The demo client certificate, but the server trusts only the unknown CA of demo/broken for
  # client certificates: the chain leads to no anchor it knows (RFC 5280 §6.1): unknown_ca.
  start_lucid_server l --cert "$cert" --key "$key" --once --require-client-cert \
    --CAfile "$src/demo/broken/unknown-ca-root.pem" || return 1
  timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 -CAfile "$ca" \
    -cert "$client_cert" -cert_chain "$intermediate" -key "$client_key" </dev/null \
    >"$work/s_client.out" 2>"$work/s_client.err"
  wait_exit l 10
  [ "$STATUS" -eq 1 ] || { echo "  lucid server exited with $STATUS, expected 1"; return 1; }
  has "$work/s_client.err" "alert unknown ca" &&
    has "$work/l.err" "client certificate rejected: .*\[we sent fatal alert unknown_ca\]"
}

check "openssl s_client -cert -> lucid server --require-client-cert" openssl_client_cert_to_lucid
check "lucid client --cert -> openssl s_server -Verify 1" lucid_client_cert_to_openssl
check "gnutls-cli --x509certfile -> lucid server --require-client-cert" gnutls_client_cert_to_lucid
check "lucid client --cert -> gnutls-serv --require-client-cert" lucid_client_cert_to_gnutls
check "openssl s_client without a certificate -> --require-client-cert: handshake_failure" openssl_client_without_cert_refused
check "gnutls-cli without a certificate -> --require-client-cert: handshake_failure" gnutls_client_without_cert_refused
check "lucid client without a certificate -> --require-client-cert: handshake_failure" lucid_client_without_cert_refused
check "openssl s_client without a certificate -> --verify-client: goes on unauthenticated" verify_client_without_cert_goes_on
check "a client certificate from a CA the server does not trust: unknown_ca" untrusted_client_cert_refused

finish
