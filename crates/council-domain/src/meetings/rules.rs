//! The bylaw rules of a meeting as pure functions: the quorum (定足数) and the majority a motion needs
//! (過半数 / 3分の2以上). Integer arithmetic only, so "two thirds" never depends on rounding a float.
//!
//! What counts, as most councils' bylaws (規約) say: members present, members who sent a proxy (委任状)
//! and members who sent a written vote (書面表決) all count as attending, both for the quorum and as the
//! base of a motion's majority; abstentions are not votes for, so they count against a majority.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// Whether the quorum counts households or persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuorumBasis {
    /// One vote per member household (the usual rule).
    #[default]
    Household,
    /// One vote per member person.
    Person,
}

/// The council's quorum rule: more than (or at least) `numerator / denominator` of the members.
/// The default is 過半数: more than one half of the member households.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuorumRule {
    /// Households or persons.
    pub basis: QuorumBasis,
    /// The fraction's numerator (1 for one half).
    pub numerator: u32,
    /// The fraction's denominator (2 for one half).
    pub denominator: u32,
    /// True: more than the fraction (過半数); false: the fraction or more (2分の1以上).
    pub strictly_more: bool,
}

impl Default for QuorumRule {
    fn default() -> Self {
        Self { basis: QuorumBasis::Household, numerator: 1, denominator: 2, strictly_more: true }
    }
}

impl QuorumRule {
    /// The rule in words for a general meeting (会員世帯の過半数 …).
    pub fn label(&self) -> Text {
        let counting = match self.basis {
            QuorumBasis::Household => Counting::HOUSEHOLDS,
            QuorumBasis::Person => Counting::PERSONS,
        };
        self.label_for(&counting)
    }

    /// The rule in words for whoever the meeting counts (役員の過半数 …).
    pub fn label_for(&self, counting: &Counting) -> Text {
        let (n, d) = (self.numerator, self.denominator);
        let (ja, en) = (counting.noun_ja, counting.noun_en);
        if n * 2 == d && self.strictly_more {
            return Text::new(format!("{ja}の過半数"), format!("more than half of the {en}"));
        }
        let (ja_op, en_op) = if self.strictly_more { ("を超える数", "more than") } else { ("以上", "at least") };
        Text::new(format!("{ja}の{d}分の{n}{ja_op}"), format!("{en_op} {n}/{d} of the {en}"))
    }

    /// True when the rule can be applied (a proper fraction above zero).
    pub fn is_valid(&self) -> bool {
        self.denominator > 0 && self.numerator > 0 && self.numerator <= self.denominator
    }

    /// The fewest attending members that meet the quorum out of `members`.
    pub fn needed(&self, members: u32) -> u32 {
        let (n, d, m) = (u64::from(self.numerator), u64::from(self.denominator.max(1)), u64::from(members));
        // at least: ceil(m·n/d); more than: floor(m·n/d) + 1.
        let needed = if self.strictly_more { m * n / d + 1 } else { (m * n).div_ceil(d) };
        u32::try_from(needed).unwrap_or(u32::MAX)
    }
}

/// Who a meeting counts, in words: its members (会員世帯, 役員 …) and the unit (世帯 / 名).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counting {
    /// The members, in Japanese (会員世帯).
    pub noun_ja: &'static str,
    /// The members, in English.
    pub noun_en: &'static str,
    /// The counting unit in Japanese (世帯 or 名).
    pub unit_ja: &'static str,
}

impl Counting {
    /// Member households (a 総会 counted per household).
    pub const HOUSEHOLDS: Self = Self { noun_ja: "会員世帯", noun_en: "member households", unit_ja: "世帯" };
    /// Member persons (a 総会 counted per person).
    pub const PERSONS: Self = Self { noun_ja: "会員", noun_en: "members", unit_ja: "名" };
    /// The officers (役員会).
    pub const OFFICERS: Self = Self { noun_ja: "役員", noun_en: "officers", unit_ja: "名" };
    /// The block leaders (班長会).
    pub const BLOCK_LEADERS: Self = Self { noun_ja: "班長", noun_en: "block leaders", unit_ja: "名" };
    /// Whoever was invited.
    pub const INVITED: Self = Self { noun_ja: "構成員", noun_en: "members", unit_ja: "名" };
}

