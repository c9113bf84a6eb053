//! Two-proportion tests for `specc compare` (#report): did a clause's pass rate
//! change between two runs by more than chance would explain?
//!
//! - the pooled two-proportion z-test (normal approximation), when every
//!   expected cell of the 2×2 table (run × pass/fail) is at least 5;
//! - Fisher's exact test, two-sided, otherwise (small samples, or rates near
//!   0% or 100%, where the normal approximation is poor).
//!
//! Both are implemented here, with no dependency: the normal tail through the
//! complementary error function (W. J. Cody's rational approximations, relative
//! error below 1e-15) and Fisher's hypergeometric probabilities through
//! log-factorials (Lanczos log-gamma, relative error about 1e-15), which stay
//! exact for tables of any size. Unit tests pin them to published values.

use serde::Serialize;

/// Which test produced a p-value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestMethod {
    /// The pooled two-proportion z-test (two-sided).
    ZTest,
    /// Fisher's exact test (two-sided), used when an expected count is below 5.
    FisherExact,
}

/// The outcome of a two-proportion test.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ProportionTest {
    pub method: TestMethod,
    /// The z statistic (B minus A) for the z-test; `None` for Fisher's test.
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p_value: f64,
}

/// Tests whether `x1` of `n1` and `x2` of `n2` come from the same proportion:
/// Fisher's exact test when any expected count of the 2×2 table is below 5,
/// the pooled z-test otherwise. `None` when either sample is empty.
pub fn two_proportion_test(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ProportionTest> {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return None;
    }
    let (s, f) = (x1 + x2, (n1 - x1) + (n2 - x2));
    let total = (n1 + n2) as f64;
    let min_expected = [n1, n2]
        .iter()
        .flat_map(|&n| [s, f].map(|c| n as f64 * c as f64 / total))
        .fold(f64::INFINITY, f64::min);
    if min_expected < 5.0 {
        return Some(ProportionTest {
            method: TestMethod::FisherExact,
            z: None,
            p_value: fisher_exact(x1, n1 - x1, x2, n2 - x2),
        });
    }
    let (z, p_value) = z_test(x1, n1, x2, n2);
    Some(ProportionTest {
        method: TestMethod::ZTest,
        z: Some(z),
        p_value,
    })
}

/// The pooled two-proportion z-test: (z, two-sided p). z is positive when the
/// second proportion is higher. Callers ensure both samples are non-empty; a
/// table with no variation at all (every trial a success, or every one a
/// failure) has z = 0 and p = 1.
pub fn z_test(x1: u64, n1: u64, x2: u64, n2: u64) -> (f64, f64) {
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let (p1, p2) = (x1 as f64 / n1f, x2 as f64 / n2f);
    let pooled = (x1 + x2) as f64 / (n1f + n2f);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f)).sqrt();
    if se == 0.0 || !se.is_finite() {
        return (0.0, 1.0);
    }
    let z = (p2 - p1) / se;
    (z, (2.0 * normal_sf(z.abs())).min(1.0))
}

/// Fisher's exact test, two-sided, of the 2×2 table `[[a, b], [c, d]]`: the
/// total probability, under fixed margins, of every table no more likely than
/// the observed one (the definition R's `fisher.test` and SciPy use, with the
/// same small relative tolerance for ties in floating point).
pub fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (row1, col1, n) = (a + b, a + c, a + b + c + d);
    if n == 0 {
        return 1.0;
    }
    // The top-left cell ranges over every value the margins allow.
    let lo = col1.saturating_sub(c + d);
    let hi = row1.min(col1);
    let log_p = |x: u64| hypergeometric_ln_pmf(x, row1, col1, n);
    let observed = log_p(a);
    let mut p = 0.0;
    for x in lo..=hi {
        let lp = log_p(x);
        // Relative tolerance 1e-7, as R: equal probabilities must not be lost to rounding.
        if lp <= observed + 1e-7_f64.ln_1p() {
            p += (lp).exp();
        }
    }
    p.min(1.0)
}

