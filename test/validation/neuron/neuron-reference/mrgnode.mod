: Reference-only mechanism for mrg.py: MRG node channels (McIntyre, Richardson & Grill 2002,
: parameters of models.md section 2.3) with the |v| > 150 mV guards of the PyFibers variant.
NEURON {
  SUFFIX mrgn
  NONSPECIFIC_CURRENT ina, inap, ik, il
  RANGE gnapbar, gnabar, gkbar, gl, ena, ek, el
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) }
PARAMETER {
  gnapbar = 0.01 (mho/cm2)
  gnabar = 3.0 (mho/cm2)
  gkbar = 0.08 (mho/cm2)
  gl = 0.007 (mho/cm2)
  ena = 50.0 (mV)
  ek = -90.0 (mV)
  el = -90.0 (mV)
  celsius (degC)
}
STATE { mp m h s }
ASSIGNED {
  v (mV)
  ina (mA/cm2) inap (mA/cm2) ik (mA/cm2) il (mA/cm2)
  mpi mi hi si tmp tm th ts q1 q2 q3
}
BREAKPOINT {
  SOLVE states METHOD cnexp
  inap = gnapbar*mp*mp*mp*(v-ena)
  ina = gnabar*m*m*m*h*(v-ena)
  ik = gkbar*s*(v-ek)
  il = gl*(v-el)
}
DERIVATIVE states {
  rates(v)
  mp' = (mpi-mp)/tmp
  m' = (mi-m)/tm
  h' = (hi-h)/th
  s' = (si-s)/ts
}
INITIAL {
  q1 = 2.2^((celsius-20)/10)
  q2 = 2.9^((celsius-20)/10)
  q3 = 3.0^((celsius-36)/10)
  rates(v)
  mp = mpi m = mi h = hi s = si
}
UNITSOFF
FUNCTION E(x) { if (x < -100) { E = 0 } else { E = exp(x) } }
PROCEDURE rates(v) { LOCAL a, b
  if (fabs((v+27)/10.2) < 1e-6) { a = 0.01*10.2 } else if (v < -150) { a = 0.00086725 } else { a = 0.01*(v+27)/(1-E(-(v+27)/10.2)) }
  if (fabs((v+34)/10) < 1e-6) { b = 0.00025*10 } else if (v > 150) { b = 1.5855e-05 } else { b = 0.00025*(-(v+34))/(1-E((v+34)/10)) }
  a = q1*a b = q1*b tmp = 1/(a+b) mpi = a/(a+b)
  if (fabs((v+21.4)/10.3) < 1e-6) { a = 1.86*10.3 } else if (v < -150) { a = 0.15733 } else { a = 1.86*(v+21.4)/(1-E(-(v+21.4)/10.3)) }
  if (fabs((v+25.7)/9.16) < 1e-6) { b = 0.086*9.16 } else if (v > 150) { b = 0.0057268 } else { b = 0.086*(-(v+25.7))/(1-E((v+25.7)/9.16)) }
  a = q1*a b = q1*b tm = 1/(a+b) mi = a/(a+b)
  if (fabs((v+114)/11) < 1e-6) { a = 0.062*11 } else if (v > 150) { a = 0.0032594 } else { a = 0.062*(-(v+114))/(1-E((v+114)/11)) }
  if (v < -150) { b = 0.0014054 } else { b = 2.3/(1+E(-(v+31.8)/13.4)) }
  a = q2*a b = q2*b th = 1/(a+b) hi = a/(a+b)
  if (v < -150) { a = 3.3484e-05 } else { a = 0.3/(E((v+80-27)/(-5))+1) }
  if (v < -150) { b = 3.3484e-06 } else { b = 0.03/(E((v+80+10)/(-1))+1) }
  a = q3*a b = q3*b ts = 1/(a+b) si = a/(a+b)
}
UNITSON
