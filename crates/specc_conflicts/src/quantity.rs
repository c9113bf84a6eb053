//! Quantities a rule bounds (#conflicts, issue 14 item 5): "under 100
//! words", "at least 300 words", "within 24 hours", "no longer than ten
//! minutes". Two rules about the same thing whose bounds leave no value
//! that meets both ("under 100 words" and "at least 300 words") conflict;
//! bounds that leave one ("under 200 words" and "at least 50") do not.

/// Which side of a value a rule allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// At most the value.
    AtMost,
    /// At least the value.
    AtLeast,
}

/// One bound: a side, a value in the unit's base (minutes for time), and the
/// unit's dimension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub side: Side,
    pub value: f64,
    pub dimension: &'static str,
}

/// Phrases that open a bound, as word sequences, and the side they bound.
const OPENERS: &[(&[&str], Side)] = &[
    (&["no", "more", "than"], Side::AtMost),
    (&["no", "longer", "than"], Side::AtMost),
    (&["not", "more", "than"], Side::AtMost),
    (&["not", "longer", "than"], Side::AtMost),
    (&["less", "than"], Side::AtMost),
    (&["fewer", "than"], Side::AtMost),
    (&["shorter", "than"], Side::AtMost),
    (&["at", "most"], Side::AtMost),
    (&["up", "to"], Side::AtMost),
    (&["a", "maximum", "of"], Side::AtMost),
    (&["maximum", "of"], Side::AtMost),
    (&["under"], Side::AtMost),
    (&["within"], Side::AtMost),
    (&["exceed"], Side::AtMost),
    (&["at", "least"], Side::AtLeast),
    (&["no", "less", "than"], Side::AtLeast),
    (&["no", "fewer", "than"], Side::AtLeast),
    (&["no", "sooner", "than"], Side::AtLeast),
    (&["not", "less", "than"], Side::AtLeast),
    (&["more", "than"], Side::AtLeast),
    (&["longer", "than"], Side::AtLeast),
    (&["a", "minimum", "of"], Side::AtLeast),
    (&["minimum", "of"], Side::AtLeast),
    (&["over"], Side::AtLeast),
];

/// Units by dimension, with their size in the dimension's base unit.
const UNITS: &[(&str, &str, f64)] = &[
    ("word", "words", 1.0),
    ("words", "words", 1.0),
    ("sentence", "sentences", 1.0),
    ("sentences", "sentences", 1.0),
    ("paragraph", "paragraphs", 1.0),
    ("paragraphs", "paragraphs", 1.0),
    ("character", "characters", 1.0),
    ("characters", "characters", 1.0),
    ("line", "lines", 1.0),
    ("lines", "lines", 1.0),
    ("second", "time", 1.0 / 60.0),
    ("seconds", "time", 1.0 / 60.0),
    ("minute", "time", 1.0),
    ("minutes", "time", 1.0),
    ("hour", "time", 60.0),
    ("hours", "time", 60.0),
    ("day", "time", 1440.0),
    ("days", "time", 1440.0),
    ("week", "time", 10080.0),
    ("weeks", "time", 10080.0),
];

/// Whether an object key (as [`crate::lemma::key`] gives it) names a unit.
pub fn is_unit_key(key: &str) -> bool {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| UNITS.iter().map(|(u, _, _)| crate::lemma::key(u)).collect())
        .iter()
        .any(|k| k == key)
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
];

pub(crate) fn number(w: &str) -> Option<f64> {
    w.replace(',', "")
        .parse::<f64>()
        .ok()
        .or_else(|| NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v))
}

/// Whether a matching key (see [`crate::lemma::key`]) is a number or a unit
/// of measure ("thre", "15", "week"): a figure names no thing.
pub(crate) fn is_figure_key(k: &str) -> bool {
    static KEYS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    number(k).is_some()
        || KEYS
            .get_or_init(|| {
                NUMBER_WORDS
                    .iter()
                    .map(|(n, _)| crate::lemma::key(n))
                    .chain(UNITS.iter().map(|(u, _, _)| crate::lemma::key(u)))
                    .collect()
            })
            .contains(k)
}