/// How one invitee attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Not yet recorded (counts as not attending).
    #[default]
    Unrecorded,
    /// 出席.
    Present,
    /// 委任状 (represented by a proxy).
    Proxy,
    /// 書面表決 (voted in writing).
    WrittenVote,
    /// 欠席.
    Absent,
}

impl Attendance {
    /// True for the kinds that count toward the quorum.
    pub fn counts(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Proxy | Attendance::WrittenVote)
    }

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Unrecorded => "unrecorded",
            Attendance::Present => "present",
            Attendance::Proxy => "proxy",
            Attendance::WrittenVote => "written_vote",
            Attendance::Absent => "absent",
        }
    }

    /// From the stored form.
    pub fn parse(s: &str) -> Self {
        match s {
            "present" => Attendance::Present,
            "proxy" => Attendance::Proxy,
            "written_vote" => Attendance::WrittenVote,
            "absent" => Attendance::Absent,
            _ => Attendance::Unrecorded,
        }
    }

    /// The word printed on the attendance sheet and in the minutes.
    pub fn label_ja(self) -> &'static str {
        match self {
            Attendance::Unrecorded => "未記録",
            Attendance::Present => "出席",
            Attendance::Proxy => "委任状",
            Attendance::WrittenVote => "書面表決",
            Attendance::Absent => "欠席",
        }
    }
}

/// The quorum finding for a meeting: the counts and whether the rule is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuorumStatus {
    /// The rule applied.
    pub rule: QuorumRule,
    /// The rule in words.
    pub rule_text: Text,
    /// Members (invitees) counted.
    pub members: u32,
    /// Present in person.
    pub present: u32,
    /// Represented by a proxy.
    pub proxies: u32,
    /// Voted in writing.
    pub written_votes: u32,
    /// Absent (recorded).
    pub absent: u32,
    /// Not yet recorded.
    pub unrecorded: u32,
    /// Present + proxies + written votes.
    pub attending: u32,
    /// The fewest attending that meets the quorum.
    pub needed: u32,
    /// Whether the quorum is met.
    pub met: bool,
    /// The finding in words, as the minutes print it.
    pub finding: Text,
}

/// Counts `attendance` (one entry per member counted, as `counting` names them) against `rule`.
pub fn quorum(rule: QuorumRule, attendance: &[Attendance], counting: &Counting) -> QuorumStatus {
    let u = counting.unit_ja;
    let count = |a: Attendance| attendance.iter().filter(|x| **x == a).count() as u32;
    let (present, proxies, written_votes) =
        (count(Attendance::Present), count(Attendance::Proxy), count(Attendance::WrittenVote));
    let members = attendance.len() as u32;
    let attending = present + proxies + written_votes;
    let needed = rule.needed(members);
    let met = members > 0 && attending >= needed;
    let finding = Text::new(
        format!(
            "{}{members}{u}中、出席{attending}{u}（本人出席{present}{u}、委任状{proxies}{u}、書面表決{written_votes}{u}）。\
             定足数{needed}{u}に{}。",
            counting.noun_ja,
            if met {
                "達しており、本会議は成立した"
            } else {
                "達しておらず、本会議は成立していない"
            }
        ),
        format!(
            "{attending} of {members} members attending ({present} present, {proxies} by proxy, {written_votes} by \
             written vote); the quorum of {needed} is {}.",
            if met { "met" } else { "not met" }
        ),
    );
    QuorumStatus {
        rule,
        rule_text: rule.label_for(counting),
        members,
        present,
        proxies,
        written_votes,
        absent: count(Attendance::Absent),
        unrecorded: count(Attendance::Unrecorded),
        attending,
        needed,
        met,
        finding,
    }
}

