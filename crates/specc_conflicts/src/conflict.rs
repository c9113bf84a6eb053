//! Conflict rules over [`Statement`]s (#conflicts): an obligation or permission
//! and a prohibition of the same action by the same actor, in the same scope
//! (tags), under the same conditions. The chain of command and `overrides=`
//! decide what the pair is: a conflict, a shadowed statement, a documented
//! override, or (across modules) a weakened rule of a dependency.

use crate::statement::{Modality, Statement};
use rayon::prelude::*;
use serde::Serialize;
use specc_diagnostics::{Code, Diagnostic};
use specc_project::Workspace;
// A fast hash: the keys are the spec's own words, hashed thousands of times per check.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a contradicting pair means under the chain of command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Same effective authority and no `overrides=`: an error.
    Conflict,
    /// Different authority: the higher one wins and the lower one can never apply.
    Shadowed,
    /// Resolved by `overrides=` on the winning statement's section.
    Override,
    /// The project (or another module) contradicts a dependency's `root` or
    /// `system` rule, which nothing may weaken: an error.
    WeakenedDependencyRule,
    /// A guarded rule against an unguarded one of opposite polarity at the
    /// same level ("may X when asked" and "never X"): the guarded one reads
    /// as an exception the broader rule does not state. A warning.
    UndeclaredException,
}

/// One contradicting pair of statements (indices into the statement list).
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The statement that applies (for [`ConflictKind::Conflict`], the later one).
    pub winner: usize,
    /// The statement that can then never apply.
    pub loser: usize,
    /// The `overrides=` value that documents an override.
    pub declared: Option<String>,
    /// For two values of one attribute of an act, which attribute and
    /// values ("the channel: email, and SMS only").
    pub values: Option<String>,
}

/// The chain of command, with each package's ceiling.
pub struct Levels {
    /// Highest first.
    pub chain: Vec<String>,
    /// Per package: the rank of its ceiling (the root project has none).
    ceilings: Vec<Option<usize>>,
}

impl Levels {
    /// The root project's chain and every dependency's ceiling along its import
    /// path (the first path found, breadth first; ceilings along it compose).
    pub fn of(ws: &Workspace) -> Levels {
        let chain = ws
            .packages
            .first()
            .map(|p| p.config.authority_levels())
            .unwrap_or_else(|| specc_project::DEFAULT_AUTHORITY.iter().map(|s| s.to_string()).collect());
        let mut ceilings: Vec<Option<usize>> = vec![None; ws.packages.len()];
        let mut seen = vec![false; ws.packages.len()];
        // No package at all (a folder that does not exist): nothing to walk.
        let mut queue: std::collections::VecDeque<usize> = (0..ws.packages.len().min(1)).collect();
        if let Some(first) = seen.first_mut() {
            *first = true;
        }
        while let Some(p) = queue.pop_front() {
            for d in &ws.packages[p].dependencies {
                let Some(q) = d.package else { continue };
                if seen[q] {
                    continue;
                }
                seen[q] = true;
                let own = d.ceiling.as_ref().and_then(|c| chain.iter().position(|l| l == c));
                ceilings[q] = match (ceilings[p], own) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                queue.push_back(q);
            }
        }
        Levels { chain, ceilings }
    }

    /// The effective rank of a statement (0 is the highest): the lower of its
    /// own level and its package's ceiling. `None` for an unknown level.
    pub fn rank(&self, s: &Statement) -> Option<usize> {
        let own = self.chain.iter().position(|l| *l == s.authority)?;
        Some(match self.ceilings.get(s.package).copied().flatten() {
            Some(c) => own.max(c),
            None => own,
        })
    }

    /// The level's name at a rank.
    pub fn name(&self, rank: usize) -> &str {
        &self.chain[rank]
    }

    /// `root` and `system`: levels that nothing below may override.
    fn is_top(&self, rank: usize) -> bool {
        let limit = self.chain.iter().position(|l| l == "system").unwrap_or(0);
        rank <= limit
    }
}

/// Whether a positive statement (obligation or permission) and a prohibition
/// rule on the same thing. The positive one must be at least as specific as
/// the prohibition (its object holds every content word of the prohibited
/// one): "may share personal data" contradicts "never share data", but "may
/// share data" is only narrowed by "never share personal data".
pub fn contradicts(pos: &Statement, neg: &Statement) -> bool {
    contradicts_by(pos, neg, &act_keys(pos), &act_keys(neg))
}

/// [`contradicts`] with the statements' acts ([`act_keys`]) read once for
/// every pair they are in.
fn contradicts_by(pos: &Statement, neg: &Statement, pos_acts: &[String], neg_acts: &[String]) -> bool {
    // "Avoid X" is a default that yields: a permission of X is its exception,
    // not a contradiction.
    if pos.modality == Modality::Permission && is_soft(neg) {
        return false;
    }
    // "Exception to the rule above: ...": an exception its author declared.
    if crate::statement::declares_exception(&pos.text) {
        return false;
    }
    // ("Customers with an overflowing tank may book an emergency emptying"
    // and "No emptying may be booked": what customers may book, the
    // assistant books for them.)
    // (Likewise what they may borrow, rent or buy, the assistant lends,
    // rents out or sells them.)
    let subjects_meet = pos.action.subject == neg.action.subject
        || (pos.modality == Modality::Permission
            && neg.action.subject.is_none()
            && pos.action.subject.as_deref().is_some_and(crate::lexicon::is_people)
            && {
                // (Keyed once: this is asked of every pair compared.)
                static GIVEN: std::sync::OnceLock<[String; 6]> = std::sync::OnceLock::new();
                let [book, given @ ..] =
                    GIVEN.get_or_init(|| ["book", "lend", "rent out", "hire out", "sell", "collect"].map(act_key));
                pos_acts
                    .iter()
                    .any(|k| k == book || given.contains(k) && neg_acts.contains(k))
            });
    if neg.modality != Modality::Prohibition
        || pos.modality == Modality::Prohibition
        || pos.actor != neg.actor
        || !subjects_meet
        || !pos_acts.iter().any(|k| neg_acts.contains(k))
    {
        return false;
    }
    // "may process an exchange up to 48 hours before curtain-up" and "never
    // process an exchange less than 7 days before the performance": with a
    // lead time on both sides, the act is compared without its figures, and
    // the two windows decide (an obligation meets the prohibition if every
    // time it allows is forbidden, a permission if some is); the event each
    // counts back from is part of the lead time, not a guard.
    let leads = match (
        crate::quantity::lead_time(&pos.text),
        crate::quantity::lead_time(&neg.text),
    ) {
        (Some(p), Some(n)) if crate::quantity::same_event(&p.event, &n.event) => Some((p, n)),
        _ => None,
    };
    let (pos, neg) = match &leads {
        Some(_) => (
            std::borrow::Cow::Owned(without_lead(pos)),
            std::borrow::Cow::Owned(without_lead(neg)),
        ),
        None => (std::borrow::Cow::Borrowed(pos), std::borrow::Cow::Borrowed(neg)),
    };
    let (pos, neg): (&Statement, &Statement) = (&pos, &neg);
    // "may offer a loan of up to £300" and "may not offer a loan of more
    // than £200": amounts in both objects are compared as amounts (they
    // meet between £200 and £300), and the act without its figures.
    // (Most objects name no amount: a byte test before the reader.)
    let money = |s: &Statement| -> Vec<crate::quantity::Bound> {
        if !s.action.object.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        crate::quantity::bounds(&s.action.object)
            .into_iter()
            .filter(|b| matches!(b.dimension, "GBP" | "USD" | "EUR"))
            .collect()
    };
    let (pm, nm) = (money(pos), money(neg));
    let amounts = !pm.is_empty() && !nm.is_empty() && pm.iter().all(|b| nm.iter().all(|c| c.dimension == b.dimension));
    // ("over $10,000" and "under $10,000": strict bounds at one figure
    // leave no amount between them.)
    let strict = |s: &Statement| {
        let lower = format!(" {} ", s.action.object.to_lowercase());
        [" over ", " under ", " more than ", " less than ", " above ", " below "]
            .iter()
            .any(|w| lower.contains(w))
    };
    let touching = pm
        .iter()
        .any(|x| nm.iter().any(|y| x.value == y.value && x.side != y.side));
    // ("up to £250" and "more than £250": one strict side is enough.)
    if amounts && (crate::quantity::incompatible(&pm, &nm) || (touching && (strict(pos) || strict(neg)))) {
        return false;
    }
    let (pos, neg) = if amounts {
        (
            std::borrow::Cow::Owned(without_amount(pos)),
            std::borrow::Cow::Owned(without_amount(neg)),
        )
    } else {
        (std::borrow::Cow::Borrowed(pos), std::borrow::Cow::Borrowed(neg))
    };
    let (pos, neg): (&Statement, &Statement) = (&pos, &neg);
    if let Some((p, n)) = &leads {
        // (A message sent "24 hours before" is sent then: every time the
        // obligation allows must be forbidden. Requests accepted "until 48
        // hours before" are the requests made then: a case, which meets the
        // prohibition where the windows meet.)
        let meet = if pos.modality == Modality::Obligation && sends_a_message(pos) {
            p.window.within(&n.window)
        } else {
            p.window.meets(&n.window)
        };
        if !meet {
            return false;
        }
    }
    // "Only mention the scheme if they are in difficulty" and "never mention
    // the scheme to agency workers": a ban for some people or things only
    // narrows what the permission allows: "only" makes it a restriction
    // more than a grant. (A plain permission in a case, "may give the
    // customer the driver's number if the order is late", is a grant a
    // ban for customers contradicts.)
    let ban_narrows_the_permission = pos.modality == Modality::Permission
        && (pos.text.trim_start().to_lowercase().starts_with("only ")
            || pos.conditions.iter().any(|c| c.kind.starts_with("only")))
        && neg.conditions.is_empty()
        && (neg
            .action
            .people_keys
            .iter()
            .any(|k| !pos.action.people_keys.contains(k))
            // ("to anyone who has not passed the identity check")
            || (neg.action.people_clause.is_some() && pos.action.people_clause != neg.action.people_clause)
            || narrower_object(&neg.action, &pos.action));
    // "You may book classes for members" and "never book a member into a
    // class that starts between 16:00 and 20:00": a ban on the things a
    // clause picks out narrows what the permission allows.
    let ban_on_described_things = pos.modality == Modality::Permission
        && pos.conditions.is_empty()
        && pos.action.object_clause.is_none()
        && neg.action.object_clause.as_deref().is_some_and(|c| {
            !c.split(' ')
                .any(|w| matches!(w, "not" | "never" | "no" | "neither" | "nor"))
        });
    !ban_narrows_the_permission
        && !ban_on_described_things
        && !the_declared_exception(pos, neg)
        && !negated_people_apart(pos, neg)
        && !negated_clause_apart(pos, neg)
        && !someone_else_apart(pos, neg)
        && !two_quotations(pos, neg)
        && covers(
            &pos.action,
            &neg.action,
            pos.modality == Modality::Obligation,
            &guard_keys(pos, neg),
            &pos.conditions.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        )
        && pos.tags == neg.tags
        && frequencies_meet(pos, neg)
        && counts_meet(pos, neg)
        && situation(pos, neg).is_some_and(|s| {
            // "May X" and "never X when C": the prohibition narrows the
            // permission, which asks nothing in C. (An obligation does.)
            // Unless the permission names C as a case it holds in: "may book
            // an emergency emptying even when the track is flagged as flooded".
            !(s.undeclared_exception
                && pos.modality == Modality::Permission
                && pos.conditions.is_empty()
                && !crate::statement::concessive_case(&pos.text)
                    .is_some_and(|case| neg.conditions.iter().any(|c| c.text == case)))
                // ("Log a missed bin report only if it is reported within 2
                // days" and "do not log a missed bin before 6pm on the
                // collection day": "only if" sets a case the act needs, and
                // a ban in a case that overlaps it only narrows it further.)
                && !(pos.conditions.iter().any(|c| c.kind == "only if")
                    && !neg.conditions.is_empty()
                    && !neg.conditions.iter().any(|c| pos.conditions.contains(c))
                    && !s.undeclared_exception)
        })
        && !(pos.file == neg.file && pos.span == neg.span)
}

/// "Do not accept payment by PayPal unless the booking total is under £500"
/// and "you can accept PayPal for bookings under £500": the positive rule
/// acts on the very amounts the prohibition's `unless` leaves out.
fn the_declared_exception(pos: &Statement, neg: &Statement) -> bool {
    if !pos.action.object.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(own) = range_of(&lower_words(&pos.action.object).collect::<Vec<_>>()) else {
        return false;
    };
    neg.conditions.iter().any(|c| {
        c.kind == "unless" && range_of(&lower_words(&c.text).collect::<Vec<_>>()).is_some_and(|r| own.within(&r))
    })
}

/// "Say "Thanks for being a member" to a member" against "do not say it to
/// someone who is not a member": a ban for the people a negated clause picks
/// out leaves the act for the people it denies alone.
fn negated_people_apart(pos: &Statement, neg: &Statement) -> bool {
    let Some(clause) = &neg.action.people_clause else {
        return false;
    };
    let words: Vec<&str> = clause.split(' ').collect();
    if !words.contains(&"not") || pos.action.people_clause.is_some() {
        return false;
    }
    let named: Vec<&str> = words.iter().copied().filter(|w| *w != "not").collect();
    !named.is_empty() && named.iter().all(|w| pos.action.people_keys.iter().any(|k| k == w))
}

/// "Never quote a fee that is not on the list above" against "tell the
/// customer the £75 call-out fee applies": a ban on the things a negated
/// clause picks out says nothing of a thing the other rule names, unless
/// that rule repeats the clause.
fn negated_clause_apart(pos: &Statement, neg: &Statement) -> bool {
    let negated = |c: &str| {
        c.split(' ')
            .any(|w| matches!(w, "not" | "never" | "no") || w.ends_with("n't"))
    };
    // (The clause on the thing itself: "fuel to vessels that can't give a
    // registration number" picks out whom it goes to, a case.)
    neg.action.object_clause.as_deref().is_some_and(negated)
        && !lower_words(&neg.action.object).any(|w| matches!(w.as_str(), "to" | "for" | "with" | "from"))
        && pos.action.object_clause != neg.action.object_clause
}

/// "Never share one customer's details with another customer" against
/// "you may read out the last 2 digits of the customer's account number":
/// a ban on telling someone else leaves telling the person alone, unless
/// the other rule names someone else too.
fn someone_else_apart(pos: &Statement, neg: &Statement) -> bool {
    let to_someone_else = |s: &Statement| {
        // ("with the other customer": the article skipped.)
        let words: Vec<String> = lower_words(&s.action.object).filter(|w| w != "the").collect();
        words.windows(2).any(|w| {
            matches!(w[0].as_str(), "with" | "to")
                && matches!(
                    w[1].as_str(),
                    "another" | "other" | "others" | "third" | "third-party" | "third-parties"
                )
        }) || words
            .windows(2)
            .any(|w| matches!(w[0].as_str(), "anyone" | "someone" | "anybody" | "somebody") && w[1] == "else")
            // ("the room number or hall of any other student", "another
            // customer's order": someone else's thing.)
            || words.windows(2).any(|w| {
                matches!(w[0].as_str(), "other" | "another")
                    && (crate::lexicon::is_people(&crate::lemma::lemma(&w[1]))
                        || w[1].strip_suffix("'s").is_some_and(|p| crate::lexicon::is_people(&crate::lemma::lemma(p))))
            })
    };
    // ("If a colleague wants to send flowers, share that employee's home
    // address": whom the positive rule's case names is who hears it.)
    // (Read only for a ban on telling someone else: most pairs are not.)
    let case_names_someone_else = || {
        pos.conditions.iter().any(|c| {
            let words: Vec<String> = lower_words(&c.text).collect();
            words.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "colleague"
                        | "colleagues"
                        | "coworker"
                        | "coworkers"
                        | "friend"
                        | "relative"
                        | "neighbour"
                        | "neighbor"
                )
            }) || words.windows(2).any(|w| {
                matches!(w[0].as_str(), "other" | "another" | "third")
                    && (crate::lexicon::is_people(&crate::lemma::lemma(&w[1]))
                        || matches!(w[1].as_str(), "party" | "parties"))
            })
        })
    };
    to_someone_else(neg) && !to_someone_else(pos) && !case_names_someone_else()
}

/// Whether two rules say two different quotations ("never say "we cannot
/// help"" and "say "we can help with that""): neither inside the other, two
/// things to say. (The sentences' quotations that the objects hold: an
/// object may be shown without its marks.)
fn two_quotations(pos: &Statement, neg: &Statement) -> bool {
    if !pos.text.contains(['"', '\u{201c}']) || !neg.text.contains(['"', '\u{201c}']) {
        return false;
    }
    let inside =
        |inner: &[String], outer: &[String]| !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner);
    let held = |s: &Statement| -> Vec<Vec<String>> {
        let object: Vec<String> = lower_words(&s.action.object).collect();
        quotations(&s.text).into_iter().filter(|q| inside(q, &object)).collect()
    };
    let (qp, qn) = (held(pos), held(neg));
    !qp.is_empty() && !qn.is_empty() && !qn.iter().any(|n| qp.iter().any(|p| inside(n, p) || inside(p, n)))
}

/// Whether a statement's act tells or sends something: what it says of a
/// time ("24 hours before") is when the message goes out.
fn sends_a_message(s: &Statement) -> bool {
    s.action.verbs.iter().any(|v| {
        let c = crate::lexicon::verb_class(v);
        c == crate::lexicon::verb_class("tell") || c == crate::lexicon::verb_class("send")
    })
}

/// A statement without its lead time: the figure, its unit and the words
/// that bound it gone from its object and qualifiers, and the "before ..."
/// or "until ..." guard that names the event.
fn without_lead(s: &Statement) -> Statement {
    let bound = |k: &str| {
        k.chars().all(|c| c.is_ascii_digit())
            || crate::quantity::number(k).is_some()
            || crate::quantity::is_unit_key(k)
            || matches!(
                k,
                "les"
                    | "less"
                    | "mor"
                    | "more"
                    | "than"
                    | "least"
                    | "up"
                    | "until"
                    | "no"
                    | "later"
                    | "earlier"
                    | "within"
                    | "exactly"
                    | "advanc"
                    | "befor"
                    | "working"
                    | "work"
                    | "business"
                    | "month"
                    | "mak"
            )
    };
    let mut out = without_keys(s, bound);
    out.conditions
        .retain(|c| !matches!(c.kind.as_str(), "before" | "until"));
    out
}

/// A statement's act without the amounts of money in its object and the
/// words that bound them ("a loan of up to £300" is "a loan").
fn without_amount(s: &Statement) -> Statement {
    without_keys(s, |k| {
        is_bound_key(k) || matches!(k, "maximum" | "minimum" | "exceed" | "exceeding")
    })
}

/// A statement with the object and qualifier keys `drop` names left out.
fn without_keys(s: &Statement, drop: impl Fn(&str) -> bool) -> Statement {
    let mut out = s.clone();
    out.action.object_keys.retain(|k| !drop(k));
    out.action.qualifier_keys.retain(|k| !drop(k));
    out
}

/// How often the two rules have the act done, where both say ("remind
/// them at least once a week", "never more than once a day"): an
/// obligation meets the prohibition only if every frequency it allows is
/// forbidden, a permission if some is. Where either says nothing, the act
/// itself is what is compared.
fn frequencies_meet(pos: &Statement, neg: &Statement) -> bool {
    let (Some(p), Some(n)) = (
        crate::quantity::frequency(&pos.text),
        crate::quantity::frequency(&neg.text),
    ) else {
        return true;
    };
    if pos.modality == Modality::Obligation {
        p.within(&n)
    } else {
        p.meets(&n)
    }
}

/// "Make one retention offer" and "never make more than one retention
/// offer": a ban on more than N of a thing leaves an act on N or fewer of
/// it alone. Whether the positive act's count (its object's opening number,
/// or "a") is over the ban's.
fn counts_meet(pos: &Statement, neg: &Statement) -> bool {
    // (Most bans bound no count: one search first.)
    if !neg.action.object.contains("than") {
        return true;
    }
    // ("a loan of more than £200", "more than 3 hours": an amount, no count.)
    if !crate::quantity::bounds(&neg.action.object).is_empty() {
        return true;
    }
    let neg_words: Vec<String> = lower_words(&neg.action.object).collect();
    let Some(at) = neg_words.windows(3).position(|w| w[0] == "more" && w[1] == "than") else {
        return true;
    };
    let Some(limit) = crate::quantity::number(&neg_words[at + 2]) else {
        return true;
    };
    // ("book each study room for three hours" and "do not book a study
    // room for more than six people": a length of time and a number of
    // people bound two different things; one rule holds the other.)
    let counted = neg_words.get(at + 3).map(|w| crate::lemma::key(w));
    if let Some(counted) = counted
        && !lower_words(&pos.action.object).any(|w| crate::lemma::key(&w) == counted)
        && !crate::quantity::bounds(&pos.action.object).is_empty()
    {
        return false;
    }
    let mut pos_words = lower_words(&pos.action.object);
    let count = match pos_words.next().as_deref() {
        Some("a" | "an") => 1.0,
        Some(w) => match crate::quantity::number(w) {
            Some(n) => n,
            None => return true,
        },
        None => return true,
    };
    count > limit
}

/// A text's words, lowercase, hyphens and apostrophes kept inside them.
fn lower_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// What an obligation's text may name, from one scan of it: cheap tests
/// before the readers that look for each thing word by word.
#[derive(Clone, Copy)]
struct Hints {
    /// How figures or replies are given: with or without tax, to the cent or
    /// rounded, as a list ([`tax_included`], [`decimals_of`], the list form).
    form: bool,
    /// A unit of measure or the form of a date ([`unit_of`], [`date_format_of`]).
    unit_or_date: bool,
    /// A unit of length or time ([`crate::quantity::bounds_of`]).
    length_or_time: bool,
}

/// Words of a form (see [`Hints::form`]).
const FORM_WORDS: &[&str] = &[
    "vat",
    "gst",
    "sales tax",
    "decimal",
    "nearest",
    "cent",
    "penny",
    "whole",
    "list",
];

/// Words of a unit of measure or a date's form (see [`Hints::unit_or_date`]).
const UNIT_OR_DATE_WORDS: &[&str] = &[
    "inch",
    "centimet",
    "millimet",
    "metre",
    "meter",
    "kilomet",
    "mile",
    "feet",
    "foot",
    "yard",
    "litre",
    "liter",
    "gallon",
    "pint",
    "gram",
    "kilo",
    "ounce",
    "pound",
    "hundredweight",
    "cwt",
    "tonne",
    "watt",
    "celsius",
    "centigrade",
    "fahrenheit",
    " kg",
    " cm",
    " mm",
    " km",
    " ml",
    " lb",
    " oz",
    " kw",
    "stone",
    "yyyy",
    "dd/",
    "dd-",
    "dd.",
    "iso",
    "day-month",
    "month-day",
    "day/month",
    "month/day",
    "year-month",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// [`Hints`] of a text: one pass of one automaton over it, for the three
/// word lists at once (this runs over every obligation's text).
fn hints(text: &str) -> Hints {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let (forms, units) = (FORM_WORDS.len(), FORM_WORDS.len() + UNIT_OR_DATE_WORDS.len());
    let mut hints = Hints {
        form: false,
        unit_or_date: false,
        length_or_time: false,
    };
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(
                FORM_WORDS
                    .iter()
                    .chain(UNIT_OR_DATE_WORDS)
                    .chain(crate::quantity::LENGTH_AND_TIME_WORDS),
            )
            .ok()
    });
    let Some(ac) = ac else {
        // (No automaton: every reader reads.)
        return Hints {
            form: true,
            unit_or_date: true,
            length_or_time: true,
        };
    };
    for m in ac.find_overlapping_iter(text) {
        let id = m.pattern().as_usize();
        if id < forms {
            hints.form = true;
        } else if id < units {
            hints.unit_or_date = true;
        } else {
            hints.length_or_time = true;
        }
        if hints.form && hints.unit_or_date && hints.length_or_time {
            break;
        }
    }
    // ("1881-03-04": a year, a hyphen, two digits.)
    hints.unit_or_date = hints.unit_or_date
        || text.as_bytes().windows(7).any(|w| {
            w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[5].is_ascii_digit() && w[6].is_ascii_digit()
        });
    hints
}

