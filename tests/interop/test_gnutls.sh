#!/usr/bin/env bash
# lucidtls against GnuTLS, for each of the four AES suites, both ways:
#   lucid client -> gnutls-serv --echo   (what we send comes back through the TLS connection)
#   gnutls-cli   -> lucid server --www   (gnutls-cli verifies the chain against demo/ca.pem)
# GnuTLS is told to speak only TLS 1.2 with RSA key exchange and the one suite under test.
# Usage: test_gnutls.sh PATH_TO_LUCID SOURCE_DIR
set -u
lucid=$1
src=$2
. "$src/tests/interop/lib.sh"
require gnutls-serv gnutls-cli

lucid_client_to_gnutls() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_lucid_client_to_gnutls "$(gnutls_priority "$3" "$4")" "$1" "$2" &&
    has "$work/client.err" "handshake complete: TLS 1.2 \(0x0303\), $2 "
}

gnutls_client_to_lucid() {  # OPENSSL_NAME IANA_NAME GNUTLS_CIPHER GNUTLS_MAC
  exchange_gnutls_client_to_lucid "$(gnutls_priority "$3" "$4")" &&
    has "$work/gnutls-cli.out" "Description: \(TLS1.2(-X.509)?\)-\(RSA\)-\($3\)-\($4\)" &&
    has "$work/gnutls-cli.out" "Cipher suite \(IANA\) *: $2 " &&
    has "$work/l.err" "connection 1 from 127.0.0.1:[0-9]+: TLS 1.2 \(0x0303\), $2 "
}

for row in "${suites[@]}"; do
  read -r openssl_name iana_name gnutls_cipher gnutls_mac <<<"$row"
  check "lucid client -> gnutls-serv, $openssl_name" lucid_client_to_gnutls "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
  check "gnutls-cli -> lucid server, $openssl_name" gnutls_client_to_lucid "$openssl_name" "$iana_name" "$gnutls_cipher" "$gnutls_mac"
done

finish
