#!/usr/bin/env bash
# The README's two commands (tools/setup.sh, tools/test.sh) on another Debian QGIS, in a debootstrap chroot:
#   bash tools/test_matrix.sh 3.40 [pytest arguments]   # Debian 12 + bookworm-backports: QGIS 3.40 (Python 3.11)
#   bash tools/test_matrix.sh 3.44 [pytest arguments]   # Debian sid: QGIS 3.44 (Python 3.14, numpy 2, GEOS 3.15)
#   bash tools/test_matrix.sh 3.40 --rebuild            # throw the cached chroot away first
#   bash tools/test_matrix.sh 3.44 --run 'bash tools/qgis_process.sh list'   # any command in the copy
#   bash tools/test_matrix.sh 3.44 --data bench/data/province.gpkg --run '…'   # + generated files, read-only
#   bash tools/test_matrix.sh 3.44 --bench 'bench/bench_redline.py --phases ours,checkgeometry'   # a benchmark
# Root only (debootstrap, chroot, mounts). The chroot is cached in /var/cache/ecospace-chroots/<version>
# (ECOSPACE_CHROOTS overrides the folder): built once, reused, rebuilt when broken. Each run copies this
# checkout's files (tracked and untracked, not ignored: uncommitted edits included; no .venv/.build) into
# the chroot's /root/ecospace/main, where setup.sh keeps its own .venv and .build between runs, and
# ../shared beside it (read-only). The host's certificates, apt proxy settings and pip configuration
# (/etc/pip.conf, ~/.config/pip, PIP_* variables, local find-links folders) are carried in.
# --data PATH (repeatable, before --run) mounts a file or folder of this checkout that git ignores (data
# made by a script, e.g. bench/data/province.gpkg) read-only at the same place in the copy. --bench 'script
# args' runs the script with the copy's .venv Python (offscreen), every file of bench/data mounted so, and
# copies the results files it writes back into this checkout's bench/results.
# Exit status: that of the first command that failed (setup or tests).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RECIPE=2   # bump when the chroot recipe below changes: cached chroots are then rebuilt

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
say() { printf '\n==> [matrix %s] %s\n' "$version" "$*"; }
die() { printf '\ntest_matrix: %s\n' "$*" >&2; exit 1; }

version=${1:-}
[ -n "$version" ] || usage
shift
rebuild=0 run_cmd= data=()
if [ "${1:-}" = "--rebuild" ]; then rebuild=1; shift; fi
while [ "${1:-}" = "--data" ]; do
    [ -e "$root/${2:?--data needs a path}" ] || die "--data $2: no such file or folder in $root"
    data+=("$2"); shift 2
done
if [ "${1:-}" = "--run" ]; then run_cmd=${2:?--run needs a command}; shift 2; fi
bench=0
if [ "${1:-}" = "--bench" ]; then
    bench=1 run_cmd="QT_QPA_PLATFORM=offscreen .venv/bin/python ${2:?--bench needs a script and its arguments}"
    shift 2
    for f in "$root"/bench/data/*; do [ -f "$f" ] && data+=("bench/data/${f##*/}"); done
fi
MIRROR=${ECOSPACE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
case "$version" in
    3.40) suite=bookworm; extra_suite=bookworm-backports ;;
    3.44) suite=sid; extra_suite= ;;
    *) usage ;;
esac
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot and bind mounts need it)"

cache=${ECOSPACE_CHROOTS:-/var/cache/ecospace-chroots}
chroot_dir=$cache/$version
work=/root/ecospace            # inside the chroot: main/ (the copy) and shared/ (bind mount) side by side
shared=$(cd "$root/.." && pwd)/shared
mkdir -p "$cache"
start=$SECONDS

# One run per chroot at a time; a second one waits.
exec 9>"$cache/$version.lock"
flock 9

# ---- mounts ---------------------------------------------------------------------------------------------
mounted=()   # mount points, in mount order