/// The majority a motion needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// 過半数: more votes for than half of the votes cast (abstentions included in the base).
    #[default]
    Simple,
    /// 3分の2以上: at least two thirds of the votes cast (bylaw changes, dissolution).
    TwoThirds,
}

impl Majority {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Majority::Simple => "simple",
            Majority::TwoThirds => "two_thirds",
        }
    }

    /// From the stored form.
    pub fn parse(s: &str) -> Self {
        if s == "two_thirds" { Majority::TwoThirds } else { Majority::Simple }
    }

    /// The rule as printed.
    pub fn label_ja(self) -> &'static str {
        match self {
            Majority::Simple => "過半数",
            Majority::TwoThirds => "3分の2以上",
        }
    }
}

/// What the votes on a motion decide under its majority rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoteOutcome {
    /// The votes for reach the majority.
    Carried,
    /// They do not.
    Rejected,
    /// For and against are equal with no abstentions under a simple majority: the chair decides
    /// (可否同数のときは議長の決するところによる).
    Tie,
}

/// Decides a vote: `for_`, `against` and `abstain` are the votes cast (proxies and written votes
/// included); abstentions count in the base, so they act against the majority.
pub fn decide(majority: Majority, for_: u32, against: u32, abstain: u32) -> VoteOutcome {
    let (f, base) = (u64::from(for_), u64::from(for_) + u64::from(against) + u64::from(abstain));
    if base == 0 {
        return VoteOutcome::Rejected;
    }
    match majority {
        Majority::Simple if f * 2 > base => VoteOutcome::Carried,
        Majority::Simple if for_ == against && abstain == 0 => VoteOutcome::Tie,
        Majority::Simple => VoteOutcome::Rejected,
        Majority::TwoThirds if f * 3 >= base * 2 => VoteOutcome::Carried,
        Majority::TwoThirds => VoteOutcome::Rejected,
    }
}