/// The bounds a sentence sets, read from its lowercase words: lengths and
/// times, and amounts of money ("£50", "under $20").
pub fn bounds(text: &str) -> Vec<Bound> {
    bounds_of(text, may_name_length_or_time(text))
}

/// [`bounds`], told already whether the text names a unit of length or
/// time (one scan of a caller's finds that with other words).
pub(crate) fn bounds_of(text: &str, length_or_time: bool) -> Vec<Bound> {
    let mut out = if length_or_time {
        time_and_length(text)
    } else {
        Vec::new()
    };
    out.extend(money(text));
    out.extend(percentages(text));
    out
}

/// "a 30% deposit", "a deposit of 50 percent", "at most 20% off": a share,
/// as a value (bounded on both sides) or with the bound before it.
fn percentages(text: &str) -> Vec<Bound> {
    // Most rules name no share: no sign, no word, no work.
    if memchr::memchr(b'%', text.as_bytes()).is_none() && !text.contains("percent") {
        return Vec::new();
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ':' | '(' | ')' | '"' | ','))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let value = match w.strip_suffix('%') {
            Some(n) => number(n),
            None if matches!(words.get(i + 1).map(String::as_str), Some("percent" | "per")) => number(w),
            None => None,
        };
        let Some(value) = value else { continue };
        let opener = OPENERS
            .iter()
            .find(|(o, _)| i >= o.len() && words[i - o.len()..i].iter().map(String::as_str).eq(o.iter().copied()));
        let sides: &[Side] = match opener {
            Some((_, side)) => std::slice::from_ref(side),
            None => &[Side::AtMost, Side::AtLeast],
        };
        for side in sides {
            out.push(Bound {
                side: *side,
                value,
                dimension: "percent",
            });
        }
    }
    out
}

/// Amounts of money: "£50" is exactly 50 pounds, "up to $20" at most 20
/// dollars (the dimension is the currency).
fn money(text: &str) -> Vec<Bound> {
    // "$", and the last bytes of "£" and "€" in UTF-8: one SIMD pass.
    // ("25 cents", "50 pence": amounts in the small unit, rarer still.)
    let small_units = || text.contains(" cent") || text.contains(" pence");
    if memchr::memchr3(b'$', 0xA3, 0xAC, text.as_bytes()).is_none() && !small_units() {
        return Vec::new();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, raw) in words.iter().enumerate() {
        let w = raw.trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '£' | '$' | '€'));
        // "25 cents" is $0.25, "50 pence" £0.50.
        let small = words.get(i + 1).and_then(|u| {
            match u
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str()
            {
                "cent" | "cents" => Some("USD"),
                "pence" => Some("GBP"),
                _ => None,
            }
        });
        let (value, dimension) = if let Some(dimension) = small
            && let Some(n) = number(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        {
            (n / 100.0, dimension)
        } else {
            let Some(sign) = w.chars().next().filter(|c| matches!(c, '£' | '$' | '€')) else {
                continue;
            };
            let digits: String = w[sign.len_utf8()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
                .collect();
            let Some(value) = number(digits.trim_end_matches(['.', ','])) else {
                continue;
            };
            let dimension = match sign {
                '£' => "GBP",
                '$' => "USD",
                _ => "EUR",
            };
            (value, dimension)
        };
        // The words before it: "up to £50", "at least $20".
        let before: Vec<String> = words[i.saturating_sub(3)..i]
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        let side = OPENERS.iter().find_map(|(o, side)| {
            (o.len() <= before.len() && o.iter().zip(&before[before.len() - o.len()..]).all(|(a, b)| a == b))
                .then_some(*side)
        });
        // The words after it: "$5 or more", "£20 or less".
        let after: Vec<String> = words[i + 1..(i + 3).min(words.len())]
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        let side = side.or(match after.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["or" | "and", "more" | "over" | "above" | "upwards"] | ["plus", ..] => Some(Side::AtLeast),
            ["or" | "and", "less" | "under" | "below" | "fewer"] => Some(Side::AtMost),
            _ => None,
        });
        let sides = match side {
            Some(side) => vec![side],
            None => vec![Side::AtMost, Side::AtLeast],
        };
        for side in sides {
            out.push(Bound { side, value, dimension });
        }
    }
    out
}

