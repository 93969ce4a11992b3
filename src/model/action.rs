//! Action items (remediations): their vocabulary and the typed form every source style maps to.

use std::ops::Range;

use crate::util::vocabulary::vocabulary;
use jiff::civil::Date;

vocabulary! {
    /// Where an action stands.
    ActionStatus {
        /// Not started.
        Open = "open",
        /// Being worked on.
        InProgress = "in-progress",
        /// Waiting on something else.
        Blocked = "blocked",
        /// Finished.
        Done = "done",
        /// Decided against.
        Wontfix = "wontfix",
        /// Not recorded: an item of a migrated archive whose lists carry no status. Neither open
        /// nor closed, and never overdue.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// How urgent an action is.
    Priority { High = "high", Medium = "medium", Low = "low" }
}

vocabulary! {
    /// What an action does for the system.
    ActionKind {
        /// Limits the damage of a repeat.
        Mitigate = "mitigate",
        /// Stops a repeat.
        Prevent = "prevent",
        /// Finds a repeat sooner.
        Detect = "detect",
        /// Changes how people work.
        Process = "process",
        /// Anything else.
        Other = "other",
    }
}

impl ActionStatus {
    /// Whether the action still needs work (`open`, `in-progress`, `blocked`); `unknown` does not
    /// say, so it is not open.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress | Self::Blocked)
    }
}

/// One action item of an incident, whatever style it was written in.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// Unique in the site: given, or `<incident id>-<n>`.
    pub id: String,
    /// What is to be done (markdown inline text).
    pub title: String,
    /// Where it stands.
    pub status: ActionStatus,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Date>,
    /// How urgent it is.
    pub priority: Option<Priority>,
    /// What it does.
    pub kind: Option<ActionKind>,
    /// A URL or a tracker key.
    pub ticket: Option<String>,
    /// When it was finished.
    pub completed: Option<Date>,
    /// Notes written under the item in an Action items list (nested lists, more paragraphs), as
    /// HTML rendered with the body's link and footnote definitions.
    pub notes: Option<String>,
    /// Where it was written, for diagnostics.
    pub span: Range<usize>,
}

impl Action {
    /// Days this action is overdue as of `now`: open with a due date before `now`. An action due
    /// today is not overdue.
    pub fn days_overdue(&self, now: Date) -> Option<i32> {
        let due = self.due?;
        if !self.status.is_open() || due >= now {
            return None;
        }
        Some((now - due).get_days())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_case_insensitively_and_reject_others() {
        assert_eq!(
            ActionStatus::parse("In-Progress"),
            Some(ActionStatus::InProgress)
        );
        assert_eq!(ActionStatus::parse("finished"), None);
        assert!(ActionStatus::expected().contains("`wontfix`"));
        assert!(!ActionStatus::Done.is_open());
        assert!(ActionStatus::Blocked.is_open());
    }

    #[test]
    fn an_action_of_unknown_status_is_neither_open_nor_overdue() {
        assert_eq!(ActionStatus::parse("Unknown"), Some(ActionStatus::Unknown));
        assert!(!ActionStatus::Unknown.is_open());
        let action = Action {
            id: "PM-1-1".into(),
            title: "Check every shard".into(),
            status: ActionStatus::Unknown,
            owner: None,
            due: Some(Date::constant(2019, 4, 1)),
            priority: None,
            kind: None,
            ticket: None,
            completed: None,
            notes: None,
            span: 0..0,
        };
        assert_eq!(action.days_overdue(Date::constant(2020, 1, 1)), None);
    }
}
