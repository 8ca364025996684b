# Batch driver for the project's NEURON reference scripts (test/validation/neuron/neuron-reference:
# mrg.py, mrg_branch.py), used by `neuromod bench` to time NEURON side by side with our batch mode.
#   python3 neuron_batch.py <libnrnmech.so> csv <cases.csv> [tol]   the CSV of `neuromod threshold --cases`
#   python3 neuron_batch.py <libnrnmech.so> json '<[cases]>' [tol]  cases as mrg.py / mrg_branch.py take them
# Prints one JSON line per case with thr_mA and sec (the search's wall time, NEURON already loaded),
# then {"loadSec": ...}: Python start to NEURON and the mechanisms loaded.
import csv, json, os, sys, time
t_start = time.time()
from neuron import h
h.nrn_load_dll(sys.argv[1])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..',
                                'test', 'validation', 'neuron', 'neuron-reference'))
import mrg, mrg_branch
load_sec = time.time() - t_start

WAVES = {'mono-cathodic': 'cat', 'mono-anodic': 'an', 'biphasic-cathodic-first': 'bi'}

def case_from_row(row):
    r = {k.strip().lower().lstrip('-').replace('-', '_'): v.strip() for k, v in row.items() if v and v.strip()}
    model = r.get('model', 'mrg')
    if model not in ('mrg', 'mrg-interp'):
        raise ValueError('the NEURON reference runs MRG only, got ' + model)
    c = {'D': float(r.get('diameter_um', 10)), 'nodes': int(r.get('nodes', 21)),
         'dist_mm': float(r.get('distance_mm', 1)), 'sigma': float(r.get('sigma_s_per_m', 0.2)),
         'pw_ms': float(r.get('pw_us', 210)) / 1000, 'wave': WAVES[r.get('waveform', 'mono-cathodic')],
         'interp': model == 'mrg-interp', 'over': r.get('over', 'node'),
         'pen': 1 if r.get('passive_end_nodes', 'false').lower() in ('true', 'yes', '1', 'on') else 0,
         'dt': float(r.get('dt_us', 5)) / 1000}
    if 'interphase_us' in r: c['ipg_ms'] = float(r['interphase_us']) / 1000
    if 'tstop_ms' in r: c['tstop'] = float(r['tstop_ms'])
    return c

mode, arg = sys.argv[2], sys.argv[3]
tol = float(sys.argv[4]) if len(sys.argv) > 4 else None
if mode == 'csv':
    with open(arg, newline='') as f:
        cases = [case_from_row(row) for row in csv.DictReader(line for line in f if not line.startswith('#'))]
else:
    cases = json.loads(arg)
for i, c in enumerate(cases):
    if tol is not None: c['tol'] = tol
    run = mrg_branch.thresh if ('col' in c or 'stem' in c) else mrg.thresh
    t0 = time.time()
    thr = run(c)
    print(json.dumps({'case': i + 1, 'thr_mA': thr, 'sec': time.time() - t0}), flush=True)
print(json.dumps({'loadSec': load_sec}), flush=True)
