# NEURON reference for the lowest firing amplitude of MRG fibres (our own script): the same
# model and conventions as mrg.py, but no search from a guess. Each case is scanned upwards on a
# geometric grid (x1.1) from `from_mA` to `to_mA`; the threshold is bisected to 0.1 % between
# the last quiet and the first firing grid amplitude, and every run of quiet grid amplitudes
# above it (a window) is listed.
#   python3 mrg_scan.py '[{"D":8.7,"nodes":21,"dist_mm":0.1,"sigma":0.2,"pw_ms":1.0,"wave":"cat"}]'
import sys, json, math, time
import mrg

STEP = 1.1

def scan(case):
    D = case['D']; N = case['nodes']; pen = case.get('pen', 1)
    secs, nodes, z, dz = mrg.build(D, N, case.get('interp', False), pen)
    zc = z[len(z)//2] if case.get('over', 'node') == 'node' else (z[len(z)//2] + dz/2)
    r = case['dist_mm'] * 1000; sig = case['sigma']
    pot = [1/(4*math.pi*sig*math.sqrt(((zz-zc)*1e-6)**2 + (r*1e-6)**2)) for zz in z]
    dt = case.get('dt', 0.005); pw = case['pw_ms']; n = int(round(pw/dt)); kind = case['wave']
    if kind == 'cat': wave = [-1.0]*n
    elif kind == 'an': wave = [1.0]*n
    else:
        gap = int(round(case.get('ipg_ms', 0)/dt)); wave = [-1.0]*n + [0.0]*gap + [1.0]*n
    tstop = case.get('tstop', len(wave)*dt + 5)
    det = int(0.9*(N-1))
    fires = lambda a: mrg.run(secs, nodes, [p*a for p in pot], wave, dt, tstop, det)
    a = case.get('from_mA', 1e-4); top = case.get('to_mA', 10.0)
    grid = []
    while a <= top:
        grid.append((a, fires(a))); a *= STEP
    first = next((i for i, (_, f) in enumerate(grid) if f), None)
    if first is None: return None, []
    if first == 0: raise ValueError('fires at the scan floor')
    lo = grid[first-1][0]; hi = grid[first][0]
    while (hi - lo)/hi > case.get('tol', 0.001):
        mid = (lo + hi)/2
        if fires(mid): hi = mid
        else: lo = mid
    windows = []; cur = None
    for amp, f in grid[first:]:
        if not f and cur is None: cur = [amp, amp, None]
        elif not f: cur[1] = amp
        elif cur is not None:
            cur[2] = amp; windows.append(cur); cur = None
    if cur is not None: windows.append(cur)
    return hi, windows

if __name__ == '__main__':
    for c in json.loads(sys.argv[1]):
        t0 = time.time(); th, win = scan(c)
        c['thr_mA'] = th; c['windows'] = win; c['sec'] = round(time.time() - t0, 2)
        print(json.dumps(c), flush=True)