/// The way a rule has dates written: a pattern ("DD/MM/YYYY",
/// "YYYY-MM-DD", "ISO 8601", "day-month-year") or an example date ("4 March
/// 1881", "April 15, 2026", "1881-03-04"), as the pattern it follows.
fn date_format_of(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if !["date", "deadline", "dd", "yyyy", "iso"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    const PATTERNS: &[(&str, &str)] = &[
        ("yyyy-mm-dd", "YYYY-MM-DD"),
        ("iso 8601", "YYYY-MM-DD"),
        ("iso format", "YYYY-MM-DD"),
        ("iso date", "YYYY-MM-DD"),
        ("year-month-day", "YYYY-MM-DD"),
        ("dd/mm/yyyy", "DD/MM/YYYY"),
        ("dd-mm-yyyy", "DD/MM/YYYY"),
        ("dd.mm.yyyy", "DD/MM/YYYY"),
        ("dd/mm/yy", "DD/MM/YYYY"),
        ("day-month-year", "DD/MM/YYYY"),
        ("day/month/year", "DD/MM/YYYY"),
        ("mm/dd/yyyy", "MM/DD/YYYY"),
        ("mm-dd-yyyy", "MM/DD/YYYY"),
        ("mm/dd/yy", "MM/DD/YYYY"),
        ("month-day-year", "MM/DD/YYYY"),
        ("month/day/year", "MM/DD/YYYY"),
    ];
    if let Some((_, f)) = PATTERNS.iter().find(|(p, _)| lower.contains(p)) {
        return Some(f);
    }
    // An example date: "4 March 1881", "April 15, 2026", "1881-03-04".
    let words: Vec<String> = lower_words(text).map(|w| w.trim_matches('\'').to_string()).collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let day = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    for (i, w) in words.iter().enumerate() {
        if !MONTHS.contains(&w.as_str()) {
            continue;
        }
        let (before, after, later) = (
            i.checked_sub(1).map(|k| words[k].as_str()),
            words.get(i + 1).map(String::as_str),
            words.get(i + 2).map(String::as_str),
        );
        if before.is_some_and(day) && after.is_some_and(year) {
            return Some("D Month YYYY");
        }
        if after.is_some_and(day) && later.is_some_and(year) {
            return Some("Month D, YYYY");
        }
    }
    // ("1881-03-04": kept whole by the word splitter.)
    lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .any(|w| {
            let p: Vec<&str> = w.split('-').collect();
            p.len() == 3 && year(p[0]) && p[1].len() == 2 && p[2].len() == 2 && p[1..].iter().all(|x| day(x))
        })
        .then_some("YYYY-MM-DD")
}

/// The unit of measure a rule gives figures in, by its dimension: "in
/// centimetres", "per US gallon", "in kilowatts". A unit after a number
/// ("25 metres") is a figure, not a rule about units.
fn unit_of(text: &str) -> Option<(&'static str, &'static str)> {
    const UNITS: &[(&str, &str, &str)] = &[
        ("mm", "length unit", "mm"),
        ("millimetre", "length unit", "mm"),
        ("millimetres", "length unit", "mm"),
        ("millimeter", "length unit", "mm"),
        ("millimeters", "length unit", "mm"),
        ("cm", "length unit", "cm"),
        ("centimetre", "length unit", "cm"),
        ("centimetres", "length unit", "cm"),
        ("centimeter", "length unit", "cm"),
        ("centimeters", "length unit", "cm"),
        ("metre", "length unit", "m"),
        ("metres", "length unit", "m"),
        ("meter", "length unit", "m"),
        ("meters", "length unit", "m"),
        ("km", "length unit", "km"),
        ("kilometre", "length unit", "km"),
        ("kilometres", "length unit", "km"),
        ("kilometer", "length unit", "km"),
        ("kilometers", "length unit", "km"),
        ("inch", "length unit", "in"),
        ("inches", "length unit", "in"),
        ("foot", "length unit", "ft"),
        ("feet", "length unit", "ft"),
        ("yards", "length unit", "yd"),
        ("mile", "length unit", "mi"),
        ("miles", "length unit", "mi"),
        ("ml", "volume unit", "ml"),
        ("millilitre", "volume unit", "ml"),
        ("millilitres", "volume unit", "ml"),
        ("litre", "volume unit", "l"),
        ("litres", "volume unit", "l"),
        ("liter", "volume unit", "l"),
        ("liters", "volume unit", "l"),
        ("gallon", "volume unit", "gal"),
        ("gallons", "volume unit", "gal"),
        ("pint", "volume unit", "pt"),
        ("pints", "volume unit", "pt"),
        ("gram", "mass unit", "g"),
        ("grams", "mass unit", "g"),
        ("kg", "mass unit", "kg"),
        ("kilogram", "mass unit", "kg"),
        ("kilograms", "mass unit", "kg"),
        ("kilos", "mass unit", "kg"),
        ("lb", "mass unit", "lb"),
        ("lbs", "mass unit", "lb"),
        ("ounce", "mass unit", "oz"),
        ("ounces", "mass unit", "oz"),
        ("oz", "mass unit", "oz"),
        ("stone", "mass unit", "st"),
        ("hundredweight", "mass unit", "cwt"),
        ("cwt", "mass unit", "cwt"),
        ("tonne", "mass unit", "t"),
        ("tonnes", "mass unit", "t"),
        ("watt", "power unit", "W"),
        ("watts", "power unit", "W"),
        ("kilowatt", "power unit", "kW"),
        ("kilowatts", "power unit", "kW"),
        ("kw", "power unit", "kW"),
        ("megawatts", "power unit", "MW"),
        ("celsius", "temperature unit", "C"),
        ("centigrade", "temperature unit", "C"),
        ("fahrenheit", "temperature unit", "F"),
    ];
    let words: Vec<String> = lower_words(text).collect();
    words.iter().enumerate().find_map(|(i, w)| {
        if !matches!(w.as_str(), "in" | "per" | "into") || i > 0 && words[i - 1].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // ("in US gallons", "per square metre": the unit after its kind.)
        let mut k = i + 1;
        while words
            .get(k)
            .is_some_and(|n| matches!(n.as_str(), "us" | "uk" | "imperial" | "metric" | "square" | "cubic"))
        {
            k += 1;
        }
        let unit = words.get(k)?;
        // ("in pounds and ounces", "weights in pounds": pounds of weight,
        // where the rule speaks of weight; otherwise they may be money.)
        if matches!(unit.as_str(), "pounds" | "pound")
            && words
                .iter()
                .any(|w| w.starts_with("weigh") || w.starts_with("ounce") || w == "stone" || w == "lbs")
        {
            return Some(("mass unit", "lb"));
        }
        UNITS
            .iter()
            .find(|(u, _, _)| u == unit)
            .map(|(_, dimension, canonical)| (*dimension, *canonical))
    })
}

/// Whether a statement's topic has a word of its own (not in `other`)
/// that its text writes with a capital inside the sentence: a name ("the
/// Basic plan", "the Pro plan").
fn own_name(s: &Statement, own: &[String], other: &[String]) -> bool {
    let names: Vec<String> = s
        .text
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(&w)))
        })
        .collect();
    own.iter().any(|k| !other.contains(k) && names.contains(k))
}

/// Whether a key names a day of the week ("sunday", "sundays").
fn is_weekday(key: &str) -> bool {
    // (Keyed once: this is asked of qualifiers of every pair compared.)
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| WEEKDAYS.iter().map(|d| crate::lemma::key(d)).collect());
    let day = key.trim_end_matches('s');
    keys.iter().any(|k| k == day) || WEEKDAYS.contains(&day)
}

/// The keys of the words that name a unit of measure in a rule ("per US
/// gallon": "per", "us", "gallon"), as topics key them.
fn unit_words(text: &str) -> Vec<String> {
    let words: Vec<String> = lower_words(text).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.as_str(), "in" | "per" | "into") {
            continue;
        }
        let mut k = i + 1;
        while words
            .get(k)
            .is_some_and(|n| matches!(n.as_str(), "us" | "uk" | "imperial" | "metric" | "square" | "cubic"))
        {
            k += 1;
        }
        if unit_of(&format!("{w} {}", words[i + 1..=k.min(words.len() - 1)].join(" "))).is_some() {
            out.extend(words[i..=k].iter().map(|w| crate::lemma::key(&crate::lemma::lemma(w))));
        }
    }
    out
}

/// The content words of a statement's guards after their markers, keyed
/// as object words are (what two guards are compared by).
fn guard_words(s: &Statement) -> Vec<String> {
    s.conditions
        .iter()
        .flat_map(|c| lower_words(&c.text).skip(1))
        .filter(|w| !crate::statement::is_stop(w) && !matches!(w.as_str(), "they" | "it" | "one"))
        .flat_map(|w| crate::statement::word_keys(&crate::lemma::lemma(&w)))
        .collect()
}

/// The content words of a positive statement's guards, keyed as object
/// words are, to stand for a prohibition's qualifiers; none when either
/// side compares or negates ("orders delivered less than 30 days ago" is
/// not "more than 30 days ago").
fn guard_keys(s: &Statement, neg: &Statement) -> Vec<String> {
    if compares_or_negates(&neg.action.object) {
        return Vec::new();
    }
    // ("when a patient asks what nail surgery costs" stands for its words
    // beside "before offering a slot", a moment, which stands for none.)
    s.conditions
        .iter()
        .filter(|c| !compares_or_negates(&c.text))
        .flat_map(|c| lower_words(&c.text).skip(1))
        .filter(|w| !crate::statement::is_stop(w) && !matches!(w.as_str(), "they" | "it" | "one"))
        .flat_map(|w| crate::statement::word_keys(&crate::lemma::lemma(&w)))
        .collect()
}

/// Whether a text draws its case by a comparison, a negation or a moment
/// ("less than 30 days", "not yet shipped", "before the exam"): another such
/// text may name the other side of it, which this reader cannot always tell.
fn compares_or_negates(text: &str) -> bool {
    lower_words(text).any(|w| {
        matches!(
            w.as_str(),
            "less"
                | "more"
                | "fewer"
                | "under"
                | "over"
                | "above"
                | "below"
                | "least"
                | "most"
                | "not"
                | "no"
                | "before"
                | "after"
                | "until"
                | "without"
                | "later"
                | "earlier"
                | "sooner"
                | "older"
                | "younger"
        ) || w.starts_with("non-")
    })
}

/// A prohibition that is a default rather than a rule: "avoid X", "should
/// generally avoid X", or one that applies "by default".
fn is_soft(s: &Statement) -> bool {
    // "should generally avoid X": the adverb hid "avoid" from the trigger.
    let avoided = || {
        let lower = s.text.to_lowercase();
        [
            "generally avoid",
            "usually avoid",
            "typically avoid",
            "normally avoid",
            "should avoid",
            "try to avoid",
        ]
        .iter()
        .any(|p| lower.contains(p))
    };
    s.trigger.to_lowercase().contains("avoid") || s.conditions.iter().any(|c| c.kind == "by default") || avoided()
}

/// A verb as the act it performs: its class ([`crate::lexicon`]), keyed.
pub(crate) fn act_key(verb: &str) -> String {
    crate::lemma::key(crate::lexicon::verb_class(&crate::lemma::lemma(verb)))
}