/// ln P(X = x) for X hypergeometric: `x` successes in a first row of
/// `row1` items, when the first column holds `col1` of `n`.
fn hypergeometric_ln_pmf(x: u64, row1: u64, col1: u64, n: u64) -> f64 {
    ln_choose(col1, x) + ln_choose(n - col1, row1 - x) - ln_choose(n, row1)
}

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
}

fn ln_factorial(n: u64) -> f64 {
    // Exact sums for small n (the common case: a few dozen samples per clause).
    if n < 64 {
        return (2..=n).map(|i| (i as f64).ln()).sum();
    }
    ln_gamma(n as f64 + 1.0)
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, 9 coefficients).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = COEF[0];
    let t = x + G + 0.5;
    for (i, c) in COEF.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The standard normal upper tail, P(Z > z).
pub fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The complementary error function, after W. J. Cody, "Rational Chebyshev
/// approximations for the error function" (Math. Comp. 1969), as in his
/// CALERF routine: three ranges, each a rational function.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.abs();
    let r = if y <= 0.46875 {
        const A: [f64; 5] = [
            3.161_123_743_870_565_6,
            113.864_154_151_050_16,
            377.485_237_685_302_1,
            3_209.377_589_138_469_4,
            0.185_777_706_184_603_15,
        ];
        const B: [f64; 4] = [
            23.601_290_952_344_122,
            244.024_637_934_444_17,
            1_282.616_526_077_372_3,
            2_844.236_833_439_171,
        ];
        let z = if y > 1.11e-16 { y * y } else { 0.0 };
        let mut num = A[4] * z;
        let mut den = z;
        for i in 0..3 {
            num = (num + A[i]) * z;
            den = (den + B[i]) * z;
        }
        let erf = x * (num + A[3]) / (den + B[3]);
        return 1.0 - erf;
    } else if y <= 4.0 {
        const C: [f64; 9] = [
            0.564_188_496_988_670_1,
            8.883_149_794_388_376,
            66.119_190_637_141_63,
            298.635_138_197_400_1,
            881.952_221_241_769,
            1_712.047_612_634_070_7,
            2_051.078_377_826_071_6,
            1_230.339_354_797_997_2,
            2.153_115_354_744_038_3e-8,
        ];
        const D: [f64; 8] = [
            15.744_926_110_709_835,
            117.693_950_891_312_5,
            537.181_101_862_009_9,
            1_621.389_574_566_690_2,
            3_290.799_235_733_459_7,
            4_362.619_090_143_247,
            3_439.367_674_143_721_6,
            1_230.339_354_803_749_5,
        ];
        let mut num = C[8] * y;
        let mut den = y;
        for i in 0..7 {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        let r = (num + C[7]) / (den + D[7]);
        tail(y, r)
    } else {
        const P: [f64; 6] = [
            0.305_326_634_961_232_36,
            0.360_344_899_949_804_5,
            0.125_781_726_111_229_26,
            0.016_083_785_148_742_275,
            6.587_491_615_298_378e-4,
            0.016_315_387_137_302_097,
        ];
        const Q: [f64; 5] = [
            2.568_520_192_289_822,
            1.872_952_849_923_460_4,
            0.527_905_102_951_428_4,
            0.060_518_341_312_441_32,
            0.002_335_204_976_268_691_8,
        ];
        if y >= 26.55 {
            0.0
        } else {
            let z = 1.0 / (y * y);
            let mut num = P[5] * z;
            let mut den = z;
            for i in 0..4 {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            let r = z * (num + P[4]) / (den + Q[4]);
            let r = (1.0 / std::f64::consts::PI.sqrt() - r) / y;
            tail(y, r)
        }
    };
    if x < 0.0 { 2.0 - r } else { r }
}

/// exp(−y²)·r, with y² split so that its rounding error does not reach the result.
fn tail(y: f64, r: f64) -> f64 {
    let ysq = (y * 16.0).trunc() / 16.0;
    let del = (y - ysq) * (y + ysq);
    (-ysq * ysq).exp() * (-del).exp() * r
}

#[cfg(test)]
// Reference values are written as published, to all their digits.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-300)
    }

    #[test]
    fn erfc_known_values() {
        // Values from Abramowitz and Stegun, table 7.1, and R's 2*pnorm(-x*sqrt(2)).
        for (x, want) in [
            (0.0, 1.0),
            (0.1, 0.887_537_083_981_715_1),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 0.004_677_734_981_047_266),
            (3.0, 2.209_049_699_858_544e-5),
            (5.0, 1.537_459_794_428_034_8e-12),
            (-1.0, 1.842_700_792_949_715),
        ] {
            assert!(close(erfc(x), want, 1e-12), "erfc({x}) = {} not {want}", erfc(x));
        }
        assert!(close(2.0 * normal_sf(1.959_963_984_540_054), 0.05, 1e-12));
    }

    #[test]
    fn ln_gamma_known_values() {
        assert!(ln_gamma(1.0).abs() < 1e-13);
        assert!(close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-13));
        assert!(close(ln_gamma(101.0), 363.739_375_555_563_5, 1e-13), "ln 100!");
        // Small factorials are exact sums; large ones agree with Lanczos.
        assert!(close(ln_factorial(63), ln_gamma(64.0), 1e-13));
    }

    #[test]
    fn fisher_tea_tasting() {
        // Fisher's lady tasting tea: 3 of 4 cups right each way. Two-sided p = 34/70.
        let p = fisher_exact(3, 1, 1, 3);
        assert!(close(p, 0.485_714_285_714_285_7, 1e-12), "{p}");
        assert_eq!(format!("{p:.4}"), "0.4857");
    }

    #[test]
    fn fisher_known_tables() {
        // R: fisher.test(matrix(c(1, 11, 9, 3), 2))$p.value = 0.002759456
        let p = fisher_exact(1, 9, 11, 3);
        assert!(close(p, 0.002_759_456_185_220_088, 1e-9), "{p}");
        // A table and its transpose, or with rows swapped, give the same p.
        assert!(close(fisher_exact(1, 11, 9, 3), p, 1e-12));
        assert!(close(fisher_exact(11, 3, 1, 9), p, 1e-12));
        // 10 of 10 against 0 of 10: 2 / C(20, 10).
        let p = fisher_exact(10, 0, 0, 10);
        assert!(close(p, 2.0 / 184_756.0, 1e-12), "{p}");
        // No difference at all.
        assert!(close(fisher_exact(5, 5, 5, 5), 1.0, 1e-12));
        assert_eq!(fisher_exact(0, 0, 0, 0), 1.0);
    }

    #[test]
    fn z_test_textbook() {
        // OpenStax Introductory Statistics, example 10.11: medication A, 20 of 200
        // adults stop taking it; medication B, 12 of 200. z = 1.47, p = 0.1404.
        let (z, p) = z_test(20, 200, 12, 200);
        assert!(close(z, -1.474_419_561_548_971, 1e-9), "{z}");
        assert!(close(p, 0.140_368_660_771_673_2, 1e-9), "{p}");
        // Symmetric in the order of the samples, except for the sign of z.
        let (z2, p2) = z_test(12, 200, 20, 200);
        assert!(close(z2, -z, 1e-12) && close(p2, p, 1e-12));
        assert_eq!(z_test(10, 10, 10, 10), (0.0, 1.0));
    }

    #[test]
    fn chooses_fisher_for_small_expected_counts() {
        // 4 of 4 against 0 of 4: every expected count is 2.
        let t = two_proportion_test(4, 4, 0, 4).unwrap();
        assert_eq!(t.method, TestMethod::FisherExact);
        assert!(close(t.p_value, 2.0 / 70.0, 1e-12), "{}", t.p_value);
        // 10 of 10 against 0 of 10: every expected count is exactly 5, so the z-test.
        let t = two_proportion_test(10, 10, 0, 10).unwrap();
        assert_eq!(t.method, TestMethod::ZTest);
        assert!(close(t.z.unwrap(), -20f64.sqrt(), 1e-12));
        let t = two_proportion_test(20, 200, 12, 200).unwrap();
        assert_eq!(t.method, TestMethod::ZTest);
        assert!(close(t.p_value, 0.140_368_660_771_673_2, 1e-9));
        assert_eq!(two_proportion_test(0, 0, 3, 4), None);
        assert_eq!(two_proportion_test(5, 4, 3, 4), None, "more successes than trials");
    }
}
