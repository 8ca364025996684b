# NEURON reference for MRG fibres with straight myelinated collaterals (our own script).
# Each collateral is an MRG fibre of its own diameter (interpolated geometry): per internode
# MYSA, FLUT, 6 x STIN, FLUT, MYSA, node; its first MYSA connects at the centre of a main-axon
# node (child(0) to node(0.5)) and it ends in an active node. Collaterals run straight away
# from the point source (which lies at dist_mm over the fibre's middle node).
# Run from this folder after compiling mrgnode.mod, with NEURON 8.2's Python:
#   python3 mrg_branch.py '[{"D":12.0,"nodes":31,"dist_mm":1.0,"sigma":0.2,"pw_ms":0.1,
#                           "wave":"cat","interp":true,"col":{"D":3.0,"L_um":1500,"every":4}}]'
# Collaterals sit on every `every`-th node counted from the middle node, with at least two
# active nodes between a collateral and a passive end (as models/neuron/mrg.ts collateralNodes).
# "stem": {"D": d} hangs a DRG stem on the middle node instead (models/neuron/mrg.ts
# STEM_INTERNODES, after Graham et al.'s ABetaFiber.hoc): internodes of 201, 168, 130, 85 um
# (lamellae x 1, 0.66197, 0.48592, 0.07747; FLUT 35 um), an initial segment 5 x 200 um and a
# soma 80 x 80 um with node channels, sodium scaled by 500/2000 and 300/2000. It runs straight
# away from the source like the collaterals.
import sys, json, math, time
from neuron import h
import mrg

def collateral(D, L_um, parent, internodes=None):
    dz, flut, axd, nd, nl = mrg.params(D, True)
    if internodes is None: internodes = [(dz, flut, 1.0)]*max(1, round(L_um/dz))
    rhoa = 0.7e6; mycm = 0.1; mygm = 0.001
    def rp(dd, sp): return (rhoa*0.01)/(math.pi*(((dd/2)+sp)**2-(dd/2)**2))
    def mk(L, dd, sp, gp, lam):
        s = h.Section(); s.nseg = 1; s.diam = D; s.L = L; s.Ra = rhoa*(1/(dd/D)**2)/10000; s.cm = 2*dd/D
        s.insert('pas'); s.g_pas = gp*dd/D; s.e_pas = -80
        s.insert('extracellular'); s.xraxial[0] = rp(dd, sp); s.xc[0] = mycm/(lam*2); s.xg[0] = mygm/(lam*2)
        return s
    secs = []; nodes = []
    for (dzj, flutj, lamf) in internodes:
        stin = (dzj-1-6-2*flutj)/6; lam = nl*lamf; flut = flutj
        secs.append(mk(3, nd, 0.002, 0.001, lam)); secs.append(mk(flut, axd, 0.004, 0.0001, lam))
        for k in range(6): secs.append(mk(stin, axd, 0.004, 0.0001, lam))
        secs.append(mk(flut, axd, 0.004, 0.0001, lam)); secs.append(mk(3, nd, 0.002, 0.001, lam))
        n = h.Section(); n.nseg = 1; n.diam = nd; n.L = 1; n.Ra = rhoa/10000; n.cm = 2
        n.insert('extracellular'); n.xraxial[0] = rp(nd, 0.002); n.xc[0] = 0; n.xg[0] = 1e10
        n.insert('mrgn'); secs.append(n); nodes.append(n)
    return finish(secs, nodes, parent)

def finish(secs, nodes, parent):
    secs[0].connect(parent(0.5), 0)
    for i in range(len(secs)-1): secs[i+1].connect(secs[i])
    dist = []; acc = 0
    for s in secs:
        dist.append(acc+s.L/2); acc += s.L
    return secs, nodes, dist

def stem(D, parent):
    rhoa = 0.7e6
    def rp(dd, sp): return (rhoa*0.01)/(math.pi*(((dd/2)+sp)**2-(dd/2)**2))
    internodes = [(201, 35, 1.0), (168, 35, 0.66197), (130, 35, 0.48592), (85, 35, 0.07747)]
    secs, nodes, _ = collateral(D, 0, parent, internodes)
    for (diam, L, scale) in [(5, 200, 500/2000), (80, 80, 300/2000)]:
        s = h.Section(); s.nseg = 1; s.diam = diam; s.L = L; s.Ra = rhoa/10000; s.cm = 2
        s.insert('extracellular'); s.xraxial[0] = rp(diam, 0.002); s.xc[0] = 0; s.xg[0] = 1e10
        s.insert('mrgn'); s.gnabar_mrgn = 3.0*scale; s.gnapbar_mrgn = 0.01*scale
        s.connect(secs[-1](1), 0); secs.append(s)
    dist = []; acc = 0
    for s in secs:
        dist.append(acc+s.L/2); acc += s.L
    return secs, nodes, dist

def thresh(case):
    D = case['D']; N = case['nodes']; interp = case.get('interp', False); pen = case.get('pen', 1)
    secs, nodes, z, dz = mrg.build(D, N, interp, pen)
    mid = N//2
    zc = z[secs.index(nodes[mid])]
    r = case['dist_mm']*1000; sig = case['sigma']
    def V(dzum, dyum): return 1/(4*math.pi*sig*math.sqrt((dzum*1e-6)**2+(dyum*1e-6)**2))
    pot = [V(zz-zc, r) for zz in z]
    allsecs = list(secs)
    c = case.get('col')
    if c:
        for i in range(N):
            if (i-mid) % c['every'] != 0 or i < pen+2 or N-1-i < pen+2: continue
            cs, cn, dist = collateral(c['D'], c['L_um'], nodes[i])
            za = z[secs.index(nodes[i])]
            allsecs += cs
            pot += [V(za-zc, r+d) for d in dist]
    st = case.get('stem')
    if st:
        cs, cn, dist = stem(st['D'], nodes[mid])
        allsecs += cs
        pot += [V(0, r+d) for d in dist]
    dt = case.get('dt', 0.005); pw = case['pw_ms']; n = int(round(pw/dt)); kind = case['wave']
    wave = [-1.0]*n if kind == 'cat' else [1.0]*n
    tstop = case.get('tstop', len(wave)*dt+5)
    det = int(0.9*(N-1))
    lo = 0.0; hi = case.get('guess', 0.1)
    while not mrg.run(allsecs, nodes, [p*hi for p in pot], wave, dt, tstop, det):
        lo = hi; hi *= 2
    while (hi-lo)/hi > case.get('tol', 0.001):
        m = (lo+hi)/2
        if mrg.run(allsecs, nodes, [p*m for p in pot], wave, dt, tstop, det): hi = m
        else: lo = m
    return hi

if __name__ == '__main__':
    for c in json.loads(sys.argv[1]):
        t0 = time.time(); c['thr_mA'] = thresh(c); c['sec'] = round(time.time()-t0, 2)
        print(json.dumps(c), flush=True)