/// Words of the units [`time_and_length`] reads: most rules name none.
pub(crate) const LENGTH_AND_TIME_WORDS: &[&str] = &[
    "word",
    "sentence",
    "paragraph",
    "character",
    "line",
    "second",
    "minute",
    "hour",
    "day",
    "week",
];

/// Whether a text may name a unit [`time_and_length`] reads (one pass, no copy).
pub(crate) fn may_name_length_or_time(text: &str) -> bool {
    static UNIT_WORDS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    UNIT_WORDS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(LENGTH_AND_TIME_WORDS)
                .ok()
        })
        .as_ref()
        .is_none_or(|ac| ac.is_match(text))
}

/// Lengths and times: "under 100 words", "within 24 hours", "for 48 hours"
/// (the caller has seen that the text may name a unit).
fn time_and_length(text: &str) -> Vec<Bound> {
    let words: Vec<String> = text
        // (A clause marker right after a unit, "60 words[^st02]", is no part of it.)
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ':' | '(' | ')' | '"' | '[' | ']'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    // ("within 5 working days", "10 business days": the kind of day is no
    // part of how many.)
    let kind_of_day = |w: &String| {
        matches!(
            w.as_str(),
            "working" | "business" | "calendar" | "clear" | "full" | "whole" | "consecutive"
        )
    };
    // (Most texts have none: no second list.)
    let words: Vec<String> = if !words.iter().any(kind_of_day) {
        words
    } else {
        words
            .iter()
            .enumerate()
            .filter(|(i, w)| {
                !(kind_of_day(w)
                    && words
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.as_str(), "day" | "days" | "week" | "weeks" | "hour" | "hours")))
            })
            .map(|(_, w)| w.clone())
            .collect()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // "held for 48 hours", "sent exactly 24 hours before", "around 250
        // words": one value, bounded on both sides.
        // ("extend the due date by three weeks": by how much, a length of time.)
        // ("the deadline is 30 days", "they have 60 days to report it": a
        // time that is or that someone has, one value.)
        let is_or_has = matches!(words[i].as_str(), "is" | "are" | "have" | "has" | "get" | "gets");
        if (is_or_has
            || matches!(
                words[i].as_str(),
                "for" | "exactly" | "around" | "about" | "approximately" | "roughly" | "by"
            ))
            && let (Some(value), Some(unit)) = (words.get(i + 1).and_then(|w| number(w)), words.get(i + 2))
            && let Some((_, dimension, size)) = UNITS.iter().find(|(u, _, _)| u == unit)
            // ("for 3 sentences" counts nothing; "around 250 words" does.)
            && (*dimension == "time" || !(is_or_has || matches!(words[i].as_str(), "for" | "exactly" | "by")))
        {
            for side in [Side::AtMost, Side::AtLeast] {
                out.push(Bound {
                    side,
                    value: value * size,
                    dimension,
                });
            }
            i += 3;
            continue;
        }
        // "a 14-day free trial", "a free trial of 7 days": how long a thing
        // lasts, one value. (Time only: "a 500-word essay" is a size.)
        let compound = words[i].split_once('-').and_then(|(n, u)| Some((number(n)?, u)));
        // ("a quarter of an hour" is no hour: a figure, not "a" or "an".)
        let after_of = (words[i] == "of"
            && !words
                .get(i + 1)
                .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "one")))
        .then(|| Some((number(words.get(i + 1)?)?, words.get(i + 2)?.as_str())))
        .flatten()
        // ("a total of 3 hours or more" has its bound after it.)
        .filter(|_| words.get(i + 3).is_none_or(|w| w != "or"));
        if let Some((value, unit)) = compound.or(after_of)
            && let Some((_, dimension, size)) = UNITS.iter().find(|(u, _, _)| *u == unit)
            && *dimension == "time"
            && !words[..i]
                .last()
                .is_some_and(|w| OPENERS.iter().any(|(o, _)| o.last() == Some(&w.as_str())))
        {
            for side in [Side::AtMost, Side::AtLeast] {
                out.push(Bound {
                    side,
                    value: value * size,
                    dimension,
                });
            }
            i += if compound.is_some() { 1 } else { 3 };
            continue;
        }
        // "80 words or fewer", "two sentences or less", "300 words or
        // more": the bound after the figure and its unit.
        if let (Some(value), Some(unit)) = (number(&words[i]), words.get(i + 1))
            && let Some((_, dimension, size)) = UNITS.iter().find(|(u, _, _)| u == unit)
            && words.get(i + 2).is_some_and(|w| w == "or")
            && let Some(side) = words.get(i + 3).and_then(|w| match w.as_str() {
                "fewer" | "less" | "under" | "shorter" | "below" => Some(Side::AtMost),
                "more" | "over" | "longer" | "above" => Some(Side::AtLeast),
                _ => None,
            })
        {
            out.push(Bound {
                side,
                value: value * size,
                dimension,
            });
            i += 4;
            continue;
        }
        let Some((opener, side)) = OPENERS
            .iter()
            .find(|(o, _)| o.len() <= words.len() - i && o.iter().zip(&words[i..]).all(|(a, b)| a == b))
        else {
            i += 1;
            continue;
        };
        let at = i + opener.len();
        // "under 100 words", "within 24 hours", "exceed 20 minutes".
        if let (Some(value), Some(unit)) = (words.get(at).and_then(|w| number(w)), words.get(at + 1))
            && let Some((_, dimension, size)) = UNITS.iter().find(|(u, _, _)| u == unit)
        {
            out.push(Bound {
                side: *side,
                value: value * size,
                dimension,
            });
            i = at + 2;
            continue;
        }
        i += 1;
    }
    out
}

