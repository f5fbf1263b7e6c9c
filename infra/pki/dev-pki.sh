#!/usr/bin/env bash
# Development PKI: a CA standing in for IGC-Santé and the certificates the local platform
# and its tests need. Idempotent: does nothing when $OUT/ca.pem already exists.
#   usage: dev-pki.sh <out-dir> <platform-mta-fqdn>
# Files (key + cert, PEM):
#   ca             stand-in for "AC IGC-SANTE ELEMENTAIRE ORGANISATIONS"
#   platform       our MTA: server certificate of the MX/Dovecot and client certificate for relay
#   peer           a peer operator's MTA (listed in the dev whitelist): client and server certificate
#   unlisted-peer  valid chain, but a DN the whitelist does not list
#   rogue-ca, rogue-peer  a CA nobody trusts and a certificate it issued
set -euo pipefail
OUT=${1:?out dir}
MTA=${2:-mx.gcs-demo.mssante.fr}
[ -f "$OUT/ca.pem" ] && exit 0
mkdir -p "$OUT"
cd "$OUT"
DAYS=825

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$1-key.pem" -out "$1.pem" 2>/dev/null
}
leaf() { # name subject ca-name
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "$2" -keyout "$1-key.pem" -out "$1.csr" 2>/dev/null
  cat > "$1.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:${4:-localhost}
EXT
  openssl x509 -req -sha256 -days $DAYS -in "$1.csr" -CA "$3.pem" -CAkey "$3-key.pem" -CAcreateserial \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

ca ca "/C=FR/O=MSSante Operator Dev/CN=AC DEV STAND-IN IGC-SANTE ORGANISATIONS"
leaf platform "/C=FR/ST=Paris (75)/O=GCS DEMO/OU=12345678900011/CN=$MTA" ca "$MTA"
leaf peer "/C=FR/ST=Rhone (69)/O=OPERATEUR PAIR/OU=98765432100022/CN=mta.operateur-pair.mssante.fr" ca mta.operateur-pair.mssante.fr
leaf unlisted-peer "/C=FR/ST=Nord (59)/O=OPERATEUR NON LISTE/OU=11122233300033/CN=mta.non-liste.mssante.fr" ca mta.non-liste.mssante.fr
ca rogue-ca "/C=FR/O=Rogue/CN=Rogue CA"
leaf rogue-peer "/C=FR/ST=Rhone (69)/O=OPERATEUR PAIR/OU=98765432100022/CN=mta.operateur-pair.mssante.fr" rogue-ca
chmod 600 ./*-key.pem
echo "dev PKI written to $OUT"