/// The fewest votes for that carry a motion with `cast` votes under `majority`.
pub fn votes_needed(majority: Majority, cast: u32) -> u32 {
    match majority {
        Majority::Simple => cast / 2 + 1,
        Majority::TwoThirds => (u64::from(cast) * 2).div_ceil(3) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Attendance::{Absent as A, Present as P, Proxy as X, Unrecorded as U, WrittenVote as W};

    fn att(p: usize, x: usize, w: usize, a: usize, u: usize) -> Vec<Attendance> {
        [(P, p), (X, x), (W, w), (A, a), (U, u)].iter().flat_map(|(k, n)| std::iter::repeat_n(*k, *n)).collect()
    }

    #[test]
    fn quorum_table() {
        let majority = QuorumRule::default();
        let at_least_half = QuorumRule { strictly_more: false, ..majority };
        let two_thirds = QuorumRule { numerator: 2, denominator: 3, strictly_more: false, ..majority };
        // (rule, present, proxy, written, absent, unrecorded, needed, met, why)
        type Case = (QuorumRule, usize, usize, usize, usize, usize, u32, bool, &'static str);
        let cases: &[Case] = &[
            (majority, 51, 0, 0, 49, 0, 51, true, "51 of 100 is more than half"),
            (majority, 50, 0, 0, 50, 0, 51, false, "exactly half is not more than half"),
            (majority, 20, 25, 6, 49, 0, 51, true, "proxies and written votes count toward the quorum"),
            (majority, 20, 25, 5, 0, 50, 51, false, "unrecorded invitees do not count as attending"),
            (majority, 2, 0, 0, 1, 0, 2, true, "odd total: 2 of 3 is more than half"),
            (majority, 1, 0, 0, 2, 0, 2, false, "1 of 3 is not"),
            (at_least_half, 50, 0, 0, 50, 0, 50, true, "half or more: exactly half is enough"),
            (at_least_half, 2, 0, 0, 3, 0, 3, false, "half of 5 rounds up to 3"),
            (two_thirds, 6, 1, 0, 3, 0, 7, true, "two thirds of 10 rounds up to 7"),
            (two_thirds, 6, 0, 0, 4, 0, 7, false, "6 of 10 is short of two thirds"),
            (two_thirds, 6, 0, 0, 3, 0, 6, true, "two thirds of 9 is exactly 6"),
            (majority, 0, 0, 0, 0, 0, 1, false, "a meeting with no members has no quorum"),
        ];
        for (rule, p, x, w, a, u, needed, met, why) in cases {
            let q = quorum(*rule, &att(*p, *x, *w, *a, *u), &Counting::HOUSEHOLDS);
            assert_eq!(q.needed, *needed, "needed: {why}");
            assert_eq!(q.met, *met, "met: {why}");
            assert_eq!(q.attending as usize, p + x + w, "attending = present + proxies + written votes: {why}");
        }
    }

    #[test]
    fn the_finding_names_every_count() {
        let q = quorum(QuorumRule::default(), &att(40, 15, 5, 40, 0), &Counting::HOUSEHOLDS);
        assert!(q.finding.ja.contains("会員世帯100世帯中、出席60世帯"), "{}", q.finding.ja);
        assert!(q.finding.ja.contains("委任状15世帯") && q.finding.ja.contains("書面表決5世帯"), "{}", q.finding.ja);
        let board = quorum(QuorumRule::default(), &att(5, 0, 0, 2, 0), &Counting::OFFICERS);
        assert_eq!(board.rule_text.ja, "役員の過半数", "a board counts its officers");
        assert!(board.finding.ja.starts_with("役員7名中、出席5名"), "{}", board.finding.ja);
        assert!(q.finding.ja.contains("成立した"), "{}", q.finding.ja);
        assert_eq!(QuorumRule::default().label().ja, "会員世帯の過半数");
    }

    #[test]
    fn majority_table() {
        use Majority::{Simple as S, TwoThirds as T};
        use VoteOutcome::{Carried as C, Rejected as R, Tie};
        // (rule, for, against, abstain, outcome, why)
        let cases: &[(Majority, u32, u32, u32, VoteOutcome, &str)] = &[
            (S, 51, 49, 0, C, "51 of 100 is a majority"),
            (S, 50, 50, 0, Tie, "equal for and against: the chair decides"),
            (S, 50, 40, 10, R, "abstentions count in the base: 50 of 100 is not more than half"),
            (S, 45, 10, 40, R, "a plurality is not a majority when many abstain"),
            (S, 3, 0, 0, C, "unanimous"),
            (S, 0, 0, 0, R, "no votes carry nothing"),
            (T, 67, 33, 0, C, "67 of 100 is at least two thirds"),
            (T, 66, 34, 0, R, "66 of 100 is short of two thirds"),
            (T, 7, 3, 0, C, "two thirds of 10 (6.67) needs 7"),
            (T, 6, 4, 0, R, "6 of 10 is short"),
            (T, 6, 3, 0, C, "6 of 9 is exactly two thirds: enough"),
            (T, 20, 5, 5, C, "20 of 30 is exactly two thirds, abstentions in the base"),
            (T, 19, 5, 6, R, "19 of 30 is short once abstentions are counted"),
            (T, 1, 1, 0, R, "a tie never meets two thirds"),
        ];
        for (rule, f, a, x, outcome, why) in cases {
            assert_eq!(decide(*rule, *f, *a, *x), *outcome, "{why}");
        }
    }

    #[test]
    fn votes_needed_matches_decide() {
        for cast in 1..=120u32 {
            for rule in [Majority::Simple, Majority::TwoThirds] {
                let n = votes_needed(rule, cast);
                assert_eq!(decide(rule, n, cast - n, 0), VoteOutcome::Carried, "{rule:?}: {n} of {cast} carries");
                if n > 0 {
                    assert_ne!(
                        decide(rule, n - 1, cast - n + 1, 0),
                        VoteOutcome::Carried,
                        "{rule:?}: {} of {cast} must not carry",
                        n - 1
                    );
                }
            }
        }
    }
}