/// How often a rule has something done, as a range of times per day:
/// "at least once a week" is [1/7, ∞), "no more than twice a day" [0, 2],
/// "more than once a day" (1, ∞) (its low end kept open), "once a
/// month" [1/30, 1/30].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frequency {
    pub low: f64,
    pub high: f64,
    /// The low end excluded ("more than once a day").
    pub open_low: bool,
    /// The high end excluded ("fewer than three times a week").
    pub open_high: bool,
}

impl Frequency {
    /// Whether every frequency this one allows lies in `other`.
    pub fn within(&self, other: &Frequency) -> bool {
        let low_ok = self.low > other.low || (self.low == other.low && (!other.open_low || self.open_low));
        let high_ok = self.high < other.high || (self.high == other.high && (!other.open_high || self.open_high));
        low_ok && high_ok
    }

    /// Whether some frequency lies in both.
    pub fn meets(&self, other: &Frequency) -> bool {
        let (low, open_low) = if self.low > other.low || (self.low == other.low && self.open_low) {
            (self.low, self.open_low)
        } else {
            (other.low, other.open_low)
        };
        let (high, open_high) = if self.high < other.high || (self.high == other.high && self.open_high) {
            (self.high, self.open_high)
        } else {
            (other.high, other.open_high)
        };
        low < high || (low == high && !open_low && !open_high)
    }
}