mount_bind() {  # mount_bind SOURCE TARGET [ro]
    local src=$1 target=$chroot_dir$2
    if [ -d "$src" ]; then mkdir -p "$target"; else mkdir -p "$(dirname "$target")"; touch "$target"; fi
    mount --bind "$src" "$target"
    mounted+=("$target")
    if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$target"; fi
}

mounts_below() {  # every mount point at or below the chroot, deepest first
    awk -v d="$chroot_dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

chroot_pids() {  # processes whose root is the chroot (a test's qgis_process, Xvfb …)
    local p link
    for p in /proc/[0-9]*; do
        link=$(readlink "$p/root" 2>/dev/null) || continue
        [ "$link" = "$chroot_dir" ] && echo "${p#/proc/}"
    done
    return 0
}

cleanup() {
    local pids m i
    pids=$(chroot_pids | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
        sleep 2
        pids=$(chroot_pids | tr '\n' ' ')
        # shellcheck disable=SC2086
        [ -z "${pids// /}" ] || kill -KILL $pids 2>/dev/null || true
    fi
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    mounted=()
    for m in $(mounts_below); do  # anything left (a mount made by a killed run)
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_system() {
    mount_bind /proc /proc
    mount_bind /sys /sys
    mount_bind /dev /dev
    mount_bind /dev/pts /dev/pts
    if mountpoint -q /dev/shm; then mount_bind /dev/shm /dev/shm; fi
}

in_chroot() {  # a login-like clean environment; PIP_* and CI pass through
    local vars=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
                DEBIAN_FRONTEND=noninteractive TERM="${TERM:-dumb}") v
    [ -n "${CI:-}" ] && vars+=(CI="$CI")
    for v in $(compgen -e); do
        case "$v" in PIP_*|ECOSPACE_*|http_proxy|https_proxy|no_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY)
            vars+=("$v=${!v}") ;;
        esac
    done
    chroot "$chroot_dir" /usr/bin/env -i "${vars[@]}" "$@"
}

# ---- the chroot ---------------------------------------------------------------------------------------

chroot_ok() {
    [ -f "$chroot_dir/etc/ecospace-chroot" ] && [ "$(cat "$chroot_dir/etc/ecospace-chroot")" = "$RECIPE $suite" ] &&
        chroot "$chroot_dir" /bin/true 2>/dev/null || return 1
    # a run killed in the middle of dpkg: repair it, or count the chroot as broken
    if [ -n "$(chroot "$chroot_dir" dpkg --audit 2>/dev/null)" ]; then
        mount_system
        in_chroot dpkg --configure -a >/dev/null 2>&1 && in_chroot apt-get -f install -y -q >/dev/null 2>&1 || {
            cleanup; return 1; }
        cleanup
        [ -z "$(chroot "$chroot_dir" dpkg --audit 2>/dev/null)" ] || return 1
    fi
}

remove_chroot() {
    cleanup
    [ -z "$(mounts_below)" ] || die "$chroot_dir still has mounts; not removing it: $(mounts_below | tr '\n' ' ')"
    rm -rf --one-file-system "$chroot_dir"
}

build_chroot() {
    local t0=$SECONDS partial=$chroot_dir.partial
    command -v debootstrap >/dev/null 2>&1 || {
        say "Installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null ||
            { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -q --no-install-recommends debootstrap >/dev/null; }
    }
    say "Building the chroot: debootstrap $suite${extra_suite:+ + $extra_suite} into $chroot_dir"
    [ -z "$(awk -v d="$partial" 'index($2, d) == 1' /proc/self/mounts)" ] || die "$partial has mounts"
    rm -rf --one-file-system "$partial"
    local keyring=()
    [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] &&
        keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
    # minbase + what setup.sh itself needs before its apt step (it installs the rest)
    debootstrap --variant=minbase "${keyring[@]}" --include=ca-certificates,python3 \
        "$suite" "$partial" "$MIRROR" >"$cache/$version.debootstrap.log" 2>&1 ||
        { tail -n 20 "$cache/$version.debootstrap.log" >&2; die "debootstrap failed (log: $cache/$version.debootstrap.log)"; }
    {
        echo "deb $MIRROR $suite main"
        [ -n "$extra_suite" ] && echo "deb $MIRROR $extra_suite main"
        [ "$suite" = bookworm ] && echo "deb $MIRROR bookworm-updates main"
    } >"$partial/etc/apt/sources.list"
    # sid's Release files may be older than their Valid-Until on a snapshot mirror or a clock ahead
    echo 'Acquire::Check-Valid-Until "false";' >"$partial/etc/apt/apt.conf.d/90ecospace"
    if [ -n "$extra_suite" ]; then
        # QGIS and what it needs from backports; everything else from the release
        printf 'Package: *\nPin: release n=%s\nPin-Priority: 500\n' "$extra_suite" \
            >"$partial/etc/apt/preferences.d/90ecospace"
    fi
    echo "$RECIPE $suite" >"$partial/etc/ecospace-chroot"
    mv "$partial" "$chroot_dir"
    say "Chroot built in $((SECONDS - t0)) s"
}

carry_host_config() {
    # network and certificates
    cp -L /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
    cp /etc/hosts "$chroot_dir/etc/hosts" 2>/dev/null || true
    if [ -d /usr/local/share/ca-certificates ]; then
        mkdir -p "$chroot_dir/usr/local/share/ca-certificates"
        cp -a /usr/local/share/ca-certificates/. "$chroot_dir/usr/local/share/ca-certificates/"
    fi
    mkdir -p "$chroot_dir/etc/ssl/certs"
    # the host's bundle is what PIP_CERT / REQUESTS_CA_BUNDLE point at here: the same file there
    cp /etc/ssl/certs/ca-certificates.crt "$chroot_dir/etc/ssl/certs/ca-certificates.crt"
    # apt proxy settings (not sources: the chroot has its own suite)
    local f
    for f in /etc/apt/apt.conf.d/*proxy* /etc/apt/apt.conf; do
        [ -f "$f" ] && cp "$f" "$chroot_dir/etc/apt/apt.conf.d/$(basename "$f")-host"
    done
    # pip configuration
    rm -rf "$chroot_dir/etc/pip.conf" "$chroot_dir/root/.config/pip" "$chroot_dir/root/.pip"
    rm -rf "$chroot_dir/etc/xdg/pip"
    [ -f /etc/pip.conf ] && cp /etc/pip.conf "$chroot_dir/etc/pip.conf"
    [ -d /etc/xdg/pip ] && mkdir -p "$chroot_dir/etc/xdg" && cp -a /etc/xdg/pip "$chroot_dir/etc/xdg/pip"
    if [ -d "$HOME/.config/pip" ]; then
        mkdir -p "$chroot_dir/root/.config"
        cp -a "$HOME/.config/pip" "$chroot_dir/root/.config/pip"
    fi
    [ -d "$HOME/.pip" ] && cp -a "$HOME/.pip" "$chroot_dir/root/.pip"
    [ -n "${PIP_CONFIG_FILE:-}" ] && [ -f "$PIP_CONFIG_FILE" ] && {
        mkdir -p "$chroot_dir$(dirname "$PIP_CONFIG_FILE")"; cp "$PIP_CONFIG_FILE" "$chroot_dir$PIP_CONFIG_FILE"; }
    return 0
}

pip_local_dirs() {  # local folders pip reads packages from (file:// indexes, find-links), from PIP_* and config
    python3 - "$HOME" <<'EOF'
import configparser, os, re, sys
home = sys.argv[1]
keys = ("index-url", "extra-index-url", "find-links")
values = [os.environ.get("PIP_" + k.upper().replace("-", "_"), "") for k in keys]
for path in ("/etc/xdg/pip/pip.conf", "/etc/pip.conf", home + "/.config/pip/pip.conf", home + "/.pip/pip.conf",
             os.environ.get("PIP_CONFIG_FILE", "")):
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path)
    except (configparser.Error, OSError):
        continue
    for section in parser.sections():
        values += [parser[section].get(k, "") for k in keys]
for value in values:
    for item in re.split(r"\s+", value):
        item = item[len("file://"):] if item.startswith("file://") else item
        if item.startswith("/") and os.path.isdir(item):
            item = os.path.realpath(item)
            # a local index (…/simple) links to its files beside it (…/files): take the index's folder
            print(os.path.dirname(item) if os.path.basename(item) == "simple" else item)
EOF
}

copy_checkout() {
    # the files a commit of this working tree would hold, read through the read-only bind mount
    local list=$chroot_dir/tmp/ecospace-files
    (cd "$root" && git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do
        [ -e "$f" ] || [ -L "$f" ] && printf '%s\0' "$f"; done) >"$list"
    in_chroot bash -euc '
        dst=$1/main; rm -rf "$dst.new"; mkdir -p "$dst.new"
        tar -C /mnt/ecospace-src --null -T /tmp/ecospace-files -cf - | tar -C "$dst.new" -xf -
        for keep in .venv .build; do [ -e "$dst/$keep" ] && mv "$dst/$keep" "$dst.new/"; done
        rm -rf "$dst"; mv "$dst.new" "$dst"
        ln -sfn /mnt/ecospace-shared "$1/shared" 2>/dev/null || true
        rm -f /tmp/ecospace-files' _ "$work"
}

# ---- run ----------------------------------------------------------------------------------------------

main() {

    if [ "$rebuild" = 1 ] && [ -e "$chroot_dir" ]; then
        say "Removing the cached chroot (--rebuild)"
        remove_chroot
    fi
    if [ -e "$chroot_dir" ] && ! chroot_ok; then
        say "The cached chroot is broken or from an older recipe: rebuilding it"
        remove_chroot
    fi
    [ -e "$chroot_dir" ] || build_chroot
    carry_host_config
    mount_system
    mount_bind "$root" /mnt/ecospace-src ro
    if [ -d "$shared" ]; then mount_bind "$shared" /mnt/ecospace-shared ro; fi
    for d in $(pip_local_dirs | sort -u); do mount_bind "$d" "$d" ro; done
    mkdir -p "$chroot_dir$work"
    copy_checkout
    for d in "${data[@]}"; do
        mount_bind "$(cd "$root" && realpath -- "$d")" "$work/main/$d" ro
    done

    status=0
    if [ -n "$run_cmd" ]; then  # a developer's command in the chroot's copy, after setup has run once
        local stamp=$chroot_dir/tmp/ecospace-run-start  # newer than every file of the copy
        touch "$stamp"
        in_chroot bash -c 'cd "$0"/main && eval "$1" </dev/null' "$work" "$run_cmd" || status=$?
        if [ "$bench" = 1 ]; then  # the results files the run wrote
            find "$chroot_dir$work/main/bench/results" -maxdepth 1 -type f -newer "$stamp" \
                -exec cp -v -t "$root/bench/results" {} + || { [ "$status" -ne 0 ] || status=1; }
        fi
        exit "$status"
    fi
    t0=$SECONDS
    say "bash tools/setup.sh"
    in_chroot bash -c "cd $work/main && bash tools/setup.sh </dev/null" || status=$?
    setup_time=$((SECONDS - t0))
    test_time=0
    if [ "$status" -eq 0 ]; then
        t0=$SECONDS
        say "bash tools/test.sh $*"
        in_chroot bash -c 'cd "$0"/main && bash tools/test.sh "$@" </dev/null' "$work" "$@" || status=$?
        test_time=$((SECONDS - t0))
    fi
    qgis=$(in_chroot dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo '?')
    say "QGIS $qgis ($suite${extra_suite:+ + $extra_suite}): setup ${setup_time} s, tests ${test_time} s," \
        "total $((SECONDS - start)) s; exit status $status"
    exit "$status"
}

# one line: bash has read all of it before it runs, so editing this file during a run is harmless
main "$@"; exit $?
