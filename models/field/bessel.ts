/**
 * Modified Bessel functions I0, I1, K0, K1 for real x > 0, by the polynomial approximations
 * of Abramowitz & Stegun (1964), Handbook of Mathematical Functions, §9.8.1–9.8.8
 * (absolute/relative error below about 2e-7). Used by the 2.5-D solver, whose
 * axial Fourier transform of a point source is K0.
 */

/** A&S 9.8.1 / 9.8.2 */
export function besselI0(x: number): number {
  const ax = Math.abs(x);
  if (ax <= 3.75) {
    const t = (ax / 3.75) ** 2;
    return (
      1 +
      t *
        (3.5156229 +
          t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))))
    );
  }
  const t = 3.75 / ax;
  const p =
    0.39894228 +
    t *
      (0.01328592 +
        t *
          (0.00225319 +
            t *
              (-0.00157565 +
                t *
                  (0.00916281 +
                    t * (-0.02057706 + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377)))))));
  return (p * Math.exp(ax)) / Math.sqrt(ax);
}

/** A&S 9.8.3 / 9.8.4 */
export function besselI1(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax <= 3.75) {
    const t = (ax / 3.75) ** 2;
    r =
      ax *
      (0.5 +
        t *
          (0.87890594 +
            t *
              (0.51498869 +
                t * (0.15084934 + t * (0.02658733 + t * (0.00301532 + t * 0.00032411))))));
  } else {
    const t = 3.75 / ax;
    const p =
      0.39894228 +
      t *
        (-0.03988024 +
          t *
            (-0.00362018 +
              t *
                (0.00163801 +
                  t *
                    (-0.01031555 +
                      t * (0.02282967 + t * (-0.02895312 + t * (0.01787654 - t * 0.00420059)))))));
    r = (p * Math.exp(ax)) / Math.sqrt(ax);
  }
  return x < 0 ? -r : r;
}

/** A&S 9.8.5 / 9.8.6; x must be > 0 */
export function besselK0(x: number): number {
  if (x <= 2) {
    const t = (x / 2) ** 2;
    return (
      -Math.log(x / 2) * besselI0(x) +
      (-0.57721566 +
        t *
          (0.4227842 +
            t *
              (0.23069756 + t * (0.0348859 + t * (0.00262698 + t * (0.0001075 + t * 0.0000074))))))
    );
  }
  if (x > 700) return 0;
  return (k0Asymptotic(x) * Math.exp(-x)) / Math.sqrt(x);
}

/** The polynomial of A&S 9.8.6: K0(x) = e^{−x}/√x · k0Asymptotic(x) for x ≥ 2. */
function k0Asymptotic(x: number): number {
  const t = 2 / x;
  return (
    1.25331414 +
    t *
      (-0.07832358 +
        t * (0.02189568 + t * (-0.01062446 + t * (0.00587872 + t * (-0.0025154 + t * 0.00053208)))))
  );
}

/** A&S 9.8.7 / 9.8.8; x must be > 0 */
export function besselK1(x: number): number {
  if (x <= 2) {
    const t = (x / 2) ** 2;
    return (
      Math.log(x / 2) * besselI1(x) +
      (1 +
        t *
          (0.15443144 +
            t *
              (-0.67278579 +
                t * (-0.18156897 + t * (-0.01919402 + t * (-0.00110404 - t * 0.00004686)))))) /
        x
    );
  }
  if (x > 700) return 0;
  const t = 2 / x;
  const p =
    1.25331414 +
    t *
      (0.23498619 +
        t *
          (-0.0365562 + t * (0.01504268 + t * (-0.00780353 + t * (0.00325614 - t * 0.00068245)))));
  return (p * Math.exp(-x)) / Math.sqrt(x);
}

/** ln K0(x) without underflow for large x (A&S 9.8.5 / 9.8.6); x must be > 0 */
export function logBesselK0(x: number): number {
  if (x <= 2) return Math.log(besselK0(x));
  return Math.log(k0Asymptotic(x)) - x - 0.5 * Math.log(x);
}