/// The one frequency a sentence states, if it states exactly one.
pub fn frequency(text: &str) -> Option<Frequency> {
    let lower = text.to_ascii_lowercase();
    if !["once", "twice", "times"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        let (count, next) = match *w {
            "once" => (1.0, i + 1),
            "twice" => (2.0, i + 1),
            "times" => match i.checked_sub(1).and_then(|j| number(words[j])) {
                Some(n) => (n, i + 1),
                None => continue,
            },
            _ => continue,
        };
        if !matches!(words.get(next).copied(), Some("a" | "an" | "per" | "each" | "every")) {
            continue;
        }
        let days = match words.get(next + 1).copied() {
            Some("hour") => 1.0 / 24.0,
            Some("day") => 1.0,
            Some("week") => 7.0,
            Some("fortnight") => 14.0,
            Some("month") => 30.0,
            Some("year") => 365.0,
            _ => continue,
        };
        let per_day = count / days;
        let start = if *w == "times" { i - 1 } else { i };
        let before = |k: usize| start.checked_sub(k).map(|j| words[j]).unwrap_or("");
        let (b3, b2, b1) = (before(3), before(2), before(1));
        let range = match (b2, b1) {
            ("at", "least") => (per_day, f64::INFINITY, false, false),
            ("less" | "fewer", "than") if matches!(b3, "no" | "not") => (per_day, f64::INFINITY, false, false),
            ("more", "than") if matches!(b3, "no" | "not") => (0.0, per_day, false, false),
            ("more", "than") => (per_day, f64::INFINITY, true, false),
            ("at", "most") | ("up", "to") => (0.0, per_day, false, false),
            ("less" | "fewer", "than") => (0.0, per_day, false, true),
            _ => (per_day, per_day, false, false),
        };
        if found.is_some() {
            return None;
        }
        found = Some(Frequency {
            low: range.0,
            high: range.1,
            open_low: range.2,
            open_high: range.3,
        });
    }
    found
}

/// How long before an event a rule has something done, in minutes: "up
/// to 48 hours before curtain-up" is [2880, ∞), "less than 7 days before the
/// performance" [0, 10080), "24 hours before the appointment" [1440, 1440],
/// "no earlier than 3 days before" [0, 4320]. The event is the word after
/// "before" (an article or possessive skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct LeadTime {
    pub window: Frequency,
    pub event: String,
}

/// The one lead time a sentence states, if it states exactly one.
pub fn lead_time(text: &str) -> Option<LeadTime> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains(" before ") && !lower.contains(" in advance") {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        if !matches!(*w, "before" | "advance") || i < 2 {
            continue;
        }
        if *w == "advance" && words[i - 1] != "in" {
            continue;
        }
        let unit_at = if *w == "advance" { i - 2 } else { i - 1 };
        let unit = words[unit_at].trim_end_matches('s');
        let minutes = match unit {
            "minute" => 1.0,
            "hour" => 60.0,
            "day" => 1440.0,
            "week" => 10080.0,
            "month" => 43200.0,
            _ => continue,
        };
        // ("48 working days", "the day before": the figure before the unit,
        // or "the" for one.)
        let mut k = unit_at;
        if k > 0 && matches!(words[k - 1], "working" | "business" | "calendar" | "full" | "clear") {
            k -= 1;
        }
        let Some(count_at) = k.checked_sub(1) else { continue };
        let count = match words[count_at] {
            "the" | "a" | "an" => 1.0,
            w => match number(w) {
                Some(n) => n,
                None => continue,
            },
        };
        let value = count * minutes;
        let before = |n: usize| count_at.checked_sub(n).map(|j| words[j]).unwrap_or("");
        let (b3, b2, b1) = (before(3), before(2), before(1));
        let window = match (b2, b1) {
            ("at", "least") | ("up", "to") => (value, f64::INFINITY, false, false),
            (_, "until") => (value, f64::INFINITY, false, false),
            ("later" | "less" | "fewer", "than") if matches!(b3, "no" | "not") => (value, f64::INFINITY, false, false),
            ("earlier" | "more", "than") if matches!(b3, "no" | "not") => (0.0, value, false, false),
            ("more" | "earlier", "than") => (value, f64::INFINITY, true, false),
            ("less" | "fewer" | "later", "than") => (0.0, value, false, true),
            (_, "within") => (0.0, value, false, false),
            _ => (value, value, false, false),
        };
        let event = if *w == "advance" {
            String::new()
        } else {
            words[i + 1..]
                .iter()
                .find(|x| {
                    !matches!(
                        **x,
                        "the"
                            | "a"
                            | "an"
                            | "their"
                            | "your"
                            | "his"
                            | "her"
                            | "its"
                            | "our"
                            | "each"
                            | "every"
                            | "any"
                    )
                })
                .map(|x| crate::lemma::key(x))
                .unwrap_or_default()
        };
        if found.is_some() {
            return None;
        }
        found = Some(LeadTime {
            window: Frequency {
                low: window.0,
                high: window.1,
                open_low: window.2,
                open_high: window.3,
            },
            event,
        });
    }
    found
}

