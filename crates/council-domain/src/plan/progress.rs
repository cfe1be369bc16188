//! Progress of an indicator (指標) toward its target: where the latest actual value stands between the
//! baseline (現状値) and the target (目標値). Pure functions, so the rule is tested on its own.
//!
//! The rule works in both directions: for a target above the baseline (more participants) a higher
//! actual is progress; for a target below it (fewer vacant houses, fewer accidents) a lower one is.
//! A target equal to the baseline means "keep it where it is" (維持): it is met while the actual is at
//! the target or better, and a person can see which way is better only from the indicator's name, so
//! the rule takes "at the target" as met and anything else as not yet (0 %).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which way the target lies from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The target is above the baseline (more is better).
    Increase,
    /// The target is below the baseline (less is better).
    Decrease,
    /// The target equals the baseline (維持).
    Maintain,
}

/// How far an indicator has come, as of its latest actual value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Progress {
    /// Which way the target lies.
    pub direction: Direction,
    /// The fiscal year of the latest actual value used (none recorded: `None`).
    pub latest_year: Option<i32>,
    /// That actual value.
    pub latest_value: Option<f64>,
    /// Progress in percent, rounded to one decimal: 0 at the baseline, 100 at the target; below 0 when
    /// the actual moved away from the target, above 100 when it went past it. `None` without an actual.
    pub percent: Option<f64>,
    /// The same, held to 0–100 for drawing a bar.
    pub bar: f64,
    /// True when the actual has reached the target (or gone past it).
    pub achieved: bool,
}

/// Values closer than this are equal (indicator values are typed by people, to a few decimals).
const EPSILON: f64 = 1e-9;

/// Which way `target` lies from `baseline`.
pub fn direction(baseline: f64, target: f64) -> Direction {
    if (target - baseline).abs() < EPSILON {
        Direction::Maintain
    } else if target > baseline {
        Direction::Increase
    } else {
        Direction::Decrease
    }
}

/// Progress of one actual value, in percent (unrounded, unclamped).
pub fn percent(baseline: f64, target: f64, actual: f64) -> f64 {
    match direction(baseline, target) {
        Direction::Maintain => {
            if (actual - target).abs() < EPSILON {
                100.0
            } else {
                0.0
            }
        }
        // One formula serves both directions: the sign of (target − baseline) flips with the direction.
        _ => (actual - baseline) / (target - baseline) * 100.0,
    }
}

/// Progress as of fiscal year `as_of` (every year when `None`), from the latest actual recorded in or
/// before it. Years without an actual are simply skipped: the latest year that has one counts.
pub fn progress(baseline: f64, target: f64, actuals: &[(i32, f64)], as_of: Option<i32>) -> Progress {
    let latest = actuals
        .iter()
        .filter(|(year, _)| as_of.is_none_or(|limit| *year <= limit))
        .max_by_key(|(year, _)| *year)
        .copied();
    let dir = direction(baseline, target);
    match latest {
        None => {
            Progress { direction: dir, latest_year: None, latest_value: None, percent: None, bar: 0.0, achieved: false }
        }
        Some((year, value)) => {
            let p = percent(baseline, target, value);
            Progress {
                direction: dir,
                latest_year: Some(year),
                latest_value: Some(value),
                percent: Some((p * 10.0).round() / 10.0),
                bar: p.clamp(0.0, 100.0),
                achieved: p >= 100.0 - EPSILON,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (case, baseline, target, actuals, as_of, expected percent, achieved)
    type Case<'a> = (&'a str, f64, f64, &'a [(i32, f64)], Option<i32>, Option<f64>, bool);

    #[test]
    fn progress_table() {
        let cases: &[Case<'_>] = &[
            ("increasing, half way", 100.0, 200.0, &[(2025, 150.0)], None, Some(50.0), false),
            ("increasing, reached", 100.0, 200.0, &[(2025, 200.0)], None, Some(100.0), true),
            ("increasing, past the target", 100.0, 200.0, &[(2025, 230.0)], None, Some(130.0), true),
            ("increasing, fell back below the baseline", 100.0, 200.0, &[(2025, 90.0)], None, Some(-10.0), false),
            ("decreasing, a third of the way", 30.0, 0.0, &[(2025, 20.0)], None, Some(33.3), false),
            ("decreasing, reached", 30.0, 12.0, &[(2026, 12.0)], None, Some(100.0), true),
            ("decreasing, went up instead", 30.0, 10.0, &[(2025, 35.0)], None, Some(-25.0), false),
            ("the latest year counts", 0.0, 10.0, &[(2024, 2.0), (2026, 6.0), (2025, 4.0)], None, Some(60.0), false),
            ("missing years are skipped", 0.0, 10.0, &[(2024, 3.0), (2027, 9.0)], Some(2026), Some(30.0), false),
            ("nothing recorded yet", 0.0, 10.0, &[], None, None, false),
            ("nothing recorded by the year asked", 0.0, 10.0, &[(2027, 5.0)], Some(2026), None, false),
            ("baseline = target, kept", 85.0, 85.0, &[(2025, 85.0)], None, Some(100.0), true),
            ("baseline = target, not kept", 85.0, 85.0, &[(2025, 80.0)], None, Some(0.0), false),
            ("decimals", 72.5, 80.0, &[(2025, 76.25)], None, Some(50.0), false),
        ];
        for (case, baseline, target, actuals, as_of, expected, achieved) in cases {
            let p = progress(*baseline, *target, actuals, *as_of);
            assert_eq!(p.percent, *expected, "{case}: percent");
            assert_eq!(p.achieved, *achieved, "{case}: achieved");
            let bar = expected.map_or(0.0, |e| e.clamp(0.0, 100.0));
            assert!((p.bar - bar).abs() < 0.1, "{case}: the bar is the percent held to 0–100, got {}", p.bar);
        }
    }

    #[test]
    fn direction_follows_the_target() {
        assert_eq!(direction(10.0, 20.0), Direction::Increase);
        assert_eq!(direction(20.0, 10.0), Direction::Decrease, "fewer vacant houses is a decreasing target");
        assert_eq!(direction(5.0, 5.0), Direction::Maintain);
    }

    #[test]
    fn the_year_used_is_reported() {
        let p = progress(0.0, 10.0, &[(2024, 2.0), (2025, 5.0)], Some(2025));
        assert_eq!((p.latest_year, p.latest_value), (Some(2025), Some(5.0)), "the review year's own actual");
        let p = progress(0.0, 10.0, &[(2024, 2.0), (2025, 5.0)], Some(2024));
        assert_eq!((p.latest_year, p.latest_value), (Some(2024), Some(2.0)), "a later actual is not yet known");
    }
}
