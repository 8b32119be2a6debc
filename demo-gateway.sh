#!/usr/bin/env bash
# Starts the demo gateway: the distribution (distribution/target/smime-gateway-james-<version>/: stock Apache James
# 3.8.1 with smime-gateway merged in) as its own process, in a fresh folder, with a demo PKI made by the admin CLI it
# ships, two users added through James's WebAdmin, and nothing leaving the machine.
#
# Usage: ./demo-gateway.sh [--rebuild] [--keep-keys] [smtpPort] [imapPort]   (defaults 2525 1143; 0 picks free ports)
#   --rebuild    build the distribution even if it is newer than every source file
#   --keep-keys  leave the demo's private keys in place on exit (they are removed by default)
# Needs Java 17, Maven (first start only), openssl, curl.
set -euo pipefail
cd "$(dirname "$0")"
PROJECT="$(pwd)"

REBUILD=false
KEEP_KEYS=false
PORTS=()
for arg in "$@"; do
    case "$arg" in
        --rebuild) REBUILD=true ;;
        --keep-keys) KEEP_KEYS=true ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) PORTS+=("$arg") ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
SMTP_PORT="${PORTS[0]:-2525}"
IMAP_PORT="${PORTS[1]:-1143}"
DOMAIN=gateway.test
PASSWORD=demo
OUTGOING_REPOSITORY=var/mail/outgoing   # memory://var/mail/outgoing/, as WebAdmin names it

for tool in java openssl curl; do
    command -v "$tool" >/dev/null || { echo "demo: '$tool' is needed but not on PATH" >&2; exit 1; }
done

# --- build once -------------------------------------------------------------------------------------------------
# The project version is the first <version> of the root pom (its own; it has no parent).
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
DIST="$PROJECT/distribution/target/smime-gateway-james-$VERSION"
# The tarball is the distribution module's last output: it exists only after a complete build. The distribution is
# current when no file it is built from (the modules it needs, minus tests and build output) is newer than it.
TARBALL="$DIST.tar.gz"
DIST_SOURCES=(pom.xml keystore-provider matchers mailets assembly conf-samples admin-cli distribution)
stale_source() {
    find "${DIST_SOURCES[@]}" \( -name target -o -path '*/src/test' \) -prune -o -type f -newer "$TARBALL" -print \
        | head -n 1
}
if $REBUILD || [ ! -f "$TARBALL" ] || [ ! -d "$DIST" ] || [ -n "$(stale_source)" ]; then
    echo "demo: building the distribution (first start only, ~60 s on 2 cores; longer while Maven downloads)..."
    started=$SECONDS
    if ! mvn -B -q -Dstyle.color=never -DskipTests package -pl distribution -am; then
        echo "demo: the build failed (see above); nothing started" >&2
        exit 1
    fi
    echo "demo: built $DIST in $((SECONDS - started)) s"
fi

# --- a fresh James root -----------------------------------------------------------------------------------------
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/smime-gateway-demo.XXXXXX")"
PKI="$ROOT/demo-pki"
STORE="$ROOT/conf/smime-gateway/store"
OUTGOING="$ROOT/outgoing"
mkdir -p "$PKI" "$OUTGOING"
# James's jars are used where the build put them; the configuration and scripts are the demo's own copy.
for shared in james-server-memory-app.jar james-server-memory-app.lib extensions-jars admin; do
    ln -s "$DIST/$shared" "$ROOT/$shared"
done
cp -r "$DIST/conf" "$DIST/bin" "$ROOT/"

