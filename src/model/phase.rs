//! The phases of an incident: the one list every phase key, label and duration comes from.

use jiff::SignedDuration;
use jiff::tz::TimeZone;

use crate::util::time::When;
use crate::util::vocabulary::vocabulary;

vocabulary! {
    /// A phase of an incident, in the order they happen.
    Phase {
        /// The impact began.
        Started = "started",
        /// Someone noticed.
        Detected = "detected",
        /// A responder took it on.
        Acknowledged = "acknowledged",
        /// The impact stopped.
        Mitigated = "mitigated",
        /// It was fully resolved.
        Resolved = "resolved",
    }
}

impl Phase {
    /// The key of the time from the start to this phase (`time_to_detect`), as templates and
    /// exports name it; none for the start itself.
    pub fn time_to_key(self) -> Option<&'static str> {
        match self {
            Phase::Started => None,
            Phase::Detected => Some("time_to_detect"),
            Phase::Acknowledged => Some("time_to_acknowledge"),
            Phase::Mitigated => Some("time_to_mitigate"),
            Phase::Resolved => Some("time_to_resolve"),
        }
    }
}

/// The phases of an incident, where known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Times {
    /// When the impact began.
    pub started: Option<When>,
    /// When someone noticed.
    pub detected: Option<When>,
    /// When a responder took it on.
    pub acknowledged: Option<When>,
    /// When the impact stopped.
    pub mitigated: Option<When>,
    /// When it was fully resolved.
    pub resolved: Option<When>,
    /// Durations the post-mortem states (a Stats section's "Time to detection: 54 minutes"), each
    /// used for its phase only when the times cannot measure it.
    pub stated: Vec<(Phase, SignedDuration)>,
}

impl Times {
    /// The time of one phase, if known.
    pub fn get(&self, phase: Phase) -> Option<&When> {
        match phase {
            Phase::Started => self.started.as_ref(),
            Phase::Detected => self.detected.as_ref(),
            Phase::Acknowledged => self.acknowledged.as_ref(),
            Phase::Mitigated => self.mitigated.as_ref(),
            Phase::Resolved => self.resolved.as_ref(),
        }
    }

    /// The slot of one phase, to fill it.
    pub fn slot(&mut self, phase: Phase) -> &mut Option<When> {
        match phase {
            Phase::Started => &mut self.started,
            Phase::Detected => &mut self.detected,
            Phase::Acknowledged => &mut self.acknowledged,
            Phase::Mitigated => &mut self.mitigated,
            Phase::Resolved => &mut self.resolved,
        }
    }

    /// The time from the start to `phase`: measured when both times are known to the minute (a
    /// day alone is too coarse to measure by), else as the post-mortem states it.
    pub fn elapsed(&self, phase: Phase, tz: &TimeZone) -> Option<SignedDuration> {
        self.measured(phase, tz).or_else(|| self.stated_for(phase))
    }

    /// The time from the start to `phase`, measured from the two times only.
    pub fn measured(&self, phase: Phase, tz: &TimeZone) -> Option<SignedDuration> {
        let (start, end) = (self.started.as_ref()?, self.get(phase)?);
        if !matches!(start, When::At(_)) || !matches!(end, When::At(_)) {
            return None;
        }
        Some(end.timestamp(tz).duration_since(start.timestamp(tz)))
    }

    /// The time from the start to `phase` as the post-mortem states it.
    pub fn stated_for(&self, phase: Phase) -> Option<SignedDuration> {
        self.stated
            .iter()
            .find(|(p, _)| *p == phase)
            .map(|(_, span)| *span)
    }

    /// The known phases, in order, with their keys.
    pub fn known(&self) -> Vec<(&'static str, &When)> {
        Phase::ALL
            .iter()
            .filter_map(|&phase| self.get(phase).map(|when| (phase.as_str(), when)))
            .collect()
    }
}