/// Whether two rules' events are one: the same word, or two words for the
/// occasion a customer books ("curtain-up" and "the performance").
pub fn same_event(a: &str, b: &str) -> bool {
    const OCCASIONS: &[&str] = &[
        "performanc",
        "show",
        "curtain-up",
        "event",
        "session",
        "class",
        "lesson",
        "trek",
        "visit",
        "appointment",
        "tour",
        "trip",
        "departur",
        "mov",
        "start",
        "check-in",
        "arrival",
        "flight",
        "concert",
        "match",
        "game",
        "course",
        "treatment",
        "procedur",
        "surgery",
        "delivery",
        "collection",
        "pickup",
        "wedding",
        "party",
    ];
    a.is_empty() || b.is_empty() || a == b || (OCCASIONS.contains(&a) && OCCASIONS.contains(&b))
}

/// Whether no value meets every bound of both lists in some dimension.
pub fn incompatible(a: &[Bound], b: &[Bound]) -> bool {
    let meets = |x: &Bound, y: &Bound| {
        x.dimension == y.dimension
            && match (x.side, y.side) {
                (Side::AtMost, Side::AtLeast) => y.value > x.value,
                (Side::AtLeast, Side::AtMost) => x.value > y.value,
                _ => false,
            }
    };
    a.iter().any(|x| b.iter().any(|y| meets(x, y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approximate_figure_is_a_value() {
        let b = bounds("That usually comes to around 250 words.");
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(incompatible(&b, &bounds("Keep every reply to 60 words or fewer.")));
        assert!(!incompatible(&b, &bounds("Keep replies under 300 words.")));
    }

    #[test]
    fn how_long_a_thing_lasts_is_a_value() {
        let fortnight = bounds("Always give customers a 14-day free trial.");
        assert_eq!(fortnight.len(), 2, "{fortnight:?}");
        assert_eq!((fortnight[0].value, fortnight[0].dimension), (14.0 * 1440.0, "time"));
        assert!(incompatible(&fortnight, &bounds("Offer a free trial of 7 days.")));
        assert!(!incompatible(&fortnight, &bounds("Offer a free trial of 14 days.")));
        // A fraction of an hour is no hour; a size is no time.
        assert!(bounds("Keep the place open for a quarter of an hour.").is_empty());
        assert!(bounds("Mark a 500-word essay.").is_empty());
        // Working days are days.
        let b = bounds("Refunds take up to 5 working days.");
        assert_eq!((b[0].side, b[0].value), (Side::AtMost, 5.0 * 1440.0));
    }

    #[test]
    fn a_bound_may_follow_its_figure() {
        let b = bounds("Keep every reply to 80 words or fewer.");
        assert_eq!((b[0].side, b[0].value, b[0].dimension), (Side::AtMost, 80.0, "words"));
        let b = bounds("Write 300 words or more.");
        assert_eq!((b[0].side, b[0].value), (Side::AtLeast, 300.0));
        assert!(incompatible(
            &bounds("Keep every reply to 80 words or fewer."),
            &bounds("Give an account of at least 200 words.")
        ));
    }

    #[test]
    fn a_share_is_a_value_or_a_bound() {
        let sides = |t: &str| -> Vec<(Side, f64)> {
            bounds(t)
                .into_iter()
                .filter(|b| b.dimension == "percent")
                .map(|b| (b.side, b.value))
                .collect()
        };
        assert_eq!(
            sides("Require a 30% deposit."),
            vec![(Side::AtMost, 30.0), (Side::AtLeast, 30.0)]
        );
        assert_eq!(
            sides("Take a deposit of 50 percent."),
            vec![(Side::AtMost, 50.0), (Side::AtLeast, 50.0)]
        );
        assert_eq!(sides("Offer at most 20% off."), vec![(Side::AtMost, 20.0)]);
        assert!(sides("Require a deposit.").is_empty());
        assert!(incompatible(&bounds("a 30% deposit"), &bounds("a 50% deposit")));
        assert!(!incompatible(
            &bounds("a 30% deposit"),
            &bounds("up to 40% of the price")
        ));
    }

    #[test]
    fn bounds_are_read_with_their_side_and_unit() {
        let b = bounds("Keep every explanation under 100 words.");
        assert_eq!(
            b,
            vec![Bound {
                side: Side::AtMost,
                value: 100.0,
                dimension: "words"
            }]
        );
        let b = bounds("Every call must last at least fifteen minutes.");
        assert_eq!((b[0].side, b[0].value), (Side::AtLeast, 15.0));
        let b = bounds("Respond to every email within 24 hours.");
        assert_eq!((b[0].side, b[0].value, b[0].dimension), (Side::AtMost, 1440.0, "time"));
        assert_eq!(bounds("Calls must not exceed an hour.")[0].value, 60.0);
        assert!(bounds("Use the 24 hour clock.").is_empty());
        assert!(bounds("Never share more than necessary.").is_empty());
        // A clause marker on the unit (a new user's spec: no bound was read).
        assert_eq!(bounds("Keep every reply under 60 words[^st02].")[0].value, 60.0);
    }

    #[test]
    fn frequencies_are_ranges_per_day() {
        let f = |t: &str| frequency(t).unwrap_or_else(|| panic!("{t}"));
        let weekly_at_least = f("Remind users of their limit at least once a week.");
        let daily_more = f("Do not send reminders more than once a day.");
        assert_eq!((weekly_at_least.low, weekly_at_least.high), (1.0 / 7.0, f64::INFINITY));
        assert!(daily_more.open_low && daily_more.low == 1.0);
        // Reminding once a week is allowed by "never more than once a day".
        assert!(!weekly_at_least.within(&daily_more));
        assert!(f("Send a reminder three times a day.").within(&daily_more));
        assert!(!f("Send a reminder once a day.").within(&daily_more));
        assert_eq!(f("no more than twice a day").high, 2.0);
        assert!(f("fewer than 3 times a week").open_high);
        assert!(frequency("Send one reminder.").is_none());
        assert!(frequency("once a day and twice a week").is_none());
        assert!(f("at most once a month").meets(&f("at least once a year")));
        assert!(!f("at most once a month").meets(&f("at least once a week")));
    }

    #[test]
    fn lead_times_are_windows_before_an_event() {
        let l = |t: &str| lead_time(t).unwrap_or_else(|| panic!("{t}"));
        let up_to = l("Aria may process a ticket exchange up to 48 hours before curtain-up.");
        assert_eq!((up_to.window.low, up_to.window.high), (2880.0, f64::INFINITY));
        let less = l("Never process an exchange less than 7 days before the performance.");
        assert_eq!(
            (less.window.low, less.window.high, less.window.open_high),
            (0.0, 10080.0, true)
        );
        assert!(up_to.window.meets(&less.window));
        assert!(same_event(&up_to.event, &less.event));
        let exact = l("Send reminders 24 hours before the appointment.");
        assert_eq!((exact.window.low, exact.window.high), (1440.0, 1440.0));
        let no_earlier = l("Reminders must go out no earlier than 3 days before the appointment.");
        assert_eq!(no_earlier.window.high, 4320.0);
        let no_later = l("Send the arrival window no later than 48 hours before the move.");
        assert_eq!(no_later.window.low, 2880.0);
        let day_before = l("Do not share it earlier than the day before the move.");
        assert!(day_before.window.open_low && day_before.window.low == 1440.0);
        assert!(no_later.window.within(&day_before.window));
        assert!(lead_time("Confirm before booking.").is_none());
    }

    #[test]
    fn unit_keys() {
        assert!(is_unit_key(&crate::lemma::key("hours")) && is_unit_key(&crate::lemma::key("words")));
        assert!(!is_unit_key(&crate::lemma::key("explanation")));
    }

    #[test]
    fn bounds_that_leave_no_value_are_incompatible() {
        let under_100 = bounds("under 100 words");
        assert!(incompatible(&under_100, &bounds("at least 300 words")));
        assert!(!incompatible(&bounds("under 200 words"), &bounds("at least 50 words")));
        assert!(incompatible(
            &bounds("within 24 hours"),
            &bounds("wait at least 48 hours before replying")
        ));
        // Money: an amount is exact unless a word bounds it.
        assert!(incompatible(
            &bounds("The deposit for a surgery booking is £50."),
            &bounds("Surgery deposits are £80, taken when the surgery is booked.")
        ));
        assert!(!incompatible(
            &bounds("The deposit is £50."),
            &bounds("Deposits are up to £80.")
        ));
        assert!(!incompatible(&bounds("The fee is £50."), &bounds("The fee is $80.")));
        assert_eq!(bounds("A visit costs $1,200.")[0].value, 1200.0);
        // An exact duration is bounded on both sides.
        assert!(incompatible(
            &bounds("reservations must be held for 48 hours"),
            &bounds("reservations are held for 7 days after booking")
        ));
        assert!(!incompatible(
            &bounds("held for 48 hours"),
            &bounds("held for at most 3 days")
        ));
        assert!(incompatible(
            &bounds("send reminders exactly 24 hours before"),
            &bounds("send reminders at least 48 hours before")
        ));
        // A time that is, or that someone has, is one value (a trial, 2026-12-08).
        assert!(incompatible(
            &bounds("the deadline for reporting storm damage is 30 days"),
            &bounds("they have 60 days to report storm damage")
        ));
        assert!(bounds("the answer is 3 sentences long").is_empty());
        // Different dimensions never meet.
        assert!(!incompatible(&under_100, &bounds("at least 300 minutes")));
        assert!(!incompatible(&bounds("within one hour"), &bounds("within 24 hours")));
    }

    #[test]
    fn amounts_in_cents_and_amounts_on_one_side() {
        let cents = bounds("Quote the overdue fine as 25 cents per day.");
        assert_eq!(cents.len(), 2);
        assert!(
            cents
                .iter()
                .all(|b| b.dimension == "USD" && (b.value - 0.25).abs() < 1e-9)
        );
        assert!(incompatible(&cents, &bounds("Quote a fine of 50 cents per day.")));
        let or_more = bounds("Do not waive fines of $5 or more.");
        assert_eq!(or_more.len(), 1);
        assert_eq!(or_more[0].side, Side::AtLeast);
        let or_less = bounds("Refund orders of £20 or less at once.");
        assert_eq!(or_less[0].side, Side::AtMost);
    }
}