JAMES_PID=""
SAVER_PID=""
cleanup() {
    trap - EXIT INT TERM
    # Whoever started the demo may be gone (a closed terminal, a pipe): cleaning up must not stop at a failed echo.
    trap '' PIPE
    set +e
    [ -n "$SAVER_PID" ] && kill "$SAVER_PID" 2>/dev/null
    if [ -f "$ROOT/var/james.pid" ]; then
        echo "demo: stopping James..."
        "$ROOT/bin/james" stop >/dev/null
        # Writing the class-data archive at James's first exit can outlast bin/james stop's wait on a busy machine:
        # the archive is kept only once James has finished writing it.
        for _ in $(seq 1 120); do kill -0 "$JAMES_PID" 2>/dev/null || break; sleep 1; done
        kill -0 "$JAMES_PID" 2>/dev/null || keep_class_data james
    fi
    if $KEEP_KEYS; then
        echo "demo: private keys kept (--keep-keys) in $PKI and $STORE/keys"
    else
        rm -rf "$PKI/ca" "$STORE/keys" "$ROOT/conf/keystore"
        rm -f "$PKI"/*.key "$PKI"/*.p12 "$PKI"/*.pass "$PKI/pkcs12-passwords.tsv"
        echo "demo: private keys removed (--keep-keys keeps them); mail and certificates stay in $ROOT"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- ports: loopback only; SMTP/IMAP as asked, every other server (465, 587, 993, JMAP, WebAdmin, JMX) on a free one
declare -A TAKEN=()
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port
    while true; do
        # Below Linux's ephemeral range, so no outgoing connection takes it meanwhile.
        port=$((20000 + RANDOM % 12000))
        if [ -z "${TAKEN[$port]:-}" ] && ! port_in_use "$port"; then
            TAKEN[$port]=1
            echo "$port"
            return
        fi
    done
}
pick_port() {
    if [ "$1" = 0 ]; then
        free_port
    elif port_in_use "$1"; then
        echo "demo: port $1 is in use; give other ports, or ./demo-gateway.sh 0 0 for free ones" >&2
        return 1
    else
        TAKEN[$1]=1
        echo "$1"
    fi
}
SMTP_PORT="$(pick_port "$SMTP_PORT")"
IMAP_PORT="$(pick_port "$IMAP_PORT")"
# Command substitutions run in subshells: record the picks here so later picks avoid them.
TAKEN[$SMTP_PORT]=1
TAKEN[$IMAP_PORT]=1
next_port() { NEXT_PORT="$(free_port)"; TAKEN[$NEXT_PORT]=1; }
bind_ports() {
    local file="$1" first="$2" line n=0 out=""
    while IFS= read -r line || [ -n "$line" ]; do
        if [[ "$line" =~ ^(.*)\<bind\>[^\<]*\</bind\>(.*)$ ]]; then
            if [ $n = 0 ]; then port="$first"; else next_port; port="$NEXT_PORT"; fi
            line="${BASH_REMATCH[1]}<bind>127.0.0.1:$port</bind>${BASH_REMATCH[2]}"
            n=$((n + 1))
        fi
        out+="$line"$'\n'
    done <"$file"
    printf '%s' "$out" >"$file"
}
set_property() {
    local file="$1" key="$2" value="$3"
    grep -v "^[[:space:]]*$key=" "$file" >"$file.new" || true
    echo "$key=$value" >>"$file.new"
    mv "$file.new" "$file"
}
CONF="$ROOT/conf"
bind_ports "$CONF/smtpserver.xml" "$SMTP_PORT"
bind_ports "$CONF/imapserver.xml" "$IMAP_PORT"
next_port; WEBADMIN_PORT="$NEXT_PORT"
set_property "$CONF/webadmin.properties" port "$WEBADMIN_PORT"
next_port; set_property "$CONF/jmap.properties" jmap.port "$NEXT_PORT"
next_port; set_property "$CONF/jmx.properties" jmx.port "$NEXT_PORT"
# The gateway's WebAdmin routes work on the demo CA the admin CLI makes below (its folder and key password), and put
# the passwords of PKCS#12 files they mail into a file the demo prints.
set_property "$CONF/smime-gateway/admin.properties" ca.directory "$PKI/ca"
set_property "$CONF/smime-gateway/admin.properties" ca.passwordFile "$PKI/ca.pass"
set_property "$CONF/smime-gateway/admin.properties" ca.passwordChannel.file "$PKI/pkcs12-passwords.tsv"

# Nothing leaves the machine: the relay processor keeps what RemoteDelivery would send, in a repository.
sed -i '/<mailet class="RemoteDelivery"/,/<\/mailet>/c\
            <!-- demo-gateway.sh: kept instead of sent (RemoteDelivery in the distribution) -->\
            <mailet class="ToRepository" match="All">\
                <repositoryPath>memory://'"$OUTGOING_REPOSITORY"'/</repositoryPath>\
            </mailet>' "$CONF/mailetcontainer.xml"
grep -q "<repositoryPath>memory://$OUTGOING_REPOSITORY/</repositoryPath>" "$CONF/mailetcontainer.xml" \
    || { echo "demo: RemoteDelivery not found in $CONF/mailetcontainer.xml" >&2; exit 1; }

# --- the demo PKI, made by the admin CLI the distribution ships, while James starts -------------------------------
# The CLI runs first and in the background: James's file store picks up whatever is there when it starts, and rescans
# when files appear.
# The archive is written under a name of this run's own and then renamed, so a demo running beside this one never reads half of one.
class_data() {
    local archive="$DIST-$1.jsa"
    [ -f "$archive" ] && [ "$archive" -ot "$TARBALL" ] && rm -f "$archive"
    if [ -f "$archive" ]; then echo "-XX:SharedArchiveFile=$archive"; else echo "-XX:ArchiveClassesAtExit=$archive.$$"; fi
}
keep_class_data() {
    if [ -f "$DIST-$1.jsa.$$" ]; then mv -f "$DIST-$1.jsa.$$" "$DIST-$1.jsa"; fi
}
make_pki() {
    umask 077
    printf 'demo CA passphrase, removed on exit\n' >"$PKI/ca.pass"
    printf '%s\n' "$PASSWORD" >"$PKI/carol_remote.test.p12.pass"
    printf 'alice@%s,internal,Alice\nbob@%s,internal,Bob\ncarol@remote.test,external,Carol\n' "$DOMAIN" "$DOMAIN" \
        >"$PKI/users.csv"
    admin() {
        "$ROOT/bin/smime-gateway-admin" "$@" --store "$STORE" --ca-dir "$PKI/ca" --ca-password-file "$PKI/ca.pass"
    }
    admin init-ca --organization "smime-gateway demo" --root-cn "smime-gateway Demo Root CA" \
        --intermediate-cn "smime-gateway Demo Issuing CA" || return 1
    admin bulk-issue --csv "$PKI/users.csv" --legacy-3des --pfx-password-file "$PKI/carol_remote.test.p12.pass" \
        --out-dir "$PKI" || return 1
    cp "$PKI/ca/root.pem" "$PKI/ca.pem"
    # Carol's key for a mail client: PKCS#12 (3DES/SHA-1, which GnuPG 2.2's gpgsm --import reads), and as PEM.
    mv "$PKI"/carol_remote.test-*.p12 "$PKI/carol_remote.test.p12"
    openssl pkcs12 -in "$PKI/carol_remote.test.p12" -passin "file:$PKI/carol_remote.test.p12.pass" -nokeys -clcerts \
        -out "$PKI/carol_remote.test.pem" || return 1
    openssl pkcs12 -in "$PKI/carol_remote.test.p12" -passin "file:$PKI/carol_remote.test.p12.pass" -nocerts -nodes \
        -out "$PKI/carol_remote.test.key" || return 1
    chmod 644 "$PKI/ca.pem" "$PKI/carol_remote.test.pem"
}
echo "demo: making the demo PKI with bin/smime-gateway-admin..."
make_pki >"$PKI/admin.log" 2>&1 &
PKI_PID=$!

# James on 2 cores: start-up is mostly class loading and JIT. The quick JIT only, the serial collector, and a class-data
# archive of James's classes (JDK 17 CDS), written when James first stops and remade after a new build.
echo "demo: starting James in $ROOT..."
JAVA_OPTS="${JAVA_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off $(class_data james)" \
    "$ROOT/bin/james" start >"$ROOT/james-start.log" 2>&1 || { cat "$ROOT/james-start.log" >&2; exit 1; }
JAMES_PID="$(cat "$ROOT/var/james.pid")"

if ! wait "$PKI_PID"; then
    cat "$PKI/admin.log" >&2
    echo "demo: making the demo PKI failed (above)" >&2
    exit 1
fi
BOB_CERT="$(ls "$STORE"/certs/bob@"$DOMAIN"-*.pem)"

# --- wait for James, then the domain and users through WebAdmin ---------------------------------------------------
WEBADMIN="http://127.0.0.1:$WEBADMIN_PORT"
waited=0
until curl -sf -o /dev/null "$WEBADMIN/domains"; do
    if ! kill -0 "$JAMES_PID" 2>/dev/null; then
        tail -n 40 "$ROOT/var/log/james.out" >&2
        echo "demo: James stopped during start-up (log above, all of it in $ROOT/var/log/james.out)" >&2
        exit 1
    fi
    if [ $waited -ge 180 ]; then
        echo "demo: James did not answer within 180 s (see $ROOT/var/log/james.out)" >&2
        exit 1
    fi
    sleep 1
    waited=$((waited + 1))
done
webadmin_put() {
    local status
    status="$(curl -s -o "$ROOT/webadmin.answer" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data-raw "${2:-}" "$WEBADMIN$1")"
    [ "$status" = 204 ] || { echo "demo: WebAdmin PUT $1 answered $status: $(cat "$ROOT/webadmin.answer")" >&2; exit 1; }
}
webadmin_put "/domains/$DOMAIN"
webadmin_put "/users/alice@$DOMAIN" "{\"password\":\"$PASSWORD\"}"
webadmin_put "/users/bob@$DOMAIN" "{\"password\":\"$PASSWORD\"}"

# --- relayed mail to files: poll the repository through WebAdmin's mailRepositories API -----------------------
urlencode() {
    local text="$1" i c out=""
    for ((i = 0; i < ${#text}; i++)); do
        c="${text:i:1}"
        case "$c" in [a-zA-Z0-9.~_-]) out+="$c" ;; *) out+="$(printf '%%%02X' "'$c")" ;; esac
    done
    printf '%s' "$out"
}
save_outgoing() {
    local repository="$WEBADMIN/mailRepositories/$(urlencode "$OUTGOING_REPOSITORY")/mails" seen="" count=0
    local keys key details to file
    while sleep 0.5; do
        keys="$(curl -sf "$repository?limit=1000" 2>/dev/null)" || continue
        for key in $(printf '%s' "$keys" | tr -d '[]"' | tr ',' ' '); do
            case " $seen " in *" $key "*) continue ;; esac
            details="$(curl -sf -H 'Accept: application/json' "$repository/$(urlencode "$key")")" || continue
            to="$(printf '%s' "$details" | sed -n 's/.*"recipients":\[\([^]]*\)\].*/\1/p' | tr -d '"')"
            count=$((count + 1))
            file="$OUTGOING/$(printf '%03d' $count)-$(printf '%s' "$to" | tr -c 'A-Za-z0-9@.,_-' '_').eml"
            curl -sf -H 'Accept: message/rfc822' "$repository/$(urlencode "$key")" -o "$file" || { count=$((count - 1)); continue; }
            seen+=" $key"
            echo "relayed (not sent): $file  to $to, $(grep -i -m 1 '^Content-Type:' "$file" | tr -d '\r' || echo 'Content-Type: text/plain (default)')"
        done
    done
}
save_outgoing &
SAVER_PID=$!