/// The acts a statement performs: its verbs' classes, and telling when it
/// gives information ("provide the dosage" tells it, as "give out dosing
/// information" does).
pub(crate) fn act_keys(s: &Statement) -> Vec<String> {
    // The acts named here, keyed once (this runs for every statement).
    static KEYS: std::sync::OnceLock<[String; 4]> = std::sync::OnceLock::new();
    let [offer, tell, insert, give] = KEYS.get_or_init(|| ["offer", "tell", "insert", "give"].map(act_key));
    let mut keys: Vec<String> = s
        .action
        .verbs
        .iter()
        .flat_map(|v| {
            let also: Vec<String> = crate::lexicon::also_acts(&crate::lemma::lemma(v))
                .map(act_key)
                .collect();
            std::iter::once(act_key(v)).chain(also)
        })
        .collect();
    // "include X" in what the assistant writes puts X in front of the reader:
    // it offers, shows or inserts X.
    if s.action.verbs.iter().any(|v| v == "include") {
        keys.extend([offer.clone(), tell.clone(), insert.clone()]);
    }
    // Information given, sent or handed over is told ("send them their
    // gate code in the chat").
    let hands_over = keys.contains(give)
        || s.action.verbs.iter().any(|v| {
            matches!(
                v.as_str(),
                "send" | "hand" | "hand over" | "pass" | "pass on" | "email" | "text"
            )
        });
    if hands_over && s.action.object_keys.iter().any(|k| crate::lexicon::is_information(k)) {
        keys.push(tell.clone());
    }
    // "Students may borrow the projector": the other side of lending it to
    // them, which is what the assistant would do.
    if s.action.subject.is_some()
        && s.action
            .verbs
            .iter()
            .any(|v| matches!(v.as_str(), "borrow" | "rent" | "hire" | "buy" | "purchase" | "pay"))
        && s.action.subject.as_deref().is_some_and(crate::lexicon::is_people)
    {
        for (taken, given) in [
            ("borrow", "lend"),
            ("rent", "rent out"),
            ("hire", "hire out"),
            ("buy", "sell"),
            ("purchase", "sell"),
            // ("Regular clients may pay their deposit over the phone": the
            // assistant takes it.)
            ("pay", "collect"),
        ] {
            if s.action.verbs.iter().any(|v| v == taken) {
                keys.push(act_key(given));
            }
        }
    }
    // "Send booking confirmations by email" confirms the bookings by email
    // (and sends something, as sending an invoice does).
    if s.action
        .verbs
        .iter()
        .any(|v| matches!(v.as_str(), "send" | "email" | "text"))
        && s.action.object_keys.iter().any(|k| k == "confirmation")
    {
        keys.push(act_key("confirm"));
    }
    // "Record the caller's date of birth" collects it, as "collect their
    // date of birth" does: what is recorded about a person is asked for.
    if s.action
        .verbs
        .iter()
        .any(|v| matches!(v.as_str(), "record" | "log" | "note" | "take down" | "write down"))
        && crate::kinds::hypernym_keys(&s.action.object_keys)
            .iter()
            .any(|k| k == "personal")
    {
        keys.push(act_key("collect"));
    }
    // "Never repeat a full account number" forbids saying it at all; "avoid
    // repeating what it has already told the user" only saying it again.
    if s.action.verbs.iter().any(|v| v == "repeat") && {
        let lower = s.text.to_lowercase();
        !["already", "again", "previous", "earlier", "before"]
            .iter()
            .any(|w| lower.contains(w))
    } {
        keys.push(tell.clone());
    }
    // "All replies must be in English", "write helpdesk replies in English":
    // what the assistant's replies are, or how it writes them, is how it
    // replies ("reply in the customer's language").
    let a_reply = |w: &str| matches!(w, "reply" | "replies" | "answer" | "answers" | "response" | "responses");
    let is_reply = s.action.subject.as_deref().is_some_and(|subject| {
        s.action.verbs.iter().all(|v| v == "be") && subject.rsplit(' ').next().is_some_and(a_reply)
    }) || (s
        .action
        .verbs
        .iter()
        .any(|v| matches!(v.as_str(), "write" | "send" | "give" | "draft" | "compose"))
        && s.action
            .object_keys
            .iter()
            .any(|k| matches!(k.as_str(), "reply" | "answer" | "respons")));
    if is_reply {
        keys.push(act_key("reply"));
    }
    // "Confirm to a caller whether a named person is a patient": telling
    // them whether (not confirming a booking).
    if s.action.verbs.iter().any(|v| v == "confirm")
        && matches!(s.action.object.split(' ').next(), Some("whether" | "that" | "if"))
    {
        keys.push(tell.clone());
    }
    // "Take a £50 deposit" collects it, as "ask for a deposit" does.
    if s.action.verbs.iter().any(|v| v == "take")
        && s.action
            .object_keys
            .iter()
            .any(|k| matches!(k.as_str(), "deposit" | "payment" | "prepayment" | "fe"))
    {
        keys.push(act_key("collect"));
    }
    // "Keep residents informed of the date": informing them of it.
    if s.action.verbs.iter().any(|v| v == "keep") && {
        let words: Vec<String> = lower_words(&s.action.object).take(4).collect();
        words
            .iter()
            .any(|w| matches!(w.as_str(), "informed" | "updated" | "posted" | "aware"))
    } {
        keys.push(tell.clone());
    }
    // "Take bookings", "take Christmas orders": accepting them.
    if s.action.verbs.iter().any(|v| v == "take")
        && s.action.object_keys.iter().any(|k| {
            matches!(
                k.as_str(),
                "booking" | "order" | "reservation" | "request" | "enquiry" | "appointment" | "job"
            )
        })
    {
        keys.push(act_key("accept"));
        keys.push(act_key("book"));
    }
    // "Tell customers to keep pets out of treated rooms": telling someone
    // what to do advises them.
    if s.action.verbs.iter().any(|v| v == "tell")
        && s.action.object.contains(" to ")
        && lower_words(&s.action.object)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0] == "to" && crate::lemma::is_common_verb(&w[1]) && !crate::lexicon::is_people(&w[1]))
    {
        keys.push(act_key("advise"));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Whether the positive rule's act falls under the prohibition: both have
/// no object (an act on nothing), or every word of the prohibited object and
/// of its qualifiers is in the positive one's. The positive rule must be at
/// least as specific: "may share personal data" meets "never share data",
/// but "may share data" is only narrowed by "never share personal data", and
/// "never pursue goals in a way that misleads" does not forbid "may pursue
/// goals entailed by instructions". An object that could not be read (one
/// side empty) matches nothing.
fn covers(
    pos: &crate::statement::Action,
    neg: &crate::statement::Action,
    obligation: bool,
    pos_guards: &[String],
    pos_guards_text: &[&str],
) -> bool {
    // What is told is also what it is about: "explain storage requirements
    // for controlled substances" discusses controlled substances.
    let telling = pos.verbs.iter().any(|v| act_key(v) == act_key("tell"));
    let told: Vec<String>;
    let p = if telling && !pos.qualifier_keys.is_empty() {
        told = pos.object_keys.iter().chain(&pos.qualifier_keys).cloned().collect();
        &told
    } else {
        &pos.object_keys
    };
    let n = &neg.object_keys;
    // ("never refund customers in cash" forbids a means that "refund the
    // customer" need not use.)
    if neg.qualifier_keys.iter().any(|k| {
        crate::lexicon::is_means_of_payment(k) && !pos.qualifier_keys.contains(k) && !pos.object_keys.contains(k)
    }) {
        return false;
    }
    // ("notify drivers when their account balance drops" is about the
    // account balance its case names, as "contact drivers about their
    // account balance" is: an act on people only is about its case.)
    let about_its_case = pos.object_keys.is_empty()
        && pos.verbs.iter().any(|v| {
            matches!(v.as_str(), "notify" | "remind" | "alert" | "inform" | "warn")
                || crate::lexicon::verb_class(v) == crate::lexicon::verb_class("contact")
        })
        && !n.is_empty()
        && {
            // (Its words, whatever the case compares: "drops below £5".)
            let case: Vec<String> = pos_guards_text
                .iter()
                .flat_map(|t| lower_words(t))
                .flat_map(|w| crate::statement::word_keys(&crate::lemma::lemma(&w)))
                .collect();
            n.iter().all(|k| case.contains(k))
        };
    if about_its_case {
        return true;
    }
    // "with children" and "with adults": different people, different cases.
    // A rule that names no one covers everyone.
    // (Two names of one kind of people, "pupils" and "students", are one.)
    // (Before the acts on anything: "notify the child" and "send alerts to
    // parents" are done to two people.)
    if !pos.people_keys.is_empty()
        && !neg.people_keys.is_empty()
        && !pos.people_keys.iter().any(|k| neg.people_keys.contains(k))
        && !crate::kinds::hypernym_keys(&pos.people_keys)
            .iter()
            .any(|k| neg.people_keys.contains(k))
    {
        return false;
    }
    if p.is_empty() || n.is_empty() {
        // "never provide a diagnosis" forbids every diagnosis; "give a
        // likely diagnosis" diagnoses whatever the prohibition names.
        // ("Do not send reminders" forbids reminding, not every telling:
        // a ban on a kind of message says nothing of what else is told.)
        let any_of_its_kind = neg.any_object
            && (!neg.verbs.iter().any(|v| act_key(v) == act_key("tell"))
                || pos.verbs.iter().any(|v| neg.verbs.contains(v)));
        return (p.is_empty() && n.is_empty()) || (n.is_empty() && any_of_its_kind) || (p.is_empty() && pos.any_object);
    }
    // "may book a Saturday collection" and "must not book a collection for
    // anyone who cannot bring photo ID": a ban for some people only narrows
    // a permission that names none of them ("any member can book it,
    // inducted or not" names them all; an obligation meets the ban).
    if !obligation
        && neg.people_clause.is_some()
        && pos.people_clause.is_none()
        && pos.people_keys.is_empty()
        && !pos.any_object
    {
        let lower = pos.object.to_lowercase();
        let everyone = [
            "any ",
            "anyone",
            "every",
            "all ",
            "or not",
            "regardless",
            "whoever",
            "whatever",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if !everyone {
            return false;
        }
    }
    // ("never include the phone number in a reply to the patient" and
    // "include the phone number in the handover note": a reply and a staff
    // document are two places.)
    if names_a_document(&pos.qualifier_keys) && !names_a_document(&neg.qualifier_keys) && {
        let lower = neg.object.to_lowercase();
        [" reply", " replies", " message", " response", " answer"]
            .iter()
            .any(|m| lower.contains(m))
    } {
        return false;
    }
    // ("offer surgery 1 to patients who use a wheelchair" and "do not offer
    // surgery 3 to them": a number after a noun names which one.)
    let labels = |a: &crate::statement::Action| -> Vec<(String, String)> {
        let words: Vec<String> = lower_words(&a.object).collect();
        words
            .windows(2)
            .filter(|w| {
                w[0].chars().all(|c| c.is_ascii_alphabetic())
                    && !crate::statement::is_stop(&w[0])
                    // ("orders over $200": a bound, no label.)
                    && !matches!(
                        w[0].as_str(),
                        "over" | "under" | "than" | "least" | "most" | "up" | "about" | "around" | "above" | "below"
                    )
                    && w[1].chars().all(|c| c.is_ascii_digit())
            })
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect()
    };
    if pos.object.bytes().any(|b| b.is_ascii_digit())
        && neg.object.bytes().any(|b| b.is_ascii_digit())
        && one_key_two_values(&labels(pos), &labels(neg))
    {
        return false;
    }
    // ("must offer a callback" and "do not offer a same-day callback after
    // 4pm": a duty to do one of a kind is met by one the ban leaves alone.)
    let one_of_a_kind = {
        let lower = pos.object.to_lowercase();
        lower.starts_with("a ") || lower.starts_with("an ")
    };
    if obligation
        && one_of_a_kind
        && !p.is_empty()
        && p.iter().all(|k| n.contains(k))
        && n.iter().any(|k| {
            !p.contains(k) && !crate::lexicon::is_generic_head(k) && !crate::lexicon::is_people(k) && k.contains('-')
        })
    {
        return false;
    }
    // ("the phone number of a customer" and "the phone number of the
    // emergency line": one thing of a person, the other of something that is
    // no person.)
    let whose = |a: &crate::statement::Action| -> Option<(String, bool)> {
        let words: Vec<String> = lower_words(&a.object).collect();
        let of = words.iter().position(|w| w == "of")?;
        let owner = words[of + 1..].iter().find(|w| {
            !matches!(
                w.as_str(),
                "a" | "an" | "the" | "any" | "our" | "their" | "your" | "another" | "other"
            )
        })?;
        let head = crate::lemma::key(&crate::lemma::lemma(words.get(of.checked_sub(1)?)?));
        Some((head, crate::lexicon::is_people(&crate::lemma::lemma(owner))))
    };
    if let (Some((hp, people_p)), Some((hn, people_n))) = (whose(pos), whose(neg))
        && hp == hn
        && people_p != people_n
    {
        return false;
    }
    // ("a call back the next working day" and "a call back on Saturdays or
    // Sundays": a working day is no day of the weekend.)
    let days = |a: &crate::statement::Action| -> (bool, bool) {
        let lower = a.object.to_lowercase();
        let weekend = ["saturday", "sunday", "weekend"].iter().any(|d| lower.contains(d));
        let working = ["working day", "business day", "weekday", "monday to friday"]
            .iter()
            .any(|d| lower.contains(d));
        (weekend, working)
    };
    if (pos.object.contains("day") || pos.object.contains("Day"))
        && (neg.object.contains("day") || neg.object.contains("Day"))
    {
        let ((pw, pk), (nw, nk)) = (days(pos), days(neg));
        if (pw && !pk && nk && !nw) || (pk && !pw && nw && !nk) {
            return false;
        }
    }
    // ("a price for a treatment that is on neither list": a ban on what a
    // clause says is not so leaves out what the positive rule names, which
    // this reader cannot tell apart; no finding rather than a wrong one.)
    if pos.object_clause.is_none()
        && neg
            .object_clause
            .as_deref()
            .is_some_and(|c| c.split(' ').any(|w| matches!(w, "neither" | "nor")))
    {
        return false;
    }
    // "customers who have subscribed" and "customers who have not".
    if let (Some(a), Some(b)) = (&pos.people_clause, &neg.people_clause)
        && a != b
    {
        return false;
    }
    // "the guest Wi-Fi password" and "the password for the staff network":
    // a thing of one kind of people and a thing of another.
    // (No allocation: this runs for every candidate pair.)
    fn owners(a: &crate::statement::Action) -> impl Iterator<Item = &String> {
        a.object_keys
            .iter()
            .chain(&a.qualifier_keys)
            .filter(|k| k.ends_with("'s"))
    }
    // "another customer's booking reference" and "the customer's own":
    // someone else's thing is another thing than the person's own (or one a
    // rule names without an owner, which is the person's).
    let someone_elses = |a: &crate::statement::Action| {
        // (Most objects name no one else: nothing to split.)
        if !a.object.contains("other") && !a.object.contains("else") {
            return false;
        }
        let words: Vec<String> = lower_words(&a.object).collect();
        words.iter().enumerate().any(|(i, w)| {
            matches!(w.as_str(), "else's" | "others'" | "other's")
                || (matches!(w.as_str(), "another" | "other")
                    && words[i + 1..]
                        .iter()
                        .take(2)
                        .any(|x| x.ends_with("'s") || x.ends_with("s'")))
        })
    };
    if someone_elses(neg) && !someone_elses(pos) {
        return false;
    }
    // "charge members a callout fee" and "charge non-members the callout
    // fee": a group and the rest, two cases.
    if pos.object.contains("non-") || neg.object.contains("non-") {
        let groups = |a: &crate::statement::Action| -> Vec<(bool, String)> {
            lower_words(&a.object)
                .filter_map(|w| {
                    let (non, rest) = match w.strip_prefix("non-") {
                        Some(rest) => (true, rest.to_string()),
                        None => (false, w.clone()),
                    };
                    crate::lexicon::is_people(&crate::lemma::lemma(&rest))
                        .then(|| (non, crate::lemma::key(&crate::lemma::lemma(&rest))))
                })
                .collect()
        };
        // (Keyed by the people, valued by "non-".)
        let flip = |g: Vec<(bool, String)>| g.into_iter().map(|(non, k)| (k, non)).collect::<Vec<_>>();
        if one_key_two_values(&flip(groups(pos)), &flip(groups(neg))) {
            return false;
        }
    }
    // ("anyone's email address" is everyone's, a parent's too.)
    let anyones = |k: &String| {
        matches!(
            k.as_str(),
            "anyon's"
                | "anyone's"
                | "anybody's"
                | "everyon's"
                | "everyone's"
                | "everybody's"
                | "someon's"
                | "someone's"
        )
    };
    if owners(pos).next().is_some()
        && owners(neg).next().is_some()
        && !owners(neg).any(anyones)
        && !owners(pos).any(|k| owners(neg).any(|n| n == k))
    {
        return false;
    }
    // "customers on pay-monthly plans" and "pay-as-you-go customers": a
    // group narrowed one way, and a word of the other's not in it.
    if let Some(a) = &pos.people_clause
        && neg.people_clause.is_none()
        && pos.people_keys.iter().any(|k| neg.people_keys.contains(k))
        && neg
            .qualifier_keys
            .iter()
            .any(|k| !a.split(' ').any(|w| w == k) && !pos.qualifier_keys.contains(k) && !pos.object_keys.contains(k))
    {
        return false;
    }
    // "posts that share a home address" and "posts that share a business
    // address": neither case holds the other.
    if let (Some(a), Some(b)) = (&pos.object_clause, &neg.object_clause) {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
        let within = |x: &[&str], y: &[&str]| x.iter().all(|w| y.contains(w));
        if a.contains(&"not") != b.contains(&"not") || !(within(&a, &b) || within(&b, &a)) {
            return false;
        }
    }
    // "the borrower's current interest rate" and "the interest rate that
    // will apply after the fixed-rate period ends": now and later are two
    // values of one thing, in either order.
    let now = |a: &crate::statement::Action| {
        lower_words(&a.object).any(|w| matches!(w.as_str(), "current" | "present" | "today's" | "existing"))
    };
    let later = |a: &crate::statement::Action| {
        lower_words(&a.object)
            .chain(a.object_clause.iter().flat_map(|c| lower_words(c)))
            .any(|w| matches!(w.as_str(), "will" | "future" | "upcoming" | "next"))
    };
    if (now(pos) && later(neg) && !later(pos)) || (now(neg) && later(pos) && !later(neg)) {
        return false;
    }
    // "never to anyone who is not a verified customer" leaves out the very
    // people "to a verified customer" names: a different case.
    if let Some(clause) = &neg.people_clause
        && clause.split(' ').any(|w| w == "not")
        && !pos.people_keys.is_empty()
        && pos.people_keys.iter().all(|k| clause.split(' ').any(|w| w == k))
    {
        return false;
    }
    // "for children under 4" and "for children aged 3 and over": one bound
    // each on one measure. Where no value meets both, another case; where
    // some does, the prohibition's bound is a case of the positive rule's.
    let bounded = |a: &crate::statement::Action| {
        // (Most objects have no figure: nothing to read.)
        a.object
            .bytes()
            .any(|b| b.is_ascii_digit())
            .then(|| range_of(&lower_words(&a.object).collect::<Vec<_>>()))
            .flatten()
    };
    let ranges_meet = match (bounded(pos), bounded(neg)) {
        (Some(a), Some(b)) if a.unit == b.unit => {
            if !a.meets(&b) {
                return false;
            }
            true
        }
        _ => false,
    };
    // "over $10,000" and "under $10,000": two sides of one amount.
    let side = |a: &crate::statement::Action| -> Option<bool> {
        a.qualifier_keys
            .iter()
            .chain(&a.object_keys)
            .find_map(|k| match k.as_str() {
                "over" | "mor" | "more" | "abov" | "above" | "exceed" => Some(true),
                "under" | "les" | "less" | "below" | "fewer" => Some(false),
                _ => None,
            })
    };
    if let (Some(a), Some(b)) = (side(pos), side(neg))
        && a != b
        && !ranges_meet
    {
        return false;
    }
    // A prohibition's qualifiers narrow it; a positive rule about the very
    // same thing without qualifiers covers them all; otherwise the positive
    // rule must hold the prohibition's qualifiers.
    // The kinds the positive object is of stand for it ("a remedy" is a
    // medication), and a generic head beside a word that says what ("dosing
    // information") asks nothing more of it.
    // (A telling act's words include its qualifiers; the object's own
    // kinds are read from the object: "the tenant's number" is a phone number.)
    let mut kinds = object_kinds(pos, p);
    if p.len() != pos.object_keys.len() {
        kinds.extend(object_kinds(pos, &pos.object_keys));
    }
    // ("salary negotiation" and "how to negotiate their salary": a noun
    // made from the verb, by its ending.)
    let made_from = |noun: &str, verb: &str| {
        verb.len() >= 4
            && noun
                .strip_prefix(verb)
                .is_some_and(|end| matches!(end, "ion" | "ation" | "ment" | "al"))
    };
    // ("the £3 booking fee": a figure that says which fee, where no bound
    // is drawn, names no narrower case of it.)
    let bounded_neg = || range_of(&lower_words(&neg.object).collect::<Vec<_>>()).is_some();
    let described =
        |k: &String| {
            k.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && !bounded_neg()
                && !neg.object_keys.iter().chain(&neg.qualifier_keys).any(|w| {
                    is_bound_key(w) && crate::quantity::number(w.trim_start_matches(['$', '€', '£'])).is_none()
                })
        };
    // ("send the item back" is returning it.)
    let sent_back = |x: &[String]| {
        x.iter().any(|k| k == "back")
            && x.iter()
                .any(|k| matches!(k.as_str(), "send" | "bring" | "post" | "tak"))
    };
    let returned = |x: &[String]| x.iter().any(|k| k == "return");
    let has = |k: &String| {
        p.contains(k)
            || described(k)
            || (matches!(k.as_str(), "send" | "bring" | "post" | "tak" | "back") && sent_back(n) && returned(p))
            || (k == "return" && returned(n) && sent_back(p))
            || kinds.contains(k)
            || (ranges_meet && is_bound_key(k))
            || anyones(k)
            || p.iter().any(|w| made_from(k, w) || made_from(w, k))
            // ("booking confirmations" are what "confirm every booking" makes.)
            || pos.verbs.iter().any(|v| made_from(k, &crate::lemma::key(v)))
    };
    // ("photos of ceremonies" and "photos from every ceremony": the
    // prohibition's head in the positive object, its other words there or
    // in the positive's qualifiers.)
    let head_of_neg = head_key(neg);
    // ("a price for swarm collection" and "when asked what swarm collection
    // costs, tell the call-out fee": what the positive rule's case names is
    // what its act is about.)
    let holds = n.iter().any(|k| has(k) && !crate::lexicon::is_generic_head(k))
        && n.iter().all(|k| {
            has(k)
                || crate::lexicon::is_generic_head(k)
                || (Some(k) != head_of_neg.as_ref() && (pos.qualifier_keys.contains(k) || pos_guards.contains(k)))
        });
    // "in chat" narrows nothing for a rule that names no other channel: a
    // chat assistant's acts are in chat ("never display medication lists in
    // chat" rules "may display the medication list"); "in the email" is another case.
    let other_channel = p
        .iter()
        .chain(&pos.qualifier_keys)
        .any(|k| crate::lexicon::is_channel(k) && !crate::lexicon::is_chat(k));
    // A prohibition's qualifier the positive rule's guard names ("prices
    // for enterprise licenses", "when a prospect asks about enterprise
    // licensing") is the positive rule's case too.
    // ("requests to keep a cat" are requests to keep a pet.)
    let qualifier_kinds = crate::kinds::hypernym_keys(&pos.qualifier_keys);
    let within = |k: &String| {
        p.contains(k)
            || pos.qualifier_keys.contains(k)
            // ("as email attachments": "email them the payslip" is by email.)
            || pos.verbs.iter().any(|v| crate::lemma::key(v) == *k)
            || qualifier_kinds.contains(k)
            || pos_guards.contains(k)
            // ("restoration work" and "how much restoring a bell will cost":
            // a noun made from the verb the case names.)
            || pos_guards.iter().any(|g| {
                g.len() >= 5
                    && k.strip_prefix(g.as_str())
                        .is_some_and(|end| matches!(end, "ation" | "ion" | "ment" | "al" | "ance" | "ence"))
            })
            // ("for restoration work": the work is the restoration.)
            || (k == "work" && neg.qualifier_keys.len() > 1)
            || (crate::lexicon::is_chat(k) && !other_channel)
            || (ranges_meet && is_bound_key(k))
            // ("on a day when the track is flooded": every act is on some
            // day, at some time; the case that follows is the guard.)
            || matches!(k.as_str(), "day" | "tim" | "occasion" | "moment")
            // ("fees for any of our services": every service, no case of one.)
            || universal_keys(&neg.object).0.contains(k)
            // ("sell sparklers to any customer who asks" holds customers
            // under 18: people of any age.)
            || (is_bound_key(k)
                && !pos.people_keys.is_empty()
                && neg.people_keys.is_empty()
                // (An age of people, "anyone under 18"; not "dogs over 8 years old".)
                && {
                    let words: Vec<String> = lower_words(&neg.object).collect();
                    words.windows(2).any(|w| {
                        matches!(w[1].as_str(), "under" | "over" | "aged")
                            && (matches!(w[0].as_str(), "anyone" | "anybody" | "someone" | "people")
                                || crate::lexicon::is_people(&crate::lemma::lemma(&w[0])))
                    })
                }
                && {
                    let lower = pos.object.to_lowercase();
                    ["any ", "every ", "all ", "anyone", "everyone"].iter().any(|w| lower.contains(w))
                }
                && !pos.object.bytes().any(|b| b.is_ascii_digit()))
            // ("any day of the week" holds Sundays.)
            || (is_weekday(k) && {
                let lower = pos.object.to_lowercase();
                ["any day", "every day", "all week", "7 days a week", "seven days a week"]
                    .iter()
                    .any(|w| lower.contains(w))
            })
    };
    // "the answer key for the placement test" and "after every practice
    // quiz, show the answer key": the guard names its own case of the
    // thing the qualifier names (a quiz is a test), each with a word of
    // its own before it: another case.
    // (Read last, only for pairs the cheaper tests leave standing.)
    let own_case = || {
        !pos_guards_text.is_empty()
            && neg.qualifier_keys.iter().any(|k| {
                let Some(theirs) = modifier_before(&neg.object, k) else {
                    return false;
                };
                pos_guards_text.iter().any(|text| {
                    lower_words(text).any(|w| {
                        let g = crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(&w)));
                        g != *k
                            && (crate::kinds::hypernym_keys(std::slice::from_ref(&g)).contains(k)
                                || crate::kinds::hypernym_keys(std::slice::from_ref(k)).contains(&g))
                            && modifier_before(text, &g).is_some_and(|ours| ours != theirs)
                    })
                })
            })
    };
    // An obligation about a thing meets a prohibition of a narrower case of
    // it ("confirm the balance", "never state account balances"): the same
    // head, at most one word of the prohibition's that the obligation does
    // not name, and that word not the head.
    if obligation
        && let (Some(hp), Some(hn)) = (head_key(pos), head_key(neg))
        && (hp == hn || crate::lexicon::is_generic_head(&hp) || kinds.contains(&hn))
    {
        // "the price of any unit a customer asks about" holds "the price of
        // climate-controlled units": a universal thing holds its every case.
        // (What follows the universal word, "a customer asks about", only
        // says which ones: the obligation's words, but no case of its own.)
        let (universal, after_universal) = universal_keys(&pos.object);
        let any_case = n.iter().chain(&neg.qualifier_keys).any(|k| universal.contains(k));
        let neg_head = if any_case { head_key(neg) } else { None };
        let missing: Vec<&String> = n
            .iter()
            .filter(|k| !any_case || Some(*k) == neg_head.as_ref() || universal.contains(k))
            .chain(neg.qualifier_keys.iter().filter(|_| !any_case))
            .filter(|k| !within(k) && !kinds.contains(k) && !crate::lexicon::is_generic_head(k))
            .collect();
        // ...and the obligation is the broader: no word of its own in the
        // object ("a third offence" against "a first offence" is another
        // case), nor qualifiers that share nothing with the prohibition's
        // ("in the email" against "in the chat").
        // (A word whose kind the prohibition names is covered: "replies" under "posts".)
        // (A value of an attribute the prohibition leaves open, "the monthly
        // price" against "the price", names the same thing.)
        let open_attribute = |k: &String| {
            crate::lexicon::attribute_value(k).is_some_and(|(attribute, _)| {
                !n.iter()
                    .chain(&neg.qualifier_keys)
                    .any(|w| crate::lexicon::attribute_value(w).is_some_and(|(a, _)| a == attribute))
            })
        };
        let own = p.iter().any(|k| {
            !n.contains(k)
                && !neg.qualifier_keys.contains(k)
                && !crate::lexicon::is_generic_head(k)
                && !open_attribute(k)
                && (!any_case || !after_universal.contains(k))
                && !crate::kinds::hypernym_keys(std::slice::from_ref(k))
                    .iter()
                    .any(|h| n.contains(h))
        }) || (!pos.qualifier_keys.is_empty()
            && !neg.qualifier_keys.is_empty()
            && !pos.qualifier_keys.iter().any(|k| neg.qualifier_keys.contains(k))
            && !any_case);
        // (A generic head, "passport details", holds the prohibition's: "passport numbers".)
        let head_kept = !missing.contains(&&hn) || crate::lexicon::is_generic_head(&hp);
        // ("competitors' rates", "third-party fees": someone else's thing, not
        // a case of the obligation's "the rate we published".)
        let someone_elses_thing = lower_words(&neg.object).any(|w| {
            matches!(
                w.as_str(),
                "competitor"
                    | "competitors"
                    | "competitors'"
                    | "competitor's"
                    | "third-party"
                    | "external"
                    | "rival"
                    | "rivals'"
            )
        });
        if missing.len() <= 1 && !own && head_kept && !someone_elses_thing && n.iter().any(has) {
            return true;
        }
    }
    // A prohibition of the same thing in a case its qualifier names ("do
    // not give ETAs for shipments flagged 'customs hold'") against an
    // obligation about that thing in every case ("give them the current
    // vessel ETA from the carrier feed"): the obligation's own words only
    // say which one it is or where it comes from, so the case the
    // prohibition names is one it covers, an exception it does not declare.
    // ("fees charged by third-party lounges", "numbers of staff": whose
    // thing it is makes it another thing, not another case.)
    // ("for bookings at town branches" and "when a booking is at Exeter
    // Airport": the guard puts the qualifier's thing in another place,
    // after the same preposition.)
    let slot_apart = || {
        let place = |text: &str| -> Option<(String, Vec<String>)> {
            let words: Vec<String> = lower_words(text).collect();
            let at = words.iter().position(|w| matches!(w.as_str(), "at" | "in" | "from"))?;
            let after: Vec<String> = words[at + 1..]
                .iter()
                .filter(|w| !crate::statement::is_stop(w))
                .map(|w| crate::lemma::key(w))
                .collect();
            (!after.is_empty()).then(|| (words[at].clone(), after))
        };
        let Some((prep, theirs)) = place(&neg.object) else {
            return false;
        };
        pos_guards_text.iter().any(|t| {
            place(t).is_some_and(|(p2, ours)| {
                p2 == prep && !ours.iter().any(|k| theirs.contains(k)) && {
                    let g: Vec<String> = lower_words(t).map(|w| crate::lemma::key(&w)).collect();
                    neg.qualifier_keys.iter().any(|k| g.contains(k))
                }
            })
        })
    };
    if obligation && !neg.qualifier_keys.is_empty() {
        let same_thing = match (head_key(pos), head_key(neg)) {
            (Some(hp), Some(hn)) => hp == hn || n.iter().all(|k| p.contains(k)),
            _ => false,
        };
        // ("tickets for other operators' services": someone else's, another
        // thing; so are a competitor's and a third party's.)
        let whose = lower_words(&neg.object).any(|w| {
            matches!(
                w.as_str(),
                "by" | "of" | "other" | "another" | "third-party" | "external" | "competitor" | "competitors"
            ) || w.ends_with("s'")
        });
        // A case drawn by a comparison or a negation ("delivered more than 30
        // days ago", "not yet shipped") may be the other side of the
        // obligation's own case, which this reader cannot tell.
        let compared = compares_or_negates(&neg.object)
            && (compares_or_negates(&pos.object) || pos_guards_text.iter().any(|t| compares_or_negates(t)));
        let object_held = n.iter().all(|k| has(k) || crate::lexicon::is_generic_head(k));
        let missing: Vec<&String> = neg.qualifier_keys.iter().filter(|k| !within(k)).collect();
        // ("tell the customer the price of a helmet" and "never give a price
        // for engine repairs": the positive rule says whose thing it is, and
        // it is another's.)
        // (Only "the <head> of <thing>": "the price of £68" is a figure, and
        // "remind patients of the fee" names no owner.)
        let of_another = || {
            let lower = pos.object.to_lowercase();
            let Some((before, owner)) = lower.split_once(" of ") else {
                return false;
            };
            let head_before = before.rsplit(' ').next().is_some_and(|w| {
                Some(crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(w)))) == head_key(pos)
            });
            head_before
                && lower_words(owner)
                    .filter(|w| !crate::statement::is_stop(w) && !w.bytes().any(|b| b.is_ascii_digit()))
                    .map(|w| crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(&w))))
                    .any(|k| !n.contains(&k) && !neg.qualifier_keys.contains(&k))
        };
        // ("a fee for adding a second driver" and "the late fee": a thing
        // for an act is a kind of its own, and a word of the positive rule's
        // names another kind.)
        let for_an_act = || {
            let words: Vec<String> = lower_words(&neg.object).collect();
            // (A gerund with its own object: "for catering packages" is
            // a noun's.)
            words.windows(3).any(|w| {
                w[0] == "for"
                    && w[1].len() > 4
                    && w[1].ends_with("ing")
                    && matches!(
                        w[2].as_str(),
                        "a" | "an" | "the" | "their" | "your" | "another" | "extra"
                    )
            }) && p
                .iter()
                .any(|k| !n.contains(k) && !crate::lexicon::is_generic_head(k) && !pos_guards.contains(k))
        };
        if same_thing
            && !whose
            && !compared
            && object_held
            && !missing.is_empty()
            && !for_an_act()
            && !slot_apart()
            && case_qualifiers(pos).is_empty()
            && !neg.qualifier_keys.iter().any(|k| crate::lexicon::is_channel(k))
            && !own_case()
            && !of_another()
        {
            return true;
        }
    }
    // "for screenings starting at 5pm or later" and "for screenings that
    // start before 5pm": the positive rule's guard draws the other side of
    // the bound the prohibition's qualifier draws, on the same words.
    let other_side = || {
        compares_or_negates(&neg.object)
            && pos_guards_text.iter().any(|t| {
                compares_or_negates(t)
                    && lower_words(t)
                        .flat_map(|w| crate::statement::word_keys(&crate::lemma::lemma(&w)))
                        .any(|k| neg.qualifier_keys.contains(&k) && !crate::statement::is_stop(&k))
            })
    };
    if holds
        && ((pos.qualifier_keys.is_empty() && p == n) || neg.qualifier_keys.iter().all(within))
        && !own_case()
        && !other_side()
        && !slot_apart()
    {
        return true;
    }
    // The same words in other roles: "reserve the Atrium for a private photo
    // shoot" and "private photo shoots in the Atrium must be booked", "refunds
    // to the original payment method for late orders" and "late orders
    // refunded to the original payment method".
    {
        fn all(a: &crate::statement::Action) -> Vec<&String> {
            a.object_keys
                .iter()
                .chain(&a.qualifier_keys)
                .filter(|k| !crate::statement::is_stop(k))
                .collect()
        }
        let (pa, na) = (all(pos), all(neg));
        if na.len() >= 2
            && na.iter().all(|k| pa.contains(k))
            && neg.object_keys.iter().any(|k| pos.qualifier_keys.contains(k))
            && pos.object_keys.iter().any(|k| neg.qualifier_keys.contains(k))
            && pa.len() <= na.len() + 1
        {
            return true;
        }
    }
    // Lists: a prohibited item that is one of the positive rule's items, or
    // the prohibited object whole as one of them.
    let items = |a: &crate::statement::Action| -> Vec<Vec<String>> {
        if a.object_items.is_empty() {
            vec![a.object_keys.clone()]
        } else {
            a.object_items.clone()
        }
    };
    // (Most pairs have no list: nothing to build.)
    if pos.object_items.is_empty() && neg.object_items.is_empty() {
        return false;
    }
    let (pi, ni) = (items(pos), items(neg));
    // (A prohibition's qualifier that is no channel narrows its object here
    // too: "prices for surgeries" is not among "prices for consultations,
    // vaccinations and microchipping".)
    let narrowed = |k: &String| !crate::lexicon::is_channel(k) && !crate::lexicon::is_chat(k);
    let narrowing: Vec<&String> = if neg.object_items.is_empty() {
        neg.qualifier_keys.iter().filter(|k| narrowed(k)).collect()
    } else {
        Vec::new()
    };
    ni.iter().any(|n| {
        !n.is_empty()
            && pi.iter().any(|p| {
                n.iter().all(|k| p.contains(k))
                    && narrowing.iter().all(|k| {
                        // (The positive rule's guard names the case: "in
                        // account-opening conversations", "when a customer
                        // asks about opening a joint account".)
                        let held = |k: &String| {
                            within(k)
                                || pos_guards_text.iter().any(|t| {
                                    lower_words(t)
                                        .flat_map(|w| crate::statement::word_keys(&crate::lemma::lemma(&w)))
                                        .any(|w| w == *k)
                                })
                        };
                        p.contains(k)
                            || held(k)
                            || k.contains('-') && k.split('-').all(|part| held(&crate::lemma::key(part)))
                    })
            })
    })
}

/// The keys of the things a text names universally: "unit" in "any unit
/// a customer asks about", "request" in "every request".
/// With the keys of the words after the first such thing ("ask" and
/// "customer's" there), which only say which ones.
fn universal_keys(text: &str) -> (Vec<String>, Vec<String>) {
    let words: Vec<String> = lower_words(text).collect();
    let keyed = |w: &String| crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(w)));
    let Some(at) = words
        .windows(2)
        .position(|w| matches!(w[0].as_str(), "any" | "every" | "each" | "all"))
    else {
        return (Vec::new(), Vec::new());
    };
    // ("any of our services": past "of" and a determiner, to the thing.)
    let universal = (at..words.len())
        .filter(|&k| matches!(words[k].as_str(), "any" | "every" | "each" | "all"))
        .filter_map(|k| {
            words[k + 1..].iter().find(|w| {
                !matches!(
                    w.as_str(),
                    "of" | "our" | "the" | "your" | "its" | "their" | "these" | "those"
                )
            })
        })
        .map(keyed)
        .collect();
    let after: Vec<String> = words[at + 2..]
        .iter()
        .flat_map(|w| [keyed(w), format!("{}'s", keyed(w))])
        .collect();
    (universal, after)
}

/// The word just before the first word of `text` keyed `key`, when it is
/// a content word: "placement" in "the answer key for the placement test".
fn modifier_before(text: &str, key: &str) -> Option<String> {
    let words: Vec<String> = lower_words(text).collect();
    let at = words
        .iter()
        .position(|w| crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(w))) == key)?;
    let before = words.get(at.checked_sub(1)?)?;
    // ("if their lease allows animals": a verb before the noun says what
    // is done with it, no kind of it.)
    let third_person_verb = before.len() > 3
        && before.ends_with('s')
        && !before.ends_with("ss")
        && crate::lexicon::is_common_verb(&before[..before.len() - 1]);
    (!crate::statement::is_stop(before)
        && !matches!(before.as_str(), "every" | "each" | "any" | "all")
        && !third_person_verb)
        .then(|| before.clone())
}

/// An action's qualifier keys that name a case of it, not where its thing
/// comes from: "from the carrier feed", "via the portal", "based on the
/// label" say how the assistant gets it.
fn case_qualifiers(a: &crate::statement::Action) -> Vec<String> {
    let mut source: Vec<String> = Vec::new();
    let mut in_source = false;
    for w in lower_words(&a.object) {
        match w.as_str() {
            "from" | "via" | "using" | "through" => in_source = true,
            "of" | "for" | "to" | "in" | "on" | "with" | "at" | "by" | "about" | "during" | "before" | "after" => {
                in_source = false
            }
            _ if in_source => source.push(crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(&w)))),
            _ => {}
        }
    }
    a.qualifier_keys
        .iter()
        .filter(|k| !source.contains(k))
        .cloned()
        .collect()
}

/// The head of an action's object: its last content word before the
/// first preposition ("number" in "the account number for the card"),
/// keyed as object keys are.
fn head_key(a: &crate::statement::Action) -> Option<String> {
    const CUT: &[&str] = &[
        "during", "before", "after", "from", "to", "with", "in", "on", "at", "by", "for", "within", "until", "via",
        "of", "through", "into", "unless", "without", "instead", "under", "about", "behind",
    ];
    let mut head = None;
    for w in a.object.split_whitespace() {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        let w = w.as_str();
        if head.is_some() && CUT.contains(&w) {
            break;
        }
        // (A compound's head is its last part: "filing-status" is a status.)
        let key = crate::statement::word_keys(&crate::lemma::lemma(w))
            .pop()
            .unwrap_or_default();
        if !w.is_empty() && a.object_keys.contains(&key) {
            head = Some(key);
        }
    }
    // "explain why" is read as explaining the reason: its one key is its head.
    match (&head, a.object_keys.as_slice()) {
        (None, [only]) => Some(only.clone()),
        _ => head,
    }
}

/// Whether a condition is an exception ("unless C", "except when C"): the
/// statement applies where C does not hold.
fn is_exception(c: &crate::statement::Condition) -> bool {
    matches!(c.kind.as_str(), "unless" | "except")
}

/// A situation in which two statements both apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    /// The guards that hold in it ("" when both apply unconditionally or
    /// under the same conditions).
    pub when: String,
    /// One statement is guarded and the other is not: the guarded one reads
    /// as an exception the broader statement does not declare.
    pub undeclared_exception: bool,
}

