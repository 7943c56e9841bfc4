#!/usr/bin/env bash
# A RabbitMQ node of our own, as a plain process on 127.0.0.1 (no system service, no Docker).
#
#   rabbitmq.sh run   DIR PORT MGMT_PORT   foreground (for the Aspire AppHost); SIGTERM, SIGINT or
#                                          SIGHUP stop the node and its epmd
#   rabbitmq.sh start DIR PORT MGMT_PORT   background; returns when AMQP and management answer
#   rabbitmq.sh stop  DIR [--kill]         stops the node and its epmd; leaves no process behind.
#                                          A graceful stop takes ~6 s (the management plugin's
#                                          stats collector waits out a 5 s timeout); --kill
#                                          SIGKILLs the VM instead: throwaway test nodes only
#
# Everything lives in DIR: Erlang cookie (HOME), mnesia, logs, pid file, config, plugins file.
# Ports: AMQP = PORT, Erlang distribution = PORT+1, private epmd = PORT+2, management = MGMT_PORT,
# all on 127.0.0.1 only; so two nodes (say the dev start and a test run) coexist when their PORTs
# differ by 3 or more. The management plugin is on. User guest/guest, which RabbitMQ only accepts
# over loopback: LOCAL / DEMO / TEST USE ONLY.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

rabbit_bin=/usr/lib/rabbitmq/bin

usage() {
    sed -n '2,17p' "$0" >&2
    exit 2
}

# Exports the environment that points the server and the CLI tools at DIR.
# Needs $dir, $node_port, $dist_port, $epmd_port (also read back from DIR/node.env by stop).
node_environment() {
    export HOME="$dir/home"
    export RABBITMQ_NODENAME=rabbit@localhost
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$node_port"
    export RABBITMQ_DIST_PORT="$dist_port"
    export ERL_EPMD_PORT="$epmd_port"
    export ERL_EPMD_ADDRESS=127.0.0.1
    # No busy-waiting schedulers: on a machine shared with the services (two cores here) a spinning scheduler
    # only takes CPU the services need (RabbitMQ's advice for shared hosts).
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
    export RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand"
}

load_node_environment() {
    [ -f "$dir/node.env" ] || return 1
    # shellcheck source=/dev/null
    . "$dir/node.env"
    node_environment
}

# Writes the config for this start; $1 = true to also log to the console (foreground run).
prepare() {
    local console=$1
    if [ ! -x "$rabbit_bin/rabbitmq-server" ]; then
        echo "rabbitmq.sh: RabbitMQ not installed (run deploy/local/ensure-packages.sh)" >&2
        return 1
    fi
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    if [ ! -f "$dir/home/.erlang.cookie" ]; then
        local cookie
        cookie=$(head -c 2048 /dev/urandom | LC_ALL=C tr -dc 'A-Z')
        (umask 077 && printf '%s' "${cookie:0:20}" >"$dir/home/.erlang.cookie")
        chmod 400 "$dir/home/.erlang.cookie"
    fi
    printf 'node_port=%s\ndist_port=%s\nepmd_port=%s\n' "$node_port" "$dist_port" "$epmd_port" >"$dir/node.env"
    cat >"$dir/rabbitmq.conf" <<CONF
# Written by deploy/local/rabbitmq.sh on each start.
listeners.tcp.default = 127.0.0.1:$node_port
management.tcp.port = $mgmt_port
management.tcp.ip = 127.0.0.1
# Queue counts in the management API are at most this old (ms); the default is 5000.
collect_statistics_interval = 1000
# Classic queues in the second, leaner storage format (new queues only; RabbitMQ 3.10 still defaults to the first).
# The event stream's queues are quorum queues; this serves any other classic queue (the bench's raw loop, tests).
classic_queue.default_version = 2
log.file.level = info
log.console = $console
log.console.level = info
CONF
    echo '[].' >"$dir/advanced.config"
    echo '[rabbitmq_management].' >"$dir/enabled_plugins"
    : >"$dir/rabbitmq-env.conf"
    node_environment
}

beam_pid() {
    local pid
    [ -f "$dir/rabbitmq.pid" ] || return 1
    pid=$(head -n 1 "$dir/rabbitmq.pid")
    pid_runs "$pid" beam || return 1
    echo "$pid"
}

kill_epmd() {
    local epmd pid
    epmd=$(command -v epmd || echo /usr/lib/erlang/bin/epmd)
    "$epmd" -kill >/dev/null 2>&1 || true
    # In case it refused (a name still registered): any epmd started for this port.
    for pid in $(pgrep -x epmd || true); do
        if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qx "ERL_EPMD_PORT=$epmd_port"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
}