SWAKS="swaks --server 127.0.0.1:$SMTP_PORT --auth-user alice@$DOMAIN --auth-password $PASSWORD --from alice@$DOMAIN --to carol@remote.test --header 'Subject: hello carol'"
cat <<EOF

smime-gateway demo is running after $SECONDS s (Apache James 3.8.1 with smime-gateway: the distribution smime-gateway-james-$VERSION)
  SMTP  127.0.0.1:$SMTP_PORT   (AUTH PLAIN/LOGIN, no TLS)
  IMAP  127.0.0.1:$IMAP_PORT   (STARTTLS, self-signed certificate)
  WebAdmin http://127.0.0.1:$WEBADMIN_PORT   (gateway routes under /smime-gateway/, webadmin/README.md; e.g.
    curl $WEBADMIN/smime-gateway/ca   curl '$WEBADMIN/smime-gateway/policy/effective?address=carol@remote.test'
    curl $WEBADMIN/healthcheck; passwords of PKCS#12 files the CA route mails: $PKI/pkcs12-passwords.tsv)
  Console  $WEBADMIN/smime-gateway-console   (in a browser on this machine; no login: WebAdmin without JWT)
  users alice@$DOMAIN / $PASSWORD, bob@$DOMAIN / $PASSWORD (their S/MIME keys are in the gateway's store $STORE)
  demo CA $PKI/ca.pem (made with bin/smime-gateway-admin)
  bob's certificate $BOB_CERT
  external correspondent carol@remote.test: certificate known to the gateway, her key for your mail client
    $PKI/carol_remote.test.p12 (password in $PKI/carol_remote.test.p12.pass; gpgsm --import reads it)
    and as PEM: $PKI/carol_remote.test.pem, $PKI/carol_remote.test.key
  James root $ROOT (log: $ROOT/var/log/james.out)
  mail to other domains is not relayed: each one is saved as a file in $OUTGOING (printed as it arrives)
Try it:
  $SWAKS
  openssl cms -decrypt -recip $PKI/carol_remote.test.pem -inkey $PKI/carol_remote.test.key -in $OUTGOING/<file>.eml
Private keys are removed on exit (--keep-keys keeps them). Press Ctrl-C to stop.
EOF

# Runs until Ctrl-C (or TERM), or until James stops on its own.
while kill -0 "$JAMES_PID" 2>/dev/null; do
    sleep 1
done
echo "demo: James stopped (see $ROOT/var/log/james.out)" >&2
exit 1