/// A situation in which both statements apply, if the checker can tell
/// there is one:
/// - under the same conditions;
/// - where one's only conditions are exceptions ("unless C") and the other's
///   guards (if any) are not those exceptions: the excepted rule still
///   applies wherever C does not hold, which the other covers. "Always
///   disclose fees when describing a product" and "never mention fees
///   unless the customer asks" meet when a product is described and the
///   customer has not asked; "when the customer asks, mention fees" is the
///   exception itself;
/// - where one is guarded ("when asked") and the other applies everywhere:
///   they meet under the guard, and the guarded one is an exception the
///   other does not state.
///
/// - where both are guarded by guards that share no word: opaque
///   propositions that can hold together ([`overlapping_guards`]).
///
/// Different guards on both sides that share a word are taken to separate
/// the statements ("during probation" and "after probation ends" may
/// exclude each other, which the checker cannot tell).
pub fn situation(a: &Statement, b: &Statement) -> Option<Situation> {
    if same_conditions(a, b) {
        return Some(Situation {
            when: String::new(),
            undeclared_exception: false,
        });
    }
    fn what(c: &crate::statement::Condition) -> &str {
        let rest = c.text.split_once(' ').map_or("", |(_, rest)| rest);
        rest.strip_prefix("when ")
            .or_else(|| rest.strip_prefix("if "))
            .unwrap_or(rest)
    }
    // "Replies to complaints" and "complaint replies": a case a rule's
    // subject names ("for replies to complaints") that the other rule names
    // in its own words is both rules' case, not one's narrower case.
    if a.conditions.iter().chain(&b.conditions).any(|c| c.of_subject) {
        let without_shared = |s: &Statement, other: &Statement| -> Option<Statement> {
            let named = |c: &crate::statement::Condition| {
                c.of_subject && {
                    let own = words_of(what(c));
                    let theirs = words_of(&other.text);
                    !own.is_empty() && own.iter().all(|w| theirs.contains(w))
                }
            };
            s.conditions.iter().any(named).then(|| {
                let mut s = s.clone();
                s.conditions.retain(|c| !named(c));
                s
            })
        };
        match (without_shared(a, b), without_shared(b, a)) {
            (None, None) => {}
            (x, y) => return situation(x.as_ref().unwrap_or(a), y.as_ref().unwrap_or(b)),
        }
    }
    // The exception is the other rule's own case when most of its words are
    // in the other rule ("except where the claim is for a workplace injury"
    // and "for workplace-injury claims, contact the employer").
    // (A figure as a number: "five working days" is "5 working days".)
    fn as_figure(w: &str) -> String {
        match crate::quantity::number(w) {
            Some(n) if !w.bytes().all(|b| b.is_ascii_digit()) && n.fract() == 0.0 => format!("{n}"),
            _ => crate::lemma::key(w),
        }
    }
    fn words_of(text: &str) -> Vec<String> {
        specc_syntax::norm::words(text)
            .into_iter()
            .flat_map(|(_, _, w)| w.to_lowercase().split('-').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty() && !crate::statement::is_stop(w))
            .map(|w| as_figure(&w))
            .collect()
    }
    // A bound the exception draws ("more than five years") that the other
    // rule names word for word is its case: "unless the customer has been
    // with us for more than five years" and "for customers of more than five years".
    fn bound(text: &str) -> Option<String> {
        let words: Vec<String> = lower_words(text).collect();
        words.windows(4).find_map(|w| {
            let compared = matches!(
                (w[0].as_str(), w[1].as_str()),
                ("more" | "less" | "fewer", "than") | ("at", "least" | "most")
            );
            let number = w[2].chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                || crate::quantity::number(&w[2]).is_some();
            (compared && number).then(|| w.join(" "))
        })
    }
    let is_its_case = |e: &crate::statement::Condition, other: &Statement, excepted: &Statement| {
        // ("unless the customer asks about a particular stain": the people
        // and the thing both rules are about tell no case apart.)
        // (Unless nothing else is left: "except to that employee" is about
        // the people.)
        let words: Vec<String> = specc_syntax::norm::words(what(e))
            .into_iter()
            .flat_map(|(_, _, w)| w.to_lowercase().split('-').map(str::to_string).collect::<Vec<_>>())
            // ("unless the student themselves is asking for it": "themselves"
            // only insists on whom.)
            .filter(|w| {
                !w.is_empty()
                    && !crate::statement::is_stop(w)
                    && !matches!(
                        w.as_str(),
                        "themselves" | "himself" | "herself" | "itself" | "yourself" | "yourselves" | "ourselves"
                    )
            })
            .collect();
        let told_apart: Vec<String> = words
            .iter()
            .filter(|w| {
                let l = crate::lemma::lemma(w);
                !crate::lexicon::is_people(&l) && !excepted.action.object_keys.contains(&crate::lemma::key(&l))
            })
            .map(|w| crate::lemma::key(w))
            .collect();
        // ("only if the customer is a member" and "waive the fee for
        // members": an exception about who, naming the people the other rule
        // is for, is that rule's case.)
        if told_apart.is_empty() {
            let named: Vec<String> = words
                .iter()
                .map(|w| crate::lemma::lemma(w).into_owned())
                .filter(|l| {
                    crate::lexicon::is_people(l)
                        && !matches!(
                            l.as_str(),
                            "customer"
                                | "client"
                                | "user"
                                | "person"
                                | "people"
                                | "caller"
                                | "guest"
                                | "visitor"
                                | "someone"
                                | "anyone"
                                | "they"
                                | "them"
                                | "he"
                                | "she"
                                | "you"
                        )
                })
                .map(|l| crate::lemma::key(&l))
                .collect();
            if !named.is_empty() && named.iter().all(|k| other.action.people_keys.contains(k)) {
                return true;
            }
        }
        let wanted: Vec<String> = if told_apart.is_empty() {
            words.iter().map(|w| crate::lemma::key(w)).collect()
        } else {
            told_apart
        };
        let wanted: Vec<String> = wanted
            .into_iter()
            .map(|w| {
                if crate::quantity::number(&w).is_some() {
                    as_figure(&w)
                } else {
                    w
                }
            })
            .collect();
        let there = words_of(&other.text);
        // "without adjuster review" names the exception's words to say it
        // does not hold: the opposite case. (Unless the exception is itself
        // a negation: "except where the CV hasn't been delivered" and "if a
        // CV is not delivered" name one case.)
        let lower: Vec<String> = lower_words(&other.text).collect();
        let negated_exception =
            lower_words(what(e)).any(|w| matches!(w.as_str(), "not" | "no" | "never") || w.ends_with("n't"));
        let denied = !negated_exception
            && lower.iter().enumerate().any(|(i, w)| {
                matches!(w.as_str(), "without" | "no" | "not")
                    && lower[i + 1..]
                        .iter()
                        .take(3)
                        .any(|x| wanted.contains(&crate::lemma::key(x)))
            });
        if denied {
            return false;
        }
        (!wanted.is_empty() && wanted.iter().filter(|w| there.contains(w)).count() * 5 >= wanted.len() * 3)
            || bound(&e.text).is_some_and(|b| lower_words(&other.text).collect::<Vec<_>>().join(" ").contains(&b))
    };
    let one_sided = |other: &Statement, excepted: &Statement| {
        !excepted.conditions.is_empty()
            && excepted.conditions.iter().all(is_exception)
            && !other.conditions.iter().any(is_exception)
            && !excepted.conditions.iter().any(|e| is_its_case(e, other, excepted))
    };
    if let Some((other, excepted)) = if one_sided(a, b) {
        Some((a, b))
    } else if one_sided(b, a) {
        Some((b, a))
    } else {
        None
    } {
        let mut parts: Vec<String> = other.conditions.iter().map(|g| g.text.clone()).collect();
        parts.extend(excepted.conditions.iter().map(|e| format!("not ({})", what(e))));
        return Some(Situation {
            when: parts.join(" and "),
            undeclared_exception: false,
        });
    }
    // Guarded, perhaps with an exception as well ("as soon as an error is
    // found, unless the return is under audit"): it applies under its guards
    // where its exceptions do not hold, and the bare rule applies there too.
    let guarded =
        |g: &Statement, bare: &Statement| bare.conditions.is_empty() && g.conditions.iter().any(|c| !is_exception(c));
    let (g, bare) = if guarded(a, b) {
        (a, b)
    } else if guarded(b, a) {
        (b, a)
    } else {
        return overlapping_guards(a, b);
    };
    if denies_the_peoples_case(bare, g) || names_another_case(bare, g) {
        return None;
    }
    // "Refund Flex fares in full" against "when a passenger on a Basic fare
    // cancels, never refund the fare": the case names another kind of the
    // thing the unguarded rule names ("Basic fare", "Flex fares").
    {
        let pairs = |text: &str| -> Vec<(String, String)> {
            let words: Vec<String> = lower_words(text).collect();
            words
                .windows(2)
                .filter(|w| !crate::statement::is_stop(&w[0]) && !crate::statement::is_stop(&w[1]))
                .map(|w| (w[0].clone(), crate::lemma::key(&crate::lemma::lemma(&w[1]))))
                .collect()
        };
        let bare_kinds: Vec<(String, String)> = pairs(&bare.action.object)
            .into_iter()
            .filter(|(_, h)| bare.action.object_keys.contains(h))
            .collect();
        // (Kinds named as products are: "Flex", "Basic"; "transfer fee"
        // against "transfers tickets" is no kind.)
        let named = |word: &str, text: &str| {
            let mut chars = word.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            text.split(|c: char| !c.is_alphanumeric()).any(|w| w == capital)
        };
        let another_kind = g.conditions.iter().any(|c| {
            pairs(&c.text).iter().any(|(q, h)| {
                bare_kinds
                    .iter()
                    .any(|(bq, bh)| bh == h && bq != q && named(bq, &bare.text) && named(q, &g.text))
            })
        });
        if another_kind {
            return None;
        }
    }
    // "Offer a goodwill credit when a complaint is upheld, unless the
    // customer has already had one in the last 12 months" against "do not
    // offer a goodwill credit to a customer who has had one in the last 12
    // months": the guarded rule's exception is the bare rule's own case.
    if g.conditions.iter().any(|e| is_exception(e) && is_its_case(e, bare, g)) {
        return None;
    }
    // "Never book the function room for wakes" against "every booking
    // request that comes with a deposit must be accepted": the unguarded
    // rule is narrower in what it acts on ("for wakes") while the other is
    // narrower in its case: they cross, neither is the broader, and a
    // request for a wake with a deposit meets both.
    let crosses = !bare.action.qualifier_keys.is_empty() && g.conditions.iter().all(|c| c.of_subject) && {
        let theirs: Vec<String> = lower_words(&g.text).map(|w| crate::lemma::key(&w)).collect();
        bare.action.qualifier_keys.iter().all(|k| !theirs.contains(k))
    };
    Some(Situation {
        when: g
            .conditions
            .iter()
            .map(|c| {
                if is_exception(c) {
                    format!("not ({})", what(c))
                } else {
                    c.text.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" and "),
        undeclared_exception: !crosses,
    })
}

/// Whether an unguarded rule is about people its relative clause picks out
/// ("a caller who can leave the vehicle safely") and the guarded rule's case
/// is the same clause denied ("if a caller cannot leave the vehicle
/// safely"), or the other way round: the rules are about two sets of people.
fn denies_the_peoples_case(bare: &Statement, guarded: &Statement) -> bool {
    let denies = |w: &str| matches!(w, "not" | "no" | "never" | "cannot" | "without") || w.ends_with("n't");
    let content = |words: &[String]| -> Vec<String> {
        words
            .iter()
            .filter(|w| {
                !denies(w) && !crate::statement::is_stop(w) && !matches!(w.as_str(), "can" | "who" | "if" | "when")
            })
            .map(|w| crate::lemma::key(w))
            .collect()
    };
    let words: Vec<String> = lower_words(&bare.text).collect();
    let Some(who) = words.iter().position(|w| w == "who") else {
        return false;
    };
    // The clause runs to the act's infinitive or the sentence's next clause.
    let clause: Vec<String> = words[who + 1..]
        .iter()
        .take_while(|w| !matches!(w.as_str(), "to" | "and" | "but" | "unless" | "if" | "when"))
        .cloned()
        .collect();
    let keys = content(&clause);
    if keys.len() < 2 {
        return false;
    }
    guarded.conditions.iter().any(|c| {
        let case: Vec<String> = lower_words(&c.text).collect();
        let case_keys = content(&case);
        let shared = keys.iter().filter(|k| case_keys.contains(k)).count();
        shared * 5 >= keys.len() * 3 && clause.iter().any(|w| denies(w)) != case.iter().any(|w| denies(w))
    })
}

/// Whether an unguarded rule's own words hold the guarded rule's case with
/// one slot filled otherwise: "ask for a deposit of £50 to confirm a
/// grooming booking" against "to confirm a boarding booking, collect a
/// deposit of £75". The phrase is a case there too, only not a leading one.
fn names_another_case(bare: &Statement, guarded: &Statement) -> bool {
    let words: Vec<String> = lower_words(&bare.text).collect();
    let content = |w: &[String]| -> std::collections::BTreeSet<String> {
        w.iter()
            .filter(|x| !crate::statement::is_stop(x))
            .map(|x| crate::lemma::key(&crate::lemma::lemma(x)))
            .collect()
    };
    guarded.conditions.iter().any(|c| {
        let case: Vec<String> = lower_words(&c.text).collect();
        // ("send the leaflet the day before an extraction" and "before a
        // check-up": one moment of two events.)
        if matches!(case.first().map(String::as_str), Some("before" | "after" | "during"))
            && let Some(at) = words.iter().position(|w| *w == case[0])
        {
            let ours = content(&words[at + 1..words.len().min(at + case.len() + 1)]);
            let theirs = content(&case[1..]);
            if !ours.is_empty() && !theirs.is_empty() && ours.is_disjoint(&theirs) {
                return true;
            }
        }
        if case.len() < 3 {
            return false;
        }
        let Some(at) = words.windows(2).position(|w| w == &case[..2]) else {
            return false;
        };
        let phrase = &words[at + 2..words.len().min(at + case.len())];
        let (ours, theirs) = (content(phrase), content(&case[2..]));
        ours.intersection(&theirs).count() >= 1
            && ours.difference(&theirs).count() == 1
            && theirs.difference(&ours).count() == 1
    })
}

/// Both statements guarded, by guards that say nothing about each other
/// ("for loyalty members" and "for orders shipped internationally", "when
/// stuck for five minutes" and "during a timed quiz"): opaque propositions
/// that can hold together, so the statements meet where both do. Guards
/// that share a word ("during probation" and "after probation ends",
/// "under 18" and "a verified adult user") may exclude each other, which
/// this reader cannot tell: they separate the statements, as do exceptions.
fn overlapping_guards(a: &Statement, b: &Statement) -> Option<Situation> {
    let plain = |s: &Statement| !s.conditions.is_empty() && !s.conditions.iter().any(is_exception);
    if !plain(a) || !plain(b) {
        return None;
    }
    // ("after 9:30pm" and "before 9pm": times no moment meets.)
    if let (Some(x), Some(y)) = (guard_range(a), guard_range(b))
        && x.unit == y.unit
        && !x.meets(&y)
    {
        return None;
    }
    let (wa, wb) = (guard_words(a), guard_words(b));
    // ("for certified divers" and "if the customer has no certification":
    // one stem, "certifi", in two words.)
    let related = |x: &String, y: &String| {
        x == y || (x.len() >= 6 && y.len() >= 6 && x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count() >= 6)
    };
    if wa.is_empty() || wb.is_empty() || (wa.iter().any(|w| wb.iter().any(|v| related(w, v))) && contrast(a, b)) {
        return None;
    }
    // "Between November and March" and "between April and October": two
    // spans of the year (or of the day) that do not meet.
    let spans_apart = || matches!((between_span(a), between_span(b)), (Some(x), Some(y)) if !x.meets(&y));
    if different_events(a, b) || moments_of_two_acts(a, b) || spans_apart() {
        return None;
    }
    // ("... if it is English, Polish or Urdu. For any other language, ...":
    // the rest of the cases named just before.)
    let other = |s: &Statement| {
        s.conditions
            .iter()
            .flat_map(|c| lower_words(&c.text))
            .any(|x| matches!(x.as_str(), "other" | "otherwise"))
    };
    if a.file == b.file && a.line.abs_diff(b.line) <= 2 && other(a) != other(b) {
        return None;
    }
    // "During a graded exam, ..." and "In practice mode, ...": the two
    // sides of one distinction, wherever in the sentences they are named.
    let (ta, tb): (Vec<String>, Vec<String>) = (lower_words(&a.text).collect(), lower_words(&b.text).collect());
    if ta
        .iter()
        .any(|x| tb.iter().any(|y| crate::lexicon::are_opposites(x, y)))
    {
        return None;
    }
    let mut guards: Vec<&str> = Vec::new();
    for c in a.conditions.iter().chain(&b.conditions) {
        // (A guard both rules have is named once.)
        if !guards.contains(&c.text.as_str()) {
            guards.push(&c.text);
        }
    }
    let when = guards.join(" and ");
    Some(Situation {
        when,
        undeclared_exception: false,
    })
}

/// Whether the positive act's object is a narrower case of the ban's: every
/// word of the ban's object (or its kind) is in it, and it has a word of its
/// own ("same-day bookings" under "a booking").
fn narrower_object(pos: &crate::statement::Action, neg: &crate::statement::Action) -> bool {
    let n = &neg.object_keys;
    let p = &pos.object_keys;
    if n.is_empty() || p.is_empty() || pos.any_object {
        return false;
    }
    let kinds = crate::kinds::hypernym_keys(p);
    n.iter().all(|k| p.contains(k) || kinds.contains(k))
        && p.iter()
            .any(|k| !n.contains(k) && !crate::lexicon::is_generic_head(k) && crate::quantity::number(k).is_none())
}

/// The kinds a positive act's object (its keys `keys`) is of: those the
/// lexicon's table gives ("ibuprofen" is a medication), a price for an amount
/// of money told ("the usual figure is about £1,800"), a discount for an
/// amount off ("10% off a second room"), a phone number for a person's
/// number ("the driver's number"). Both the index lookup and `covers` ask.
fn object_kinds(a: &crate::statement::Action, keys: &[String]) -> Vec<String> {
    let mut kinds = crate::kinds::hypernym_keys(keys);
    if tells_an_amount_of_money(a) {
        kinds.push(crate::lemma::key("price"));
    }
    if amount_off(&a.object) {
        kinds.push(crate::lemma::key("discount"));
    }
    // ("the driver's number" is their phone number; "the driver's truck
    // number" is the truck's.)
    if keys.iter().any(|k| k == "number")
        && keys
            .iter()
            .any(|k| k.strip_suffix("'s").is_some_and(crate::lexicon::is_people))
        && keys.iter().all(|k| {
            k == "number"
                || k.ends_with("'s")
                || matches!(k.as_str(), "contact" | "direct" | "personal" | "privat" | "own")
        })
    {
        kinds.push(crate::lemma::key("phone"));
    }
    kinds
}

/// Whether a text names an amount off a price ("10% off", "£5 off").
fn amount_off(text: &str) -> bool {
    // (Asked of every pair compared: most objects have no "off".)
    if !text.contains(" off") {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).any(|w| {
        w[1].trim_matches(|c: char| !c.is_alphanumeric()) == "off"
            && (w[0].ends_with('%') || w[0].starts_with(['£', '$', '€']))
            && w[0].chars().any(|c| c.is_ascii_digit())
    })
}

/// Whether a telling act's object names an amount of money ("tell them the
/// usual figure is about £1,800"): it quotes a price.
fn tells_an_amount_of_money(a: &crate::statement::Action) -> bool {
    a.verbs.iter().any(|v| act_key(v) == act_key("tell"))
        && a.object.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '£' | '$' | '€'));
            w.starts_with(['£', '$', '€']) && w.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        })
}

/// Whether an object word only states a numeric bound ("under", "4",
/// "aged", "and over"), which [`range_of`] reads.
fn is_bound_key(k: &str) -> bool {
    crate::quantity::number(k.trim_start_matches(['$', '€', '£'])).is_some()
        || matches!(
            k,
            "under"
                | "over"
                | "abov"
                | "above"
                | "below"
                | "les"
                | "less"
                | "mor"
                | "more"
                | "than"
                | "least"
                | "most"
                | "up"
                | "ag"
                | "aged"
                | "old"
                | "older"
                | "young"
                | "younger"
                | "year"
                | "fewer"
        )
}

/// A guard's one numeric bound: "over $500", "more than 2 hours", "aged 16
/// or older", "at least 3 nights", "under 18".
#[derive(Debug, PartialEq)]
struct Range {
    /// Values above (or from) the bound, or below (or up to) it.
    above: bool,
    inclusive: bool,
    value: f64,
    /// The word after the number ("hours", "years"), or "" for money and bare numbers.
    unit: String,
}

impl Range {
    /// Whether every value of this range lies in `other` ("under £400"
    /// in "under £500").
    fn within(&self, other: &Range) -> bool {
        self.unit == other.unit
            && self.above == other.above
            && if self.value == other.value {
                other.inclusive || !self.inclusive
            } else {
                (self.value > other.value) == self.above
            }
    }

    /// Whether some value lies in both ranges.
    fn meets(&self, other: &Range) -> bool {
        if self.above == other.above {
            return true;
        }
        let (low, high) = if self.above { (self, other) } else { (other, self) };
        // low: values from low.value up; high: values up to high.value.
        low.value < high.value || (low.value == high.value && low.inclusive && high.inclusive)
    }
}

fn range_of(words: &[String]) -> Option<Range> {
    // ("£1,000", split as "1" and "000": one figure.)
    let joined: Vec<String>;
    let words = if words.windows(2).any(|w| {
        w[1].len() == 3 && w[1].bytes().all(|b| b.is_ascii_digit()) && w[0].bytes().all(|b| b.is_ascii_digit())
    }) {
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for w in words {
            let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
            match out.last_mut() {
                Some(last) if w.len() == 3 && digits(w) && digits(last) => last.push_str(w),
                _ => out.push(w.clone()),
            }
        }
        joined = out;
        &joined[..]
    } else {
        words
    };
    let number = |w: &str| -> Option<f64> {
        let w = w.trim_start_matches(['$', '€', '£']);
        crate::quantity::number(w)
    };
    let unit_after = |i: usize| -> String {
        words
            .get(i + 1)
            .filter(|w| number(w).is_none() && w.chars().all(|c| c.is_alphabetic()))
            .filter(|w| !matches!(w.as_str(), "or" | "and" | "than" | "of" | "in" | "on" | "at" | "for"))
            .map(|w| crate::lemma::lemma(w).into_owned())
            .unwrap_or_default()
    };
    let mut found: Option<Range> = None;
    for (i, w) in words.iter().enumerate() {
        let before = |k: usize| i.checked_sub(k).map(|j| words[j].as_str()).unwrap_or("");
        // A time of day ("6pm", "6:30 pm", "noon"): "after 6pm", "from 6pm",
        // "at 6pm or later" are later; "before 6pm", "until 6pm" earlier.
        if let Some((value, width)) = time_of_day(words, i) {
            let next = |k: usize| words.get(i + width - 1 + k).map(String::as_str).unwrap_or("");
            let bound = match (before(1), next(1), next(2)) {
                ("after", _, _) => Some((true, false)),
                ("from" | "since", _, _) => Some((true, true)),
                ("before", _, _) => Some((false, false)),
                ("until" | "till" | "by", _, _) => Some((false, true)),
                (_, "or" | "and", "later" | "after" | "onwards") | (_, "onwards", _) => Some((true, true)),
                (_, "or" | "and", "earlier" | "before") => Some((false, true)),
                _ => None,
            };
            if let Some((above, inclusive)) = bound {
                if found.is_some() {
                    return None;
                }
                found = Some(Range {
                    above,
                    inclusive,
                    value,
                    unit: "time of day".to_string(),
                });
            }
            continue;
        }
        let Some(value) = number(w) else { continue };
        if matches!(w.as_str(), "a" | "an") {
            continue;
        }
        let after = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
        // The unit may sit between the number and "or older" ("16 years or older").
        let (above, inclusive) = match (before(2), before(1)) {
            ("more" | "greater" | "older", "than") | (_, "over" | "above" | "exceeding" | "exceeds") => (true, false),
            ("less" | "fewer" | "younger", "than") | (_, "under" | "below") => (false, false),
            ("at", "least") => (true, true),
            ("at", "most") | ("up", "to") => (false, true),
            _ => {
                let tail = if after(1) == "or" || after(1) == "and" { 1 } else { 2 };
                match (after(tail), after(tail + 1)) {
                    ("or" | "and", "more" | "older" | "over" | "above" | "later") => (true, true),
                    ("or" | "and", "less" | "younger" | "under" | "below" | "fewer" | "earlier") => (false, true),
                    _ => continue,
                }
            }
        };
        if found.is_some() {
            return None; // two bounds: a range this reader does not join
        }
        found = Some(Range {
            above,
            inclusive,
            value,
            unit: unit_after(i),
        });
    }
    found
}

/// The one bound a statement's guards set, if they set exactly one.
fn guard_range(s: &Statement) -> Option<Range> {
    let mut found = s
        .conditions
        .iter()
        .filter_map(|c| range_of(&lower_words(&c.text).collect::<Vec<_>>()));
    let first = found.next();
    if found.next().is_some() { None } else { first }
}

/// A time of day at `words[i]`, in minutes after midnight, and how many
/// words it takes: "6pm", "6 pm", "6:30pm" (split as "6", "30pm"), "noon";
/// "18:00" only after a word that names a moment ("after 18:00"), as
/// "18.00" may be an amount.
fn time_of_day(words: &[String], i: usize) -> Option<(f64, usize)> {
    let w = words[i].as_str();
    match w {
        "noon" | "midday" => return Some((720.0, 1)),
        "midnight" => return Some((0.0, 1)),
        _ => {}
    }
    let hour_of = |h: &str| h.parse::<u32>().ok().filter(|h| (1..=12).contains(h));
    let clock = |h: u32, m: u32, pm: bool| f64::from((h % 12 + if pm { 12 } else { 0 }) * 60 + m);
    let meridiem = |x: &str| match x {
        "am" | "a" => Some(false),
        "pm" | "p" => Some(true),
        _ => None,
    };
    if let Some(pos) = w.find(|c: char| !c.is_ascii_digit())
        && pos > 0
        && let (Some(h), Some(pm)) = (hour_of(&w[..pos]), meridiem(&w[pos..]))
    {
        return Some((clock(h, 0, pm), 1));
    }
    if !w.bytes().all(|b| b.is_ascii_digit()) || w.len() > 2 {
        return None;
    }
    let next = words.get(i + 1).map(String::as_str).unwrap_or("");
    if let Some(h) = hour_of(w)
        && let Some(pm) = meridiem(next)
    {
        return Some((clock(h, 0, pm), 2));
    }
    // "6:30pm", "6:30 pm", "18:00".
    if next.len() >= 2 && next.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
        let m: u32 = next[..2].parse().ok().filter(|m| *m < 60)?;
        let rest = &next[2..];
        if let (Some(h), Some(pm)) = (hour_of(w), meridiem(rest)) {
            return Some((clock(h, m, pm), 2));
        }
        let after_word = words.get(i + 2).map(String::as_str).unwrap_or("");
        if let (Some(h), Some(pm)) = (hour_of(w), meridiem(after_word))
            && rest.is_empty()
        {
            return Some((clock(h, m, pm), 3));
        }
        let h: u32 = w.parse().ok()?;
        let moment = i > 0
            && matches!(
                words[i - 1].as_str(),
                "after" | "before" | "until" | "from" | "at" | "by" | "since"
            );
        if rest.is_empty() && h < 24 && moment {
            return Some((f64::from(h * 60 + m), 2));
        }
    }
    None
}

/// "When the assistant books a drop-in slot" and "before you change their
/// contact details": the moments of two different acts of the assistant,
/// which name nothing in common, are two situations.
fn moments_of_two_acts(a: &Statement, b: &Statement) -> bool {
    let own_act = |s: &Statement| -> Vec<(String, Vec<String>)> {
        s.conditions
            .iter()
            .filter_map(|c| {
                let words: Vec<String> = lower_words(&c.text).collect();
                let at = ["the assistant", "you"].iter().find_map(|who| {
                    let n = who.split(' ').count();
                    (words.len() > n + 1
                        && matches!(words[0].as_str(), "when" | "before" | "after" | "while" | "whenever")
                        && words[1..=n].join(" ") == *who)
                        .then_some(n + 1)
                })?;
                let verb = crate::lexicon::verb_class(&crate::lemma::lemma(&words[at])).to_string();
                let rest = words[at + 1..]
                    .iter()
                    .filter(|w| !crate::statement::is_stop(w) && !crate::lexicon::is_people(&crate::lemma::lemma(w)))
                    .map(|w| crate::lemma::key(w))
                    .collect();
                Some((verb, rest))
            })
            .collect()
    };
    // ("cancels the booking" and "process any cancellation": one act, as a
    // verb and as its noun; words of one stem are related.)
    let related = |x: &String, y: &String| {
        x == y || (x.len() >= 5 && y.len() >= 5 && x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count() >= 5)
    };
    let (oa, ob) = (own_act(a), own_act(b));
    oa.iter().any(|(va, ra)| {
        ob.iter().any(|(vb, rb)| {
            let (all_a, all_b): (Vec<&String>, Vec<&String>) = (
                ra.iter().chain(std::iter::once(va)).collect(),
                rb.iter().chain(std::iter::once(vb)).collect(),
            );
            va != vb && !ra.is_empty() && !rb.is_empty() && !all_a.iter().any(|x| all_b.iter().any(|y| related(x, y)))
        })
    })
}

/// The days of the week by name, in order.
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months by name, in order.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A span on a wheel: months (0-11, the end month included) or minutes of
/// the day ([`time_of_day`], the end excluded), as `[start, end)` in units
/// of `size`; it may wrap ("November to March", "10pm to 6am").
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    start: u32,
    end: u32,
    size: u32,
}

