# Shared helpers for the deploy/local scripts (sourced, not run).

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# Waits until 127.0.0.1:PORT accepts connections, while process PID is alive.
# wait_for_port PORT PID TIMEOUT_SECONDS
wait_for_port() {
    local port=$1 pid=$2 timeout=$3 i
    for ((i = 0; i < timeout * 10; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        if ! alive "$pid"; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}

# Fails (with a message) when any of the given ports is already taken.
require_free_ports() {
    local port
    for port in "$@"; do
        if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
            echo "port $port is out of range" >&2
            return 1
        fi
        if port_in_use "$port"; then
            echo "port $port on 127.0.0.1 is already in use" >&2
            return 1
        fi
    done
}

# True when process PID exists and is not a zombie (an exited child that its parent, or an init
# that reaps lazily, has not collected yet).
alive() {
    local pid=$1 state
    kill -0 "$pid" 2>/dev/null || return 1
    state=$({ awk '{print $3}' "/proc/$pid/stat"; } 2>/dev/null || true)
    [ -n "$state" ] && [ "$state" != "Z" ] && [ "$state" != "X" ]
}

# True when PID is alive and its command line contains TEXT.
pid_runs() {
    local pid=$1 text=$2
    [ -n "$pid" ] && alive "$pid" &&
        { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q -- "$text"
}

# Waits up to SECONDS for PID to exit; returns 1 if it is still alive.
wait_for_exit() {
    local pid=$1 seconds=$2 i
    for ((i = 0; i < seconds * 10; i++)); do
        alive "$pid" || return 0
        sleep 0.1
    done
    ! alive "$pid"
}
