"""CPU-seconds (user + system, with exited children) of each process of the platform, from /proc, grouped by service."""
import collections, os, re

hz = os.sysconf('SC_CLK_TCK')
groups = collections.Counter()
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
        stat = open(f'/proc/{pid}/stat').read()
    except OSError:
        continue
    fields = stat[stat.rfind(')') + 2:].split()
    seconds = sum(int(f) for f in fields[11:15]) / hz
    if 'postgres' in cmd:
        key = 'postgres'
    elif 'beam' in cmd:
        key = 'rabbitmq'
    elif m := re.search(r'Platform\.([A-Za-z]+)', cmd):
        key = m.group(1)
    elif 'Dashboard' in cmd:
        key = 'dashboard'
    else:
        continue
    groups[key] += seconds
for key, seconds in groups.most_common():
    print(f'{seconds:8.1f} {key}')
print(f'{sum(groups.values()):8.1f} total')