impl Span {
    /// Whether some point lies in both (spans of one wheel only).
    fn meets(&self, other: &Span) -> bool {
        // Each as one or two plain intervals of the line [0, size).
        let parts = |s: &Span| -> Vec<(u32, u32)> {
            if s.start < s.end {
                vec![(s.start, s.end)]
            } else {
                vec![(s.start, s.size), (0, s.end)]
            }
        };
        self.size == other.size
            && parts(self)
                .iter()
                .any(|a| parts(other).iter().any(|b| a.0 < b.1 && b.0 < a.1))
    }
}

/// A guard's "between X and Y" as a [`Span`]: "between November and
/// March", "between 10pm and 6am", "between midnight and 5am".
fn between_span(s: &Statement) -> Option<Span> {
    s.conditions
        .iter()
        .find_map(|c| span_of_words(&lower_words(&c.text).collect::<Vec<_>>()))
}

/// [`between_span`] of one guard's lowercase words.
fn span_of_words(words: &[String]) -> Option<Span> {
    let at = words.iter().position(|w| w == "between")?;
    let month = |w: &str| MONTHS.iter().position(|m| *m == w);
    if let (Some(from), Some("and"), Some(to)) = (
        words.get(at + 1).and_then(|w| month(w)),
        words.get(at + 2).map(String::as_str),
        words.get(at + 3).and_then(|w| month(w)),
    ) {
        return Some(Span {
            start: from as u32,
            end: (to as u32 + 1) % 12,
            size: 12,
        });
    }
    // (`time_of_day` reads the word at its index: both must be there.)
    if at + 1 >= words.len() {
        return None;
    }
    let (from, width) = time_of_day(words, at + 1)?;
    if words.get(at + 1 + width).map(String::as_str) != Some("and") || at + 2 + width >= words.len() {
        return None;
    }
    let (to, _) = time_of_day(words, at + 2 + width)?;
    Some(Span {
        start: from as u32,
        end: to as u32,
        size: 24 * 60,
    })
}

/// Whether two statements' guards, which share a word, say something that
/// can set them apart: a negation on one side only ("verified" and "not
/// verified", "refundable" and "non-refundable"), two different moments
/// ("during probation", "after probation ends"), comparisons ("under $500",
/// "$500 or more"), different people ("a parent", "a child"), different
/// ordinals ("the first run", "the third"). Guards that share a word and
/// nothing of this ("when a data export is requested", "before exporting
/// any data") are about the same situation.
fn contrast(a: &Statement, b: &Statement) -> bool {
    fn words(s: &Statement) -> Vec<String> {
        s.conditions.iter().flat_map(|c| lower_words(&c.text)).collect()
    }
    fn first_words(s: &Statement) -> Vec<String> {
        s.conditions
            .iter()
            .filter_map(|c| c.text.split_whitespace().next().map(str::to_lowercase))
            .collect()
    }
    // "Before confirming the borrower's identity" and "when a verified
    // borrower asks": before a check and after it passed.
    let unchecked = |s: &Statement| {
        let w = words(s);
        w.iter().any(|x| matches!(x.as_str(), "before" | "until" | "without"))
            && w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "confirming" | "verifying" | "checking" | "confirm" | "verify" | "check" | "authenticating"
                )
            })
            && w.iter().any(|x| matches!(x.as_str(), "identity" | "id"))
    };
    let checked = |s: &Statement| {
        let w = words(s);
        w.iter()
            .any(|x| matches!(x.as_str(), "verified" | "identified" | "authenticated"))
            && !w
                .iter()
                .any(|x| matches!(x.as_str(), "not" | "unverified") || x.ends_with("n't"))
    };
    if unchecked(a) && checked(b) || unchecked(b) && checked(a) {
        return true;
    }

    // "Before 1 August" and "from 1 August": one moment, the two sides of it.
    let moment = |s: &Statement, openers: &[&str]| -> Vec<String> {
        s.conditions
            .iter()
            .filter_map(|c| {
                let (w, rest) = c.text.split_once(' ')?;
                openers.contains(&w).then(|| rest.trim().to_string())
            })
            .collect()
    };
    let sides = |x: &Statement, y: &Statement| {
        let before = moment(x, &["before", "until"]);
        !before.is_empty()
            && moment(y, &["from", "after", "since"])
                .iter()
                .any(|t| before.contains(t))
    };
    if sides(a, b) || sides(b, a) {
        return true;
    }

    let (wa, wb) = (words(a), words(b));
    let negated = |w: &[String]| {
        w.iter().any(|x| {
            matches!(
                x.as_str(),
                "not" | "no" | "never" | "without" | "none" | "neither" | "nor"
            ) || x.ends_with("n't")
                || x.starts_with("non-")
        })
    };
    // "verified" against "unverified", "paid" against "unpaid".
    let prefixed = |x: &[String], y: &[String]| {
        x.iter().any(|w| {
            ["un", "in", "dis", "non"].iter().any(|p| {
                w.strip_prefix(p)
                    .is_some_and(|rest| rest.len() > 2 && y.iter().any(|v| v == rest))
            })
        })
    };
    if negated(&wa) != negated(&wb) || prefixed(&wa, &wb) || prefixed(&wb, &wa) {
        return true;
    }
    if wa
        .iter()
        .any(|x| wb.iter().any(|y| crate::lexicon::are_opposites(x, y)))
    {
        return true;
    }
    // One bound each on one measure ("more than 2 hours late", "less than
    // 3 hours late"; "over $200", "over $500"): they set the cases apart only
    // if no value meets both, whatever else the two guards share.
    // (Each guard read on its own: the word after a number is no unit
    // when it opens the next guard.)
    if let (Some(a), Some(b)) = (guard_range(a), guard_range(b))
        && a.unit == b.unit
    {
        return !a.meets(&b);
    }
    // One frame, one slot filled two ways ("the user writes in French" and
    // "in German", "the order arrived damaged" and "intact"): two values of
    // one property.
    let content = |w: &[String]| -> std::collections::BTreeSet<String> {
        w.iter()
            .filter(|x| {
                !crate::statement::is_stop(x)
                    && x.chars().count() > 1
                    // (The words that open a guard are no slot of it.)
                    && !matches!(
                        x.as_str(),
                        "only" | "when" | "if" | "whenever" | "before" | "after" | "during" | "while" | "until" | "once"
                    )
            })
            .map(|x| {
                // "confirming a booking" and "booking confirmation" fill no slot two ways.
                let l = crate::lemma::lemma(x);
                let root = ["ation", "ion", "ment"]
                    .iter()
                    .find_map(|end| l.strip_suffix(end).filter(|r| r.len() >= 4))
                    .unwrap_or(&l);
                crate::lemma::key(root)
            })
            // (Who is named is compared below: "a customer orders" fills
            // no slot that "before accepting an order" fills otherwise.)
            .filter(|k| !crate::lexicon::is_people(k))
            .collect()
    };
    // (Guard by guard: "whenever it books an appointment" against "for
    // returning clients" and "when booking" fills no slot two ways.)
    // ("for customers in the UK" and "for customers in France": a scope on
    // the same people fills its slot two ways; its people are part of it.)
    let guard_content = |s: &Statement| -> Vec<std::collections::BTreeSet<String>> {
        s.conditions
            .iter()
            .map(|c| {
                let words: Vec<String> = lower_words(&c.text).collect();
                let mut set = content(&words);
                if c.kind == "for" {
                    set.extend(
                        words
                            .iter()
                            .map(|w| crate::lemma::key(&crate::lemma::lemma(w)))
                            .filter(|k| crate::lexicon::is_people(k)),
                    );
                }
                set
            })
            .collect()
    };
    let (ga, gb) = (guard_content(a), guard_content(b));
    if ga.iter().any(|ca| {
        gb.iter().any(|cb| {
            let (only_a, only_b) = (ca.difference(cb).count(), cb.difference(ca).count());
            ca.intersection(cb).count() >= 1 && only_a == 1 && only_b == 1
        })
    }) {
        return true;
    }
    // ("if the resident is a council tenant" and "if the resident is a
    // private tenant": one frame about the same people, one word each.)
    let whole = |s: &Statement| -> Vec<std::collections::BTreeSet<String>> {
        s.conditions
            .iter()
            .map(|c| {
                lower_words(&c.text)
                    .filter(|x| {
                        !crate::statement::is_stop(x)
                            && !matches!(
                                x.as_str(),
                                "if" | "when"
                                    | "whenever"
                                    | "where"
                                    | "while"
                                    | "only"
                                    | "before"
                                    | "after"
                                    | "once"
                                    | "until"
                                    | "during"
                                    | "assistant"
                                    | "we"
                                    | "you"
                            )
                    })
                    .map(|x| crate::lemma::key(&crate::lemma::lemma(&x)))
                    .collect()
            })
            .collect()
    };
    let (xa, xb) = (whole(a), whole(b));
    // (Two words, not two acts: "books an appointment" and "an appointment
    // is confirmed" are one case told twice.)
    let one_word = |x: &std::collections::BTreeSet<String>, y: &std::collections::BTreeSet<String>| {
        let only: Vec<&String> = x.difference(y).collect();
        only.len() == 1 && !crate::lemma::is_common_verb(only[0])
    };
    if xa.iter().any(|ca| {
        xb.iter()
            .any(|cb| ca.intersection(cb).count() >= 2 && one_word(ca, cb) && one_word(cb, ca))
    }) {
        return true;
    }
    if different_events(a, b) {
        return true;
    }
    const MOMENTS: &[&str] = &["before", "after", "once", "until", "during", "while", "since", "within"];
    // (The moments only: "during a timed quiz" and "during a timed quiz,
    // when the child asks" name one moment, the second with a case more.)
    let moments = |s: &Statement| -> Vec<String> {
        let mut m: Vec<String> = first_words(s)
            .into_iter()
            .filter(|x| MOMENTS.contains(&x.as_str()))
            .collect();
        m.sort();
        m.dedup();
        m
    };
    let (fa, fb) = (moments(a), moments(b));
    if !fa.is_empty() && !fb.is_empty() && fa != fb {
        return true;
    }
    const COMPARING: &[&str] = &[
        "under", "over", "less", "more", "fewer", "above", "below", "least", "most", "younger", "older", "exceeds",
        "exceed",
    ];
    let compares = |w: &[String]| w.iter().any(|x| COMPARING.contains(&x.as_str()));
    if compares(&wa) && compares(&wb) {
        return true;
    }
    let numbers = |w: &[String]| -> Vec<String> {
        w.iter()
            .filter(|x| x.chars().all(|c| c.is_ascii_digit()))
            .cloned()
            .collect()
    };
    let (na, nb) = (numbers(&wa), numbers(&wb));
    if !na.is_empty() && !nb.is_empty() && na != nb {
        return true;
    }
    // ("when the resident asks to speak to a person during opening hours"
    // and "outside opening hours": in and out of one span.)
    let span_after = |w: &[String], words: &[&str]| -> Vec<String> {
        w.iter()
            .position(|x| words.contains(&x.as_str()))
            .map(|at| {
                w[at + 1..]
                    .iter()
                    .filter(|x| !crate::statement::is_stop(x))
                    .take(3)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let (out_a, out_b) = (span_after(&wa, &["outside"]), span_after(&wb, &["outside"]));
    let (in_a, in_b) = (
        span_after(&wa, &["during", "within", "inside"]),
        span_after(&wb, &["during", "within", "inside"]),
    );
    if (!out_a.is_empty() && in_b.iter().any(|x| out_a.contains(x)))
        || (!out_b.is_empty() && in_a.iter().any(|x| out_b.contains(x)))
    {
        return true;
    }
    // "when the customer asks within 14 days of the return" and "after 14
    // days from the return date": a window and the time past it, wherever in
    // the guard the window is named.
    let window = |w: &[String]| w.iter().any(|x| x == "within");
    let past = |w: &[String]| {
        w.iter()
            .any(|x| matches!(x.as_str(), "after" | "once" | "beyond" | "outside" | "later"))
    };
    if !na.is_empty() && na == nb && ((window(&wa) && past(&wb)) || (window(&wb) && past(&wa))) {
        return true;
    }
    let people = |w: &[String]| -> Vec<String> {
        let mut p: Vec<String> = w
            .iter()
            .map(|x| crate::lemma::lemma(x).into_owned())
            .filter(|l| crate::lexicon::is_people(l) && !matches!(l.as_str(), "them" | "him" | "her" | "us" | "me"))
            .collect();
        p.sort();
        p.dedup();
        p
    };
    // "a parent" and "a child": each names someone the other does not ("the
    // user is on the Starter plan" and "the user asks about their employees"
    // name the same user).
    let (pa, pb) = (people(&wa), people(&wb));
    if pa.iter().any(|x| !pb.contains(x)) && pb.iter().any(|x| !pa.contains(x)) {
        return true;
    }
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "last", "initial", "repeat",
    ];
    let ordinal =
        |w: &[String]| -> Vec<String> { w.iter().filter(|x| ORDINALS.contains(&x.as_str())).cloned().collect() };
    let (oa, ob) = (ordinal(&wa), ordinal(&wb));
    (!oa.is_empty() || !ob.is_empty()) && oa != ob
}

/// Whether two guards name one moment of two different events ("before a
/// check-up" and "the day before an extraction", "when booking an NHS
/// check-up" and "when booking a private implant consultation").
fn different_events(a: &Statement, b: &Statement) -> bool {
    // ("before a check-up" and "the day before an extraction", "when
    // booking an NHS check-up" and "when booking a private implant
    // consultation": one moment of two different events.)
    let event = |c: &crate::statement::Condition| -> Option<(String, std::collections::BTreeSet<String>)> {
        let words: Vec<String> = lower_words(&c.text).collect();
        let at = words
            .iter()
            .position(|w| matches!(w.as_str(), "before" | "after" | "during" | "when" | "while"))?;
        let mut frame = words[at].clone();
        let mut rest = &words[at + 1..];
        // ("when booking ...": the gerund is part of the frame.)
        if let Some(first) = rest.first()
            && first.ends_with("ing")
            && first.len() > 4
        {
            frame = format!("{frame} {first}");
            rest = &rest[1..];
        } else if !matches!(words[at].as_str(), "before" | "after" | "during") {
            return None;
        }
        let content: std::collections::BTreeSet<String> = rest
            .iter()
            .filter(|w| !crate::statement::is_stop(w) && !crate::lexicon::is_people(&crate::lemma::lemma(w)))
            .map(|w| crate::lemma::key(w))
            .collect();
        (!content.is_empty()).then_some((frame, content))
    };
    a.conditions.iter().filter_map(event).any(|(fa, ca)| {
        b.conditions
            .iter()
            .filter_map(event)
            .any(|(fb, cb)| fa == fb && ca.is_disjoint(&cb))
    })
}

fn same_conditions(a: &Statement, b: &Statement) -> bool {
    fn set(s: &Statement) -> Vec<&str> {
        let mut v: Vec<&str> = s.conditions.iter().map(|c| c.text.as_str()).collect();
        v.sort();
        v.dedup();
        v
    }
    set(a) == set(b)
}

/// What makes two statements the same rule said twice in one place.
#[derive(Hash, PartialEq, Eq)]
struct Signature<'a> {
    package: usize,
    file: u32,
    modality: Modality,
    actor: crate::statement::Actor,
    subject: Option<&'a str>,
    verbs: &'a [String],
    objects: &'a [String],
    /// ("by email" and "by SMS only" are two rules, not one repeated.)
    qualifiers: &'a [String],
    tags: &'a [String],
    authority: &'a str,
    section: &'a str,
    conditions: Vec<&'a str>,
}

/// Every contradicting pair that involves the project itself (pairs inside one
/// dependency are that dependency's business), classified.
///
/// The work is bounded for a hostile input (a paragraph of thousands of
/// rules): statements that say the same thing in the same place of the chain
/// of command are compared once, as one, and a positive statement is compared
/// only with the prohibitions of its verb whose object words it could hold.
pub fn conflicts(ws: &Workspace, statements: &[Statement]) -> Vec<Conflict> {
    let levels = Levels::of(ws);
    let verb_keys: Vec<Vec<String>> = statements.par_iter().map(act_keys).collect();
    // Identical statements (a rule repeated) stand for each other.
    let signature = |i: usize| {
        let s = &statements[i];
        Signature {
            package: s.package,
            file: s.file.0,
            modality: s.modality,
            actor: s.actor,
            subject: s.action.subject.as_deref(),
            verbs: &verb_keys[i],
            objects: &s.action.object_keys,
            qualifiers: &s.action.qualifier_keys,
            tags: &s.tags,
            authority: &s.authority,
            section: &s.section,
            conditions: s.conditions.iter().map(|c| c.text.as_str()).collect(),
        }
    };
    // (Hashed on the pool: the signatures are many words each; only equal
    // hashes are compared whole.)
    let hashes: Vec<u64> = (0..statements.len())
        .into_par_iter()
        .map(|i| {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one(signature(i))
        })
        .collect();
    let mut first_of: HashMap<u64, Vec<usize>> = HashMap::default();
    let mut representative = Vec::with_capacity(statements.len());
    for (i, h) in hashes.iter().enumerate() {
        let same = first_of.entry(*h).or_default();
        match same.iter().find(|&&j| signature(j) == signature(i)) {
            Some(&j) => representative.push(j),
            None => {
                same.push(i);
                representative.push(i);
            }
        }
    }
    // Prohibitions by (actor, act, object word): objects that can name the
    // same thing share a word (or both have none, the word "").
    let mut prohibitions: HashMap<(crate::statement::Actor, &str, &str), Vec<usize>> = HashMap::default();
    for (i, s) in statements.iter().enumerate() {
        if s.modality == Modality::Prohibition && representative[i] == i {
            // ("enrol children under 5 in the pottery class": an object that
            // is only a bound is found by what its qualifiers name too.)
            let only_a_bound = !s.action.object_keys.is_empty() && s.action.object_keys.iter().all(|k| is_bound_key(k));
            let qualifiers = s
                .action
                .qualifier_keys
                .iter()
                .map(String::as_str)
                .filter(|_| only_a_bound);
            for w in object_words(s).into_iter().chain(qualifiers) {
                for v in &verb_keys[i] {
                    prohibitions.entry((s.actor, v.as_str(), w)).or_default().push(i);
                }
            }
            // ("never provide a diagnosis": the act on anything, found by every object.)
            if s.action.any_object {
                for v in &verb_keys[i] {
                    prohibitions
                        .entry((s.actor, v.as_str(), ANY_OBJECT))
                        .or_default()
                        .push(i);
                }
            }
        }
    }
    // One attribute with two values is read on one of the pool's threads
    // while the opposite acts and quoted words are read on the other (the
    // results merge in the same order either way; the two sides take about
    // as long).
    let ((mut out, quoted), values) = rayon::join(
        || {
            (
                opposite_acts(ws, &levels, statements, &representative, &verb_keys, &prohibitions),
                quoted_words(ws, &levels, statements, &representative),
            )
        },
        || two_values(ws, &levels, statements, &representative, &verb_keys),
    );
    out.extend(values);
    for c in quoted {
        if !out
            .iter()
            .any(|o| (o.winner, o.loser) == (c.winner, c.loser) || (o.winner, o.loser) == (c.loser, c.winner))
        {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.loser, c.winner));
    // One finding per pair of sentences: a sentence read as two statements
    // ("waive the fee" is also "do not charge it") meets the other once.
    let sentence = |i: usize| (statements[i].file, statements[i].span.start, statements[i].span.end);
    let mut reported = HashSet::default();
    out.retain(|c| {
        let (a, b) = (sentence(c.winner), sentence(c.loser));
        reported.insert((a.min(b), a.max(b)))
    });
    out
}

/// How the broader rule would declare the narrower one's case: "unless the
/// customer asks" for "when the customer asks", "except at the end of every
/// conversation" for a case that is no clause ("at the end of ...", "for
/// members under 18", "during probation").
/// A lowercased text with each word that its rules write with a capital
/// inside a sentence (a name: "Exeter", "English", "UK") written so again.
pub fn as_written(text: &str, sentences: &[&str]) -> String {
    let mut names: Vec<(String, &str)> = Vec::new();
    let mut lowercase: Vec<&str> = Vec::new();
    // Names of two words ("Student Hub"), whose first word the rules may
    // also write in lowercase ("a student").
    let mut pairs: Vec<(String, String)> = Vec::new();
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase()) && w != "I";
    for sentence in sentences {
        let words: Vec<&str> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        // (Not the sentence's first word: "Outside Student Hub hours".)
        for w in words.windows(2).skip(1) {
            if capital(w[0]) && capital(w[1]) {
                let written = format!("{} {}", w[0], w[1]);
                pairs.push((written.to_lowercase(), written));
            }
        }
        let mut first = true;
        for word in sentence.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
            if word.is_empty() {
                continue;
            }
            if !first && word.chars().any(char::is_uppercase) && word != "I" {
                names.push((word.to_lowercase(), word));
            } else if !first {
                lowercase.push(word);
            }
            first = false;
        }
    }
    // (A name is written so wherever it appears: "a smell of gas" keeps
    // its "gas" though "Gas Safe" has a capital.)
    names.retain(|(lower, _)| !lowercase.contains(&lower.as_str()));
    let text = if pairs.is_empty() {
        text.to_string()
    } else {
        let mut text = text.to_string();
        for (lower, written) in &pairs {
            // (Whole words only: "student hub" in "outside student hub hours".)
            let mut from = 0;
            while let Some(at) = text[from..].find(lower.as_str()).map(|k| k + from) {
                let end = at + lower.len();
                let bounded = |i: usize, before: bool| {
                    let c = if before {
                        text[..i].chars().next_back()
                    } else {
                        text[i..].chars().next()
                    };
                    c.is_none_or(|c| !c.is_alphanumeric())
                };
                // (A capital may take other bytes than its lowercase: go on
                // past what was written.)
                from = if bounded(at, true) && bounded(end, false) {
                    text.replace_range(at..end, written);
                    at + written.len()
                } else {
                    end
                };
            }
        }
        text
    };
    let text = text.as_str();
    if names.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match names.iter().find(|(lower, _)| lower == word) {
            Some((_, as_written)) => out.push_str(as_written),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The object with what the act as written says after it ("a 10% discount
/// to patients who complain about waiting times", where the object stops at
/// "patients"): a fix that quoted less would widen the exception.
fn object_as_written(s: &Statement) -> String {
    let object = s.action.object.as_str();
    match &s.action.written {
        Some(written) if !object.is_empty() => match written.find(object) {
            Some(at) => written[at..].to_string(),
            None => object.to_string(),
        },
        _ => object.to_string(),
    }
}

/// Whether an object says "language" of a tongue ("in the customer's
/// language") rather than of a register ("in plain language", "simple
/// language"), which says nothing about English or Welsh; and not only as a
/// name ("Language Line").
fn names_a_language(object: &str) -> bool {
    let words: Vec<&str> = object
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "language" | "languages")
            && !i.checked_sub(1).is_some_and(|j| {
                matches!(
                    words[j],
                    "plain"
                        | "simple"
                        | "clear"
                        | "everyday"
                        | "accessible"
                        | "non-technical"
                        | "lay"
                        | "technical"
                        | "formal"
                        | "informal"
                        | "professional"
                        | "respectful"
                        | "inclusive"
                        | "neutral"
                        | "friendly"
                        | "easy"
                        | "age-appropriate"
                        | "jargon-free"
                        | "offensive"
                        | "abusive"
                        | "strong"
                        | "bad"
                        | "foul"
                        | "crude"
                        | "body"
                        | "programming"
                        | "legal"
                        | "medical"
                )
            })
    })
}

fn exception_clause(narrower: &Statement) -> String {
    fn clause(c: &crate::statement::Condition) -> Option<&str> {
        let (first, rest) = c.text.split_once(' ').unwrap_or((c.text.as_str(), ""));
        matches!(first, "when" | "if" | "whenever").then_some(rest)
    }
    // ("by default" says the rule yields; it names no case to write in.)
    let cases: Vec<&crate::statement::Condition> = narrower
        .conditions
        .iter()
        .filter(|c| !c.text.starts_with("by default"))
        .collect();
    if cases.is_empty() {
        return format!("except {}", object_as_written(narrower));
    }
    match cases.iter().map(|c| clause(c)).collect::<Option<Vec<&str>>>() {
        Some(rests) if !rests.is_empty() => format!("unless {}", rests.join(" and ")),
        _ => format!(
            "except {}",
            cases.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" and ")
        ),
    }
}

/// The key prohibitions of an act on anything are also found by (no word is empty).
const ANY_OBJECT: &str = " any";

/// The words an object can be found by: its content words and list items
/// (or "" when it has none).
fn object_words(s: &Statement) -> Vec<&str> {
    if s.action.object_keys.is_empty() && s.action.object_items.is_empty() {
        vec![""]
    } else {
        let mut w: Vec<&str> = s
            .action
            .object_keys
            .iter()
            .chain(s.action.object_items.iter().flatten())
            .map(String::as_str)
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    }
}

