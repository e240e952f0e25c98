//! The agreement measures themselves, on counts: F1 over spans, Cohen's kappa over a
//! two-by-two table of labels, and Krippendorff's alpha (nominal) over units that each
//! got a value from several coders.
//!
//! Each returns `None` where the measure is undefined (nothing to compare, or no variation
//! at all), never a division by zero.

/// F1 of two span sets: `matched` spans counted over both sets, out of `total` spans in
/// both. Exact F1 passes twice the matches; overlap F1 the matched spans of each side.
pub fn f1(matched: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| matched as f64 / total as f64)
}

/// Cohen's kappa for two coders who each gave every unit one of two labels:
/// `table[a][b]` counts the units coder one labelled `a` and coder two `b`.
pub fn kappa(table: [[u64; 2]; 2]) -> Option<f64> {
    let n: u64 = table.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let observed = (table[0][0] + table[1][1]) as f64 / n;
    let first = |label: usize| (table[label][0] + table[label][1]) as f64 / n;
    let second = |label: usize| (table[0][label] + table[1][label]) as f64 / n;
    let expected = first(0) * second(0) + first(1) * second(1);
    (expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
}

/// Krippendorff's coincidence matrix for nominal values `0..V`, built unit by unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    /// `matrix[c][k]`: pairs of values `c`, `k` within one unit, each weighted by
    /// 1 / (values in the unit − 1).
    matrix: Vec<Vec<f64>>,
}

impl Coincidences {
    /// An empty matrix for `values` distinct values.
    pub fn new(values: usize) -> Self {
        Self {
            matrix: vec![vec![0.0; values]; values],
        }
    }

    /// Adds one unit, given how many coders gave it each value; a unit `weight` times
    /// over (many characters share the same counts). Units with fewer than two values
    /// are not pairable and add nothing.
    pub fn add_unit(&mut self, counts: &[u64], weight: u64) {
        let m: u64 = counts.iter().sum();
        if m < 2 || weight == 0 {
            return;
        }
        let scale = weight as f64 / (m - 1) as f64;
        for (c, &nc) in counts.iter().enumerate() {
            for (k, &nk) in counts.iter().enumerate() {
                let pairs = if c == k {
                    nc * nc.saturating_sub(1)
                } else {
                    nc * nk
                };
                self.matrix[c][k] += pairs as f64 * scale;
            }
        }
    }

    /// Alpha for nominal data: 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
    pub fn alpha(&self) -> Option<f64> {
        let totals: Vec<f64> = self.matrix.iter().map(|row| row.iter().sum()).collect();
        let n: f64 = totals.iter().sum();
        let mut observed = 0.0;
        let mut expected = 0.0;
        for (c, row) in self.matrix.iter().enumerate() {
            for (k, o) in row.iter().enumerate() {
                if c != k {
                    observed += o;
                    expected += totals[c] * totals[k];
                }
            }
        }
        (expected > 0.0 && n > 1.0).then(|| 1.0 - (n - 1.0) * observed / expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 5e-4)
    }

    #[test]
    fn kappa_matches_the_textbook_example() {
        // Fifty grant proposals, two readers: 20 both yes, 5 yes/no, 10 no/yes, 15 both
        // no. Observed 0.7, expected 0.5, kappa 0.4.
        let table = [[15, 10], [5, 20]];
        assert!(close(kappa(table), 0.4));
    }

    #[test]
    fn kappa_is_one_for_full_agreement_and_undefined_without_variation() {
        assert!(close(kappa([[30, 0], [0, 12]]), 1.0));
        assert_eq!(kappa([[40, 0], [0, 0]]), None);
        assert_eq!(kappa([[0, 0], [0, 0]]), None);
    }

    #[test]
    fn kappa_is_negative_when_coders_disagree_more_than_chance() {
        let k = kappa([[0, 5], [5, 0]]).unwrap();
        assert!(close(Some(k), -1.0));
    }

    /// Krippendorff's worked example for nominal data with missing values ("Computing
    /// Krippendorff's alpha-reliability", 2011): four observers, twelve units, values 1–5
    /// (here 0–4); alpha = 0.743.
    #[test]
    fn alpha_matches_the_textbook_example() {
        let units: [[Option<u8>; 4]; 12] = [
            [Some(1), Some(1), None, Some(1)],
            [Some(2), Some(2), Some(3), Some(2)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(2), Some(2), Some(2), Some(2)],
            [Some(1), Some(2), Some(3), Some(4)],
            [Some(4), Some(4), Some(4), Some(4)],
            [Some(1), Some(1), Some(2), Some(1)],
            [Some(2), Some(2), Some(2), Some(2)],
            [None, Some(5), Some(5), Some(5)],
            [None, None, Some(1), Some(1)],
            [None, None, Some(3), None],
        ];
        let mut coincidences = Coincidences::new(5);
        for unit in units {
            let mut counts = [0u64; 5];
            for value in unit.into_iter().flatten() {
                counts[usize::from(value) - 1] += 1;
            }
            coincidences.add_unit(&counts, 1);
        }
        assert!(close(coincidences.alpha(), 0.743));
    }

    #[test]
    fn alpha_for_two_coders_on_binary_labels_worked_by_hand() {
        // Ten units, two coders: 6 both 0, 2 both 1, 2 split. Coincidences: o00 = 12,
        // o11 = 4, o01 = o10 = 2; n0 = 14, n1 = 6, n = 20.
        // alpha = 1 − 19 · 4 / (2 · 14 · 6) = 1 − 76 / 168 = 0.5476.
        let mut coincidences = Coincidences::new(2);
        coincidences.add_unit(&[2, 0], 6);
        coincidences.add_unit(&[0, 2], 2);
        coincidences.add_unit(&[1, 1], 2);
        assert!(close(coincidences.alpha(), 1.0 - 76.0 / 168.0));
    }

    #[test]
    fn alpha_is_undefined_without_variation_or_pairable_units() {
        let mut all_zero = Coincidences::new(2);
        all_zero.add_unit(&[3, 0], 100);
        assert_eq!(all_zero.alpha(), None);
        let mut lone = Coincidences::new(2);
        lone.add_unit(&[1, 0], 5);
        lone.add_unit(&[0, 1], 5);
        assert_eq!(lone.alpha(), None);
    }

    #[test]
    fn f1_is_undefined_over_no_spans() {
        assert_eq!(f1(0, 0), None);
        assert!(close(f1(4, 5), 0.8));
    }
}