stop() {
    local kill_now=${1:-0} pid
    if ! load_node_environment; then
        echo "rabbitmq.sh: not running ($dir)"
        return 0
    fi
    if pid=$(beam_pid); then
        if [ "$kill_now" -eq 1 ]; then
            echo "rabbitmq.sh: killing (pid $pid)"
            kill -KILL "$pid" 2>/dev/null || true
            wait_for_exit "$pid" 10 || true
        else
            echo "rabbitmq.sh: stopping (pid $pid)"
            # The Erlang VM treats SIGTERM as a graceful stop (what rabbitmqctl stop does, without
            # starting a CLI VM).
            kill -TERM "$pid" 2>/dev/null || true
            if ! wait_for_exit "$pid" 60; then
                echo "rabbitmq.sh: node did not stop, killing $pid" >&2
                kill -KILL "$pid" 2>/dev/null || true
                wait_for_exit "$pid" 10 || true
            fi
        fi
    else
        echo "rabbitmq.sh: not running ($dir)"
    fi
    kill_epmd
    rm -f "$dir/rabbitmq.pid"
}

ports_from_args() {
    node_port=$1
    mgmt_port=$2
    dist_port=$((node_port + 1))
    epmd_port=$((node_port + 2))
}

# The broker is every event's path: on a machine the services keep busy (a county's first load on two cores,
# ~80 runnable .NET threads) its Erlang schedulers starved, its queues fell behind and it held the publishers
# in flow control (the registry's outbox grew by 30,000 events a minute). Ahead of them it drained ~800 events/s.
# Raising a priority needs root (or CAP_SYS_NICE); without it the broker runs as the rest. Only the local
# start's broker (run): the tests' broker (start) serves many small worlds and runs as their hosts do.
priority=()
if [ "${1:-}" = run ] && nice -n -10 true 2>/dev/null; then
    priority=(nice -n -10)
fi

[ "$#" -ge 2 ] || usage
command=$1
dir=$(realpath -m "$2")

case "$command" in
run)
    [ "$#" -eq 4 ] || usage
    stop # a node left behind by a killed supervisor
    ports_from_args "$3" "$4"
    require_free_ports "$node_port" "$dist_port" "$epmd_port" "$mgmt_port"
    prepare true
    echo "rabbitmq.sh: running on 127.0.0.1:$node_port, management http://127.0.0.1:$mgmt_port/ (dir $dir)"
    # The rabbitmq-server wrapper turns SIGTERM into a graceful stop of the VM.
    "${priority[@]}" "$rabbit_bin/rabbitmq-server" </dev/null &
    pid=$!
    trap 'kill -TERM "$pid" 2>/dev/null || true' TERM INT HUP
    trap 'kill_epmd' EXIT
    status=0
    while kill -0 "$pid" 2>/dev/null; do
        wait "$pid" && status=0 || status=$?
    done
    echo "rabbitmq.sh: stopped"
    exit "$status"
    ;;
start)
    [ "$#" -eq 4 ] || usage
    stop
    ports_from_args "$3" "$4"
    require_free_ports "$node_port" "$dist_port" "$epmd_port" "$mgmt_port"
    prepare false
    log="$dir/log/$RABBITMQ_NODENAME.log"
    log_offset=$(stat -c %s "$log" 2>/dev/null || echo 0)
    # Own session: the node outlives this script and the caller's process group.
    setsid "${priority[@]}" "$rabbit_bin/rabbitmq-server" </dev/null >"$dir/log/console.log" 2>&1 &
    pid=$!
    # Up = both ports answer and the boot finished (what `rabbitmqctl wait` checks, without the
    # second it takes to start the CLI's VM).
    booted() { tail -c "+$((log_offset + 1))" "$log" 2>/dev/null | grep -q 'Server startup complete'; }
    started=0
    if wait_for_port "$node_port" "$pid" 120 && wait_for_port "$mgmt_port" "$pid" 60; then
        for ((i = 0; i < 300; i++)); do
            if booted; then
                started=1
                break
            fi
            alive "$pid" || break
            sleep 0.1
        done
    fi
    if [ "$started" -ne 1 ]; then
        echo "rabbitmq.sh: node did not start; last log lines:" >&2
        tail -n 30 "$dir/log/console.log" "$dir/log/"*.log >&2 2>/dev/null || true
        stop 1 >/dev/null 2>&1 || true
        kill -KILL "$pid" 2>/dev/null || true
        exit 1
    fi
    echo "rabbitmq.sh: started on 127.0.0.1:$node_port, management http://127.0.0.1:$mgmt_port/ (dir $dir, pid $(beam_pid))"
    ;;
stop)
    if [ "$#" -eq 3 ] && [ "$3" = "--kill" ]; then
        stop 1
    else
        [ "$#" -eq 2 ] || usage
        stop
    fi
    ;;
*)
    usage
    ;;
esac