/// Obligations and permissions against the prohibitions of the same act on
/// the same thing (found through `prohibitions`, by actor, act and object word).
fn opposite_acts(
    ws: &Workspace,
    levels: &Levels,
    statements: &[Statement],
    representative: &[usize],
    verb_keys: &[Vec<String>],
    prohibitions: &HashMap<(crate::statement::Actor, &str, &str), Vec<usize>>,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    let telling = act_key("tell");
    for (p, pos) in statements.iter().enumerate() {
        if pos.modality == Modality::Prohibition || representative[p] != p {
            continue;
        }
        // A prohibition of the kind ("any medication") is found through it too.
        let kinds = object_kinds(&pos.action, &pos.action.object_keys);
        // What a telling act is about is in its qualifiers too (see `covers`).
        let about: &[String] = if verb_keys[p].contains(&telling) {
            &pos.action.qualifier_keys
        } else {
            &[]
        };
        // A prohibition of the act on anything ("never provide a diagnosis")
        // is found by its empty object; an act on anything ("give a likely
        // diagnosis") meets every prohibition of the act.
        let any: Vec<&str> = if pos.action.any_object {
            prohibitions
                .keys()
                .filter(|(actor, v, _)| *actor == pos.actor && verb_keys[p].iter().any(|k| k == v))
                .map(|(_, _, w)| *w)
                .collect()
        } else {
            Vec::new()
        };
        // (An act on people alone, "notify drivers when their balance
        // drops", is found by what its case names; see `covers`.)
        let case: Vec<String> = if pos.action.object_keys.is_empty() && !pos.conditions.is_empty() {
            guard_words(pos)
        } else {
            Vec::new()
        };
        // (Its qualifiers too: the same words may be the other rule's
        // object, "photo shoots in the Atrium" and "reserve the Atrium".)
        for least in object_words(pos)
            .into_iter()
            .chain(kinds.iter().map(String::as_str))
            .chain(about.iter().map(String::as_str))
            .chain(case.iter().map(String::as_str))
            .chain(pos.action.qualifier_keys.iter().map(String::as_str))
            .chain(std::iter::once(ANY_OBJECT))
            .chain(any)
        {
            for v in &verb_keys[p] {
                let Some(cands) = prohibitions.get(&(pos.actor, v.as_str(), least)) else {
                    continue;
                };
                for &n in cands {
                    let neg = &statements[n];
                    if (pos.package != 0 && neg.package != 0) || !seen.insert((p, n)) {
                        continue;
                    }
                    // A repeated rule may be in another sentence than its first copy.
                    let Some((p, n)) = apart(statements, representative, p, n) else {
                        continue;
                    };
                    if contradicts_by(&statements[p], &statements[n], &verb_keys[p], &verb_keys[n])
                        && let Some(c) = classify(ws, levels, statements, p, n)
                    {
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

/// The words that say what a statement is about, for one attribute with
/// two values: its object's and subject's content words, and with
/// `guards`, its conditions' and qualifiers' (where a bound's topic often
/// is: "wait 48 hours before replying to a customer email").
fn topic(s: &Statement, qualifiers: bool, guards: bool) -> Vec<String> {
    let mut text: Vec<&str> = vec![s.action.subject.as_deref().unwrap_or("")];
    if guards {
        text.extend(s.conditions.iter().map(|c| c.text.as_str()));
    }
    let mut words: Vec<String> = text
        .iter()
        .flat_map(|t| lower_words(t))
        .filter(|w| !crate::statement::is_stop(w))
        .map(|w| crate::lemma::lemma(&w).into_owned())
        .filter(|l| !crate::lexicon::is_people(l))
        .map(|l| crate::lemma::key(crate::lexicon::noun_class(&l)))
        .collect();
    words.extend(s.action.object_keys.iter().cloned());
    if qualifiers {
        words.extend(s.action.qualifier_keys.iter().cloned());
    }
    words.retain(|w| {
        crate::lexicon::attribute_value(w).is_none()
            && !w.chars().all(|c| c.is_ascii_digit())
            && !crate::statement::is_money(w)
            && !crate::quantity::is_unit_key(w)
            && !matches!(
                w.as_str(),
                "least"
                    | "under"
                    | "within"
                    | "most"
                    | "long"
                    | "longer"
                    | "than"
                    | "no"
                    | "up"
                    | "over"
                    | "minimum"
                    | "maximum"
                    | "exceed"
                    | "mor"
                    | "les"
                    | "fewer"
                    // ("answer in fewer than 150 words": the lemma of "fewer".)
                    | "few"
                    | "word"
                    | "minut"
                    | "hour"
                    | "day"
                    | "week"
                    // (The attribute's own name: "a warm tone", "a neutral tone".)
                    | "ton"
                    | "voic"
                    | "styl"
            )
    });
    words.sort();
    words.dedup();
    words
}

/// One attribute, two values: two obligations that fix one attribute of
/// the same thing to different values ("answer in the customer's language"
/// and "always reply in English"; "indent with four spaces" and "use tabs
/// for indentation"), or bound one quantity of it so that no value meets
/// both ("under 100 words" and "at least 300 words"). The same thing: the
/// same act, or objects or subjects that share a word, or one that names
/// nothing else. Bounded: only statements that name a value take part,
/// grouped by actor and attribute, at most a few hundred to a group.
/// The channel a rule sends by ("by email", "via SMS", "by text
/// message"), and whether it says that channel is the only one.
fn channel_of(text: &str) -> Option<(&'static str, bool)> {
    // (Runs for every obligation: no words are split unless "by" or "via" is there.)
    type Finder = std::sync::LazyLock<memchr::memmem::Finder<'static>>;
    static BY: Finder = Finder::new(|| memchr::memmem::Finder::new(b"by "));
    static BY_CAPITAL: Finder = Finder::new(|| memchr::memmem::Finder::new(b"By "));
    static VIA: Finder = Finder::new(|| memchr::memmem::Finder::new(b"via "));
    let bytes = text.as_bytes();
    let finder = |f: &'static Finder| {
        f.find_iter(bytes)
            .filter(|&at| at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            .map(move |at| at + f.needle().len())
    };
    let channel = finder(&BY)
        .chain(finder(&BY_CAPITAL))
        .chain(finder(&VIA))
        .find_map(|end| {
            let word: String = text[end..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .flat_map(char::to_lowercase)
                .collect();
            match word.as_str() {
                "email" | "e-mail" => Some("email"),
                "sms" | "text" => Some("SMS"),
                "letter" | "post" => Some("post"),
                "phone" | "telephone" => Some("phone"),
                "whatsapp" => Some("WhatsApp"),
                _ => None,
            }
        })?;
    let only = lower_words(text).any(|w| matches!(w.as_str(), "only" | "exclusively"));
    Some((channel, only))
}

fn two_values(
    ws: &Workspace,
    levels: &Levels,
    st: &[Statement],
    representative: &[usize],
    verb_keys: &[Vec<String>],
) -> Vec<Conflict> {
    enum Value {
        Named(&'static str),
        Bounds(Vec<crate::quantity::Bound>),
        /// The channel an act goes by, and whether the rule says it is the
        /// only one ("by SMS only"): two channels of one act are both kept
        /// unless one rule rules the other out.
        Channel(&'static str, bool),
        /// The unit of measure figures are given in.
        Unit(&'static str),
        /// How long before an event a message goes out.
        Lead(crate::quantity::LeadTime),
    }
    type Group = HashMap<(crate::statement::Actor, &'static str), Vec<(usize, Value, Vec<String>)>>;
    let mut groups: Group = HashMap::default();
    // The values each rule of a named attribute gives together ("in Welsh and English").
    let mut runs: HashMap<usize, ValueRun> = HashMap::default();
    for (i, s) in st.iter().enumerate() {
        if representative[i] != i {
            continue;
        }
        let exceed = s.modality == Modality::Prohibition && s.action.verbs.iter().any(|v| v == "exceed");
        // "Prices must not be quoted in anything other than euros": in euros
        // only, a value as an obligation sets it.
        let other_than = s.modality == Modality::Prohibition && s.action.object.contains(" other than ");
        if s.modality != Modality::Obligation && !exceed && !other_than {
            continue;
        }
        let words: Vec<&str> = s
            .action
            .object_keys
            .iter()
            .chain(&s.action.qualifier_keys)
            .map(String::as_str)
            .collect();
        if (s.modality == Modality::Obligation || other_than)
            && let Some((attribute, value)) = words.iter().find_map(|w| crate::lexicon::attribute_value(w))
            // ("offer a phone call with an interpreter through Language Line":
            // a name, not whose language a reply is in.)
            && (value != "languag" || names_a_language(&s.action.object))
            // "neutral, factual information" is not a tone; "a neutral tone" is.
            // ("Keep it formal", "keep things casual": the tone of what is said.)
            // ("All correspondence must be formal": what it writes, being so.)
            && (attribute != "tone" || {
                let lower = s.text.to_lowercase();
                lower.contains(" tone")
                    || lower.contains("keep it ")
                    || lower.contains("keep things ")
                    || (s.action.verbs.iter().all(|v| v == "be")
                        && s.action.object_keys.iter().all(|k| crate::lexicon::attribute_value(k).is_some()))
            })
        {
            let group = groups.entry((s.actor, attribute)).or_default();
            if group.len() < 256 {
                let mut run = value_run(&s.text, attribute).unwrap_or(ValueRun {
                    values: vec![value],
                    all: false,
                    only: false,
                });
                run.only |= other_than;
                runs.insert(i, run);
                group.push((i, Value::Named(value), topic(s, true, false)));
            }
        }
        // How the assistant addresses people: by first name, or formally (by
        // title and surname). Read only for acts of addressing ("the first
        // reminder" names no form of address).
        // ("Use the person's first name throughout" addresses them too.)
        let has = |w: &str| words.contains(&crate::lemma::key(w).as_str());
        if s.modality == Modality::Obligation
            && s.action.verbs.iter().any(|v| {
                matches!(v.as_str(), "address" | "greet" | "call")
                    || (v == "use" && {
                        let lower = s.text.to_lowercase();
                        ["first name", "surname", "title and", "full name", "nickname"]
                            .iter()
                            .any(|w| lower.contains(w))
                    })
            })
        {
            // ("the bereaved person's first name": an ordinal after a
            // possessive is no object word, but the text says it.)
            let first_name = (has("first") && has("name"))
                || (s.action.verbs.iter().any(|v| v == "use") && s.text.to_lowercase().contains("first name"));
            let informal = first_name || has("nickname") || has("informally");
            // ("Call me Dr Okafor": a title is the formal form.)
            let formal = [
                "surname",
                "title",
                "formally",
                "mr",
                "ms",
                "mrs",
                "mx",
                "miss",
                "dr",
                "doctor",
                "prof",
                "professor",
                "sir",
                "madam",
                "honorific",
            ]
            .iter()
            .any(|w| has(w));
            if informal != formal {
                let group = groups.entry((s.actor, "form of address")).or_default();
                if group.len() < 256 {
                    let value = if formal { "formal" } else { "first name" };
                    group.push((i, Value::Named(value), topic(s, true, false)));
                }
            }
        }
        // "Format every answer as a numbered list": a list is a form ("the
        // list price", "the waiting list" are things).
        // (Most obligations name no form, unit or date: one pass tells them.)
        let hints = hints(&s.text);
        let formed = s.modality == Modality::Obligation && hints.form;
        if formed
            && (s.text.contains("list") || s.text.contains("List"))
            && !words
                .iter()
                .any(|w| crate::lexicon::attribute_value(w).is_some_and(|(a, _)| a == "format"))
            && {
                let lower = s.text.to_lowercase();
                [
                    "as a list",
                    "numbered list",
                    "bulleted list",
                    "in a list",
                    "as a numbered",
                    "as lists",
                ]
                .iter()
                .any(|p| lower.contains(p))
            }
        {
            let group = groups.entry((s.actor, "format")).or_default();
            if group.len() < 256 {
                group.push((i, Value::Named("list"), topic(s, true, false)));
            }
        }
        // Amounts to the cent or in whole units: "with exactly two decimal
        // places", "rounded to the nearest dollar", "without any decimal places".
        if formed && let Some(value) = decimals_of(&s.text) {
            let group = groups.entry((s.actor, "decimal places")).or_default();
            if group.len() < 256 {
                group.push((i, Value::Named(value), topic(s, true, false)));
            }
        }
        // Prices with or without tax: "excluding VAT", "plus GST", "inclusive
        // of VAT", "inc. sales tax".
        if formed && let Some(with_tax) = tax_included(&s.text) {
            let group = groups.entry((s.actor, "tax in prices")).or_default();
            if group.len() < 256 {
                let value = if with_tax { "including tax" } else { "excluding tax" };
                group.push((i, Value::Named(value), topic(s, true, false)));
            }
        }
        let measured = s.modality == Modality::Obligation && hints.unit_or_date;
        // How dates are written: "DD/MM/YYYY", "ISO 8601", "4 March 1881".
        if measured && let Some(format) = date_format_of(&s.text) {
            let group = groups.entry((s.actor, "date format")).or_default();
            if group.len() < 256 {
                group.push((i, Value::Named(format), topic(s, true, false)));
            }
        }
        // When a message goes out before an event: "24 hours before the
        // appointment" and "exactly one week in advance" leave no time
        // that meets both.
        // ("Tell passengers that the gate closes 20 minutes before departure":
        // the time is what is told, not when the telling goes out.)
        let told_that = !s.action.verbs.is_empty()
            && s.action.verbs.iter().all(|v| {
                matches!(
                    v.as_str(),
                    "tell" | "say" | "explain" | "inform" | "mention" | "state" | "warn" | "advise"
                )
            })
            && {
                let object = s.action.object.to_lowercase();
                object.starts_with("that ") || object.contains(" that ")
            };
        if s.modality == Modality::Obligation
            && sends_a_message(s)
            && !told_that
            && let Some(lead) = crate::quantity::lead_time(&s.text)
        {
            let group = groups.entry((s.actor, "lead time")).or_default();
            if group.len() < 256 {
                group.push((i, Value::Lead(lead), topic(s, true, false)));
            }
        }
        // The unit a figure is given in: "in centimetres", "per US gallon".
        // (Topics must nest: "measurements" holds "chest measurements".)
        if measured && let Some((dimension, unit)) = unit_of(&s.text) {
            let group = groups.entry((s.actor, dimension)).or_default();
            if group.len() < 256 {
                group.push((i, Value::Unit(unit), topic(s, false, false)));
            }
        }
        if s.modality == Modality::Obligation
            && let Some((channel, only)) = channel_of(&s.text)
        {
            let group = groups.entry((s.actor, "channel")).or_default();
            if group.len() < 256 {
                group.push((i, Value::Channel(channel, only), topic(s, true, false)));
            }
        }
        let bounds = crate::quantity::bounds_of(&s.text, hints.length_or_time);
        let mut dimensions: Vec<&'static str> = bounds.iter().map(|b| b.dimension).collect();
        dimensions.dedup();
        // ("tell them to report the points within 48 hours", "tell them
        // they need approval at least 4 weeks in advance": a time told is
        // what is said, not when the telling happens.)
        let tells = !s.action.verbs.is_empty()
            && s.action.verbs.iter().all(|v| {
                crate::lexicon::verb_class(v) == "communicate" || matches!(v.as_str(), "remind" | "warn" | "advise")
            });
        for d in dimensions {
            if tells && d == "time" {
                // ("Tell customers refunds take up to 5 working days" and
                // "... up to 10 working days": two times told of one thing.)
                let told: Vec<crate::quantity::Bound> = bounds.iter().filter(|b| b.dimension == d).cloned().collect();
                let group = groups.entry((s.actor, "told time")).or_default();
                if group.len() < 256 {
                    // ("the deadline for reporting storm damage is 30 days" and
                    // "they have 60 days to report storm damage": what the time
                    // is for, in the object or after it, without the words that
                    // only say it is a time.)
                    let about: Vec<String> = s
                        .action
                        .object_keys
                        .iter()
                        .chain(&s.action.qualifier_keys)
                        .filter(|k| {
                            !crate::quantity::is_figure_key(k)
                                && !crate::quantity::is_unit_key(k)
                                && !k.ends_with("'s")
                                && !crate::lexicon::is_people(k)
                                && !matches!(
                                    k.as_str(),
                                    "work"
                                        | "business"
                                        | "calendar"
                                        | "clear"
                                        | "deadlin"
                                        | "hav"
                                        | "dat"
                                        | "period"
                                        | "limit"
                                        | "window"
                                        | "tim"
                                )
                        })
                        .cloned()
                        .collect();
                    group.push((i, Value::Bounds(told), about));
                }
                continue;
            }
            // ("A 60-minute session costs £25 and a 90-minute session £32":
            // two figures of one kind, which no single value meets, say two
            // things' values; which is which this reader cannot tell.)
            let own: Vec<crate::quantity::Bound> = bounds.iter().filter(|b| b.dimension == d).cloned().collect();
            if crate::quantity::incompatible(&own, &own) {
                continue;
            }
            // ("Do not waive fines of $5 or more", read as charging them: an
            // amount on one side picks out which fines, it sets none.)
            let one_sided = own.iter().all(|b| b.side == own[0].side);
            if s.reading.is_some() && one_sided {
                continue;
            }
            let group = groups.entry((s.actor, d)).or_default();
            if group.len() < 256 {
                // (A price belongs to the thing in every word: "a day pass"
                // and "a weekly pass" are two, though "day" is a unit and
                // "weekly" a period elsewhere.)
                let words = if matches!(d, "GBP" | "USD" | "EUR") {
                    // ("group A cars" and "group B cars": a label after such a
                    // noun names the thing, though "a" is a stop word.)
                    let all: Vec<String> = lower_words(&s.action.object).collect();
                    let labels = all
                        .windows(2)
                        .filter(|w| {
                            matches!(
                                w[0].as_str(),
                                "group" | "class" | "band" | "category" | "tier" | "zone" | "level" | "grade" | "type"
                            ) && w[1].chars().count() <= 2
                                && w[1].chars().all(|c| c.is_alphanumeric())
                        })
                        .map(|w| format!("{}-{}", w[0], w[1]));
                    // (People are whom a price is for, not what it is of:
                    // "offer customers ... a loyalty discount" and "warn
                    // customers that data costs £6" price no one thing.)
                    let thing = |w: &String| {
                        !crate::statement::is_stop(w)
                            && !crate::statement::is_money(w)
                            && !crate::lexicon::is_people(&crate::lemma::lemma(w))
                            && !w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
                    };
                    let keyed = |w: String| crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(&w)));
                    // ("For vans, quote a deposit of £500": the price of a
                    // van's deposit.)
                    let for_case: Vec<String> = s
                        .conditions
                        .iter()
                        .filter(|c| c.kind == "for")
                        .flat_map(|c| lower_words(&c.text).skip(1).collect::<Vec<_>>())
                        .collect();
                    let own: Vec<String> = lower_words(&s.action.object)
                        .chain(labels.collect::<Vec<_>>())
                        .filter(thing)
                        .map(keyed)
                        .collect();
                    let own: Vec<String> = if own.is_empty() {
                        own
                    } else {
                        own.into_iter()
                            .chain(for_case.into_iter().filter(thing).map(keyed))
                            .collect()
                    };
                    // ("When a customer asks how much the deposit is on a van,
                    // quote £350": a bare amount is the price of what its case
                    // asks about.)
                    if own.is_empty() {
                        s.conditions
                            .iter()
                            .flat_map(|c| lower_words(&c.text).collect::<Vec<_>>())
                            .filter(|w| {
                                thing(w)
                                    && !crate::lexicon::is_people(&crate::lemma::lemma(w))
                                    && !matches!(
                                        w.as_str(),
                                        "when"
                                            | "if"
                                            | "ask"
                                            | "asks"
                                            | "asked"
                                            | "how"
                                            | "much"
                                            | "what"
                                            | "cost"
                                            | "costs"
                                    )
                            })
                            .map(keyed)
                            .collect()
                    } else {
                        own
                    }
                } else {
                    topic(s, true, true)
                };
                group.push((i, Value::Bounds(own), words));
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    for ((_, attribute), members) in &groups {
        for (x, (a, va, ra)) in members.iter().enumerate() {
            for (b, vb, rb) in &members[x + 1..] {
                let (a, b) = (*a, *b);
                // "Answer in the customer's language" holds "when the customer
                // writes in English, reply in English": the case names the value.
                let named_by_its_case = |v: &str, s: &Statement| {
                    s.conditions
                        .iter()
                        .any(|c| lower_words(&c.text).any(|w| crate::lemma::key(&w) == v))
                };
                let differ = match (va, vb) {
                    (Value::Named(x), Value::Named(y))
                        if *attribute == "language"
                            && (*x == "languag" && named_by_its_case(y, &st[b])
                                || *y == "languag" && named_by_its_case(x, &st[a])) =>
                    {
                        false
                    }
                    (Value::Named(x), Value::Named(y)) => match (runs.get(&a), runs.get(&b)) {
                        (Some(ra), Some(rb)) => ra.excludes(rb),
                        _ => x != y,
                    },
                    // (Two times told differ where their figures do.)
                    (Value::Bounds(x), Value::Bounds(y)) if *attribute == "told time" => x != y,
                    (Value::Bounds(x), Value::Bounds(y)) => crate::quantity::incompatible(x, y),
                    (Value::Channel(x, x_only), Value::Channel(y, y_only)) => x != y && (*x_only || *y_only),
                    (Value::Unit(x), Value::Unit(y)) => x != y,
                    (Value::Lead(x), Value::Lead(y)) => {
                        crate::quantity::same_event(&x.event, &y.event) && !x.window.meets(&y.window)
                    }
                    _ => false,
                };
                let same_act = verb_keys[a].iter().any(|k| verb_keys[b].contains(k));
                // ("... for a new pet's first visit" and "... for every other
                // routine appointment": the second rule names the cases the
                // first leaves.)
                let the_others = |x: usize| {
                    // (Most rules have no "other": no lowercased copy.)
                    let text = &st[x].text;
                    (text.contains("other ") || text.contains("Other ")) && {
                        let lower = text.to_lowercase();
                        [" every other ", " all other ", " any other "]
                            .iter()
                            .any(|w| lower.contains(w))
                    }
                };
                let same_thing = !the_others(a)
                    && !the_others(b)
                    && match (va, vb) {
                        // The very thing told about, word for word.
                        _ if *attribute == "told time" => {
                            let set = |x: &[String]| {
                                let mut x = x.to_vec();
                                x.sort();
                                x.dedup();
                                x
                            };
                            !ra.is_empty() && set(ra) == set(rb)
                        }
                        // "fruit prices per kilo" and "cherry prices per punnet":
                        // the prices of one thing, or of a kind of it; not "cut
                        // flower prices per bunch".
                        (Value::Named(_), _) if *attribute == "sales unit" => {
                            let within = |x: &[String], y: &[String]| {
                                let kinds = crate::kinds::hypernym_keys(y);
                                x.iter().all(|w| y.contains(w) || kinds.contains(w))
                            };
                            within(ra, rb) || within(rb, ra)
                        }
                        // Figures of one kind: "payment amounts" to the cent,
                        // not "balances" rounded.
                        (Value::Named(_), _) if *attribute == "decimal places" => {
                            ra.is_empty() || rb.is_empty() || ra.iter().any(|w| rb.contains(w))
                        }
                        // A period belongs to the figure it counts: rents monthly, deposits weekly.
                        (Value::Named(_), _) if *attribute == "period" => ra.iter().any(|w| rb.contains(w)),
                        // "all dates" hold "filing deadlines"; "due dates" and
                        // "birth dates" are both dates too.
                        (Value::Named(_), _) if *attribute == "date format" => true,
                        // One act on one thing: "send booking confirmations".
                        (Value::Channel(..), _) => same_act && ra.iter().any(|w| rb.contains(w)),
                        // ("send the reminder 24 hours before the appointment": a
                        // message named by its act, with no words but its time.)
                        (Value::Lead(_), _)
                            if same_act && ra.iter().chain(rb.iter()).all(|w| crate::quantity::is_figure_key(w)) =>
                        {
                            true
                        }
                        // The same figures, or some of them: "measurements" and
                        // "chest measurements", not "room sizes" and "garden sizes".
                        // ("fuel prices" hold "diesel prices": a kind holds its things.)
                        // (The unit is the value, not what the figures are of.)
                        (Value::Unit(_), _) => {
                            let (ua, ub) = (unit_words(&st[a].text), unit_words(&st[b].text));
                            let ra: Vec<String> = ra.iter().filter(|w| !ua.contains(w)).cloned().collect();
                            let rb: Vec<String> = rb.iter().filter(|w| !ub.contains(w)).cloned().collect();
                            let within = |x: &[String], y: &[String]| {
                                let kinds = crate::kinds::hypernym_keys(y);
                                x.iter().all(|w| y.contains(w) || kinds.contains(w))
                            };
                            !ra.is_empty() && !rb.is_empty() && (within(&ra, &rb) || within(&rb, &ra))
                        }
                        // Greeting and addressing are one act; "children" and
                        // "adults" are two cases of it.
                        (Value::Named(_), _) if *attribute == "form of address" => {
                            let (pa, pb) = (&st[a].action.people_keys, &st[b].action.people_keys);
                            pa.is_empty() || pb.is_empty() || pa.iter().any(|k| pb.contains(k))
                        }
                        // "a formal tone with business customers" and "a casual
                        // tone with household customers": the same people, told
                        // apart by what each rule says of them, are two cases.
                        (Value::Named(_), _) if two_kinds_of_people(&st[a], &st[b]) => false,
                        // ("write replies in English" and "write handover summaries
                        // for the branch team in Welsh": one act on two things, one
                        // of them a document of its own kind.)
                        // ("write handover notes for staff in English" and "reply in
                        // Polish": a staff document is no reply.)
                        (Value::Named(_), _) if written_document(&st[a]) != written_document(&st[b]) => false,
                        (Value::Named(_), _) => {
                            ra.is_empty()
                                || rb.is_empty()
                                || ra.iter().any(|w| rb.contains(w))
                                || (same_act
                                    && !names_a_document(&st[a].action.object_keys)
                                    && !names_a_document(&st[b].action.object_keys))
                        }
                        // An amount of money is the price of one thing: "the
                        // consultation fee" and "the surgery fee" are two
                        // ("the deposit for a surgery booking" and "surgery
                        // deposits" one).
                        _ if matches!(*attribute, "GBP" | "USD" | "EUR") => {
                            !ra.is_empty()
                                && !rb.is_empty()
                                && (ra.iter().all(|w| rb.contains(w)) || rb.iter().all(|w| ra.contains(w)))
                        }
                        // How long an act takes or lasts is the act's own: "hold a
                        // provisional booking for 48 hours" and "refund the deposit
                        // if the booking is cancelled 14 days before" share a word
                        // of a guard, not an act or the thing it is done to.
                        // (Waiting is the exception: "wait 48 hours before replying
                        // to an email" times the act its case names.)
                        // (The same act too: "hold a cattery pen for 24 hours after
                        // the booked arrival time" and "hold a provisional booking
                        // for 48 hours" share a guard's word, not a thing.)
                        // ("Items are kept in lost property for 30 days" and
                        // "renew items for 14 days": a house fact of one act and
                        // a rule of another, each with its own time.)
                        _ if *attribute == "time"
                            && !same_act
                            && [a, b].iter().any(|&x| crate::statement::is_participle(&st[x].trigger)) =>
                        {
                            false
                        }
                        // ("Pause enforcement on the notice for 30 days" is
                        // an act on a thing, with a time of its own: no waiting.)
                        _ if *attribute == "time"
                            && ![a, b].iter().any(|&x| {
                                st[x].action.verbs.iter().any(|v| match v.as_str() {
                                    "wait" | "delay" => true,
                                    "pause" => st[x].action.object_keys.iter().all(|k| {
                                        crate::quantity::is_figure_key(k)
                                            || crate::quantity::is_unit_key(k)
                                            || matches!(k.as_str(), "least" | "most")
                                    }),
                                    _ => false,
                                })
                            }) =>
                        {
                            // (A word that only describes, "free", names no thing:
                            // "returns up to 29 minutes late are free" and "a free
                            // child seat for rentals of 7 days".)
                            let (ta, tb) = (topic(&st[a], true, false), topic(&st[b], true, false));
                            // ("a free trial of the Basic plan" and "... of the Pro
                            // plan": each names its own thing.)
                            let named_apart = own_name(&st[a], &ta, &tb) && own_name(&st[b], &tb, &ta);
                            !named_apart
                                && ta.iter().any(|w| {
                                    tb.contains(w)
                                    && !matches!(
                                        w.as_str(),
                                        "fre" | "lat" | "early" | "extra" | "additional" | "full" | "new" | "sam" | "other"
                                    )
                                    // ("for three hours", "by three weeks": the figures themselves.)
                                    && !crate::quantity::is_figure_key(w)
                                })
                        }
                        // ("write the referral letter in at least 400 words" and
                        // "keep every reply to 120 words": a letter is no reply.)
                        _ if written_document(&st[a]) != written_document(&st[b]) => false,
                        // "every reply" holds every other text the assistant
                        // writes: a walkthrough, a quote explanation.
                        _ => {
                            ra.iter().any(|w| rb.contains(w))
                                || every_reply(&st[a], ra)
                                || every_reply(&st[b], rb)
                                || answering(&st[a])
                                || answering(&st[b])
                        }
                    };
                // "wait 48 hours before replying": for a bound, the event it
                // counts from is part of the quantity, not a guard. (Read
                // only for pairs the cheaper tests below leave standing.)
                let meet = || match (va, vb) {
                    (Value::Bounds(_), Value::Bounds(_)) | (Value::Lead(_), Value::Lead(_)) => {
                        let unguarded = |s: &Statement| {
                            let mut s = s.clone();
                            s.conditions
                                .retain(|c| !matches!(c.kind.as_str(), "before" | "after" | "until"));
                            s
                        };
                        situation(&unguarded(&st[a]), &unguarded(&st[b]))
                    }
                    _ => situation(&st[a], &st[b]),
                };
                if !differ
                    || !same_thing
                    // (A rule for customers binds them, not the assistant.)
                    || (st[a].action.subject != st[b].action.subject
                        && (binds_people(&st[a]) || binds_people(&st[b])))
                    || (st[a].package != 0 && st[b].package != 0)
                    || st[a].tags != st[b].tags
                    || (st[a].file == st[b].file && st[a].span == st[b].span)
                    // A guarded other value or length is a narrower rule: an
                    // exception the broader one does not declare ("always
                    // answer in English" and "when they write in Welsh, answer
                    // in Welsh"; "keep explanations under 80 words" and "when
                    // I ask for the rules, at least 300 words"). Channels and
                    // units guarded apart are two cases.
                    || meet().is_none_or(|s| {
                        s.undeclared_exception
                            && !matches!(
                                (va, vb),
                                (Value::Named(_), Value::Named(_))
                                    | (Value::Bounds(_), Value::Bounds(_))
                                    | (Value::Unit(_), Value::Unit(_))
                            )
                    })
                    || !seen.insert((a.min(b), a.max(b)))
                {
                    continue;
                }
                if let Some(mut c) = classify(ws, levels, st, a, b) {
                    // "When a member misses a class without cancelling, charge
                    // a £5 no-show fee" and "a £7.50 no-show fee for each missed
                    // class booking": the other rule names the case in its own
                    // words, so two values meet there (an error), not an
                    // exception to it.
                    if c.kind == ConflictKind::UndeclaredException {
                        let keys = |text: &str| -> Vec<String> {
                            lower_words(text)
                                .filter(|w| {
                                    !crate::statement::is_stop(w)
                                        && !crate::lexicon::is_people(&crate::lemma::lemma(w))
                                        && !matches!(w.as_str(), "when" | "if" | "whenever" | "without" | "unless")
                                })
                                .map(|w| crate::lemma::key(&crate::lemma::lemma(&w)))
                                .collect()
                        };
                        let (narrow, broad) = (&st[c.winner], &st[c.loser]);
                        let case: Vec<String> = narrow.conditions.iter().flat_map(|g| keys(&g.text)).collect();
                        let theirs = keys(&broad.text);
                        let named = case.iter().filter(|k| theirs.contains(k)).count();
                        if named >= 2 && named * 3 >= case.len() * 2 {
                            c.kind = ConflictKind::Conflict;
                        }
                    }
                    // A value as its rule writes it ("the customer's language",
                    // "English"), not as its key ("languag").
                    let shown = |v: &str, s: &Statement| {
                        let words: Vec<String> = lower_words(&s.text).collect();
                        let at = words
                            .iter()
                            .position(|w| crate::lemma::key(&crate::lemma::lemma(w)) == v || crate::lemma::key(w) == v);
                        match at {
                            Some(i) if words[i] == "bilingual" => "bilingual".to_string(),
                            Some(i) if words[i].starts_with("languag") => {
                                let before = i.checked_sub(1).map(|j| words[j].as_str()).unwrap_or("");
                                if before.ends_with("'s") {
                                    format!("the {before} language")
                                } else if matches!(before, "their" | "your" | "own") {
                                    format!("{before} language")
                                } else if let Some(person) = words[i + 1..]
                                    .iter()
                                    .take(3)
                                    .find(|w| crate::lexicon::is_people(&crate::lemma::lemma(w)))
                                {
                                    // ("the language the customer writes in")
                                    format!("the {}'s language", crate::lemma::lemma(person))
                                } else {
                                    "another language".to_string()
                                }
                            }
                            // (By characters: a word may open with a letter of several bytes.)
                            Some(i) if *attribute == "language" => {
                                let mut chars = words[i].chars();
                                chars
                                    .next()
                                    .map(|c| c.to_uppercase().chain(chars).collect())
                                    .unwrap_or_default()
                            }
                            Some(i) => words[i].clone(),
                            None => v.to_string(),
                        }
                    };
                    c.values = Some(match (va, vb) {
                        (Value::Named(x), Value::Named(y)) => {
                            // ("Welsh and English" against "English only": the values as a run.)
                            let run = |v: &str, i: usize| match runs.get(&i) {
                                Some(r) if r.values.len() > 1 || r.only => {
                                    let joined: Vec<String> = r.values.iter().map(|v| shown(v, &st[i])).collect();
                                    let joined = joined.join(if r.all { " and " } else { " or " });
                                    if r.only { format!("{joined} only") } else { joined }
                                }
                                _ => shown(v, &st[i]),
                            };
                            let several = |i: usize| runs.get(&i).is_some_and(|r| r.values.len() > 1 || r.only);
                            let between = if several(a) || several(b) { ", against" } else { " and" };
                            format!("its {attribute} set two ways: {}{between} {}", run(x, a), run(y, b))
                        }
                        (Value::Channel(x, xo), Value::Channel(y, yo)) => {
                            let only = |o: &bool| if *o { " only" } else { "" };
                            format!("its channel set two ways: {x}{} and {y}{}", only(xo), only(yo))
                        }
                        (Value::Unit(x), Value::Unit(y)) => format!("figures given in two units: {x} and {y}"),
                        (Value::Lead(_), Value::Lead(_)) => "two times before the event that no time meets".into(),
                        (Value::Bounds(x), Value::Bounds(y)) if *attribute == "told time" => {
                            format!("two times told of it: {} and {}", duration(x), duration(y))
                        }
                        _ if *attribute == "time" => "bounds on its time that no time meets".into(),
                        (Value::Bounds(x), Value::Bounds(y)) if matches!(*attribute, "GBP" | "USD" | "EUR") => {
                            format!(
                                "its price set two ways: {} and {}",
                                amount(x, attribute),
                                amount(y, attribute)
                            )
                        }
                        _ => format!("bounds on its number of {attribute} that no number meets"),
                    });
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The values of one attribute a rule gives together: "in Welsh and
/// English" (all of them), "in English or Welsh" (one of them), "in English
/// only" (no other), "bilingual" (two, whichever).
#[derive(Debug)]
struct ValueRun {
    values: Vec<&'static str>,
    all: bool,
    only: bool,
}

impl ValueRun {
    /// Whether no reply can keep both rules: values that share nothing, or
    /// all of several values against one rule's "only".
    fn excludes(&self, other: &ValueRun) -> bool {
        let within = |x: &ValueRun, y: &ValueRun| x.values.iter().all(|v| y.values.contains(v));
        // ("bilingual": two languages, not named; only a rule that allows
        // one language and no other rules it out.)
        let two = |x: &ValueRun| x.values.contains(&"bilingual");
        if two(self) || two(other) {
            return (two(self) && other.only && !two(other) && other.values.len() == 1)
                || (two(other) && self.only && !two(self) && self.values.len() == 1);
        }
        let disjoint = !self.values.iter().any(|v| other.values.contains(v));
        disjoint
            || (other.only && self.all && self.values.len() > 1 && !within(self, other))
            || (self.only && other.all && other.values.len() > 1 && !within(other, self))
    }
}

/// The run of `attribute`'s values a rule names first, joined by "and",
/// "or", commas or "both", with whether it says "only" about them.
fn value_run(text: &str, attribute: &str) -> Option<ValueRun> {
    let words: Vec<String> = lower_words(text).collect();
    let value_at = |k: usize| {
        words
            .get(k)
            .and_then(|w| crate::lexicon::attribute_value(&crate::lemma::key(w)))
            .filter(|(a, _)| *a == attribute)
            .map(|(_, v)| v)
    };
    let start = (0..words.len()).find(|&k| value_at(k).is_some())?;
    let mut run = ValueRun {
        values: Vec::new(),
        all: start > 0 && words[start - 1] == "both",
        only: false,
    };
    let mut end = start;
    let mut k = start;
    while k < words.len() {
        if let Some(v) = value_at(k) {
            if !run.values.contains(&v) {
                run.values.push(v);
            }
            end = k;
        } else {
            match words[k].as_str() {
                "and" | "both" | "plus" => run.all = true,
                "or" | "either" => {}
                "in" => {}
                _ => break,
            }
        }
        k += 1;
    }
    // ("only in English", "in English only", "exclusively in Welsh".)
    let only_word = |w: Option<&String>| w.is_some_and(|w| matches!(w.as_str(), "only" | "exclusively" | "solely"));
    run.only = only_word(words.get(end + 1))
        || (1..=2).any(|back| start.checked_sub(back).is_some_and(|b| only_word(words.get(b))));
    // ("or" between values: one of them, unless "and" also joins them.)
    let joined_by_or = words[start..=end].iter().any(|w| matches!(w.as_str(), "or" | "either"));
    if joined_by_or && !words[start..=end].iter().any(|w| w == "and") {
        run.all = false;
    }
    Some(run)
}

/// Whether a rule has amounts given to the cent (`"cents"`) or in whole
/// units (`"whole"`): "with two decimal places", "to the penny"; "rounded
/// to the nearest dollar", "without any decimal places", "in whole pounds".
fn decimals_of(text: &str) -> Option<&'static str> {
    // (Most texts that reach here name neither: a cheap test first.)
    if !text.contains("decimal")
        && !text.contains("nearest")
        && !text.contains(" cent")
        && !text.contains("penny")
        && !text.contains("whole")
    {
        return None;
    }
    let words: Vec<String> = lower_words(text).collect();
    let at = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    for (i, w) in words.iter().enumerate() {
        let value = match w.as_str() {
            "decimal" | "decimals" => match (at(i.wrapping_sub(1)), at(i.wrapping_sub(2))) {
                ("no", _) | ("any", "without") | ("any", "no") => Some("whole"),
                ("two", _) | ("2", _) => Some("cents"),
                ("without", _) => Some("whole"),
                _ => None,
            },
            "nearest" => match at(i + 1) {
                "cent" | "penny" | "pence" => Some("cents"),
                "dollar" | "pound" | "euro" | "whole" | "unit" => Some("whole"),
                _ => None,
            },
            "cent" | "penny" if at(i.wrapping_sub(1)) == "the" && at(i.wrapping_sub(2)) == "to" => Some("cents"),
            "whole" if matches!(at(i + 1), "dollars" | "pounds" | "euros" | "numbers" | "number") => Some("whole"),
            _ => None,
        };
        if value.is_some() {
            return value;
        }
    }
    None
}

/// Whether a rule has prices given with tax (`Some(true)`) or without
/// (`Some(false)`): the word before "VAT", "GST" or "sales tax" says which.
fn tax_included(text: &str) -> Option<bool> {
    let lower = text.to_lowercase();
    if !["vat", "gst", "sales tax"].iter().any(|t| lower.contains(t)) {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| matches!(*w, "vat" | "gst"))
        .or_else(|| words.windows(2).position(|p| p == ["sales", "tax"]))?;
    let before = |k: usize| at.checked_sub(k).map(|j| words[j]).unwrap_or("");
    let word = if matches!(before(1), "of" | "for") {
        before(2)
    } else {
        before(1)
    };
    match word {
        // ("Prices must include VAT.")
        "including" | "inclusive" | "inc" | "incl" | "with" | "after" | "include" | "includes" => Some(true),
        "excluding" | "exclusive" | "ex" | "excl" | "plus" | "before" | "+" | "without" => Some(false),
        _ => None,
    }
}

/// Whether a statement's subject is people other than the assistant
/// ("Customers must give 48 hours' notice"), not what the assistant writes
/// ("Each explanation must be ...").
fn binds_people(s: &Statement) -> bool {
    s.action
        .subject
        .as_deref()
        .is_some_and(|subject| lower_words(subject).any(|w| crate::lexicon::is_people(&crate::lemma::lemma(&w))))
}

/// Whether two statements act for the same people told apart by a word each
/// says of them and the other does not ("business customers", "household
/// customers").
fn two_kinds_of_people(a: &Statement, b: &Statement) -> bool {
    let (pa, pb) = (&a.action.people_keys, &b.action.people_keys);
    if pa.is_empty() || pb.is_empty() || !pa.iter().any(|k| pb.contains(k)) {
        return false;
    }
    let (qa, qb) = (&a.action.qualifier_keys, &b.action.qualifier_keys);
    !qa.is_empty() && !qb.is_empty() && !qa.iter().any(|k| qb.contains(k))
}

/// An amount of money as a rule bounds it: "£50", "up to $20", "at least €5".
fn amount(bounds: &[crate::quantity::Bound], currency: &str) -> String {
    let sign = match currency {
        "GBP" => "£",
        "USD" => "$",
        _ => "€",
    };
    let of = |side| {
        bounds
            .iter()
            .find(|b| b.dimension == currency && b.side == side)
            .map(|b| b.value)
    };
    let shown = |v: f64| {
        if v.fract() == 0.0 {
            format!("{sign}{v:.0}")
        } else {
            format!("{sign}{v:.2}")
        }
    };
    match (of(crate::quantity::Side::AtLeast), of(crate::quantity::Side::AtMost)) {
        (Some(low), Some(high)) if low == high => shown(low),
        (Some(low), Some(high)) => format!("{} to {}", shown(low), shown(high)),
        (Some(low), None) => format!("at least {}", shown(low)),
        (None, Some(high)) => format!("up to {}", shown(high)),
        (None, None) => sign.to_string(),
    }
}

/// A time as a rule gives it ("up to 5 days", "48 hours", "20 to 30 minutes"),
/// from its bounds in minutes.
fn duration(bounds: &[crate::quantity::Bound]) -> String {
    let shown = |minutes: f64| {
        let (n, unit) = [(10080.0, "week"), (1440.0, "day"), (60.0, "hour")]
            .iter()
            .find(|(size, _)| minutes >= *size && (minutes / size).fract() == 0.0)
            .map(|(size, unit)| (minutes / size, *unit))
            .unwrap_or((minutes, "minute"));
        format!("{n} {unit}{}", if n == 1.0 { "" } else { "s" })
    };
    let of = |side| bounds.iter().find(|b| b.side == side).map(|b| b.value);
    match (of(crate::quantity::Side::AtLeast), of(crate::quantity::Side::AtMost)) {
        (Some(low), Some(high)) if low == high => shown(low),
        (Some(low), Some(high)) => format!("{} to {}", shown(low), shown(high)),
        (Some(low), None) => format!("at least {}", shown(low)),
        (None, Some(high)) => format!("up to {}", shown(high)),
        (None, None) => "a time".to_string(),
    }
}

/// Whether a statement is about every reply the assistant writes: its
/// topic is only a reply (or response, answer, message) and its object says
/// "every", "each" or "all" ("Keep every reply under 80 words").
/// Whether two rules name one key with two values and share no pair: "surgery
/// 1" and "surgery 3", "members" and "non-members".
fn one_key_two_values<K: PartialEq, V: PartialEq>(a: &[(K, V)], b: &[(K, V)]) -> bool {
    b.iter().any(|(k, v)| a.iter().any(|(k2, w)| k == k2 && v != w)) && !b.iter().any(|x| a.contains(x))
}

/// Whether a rule's thing (its object, or its subject: "summaries sent to
/// the attorney must be in bullet points") is a kind of document other than
/// a reply.
fn written_document(s: &Statement) -> bool {
    let subject: Vec<String> = s
        .action
        .subject
        .as_deref()
        .map(|t| lower_words(t).map(|w| crate::lemma::key(&w)).collect())
        .unwrap_or_default();
    names_a_document(&s.action.object_keys) || names_a_document(&subject)
}

/// Whether object keys name a kind of document other than a reply
/// ("handover summaries", "the referral letter", "discharge notes").
fn names_a_document(keys: &[String]) -> bool {
    static DOCUMENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let documents = DOCUMENTS.get_or_init(|| {
        [
            "summary",
            "note",
            "handover",
            "report",
            "record",
            "log",
            "letter",
            "memo",
            "minutes",
            "transcript",
            "referral",
        ]
        .iter()
        .map(|w| crate::lemma::key(w))
        .collect()
    });
    keys.iter().any(|w| documents.contains(w))
}

/// Whether a statement bounds its answers by how it answers: "answer in
/// fewer than 150 words", "reply in under 100 words" (the act is replying,
/// and the object holds only the bound), as "every reply" does.
fn answering(s: &Statement) -> bool {
    !s.action.verbs.is_empty()
        && s.action
            .verbs
            .iter()
            .all(|v| matches!(v.as_str(), "answer" | "reply" | "respond"))
        && topic(s, true, false).is_empty()
}

fn every_reply(s: &Statement, topic: &[String]) -> bool {
    // Keyed once: this runs for pairs of bounds.
    static REPLIES: std::sync::OnceLock<[String; 4]> = std::sync::OnceLock::new();
    let replies = REPLIES.get_or_init(|| ["reply", "respons", "answer", "messag"].map(crate::lemma::key));
    !topic.is_empty()
        && topic.iter().all(|w| replies.contains(w))
        && lower_words(&s.text).any(|w| matches!(w.as_str(), "every" | "each" | "all"))
}

/// The quotations in a text, each as its lowercase words: between double
/// quotes (straight or curly), or single quotes that open after a space and
/// close before one (an apostrophe is neither).
pub(crate) fn quotations(text: &str) -> Vec<Vec<String>> {
    crate::statement::quoted_spans(text)
        .into_iter()
        .map(|q| lower_words(q).collect::<Vec<_>>())
        .filter(|words| !words.is_empty())
        .collect()
}

/// Verbs whose act puts words in front of someone: a quotation in their
/// object is what is said, shown or written.
fn produces_words(verb: &str) -> bool {
    crate::lexicon::verb_class(verb) == crate::lexicon::verb_class("tell")
        || matches!(
            verb,
            "use"
                | "write"
                | "begin"
                | "start"
                | "end"
                | "close"
                | "label"
                | "call"
                | "ask"
                | "include"
                | "add"
                | "greet"
                | "sign"
                | "answer"
                | "reply"
                | "respond"
                | "open"
                | "mark"
                | "print"
                // ("Sign off every message with ...", "never claim that it is "made on site"".)
                | "sign off"
                | "finish"
                | "conclude"
                | "claim"
        )
        || names_as(verb)
}

/// Acts that name a thing as something: "describe X as Q", "call X Q".
fn names_as(verb: &str) -> bool {
    matches!(
        verb,
        "describe" | "call" | "label" | "present" | "advertise" | "market" | "name" | "term" | "refer" | "list"
    )
}

/// Quoted words: a prohibition of saying, using or showing a quotation
/// ("never use the phrase "buy now"") and a positive rule whose own
/// quotation holds those words ("show a "Buy Now" button"), letter case
/// aside. Bounded: only statements with a quotation in their object take part.
fn quoted_words(ws: &Workspace, levels: &Levels, st: &[Statement], representative: &[usize]) -> Vec<Conflict> {
    fn holds(outer: &[String], inner: &[String]) -> bool {
        !inner.is_empty() && inner.len() <= outer.len() && outer.windows(inner.len()).any(|w| w == inner)
    }
    let quoted = |s: &Statement| -> Vec<Vec<String>> {
        if !s.action.verbs.iter().any(|v| produces_words(v)) {
            return Vec::new();
        }
        // The sentence's quotations that the object holds (the object may
        // end inside one, before its closing mark); for "be described as
        // "mint condition"", those after "as".
        let object: Vec<String> = lower_words(&s.action.object).collect();
        let named_as = s.action.verbs.iter().any(|v| names_as(v))
            && [" as \"", " as \u{201c}", " as '"].iter().any(|m| s.text.contains(m));
        // ("Say "I'm sorry your water is off" rather than "We apologise for
        // any inconvenience"": what is said instead is not said.)
        let said = if s.modality == Modality::Prohibition {
            s.text.as_str()
        } else {
            [" rather than ", " instead of ", ", not "]
                .iter()
                .filter_map(|m| s.text.find(m))
                .min()
                .map_or(s.text.as_str(), |at| &s.text[..at])
        };
        quotations(said)
            .into_iter()
            .filter(|q| named_as || holds(&object, q) || (1..q.len()).any(|k| object.ends_with(&q[..k])))
            .collect()
    };
    // What a prohibition of naming is about, besides its quotation: all
    // things ("never call anything "mint"", "any of our beers"), or things
    // the positive rule names too ("the cider" is not "the dessert wine").
    let about_the_same = |pos: &Statement, neg: &Statement, nq: &[Vec<String>]| {
        if !neg.action.verbs.iter().any(|v| names_as(v)) {
            return true;
        }
        let rest: Vec<String> = lower_words(&neg.action.object)
            .filter(|w| !nq.iter().any(|q| q.contains(w)) && w != "as")
            .collect();
        rest.iter()
            .any(|w| matches!(w.as_str(), "anything" | "any" | "everything" | "all" | "every"))
            || rest.iter().filter(|w| !crate::statement::is_stop(w)).all(|w| {
                let k = crate::lemma::key(crate::lexicon::noun_class(&crate::lemma::lemma(w)));
                pos.action.object_keys.contains(&k) || pos.action.qualifier_keys.contains(&k)
            })
    };
    /// A statement and its quotations, each as its words.
    type Quoted = (usize, Vec<Vec<String>>);
    let mut prohibitions: HashMap<String, Vec<Quoted>> = HashMap::default();
    let mut positives: Vec<Quoted> = Vec::new();
    for (i, s) in st.iter().enumerate() {
        if representative[i] != i {
            continue;
        }
        let q = quoted(s);
        if q.is_empty() {
            continue;
        }
        if s.modality == Modality::Prohibition {
            for words in &q {
                let group = prohibitions.entry(words[0].clone()).or_default();
                if group.len() < 256 {
                    group.push((i, q.clone()));
                }
            }
        } else if positives.len() < 4096 {
            positives.push((i, q));
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    for (p, pq) in &positives {
        for words in pq {
            for w in words {
                let Some(cands) = prohibitions.get(w.as_str()) else {
                    continue;
                };
                for (n, nq) in cands {
                    let (p, n) = (*p, *n);
                    let (pos, neg) = (&st[p], &st[n]);
                    if !nq.iter().any(|q| pq.iter().any(|o| holds(o, q)))
                        || !about_the_same(pos, neg, nq)
                        || pos.actor != neg.actor
                        || pos.tags != neg.tags
                        || (pos.package != 0 && neg.package != 0)
                        || (pos.file == neg.file && pos.span == neg.span)
                        || negated_people_apart(pos, neg)
                        || situation(pos, neg).is_none_or(|s| {
                            // ("may explain what "gross misconduct" means" and
                            // "never use the words to describe someone's
                            // conduct": a ban in a case narrows a permission.)
                            s.undeclared_exception
                                && pos.modality == Modality::Permission
                                && pos.conditions.is_empty()
                                && !neg.conditions.is_empty()
                        })
                        || !seen.insert((p, n))
                    {
                        continue;
                    }
                    if let Some(c) = classify(ws, levels, st, p, n) {
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

/// Copies of `p` and `n` (by [`conflicts`]' representatives) that are not in
/// the same sentence, preferring the representatives themselves.
fn apart(st: &[Statement], representative: &[usize], p: usize, n: usize) -> Option<(usize, usize)> {
    let same_sentence = |a: usize, b: usize| st[a].file == st[b].file && st[a].span == st[b].span;
    if !same_sentence(p, n) {
        return Some((p, n));
    }
    let copies = |r: usize| (r..st.len()).filter(move |&i| representative[i] == r);
    copies(n)
        .find(|&m| !same_sentence(p, m))
        .map(|m| (p, m))
        .or_else(|| copies(p).find(|&q| !same_sentence(q, n)).map(|q| (q, n)))
}

fn classify(ws: &Workspace, levels: &Levels, st: &[Statement], a: usize, b: usize) -> Option<Conflict> {
    let mut c = classify_kind(ws, levels, st, a, b)?;
    // "Always reply in English, even when the customer writes in another
    // language" against "if the customer writes in Welsh, reply in Welsh":
    // the broader rule refuses the exception in so many words, so the two
    // contradict (an error), not an exception left undeclared (a warning).
    if c.kind == ConflictKind::UndeclaredException && refusal(&st[c.loser].text).is_some() {
        c.kind = ConflictKind::Conflict;
    }
    Some(c)
}

/// The words by which a rule says it has no exceptions: "even when ...",
/// "whatever language ...", "regardless of ...", "under any
/// circumstances", "for anyone", as written.
pub(crate) fn refusal(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    const OPENINGS: &[&str] = &[
        "even when ",
        "even if ",
        "whatever ",
        "regardless of ",
        "irrespective of ",
        "no matter ",
        "whoever ",
        "in all cases",
        "in every case",
        "without exception",
        "no exceptions",
        "under any circumstances",
        "under no circumstances",
        "in any circumstances",
        "in no circumstances",
    ];
    let at = OPENINGS
        .iter()
        .filter_map(|o| {
            lower
                .find(o)
                .filter(|&k| k == 0 || !lower.as_bytes()[k - 1].is_ascii_alphanumeric())
        })
        .min()
        // ("for anyone.", "to any customer,": anyone at all, no clause after
        // it picking some out.)
        // ("with everyone who gets in touch": all who do, no exception.)
        .or_else(|| {
            ["everyone", "everybody"].iter().find_map(|w| {
                lower
                    .match_indices(w)
                    .map(|(k, _)| k)
                    .find(|&k| k == 0 || !lower.as_bytes()[k - 1].is_ascii_alphanumeric())
            })
        })
        .or_else(|| {
            ["anyone", "anybody"].iter().find_map(|w| {
                lower.match_indices(w).map(|(k, _)| k).find(|&k| {
                    (k == 0 || !lower.as_bytes()[k - 1].is_ascii_alphanumeric())
                        && lower[k + w.len()..].trim_start().starts_with(['.', ',', ';', '!', ')'])
                        || lower[k + w.len()..].trim().is_empty()
                })
            })
        })?;
    // ("for anyone", "to anybody": with the word before it.)
    let at = if lower[at..].starts_with("any") || lower[at..].starts_with("every") {
        let before = lower[..at].trim_end();
        ["for", "to", "with", "from"]
            .iter()
            .find(|p| before.ends_with(*p))
            .map_or(at, |p| before.len() - p.len())
    } else {
        at
    };
    let rest = text.get(at..)?;
    // (Up to a pause, or a clause marker: "language[^ton1]".)
    let end = rest.find([',', ';', '.', ':', '(', ')', '[']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

fn classify_kind(ws: &Workspace, levels: &Levels, st: &[Statement], a: usize, b: usize) -> Option<Conflict> {
    let (ra, rb) = (levels.rank(&st[a])?, levels.rank(&st[b])?);
    let declared = |x: usize, y: usize| overrides(ws, &st[x], &st[y]);
    if ra == rb {
        if let Some(d) = declared(a, b) {
            return Some(Conflict {
                kind: ConflictKind::Override,
                winner: a,
                loser: b,
                declared: Some(d),
                values: None,
            });
        }
        if let Some(d) = declared(b, a) {
            return Some(Conflict {
                kind: ConflictKind::Override,
                winner: b,
                loser: a,
                declared: Some(d),
                values: None,
            });
        }
        // A guarded rule against an unguarded one: an exception not written
        // into the broader rule, reported at the broader one.
        if situation(&st[a], &st[b]).is_some_and(|s| s.undeclared_exception) {
            let (narrow, broad) = if st[a].conditions.is_empty() { (b, a) } else { (a, b) };
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: narrow,
                loser: broad,
                declared: None,
                values: None,
            });
        }
        // A permission for a narrower thing than a ban names
        // ("Same-day bookings can be confirmed without the waiver" against
        // "Never confirm a booking unless a signed waiver is on file"): an
        // exception the broader rule does not declare (issue 14, item 4).
        let (p, n) = if st[a].modality == Modality::Prohibition {
            (b, a)
        } else {
            (a, b)
        };
        // (A permission only: an obligation for "the customer's full card
        // number" against "never repeat card numbers in full" names the very
        // thing, and contradicts it.)
        if st[n].modality == Modality::Prohibition
            && st[p].modality == Modality::Permission
            && narrower_object(&st[p].action, &st[n].action)
        {
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: p,
                loser: n,
                declared: None,
                values: None,
            });
        }
        // An act for some people only ("offer a 10% discount to groups of
        // 12 or more") against a ban for everyone ("must not offer
        // discounts"): a restrictive phrase on whom it is for is a guard
        // (issue 14, item 3), so the narrower rule is an exception the
        // broader does not declare.
        let for_some = |x: &Statement| {
            x.action
                .qualifier_keys
                .iter()
                .chain(&x.action.people_keys)
                .any(|k| crate::lexicon::is_people(k) || k == "group")
        };
        // ("never offer discounts of any kind": a ban that says it has no
        // exception is contradicted, not excepted.)
        let without_exception = |s: &Statement| {
            let lower = s.text.to_lowercase();
            [
                " of any kind",
                " of any sort",
                " whatsoever",
                " under any circumstances",
                " for any reason",
            ]
            .iter()
            .any(|w| lower.contains(w))
        };
        if st[n].modality == Modality::Prohibition
            && st[p].modality != Modality::Prohibition
            && for_some(&st[p])
            && !for_some(&st[n])
            && !without_exception(&st[n])
            && st[n].conditions.is_empty()
            && st[n].action.qualifier_keys.is_empty()
        {
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: p,
                loser: n,
                declared: None,
                values: None,
            });
        }
        // A ban for some people only ("do not mention any fee to a patient
        // who is cancelling because of a bereavement") against an act for
        // everyone ("quote private fees from the price list"): the ban is
        // the narrower rule, an exception the broader one does not declare.
        if st[n].modality == Modality::Prohibition
            && st[p].modality != Modality::Prohibition
            && st[n].action.people_clause.is_some()
            && st[p].action.people_clause.is_none()
            && st[p].action.people_keys.is_empty()
            && st[n].conditions.is_empty()
            && st[p].conditions.is_empty()
        {
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: n,
                loser: p,
                declared: None,
                values: None,
            });
        }
        // A ban on the things a clause picks out ("never share reports that
        // contain personal data") against the act on them all ("always share
        // the report"): the narrower rule, an exception the broader one
        // does not declare.
        if st[n].modality == Modality::Prohibition
            && st[p].modality == Modality::Obligation
            && st[n]
                .action
                .object_clause
                .as_deref()
                .is_some_and(|c| !c.split(' ').any(|w| matches!(w, "not" | "never" | "no" | "neither" | "nor")))
            && st[p].action.object_clause.is_none()
            // (Not a thing the clause may describe: "take orders for the
            // walnut cake" against a ban on cakes that contain nuts.)
            && st[p]
                .action
                .object_keys
                .iter()
                .chain(&st[p].action.qualifier_keys)
                .all(|k| st[n].action.object_keys.contains(k) || st[n].action.qualifier_keys.contains(k))
            && st[n].conditions.is_empty()
            && st[p].conditions.is_empty()
        {
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: n,
                loser: p,
                declared: None,
                values: None,
            });
        }
        // "Only mention the returned Direct Debit fee if the payment was
        // returned" (read as a ban outside that case) against "explain each
        // charge": a ban read from "only" on a narrower thing than the duty
        // names is an exception to it, not a flat contradiction.
        if st[n].modality == Modality::Prohibition
            && st[p].modality == Modality::Obligation
            && st[n].reading.is_some()
            && narrower_object(&st[n].action, &st[p].action)
        {
            return Some(Conflict {
                kind: ConflictKind::UndeclaredException,
                winner: n,
                loser: p,
                declared: None,
                values: None,
            });
        }
        // Report at the later statement of the project (the one most likely new).
        let (w, l) = if (st[b].package == 0, st[b].document, st[b].span.start)
            > (st[a].package == 0, st[a].document, st[a].span.start)
        {
            (a, b)
        } else {
            (b, a)
        };
        return Some(Conflict {
            kind: ConflictKind::Conflict,
            winner: w,
            loser: l,
            declared: None,
            values: None,
        });
    }
    let (w, l) = if ra < rb { (a, b) } else { (b, a) };
    let rw = ra.min(rb);
    if st[w].package != st[l].package && st[w].package != 0 && levels.is_top(rw) {
        return Some(Conflict {
            kind: ConflictKind::WeakenedDependencyRule,
            winner: w,
            loser: l,
            declared: None,
            values: None,
        });
    }
    let (kind, declared) = match declared(w, l) {
        Some(d) => (ConflictKind::Override, Some(d)),
        None => (ConflictKind::Shadowed, None),
    };
    Some(Conflict {
        kind,
        winner: w,
        loser: l,
        declared,
        values: None,
    })
}

/// The `overrides=` value of `x`'s section when it names `y` (its section, an
/// enclosing section or its clause; `dep:id` for a dependency's).
fn overrides(ws: &Workspace, x: &Statement, y: &Statement) -> Option<String> {
    let doc = &ws.packages[x.package].documents[x.document];
    let value = doc.sections[x.section_index].overrides.as_ref()?;
    let (dep, id) = match value.split_once(':') {
        Some((d, i)) => (Some(d), i),
        None => (None, value.as_str()),
    };
    let module_ok = match dep {
        None => y.package == x.package,
        Some(d) => ws.packages[x.package]
            .dependencies
            .iter()
            .any(|r| r.name == d && r.package == Some(y.package)),
    };
    if !module_ok {
        return None;
    }
    let ydoc = &ws.packages[y.package].documents[y.document];
    let named = y.clause.as_deref() == Some(id) || ydoc.ancestors(y.section_index).any(|i| ydoc.sections[i].id == id);
    named.then(|| value.clone())
}

fn describe(s: &Statement) -> String {
    format!("{} ({}): {}", s.modality.as_str(), s.actor.as_str(), s.action.display())
}

/// The diagnostics of the conflicts. The primary location is always in the
/// project itself (diagnostics pointing into dependencies are dropped unless errors).
pub fn diagnostics(ws: &Workspace, statements: &[Statement], conflicts: &[Conflict]) -> Vec<Diagnostic> {
    let levels = Levels::of(ws);
    let level = |s: &Statement| levels.rank(s).map(|r| levels.name(r).to_string()).unwrap_or_default();
    let mut out = Vec::new();
    for c in conflicts {
        let (w, l) = (&statements[c.winner], &statements[c.loser]);
        // Two statements of one line are told apart by what they say.
        let (w_name, l_name) = if w.name() == l.name() {
            (
                format!("{} (`{}`)", w.name(), w.action.display()),
                format!("{} (`{}`)", l.name(), l.action.display()),
            )
        } else {
            (w.name(), l.name())
        };
        // ("section `refunds` (line 70) ... section `extras` (line 18)" in two
        // files: each line with its file.)
        let (w_name, l_name) = if w.path != l.path && w.package == l.package {
            let with_file = |name: String, s: &Statement| {
                let file = std::path::Path::new(&s.path)
                    .file_name()
                    .map_or(s.path.clone(), |f| f.to_string_lossy().into_owned());
                name.replacen(&format!("(line {})", s.line), &format!("({file}:{})", s.line), 1)
            };
            (with_file(w_name, w), with_file(l_name, l))
        } else {
            (w_name, l_name)
        };
        // (Conditions are read lowercased; a name in them is shown as its
        // rule writes it: "at Exeter Airport", "in English".)
        let written = |text: &str| as_written(text, &[w.text.as_str(), l.text.as_str()]);
        let cond = match situation(w, l).map(|s| written(&s.when)).filter(|s| !s.is_empty()) {
            Some(when) => format!("both apply in the situation `{when}`"),
            // ("Customers who write in Welsh must be answered in Welsh": a rule
            // for some people has no condition, but is not unconditional.)
            None if l.conditions.is_empty()
                && [w, l].iter().any(|s| {
                    s.action.people_clause.is_some()
                        || !s.action.people_keys.is_empty()
                        || s.text.to_lowercase().contains(" who ")
                }) =>
            {
                "no condition in either rule separates them".to_string()
            }
            None if l.conditions.is_empty() => "both apply unconditionally".to_string(),
            None => {
                format!(
                    "both apply under the same conditions ({})",
                    l.conditions
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        };
        // (Untagged rules hold in every conversation: nothing to say.)
        let scope = if l.tags.is_empty() {
            String::new()
        } else {
            format!(", in conversations tagged {}", l.tags.join(", "))
        };
        let d = match c.kind {
            ConflictKind::Conflict => {
                let cross = if w.package != l.package { " in different modules" } else { "" };
                Diagnostic::new(
                    Code::ConflictingRules,
                    format!(
                        "{} contradicts {} at the same authority (`{}`){cross}",
                        l_name,
                        w_name,
                        level(l)
                    ),
                )
                .at(l.file, l.trigger_span)
                .with_label(describe(l))
                .with_secondary(w.file, w.trigger_span, describe(w))
                .with_note(if let Some(refused) = situation(w, l)
                    .filter(|s| s.undeclared_exception)
                    .and_then(|_| refusal(&l.text).or_else(|| refusal(&w.text)))
                {
                    // (An exception the broader rule refuses in so many words.)
                    format!("{cond}{scope}; the broader rule says \"{refused}\", so it admits no exception")
                } else if let Some(values) = &c.values {
                    // ("must not be quoted in anything other than euros" sets
                    // the value by a ban.)
                    let both = if w.modality == Modality::Obligation && l.modality == Modality::Obligation {
                        "both require the act"
                    } else {
                        "both rule on the act"
                    };
                    format!("{cond}{scope}: {both}, with {values}")
                } else if w.modality == Modality::Obligation && l.modality == Modality::Obligation {
                    format!("{cond}{scope}: both require the act, with one attribute of it set to two different values")
                } else {
                    format!("{cond}{scope}")
                })
                .with_help(
                    // (In one section, `overrides=` cannot part them.)
                    if w.section == l.section && w.file == l.file && w.clause.is_none() {
                        "state the condition or exception that separates them, or move one into a section of its own with a different authority or `overrides=`".to_string()
                    } else {
                        format!(
                            "state the condition or exception that separates them, give one a different authority, or declare `overrides={}` on the section of the one that should win",
                            w.clause.clone().unwrap_or_else(|| w.section.clone())
                        )
                    },
                )
            }
            ConflictKind::Shadowed => {
                // ("... can never apply" overstates a rule that loses only in
                // a situation: it still holds everywhere else.)
                let somewhere = cond.starts_with("both apply in the situation");
                let never = if somewhere { "does not apply there" } else { "never applies" };
                let (at, other, label, other_label) = if l.package == 0 {
                    (l, w, format!("{never}: {}", describe(l)), format!("wins: {}", describe(w)))
                } else {
                    (w, l, format!("wins: {}", describe(w)), format!("{never}: {}", describe(l)))
                };
                let target = match &l.module {
                    Some(m) => format!("{m}:{}", l.clause.clone().unwrap_or_else(|| l.section.clone())),
                    None => l.clause.clone().unwrap_or_else(|| l.section.clone()),
                };
                Diagnostic::new(
                    Code::ShadowedRule,
                    format!(
                        "{} {}: {} (`{}`) outranks it (`{}`)",
                        l_name,
                        if somewhere { "cannot apply in the situation both name" } else { "can never apply" },
                        w_name,
                        level(w),
                        level(l)
                    ),
                )
                .at(at.file, at.trigger_span)
                .with_label(label)
                .with_secondary(other.file, other.trigger_span, other_label)
                .with_note(format!("{cond}{scope}; the chain of command decides for {w_name}"))
                .with_help(format!(
                    "remove or narrow the statement that never applies, or document the intent with `overrides={target}` on the winning section"
                ))
            }
            ConflictKind::Override => {
                let (at, other) = if w.package == 0 { (w, l) } else { (l, w) };
                Diagnostic::new(
                    Code::DocumentedOverride,
                    format!(
                        "{} overrides {} (`overrides={}`)",
                        w_name,
                        l_name,
                        c.declared.clone().unwrap_or_default()
                    ),
                )
                .at(at.file, at.trigger_span)
                .with_label(if at.file == w.file && at.span == w.span {
                    format!("applies: {}", describe(w))
                } else {
                    format!("overridden: {}", describe(l))
                })
                .with_secondary(
                    other.file,
                    other.trigger_span,
                    if other.span == l.span && other.file == l.file {
                        format!("overridden: {}", describe(l))
                    } else {
                        format!("applies: {}", describe(w))
                    },
                )
                .with_help("nothing to do: the override is declared; remove `overrides=` if it no longer holds")
            }
            ConflictKind::WeakenedDependencyRule => Diagnostic::new(
                Code::WeakenedDependencyRule,
                format!(
                    "{} contradicts {}, a `{}` rule of dependency `{}` that an importing spec cannot weaken",
                    l_name,
                    w_name,
                    level(w),
                    w.module.clone().unwrap_or_default()
                ),
            )
            .at(l.file, l.trigger_span)
            .with_label(describe(l))
            .with_secondary(w.file, w.trigger_span, format!("wins: {}", describe(w)))
            .with_note(format!("{cond}{scope}"))
            .with_help("remove the contradicting statement, or narrow it with a condition the dependency's rule allows; `overrides=` cannot lift a `root` or `system` rule"),
            ConflictKind::UndeclaredException => {
                // (A narrower thing rather than a narrower case: "same-day
                // bookings" under "a booking" is the exception.)
                // ("by default" names no case: see `exception_clause`.)
                let cases: Vec<&str> = w
                    .conditions
                    .iter()
                    .map(|c| c.text.as_str())
                    .filter(|c| !c.starts_with("by default"))
                    .collect();
                let guard = if cases.is_empty() {
                    format!("for {}", object_as_written(w))
                } else {
                    written(&cases.join(" and "))
                };
                Diagnostic::new(
                    Code::UndeclaredException,
                    format!(
                        "{} is an exception that {} does not declare, both at authority `{}`",
                        w_name,
                        l_name,
                        level(l)
                    ),
                )
                .at(l.file, l.trigger_span)
                // ("The assistant must not unlock an e-scooter for a rider who
                // says they are under 18": a rule with a case of its own is
                // broader, not everywhere.)
                .with_label(format!(
                    "{}: {}",
                    if l.conditions.is_empty() && l.action.people_clause.is_none() {
                        "applies everywhere"
                    } else {
                        "applies more widely"
                    },
                    describe(l)
                ))
                .with_secondary(w.file, w.trigger_span, format!("except {guard}: {}", describe(w)))
                .with_note(format!("both apply {guard}{scope}"))
                .with_help(if w.section == l.section && w.file == l.file && w.package == l.package {
                    // (In one section, `overrides=` on it would name itself.)
                    format!(
                        "write the exception into the broader rule (\"... {}\"), or move the exception into a section of its own with `overrides={}`",
                        written(&exception_clause(w)),
                        l.clause.clone().unwrap_or_else(|| l.section.clone())
                    )
                } else {
                    format!(
                        "write the exception into the broader rule (\"... {}\"), or declare `overrides={}` on the section of the exception",
                        written(&exception_clause(w)),
                        l.clause.clone().unwrap_or_else(|| l.section.clone())
                    )
                })
            }
        };
        out.push(d);
    }
    out
}

/// A pair that comes close to a conflict: the same actor, opposite polarity and
/// a shared verb, but something the rules count separates them.
#[derive(Clone, Debug, Serialize)]
pub struct NearMiss {
    /// The obligation or permission.
    pub positive: usize,
    pub prohibition: usize,
    /// Jaccard similarity of the two objects' content words.
    pub overlap: f64,
    /// What separates them.
    pub separation: Separation,
    /// The same, in words.
    pub reason: String,
}

/// What keeps a near miss from being a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Separation {
    Scope,
    Object,
    Subject,
    /// Different conditions: the rules' blind spot, which `--deep` asks about.
    Conditions,
}

/// The `limit` closest pairs that are not conflicts, for reviewing what the
/// rules let through (closest object overlap first).
pub fn near_misses(statements: &[Statement], limit: usize) -> Vec<NearMiss> {
    let mut out = Vec::new();
    for (p, pos) in statements.iter().enumerate() {
        if pos.modality == Modality::Prohibition || pos.package != 0 {
            continue;
        }
        for (n, neg) in statements.iter().enumerate() {
            if neg.modality != Modality::Prohibition || neg.package != 0 || pos.actor != neg.actor {
                continue;
            }
            let shared_verb = pos.action.verbs.iter().any(|v| {
                neg.action
                    .verbs
                    .iter()
                    .any(|w| crate::lemma::key(v) == crate::lemma::key(w))
            });
            if !shared_verb || contradicts(pos, neg) || (pos.file == neg.file && pos.span == neg.span) {
                continue;
            }
            let (a, b) = (&pos.action.object_keys, &neg.action.object_keys);
            let inter = a.iter().filter(|k| b.contains(k)).count();
            let union = a.len() + b.len() - inter;
            let overlap = if union == 0 { 1.0 } else { inter as f64 / union as f64 };
            // "be ignored" and "be trusted" share only the verb "be": not close.
            if inter == 0 && union > 0 {
                continue;
            }
            let c = |s: &Statement| {
                if s.conditions.is_empty() {
                    "none".to_string()
                } else {
                    s.conditions
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            };
            let (separation, reason) = if pos.tags != neg.tags {
                (
                    Separation::Scope,
                    format!(
                        "different scope: tags [{}] and [{}]",
                        pos.tags.join(","),
                        neg.tags.join(",")
                    ),
                )
            } else if !b.iter().all(|k| a.contains(k)) {
                (
                    Separation::Object,
                    format!(
                        "different objects: \"{}\" and \"{}\"",
                        pos.action.object, neg.action.object
                    ),
                )
            } else if pos.action.subject != neg.action.subject {
                (Separation::Subject, "different subjects".to_string())
            } else {
                (
                    Separation::Conditions,
                    format!("separated by conditions: \"{}\" and \"{}\"", c(pos), c(neg)),
                )
            };
            out.push(NearMiss {
                positive: p,
                prohibition: n,
                overlap,
                separation,
                reason,
            });
        }
    }
    out.sort_by(|x, y| {
        y.overlap
            .total_cmp(&x.overlap)
            .then((x.positive, x.prohibition).cmp(&(y.positive, y.prohibition)))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::{channel_of, date_format_of, unit_of};

    #[test]
    fn a_date_format_is_read_from_a_pattern_or_an_example() {
        assert_eq!(
            date_format_of("Write all dates in DD/MM/YYYY format."),
            Some("DD/MM/YYYY")
        );
        assert_eq!(
            date_format_of("Use ISO 8601 dates (1881-03-04) in every reply."),
            Some("YYYY-MM-DD")
        );
        assert_eq!(
            date_format_of("Dates are written day-month-year, e.g. 4 March 1881."),
            Some("DD/MM/YYYY")
        );
        assert_eq!(
            date_format_of("Give deadlines in the form 'April 15, 2026'."),
            Some("Month D, YYYY")
        );
        assert_eq!(date_format_of("Give the date of the next class."), None);
        assert_eq!(date_format_of("Tell members the plot is 5 metres wide."), None);
    }

    #[test]
    fn a_unit_is_read_after_in_or_per_not_after_a_figure() {
        assert_eq!(
            unit_of("Give diesel prices per US gallon."),
            Some(("volume unit", "gal"))
        );
        assert_eq!(unit_of("Quote sizes in centimetres."), Some(("length unit", "cm")));
        assert_eq!(unit_of("Express power in kilowatts."), Some(("power unit", "kW")));
        assert_eq!(unit_of("The pool is 25 metres long."), None);
        assert_eq!(unit_of("Reply in English."), None);
    }

    #[test]
    fn a_channel_is_read_after_by_or_via_and_only_marks_it_the_one() {
        assert_eq!(channel_of("Send the form via SMS only."), Some(("SMS", true)));
        assert_eq!(channel_of("Confirm every order by e-mail."), Some(("email", false)));
        assert_eq!(channel_of("By text message, remind them."), Some(("SMS", false)));
        // A name after "by", and "by" inside a word, are no channel.
        assert_eq!(channel_of("Orders placed by Sam are final."), None);
        assert_eq!(channel_of("The nearby email kiosk is closed."), None);
    }
}

/// A condition is read lowercased; shown, its names are as the rule
/// writes them (a new user pasted "unless a booking is at exeter airport").
#[test]
fn names_in_a_shown_condition_are_as_written() {
    let sentences = [
        "When a booking is at Exeter Airport, always ask for the flight number.",
        "If the licence is not in English, ask for an IDP.",
    ];
    assert_eq!(
        as_written(
            "when a booking is at exeter airport and if the licence is not in english",
            &sentences
        ),
        "when a booking is at Exeter Airport and if the licence is not in English"
    );
    // (A sentence's first word is no name: "when" stays lowercase.)
    assert_eq!(as_written("when asked", &["When asked, say no."]), "when asked");
    // (Nor a word the rules also write in lowercase.)
    assert_eq!(
        as_written(
            "if a tenant reports a smell of gas",
            &["If a tenant reports a smell of gas, call the Gas Safe engineer."]
        ),
        "if a tenant reports a smell of gas"
    );
    // (A name of two words keeps both capitals where the rules write it so,
    // though "a student" is lowercase elsewhere; a sentence's first word
    // makes no such name.)
    assert_eq!(
        as_written(
            "outside student hub opening hours",
            &[
                "Outside Student Hub opening hours, do not offer a handover.",
                "Tell a student where the Student Hub is."
            ]
        ),
        "outside Student Hub opening hours"
    );
    // (A capital of other bytes than its lowercase, twice in one text.)
    let sentences = [
        "Tell them to visit the İstanbul Office today.",
        "The İstanbul Office is open.",
    ];
    let lower = "at the i̇stanbul office or the i̇stanbul office".to_string();
    assert_eq!(
        as_written(&lower, &sentences),
        "at the İstanbul Office or the İstanbul Office"
    );
}

#[test]
fn prices_with_and_without_tax() {
    assert_eq!(tax_included("Quote all treatment prices inclusive of VAT."), Some(true));
    assert_eq!(
        tax_included("Prices should always be given excluding VAT."),
        Some(false)
    );
    assert_eq!(tax_included("Give rates plus GST."), Some(false));
    assert_eq!(tax_included("All prices inc. VAT."), Some(true));
    assert_eq!(tax_included("Show prices before sales tax."), Some(false));
    assert_eq!(tax_included("Prices in chat must include VAT."), Some(true));
    assert_eq!(tax_included("Never give VAT advice."), None);
    assert_eq!(tax_included("Quote prices in pounds."), None);
}

#[test]
fn times_of_day_and_the_ranges_they_bound() {
    let words = |t: &str| lower_words(t).collect::<Vec<_>>();
    let at = |t: &str| time_of_day(&words(t), 0).map(|(v, _)| v);
    assert_eq!(at("6pm"), Some(1080.0));
    assert_eq!(at("6 pm"), Some(1080.0));
    assert_eq!(at("6:30pm"), Some(1110.0));
    assert_eq!(at("12am"), Some(0.0));
    assert_eq!(at("noon"), Some(720.0));
    assert_eq!(at("30 days"), None);
    // ("18.00" may be an amount; after a word for a moment it is a time.)
    assert_eq!(at("18:00"), None);
    assert_eq!(time_of_day(&words("after 18:00"), 1).map(|(v, _)| v), Some(1080.0));
    let range = |t: &str| range_of(&words(t)).unwrap();
    let (late, early) = (
        range("bookings starting at 6pm or later"),
        range("bookings that start before 6pm"),
    );
    assert!(late.above && !early.above);
    assert!(!late.meets(&early));
    assert!(range("after 5:30 pm").meets(&range("before 6pm")));
    assert!(range("until noon").meets(&range("from 9am")));
}

#[test]
fn amounts_to_the_cent_or_in_whole_units() {
    assert_eq!(
        decimals_of("Show all amounts with exactly two decimal places."),
        Some("cents")
    );
    assert_eq!(
        decimals_of("Display amounts without any decimal places."),
        Some("whole")
    );
    assert_eq!(decimals_of("Round payments to the nearest dollar."), Some("whole"));
    assert_eq!(decimals_of("Show bills to the penny."), Some("cents"));
    assert_eq!(decimals_of("Quote prices in whole pounds."), Some("whole"));
    assert_eq!(decimals_of("Send the nearest branch's address."), None);
}

#[test]
fn spans_of_the_year_and_the_day_meet_or_not() {
    // November to March (10 to 2, inclusive) wraps the year's end; April to
    // October does not meet it; March to May does.
    let months = |start, end| Span { start, end, size: 12 };
    assert!(!months(10, 3).meets(&months(3, 10)));
    assert!(months(10, 3).meets(&months(2, 5)));
    // 22:00 to 06:00 holds midnight to 05:00; 09:00 to 17:00 does not.
    let hours = |start: u32, end: u32| Span {
        start: start * 60,
        end: end * 60,
        size: 24 * 60,
    };
    assert!(hours(22, 6).meets(&hours(0, 5)));
    assert!(!hours(0, 5).meets(&hours(9, 17)));
}

#[test]
fn a_guard_that_ends_at_between_or_and_is_no_span() {
    let words = |t: &str| lower_words(t).collect::<Vec<_>>();
    for case in [
        "if it falls between",
        "between 10pm and",
        "between midnight",
        "between may and",
    ] {
        assert_eq!(span_of_words(&words(case)), None, "{case}");
    }
    assert_eq!(
        span_of_words(&words("between 6:30 pm and midnight")),
        Some(Span {
            start: 18 * 60 + 30,
            end: 0,
            size: 24 * 60
        })
    );
}
