//! BM25 with field weights, worked out at build time and kept as a small integer per posting.
//!
//! For a term in a document the builder computes the term-frequency part of BM25 field by field
//! (`tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))`, with `b = 0` for short fields) times the field's
//! weight, sums the fields, and stores `q = round(2·log2(1 + sum))`. The client multiplies
//! `2^(q/2) − 1` by the term's IDF, which it works out from the posting count.

use super::document::Field;

/// BM25's saturation constant.
pub const K1: f64 = 1.2;
/// BM25's length normalisation for prose fields.
pub const B: f64 = 0.75;
/// Quantisation steps per doubling of the score.
pub const STEPS: u32 = 2;
/// The largest stored score level (4 bits).
pub const MAX_LEVEL: u8 = 15;

/// One field's contribution: weight × BM25's term-frequency part.
pub fn field_part(field: Field, tf: u32, len: u32, avg_len: f64) -> f64 {
    let tf = f64::from(tf);
    let norm = if field.is_prose() && avg_len > 0.0 {
        1.0 - B + B * f64::from(len) / avg_len
    } else {
        1.0
    };
    field.weight() * tf * (K1 + 1.0) / (tf + K1 * norm)
}

/// The lower bound of each level: `2^((2l − 1)/8) − 1`, built from square roots and products
/// only, so every platform rounds it the same way and the index bytes never differ.
fn thresholds() -> [f64; MAX_LEVEL as usize + 1] {
    // step = 2^(1/STEPS) and half = 2^(1/(2·STEPS)), by repeated square roots (STEPS is a power of two).
    let mut step = 2f64;
    let mut n = 1;
    while n < STEPS {
        step = step.sqrt();
        n *= 2;
    }
    let half = step.sqrt();
    let mut t = [0.0; MAX_LEVEL as usize + 1];
    let mut bound = half;
    for slot in t.iter_mut().skip(1) {
        *slot = bound - 1.0;
        bound *= step;
    }
    t
}

/// The stored level of a summed score: at least 1 for any match, at most [`MAX_LEVEL`].
pub fn quantise(score: f64) -> u8 {
    static TABLE: std::sync::OnceLock<[f64; MAX_LEVEL as usize + 1]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(thresholds);
    // The last bound the score reaches, by bisection (the bounds ascend); 1 if it reaches none.
    let level = t.partition_point(|&bound| score >= bound).saturating_sub(1);
    level.clamp(1, MAX_LEVEL as usize) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The score a level stands for, as the client reads it back.
    fn level_value(level: u8) -> f64 {
        2f64.powf(f64::from(level) / f64::from(STEPS)) - 1.0
    }

    #[test]
    fn a_title_hit_outweighs_any_body_count() {
        let title = field_part(Field::Title, 1, 6, 6.0);
        let body = field_part(Field::Body, 50, 200, 1000.0);
        assert!(quantise(title) > quantise(body), "{title} vs {body}");
    }

    #[test]
    fn more_occurrences_and_shorter_texts_score_higher() {
        let once = field_part(Field::Body, 1, 1000, 1000.0);
        let thrice = field_part(Field::Body, 3, 1000, 1000.0);
        let short = field_part(Field::Body, 1, 300, 1000.0);
        assert!(thrice > once && short > once);
    }

    #[test]
    fn bisecting_finds_the_last_bound_reached_as_a_scan_does() {
        let t = thresholds();
        assert!(t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
        let scan = |score: f64| {
            let level = t.iter().rposition(|&bound| score >= bound).unwrap_or(1);
            level.clamp(1, MAX_LEVEL as usize) as u8
        };
        let mut scores = vec![f64::NAN, -1.0, -0.0, 0.0, f64::INFINITY, 1e300];
        for &bound in &t {
            scores.extend([bound, bound.next_down(), bound.next_up()]);
        }
        scores.extend((0..20_000).map(|i| f64::from(i) * 0.003));
        for score in scores {
            assert_eq!(quantise(score), scan(score), "{score}");
        }
    }

    #[test]
    fn levels_round_on_a_log_scale() {
        assert_eq!(quantise(0.0001), 1);
        assert_eq!(quantise(1.0), 2); // 2·log2(2)
        assert_eq!(quantise(3.0), 4); // 2·log2(4)
        assert_eq!(quantise(1e9), MAX_LEVEL);
        for level in 1..=MAX_LEVEL {
            assert_eq!(quantise(level_value(level)), level);
        }
    }
}
