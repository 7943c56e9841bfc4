"""
Reads `perf script -F comm,pid,tid,ip,sym` output of a first start.

  by-caller.py --names perf.txt                    pid -> service (from the JIT's /tmp/perf-PID.map files, and postgres/rabbitmq)
  by-caller.py perf.txt pids.txt Households         for one service: share of its samples under each of its own methods
                                                    (the innermost frame of the service's or the building blocks' code)
"""
import collections, glob, re, sys

def samples(path):
    current = None
    for line in open(path, errors='replace'):
        if not line.strip():
            if current:
                yield current
            current = None
        elif not line[0].isspace():
            pid = [t for t in line.split() if re.match(r'^\d+/\d+$', t)]
            current = (pid[0].split('/')[0], line.split()[0], []) if pid else None
        elif current is not None:
            parts = line.strip().split(None, 1)
            current[2].append(parts[1] if len(parts) > 1 else '')
    if current:
        yield current

if sys.argv[1] == '--names':
    names = {}
    for path in glob.glob('/tmp/perf-*.map'):
        found = collections.Counter(re.findall(r'\[(Platform\.[A-Za-z]+|Aspire\.[A-Za-z]+)\]', open(path, errors='replace').read()))
        for shared in ('Platform.Contracts', 'Platform.ServiceDefaults', 'Platform.Messaging'):
            found.pop(shared, None)
        if found:
            names[path[len('/tmp/perf-'):-len('.map')]] = found.most_common(1)[0][0]
    for pid, comm, _ in samples(sys.argv[2]):
        if comm == 'postgres':
            names.setdefault(pid, 'postgres')
        elif 'scheduler' in comm or 'dirty_io' in comm:
            names.setdefault(pid, 'rabbitmq')
    for pid, name in names.items():
        print(pid, name)
    sys.exit()

path, pids, service = sys.argv[1], sys.argv[2], 'Platform.' + sys.argv[3]
names = dict(line.split() for line in open(pids))
own = re.compile(r'\[(' + re.escape(service) + r'|Platform\.Messaging|Platform\.ServiceDefaults)\] ')
counts, total = collections.Counter(), 0
for pid, _, frames in samples(path):
    if names.get(pid) != service:
        continue
    total += 1
    mine = next((f for f in frames if own.search(f)), None)
    counts[re.sub(r'\(.*', '', mine)[-140:] if mine else '(no frame of its own: framework, GC, JIT, I/O)'] += 1
print(f'{service}: {total} samples')
for key, n in counts.most_common(25):
    print(f'{100 * n / total:5.1f}% {key}')
