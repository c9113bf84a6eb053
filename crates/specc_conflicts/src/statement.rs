//! Normative statements: who must, must not or may do what, under which
//! conditions, at which authority. One sentence can hold several (one per modal
//! trigger). Extraction is rule-based over the normalised sentence text the
//! linter reads (quoted passages and inline code blanked), so it is fast,
//! deterministic and explainable; what it cannot read is left to `--deep`.
//!
//! A list item is a clause of its own (#clauses). One with no modal word under a
//! lead-in that ends with its trigger ("The assistant must not:", "... should never
//! do any of the following:") takes the lead-in's modality, actor and conditions;
//! an item with a modal word of its own keeps it, and only the lead-in's
//! conditions reach it.

use crate::lemma::{key, lemma};
use rayon::prelude::*;
use serde::Serialize;
use specc_diagnostics::{FileId, Span};
use specc_project::Workspace;
use specc_syntax::norm::{NormText, block_sentences, normalize, words};
use specc_syntax::normative::{Actors, NameCounts};
use specc_syntax::{Document, ProseKind};

/// What a statement does to its action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// must, should, always, is required to.
    Obligation,
    /// must not, should not, never, don't, avoid, refuse to.
    Prohibition,
    /// may, can, is allowed to.
    Permission,
}

impl Modality {
    /// The lowercase name used in JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Prohibition => "prohibition",
            Modality::Permission => "permission",
        }
    }
}

/// Whose conduct a statement rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    /// The default: a Model Spec sentence without another subject rules the assistant.
    Assistant,
    Developer,
    User,
}

impl Actor {
    /// The lowercase name used in JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Assistant => "assistant",
            Actor::Developer => "developer",
            Actor::User => "user",
        }
    }
}

/// The action: a lemmatised verb (or two joined by "or"/"and") and its object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Action {
    pub verbs: Vec<String>,
    /// The object as written (normalised), up to the next clause boundary.
    pub object: String,
    /// Lemmatised content words of the object up to its first preposition,
    /// sorted, without the people it is done to: what matching compares.
    pub object_keys: Vec<String>,
    /// The object's words after that preposition ("in a way that ..."),
    /// which narrow it: a prohibition's must all be in the positive rule's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub qualifier_keys: Vec<String>,
    /// The people the object's qualifiers name ("with children"): two rules
    /// that name different people are about different cases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people_keys: Vec<String>,
    /// The relative clause on the people acted for ("who have subscribed"),
    /// as its sorted content words: another clause is another case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people_clause: Option<String>,
    /// The relative clause on the thing acted on ("posts that share a home
    /// address"), as its sorted content words: a clause that neither
    /// includes nor is included in another's is another case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_clause: Option<String>,
    /// A list object's items ("rebooking, a hotel voucher, and a refund"),
    /// each as its content words: the rule is about each of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub object_items: Vec<Vec<String>>,
    /// A subject that is neither an actor nor the assistant ("responses should ...").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The act as written, from its verb to the end of its object ("apologise
    /// for the disruption", "tell a customer how much compensation ..."), when
    /// the statement reads it as written (not for a reading derived from another).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    /// An act written as a noun with nothing after it ("give a diagnosis",
    /// "never provide a diagnosis"): the act on whatever is at hand, not an
    /// object that could not be read.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub any_object: bool,
}

impl Action {
    /// "provide legal advice" as one line: as written when known.
    pub fn display(&self) -> String {
        let core = self.display_act();
        match &self.subject {
            Some(s) => format!("({s}) {core}"),
            None => core,
        }
    }

    /// The act without its own subject: "register" for "(client) register".
    pub fn display_act(&self) -> String {
        let verbs = self.verbs.join("/");
        // A fact of price ("the deposit is £50"): what it prices, and the amount.
        if self.verbs == ["cost"] {
            return format!("price: {}", self.object);
        }
        if let Some(w) = &self.written {
            w.clone()
        } else if self.verbs == ["ask for"] && self.object.contains(" for ") {
            // ("ask students for their ID number", read as asking for it.)
            format!("ask {}", self.object)
        } else if self.object.is_empty() {
            verbs
        } else {
            format!("{verbs} {}", self.object)
        }
    }
}

/// A condition or exception that limits when a statement applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Condition {
    /// if, unless, when, except, only when, where, as long as, provided that, by default.
    pub kind: String,
    /// The condition's words (normalised), marker included.
    pub text: String,
    /// Read from the words after the subject's head ("Replies to complaints
    /// must ..."): a case the other rule may name in its own words.
    #[serde(skip)]
    pub of_subject: bool,
}

/// One normative statement.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    /// Index of the package in [`Workspace::packages`] (0 is the project itself).
    #[serde(skip)]
    pub package: usize,
    /// The dependency name, for statements imported from a dependency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(skip)]
    pub file: FileId,
    pub path: String,
    pub line: usize,
    /// The whole sentence.
    pub span: Span,
    /// The modal words that make it normative.
    pub trigger: String,
    pub trigger_span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    pub section: String,
    /// Index of the section in its document.
    #[serde(skip)]
    pub section_index: usize,
    /// Index of the document in its package's documents.
    #[serde(skip)]
    pub document: usize,
    /// The section's own level.
    pub authority: String,
    pub tags: Vec<String>,
    pub modality: Modality,
    pub actor: Actor,
    pub action: Action,
    pub conditions: Vec<Condition>,
    /// The sentence as written.
    pub text: String,
    /// For a statement read from another of the same sentence, how ("'only
    /// if' forbids the act outside its case", "to waive is not to charge").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

impl Statement {
    /// How diagnostics name it: its clause, or the section it is in.
    pub fn name(&self) -> String {
        let m = self.module.as_deref().map(|m| format!("{m}:")).unwrap_or_default();
        match &self.clause {
            // (A minted ID, `wumj`, says nothing: its line says where.)
            Some(c) => format!("clause `{m}{c}` (line {})", self.line),
            None => format!("the statement in section `{m}{}` (line {})", self.section, self.line),
        }
    }
}

struct Trigger {
    words: &'static [&'static str],
    modality: Modality,
    /// Imperative triggers ("never", "avoid") need no subject.
    imperative: bool,
}

const fn t(words: &'static [&'static str], modality: Modality, imperative: bool) -> Trigger {
    Trigger {
        words,
        modality,
        imperative,
    }
}

use Modality::{Obligation as O, Permission as P, Prohibition as N};

/// Longest first where one is a prefix of another.
const TRIGGERS: &[Trigger] = &[
    t(&["should", "not", "only"], O, false),
    t(&["must", "not", "only"], O, false),
    t(&["is", "not", "allowed", "to"], N, false),
    t(&["are", "not", "allowed", "to"], N, false),
    t(&["is", "not", "permitted", "to"], N, false),
    t(&["are", "not", "permitted", "to"], N, false),
    t(&["is", "prohibited", "from"], N, false),
    t(&["are", "prohibited", "from"], N, false),
    // "It is prohibited to arrange ...", "It is forbidden to ...".
    t(&["is", "prohibited", "to"], N, false),
    t(&["is", "forbidden", "to"], N, false),
    // "It is mandatory to mention the fee ...".
    t(&["is", "mandatory", "to"], O, false),
    t(&["is", "required", "to"], O, false),
    t(&["are", "required", "to"], O, false),
    // "The assistant is responsible for confirming ...", "is in charge of
    // booking ...": a duty, its act a gerund (kept to one, below).
    t(&["is", "responsible", "for"], O, false),
    t(&["are", "responsible", "for"], O, false),
    t(&["is", "in", "charge", "of"], O, false),
    t(&["are", "in", "charge", "of"], O, false),
    // "It is the assistant's job to confirm ...", "it's your responsibility
    // to ...": the duty's holder just before it ([`duty_holder`]).
    t(&["job", "to"], O, false),
    t(&["duty", "to"], O, false),
    t(&["responsibility", "to"], O, false),
    t(&["task", "to"], O, false),
    // "It is up to the assistant to confirm ...": the subject after "up
    // to", up to the next "to" (read below, as "fine for X to" is).
    t(&["up", "to"], O, false),
    t(&["is", "expected", "to"], O, false),
    t(&["are", "expected", "to"], O, false),
    t(&["is", "not", "to"], N, false),
    t(&["are", "not", "to"], N, false),
    t(&["is", "never", "to"], N, false),
    t(&["are", "never", "to"], N, false),
    // "Full solutions are to be shown only when ...", "the assistant is to
    // avoid ...": (kept to a passive or an actor's subject, below).
    t(&["is", "to"], O, false),
    t(&["are", "to"], O, false),
    t(&["under", "no", "circumstances", "should"], N, true),
    t(&["under", "no", "circumstances", "may"], N, true),
    t(&["under", "no", "circumstances", "must"], N, true),
    t(&["under", "no", "circumstances", "can"], N, true),
    t(&["under", "no", "circumstances", "will"], N, true),
    // "Under no circumstances is the assistant to take ...": the subject
    // after "is", up to "to" (read below, as "fine for X to" is).
    t(&["under", "no", "circumstances", "is"], N, true),
    t(&["under", "no", "circumstances", "are"], N, true),
    // "The assistant must under no circumstances give out ...", "must at
    // no time share ...": the modal word, then a phrase that negates it.
    t(&["must", "under", "no", "circumstances"], N, false),
    t(&["should", "under", "no", "circumstances"], N, false),
    t(&["may", "under", "no", "circumstances"], N, false),
    t(&["must", "at", "no", "time"], N, false),
    t(&["should", "at", "no", "time"], N, false),
    t(&["may", "at", "no", "time"], N, false),
    t(&["must", "on", "no", "account"], N, false),
    t(&["should", "on", "no", "account"], N, false),
    t(&["must", "in", "no", "case"], N, false),
    t(&["should", "in", "no", "case"], N, false),
    // "Under no circumstances give out the owner's number", "On no account
    // quote a price": a bare imperative, forbidden.
    t(&["under", "no", "circumstances"], N, true),
    t(&["on", "no", "account"], N, true),
    t(&["at", "no", "time"], N, true),
    t(&["in", "no", "case"], N, true),
    t(&["has", "to"], O, false),
    t(&["have", "to"], O, false),
    t(&["needs", "to"], O, false),
    t(&["need", "to"], O, false),
    t(&["shall", "not"], N, false),
    t(&["shall", "never"], N, false),
    t(&["may", "not"], N, false),
    t(&["may", "never"], N, false),
    t(&["can", "not"], N, false),
    t(&["cannot"], N, false),
    t(&["can't"], N, false),
    t(&["must", "decline", "to"], N, false),
    t(&["should", "decline", "to"], N, false),
    // "It's fine for Marin to confirm the date", "it is not acceptable
    // for staff to ...": the subject after "for", the act after "to".
    t(&["not", "acceptable", "for"], N, false),
    t(&["never", "acceptable", "for"], N, false),
    t(&["fine", "for"], P, false),
    t(&["acceptable", "for"], P, false),
    t(&["okay", "for"], P, false),
    t(&["ok", "for"], P, false),
    t(&["is", "allowed", "to"], P, false),
    t(&["are", "allowed", "to"], P, false),
    t(&["is", "permitted", "to"], P, false),
    t(&["are", "permitted", "to"], P, false),
    t(&["must", "never"], N, false),
    t(&["should", "never"], N, false),
    t(&["must", "not"], N, false),
    t(&["should", "not"], N, false),
    t(&["must", "avoid"], N, false),
    t(&["should", "avoid"], N, false),
    t(&["must", "refuse", "to"], N, false),
    t(&["must", "refrain", "from"], N, false),
    t(&["should", "refrain", "from"], N, false),
    t(&["should", "refuse", "to"], N, false),
    t(&["must", "always"], O, false),
    t(&["should", "always"], O, false),
    t(&["mustn't"], N, false),
    t(&["shouldn't"], N, false),
    t(&["do", "not"], N, true),
    t(&["don't"], N, true),
    // "Inkbot does not recommend ...", "the assistant declines to extend
    // ...": the assistant, by name or role, in the present tense (kept to
    // that subject below, as "Cinebot never reveals" is).
    t(&["does", "not"], N, true),
    t(&["doesn't"], N, true),
    t(&["declines", "to"], N, true),
    t(&["refuses", "to"], N, true),
    t(&["refrains", "from"], N, true),
    t(&["avoids"], N, true),
    t(&["never"], N, true),
    t(&["always", "avoid"], N, true),
    t(&["avoid"], N, true),
    // "Steer clear of quoting ...", "hold back from naming ...": as "avoid";
    // "make a point of telling ...": as "always".
    t(&["must", "steer", "clear", "of"], N, false),
    t(&["should", "steer", "clear", "of"], N, false),
    t(&["steer", "clear", "of"], N, true),
    t(&["steers", "clear", "of"], N, true),
    t(&["must", "hold", "back", "from"], N, false),
    t(&["should", "hold", "back", "from"], N, false),
    t(&["hold", "back", "from"], N, true),
    t(&["holds", "back", "from"], N, true),
    t(&["must", "make", "a", "point", "of"], O, false),
    t(&["should", "make", "a", "point", "of"], O, false),
    t(&["make", "a", "point", "of"], O, true),
    t(&["makes", "a", "point", "of"], O, true),
    // "It's not our place to judge ...", "it is not your place to ...".
    t(&["place", "to"], N, false),
    t(&["refuse", "to"], N, true),
    t(&["decline", "to"], N, true),
    t(&["refrain", "from"], N, true),
    t(&["always"], O, true),
    t(&["must"], O, false),
    t(&["shall"], O, false),
    t(&["should"], O, false),
    t(&["may"], P, false),
    t(&["can"], P, false),
    // A ban on the subject itself ("Sharing the code is not permitted."),
    // after the forms with "to".
    t(&["is", "not", "permitted"], N, false),
    t(&["are", "not", "permitted"], N, false),
    t(&["is", "not", "allowed"], N, false),
    t(&["are", "not", "allowed"], N, false),
    t(&["is", "prohibited"], N, false),
    t(&["are", "prohibited"], N, false),
    t(&["is", "forbidden"], N, false),
];

/// Words that open a condition, longest first. "even if" is concessive (the
/// statement applies anyway), so it is not a condition.
const CONDITIONS: &[&[&str]] = &[
    &["only", "when"],
    &["only", "if"],
    &["only", "after"],
    &["only", "once"],
    &["as", "long", "as"],
    &["provided", "that"],
    &["by", "default"],
    &["in", "cases", "where"],
    &["except"],
    &["unless"],
    &["whenever"],
    &["as", "soon", "as"],
    // "Every time a prospect asks, ...": as "whenever".
    &["every", "time"],
    &["each", "time"],
    &["when"],
    &["if"],
    &["where"],
    // Time guards: "during probation", "after the exam", "before booking".
    &["during"],
    &["before"],
    &["after"],
    &["until"],
    &["once"],
    &["while"],
];

/// Adverbs skipped before the verb or in the subject.
const ADVERBS: &[&str] = &[
    "also",
    "always",
    "still",
    "generally",
    "typically",
    "usually",
    "just",
    "proactively",
    "actively",
    "explicitly",
    "directly",
    "carefully",
    "clearly",
    "simply",
    "instead",
    "then",
    "further",
    "even",
    "ever",
    "only",
    "not",
    "otherwise",
    "likely",
    "probably",
    "really",
    "necessarily",
    "gently",
    "politely",
    "briefly",
    "immediately",
    "therefore",
    "thus",
    "however",
    "similarly",
    "likewise",
    "again",
    "first",
    "freely",
    "fully",
    "readily",
];

/// Words that carry no content in an object.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "any",
    "all",
    "their",
    "its",
    "his",
    "her",
    "your",
    "our",
    "my",
    "this",
    "that",
    "these",
    "those",
    "such",
    "some",
    "of",
    "to",
    "for",
    "with",
    "in",
    "on",
    "at",
    "by",
    "from",
    "about",
    "into",
    "onto",
    "upon",
    "towards",
    "toward",
    "through",
    "via",
    "or",
    "and",
    "as",
    "it",
    "them",
    "they",
    "him",
    "me",
    "you",
    "more",
    "other",
    "own",
    "each",
    "every",
    "so",
    "be",
    "is",
    "are",
    "there",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "whether",
    "another",
    "whichever",
    "whatever",
    "how",
    "than",
    "very",
    "too",
    "also",
    "even",
    "just",
    "only",
    "one",
    "itself",
    "yourself",
    "behind",
    "particular",
    "specific",
    "individual",
    "certain",
];

/// Words that end a subject or an action: conjunctions opening another
/// clause (a match: asked about most tokens of every rule).
fn is_boundary_word(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "so"
            | "because"
            | "while"
            | "since"
            | "although"
            | "though"
            | "whereas"
            | "which"
            | "who"
            | "that"
            | "then"
            | "how"
            | "whether"
            | "why"
    )
}

/// [`STOP`] as a set: it is asked about every word of every statement.
fn in_stop(w: &&str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect()).contains(*w)
}

/// [`ADVERBS`] as a set.
fn in_adverbs(w: &&str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| ADVERBS.iter().copied().collect()).contains(*w)
}

/// Verbs after "may"/"can" that make the sentence about possibility, not permission.
const EPISTEMIC: &[&str] = &[
    "be",
    "have",
    "seem",
    "appear",
    "feel",
    "need",
    "become",
    "vary",
    "depend",
    "differ",
    "mean",
    "result",
    "lead",
    "occur",
    "happen",
    "arise",
    "look",
    "sound",
    "find",
    "perceive",
    "notice",
    "want",
    "wish",
    "expect",
    "prefer",
    "think",
    "believe",
    "struggle",
    "encounter",
    "receive",
    "experience",
];

#[derive(Clone, Copy)]
struct Tok<'a> {
    w: &'a str,
    s: usize,
    e: usize,
    /// A comma, semicolon, colon, bracket or dash comes between this word and the previous one.
    cut: bool,
}

/// Where a label that declares the sentence an exception ends: "Exception:",
/// "Exception to the rule above:", "As an exception:" (the index of the
/// first word after its colon).
fn exception_label_end(toks: &[Tok<'_>], text: &str) -> Option<usize> {
    let opens = toks.first().is_some_and(|t| matches!(t.w, "exception" | "exceptions"))
        || (toks.len() > 3 && toks[0].w == "as" && toks[1].w == "an" && toks[2].w == "exception");
    if !opens {
        return None;
    }
    (1..toks.len().min(9)).find(|&k| toks[k].cut && text.get(toks[k - 1].e..toks[k].s).is_some_and(|g| g.contains(':')))
}

/// Whether a sentence says it is an exception ("Exception to the rule
/// above: ...", "As an exception, ..."): its author declared it, so it
/// contradicts no broader rule it narrows.
pub(crate) fn declares_exception(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    lower.starts_with("exception")
        || lower.starts_with("as an exception")
        || lower.starts_with("by way of exception")
        || lower.starts_with("the only exception")
        || lower.starts_with("one exception")
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    tokens_of(text, &words(text))
}

/// [`tokens`] from the text's words, split already (the classifier reads
/// the same split).
fn tokens_of<'a>(text: &'a str, split: &[(usize, usize, &'a str)]) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok<'_>> = Vec::with_capacity(split.len());
    let mut prev_end = 0;
    // Inside an aside in parentheses ("photo ID (a passport or a driving
    // licence) for any order of £1,000 or more"): its words are skipped, so
    // the rule reads on past it. (Not a case or an exception in
    // parentheses, "(unless ...)", which the rule needs.)
    let mut aside = false;
    for &(s, e, w) in split {
        let mut gap = &text[prev_end..s];
        // (Most words follow one space: no punctuation to read, no sign to take.)
        if !aside && gap == " " && !w.is_empty() && !w.starts_with('-') && !w.starts_with("non-") {
            prev_end = e;
            out.push(Tok { w, s, e, cut: false });
            continue;
        }
        if aside {
            match gap.rfind(')') {
                Some(close) => {
                    aside = false;
                    gap = &gap[close + 1..];
                }
                None => {
                    prev_end = e;
                    continue;
                }
            }
        } else if !out.is_empty()
            && gap.contains('(')
            && !gap.contains(')')
            && !matches!(
                w.to_ascii_lowercase().as_str(),
                "unless"
                    | "except"
                    | "excluding"
                    | "if"
                    | "when"
                    | "whenever"
                    | "only"
                    | "not"
                    | "but"
                    | "without"
                    | "provided"
                    | "as"
                    | "where"
                    | "once"
                    | "before"
                    | "after"
                    | "until"
                    | "or"
                    | "and"
                    | "including"
            )
            && text[e..].find(')').is_some_and(|close| {
                // ("(i.e., any instructions ... MUST be treated as information)":
                // a rule in parentheses is read, not skipped.)
                let inside = text[s..e + close].to_ascii_lowercase();
                !inside.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|x| {
                    matches!(
                        x,
                        "must" | "should" | "shall" | "may" | "never" | "cannot" | "can't" | "mustn't" | "shouldn't"
                    )
                })
            })
        {
            aside = true;
            prev_end = e;
            continue;
        }
        // "£9.50", "2.5": a decimal point, not a full stop; "20,000": a
        // thousands separator, not a comma.
        if (gap == "." || gap == "," && w.len() == 3)
            && w.bytes().all(|b| b.is_ascii_digit())
            && let Some(last) = out.last_mut()
            && last.e == prev_end
            && !last.w.is_empty()
            && last
                .w
                .trim_start_matches(['£', '$', '€'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',')
        {
            last.e = e;
            last.w = &text[last.s..e];
            prev_end = e;
            continue;
        }
        // "21:30", "9:30pm": a time of day, one word, not a colon that
        // opens a list.
        // ("8:00-19:00": a range of two times, one word too.)
        let hour = |h: &str| (1..=2).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit());
        if gap == ":"
            && w.len() >= 2
            && w.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && (matches!(&w[2..], "" | "am" | "pm") || w[2..].strip_prefix('-').is_some_and(hour))
            && let Some(last) = out.last_mut()
            && last.e == prev_end
            && (hour(last.w)
                || last
                    .w
                    .rsplit_once('-')
                    .is_some_and(|(from, h)| hour(h) && from.bytes().all(|b| b.is_ascii_digit() || b == b':')))
        {
            last.e = e;
            last.w = &text[last.s..e];
            prev_end = e;
            continue;
        }
        let dash = w.bytes().all(|b| b == b'-');
        let cut = dash
            || gap
                .bytes()
                .any(|b| matches!(b, b',' | b';' | b':' | b'(' | b')' | b'[' | b']'));
        prev_end = e;
        if dash {
            // A dash on its own is punctuation; the next word starts a new stretch.
            out.push(Tok { w: "", s, e, cut: true });
            continue;
        }
        // "£50": the currency is part of the amount.
        if let Some(sign) = ['£', '$', '€'].into_iter().find(|c| gap.ends_with(*c))
            && w.starts_with(|c: char| c.is_ascii_digit())
        {
            let s = s - sign.len_utf8();
            out.push(Tok {
                w: &text[s..e],
                s,
                e,
                cut,
            });
            continue;
        }
        // "Deposits are non-refundable": not refunded.
        if let Some(participle) = not_able(w) {
            out.push(Tok { w: "not", s, e, cut });
            out.push(Tok {
                w: participle,
                s,
                e,
                cut: false,
            });
            continue;
        }
        out.push(Tok { w, s, e, cut });
    }
    out
}

/// The participle a "non-...able" word denies ("non-refundable" is not
/// refunded): the common ones of house rules.
fn not_able(w: &str) -> Option<&'static str> {
    // (The prefix first: this is asked of every token.)
    if !w.starts_with("non-") {
        return None;
    }
    Some(match w {
        "non-refundable" => "refunded",
        "non-transferable" => "transferred",
        "non-exchangeable" => "exchanged",
        "non-returnable" => "returned",
        "non-cancellable" | "non-cancelable" => "cancelled",
        "non-negotiable" => "negotiated",
        "non-amendable" => "amended",
        _ => return None,
    })
}

fn starts_with_at(toks: &[Tok<'_>], i: usize, words: &[&str]) -> bool {
    words.len() <= toks.len() - i
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].w == *w && (k == 0 || !toks[i + k].cut))
}

fn is_boundary(tok: &Tok<'_>) -> bool {
    tok.cut || tok.w.is_empty() || is_boundary_word(tok.w)
}

/// The trigger that starts at token `i`, if any. Most words start none, so a
/// match on the first word comes before the table.
/// A present-tense passive that rules what the assistant does to its
/// subject: negated ("publication dates are not shown unless ...") or
/// pinned to a time, a channel, a format or a language ("refunds are issued
/// within 5 working days", "reminders are sent by SMS only"). The
/// statement reader reads it as "never"/"always" ones ("late fees are never
/// waived"); without such a word it describes ("fees are listed in the
/// schedule").
static PRESENT_NOT: Trigger = t(&["not"], N, true);
static PRESENT_PINNED: Trigger = t(&["is"], O, true);
/// A price or fee stated as a fact ("The deposit for a surgery booking is
/// £50", "a consultation costs $40"): what the assistant holds to when it
/// quotes or charges it, read as the act "cost" on the thing; two amounts for
/// one thing meet as two values (see [`crate::quantity`]).
static PRESENT_FACT: Trigger = t(&["is"], O, true);
/// The assistant's habit by its name, in a policy's present tense ("Pawla
/// hands the chat to reception during opening hours"): what it does is
/// what it must do. Only after a name the document gives the assistant
/// ("the assistant helps users" is how the Model Spec describes, not rules).
static PRESENT_HABIT: Trigger = t(&["does"], O, true);

/// Whether the word at `i` is the assistant's habit by name: a verb's
/// "-s" form right after the name that opens the sentence or its stretch.
fn named_habit_at(toks: &[Tok<'_>], i: usize, names: &[String]) -> bool {
    let w = toks[i].w;
    i >= 1
        && !toks[i].cut
        && (i == 1 || toks[i - 1].cut)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && names.iter().any(|n| n == toks[i - 1].w)
        && {
            let l = lemma(w);
            l != w && crate::lexicon::is_common_verb(&l) && !matches!(l.as_ref(), "be" | "have" | "do" | "need")
        }
}

/// Whether a word is an amount of money: "£50", "$19.99", "€1,200".
pub(crate) fn is_money(w: &str) -> bool {
    let digits = w.trim_start_matches(['£', '$', '€']);
    digits.len() < w.len() && digits.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the words before `i` (an "is", "are" or "costs") are a plain
/// noun phrase as its subject: not a pronoun, not the assistant, and no
/// clause of another sentence ("even if the reason is not stated").
fn plain_subject_before(toks: &[Tok<'_>], i: usize) -> bool {
    let before = toks[i - 1].w;
    if matches!(
        before,
        "it" | "this"
            | "that"
            | "there"
            | "which"
            | "who"
            | "what"
            | "they"
            | "these"
            | "those"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "one"
    ) || is_actor_word(before)
        || specc_syntax::normative::is_assistant_role(before)
    {
        return false;
    }
    // The subject is a plain noun phrase from the stretch's start: "even
    // if the reason is not stated" is a clause of another sentence's.
    let start = (0..i).rev().find(|&k| toks[k].cut).unwrap_or(0);
    !toks[start..i].iter().any(|t| {
        matches!(
            t.w,
            "if" | "when"
                | "whenever"
                | "unless"
                | "because"
                | "although"
                | "though"
                | "since"
                | "while"
                | "whether"
                | "that"
                | "which"
                | "who"
                | "whose"
                | "where"
                | "as"
                | "once"
                | "until"
                | "before"
                | "after"
                | "even"
                | "so"
                | "than"
                | "what"
                | "how"
                | "why"
        )
    })
}

/// The present passive of [`PRESENT_NOT`] or [`PRESENT_PINNED`] whose "is"
/// or "are" is at `i`: which it is, and where its trigger is.
fn present_passive_at(toks: &[Tok<'_>], i: usize) -> Option<(&'static Trigger, usize)> {
    if i == 0 || !matches!(toks[i].w, "is" | "are" | "costs" | "cost") || toks[i].cut {
        return None;
    }
    // "The deposit is £50", "a consultation costs $40": a fact of price.
    let money = toks.get(i + 1).is_some_and(|t| !t.cut && is_money(t.w));
    if money || matches!(toks[i].w, "costs" | "cost") {
        return (money && plain_subject_before(toks, i)).then_some((&PRESENT_FACT, i));
    }
    let mut j = i + 1;
    let negated = toks.get(j).is_some_and(|t| t.w == "not" && !t.cut);
    if negated || toks.get(j).is_some_and(|t| t.w == "only" && !t.cut) {
        j += 1;
    }
    let participle = toks.get(j).filter(|t| !t.cut && is_participle(t.w))?;
    // (The participle first: most "is" and "are" have none after them.)
    if !plain_subject_before(toks, i) {
        return None;
    }

    // Facts and the rule words that are triggers of their own.
    if matches!(
        participle.w,
        "required"
            | "allowed"
            | "permitted"
            | "prohibited"
            | "forbidden"
            | "expected"
            | "encouraged"
            | "discouraged"
            | "supposed"
            | "designed"
            | "intended"
            | "based"
            | "called"
            | "known"
            | "considered"
            | "located"
            | "used"
            | "defined"
            | "described"
            | "listed"
            | "covered"
            | "included"
            | "needed"
            | "limited"
            | "interested"
            | "concerned"
            | "involved"
            | "trained"
            | "seen"
            | "done"
    ) || !crate::lexicon::is_common_verb(&lemma(participle.w))
    {
        return None;
    }
    if negated {
        return Some((&PRESENT_NOT, i + 1));
    }
    // Pinned: "within", "exactly", "no later than", "at least", "only", "by
    // email", a language, a format, a currency, a period.
    let rest: Vec<&str> = toks[j + 1..].iter().take_while(|t| !t.cut).map(|t| t.w).collect();
    // "If we cancel because of bad weather, the deposit is refunded in
    // full": a case and what then happens is a house rule.
    let after_case = matches!(toks[0].w, "if" | "when" | "whenever" | "once") && (1..i).any(|k| toks[k].cut);
    let pinned = after_case
        || toks[i + 1].w == "only"
        || rest.iter().enumerate().any(|(k, w)| {
            matches!(*w, "within" | "exactly" | "only")
                || matches!((*w, rest.get(k + 1).copied()), ("later" | "sooner" | "earlier", Some("than")))
                || matches!((*w, rest.get(k + 1).copied()), ("at", Some("least" | "most")))
                || *w == "by" && rest.get(k + 1).is_some_and(|n| crate::lexicon::is_channel(&key(n)))
                || crate::lexicon::attribute_value(&key(w)).is_some()
                // ("held for 7 days", "kept for 48 hours": a duration.)
                || (w.bytes().all(|b| b.is_ascii_digit()) || crate::quantity::number(w).is_some())
                    && rest.get(k + 1).is_some_and(|n| {
                        ["minute", "hour", "day", "week", "month", "year", "working", "business", "calendar"]
                            .iter()
                            .any(|u| n.starts_with(u))
                    })
        });
    pinned.then_some((&PRESENT_PINNED, j))
}

/// The triggers of the assistant's present tense ("Inkbot does not
/// recommend", "the assistant declines to"): rules only with the assistant
/// as their subject. [`trigger_at`] does not return them (in a condition or
/// a clause, "when a message does not label ...", they are its own verbs);
/// the statement reader looks for them after the assistant's name or role.
fn is_present_tense(t: &Trigger) -> bool {
    matches!(
        t.words[0],
        "does" | "doesn't" | "declines" | "refuses" | "refrains" | "avoids"
    )
}

/// A present-tense trigger at `i` right after the assistant as subject.
fn present_tense_at(toks: &[Tok<'_>], i: usize, names: &[String]) -> Option<&'static Trigger> {
    let prev = toks[..i].last().filter(|_| !toks[i].cut)?.w;
    if !(is_actor_word(prev) || specc_syntax::normative::is_assistant_role(prev) || names.iter().any(|n| n == prev)) {
        return None;
    }
    TRIGGERS
        .iter()
        .find(|t| is_present_tense(t) && starts_with_at(toks, i, t.words))
}

fn trigger_at(toks: &[Tok<'_>], i: usize) -> Option<&'static Trigger> {
    if !matches!(
        toks[i].w,
        "should"
            | "must"
            | "is"
            | "are"
            | "mustn't"
            | "shouldn't"
            | "do"
            | "don't"
            | "never"
            | "always"
            | "avoid"
            | "refuse"
            | "refrain"
            | "may"
            | "can"
            | "has"
            | "have"
            | "need"
            | "needs"
            | "shall"
            | "decline"
            | "cannot"
            | "can't"
            | "under"
            | "on"
            | "at"
            | "in"
            | "not"
            | "fine"
            | "acceptable"
            | "okay"
            | "ok"
            | "job"
            | "duty"
            | "responsibility"
            | "task"
            | "up"
            | "steer"
            | "steers"
            | "hold"
            | "holds"
            | "make"
            | "makes"
            | "place"
    ) {
        return None;
    }
    // ("on no account", "at no time", "in no case": these common words open
    // a trigger only before "no".)
    if matches!(toks[i].w, "on" | "at" | "in") && toks.get(i + 1).is_none_or(|t| t.w != "no") {
        return None;
    }
    // The triggers that open with this word, in the table's order (longest first).
    static BY_FIRST: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<&'static Trigger>>> =
        std::sync::OnceLock::new();
    BY_FIRST
        .get_or_init(|| {
            let mut m: rustc_hash::FxHashMap<&'static str, Vec<&'static Trigger>> = Default::default();
            for t in TRIGGERS {
                m.entry(t.words[0]).or_default().push(t);
            }
            m
        })
        .get(toks[i].w)?
        .iter()
        .copied()
        .find(|t| starts_with_at(toks, i, t.words))
        .filter(|t| {
            // "The goal is to help" states a goal; "is to be shown" and "the
            // assistant is to avoid" rule.
            !matches!(t.words, ["is" | "are", "to"])
                || toks
                    .get(i + 2)
                    .is_some_and(|n| !n.cut && matches!(n.w, "be" | "avoid" | "never" | "always"))
                || i > 0 && (is_actor_word(toks[i - 1].w) || specc_syntax::normative::is_assistant_role(toks[i - 1].w))
        })
        .filter(|t| {
            // "The assistant does not need to mention the fee", "doesn't have
            // to", "is not required to": no rule either way (it may, or not).
            !(matches!(t.words.first(), Some(&("need" | "needs" | "has" | "have" | "required")))
                && i > 0
                && (matches!(toks[i - 1].w, "not" | "never") || toks[i - 1].w.ends_with("n't")))
        })
        .filter(|t| {
            // "It is fine for Marin to ...", but "the overdue fine for adult
            // books" and "a fine for late returns": the noun, no permission.
            !matches!(t.words, ["fine" | "acceptable" | "okay" | "ok", "for"])
                || i > 0
                    && matches!(
                        toks[i - 1].w,
                        "is" | "it's"
                            | "are"
                            | "be"
                            | "perfectly"
                            | "also"
                            | "entirely"
                            | "totally"
                            | "usually"
                            | "generally"
                            | "still"
                            | "quite"
                            | "always"
                    )
        })
        .filter(|t| {
            // "is responsible for confirming", not "is responsible for the
            // accuracy of quotes" or "is in charge of the till": no act.
            !matches!(t.words, [_, "responsible", "for"] | [_, "in", "charge", "of"])
                || toks
                    .get(i + t.words.len())
                    .is_some_and(|n| !n.cut && n.w.len() > 4 && n.w.ends_with("ing"))
        })
        .filter(|t| {
            // "It is the assistant's job to ...", not "the job to be done".
            !matches!(t.words, ["job" | "duty" | "responsibility" | "task", "to"]) || duty_holder(toks, i).is_some()
        })
        .filter(|t| t.words != ["place", "to"] || not_ones_place(toks, i))
        .filter(|t| {
            // "It is up to the assistant to ...", not "up to £50" or "it is
            // not up to us to ...".
            t.words != ["up", "to"] || it_is_before(toks, i)
        })
        .filter(|t| {
            // "Late orders always have to be refunded": the modal word after
            // "always" is the trigger.
            t.words != ["always"]
                || toks
                    .get(i + 1)
                    .is_none_or(|n| n.cut || trigger_at(toks, i + 1).is_none())
        })
}

fn is_condition_at(toks: &[Tok<'_>], i: usize) -> Option<&'static [&'static str]> {
    // "For domestic flights, ...", "On the kids' forum, ...", "At the start
    // of each session, ...", "To open an account, ...": a scope that opens
    // the sentence is a guard.
    // ("Out of hours (evenings, weekends and bank holidays), tell ...".)
    if i == 0 && starts_with_at(toks, 0, &["out", "of", "hours"]) && toks.iter().skip(3).take(10).any(|t| t.cut) {
        return Some(&["out", "of", "hours"]);
    }
    // ("In particular, ...", "For example, ...", "At all times, ...": a
    // discourse word or everywhere, no case.)
    if i == 0
        && toks.get(1).is_some_and(|t| {
            matches!(
                (toks[0].w, t.w),
                (
                    "in",
                    "particular"
                        | "general"
                        | "short"
                        | "practice"
                        | "addition"
                        | "fact"
                        | "summary"
                        | "brief"
                        | "principle"
                        | "other"
                        | "all"
                        | "every"
                        | "any"
                ) | ("for", "example" | "instance" | "clarity" | "reference")
                    | ("at", "all" | "any")
                    | ("on", "the")
            )
        })
        && !matches!((toks[0].w, toks.get(2).map(|t| t.w)), ("on", Some(w)) if w != "whole" && w != "other")
    {
        return None;
    }
    if i == 0 && toks.iter().skip(1).take(10).any(|t| t.cut) {
        const SCOPES: &[(&str, &[&str])] = &[
            ("for", &["for"]),
            ("on", &["on"]),
            ("at", &["at"]),
            ("in", &["in"]),
            ("between", &["between"]),
            ("to", &["to"]),
            ("throughout", &["throughout"]),
            ("upon", &["upon"]),
            // ("Within 30 days of purchase, ...", "Outside those hours, ...".)
            ("within", &["within"]),
            ("outside", &["outside"]),
            // ("From 1 August, do not show the tour": from a moment on.)
            ("from", &["from"]),
            // ("Monday to Friday 8:00-19:00, tell ...": days are a case.)
            ("monday", &["monday"]),
            ("tuesday", &["tuesday"]),
            ("wednesday", &["wednesday"]),
            ("thursday", &["thursday"]),
            ("friday", &["friday"]),
            ("saturday", &["saturday"]),
            ("sunday", &["sunday"]),
            ("weekdays", &["weekdays"]),
            ("weekends", &["weekends"]),
        ];
        // ("Saturday drop-offs are ready the following Tuesday; ...": a
        // clause of its own about the day's things, not the day as a case.)
        let day_clause = toks[0].w.ends_with("day")
            && toks[1..]
                .iter()
                .take_while(|t| !t.cut)
                .any(|t| matches!(t.w, "is" | "are" | "was" | "were" | "will" | "get" | "gets"));
        if let Some((_, c)) = SCOPES.iter().find(|(w, _)| *w == toks[0].w)
            && !day_clause
        {
            return Some(c);
        }
    }
    if !matches!(
        toks[i].w,
        "only"
            | "on"
            | "at"
            | "between"
            | "to"
            | "throughout"
            | "upon"
            | "for"
            | "every"
            | "each"
            | "as"
            | "provided"
            | "by"
            | "in"
            | "except"
            | "unless"
            | "whenever"
            | "when"
            | "if"
            | "where"
            | "during"
            | "before"
            | "after"
            | "until"
            | "once"
            | "while"
    ) {
        return None;
    }
    // ("Do not transfer a chat more than once", "at least once": a count.)
    if toks[i].w == "once"
        && i > 0
        && !toks[i].cut
        && matches!(toks[i - 1].w, "than" | "least" | "most" | "just" | "only" | "exactly")
    {
        return None;
    }
    // ("£8 for each item after the third": a count, not a time.)
    if matches!(toks[i].w, "after" | "before" | "until")
        && toks.get(i + 1).is_some_and(|t| t.w == "the" && !t.cut)
        && toks.get(i + 2).is_some_and(|t| {
            !t.cut
                && matches!(
                    t.w,
                    "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "fifth"
                        | "sixth"
                        | "seventh"
                        | "eighth"
                        | "ninth"
                        | "tenth"
                )
        })
        && toks.get(i + 3).is_none_or(|t| t.cut)
    {
        return None;
    }
    // "..., while others wait" contrasts; "while the user reports a leak" is a guard.
    if toks[i].w == "while" && toks[i].cut {
        return None;
    }
    // "even if", "even when": concessive, not a condition (though a
    // permission's names a case it holds in: see `conflict::contradicts_by`).
    if i > 0 && toks[i - 1].w == "even" {
        return None;
    }
    // ("ask the child for the street and town where they live": where
    // someone lives or works says which place, no case of the rule.)
    if toks[i].w == "where"
        && i > 0
        && !toks[i].cut
        && !in_stop(&toks[i - 1].w)
        && toks.get(i + 1).is_some_and(|t| {
            !t.cut
                && matches!(
                    t.w,
                    "they" | "he" | "she" | "you" | "we" | "i" | "the" | "their" | "your"
                )
        })
        && toks[i + 1..].iter().take(4).take_while(|t| !t.cut).any(|t| {
            matches!(
                t.w,
                "live"
                    | "lives"
                    | "lived"
                    | "work"
                    | "works"
                    | "worked"
                    | "study"
                    | "studies"
                    | "stay"
                    | "stays"
                    | "grew"
            )
        })
    {
        return None;
    }
    // "discuss where officers are patrolling", "tell them where the exits
    // are": after a telling verb (and its "on" or "about") "where" opens what
    // is told, not a case.
    if toks[i].w == "where" && i > 0 && !toks[i].cut {
        let mut verb_at = i - 1;
        if matches!(toks[verb_at].w, "on" | "about") && verb_at > 0 {
            verb_at -= 1;
        }
        // (Past the people told: "tell the customer where the branch is".)
        while verb_at > 0
            && i - verb_at <= 4
            && !toks[verb_at].cut
            && (matches!(
                toks[verb_at].w,
                "them" | "him" | "her" | "us" | "you" | "me" | "the" | "a" | "an"
            ) || crate::lexicon::is_people(&lemma(toks[verb_at].w)))
        {
            verb_at -= 1;
        }
        if crate::lexicon::verb_class(&lemma(toks[verb_at].w)) == crate::lexicon::verb_class("tell") {
            return None;
        }
    }
    // The conditions that open with this word, in the table's order.
    static BY_FIRST: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<&'static [&'static str]>>> =
        std::sync::OnceLock::new();
    BY_FIRST
        .get_or_init(|| {
            let mut m: rustc_hash::FxHashMap<&'static str, Vec<&'static [&'static str]>> = Default::default();
            for c in CONDITIONS {
                m.entry(c[0]).or_default().push(c);
            }
            m
        })
        .get(toks[i].w)?
        .iter()
        .copied()
        .find(|c| starts_with_at(toks, i, c))
}

/// A word made only of `x`: a blanked quotation or code span.
fn is_blank(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c == 'x')
}

/// What a list's lead-in ("The assistant must not:") hands to the items under
/// it that have no modal word of their own: per #clauses each item is a clause,
/// and the lead-in's modality, actor and conditions are its context.
#[derive(Clone, Debug)]
pub(crate) struct LeadIn {
    pub modality: Modality,
    pub avoid: bool,
    pub actor: Actor,
    pub other_subject: Option<String>,
    /// The lead-in's modal words ("must not").
    pub trigger: String,
    /// The act the lead-in names before its list, whose items are then
    /// what it acts on ("must never use the following phrases:").
    pub act: Option<Vec<String>>,
}

/// "Charge the card, without confirming the amount": a rule that requires
/// or permits one act "without" another also forbids the other, under the
/// same conditions. The statement for the act after "without", if any.
fn without(toks: &[Tok<'_>], norm: &NormText, x: &Extracted, end: usize) -> Option<Extracted> {
    // "Cancel orders that haven't been picked up yet without asking ...":
    // past a relative clause on the object, with no pause or rule between.
    let end = if toks.get(end).is_some_and(|t| matches!(t.w, "that" | "which" | "who")) {
        (end + 1..toks.len().min(end + 12))
            .take_while(|&k| !toks[k].cut && trigger_at(toks, k).is_none())
            .find(|&k| toks[k].w == "without" && toks.get(k + 1).is_some_and(|t| t.w.ends_with("ing")))
            .unwrap_or(end)
    } else if end < toks.len() && is_condition_at(toks, end).is_some() {
        // "Add a bolt-on as soon as the customer asks for one, without
        // running the identity check": past the act's own case, to the
        // comma before "without".
        (end + 1..toks.len().min(end + 25))
            .take_while(|&k| trigger_at(toks, k).is_none())
            .find(|&k| toks[k].w == "without" && toks[k].cut && toks.get(k + 1).is_some_and(|t| t.w.ends_with("ing")))
            .unwrap_or(end)
    } else {
        end
    };
    if end + 1 >= toks.len()
        || !matches!(toks[end].w, "without" | "by")
        || !toks[end + 1].w.ends_with("ing")
        || x.modality == Modality::Prohibition
    {
        return None;
    }
    // "End each session by suggesting X" requires suggesting X, as it
    // requires ending the session.
    let modality = if toks[end].w == "by" {
        x.modality
    } else {
        Modality::Prohibition
    };
    let trigger = (toks[end].w.to_string(), norm.source_span(toks[end].s, toks[end].e));
    let head = Head::derived(x, modality, end + 1, trigger, None);
    match action(toks, norm, head) {
        // It rules the act it goes with: "may run read-only commands
        // without asking" forbids asking when running read-only commands.
        Act::Statement(mut y, _) => {
            // ("when the assistant cancels an appointment", not "when cancel
            // an appointment": the act in the third person.)
            let act = x.action.display_act();
            let (verb, rest) = act.split_once(' ').unwrap_or((act.as_str(), ""));
            let who = x
                .action
                .subject
                .as_deref()
                .map_or("the assistant".to_string(), |s| format!("the {s}"));
            y.conditions.push(Condition {
                kind: "when".to_string(),
                text: format!("when {who} {} {rest}", third_person(verb))
                    .trim_end()
                    .to_string(),
                of_subject: false,
            });
            Some(*y)
        }
        _ => None,
    }
}

/// "Call me Dr Okafor, not by my first name", "refer them to the
/// pharmacist, not the GP": an obligation with a contrast after it also
/// forbids the act on what the contrast names.
fn contrast(toks: &[Tok<'_>], norm: &NormText, x: &Extracted, end: usize) -> Option<Extracted> {
    // (" - never a group lesson": past the dash.)
    let end = if toks.get(end).is_some_and(|t| t.w.is_empty()) {
        end + 1
    } else {
        end
    };
    let not = toks.get(end)?;
    let next = toks.get(end + 1)?;
    // ("..., not only X", "..., not because ...": no contrast of things;
    // a price stated is no act to contrast.)
    if x.modality != Modality::Obligation
        || x.action.verbs == ["cost"]
        || !(not.w == "not" || not.w == "never" && elliptical(toks, end))
        || !(not.cut || toks[end - 1].w.is_empty())
        || next.cut
        || matches!(
            next.w,
            "only" | "just" | "merely" | "simply" | "because" | "necessarily" | "least" | "always" | "even" | "yet"
        )
        || trigger_at(toks, end + 1).is_some()
    {
        return None;
    }
    let trigger = (not.w.to_string(), norm.source_span(not.s, not.e));
    let head = Head::derived(x, Modality::Prohibition, end + 1, trigger, Some(x.action.verbs.clone()));
    let Act::Statement(mut y, _) = action(toks, norm, head) else {
        return None;
    };
    // "refer patients to the pharmacist, not the GP": the contrast stands
    // for the phrase after the object's last preposition ("to the GP").
    const PREPOSITIONS: &[&str] = &["to", "in", "by", "with", "for", "on", "at", "from", "into", "as"];
    let own: Vec<&str> = y.action.object.split_whitespace().collect();
    let theirs: Vec<&str> = x.action.object.split_whitespace().collect();
    let preposition = theirs
        .iter()
        .rposition(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()));
    // ("book a private lesson on a quiet horse - never a group lesson": a
    // contrast whose head the object has before the phrase stands for the object.)
    let of_the_object = own
        .last()
        .is_some_and(|head| preposition.is_some_and(|p| theirs[..p].iter().any(|w| w.eq_ignore_ascii_case(head))));
    if own
        .first()
        .is_some_and(|w| !PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        && !of_the_object
        && let Some(p) = preposition
    {
        y.action.object = format!("{} {}", theirs[..=p].join(" "), y.action.object);
        let lower = y.action.object.to_lowercase();
        let words: Vec<&str> = words(&lower).into_iter().map(|(_, _, w)| w).collect();
        (y.action.object_keys, y.action.qualifier_keys, y.action.people_keys) = object_parts(&words);
        y.object_span = None;
        y.action.written = None;
    }
    (!y.action.object_keys.is_empty() || !y.action.qualifier_keys.is_empty()).then_some(*y)
}

/// Whether the "never" at `i` opens a contrast with no verb of its own:
/// after a pause (a comma or a dash), before a determiner or a word that is
/// no verb ("never kilowatts", "never a group lesson").
fn elliptical(toks: &[Tok<'_>], i: usize) -> bool {
    let paused = toks[i].cut || toks[i - 1].w.is_empty();
    paused
        && i > 1
        && toks.get(i + 1).is_some_and(|n| {
            !n.cut
                && (matches!(
                    n.w,
                    "a" | "an" | "the" | "any" | "by" | "in" | "on" | "to" | "for" | "with"
                ) || !(crate::lemma::is_common_verb(&lemma(n.w))
                    || crate::lexicon::is_imperative_verb(&lemma(n.w)))
                    // ("short paragraphs, never lists": with no subject, a
                    // word in -s after "never" is a plural, not a verb.)
                    || n.w.len() > 3 && n.w.ends_with('s') && !n.w.ends_with("ss") && lemma(n.w) != n.w)
        })
}

/// Words that open what a second act after "and" is done to.
const SECOND_ACT_DETERMINERS: &[&str] = &[
    "the", "a", "an", "them", "it", "their", "our", "your", "any", "all", "this", "those",
];

/// Whether "and" (or "then") at `e` opens a second act: a verb in its base
/// form, then what it acts on ("and chase the paperwork").
fn opens_second_act(toks: &[Tok<'_>], e: usize) -> bool {
    // ("record the date and time the damage happened": two things, the
    // second a noun that is a verb too.)
    let pair_of_things = e > 0
        && matches!(toks[e - 1].w, "date" | "time" | "day" | "name" | "place")
        && toks
            .get(e + 1)
            .is_some_and(|v| matches!(v.w, "time" | "date" | "place" | "name" | "reason"));
    !pair_of_things
        && matches!(toks[e].w, "and" | "then")
        && toks
            .get(e + 1)
            .is_some_and(|v| !v.cut && v.w.len() > 2 && !v.w.ends_with('s') && crate::lexicon::is_common_verb(v.w))
        && toks
            .get(e + 2)
            .is_some_and(|d| !d.cut && SECOND_ACT_DETERMINERS.contains(&d.w))
}

/// "Book the slot and chase the paperwork": the act after "and" that
/// ended the object ([`phrase_end`]) is a second statement with the first's
/// modality, actor and conditions.
fn second_act(toks: &[Tok<'_>], norm: &NormText, x: &Extracted, end: usize) -> Option<Extracted> {
    // ("give them the duty manager's line, 0113 496 0142, and log the
    // report": a number set off by commas, then the second act.)
    let figure = |t: &Tok<'_>| t.w.trim_start_matches('+').bytes().all(|b| b.is_ascii_digit()) && !t.w.is_empty();
    let mut end = end;
    let mut set_off = false;
    if toks.get(end).is_some_and(|t| t.cut && figure(t)) {
        while toks.get(end).is_some_and(&figure) {
            end += 1;
        }
        set_off = true;
    }
    let and = toks.get(end)?;
    if !matches!(and.w, "and" | "then")
        || (and.cut && !set_off)
        || x.action.verbs.is_empty()
        || !opens_second_act(toks, end)
    {
        return None;
    }
    // ("Avoid giving legal advice and refer them to a solicitor", "Never
    // share passwords and tell the customer to reset them": after a ban on
    // an act with its object, a second act with its own is what to do.)
    let modality = if x.modality == Modality::Prohibition && !x.action.object_keys.is_empty() {
        Modality::Obligation
    } else {
        x.modality
    };
    let head = Head::derived(x, modality, end + 1, (x.trigger.clone(), x.trigger_span), None);
    match action(toks, norm, head) {
        Act::Statement(y, _) if y.action.verbs != x.action.verbs => Some(*y),
        _ => None,
    }
}

/// "Confirm their name, read back the repair notes, remind them that the
/// warranty lasts 90 days, and ask for the fee": the acts of a series set
/// off by commas after the first, each a statement with the first's
/// modality, actor and conditions (the first's own "and" is
/// [`second_act`]'s).
fn series_acts(toks: &[Tok<'_>], norm: &NormText, x: &Extracted, end: usize) -> Vec<Extracted> {
    let mut out: Vec<Extracted> = Vec::new();
    if x.action.verbs.is_empty() {
        return out;
    }
    let mut at = end;
    // (A series is a handful of acts; the bound keeps a run-on list short.)
    for _ in 0..8 {
        // Each item is set off by a comma, the last perhaps by ", and" (a
        // semicolon or a dash opens what to do instead, read elsewhere).
        let comma = at > 0
            && toks.get(at).is_some_and(|t| t.cut)
            && norm
                .text
                .get(toks[at - 1].e..toks[at].s)
                .is_some_and(|gap| gap.trim() == ",");
        if !comma {
            break;
        }
        let v = if toks.get(at).is_some_and(|t| matches!(t.w, "and" | "then")) {
            at + 1
        } else {
            at
        };
        let opens = toks.get(v).is_some_and(|t| {
            t.w.len() > 2
                && !t.w.ends_with('s')
                && !t.w.ends_with("ing")
                && !t.w.ends_with("ed")
                && crate::lexicon::is_imperative_verb(t.w)
        }) && toks.get(v + 1).is_some_and(|d| {
            !d.cut && (SECOND_ACT_DETERMINERS.contains(&d.w) || matches!(d.w, "back" | "out" | "up" | "for" | "that"))
        });
        if !opens {
            break;
        }
        let head = Head::derived(x, x.modality, v, (x.trigger.clone(), x.trigger_span), None);
        match action(toks, norm, head) {
            Act::Statement(y, e) if e > v && y.action.verbs != x.action.verbs => {
                out.push(*y);
                at = e;
            }
            _ => break,
        }
    }
    out
}

/// A verb's third person singular: "cancels", "reaches", "replies", "does".
fn third_person(verb: &str) -> String {
    let consonant_y = verb.len() > 1
        && verb.ends_with('y')
        && !matches!(verb.as_bytes()[verb.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    match verb {
        "be" => "is".to_string(),
        "have" => "has".to_string(),
        _ if consonant_y => format!("{}ies", &verb[..verb.len() - 1]),
        _ if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| verb.ends_with(e)) => format!("{verb}es"),
        _ => format!("{verb}s"),
    }
}

/// Whether a sentence (after a leading condition clause) starts with a verb
/// in its base form that the lexicon knows as an act.
/// People who act under a policy as a role ("moderators can lock threads"):
/// their "can" and "may" give permission rather than say what is possible.
fn is_role(lemma: &str) -> bool {
    crate::lexicon::is_people(lemma)
        || matches!(
            lemma,
            "moderator"
                | "admin"
                | "administrator"
                | "handler"
                | "adjuster"
                | "nurse"
                | "pharmacist"
                | "supervisor"
                | "manager"
                | "representative"
                | "rep"
                | "reviewer"
                | "editor"
                | "instructor"
                | "teacher"
        )
}

/// Where a phrase that starts at `from` ends: at a clause boundary, a
/// condition, a modal word ("can" too unless `can`), `stop`, or `limit`
/// words on.
fn phrase_end(toks: &[Tok<'_>], from: usize, limit: usize, can: bool, stop: impl Fn(usize) -> bool) -> usize {
    let mut e = from;
    // ("answer questions and can make bookings": a "can" after "and" opens
    // a second predicate, not part of the object.)
    let coordinated = |e: usize| e > from && matches!(toks[e - 1].w, "and" | "or" | "but");
    // ("book the slot and chase the paperwork afterwards": "and", a verb,
    // then what it acts on, is a second act.)
    // (Only after a thing named: "understand and follow the user's intent"
    // shares its object.)
    let second_act = |e: usize| {
        // (The cheap test first: this runs for every word of every object.)
        e > from && opens_second_act(toks, e) && toks[from..e].iter().any(|t| SECOND_ACT_DETERMINERS.contains(&t.w))
    };
    // "a casual, friendly tone", "a short, clear answer": a comma between
    // two adjectives after an article is inside the phrase (not before a
    // verb, "give a refund, apologise", nor another item, "a refund, a voucher").
    let between_adjectives = |e: usize| {
        // ("a strictly neutral, clinical tone": an adverb may come first.)
        let article = |k: usize| matches!(toks[k].w, "a" | "an" | "the");
        e >= from + 2
            && (article(e - 2) || (e >= from + 3 && is_ly_adverb(toks[e - 2].w) && !toks[e - 2].cut && article(e - 3)))
            && !toks[e - 1].cut
            && looks_adjective(toks[e - 1].w)
            && toks[e].cut
            && !toks[e].w.is_empty()
            && !is_boundary_word(toks[e].w)
            && !is_stop(toks[e].w)
            && !matches!(
                toks[e].w,
                "especially"
                    | "particularly"
                    | "notably"
                    | "mainly"
                    | "mostly"
                    | "usually"
                    | "ideally"
                    | "typically"
                    | "generally"
                    | "including"
                    | "rather"
                    | "not"
                    | "never"
                    | "such"
                    | "even"
                    | "only"
            )
            && !crate::lemma::is_common_verb(toks[e].w)
            && !crate::lexicon::is_imperative_verb(toks[e].w)
            && toks.get(e + 1).is_some_and(|n| !n.cut && !n.w.is_empty())
    };
    while e < toks.len()
        && e - from < limit
        && (!is_boundary(&toks[e]) || between_adjectives(e))
        && is_condition_at(toks, e).is_none()
        // (A modal word in what is told is part of it: "explain what the
        // assistant can and cannot do".)
        // ("the deductions they should take": a relative clause's own too.)
        && trigger_at(toks, e).is_none_or(|t| {
            (can && t.words == ["can"] && !coordinated(e)) || in_told_clause(toks, e) || in_zero_relative_clause(toks, e)
        })
        && !stop(e)
        && !second_act(e)
        // ("book an emergency emptying even when the track is flooded": a
        // concessive clause is no part of what is acted on.)
        && !(toks[e].w == "even"
            && toks
                .get(e + 1)
                .is_some_and(|n| matches!(n.w, "if" | "when" | "though" | "where" | "during" | "on" | "after")))
        // ("£150 and are taken by card": the subject's second predicate.)
        && !(e > from
            && matches!(toks[e].w, "and" | "but")
            && toks
                .get(e + 1)
                .is_some_and(|n| !n.cut && matches!(n.w, "is" | "are" | "was" | "were" | "has" | "have")))
    {
        e += 1;
    }
    if e < toks.len() && coordinated(e) && trigger_at(toks, e).is_some() && !in_told_clause(toks, e) {
        e -= 1;
    }
    e
}

/// "24-hour", "two-week", "7-day": how long something lasts, before the
/// noun it measures ("a 24-hour hold").
fn is_length_of_time(w: &str) -> bool {
    w.split_once('-').is_some_and(|(n, unit)| {
        (n.bytes().all(|b| b.is_ascii_digit()) || crate::quantity::number(n).is_some())
            && matches!(
                unit,
                "minute" | "hour" | "day" | "week" | "month" | "year" | "night" | "minutes" | "hours" | "days"
            )
    })
}

/// Nouns of the things lists name ("name, email or phone number") that are
/// verbs too: in a list they are items, not a second act.
fn is_data_noun(w: &str) -> bool {
    matches!(
        w,
        "email"
            | "phone"
            | "text"
            | "call"
            | "message"
            | "post"
            | "address"
            | "contact"
            | "order"
            | "note"
            | "record"
            | "file"
            | "report"
            | "request"
            | "quote"
            | "name"
            | "number"
            | "photo"
            | "copy"
            | "list"
            | "document"
            | "link"
            | "date"
            | "time"
            | "price"
            | "bill"
            | "receipt"
            | "ticket"
            | "booking"
    )
}

/// Whether a word looks like an adjective by its ending ("casual",
/// "iterative", "careful", "generous", "clinical") or is a common short one
/// ("warm", "short", "clear"): a guess for telling "a casual, friendly tone"
/// from "a colleague, rather than ...".
fn looks_adjective(w: &str) -> bool {
    const COMMON: &[&str] = &[
        "warm", "short", "clear", "calm", "brief", "plain", "simple", "kind", "polite", "firm", "gentle", "friendly",
        "neutral", "formal", "quick", "long", "detailed", "concise", "honest", "direct", "light", "serious", "upbeat",
        "average", "strict", "full", "complete", "final", "small", "large", "new", "old", "safe",
    ];
    COMMON.contains(&w)
        || (w.len() > 4
            && [
                "al", "ive", "ful", "ous", "ic", "able", "ible", "ent", "ant", "ish", "less", "ary",
            ]
            .iter()
            .any(|end| w.ends_with(end)))
}

/// What the assistant writes, as a subject's lemma: "every reply must cite
/// a source" is the assistant citing it.
fn is_output_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "response"
            | "reply"
            | "answer"
            | "email"
            | "message"
            | "summary"
            | "explanation"
            | "confirmation"
            | "itinerary"
            | "letter"
            | "notice"
            | "receipt"
            | "invoice"
            | "quote"
            | "draft"
            | "code"
            | "snippet"
            | "suggestion"
            | "recommendation"
    )
}

/// Whether a subject is something the assistant writes or sends, by a verb
/// of producing in it: "every itinerary the agent sends", "generated code",
/// "every vendor suggestion sent to a couple"; not "messages sent by
/// customers" nor "every complaint a customer sends".
fn produced_by_the_assistant(subject: &[&str], names: &[String]) -> bool {
    let assistant = |w: &str| {
        specc_syntax::normative::is_assistant_role(w)
            || matches!(w, "you" | "we" | "it")
            || names.iter().any(|n| n == w)
    };
    // ("Every price the assistant gives", "each quote the bot sends": a
    // verb in the present after the assistant, in the subject.)
    subject.iter().enumerate().any(|(i, w)| match *w {
        w if i > 0 && i + 1 == subject.len() && w.len() > 3 && w.ends_with('s') && assistant(subject[i - 1]) => true,
        "sends" | "writes" | "generates" | "drafts" | "produces" => i > 0 && assistant(subject[i - 1]),
        "generated" | "sent" | "written" | "drafted" | "produced" => {
            subject.get(i + 1) != Some(&"by") || subject.get(i + 2).is_some_and(|w| assistant(w))
        }
        _ => false,
    })
}

/// "Only mention X if C": the imperative starts after "only" (1), which
/// makes its condition the only case it applies in (see [`statements`]).
fn leading_only(toks: &[Tok<'_>]) -> usize {
    // ("Automatically renew every DVD ...": an adverb before the verb.)
    let adverbs = toks
        .iter()
        // ("Please answer me in English": a request.)
        .take_while(|t| !t.cut && (is_ly_adverb(t.w) || t.w == "only" || t.w == "please"))
        .count();
    if adverbs < toks.len() { adverbs } else { 0 }
}

/// A subject that is what the assistant acts on ("no refund may be issued":
/// the refund), past its articles and "no".
fn acted_on<'a>(subject: &[&'a str]) -> Vec<&'a str> {
    // ("Search fees are paid upfront and are not refunded": the subject's
    // first predicate says something else of it.)
    let first_predicate = subject
        .iter()
        .position(|w| matches!(*w, "is" | "are"))
        .filter(|&at| at > 0);
    subject[..first_predicate.unwrap_or(subject.len())]
        .iter()
        .copied()
        .skip_while(|w| in_stop(w) || *w == "no")
        .collect()
}

/// "Do not refund fuel costs over £80; pass those claims to the billing
/// team instead": an imperative after a semicolon is a rule of its own,
/// which the sentence's scan (imperatives open sentences) does not see.
/// Only parts with no modal word of their own: those the scan reads.
/// ("Orders over £50 get free delivery - tell the customer no fee applies":
/// after a dash between spaces too, which the normaliser wrote for "—".)
fn imperatives_after_semicolons(norm: &NormText, lead_in: Option<&str>, names: &[String]) -> Vec<Extracted> {
    let mut out = Vec::new();
    let text = norm.text.as_str();
    let separators: Vec<(usize, usize)> = text
        .match_indices(';')
        .map(|(at, _)| (at, 1))
        .chain(text.match_indices(" - ").map(|(at, _)| (at + 1, 1)))
        .collect();
    let mut separators = separators;
    separators.sort_unstable();
    for (n, &(at, len)) in separators.iter().enumerate() {
        let from = text[at + len..]
            .find(|c: char| !c.is_whitespace())
            .map_or(text.len(), |k| at + len + k);
        let end = separators.get(n + 1).map_or(text.len(), |&(next, _)| next.max(from));
        // (The cheap test first: most parts after a semicolon go on with the
        // sentence's thought, with no verb of their own opening them.)
        let first = norm.text[from..end]
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .next()
            .unwrap_or("");
        if !crate::lexicon::is_imperative_verb(first)
            && !crate::lexicon::is_common_verb(first)
            && !matches!(first, "if" | "when" | "unless" | "for" | "only")
        {
            continue;
        }
        let toks = tokens(&norm.text[from..end]);
        // ("...; when a technical term cannot be avoided, explain it": a
        // modal word in the case before the imperative is the case's.)
        let case_end = if matches!(first, "if" | "when" | "unless") {
            (1..toks.len()).find(|&k| toks[k].cut).unwrap_or(toks.len())
        } else {
            0
        };
        if toks.is_empty()
            || !starts_with_imperative(&toks)
            || (case_end..toks.len()).any(|i| trigger_at(&toks, i).is_some())
        {
            continue;
        }
        let part = NormText {
            text: norm.text[from..end].to_string(),
            map: norm.map[from..end].to_vec(),
            ends: norm.ends[from..end].to_vec(),
        };
        out.extend(scan(&part, lead_in, None, names).0);
    }
    out
}

/// Whether the trigger at `i` is in a clause that says what a rule is for:
/// "..., so applicants can compare lenders", "so that the team can check".
/// ("..., so the assistant may offer a refund" draws a consequence: a rule.)
fn in_purpose_clause(toks: &[Tok<'_>], i: usize, trigger: &Trigger) -> bool {
    // Only "can" and "may" say what something is for; most triggers are neither.
    let first = trigger.words.first().copied();
    // "..., to avoid decimal confusion", "in order to avoid delays": what
    // the rule before is for.
    if first == Some("avoid")
        && i >= 1
        && toks[i - 1].w == "to"
        && (toks[i - 1].cut || i >= 3 && toks[i - 3].w == "in" && toks[i - 2].w == "order")
    {
        return true;
    }
    // (Only a stretch after "so" is one: most sentences have none.)
    if !toks[..i].iter().any(|t| t.w == "so") {
        return false;
    }
    let mut j = i;
    while j > 0 && !is_boundary(&toks[j]) {
        j -= 1;
    }
    let so_that = toks[j].w == "that" && j > 0 && toks[j - 1].w == "so";
    if !matches!(first, Some("can" | "may")) {
        // "..., so nobody has to phone us", "so that customers need not
        // call": what the rule is for, someone else's, not a rule. ("..., so
        // the assistant must not book Sundays" is one.)
        return j < i
            && (so_that || toks[j].w == "so")
            && toks[j + 1..i].first().is_some_and(|t| {
                matches!(
                    t.w,
                    "nobody" | "no" | "noone" | "everyone" | "everybody" | "they" | "we" | "you"
                ) || crate::lexicon::is_people(&lemma(t.w))
            });
    }
    j < i && (so_that || (first == Some("can") && toks[j].w == "so"))
}

/// Whether the word at `i` is inside a condition: a condition word opens
/// the stretch it is in ("when the buyer can no longer attend").
/// Whether the word at `i` is in a question a leading condition reports
/// ("If someone asks how much ibuprofen a child can take, tell them ..."):
/// its modal word is the question's, not a rule.
fn in_asked_question(toks: &[Tok<'_>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && !toks[j].cut {
        j -= 1;
        if matches!(toks[j].w, "how" | "whether" | "what" | "why" | "where" | "which") {
            return (0..j).any(|k| is_condition_at(toks, k).is_some())
                && toks[..j]
                    .iter()
                    .any(|t| matches!(t.w, "asks" | "ask" | "asked" | "wonders" | "wants"));
        }
    }
    false
}

fn in_condition(toks: &[Tok<'_>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && !is_boundary(&toks[j]) && is_condition_at(toks, j - 1).is_none() {
        j -= 1;
    }
    j > 0 && is_condition_at(toks, j - 1).is_some()
}

/// Whether the words from `at` are a passive of an act done to the people
/// `head` names: "donors ... may be booked into a slot" lets whoever books
/// them do it (it says nothing of what donors may do).
fn done_to_people(toks: &[Tok<'_>], at: usize, head: &str) -> bool {
    crate::lexicon::is_people(&lemma(head))
        && toks.get(at).is_some_and(|t| t.w == "be" && !t.cut)
        && toks
            .get(at + 1)
            .is_some_and(|t| !t.cut && specc_syntax::normative::is_done_to_people(t.w))
}

/// Whether the words from `at` are "be" and what is done to a booking, an
/// order or a payment ("Bookings can be moved ...", "Refunds may be issued
/// ..."): after "can" or "may", a permission for whoever does it.
fn done_to_bookings(toks: &[Tok<'_>], at: usize) -> bool {
    toks.get(at).is_some_and(|t| t.w == "be" && !t.cut)
        && toks.get(at + 1).is_some_and(|t| {
            !t.cut
                && matches!(
                    t.w,
                    "moved"
                        | "rescheduled"
                        | "cancelled"
                        | "canceled"
                        | "confirmed"
                        | "refunded"
                        | "waived"
                        | "extended"
                        | "exchanged"
                        | "returned"
                        | "changed"
                        | "amended"
                        | "transferred"
                        | "upgraded"
                        | "accepted"
                        | "booked"
                        | "issued"
                        | "collected"
                        | "delivered"
                        | "reserved"
                )
        })
}

/// Where the participle is when the words from `at` are "have", a thing and
/// what is done to it ("Friends of the Orchestra members may have the booking
/// fee waived", "a school can have its hire extended"): after "can" or
/// "may", a permission for whoever does it, for them.
fn had_done(toks: &[Tok<'_>], at: usize) -> Option<usize> {
    if !toks.get(at).is_some_and(|t| t.w == "have" && !t.cut) {
        return None;
    }
    (at + 2..(at + 7).min(toks.len()))
        .take_while(|&k| !toks[k].cut)
        .find(|&k| specc_syntax::normative::is_done_to_a_thing(toks[k].w))
}

/// Whether the words from `at` are "be", a participle and "only" with the
/// case it is done in ("Class 3 scooters may be hired out only if the
/// customer confirms ...", "test drives may only be scheduled once ..."):
/// after "can" or "may", a permission with its limit for whoever does it
/// (as the shared classifier reads it).
fn done_only_in_a_case(toks: &[Tok<'_>], at: usize) -> bool {
    let at = if toks.get(at).is_some_and(|t| t.w == "only" && !t.cut) {
        at + 1
    } else {
        at
    };
    let only_before = at > 0 && toks[at - 1].w == "only";
    let case = |t: &Tok<'_>| {
        matches!(
            t.w,
            "if" | "when" | "once" | "after" | "with" | "by" | "for" | "to" | "where" | "while" | "during"
        )
    };
    toks.get(at).is_some_and(|t| t.w == "be" && !t.cut)
        && toks.get(at + 1).is_some_and(|t| !t.cut && is_participle(t.w))
        && (only_before
            || (at + 2..(at + 5).min(toks.len()))
                .take_while(|&k| !toks[k].cut)
                .any(|k| toks[k].w == "only" && toks.get(k + 1).is_some_and(case)))
}

/// Whether the words from `at` are "be" and an act of handing a thing to
/// someone, with them named ("Volunteers' first names may be shared with
/// guests who ask"): after "can" or "may", a permission for whoever hands it
/// over (as the shared classifier reads it).
fn handed_to_someone(toks: &[Tok<'_>], at: usize) -> bool {
    toks.get(at).is_some_and(|t| t.w == "be" && !t.cut)
        && toks
            .get(at + 1)
            .is_some_and(|t| !t.cut && specc_syntax::normative::is_handed_over(t.w))
        && toks.get(at + 2).is_some_and(|t| !t.cut && matches!(t.w, "with" | "to"))
}

/// Whether the words from `at` are a passive whose agent is the assistant:
/// "be updated by the assistant", "be waived by Kerby".
fn passive_by_the_assistant(toks: &[Tok<'_>], at: usize, names: &[String]) -> bool {
    let Some(by) = (at..toks.len().min(at + 4)).find(|&k| toks[k].w == "by") else {
        return false;
    };
    toks.get(at).is_some_and(|t| t.w == "be")
        && toks.get(at + 1).is_some_and(|t| is_participle(t.w))
        && toks[by + 1..]
            .iter()
            .take(3)
            .map(|t| t.w)
            .find(|w| !in_stop(w))
            .is_some_and(|w| matches!(w, "assistant" | "bot" | "chatbot") || names.iter().any(|n| n == w))
}

/// Whether the word at `i` is inside a relative clause: "the date by which
/// it must be collected", "a customer who can't attend".
fn in_relative_clause(toks: &[Tok<'_>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && !is_boundary(&toks[j]) {
        j -= 1;
    }
    j < i && !toks[j].cut && matches!(toks[j].w, "which" | "who" | "whom" | "whose")
}

/// Whether a word is a verb of telling someone something ("tell",
/// "remind", "advise", or any of the lexicon's telling class).
fn is_telling_verb(w: &str) -> bool {
    let l = lemma(w);
    matches!(
        l.as_ref(),
        "say" | "explain" | "remind" | "warn" | "inform" | "tell" | "mention" | "confirm" | "advise" | "reassure"
    ) || crate::lexicon::verb_class(&l) == crate::lexicon::verb_class("tell")
}

/// Whether the word at `i` is inside what a telling verb tells: "Tell
/// customers that vehicles must be returned full", "say what you can help
/// with": its modal word is what is told, not a rule.
fn in_told_clause(toks: &[Tok<'_>], i: usize) -> bool {
    let telling = is_telling_verb;
    let mut j = i;
    while j > 0 && !toks[j].cut {
        j -= 1;
        let opener = toks[j].w;
        if !matches!(opener, "that" | "what" | "how" | "whether") {
            continue;
        }
        // ("tell customers that refunds can take five days and must not
        // promise a date": after a told clause with a modal word of its own,
        // "and must not" is the rule's again; "that vehicles are supplied
        // full and must be returned full" goes on telling.)
        // ("what the assistant can and cannot do": one told pair of modals.)
        if matches!(toks[i - 1].w, "and" | "but") && (j + 1..i.saturating_sub(2)).any(|k| trigger_at(toks, k).is_some())
        {
            return false;
        }
        // The telling verb right before, past the people told.
        let mut k = j;
        // ("advise customers with a brand-new tank that ...": past a phrase
        // on the people told, a few words more.)
        while k > 0 && j - k < 8 && !toks[k].cut {
            k -= 1;
            let w = toks[k].w;
            if telling(w) && lemma(w) == w {
                return true;
            }
            // (Past an adjective of theirs too: "tell private patients that".)
            if trigger_at(toks, k).is_some()
                || in_stop(&w)
                    && !matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "our"
                            | "your"
                            | "their"
                            | "all"
                            | "every"
                            | "each"
                            | "any"
                            | "with"
                            | "in"
                            | "on"
                            | "at"
                            | "from"
                            | "of"
                    )
            {
                break;
            }
        }
        // ("Tell applicants who live in a flat that they can't ...": past a
        // relative clause on the people told.)
        if let Some(who) = (j.saturating_sub(10)..j)
            .rev()
            .find(|&w| matches!(toks[w].w, "who" | "whom") && (w + 1..=j).all(|x| !toks[x].cut))
        {
            return (who.saturating_sub(4)..who)
                .any(|k| !toks[k + 1].cut && telling(toks[k].w) && lemma(toks[k].w) == toks[k].w);
        }
        return false;
    }
    false
}

/// Whether the word at `i` is inside a clause told without "that" ("tell
/// them they don't need a new test"): its modal word is what is told.
fn in_zero_that_clause(toks: &[Tok<'_>], i: usize) -> bool {
    i >= 3
        && matches!(toks[i - 1].w, "they" | "he" | "she" | "we" | "you" | "it")
        && (matches!(toks[i - 2].w, "them" | "him" | "her" | "us" | "me")
            || crate::lexicon::is_people(&lemma(toks[i - 2].w)))
        && !toks[i - 1].cut
        && !toks[i - 2].cut
        && toks[i.saturating_sub(5)..i - 2]
            .iter()
            .any(|t| crate::lexicon::verb_class(&lemma(t.w)) == crate::lexicon::verb_class("tell"))
}

/// Whether the word at `i` is the modal word of a relative clause without
/// "that" on a thing named just before it ("recommend the deductions they
/// should take", "give a diagnosis of any disease you can see"): what
/// someone else can or should do, which names the thing, not a rule.
/// (Not in a condition: "if a customer asks for a refund you must ..." is a
/// rule after a case with no comma.)
fn in_zero_relative_clause(toks: &[Tok<'_>], i: usize) -> bool {
    if i < 3 || !matches!(toks[i - 1].w, "they" | "you" | "we" | "he" | "she") || toks[i - 1].cut || toks[i - 2].cut {
        return false;
    }
    let noun = toks[i - 2].w;
    if in_stop(&noun) || is_boundary_word(noun) || is_ly_adverb(noun) || matches!(noun, "and" | "or" | "then" | "if") {
        return false;
    }
    // The stretch the clause is in, back to its last cut.
    let start = (0..i).rev().find(|&k| toks[k].cut).unwrap_or(0);
    let determiner = (i.saturating_sub(6).max(start)..i - 2).any(|k| {
        matches!(
            toks[k].w,
            "the" | "a" | "an" | "any" | "every" | "each" | "all" | "some" | "whatever" | "which" | "these" | "those"
        )
    });
    determiner && !(start..i - 1).any(|k| is_condition_at(toks, k).is_some() || is_actor_word(toks[k].w))
}

fn starts_with_imperative(toks: &[Tok<'_>]) -> bool {
    imperative_opening(toks).is_some_and(|n| looks_imperative(toks, n))
}

/// Where the main clause of a sentence starts: past a leading condition (at
/// the first comma after which an imperative opens, since the condition may
/// hold a list: "If a pet has eaten chocolate, grapes or rat bait, tell ..."),
/// or past a leading "only".
fn imperative_opening(toks: &[Tok<'_>]) -> Option<usize> {
    if toks.is_empty() {
        return None;
    }
    // "For customers whose contract has ended, unlock ...": a leading case
    // for some people, as a condition is ("for example" is no case).
    let for_case = toks[0].w == "for"
        && toks
            .get(1)
            .is_some_and(|t| !matches!(t.w, "example" | "instance" | "more" | "details"));
    // "To confirm that a customer owns the wallet, ask them for ...": a
    // leading purpose, then the imperative.
    let purpose = toks[0].w == "to" && toks.get(1).is_some_and(|t| crate::lexicon::is_common_verb(t.w));
    // "On every first-notification call, determine ...", "At weekends,
    // sell ...": a leading case.
    let case = matches!(
        toks[0].w,
        "on" | "at"
            | "in"
            | "during"
            | "with"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "weekdays"
            | "weekends"
    ) && (1..toks.len().min(9)).any(|n| toks[n].cut && looks_imperative(toks, n));
    if is_condition_at(toks, 0).is_some() || for_case || purpose || case {
        let cuts = || (1..toks.len()).filter(|&n| toks[n].cut);
        let first = cuts().find(|&n| looks_imperative(toks, n));
        // ("If a patient says they are pregnant, take blood thinners, take
        // bisphosphonates or have a heart condition, add a note": verb
        // phrases joined by "or" are the case's list; the rule's act is the
        // imperative after it.)
        if let Some(n) = first
            && let Some(m) =
                cuts().find(|&m| m > n && looks_imperative(toks, m) && toks[n..m].iter().any(|t| t.w == "or" && !t.cut))
        {
            return Some(m);
        }
        return first.or_else(|| cuts().next());
    }
    Some(leading_only(toks))
}

/// Whether the word at `n` opens an imperative: a verb the lexicon knows, in
/// its base form, or, after a leading condition, by its shape: a word that is
/// no function word followed by what opens an object ("If ..., reset the
/// password", "unpublish it", "decide whether ..."). At the start of a
/// sentence the shape is not enough: list items that only name things
/// ("grade the user's own answers" under "Students often ask for:") have it.
fn looks_imperative(toks: &[Tok<'_>], n: usize) -> bool {
    let Some(t) = toks.get(n) else { return false };
    // "People mostly read us on their phones": WordNet has "to people" and
    // "to staff", but a word for people opens a sentence about them.
    // (No lemma: this is asked of many tokens; a plural's "s" is enough.)
    if crate::lexicon::is_people(t.w) || t.w.strip_suffix('s').is_some_and(crate::lexicon::is_people) {
        return false;
    }
    // "Refund requests are escalated ...": a noun phrase before its verb, not a command.
    // ("Pet Health Club is our monthly plan": a name's capitalised words too.)
    let named = toks[n + 1..]
        .iter()
        .take(4)
        .take_while(|x| !x.cut && x.w.starts_with(|c: char| c.is_ascii_uppercase()) && x.w != "I")
        .count();
    let subject_of = toks[n + 1..].iter().take(2 + named).take_while(|x| !x.cut).any(|x| {
        matches!(
            x.w,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "shall"
                | "gets"
                | "get"
                | "go"
                | "goes"
        )
    });
    if subject_of {
        return false;
    }
    if crate::lexicon::is_imperative_verb(t.w) && lemma(t.w) == t.w {
        return true;
    }
    // A common verb of English (WordNet's) in its base form, before what it
    // acts on: "Release the car ...", "Wrap every example ...", "Enroll
    // employees in ..." ("Tour narration is delivered ..." is a noun before its verb, above).
    // ("Long replies on a phone screen put people off", "late payments
    // ...": a word that is an adjective too, before a noun, opens a noun
    // phrase; only before what an act takes is it a verb: "clear the basket".)
    let adjective_too = matches!(
        t.w,
        "long"
            | "short"
            | "clear"
            | "open"
            | "close"
            | "free"
            | "clean"
            | "empty"
            | "quiet"
            | "slow"
            | "fast"
            | "right"
            | "light"
            | "dry"
            | "warm"
            | "cool"
            | "late"
            | "full"
            | "low"
            | "direct"
            | "complete"
            | "separate"
            | "double"
            | "secure"
            | "busy"
    );
    if crate::lexicon::is_common_verb(t.w)
        && lemma(t.w) == t.w
        && !FUNCTION_WORDS.contains(&t.w)
        && toks.get(n + 1).is_some_and(|x| {
            !x.cut
                && (OBJECT_OPENERS.contains(&x.w)
                    // ("Content being prohibited does not ...": a noun before its verb.)
                    || !adjective_too
                        && !is_stop(x.w)
                        && !x.w.ends_with("ing")
                        && !crate::lexicon::is_common_verb(x.w))
        })
    {
        return true;
    }
    if n == 0 || !toks[n].cut {
        return false;
    }
    // ("carry out an assessment", "pass on that volunteer's address": a particle first.)
    let object_at = if toks
        .get(n + 1)
        .is_some_and(|x| !x.cut && crate::lexicon::is_particle(x.w))
    {
        n + 2
    } else {
        n + 1
    };
    let opens_object = toks
        .get(object_at)
        .is_some_and(|x| !x.cut && (OBJECT_OPENERS.contains(&x.w) || x.w == "that"));
    opens_object
        && t.w.len() >= 3
        && t.w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !t.w.ends_with("ly")
        && !t.w.ends_with("ing")
        && !t.w.ends_with("ed")
        && !t.w.ends_with('s')
        && !is_stop(t.w)
        && !FUNCTION_WORDS.contains(&t.w)
}

/// Words that open what an imperative acts on ("reset the password").
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "all", "any", "every", "each", "it", "them", "him", "her", "us", "me", "this", "these", "those",
    "their", "his", "its", "your", "our", "my", "whether",
];

/// Words that never open an imperative: determiners, pronouns, prepositions,
/// conjunctions, auxiliaries and sentence adverbs.
const FUNCTION_WORDS: &[&str] = &[
    "both",
    "either",
    "neither",
    "no",
    "not",
    "none",
    "most",
    "many",
    "few",
    "several",
    "another",
    "we",
    "she",
    "he",
    "i",
    "anyone",
    "everyone",
    "someone",
    "nobody",
    "after",
    "before",
    "during",
    "under",
    "over",
    "between",
    "among",
    "above",
    "below",
    "across",
    "through",
    "per",
    "via",
    "upon",
    "onto",
    "outside",
    "inside",
    "within",
    "without",
    "unlike",
    "like",
    "beyond",
    "except",
    "including",
    "but",
    "if",
    "when",
    "while",
    "unless",
    "because",
    "since",
    "although",
    "though",
    "once",
    "whenever",
    "where",
    "wherever",
    "yet",
    "then",
    "thus",
    "hence",
    "here",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "still",
    "always",
    "never",
    "often",
    "sometimes",
    "again",
    "already",
    "soon",
    "later",
    "first",
    "next",
    "last",
    "please",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "will",
    "would",
    "was",
    "were",
    "been",
    "has",
    "have",
    "had",
    "does",
    "did",
    "do",
    "why",
    "where",
    "until",
    "till",
    "against",
    "toward",
    "towards",
    "behind",
    "beside",
    "besides",
    "near",
    "off",
    "out",
    "up",
    "down",
    "around",
    "new",
    "old",
    "same",
    "whole",
    "full",
    "half",
    "free",
    "due",
    "near",
    "far",
    "top",
    "bottom",
];

/// Whether a sentence opens with an imperative (past a leading condition)
/// that is not the opening of an example ("Consider the case where ...").
fn opens_with_imperative(text: &str) -> bool {
    let toks = tokens(text);
    starts_with_imperative(&toks)
        && !toks.first().is_some_and(|t| {
            matches!(
                t.w,
                "consider" | "note" | "imagine" | "suppose" | "say" | "take" | "let" | "see" | "compare" | "remember"
            )
            // ("Take repeat prescription requests in chat": a house's act;
            // "Take, for example, ...", "Take the case of ..." are not.)
            && !(t.w == "take"
                && toks.get(1).is_some_and(|n| !n.cut)
                && !toks.iter().skip(1).take(3).any(|n| {
                    matches!(
                        n.w,
                        "example" | "case" | "look" | "instance" | "scenario" | "situation" | "moment" | "note" | "this"
                            | "that" | "these" | "user" | "it"
                    )
                }))
            // ("Say that the salon is closed on Sundays": what to say, not "say, for example".)
            && !(t.w == "say" && toks.get(1).is_some_and(|n| n.w == "that" && !n.cut))
        })
}

/// Extracts the statements of one normalised sentence.
#[cfg(test)]
pub(crate) fn extract(norm: &NormText, lead_in: Option<&str>) -> Vec<Extracted> {
    scan(norm, lead_in, None, &[]).0
}

/// Extracts the statements of one normalised sentence, and the lead-in it ends
/// with, if any: a trigger with no action before the colon. `lead_in` is the
/// text of the sentence that introduces the list the sentence is an item of (its
/// conditions apply); `inherit` what that lead-in rules, which the sentence
/// takes when it has no modal word of its own; `names` the names the document
/// gives its assistant ("Kerby may waive ...": [`specc_syntax::normative::Actors::learn`]).
pub(crate) fn scan(
    norm: &NormText,
    lead_in: Option<&str>,
    inherit: Option<&LeadIn>,
    names: &[String],
) -> (Vec<Extracted>, Option<LeadIn>) {
    scan_split(norm, &words(&norm.text), lead_in, inherit, names)
}

/// [`scan`] of a sentence whose words are split already.
fn scan_split(
    norm: &NormText,
    split: &[(usize, usize, &str)],
    lead_in: Option<&str>,
    inherit: Option<&LeadIn>,
    names: &[String],
) -> (Vec<Extracted>, Option<LeadIn>) {
    let text = norm.text.as_str();
    if text.trim_end().ends_with('?') {
        return (Vec::new(), None);
    }
    let mut toks = tokens_of(text, split);
    // "Exception to the rule above: for rush orders, ...": the label names
    // what the rule is (see [`declares_exception`]); the rule is after it.
    if let Some(k) = exception_label_end(&toks, text) {
        toks.drain(..k);
        toks[0].cut = false;
    }
    let toks = toks;
    // The cheap filter upstream also passes "cancel" and "mayor": no trigger, no work.
    // Each token's trigger, read once (the scan below asks for them again).
    let mut triggers: Vec<Option<&'static Trigger>> = (0..toks.len())
        .map(|i| trigger_at(&toks, i).filter(|_| !in_told_clause(&toks, i) && !in_zero_relative_clause(&toks, i)))
        .collect();
    // Triggers the table leaves to their context, in one pass: the
    // assistant's present tense after its name or role ("Inkbot does not"),
    // a present passive negated or pinned ("dates are not shown"), and the
    // assistant's name before "is to" ("Concierge is to make a reservation").
    for i in 1..toks.len() {
        let w = toks[i].w;
        // (By the first letter first: this runs over every token of every rule.)
        let Some(&first) = w.as_bytes().first() else { continue };
        if matches!(first, b'i' | b'a' | b'c') && matches!(w, "is" | "are" | "costs" | "cost") {
            if let Some((t, at)) = present_passive_at(&toks, i) {
                if triggers[i..=at].iter().all(Option::is_none) {
                    triggers[at] = Some(t);
                }
            } else if triggers[i].is_none()
                && w == "is"
                && toks.get(i + 1).is_some_and(|n| n.w == "to" && !n.cut)
                && names.iter().any(|n| n == toks[i - 1].w)
            {
                triggers[i] = TRIGGERS.iter().find(|t| t.words == ["is", "to"]);
            }
        } else if matches!(first, b'd' | b'r' | b'a')
            && matches!(w, "does" | "doesn't" | "declines" | "refuses" | "refrains" | "avoids")
        {
            if triggers[i].is_none() {
                triggers[i] = present_tense_at(&toks, i, names);
            }
        } else if !names.is_empty()
            && (i == 1 || toks[i - 1].cut)
            && triggers[i].is_none()
            && named_habit_at(&toks, i, names)
        {
            triggers[i] = Some(&PRESENT_HABIT);
        }
    }
    // "Express sizes in watts, never kilowatts", "book a private lesson -
    // never a group lesson": a "never" with no verb of its own contrasts
    // the act before it ([`contrast`] reads it), it opens no rule.
    for (i, trigger) in triggers.iter_mut().enumerate().skip(1) {
        if trigger.is_some_and(|t| t.words == ["never"]) && elliptical(&toks, i) {
            *trigger = None;
        }
    }
    let own = triggers.iter().any(Option::is_some);
    // A bare imperative ("Share the policy with any employee who asks.",
    // "When a booking fails, refer the traveller to an agent.") is an
    // obligation of the assistant, as if under "The assistant must:".
    // "Wait 48 hours before replying, so the warehouse can check stock": a
    // modal word in a later clause leaves the imperative its own statement.
    // (A modal word of a purpose clause, "so the team can review them", or of
    // a condition, "when the buyer can no longer attend", rules nothing.)
    let imperative_first = starts_with_imperative(&toks)
        && match (0..toks.len()).find(|&i| {
            triggers[i].is_some_and(|tr| {
                !in_purpose_clause(&toks, i, tr)
                    && !in_condition(&toks, i)
                    && !in_relative_clause(&toks, i)
                    && !in_zero_that_clause(&toks, i)
                    && !in_asked_question(&toks, i)
            })
        }) {
            None => true,
            Some(t) => {
                let opening = imperative_opening(&toks).unwrap_or(0).min(toks.len());
                // "Take orders without checking stock - the cellar always
                // has them": after a dash or a semicolon, a clause with a
                // subject of its own before its modal word is another sentence.
                // (After a sentence-opening imperative or condition only: a
                // leading "For ...:" may be followed by a list with a verb-like
                // word in it.)
                let plain_opening = opening == 0
                    || matches!(
                        toks[0].w,
                        "when" | "whenever" | "if" | "once" | "after" | "before" | "unless" | "while"
                    );
                let new_clause = |n: usize| {
                    let dash = toks[n].w.is_empty();
                    let semicolon = n > 0 && text.get(toks[n - 1].e..toks[n].s).is_some_and(|g| g.contains(';'));
                    plain_opening && ((dash && n + 1 < t) || (semicolon && n < t))
                };
                // ("Pass the request to the DPO and do not delete anything
                // yourself": a second imperative joined by "and", its own
                // "never" or "do not" no subject's modal word.)
                let joined_imperative = t > opening + 1
                    && matches!(toks[t - 1].w, "and" | "but")
                    && !toks[t - 1].cut
                    && matches!(toks[t].w, "never" | "do" | "don't" | "always");
                joined_imperative
                    || (opening + 1..t).any(|n| (toks[n].cut && is_boundary_word(toks[n].w)) || new_clause(n))
            }
        };
    let imperative;
    let inherit = match inherit {
        Some(li) => Some(li),
        None if imperative_first => {
            imperative = LeadIn {
                modality: Modality::Obligation,
                avoid: false,
                actor: Actor::Assistant,
                other_subject: None,
                trigger: String::new(),
                act: None,
            };
            Some(&imperative)
        }
        None => None,
    };
    if !own && inherit.is_none() {
        return (Vec::new(), None);
    }
    let conditions = conditions_of(&toks, names);
    // A list item's lead-in ("If and only if ...:") conditions every statement of the item.
    let mut shared: Vec<Condition> = match lead_in {
        Some(l) => {
            let lt = l.to_lowercase();
            conditions_of(&tokens(&lt), names)
                .into_iter()
                .map(|(_, _, c)| c)
                .collect()
        }
        None => Vec::new(),
    };
    // Trigger positions of the statements, to scope each condition (below).
    let mut at: Vec<usize> = Vec::new();

    let mut out: Vec<Extracted> = Vec::new();
    let mut open: Option<LeadIn> = None;
    if let Some(li) = inherit.filter(|_| !own || imperative_first) {
        // An item with no modal word: "- reveal the user's home address" under
        // "The assistant must not:". A leading condition ("if asked, ...") is
        // skipped, up to the imperative when the condition holds a list.
        // An item of punctuation alone has no tokens at all.
        let start = if toks.is_empty() {
            0
        } else {
            imperative_opening(&toks).unwrap_or(toks.len())
        };
        if start < toks.len() {
            let head = Head {
                modality: li.modality,
                avoid: li.avoid,
                actor: li.actor,
                other_subject: li.other_subject.clone(),
                subject: Vec::new(),
                subject_toks: None,
                after: start,
                trigger: None,
                inherited: Some(li.trigger.clone()),
                given_verbs: li.act.clone(),
            };
            if let Act::Statement(x, end) = action(&toks, norm, head) {
                let also = without(&toks, norm, &x, end);
                let not_that = contrast(&toks, norm, &x, end);
                let then = second_act(&toks, norm, &x, end);
                out.push(*x);
                at.push(start);
                for y in also.into_iter().chain(not_that).chain(then) {
                    out.push(y);
                    at.push(start);
                }
            }
        }
    }
    let mut i = 0;
    let mut last_actor: Option<(Actor, Option<String>)> = None;
    // A subject never reaches back into the previous statement's action.
    let mut floor = 0;
    while i < toks.len() {
        let Some(trig) = triggers[i] else {
            i += 1;
            continue;
        };
        let mut after = i + trig.words.len();
        // "Harbor cannot reliably tell the difference", "it can easily
        // miss": what someone is able to do, not a rule.
        if matches!(trig.words.first(), Some(&("can" | "cannot" | "can't")))
            && toks.get(after).is_some_and(|t| {
                matches!(
                    t.w,
                    "reliably" | "easily" | "possibly" | "fully" | "accurately" | "really" | "actually"
                )
            })
        {
            i = after;
            continue;
        }
        // "Under no circumstances should claim handlers phone ...": the modal
        // comes first and the subject after it, up to the verb.
        let mut inverted_subject: Option<Vec<&str>> = None;
        // ("fine for Marin to confirm": up to "to", then the act.)
        // ("Under no circumstances are refunds to be given": a passive, read below.)
        let inverted_to = trig.words.first() == Some(&"under")
            && matches!(trig.words.last(), Some(&("is" | "are")))
            && !(after..(after + 6).min(toks.len()))
                .any(|k| toks[k].w == "to" && toks.get(k + 1).is_some_and(|t| t.w == "be"));
        if trig.words.last() == Some(&"for") && trig.words.get(1) != Some(&"responsible")
            || trig.words == ["up", "to"]
            || inverted_to
        {
            let Some(to) = (after..(after + 5).min(toks.len())).find(|&k| toks[k].w == "to" && !toks[k].cut) else {
                i = after;
                continue;
            };
            if to == after {
                i = after;
                continue;
            }
            inverted_subject = Some(toks[after..to].iter().map(|t| t.w).filter(|w| !in_stop(w)).collect());
            after = to + 1;
        }
        // ("It is the assistant's job to confirm ...": its holder is the subject.)
        if matches!(trig.words, ["job" | "duty" | "responsibility" | "task", "to"]) {
            inverted_subject = duty_holder(&toks, i).map(|h| vec![h]);
        }
        if trig.words == ["place", "to"] {
            inverted_subject = Some(vec!["you"]);
        }
        // ("Under no circumstances may drivers' mobile numbers be given to
        // parents": an inverted passive, its subject up to "be".)
        let inverted_passive = (trig.words.first() == Some(&"under"))
            .then(|| {
                (after + 1..(after + 7).min(toks.len())).find(|&k| {
                    toks[k].w == "be"
                        && (after..=k).all(|x| !toks[x].cut)
                        && toks.get(k + 1).is_some_and(|t| !t.cut && is_participle(t.w))
                })
            })
            .flatten();
        if let Some(be) = inverted_passive {
            inverted_subject = Some(toks[after..be].iter().map(|t| t.w).filter(|w| !in_stop(w)).collect());
            after = be;
        } else if trig.words.first() == Some(&"under")
            && let Some(v) = (after..(after + 5).min(toks.len()))
                .find(|&k| k > after && !toks[k].cut && crate::lexicon::is_imperative_verb(toks[k].w))
                // ("Under no circumstances may the assistant value an item":
                // any common verb right after the assistant.)
                .or_else(|| {
                    (after + 1..(after + 4).min(toks.len())).find(|&k| {
                        !toks[k].cut
                            && (is_actor_word(toks[k - 1].w) || names.iter().any(|n| n == toks[k - 1].w))
                            && crate::lemma::is_common_verb(toks[k].w)
                    })
                })
        {
            inverted_subject = Some(toks[after..v].iter().map(|t| t.w).filter(|w| !in_stop(w)).collect());
            after = v;
        }
        // Subject: the words back to the previous boundary.
        // ("Applicants whose household income is below £25,000 must ...":
        // "whose" opens a clause in a subject, though not in an object.)
        let mut j = i;
        while j > floor && !is_boundary(&toks[j]) && toks[j].w != "whose" && is_condition_at(&toks, j - 1).is_none() {
            j -= 1;
        }
        // "Claims filed 90 days after the incident must be rejected": a
        // condition word inside the subject, not opening the stretch, is
        // part of the subject.
        if j > 0
            && is_condition_at(&toks, j - 1).is_some()
            && j - 1 > floor
            && !toks[j - 1].cut
            && !is_boundary(&toks[j - 2])
        {
            j -= 1;
            while j > floor && !is_boundary(&toks[j]) {
                j -= 1;
            }
        }
        if j > 0
            && is_condition_at(&toks, j - 1).is_some()
            && let Some(k) = (j == 1).then(|| case_then_actor(&toks, i, names)).flatten()
        {
            // "During conference weeks Ferrybot must not ...": the subject
            // after a leading case with no comma.
            j = k;
        } else if j > 0 && is_condition_at(&toks, j - 1).is_some() {
            // "When the assistant must pause, ...": the modal word is inside the
            // condition, which is not a rule of its own.
            i = after;
            continue;
        }
        if in_purpose_clause(&toks, i, trig) {
            i = after;
            continue;
        }
        let subject_start = if j < i && is_boundary(&toks[j]) && !toks[j].cut {
            j + 1
        } else {
            j
        };
        // "Late fees are never waived", "same-day cancellations are always
        // billed the fee": a present-tense passive with "never" or "always" is a
        // rule on what the assistant does to its subject, as "should never be
        // waived" is. (Without the adverb it describes: "fees are listed in the schedule".)
        let pinned = std::ptr::eq(trig, &PRESENT_PINNED);
        let present_passive = (matches!(trig.words, ["never"] | ["always"]) || std::ptr::eq(trig, &PRESENT_NOT))
            && i > subject_start + 1
            && matches!(toks[i - 1].w, "is" | "are")
            && !toks[i - 1].cut
            && toks.get(after).is_some_and(|t| !t.cut && is_participle(t.w));
        // (Pinned, the trigger is the participle, after "is", "are" or "only".)
        let be_at = if pinned {
            (subject_start + 1..i)
                .rev()
                .find(|&k| matches!(toks[k].w, "is" | "are"))
        } else if (std::ptr::eq(trig, &PRESENT_FACT) || std::ptr::eq(trig, &PRESENT_HABIT)) && i > subject_start {
            // (A fact of price, or a habit: the trigger is its own verb.)
            Some(i)
        } else {
            None
        };
        let present_passive = present_passive || be_at.is_some();
        let subject_end = be_at.unwrap_or(if present_passive { i - 1 } else { i });
        let subject: Vec<&str> = match &inverted_subject {
            Some(s) => s.clone(),
            None => toks[subject_start..subject_end]
                .iter()
                .map(|t| t.w)
                .filter(|w| {
                    !in_adverbs(w)
                        && !is_ly_adverb(w)
                        && !w.is_empty()
                        && !matches!(*w, "and" | "or" | "nor" | "both" | "either")
                })
                .collect(),
        };
        // "Put estimates in the body and never send attachments": a second
        // act joined to an opening imperative is the imperative's, done by
        // the assistant, not by the noun before it.
        // (After a leading case too: "If a customer asks for their data,
        // direct them to the privacy team and do not send any data".)
        let subject = if inverted_subject.is_none()
            && !present_passive
            && subject_end > subject_start + 1
            && matches!(toks[subject_end - 1].w, "and" | "but" | "or")
            && (subject_start == 0 || Some(subject_start) == imperative_opening(&toks))
            && looks_imperative(&toks, subject_start)
            // ("Explain what the assistant can and cannot do": a clause of its own.)
            && !toks[subject_start..subject_end].iter().any(|t| {
                matches!(
                    t.w,
                    "what" | "how" | "which" | "who" | "whether" | "that" | "why" | "where" | "when" | "can" | "may"
                        | "must" | "should" | "will" | "would" | "could" | "might" | "shall"
                )
            }) {
            Vec::new()
        } else {
            subject
        };
        // ("... a last resort and is only licensed when ...": a present
        // passive with no subject of its own acts on nothing this reader
        // can name: no statement rather than an empty one.)
        if present_passive && inverted_subject.is_none() && subject.is_empty() {
            i = after;
            continue;
        }
        // "..., except the starter kit, which anyone may buy": what a
        // clause after a comma says others may do is no rule of its own.
        if trig.modality == Modality::Permission
            && subject.len() >= 2
            && matches!(subject[0], "which" | "who")
            && toks[subject_start].cut
        {
            i = after;
            continue;
        }
        // A relative clause ("content that users can ...") is not a rule of its own.
        // So is an embedded question ("about how instructions should be applied").
        let mut relative = j > 0
            && j < toks.len()
            && matches!(
                toks[j].w,
                "that" | "which" | "who" | "whose" | "how" | "whether" | "why"
            )
            && !toks[j].cut;
        // "Customers who are in arrears must not be offered a contract": the
        // relative clause has its own verb, so it ended before the modal
        // word, which is the sentence's; its subject is the clause's antecedent.
        let mut subject = subject;
        // The words that say which of the subject's kind a rule is for
        // ("Replies to Welsh-speaking customers", "People who are not our
        // patients"): the rule's case, as "for ..." (#conflicts: restrictive
        // phrases on the actor or object are guards).
        let mut subject_case: Option<(usize, usize)> = None;
        // ("Applicants whose household income is below £25,000 must be told ...")
        if relative
            && matches!(toks[j].w, "who" | "which" | "that" | "whose")
            && j > floor
            && !is_boundary(&toks[j - 1])
            && (toks[j + 1..subject_end]
                .iter()
                .any(|t| matches!(t.w, "is" | "are" | "was" | "were" | "has" | "have" | "had"))
                // ("Visitors who ask about the painting should be given ...")
                || toks.get(j + 1).is_some_and(|t| {
                    j + 1 < subject_end
                        && (matches!(t.w, "don't" | "do" | "does" | "doesn't" | "can't" | "cannot")
                            || t.w.len() > 2 && crate::lexicon::is_common_verb(&lemma(t.w))
                            // ("Returning customers who hired from us last summer may ...")
                            || (matches!(toks[j].w, "who") && t.w.len() > 4 && t.w.ends_with("ed")))
                }))
            // ("advice that is common knowledge, without detailing what the
            // advice should be used for": a question inside it.)
            && !toks[j + 1..subject_end]
                .iter()
                .any(|t| matches!(t.w, "what" | "how" | "which" | "whether" | "who" | "that" | "why" | "where" | "when"))
        {
            let mut k = j - 1;
            while k > floor && !is_boundary(&toks[k]) && is_condition_at(&toks, k - 1).is_none() {
                k -= 1;
            }
            let from = if is_boundary(&toks[k]) { k + 1 } else { k };
            if from < j && is_condition_at(&toks, from.saturating_sub(1)).is_none_or(|_| from == 0) {
                subject = toks[from..j]
                    .iter()
                    .map(|t| t.w)
                    .filter(|w| !in_adverbs(w) && !is_ly_adverb(w) && !w.is_empty())
                    .collect();
                subject_case = Some((from, subject_end));
                relative = false;
            }
        }
        if relative {
            i = after;
            continue;
        }
        // The subject's head: its last word before a preposition ("each
        // explanation of a fee" is about explanations).
        // ("summaries sent to the attorney": back over a participle too.)
        let subject_head = subject
            .iter()
            .position(|w| {
                matches!(
                    *w,
                    "of" | "for"
                        | "to"
                        | "from"
                        | "with"
                        | "in"
                        | "on"
                        | "about"
                        | "at"
                        | "by"
                        | "through"
                        | "via"
                        | "under"
                        | "over"
                )
            })
            .filter(|&p| p > 0)
            .map_or(subject.last(), |p| {
                let before = &subject[..p];
                before.iter().rev().find(|w| !is_participle(w)).or(before.last())
            });
        // ("..., but should never ...", "do pause ...": a conjunction or an
        // auxiliary is no subject; the subject is the one before it.)
        let subject_head = subject_head.filter(|h| {
            !matches!(
                **h,
                "but" | "and" | "or" | "so" | "yet" | "then" | "do" | "does" | "also" | "thus" | "hence"
            )
        });
        // ("what the assistant can and cannot do": a modal word is no
        // subject, and what it says is a clause of another sentence.)
        if subject_head.is_some_and(|h| {
            matches!(
                *h,
                "can" | "may" | "must" | "should" | "will" | "would" | "could" | "might" | "shall"
            )
        }) {
            i = after;
            continue;
        }
        let (actor, other_subject) = match subject_head {
            None => match (trig.imperative, last_actor.clone()) {
                (_, Some(a)) => a,
                (true, None) => (Actor::Assistant, None),
                (false, None) => (Actor::Assistant, None),
            },
            // The assistant's own name ("Kerby may waive ..."); a plural
            // learned as one ("Fees must be disclosed. Fees should ...") is a thing.
            Some(&head) if names.iter().any(|n| n == head) && lemma(head) == head => (Actor::Assistant, None),
            Some(&head) => match head {
                // "Support cannot restore deleted episodes": the support desk the assistant staffs.
                "assistant" | "it" | "you" | "model" | "chatgpt" | "ai" | "assistants" | "support" => {
                    (Actor::Assistant, None)
                }
                // What a deployed assistant is called in product specs: "the bot", "the app".
                h if (specc_syntax::normative::is_assistant_role(h) || h == "apps")
                    && !(subject.len() >= 2 && matches!(subject[subject.len() - 2], "human" | "live" | "real")) =>
                {
                    (Actor::Assistant, None)
                }
                "developer" | "developers" | "operator" | "operators" => (Actor::Developer, None),
                "user" | "users" => (Actor::User, None),
                // "No one is to be given access": a ban on giving anyone access.
                h @ ("one" | "nobody")
                    if (h == "nobody" || subject.first() == Some(&"no")) && done_to_people(&toks, after, "person") =>
                {
                    (Actor::Assistant, Some(h.to_string()))
                }
                // "We don't take deposits for photo booth hire": the
                // business's house rule, kept by the assistant (as the
                // shared classifier reads it).
                "we" if subject.len() == 1
                    && trig.modality == Modality::Prohibition
                    && toks
                        .get(after)
                        .is_some_and(|t| specc_syntax::normative::is_house_act(t.w))
                    && {
                        let words: Vec<&str> = toks[subject_start..(after + 1).min(toks.len())]
                            .iter()
                            .map(|t| t.w)
                            .collect();
                        specc_syntax::normative::house_rule_of_ours(&words)
                    } =>
                {
                    (Actor::Assistant, None)
                }
                // "we" is the spec's author, "they"/"this" refer back: not a rule on an actor.
                "we" | "they" | "this" | "these" | "there" | "which" | "one" | "i" | "he" | "she" => {
                    i = after;
                    continue;
                }
                // "this may be", "responses can vary": possibility, not
                // permission; "moderators can lock threads", "no claim may
                // be approved": people's permission, or a quantified rule.
                // ("Contact details can be updated by the assistant": the
                // assistant's permission, in the passive.)
                h if trig.modality == Modality::Permission
                    && !is_role(&lemma(h))
                    && subject.first() != Some(&"no")
                    && !passive_by_the_assistant(&toks, after, names)
                    && !done_to_people(&toks, after, h)
                    && !done_to_bookings(&toks, after)
                    && !handed_to_someone(&toks, after)
                    && !done_only_in_a_case(&toks, after)
                    && had_done(&toks, after).is_none() =>
                {
                    i = after;
                    continue;
                }
                h => (Actor::Assistant, Some(lemma(h).into_owned())),
            },
        };
        // Imperatives only count at the start of a stretch ("never", "avoid X"),
        // not mid-phrase ("is never", "to avoid").
        if trig.imperative && !subject.is_empty() && subject_start < i && !present_passive {
            let prev = toks[i - 1].w;
            // ("Cinebot never reveals the plot", "the bot always confirms":
            // the assistant, by its name or role, in the present tense.)
            let the_assistant = actor == Actor::Assistant && other_subject.is_none();
            // ("Inkbot does not recommend", "the assistant declines to": only
            // the assistant's present tense; "it does not have access", "the
            // bot doesn't know" say what it can do.)
            if is_present_tense(trig)
                && (!the_assistant
                    || subject.last() == Some(&"it")
                    || toks.get(after).is_some_and(|t| {
                        matches!(
                            t.w,
                            "have"
                                | "know"
                                | "need"
                                | "mean"
                                | "matter"
                                | "exist"
                                | "understand"
                                | "remember"
                                | "see"
                                | "care"
                                | "seem"
                                | "appear"
                                | "apply"
                                | "require"
                                | "work"
                                | "change"
                        )
                    }))
            {
                i = after;
                continue;
            }
            if !(in_adverbs(&prev)
                || prev == "and"
                || prev == "or"
                || the_assistant
                || subject.last().is_some_and(|h| is_actor_word(h)))
            {
                i = after;
                continue;
            }
        }
        // (A present tense needs its subject: "... but does not need to pause".)
        if is_present_tense(trig) && (subject.is_empty() || subject_start >= i) {
            i = after;
            continue;
        }
        if trig.imperative
            && !present_passive
            && i > 0
            && matches!(toks[i - 1].w, "to" | "is" | "are" | "was" | "be" | "will" | "would")
        {
            i = after;
            continue;
        }
        // "Sharing a dentist's mobile number is not permitted": the act is
        // the subject, a gerund; a thing ("one-way rentals are not
        // permitted") names no act this reader can match.
        if matches!(
            trig.words.last(),
            Some(&("permitted" | "allowed" | "prohibited" | "forbidden"))
        ) {
            if subject_start < i
                && toks[subject_start].w.ends_with("ing")
                && crate::lexicon::is_common_verb(&lemma(toks[subject_start].w))
            {
                let head = Head {
                    modality: Modality::Prohibition,
                    avoid: false,
                    actor: Actor::Assistant,
                    other_subject: None,
                    subject: Vec::new(),
                    subject_toks: None,
                    after: subject_start,
                    trigger: Some((
                        toks[i..after].iter().map(|t| t.w).collect::<Vec<_>>().join(" "),
                        norm.source_span(toks[i].s, toks[after - 1].e),
                    )),
                    inherited: None,
                    given_verbs: None,
                };
                // (The act ends where the rule's words begin.)
                if let Act::Statement(x, _) = action(&toks[..i], norm, head) {
                    out.push(*x);
                    at.push(i);
                }
            }
            i = after;
            continue;
        }
        // ("Every itinerary the agent sends", "generated code", "every
        // vendor suggestion sent to a couple": what the assistant writes or
        // sends, read below.)
        let produced = produced_by_the_assistant(&subject, names);
        let open_subject = other_subject.clone();
        // "No claim may be approved ...", "no refund should be issued ...":
        // the quantifier makes the rule a prohibition.
        let modality = if subject.first() == Some(&"no") && subject.len() >= 2 && trig.modality != Modality::Prohibition
        {
            Modality::Prohibition
        } else {
            trig.modality
        };
        let head = Head {
            modality,
            avoid: is_avoidance(trig),
            actor,
            other_subject,
            subject,
            subject_toks: (inverted_subject.is_none() && subject_end > subject_start)
                .then_some((subject_start, subject_end)),
            after: be_at.unwrap_or(if present_passive { i - 1 } else { after }),
            trigger: Some((
                toks[i..after].iter().map(|t| t.w).collect::<Vec<_>>().join(" "),
                norm.source_span(toks[i].s, toks[after - 1].e),
            )),
            inherited: None,
            given_verbs: None,
        };
        // ("Replies to Welsh-speaking customers must be in Welsh": a
        // subject with a phrase after its head; not "each explanation of a
        // fee", which names the thing.)
        // ("Every vendor suggestion sent to a couple": what the assistant
        // sends, to whom it goes, not a case of it.)
        // (A price stated, "the deposit for a surgery booking is £50": the
        // phrase names the thing priced.)
        if subject_case.is_none()
            && !produced
            && !std::ptr::eq(trig, &PRESENT_FACT)
            // ("Deviating from truthful responses should be a last resort":
            // an act as the subject, its words no case.)
            && !toks.get(subject_start).is_some_and(|t| t.w.ends_with("ing"))
            && inverted_subject.is_none()
            && subject_end > subject_start + 2
            && !toks[subject_start + 1..subject_end].iter().any(|t| t.cut)
            && let Some(p) = (subject_start + 1..subject_end - 1).find(|&k| {
                matches!(toks[k].w, "to" | "for" | "from" | "with" | "under" | "over" | "aged")
                    && !in_stop(&toks[k - 1].w)
            })
            && toks[p + 1..subject_end].iter().any(|t| !in_stop(&t.w))
            // ("Registration fees are paid with the application and are
            // never refunded": a clause of its own, no phrase of the subject.)
            && !toks[subject_start..subject_end].iter().any(|t| {
                matches!(
                    t.w,
                    "is" | "are" | "was" | "were" | "be" | "been" | "has" | "have" | "had" | "and" | "or" | "but"
                )
            })
        {
            subject_case = Some((subject_start, subject_end));
        }
        let act = action(&toks, norm, head);
        match act {
            Act::None => {
                // Only a trigger at the end of the sentence opens a lead-in.
                open = None;
                i = after;
                continue;
            }
            Act::Open | Act::OpenWith(_) => {
                let act = match act {
                    Act::OpenWith(verbs) => Some(verbs),
                    _ => None,
                };
                open = Some(LeadIn {
                    modality: trig.modality,
                    avoid: is_avoidance(trig),
                    actor,
                    other_subject: open_subject,
                    trigger: toks[i..after].iter().map(|t| t.w).collect::<Vec<_>>().join(" "),
                    act,
                });
                i = after;
                continue;
            }
            Act::Statement(mut x, obj_end) => {
                open = None;
                last_actor = Some((x.actor, x.action.subject.clone()));
                // "Every rejection email must explain why ...": what the
                // assistant writes doing something is the assistant doing it.
                if x.action.verbs.first().is_some_and(|v| v != "be")
                    && x.action.subject.is_some()
                    && (produced || x.action.subject.as_deref().is_some_and(is_output_noun))
                {
                    x.action.subject = None;
                }
                if let Some((from, to)) = subject_case {
                    let words: Vec<&str> = toks[from..to].iter().map(|t| t.w).filter(|w| !w.is_empty()).collect();
                    x.conditions.push(Condition {
                        kind: "for".to_string(),
                        text: format!("for {}", words.join(" ")),
                        of_subject: true,
                    });
                }
                let also = without(&toks, norm, &x, obj_end);
                let not_that = contrast(&toks, norm, &x, obj_end);
                let then = second_act(&toks, norm, &x, obj_end);
                let series = if then.is_none() {
                    series_acts(&toks, norm, &x, obj_end)
                } else {
                    Vec::new()
                };
                out.push(*x);
                at.push(i);
                i = obj_end.max(after);
                for y in also.into_iter().chain(not_that).chain(then).chain(series) {
                    out.push(y);
                    at.push(i);
                }
                floor = i;
            }
        }
    }
    // Conditions are scoped: one before the first statement conditions them all
    // ("If asked, the assistant should A and must not B"); a later one that opens
    // a stretch (after a comma or "but") conditions the next statement; one that
    // continues an action ("should A when X") conditions that statement.
    if let Some(&first) = at.first() {
        for (start, opens, c) in conditions {
            if start < first {
                shared.push(c);
                continue;
            }
            let next = at.iter().position(|&t| t > start);
            let prev = at.iter().rposition(|&t| t < start);
            let target = match (opens, next, prev) {
                (true, Some(n), _) => n,
                (_, _, Some(p)) => p,
                (_, Some(n), None) => n,
                (_, None, None) => 0,
            };
            // "never contact drivers about their balance; reminders were
            // switched off after complaints": a case in a clause after a
            // semicolon is that clause's, not the rule's before it.
            let semicolon_between = |from: usize, to: usize| {
                (from + 1..=to.min(toks.len() - 1))
                    .any(|k| toks[k].cut && text.get(toks[k - 1].e..toks[k].s).is_some_and(|gap| gap.contains(';')))
            };
            if at[target] < start && semicolon_between(at[target], start) {
                continue;
            }
            out[target].conditions.push(c);
        }
    }
    for x in &mut out {
        x.conditions.extend(shared.iter().cloned());
        x.conditions.sort();
        x.conditions.dedup();
        resolve_pronoun_object(x);
        booked_onto(x);
        participle_case(x, text);
        asked_for(x);
        without_consent(x);
        // ("Offer no more than three slots": a ban on offering more than
        // three, shown so, not as a ban on "no more than three".)
        if x.modality == Modality::Prohibition {
            for prefix in [
                "no more than ",
                "no fewer than ",
                "no less than ",
                "no later than ",
                "no earlier than ",
            ] {
                if let Some(rest) = x.action.object.strip_prefix(prefix) {
                    x.action.object = format!("{} {rest}", &prefix[3..prefix.len() - 1]);
                    x.object_span = None;
                }
            }
        }
        // "Always tell the policyholder when their claim is sent to the fraud
        // team": the when-clause, read as what is told and as the rule's
        // case, is the case; what is told is that it happened.
        if x.action.object.starts_with("when ") && x.conditions.iter().any(|c| c.text == x.action.object) {
            x.action.object_keys.clear();
            x.action.qualifier_keys.clear();
        }
        // "must book vehicle collections only during yard opening hours": a
        // restriction to a case, as "only if" is (no duty to book at all;
        // the act is forbidden outside the case).
        if let Some(object) = x.action.object.strip_suffix(" only")
            && x.conditions.len() == 1
            && !x.conditions[0].kind.starts_with("only")
            && matches!(
                x.conditions[0].kind.as_str(),
                "during"
                    | "on"
                    | "at"
                    | "before"
                    | "after"
                    | "between"
                    | "within"
                    | "when"
                    | "if"
                    | "while"
                    | "for"
                    | "in"
            )
        {
            x.action.object = object.to_string();
            let c = &mut x.conditions[0];
            c.kind = format!("only {}", c.kind);
            c.text = format!("only {}", c.text);
            if x.modality == Modality::Obligation {
                x.modality = Modality::Permission;
            }
        }
    }
    (out, open)
}

/// "Never use the words "gross misconduct" to describe a specific
/// employee's behaviour": words used to describe something are a case of
/// using them ("when describing ..."), not the thing used; explaining what
/// the words mean is another act.
fn used_to_describe(x: &mut Extracted) {
    if x.action.verbs != ["use"] {
        return;
    }
    let lower = x.action.object.to_lowercase();
    let Some((thing, purpose)) = [
        " to describe ",
        " to refer to ",
        " to label ",
        " to characterise ",
        " to characterize ",
    ]
    .iter()
    .find_map(|p| {
        lower
            .split_once(p)
            .map(|(t, rest)| (t.to_string(), format!("{}{rest}", &p[4..])))
    }) else {
        return;
    };
    if thing.trim().is_empty() {
        return;
    }
    let thing_words: Vec<&str> = words(&thing).into_iter().map(|(_, _, w)| w).collect();
    let (keys, qualifiers) = object_keys_of(&thing_words);
    if keys.is_empty() {
        return;
    }
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    // ("describe ..." as "describing ...".)
    let (verb, rest) = purpose.split_once(' ').unwrap_or((purpose.as_str(), ""));
    let gerund = match verb.strip_suffix('e') {
        Some(stem) => format!("{stem}ing"),
        None => format!("{verb}ing"),
    };
    x.conditions.push(Condition {
        kind: "when".to_string(),
        text: format!("when {gerund} {}", rest.trim_end_matches(['.', ';', ','])),
        of_subject: false,
    });
    x.conditions.sort();
}

/// "Say "I'm sorry your water is off" rather than "We apologise for any
/// inconvenience"": what is done instead of something is the act; the
/// other thing is not part of what it acts on.
fn rather_than(x: &mut Extracted) {
    if x.modality == Modality::Prohibition {
        return;
    }
    // (Most objects have neither: one pass over the words tells.)
    if !x
        .action
        .object
        .split(' ')
        .any(|w| w.eq_ignore_ascii_case("rather") || w.eq_ignore_ascii_case("instead"))
    {
        return;
    }
    let lower = x.action.object.to_lowercase();
    let Some(at) = [" rather than ", " instead of "]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
    else {
        return;
    };
    let thing: Vec<&str> = words(&lower[..at]).into_iter().map(|(_, _, w)| w).collect();
    let (keys, qualifiers) = object_keys_of(&thing);
    if keys.is_empty() {
        return;
    }
    // (Shown whole; read without what it replaces.)
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
}

/// "Never close a complaint without the customer's agreement": a ban on an
/// act without someone's consent is a ban unless they consent ("unless the
/// customer agrees"), a case the other rules can name, not words of the
/// thing acted on.
fn without_consent(x: &mut Extracted) {
    if x.modality != Modality::Prohibition {
        return;
    }
    let lower = x.action.object.to_lowercase();
    let Some(at) = lower.rfind(" without ") else {
        return;
    };
    let rest: Vec<&str> = lower[at + " without ".len()..]
        .trim_end_matches(['.', ';', ','])
        .split(' ')
        .collect();
    let (who, noun) = match rest.as_slice() {
        [who, noun] | ["the", who, noun] if who.ends_with("'s") || matches!(*who, "their" | "his" | "her" | "your") => {
            (*who, *noun)
        }
        _ => return,
    };
    let verb = match noun {
        "agreement" => "agrees",
        "consent" | "say-so" => "consents",
        "permission" => "gives permission",
        "approval" => "approves",
        "authorisation" | "authorization" => "authorises it",
        "confirmation" => "confirms",
        _ => return,
    };
    let who = match who.strip_suffix("'s") {
        Some(person) => format!("the {person}"),
        None => "they".to_string(),
    };
    // (Offsets of the lowercased text fit the object only where lowercasing
    // kept its length.)
    let Some(head) = x
        .action
        .object
        .get(..at)
        .filter(|_| lower.len() == x.action.object.len())
    else {
        return;
    };
    let thing: Vec<&str> = head.split(' ').collect();
    let (keys, qualifiers) = object_keys_of(&thing);
    if keys.is_empty() {
        return;
    }
    x.action.object = thing.join(" ");
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    x.object_span = None;
    x.action.written = None;
    x.conditions.push(Condition {
        kind: "unless".to_string(),
        text: format!("unless {who} {verb}"),
        of_subject: false,
    });
    x.conditions.sort();
}

/// "If the customer asks about fees, don't discuss them": an object that is
/// only a pronoun stands for what the statement's condition is about, its
/// content words other than people and known verbs.
/// "Never ask NHS patients for a deposit": what is asked for is the thing;
/// the people asked say whose case it is.
fn asked_for(x: &mut Extracted) {
    if x.action.verbs != ["ask"] {
        return;
    }
    let lower = x.action.object.to_lowercase();
    // ("ask them to upload a fit note" asks for a document; "ask them to
    // send the item back" asks them to return it, and "to upload photos" is
    // the act a "photo upload" names.)
    let handing = [" to upload ", " to provide ", " to submit "]
        .iter()
        .find_map(|w| lower.split_once(w))
        .filter(|(_, thing)| {
            [
                "note",
                "certificate",
                "form",
                "letter",
                "proof",
                "evidence",
                "document",
                "statement",
                "receipt",
            ]
            .iter()
            .any(|d| {
                thing
                    .split(' ')
                    .any(|w| w.trim_end_matches(['.', ',', ';']).trim_end_matches('s') == *d)
            })
        });
    let Some((people, thing)) = lower.split_once(" for ").or(handing) else {
        return;
    };
    let people_words: Vec<&str> = people.split(' ').collect();
    // (The people asked end right before "for": "ask NHS patients for a
    // deposit", not "ask the user to clarify their intent for ...".)
    if !people_words
        .last()
        .is_some_and(|w| crate::lexicon::is_people(&lemma(w)))
        || people_words.len() > 4
        || people_words.iter().any(|w| matches!(*w, "to" | "about" | "whether"))
        || thing.trim().is_empty()
    {
        return;
    }
    let words: Vec<&str> = thing.split(' ').collect();
    let (keys, qualifiers, _) = object_parts(&words);
    if keys.is_empty() {
        return;
    }
    // (Shown as written: "ask them to upload a fit note".)
    if !lower.contains(" for ") && x.action.written.is_none() {
        x.action.written = Some(format!("ask {}", x.action.object));
    }
    x.action.verbs = vec!["ask for".to_string()];
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    // ("ask every new client for ...": everyone, no case of some people.)
    x.action.people_keys = if people_words
        .iter()
        .any(|w| matches!(*w, "every" | "all" | "any" | "each"))
    {
        Vec::new()
    } else {
        people_words
            .iter()
            .filter(|w| crate::lexicon::is_people(&lemma(w)))
            .map(|w| key(w))
            .collect()
    };
    x.action.object_items.clear();
}

/// "any refund on a booking cancelled less than 72 hours before pick-up":
/// a participle with a bound after the thing says in which case the rule
/// holds, as "if it was cancelled less than 72 hours before pick-up" would;
/// it is read as that case, not as words of the thing.
fn participle_case(x: &mut Extracted, sentence: &str) {
    // (Most sentences bound nothing: a few searches rule them out; the
    // sentence is normalised, so lowercase already.)
    let bounded = || {
        [&b" than "[..], b" within ", b" over ", b" under "]
            .iter()
            .any(|n| memchr::memmem::find(sentence.as_bytes(), n).is_some())
    };
    // ("a garden waste subscription that is cancelled more than 14 days
    // after purchase": in a relative clause after the thing, as well.)
    if !x.action.object.bytes().any(|b| b.is_ascii_digit()) && x.action.object_clause.is_some() && bounded() {
        let lower = sentence;
        let words: Vec<&str> = lower
            .split(' ')
            .map(|w| w.trim_end_matches(['.', ',', ';', ':', '!']))
            .collect();
        if let Some(that) = words.iter().position(|w| matches!(*w, "that" | "which"))
            && matches!(words.get(that + 1), Some(&"is" | &"are" | &"was" | &"were"))
            && let Some(w) = words.get(that + 2)
            && w.len() > 4
            && w.ends_with("ed")
            && matches!(
                words.get(that + 3),
                Some(&"less" | &"more" | &"fewer" | &"over" | &"under" | &"within")
            )
        {
            let mut case = words[that + 2..].join(" ");
            if let Some(at) = x
                .conditions
                .iter()
                .position(|c| matches!(c.kind.as_str(), "before" | "after"))
                && case.ends_with(&x.conditions[at].text)
            {
                x.conditions.remove(at);
            } else if let Some(at) = x
                .conditions
                .iter()
                .position(|c| matches!(c.kind.as_str(), "before" | "after"))
            {
                let c = x.conditions.remove(at);
                case = format!("{case} {}", c.text);
            }
            x.conditions.push(Condition {
                kind: "if".to_string(),
                text: format!("if {case}"),
                of_subject: false,
            });
            x.conditions.sort();
            x.action.object_clause = None;
        }
        return;
    }
    if !x.action.object.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let lower = x.action.object.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    let Some(k) = (1..words.len().saturating_sub(2)).find(|&k| {
        let w = words[k];
        w.len() > 4
            && w.ends_with("ed")
            && matches!(words[k + 1], "less" | "more" | "fewer" | "over" | "under" | "within")
            && words[k + 2..]
                .iter()
                .take(3)
                .any(|n| n.bytes().next().is_some_and(|b| b.is_ascii_digit()))
    }) else {
        return;
    };
    let mut case = words[k..].join(" ");
    // (The time it counts from, read as a case of its own, is this one's.)
    if let Some(at) = x
        .conditions
        .iter()
        .position(|c| matches!(c.kind.as_str(), "before" | "after"))
    {
        let c = x.conditions.remove(at);
        // (Unless the object's words hold it already.)
        if !case.ends_with(&c.text) {
            case = format!("{case} {}", c.text);
        }
    }
    x.conditions.push(Condition {
        kind: "if".to_string(),
        text: format!("if {case}"),
        of_subject: false,
    });
    x.conditions.sort();
    let kept: Vec<&str> = x.action.object.split(' ').take(k).collect();
    x.action.object = kept.join(" ");
    // (Shown as read: the source span held the case too.)
    x.object_span = None;
    if let Some(w) = &mut x.action.written
        && let Some(at) = w.to_lowercase().find(&words[k..].join(" "))
    {
        w.truncate(at);
        let trimmed = w.trim_end().len();
        w.truncate(trimmed);
    }
    let (keys, qualifiers, people) = object_parts(&words[..k]);
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    x.action.people_keys = people;
    x.action.object_items.clear();
}

/// "book a member onto a class that is full", "enrol pupils into the
/// beginners' course": where people are booked is what is booked for them;
/// the people are whom it is done for (as "book them into ..." reads).
fn booked_onto(x: &mut Extracted) {
    if !x.action.verbs.iter().any(|v| {
        matches!(
            v.as_str(),
            "book" | "enrol" | "enroll" | "put" | "sign" | "add" | "place" | "register"
        )
    }) {
        return;
    }
    let lower = x.action.object.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let start = usize::from(words.first().is_some_and(|w| {
        matches!(
            *w,
            "a" | "an" | "the" | "any" | "every" | "each" | "all" | "our" | "your" | "their"
        )
    }));
    let Some(at) = words.iter().position(|w| matches!(*w, "into" | "onto")) else {
        return;
    };
    // The people: right after the determiner, or after one word that
    // describes them ("a first-time hirer"); words between them and "onto"
    // say which of them ("children over 10").
    // ("an 11-year-old", "under-5s": people by their age.)
    let by_age = |w: &str| {
        let w = w.trim_end_matches('s');
        w.ends_with("-year-old")
            || (w.starts_with("under-") || w.starts_with("over-")) && w.ends_with(|c: char| c.is_ascii_digit())
    };
    let Some(person_at) =
        (start..(start + 2).min(at)).find(|&p| crate::lexicon::is_people(&lemma(words[p])) || by_age(words[p]))
    else {
        return;
    };
    // (And a word before them: "a Core member", "a first-time hirer".)
    let which: Vec<String> = words[start..person_at]
        .iter()
        .chain(&words[person_at + 1..at])
        .filter(|w| !is_stop(w))
        .map(|w| key(w))
        .collect();
    if which.len() > 3 {
        return;
    }
    let (mut keys, qualifiers) = object_keys_of(&words[at + 1..]);
    if keys.is_empty() {
        return;
    }
    // (The state a clause gave the thing stays: "onto a class that is full".)
    let clause = x.action.object_clause.as_deref().unwrap_or_default();
    keys.extend(
        x.action
            .object_keys
            .iter()
            .filter(|k| clause.split(' ').any(|w| w == k.as_str()))
            .cloned(),
    );
    keys.sort();
    keys.dedup();
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    let person = key(&lemma(words[person_at]));
    if !x.action.people_keys.contains(&person) {
        x.action.people_keys.push(person);
        x.action.people_keys.sort();
    }
    if !which.is_empty() && x.action.people_clause.is_none() {
        let mut which = which;
        which.sort();
        which.dedup();
        x.action.people_clause = Some(which.join(" "));
    }
}

fn resolve_pronoun_object(x: &mut Extracted) {
    // "discuss them in chat": the pronoun, then a qualifier of its own.
    let mut words = x.action.object.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    let pronoun = matches!(first, "it" | "them" | "one" | "this" | "these" | "those");
    let qualified = rest.first().is_some_and(|w| {
        matches!(
            *w,
            "in" | "on"
                | "to"
                | "with"
                | "during"
                | "before"
                | "after"
                | "at"
                | "by"
                | "via"
                | "over"
                | "from"
                | "into"
        )
    });
    if !pronoun || !(rest.is_empty() || qualified) {
        return;
    }
    // ("book them into personal training sessions", "enrol them onto a
    // course": where people are booked is what is booked for them.)
    if first == "them"
        && matches!(rest.first(), Some(&("into" | "onto")))
        && x.action.verbs.iter().any(|v| {
            matches!(
                v.as_str(),
                "book" | "enrol" | "enroll" | "put" | "sign" | "add" | "place"
            )
        })
    {
        let (keys, qualifiers) = object_keys_of(&rest[1..]);
        if !keys.is_empty() {
            x.action.object_keys = keys;
            x.action.qualifier_keys = qualifiers;
            return;
        }
    }
    // ("advise them on their individual case", "tell them about the late
    // fee": what they are advised on or told about is the thing, as in
    // "advise customers on their pension options".)
    if first == "them"
        && matches!(rest.first(), Some(&("on" | "about")))
        && x.action.verbs.iter().any(|v| {
            let class = crate::lexicon::verb_class(v);
            class == crate::lexicon::verb_class("tell") || class == crate::lexicon::verb_class("advise")
        })
    {
        let (keys, qualifiers) = object_keys_of(&rest[1..]);
        if !keys.is_empty() {
            x.action.object_keys = keys;
            x.action.qualifier_keys = qualifiers;
            return;
        }
    }
    // "When a patient reports chest pain, refer them to the GP": an act
    // done to people (passing a case on, getting in touch) is done to the
    // people of the case, not to what they report.
    if first == "them"
        && x.action.verbs.iter().any(|v| {
            matches!(
                crate::lexicon::verb_class(v),
                "transfer" | "contact" | "remind" | "warn" | "invite" | "greet" | "address"
            )
        })
    {
        return;
    }
    if qualified {
        let (keys, qualifiers) = object_keys_of(&rest);
        let mut all: Vec<String> = keys.into_iter().chain(qualifiers).collect();
        all.sort();
        all.dedup();
        x.action.qualifier_keys = all;
    } else if !x.action.object_keys.is_empty() {
        return;
    }
    // "When a claim is over £5,000, do not settle it": the pronoun stands
    // for the thing the case is about, its subject; what is said of it
    // ("over £5,000") is the case.
    if let Some(subject) = x.conditions.iter().find_map(|c| condition_subject(&c.text)) {
        x.action.object_keys = subject;
        return;
    }
    let mut keys: Vec<String> = Vec::new();
    for c in &x.conditions {
        for w in c.text.split_whitespace().skip(1) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let l = lemma(w);
            // A participle stays: "deleted" in "if a creator deleted an
            // episode" is what "deleted episodes" names.
            let verb =
                !w.ends_with("ed") && (crate::lexicon::is_imperative_verb(&l) || crate::lexicon::verb_class(&l) != l);
            if w.is_empty()
                || is_stop(w)
                || crate::lexicon::is_people(&l)
                || verb
                || matches!(w, "if" | "when" | "whenever" | "unless" | "only" | "where")
            {
                continue;
            }
            keys.push(key(crate::lexicon::noun_class(&l)));
        }
    }
    keys.sort();
    keys.dedup();
    x.action.object_keys = keys;
}

/// The keys of a case's subject when it is a thing said to be something
/// ("when a claim is over £5,000", "if the parcel weighs more than 20kg"):
/// a determiner, the thing's words, then "is", "has" or a verb in the third
/// person. None for people ("if a customer asks about fees": what the case
/// is about is what they ask about).
fn condition_subject(text: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let (marker, rest) = words.split_first()?;
    if !matches!(*marker, "if" | "when" | "whenever" | "once") {
        return None;
    }
    // (Only a thing the case brings in: "the report" may be one named
    // before, whose words the sentence does not repeat.)
    let (det, rest) = rest.split_first()?;
    if !matches!(*det, "a" | "an" | "any") {
        return None;
    }
    let verb_at = rest.iter().position(|w| {
        matches!(*w, "is" | "are" | "was" | "were" | "has" | "have" | "had")
            || (w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && crate::lexicon::is_common_verb(&w[..w.len() - 1]))
    })?;
    let subject = &rest[..verb_at];
    if subject.is_empty()
        || subject.len() > 3
        || subject
            .iter()
            .any(|w| crate::lexicon::is_people(&lemma(w)) || is_stop(w) || w.ends_with("'s"))
    {
        return None;
    }
    Some(
        subject
            .iter()
            .map(|w| key(crate::lexicon::noun_class(&lemma(w))))
            .collect(),
    )
}

/// What a trigger, or a list's lead-in, gives the action that follows it.
struct Head<'a> {
    modality: Modality,
    /// The trigger ends in "avoid" ("avoid jargon" names a thing).
    avoid: bool,
    actor: Actor,
    other_subject: Option<String>,
    /// The subject's words, which a passive rule acts on.
    subject: Vec<&'a str>,
    /// The subject's tokens, to show a passive rule's object as written.
    subject_toks: Option<(usize, usize)>,
    /// The token just past the trigger: where the action starts.
    after: usize,
    /// The trigger's words and span; `None` when a lead-in's are inherited.
    trigger: Option<(String, Span)>,
    /// The lead-in's trigger words, for an inherited head.
    inherited: Option<String>,
    /// The lead-in's own act, when its list items only name things.
    given_verbs: Option<Vec<String>>,
}

impl Head<'_> {
    /// The head of an act a statement's sentence implies after it ("without
    /// asking", "not the GP", "and chase the paperwork"): the statement's
    /// actor and subject, its own modality and trigger.
    fn derived(
        x: &Extracted,
        modality: Modality,
        after: usize,
        trigger: (String, Span),
        given_verbs: Option<Vec<String>>,
    ) -> Self {
        Head {
            modality,
            avoid: false,
            actor: x.actor,
            other_subject: x.action.subject.clone(),
            subject: Vec::new(),
            subject_toks: None,
            after,
            trigger: Some(trigger),
            inherited: None,
            given_verbs,
        }
    }
}

/// What the words after a trigger are.
enum Act {
    /// Not a rule (no verb, a possibility, a blank).
    None,
    /// Nothing but the colon (or "the following") after the trigger: a lead-in.
    Open,
    /// An act and "the following <things>" (or "any of the following")
    /// before the colon: a lead-in whose items are what the act is done to.
    OpenWith(Vec<String>),
    /// A statement, and the token just past its object.
    Statement(Box<Extracted>, usize),
}

/// Whether the words left after a trigger only point at a list: "do any of the following".
/// The `all` comes first: it stops at the first other word, so a long
/// sentence is not walked once per statement in it.
fn is_placeholder(toks: &[Tok<'_>]) -> bool {
    toks.iter()
        .enumerate()
        .all(|(n, t)| (n == 0 || !t.cut) && (in_stop(&t.w) || matches!(t.w, "do" | "following" | "thing" | "things")))
        && toks.iter().any(|t| t.w == "following")
}

/// The action after a trigger (or at the start of a list item under a lead-in).
fn action(toks: &[Tok<'_>], norm: &NormText, head: Head<'_>) -> Act {
    let after = head.after;
    // The action: up to the next boundary or condition.
    let mut k = after;
    // Adverbs before the verb, including pairs like "implicitly or explicitly".
    while k < toks.len()
        && !toks[k].cut
        && (in_adverbs(&toks[k].w)
            || is_ly_adverb(toks[k].w)
            || (matches!(toks[k].w, "or" | "and") && k > after && is_ly_adverb(toks[k - 1].w)))
    {
        k += 1;
    }
    if k >= toks.len() || is_placeholder(&toks[k..]) {
        // "The assistant must not:" or "... must not do any of the following:":
        // the action is in the list that follows.
        return Act::Open;
    }
    if toks[k].cut && k > after {
        return Act::None;
    }
    // "must, without exception, state ...", "should, in every case, ...":
    // a phrase between commas that only says "always".
    if toks[k].cut
        && let Some(end) = (k + 1..toks.len().min(k + 5)).find(|&e| toks[e].cut)
        && matches!(
            toks[k..end].iter().map(|t| t.w).collect::<Vec<_>>().as_slice(),
            ["without", "exception"]
                | ["in", "all", "cases"]
                | ["in", "every", "case"]
                | ["at", "all", "times"]
                | ["without", "fail"]
                | ["always"]
        )
    {
        k = end;
    }
    // "make sure (that) you tell ...", "be sure to confirm ...", "ensure
    // that you mention ...", "take care to ...": the act is the one after.
    let lead = |n: usize| toks.get(k + n).filter(|t| !t.cut).map(|t| t.w);
    let skip = match (lead(0), lead(1), lead(2), lead(3)) {
        (Some("make"), Some("sure"), Some("that"), Some("you")) => 4,
        (Some("make"), Some("sure"), Some("you" | "to" | "that"), _) => 3,
        (Some("be"), Some("sure" | "certain"), Some("to"), _) => 3,
        (Some("ensure"), Some("that"), Some("you"), _) => 3,
        (Some("ensure"), Some("you"), _, _) => 2,
        (Some("take"), Some("care"), Some("to"), _) => 3,
        _ => 0,
    };
    if skip > 0 && lead(skip).is_some_and(|w| crate::lexicon::is_common_verb(&lemma(w))) {
        k += skip;
    }
    // "should simply refuse to help", "should generally avoid X": the adverb hid
    // a prohibition trigger, which rules the verb after it.
    let mut modality = head.modality;
    let mut avoid = head.avoid;
    if modality == Modality::Obligation && k + 1 < toks.len() {
        if toks[k].w == "avoid" {
            modality = Modality::Prohibition;
            avoid = true;
            k += 1;
        } else if matches!((toks[k].w, toks[k + 1].w), ("refuse", "to") | ("refrain", "from")) && k + 2 < toks.len() {
            modality = Modality::Prohibition;
            k += 2;
        }
    }
    let verb_tok = toks[k];
    if head.given_verbs.is_none()
        && (verb_tok.w.is_empty()
            || is_blank(verb_tok.w)
            || in_stop(&verb_tok.w) && !matches!(verb_tok.w, "be" | "is" | "are"))
    {
        return Act::None;
    }
    // An item under "must never use the following phrases:": the item is
    // what the lead-in's act is done to.
    let given = head.given_verbs.clone();
    let (mut verbs, mut m) = if let Some(given) = given {
        (given, k)
    } else if avoid && !verb_tok.w.ends_with("ing") {
        // "avoid jargon" names a thing, not a deed: read it as "do not use or
        // produce jargon" (either verb matches).
        (vec!["use".to_string(), "produce".to_string()], k)
    } else {
        (vec![lemma(verb_tok.w).into_owned()], k + 1)
    };
    // "Harbor should not do so", "never do that": the act is one named
    // before, which this reader does not follow back. No statement, rather
    // than one about doing "so" that would meet every other "do so".
    if verbs == ["do"]
        && toks
            .get(m)
            .is_some_and(|t| !t.cut && matches!(t.w, "so" | "this" | "that" | "it"))
    {
        return Act::None;
    }
    // Passive voice ("the manual should not be disclosed"): the subject is what
    // the assistant acts on, so it becomes the object of the participle's verb.
    let mut passive_object: Option<Vec<&str>> = None;
    // The people a passive rule gives or tells something, and whether words
    // after their noun narrow them.
    let mut dative: Option<(Vec<&str>, bool, Vec<&str>)> = None;
    // Where the object after a passive's participle starts, and the act it
    // names ("be given our estimate": give), for showing the people given it.
    let mut dative_act: Option<(String, usize)> = None;
    let mut other_subject = head.other_subject;
    // ("are never waived": the trigger between "be" and the participle.)
    // ("are not shown", "are only sent by SMS": the same, negated or pinned.)
    if verbs[0] == "be"
        && toks
            .get(m)
            .is_some_and(|t| matches!(t.w, "never" | "always" | "not" | "only") && !t.cut)
        && toks.get(m + 1).is_some_and(|t| !t.cut && is_participle(t.w))
    {
        m += 1;
    }
    // "The deposit for a surgery booking is £50", "a consultation costs
    // $40": the price of the thing, read as the act "cost" on it.
    if matches!(verbs[0].as_str(), "be" | "cost")
        && other_subject.is_some()
        && toks.get(m).is_some_and(|t| !t.cut && is_money(t.w))
    {
        verbs = vec!["cost".to_string()];
        passive_object = Some(acted_on(&head.subject));
        other_subject = None;
    }
    // "Members may have the booking fee waived": the thing is what the
    // assistant acts on, for the people the rule names.
    if verbs[0] == "have"
        && other_subject.is_some()
        && head.modality == Modality::Permission
        && let Some(done) = had_done(toks, m - 1)
    {
        verbs = vec![lemma(toks[done].w).into_owned()];
        passive_object = Some(toks[m..done].iter().map(|t| t.w).filter(|w| !in_stop(w)).collect());
        other_subject = None;
        m = done + 1;
    }
    if verbs[0] == "be" && other_subject.is_some() && m < toks.len() && !toks[m].cut && is_participle(toks[m].w) {
        verbs = vec![lemma(toks[m].w).into_owned()];
        m += 1;
        // "Advisories are always issued by the health department": someone
        // else's act, not the assistant's.
        // ("by the triage assistant" is the assistant.)
        if toks.get(m).is_some_and(|t| t.w == "by") {
            let agent: Vec<&str> = toks[m + 1..]
                .iter()
                .take_while(|t| !t.cut)
                .take(4)
                .map(|t| t.w)
                .filter(|w| !in_stop(w))
                .collect();
            // ("are sent by SMS only": a channel, not an agent; "must be
            // returned by 5pm", "by Friday", "by the end of the day": a time.)
            let a_time = |w: &str| {
                w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    || matches!(
                        w,
                        "noon"
                            | "midday"
                            | "midnight"
                            | "end"
                            | "close"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "tomorrow"
                            | "tonight"
                            | "today"
                            | "morning"
                            | "evening"
                            | "afternoon"
                            | "lunchtime"
                            | "closing"
                            | "then"
                    )
            };
            if !agent.is_empty()
                && !a_time(agent[0])
                && !crate::lexicon::is_channel(&key(agent[0]))
                && !agent
                    .iter()
                    .any(|w| is_actor_word(w) || specc_syntax::normative::is_assistant_role(w))
            {
                return Act::None;
            }
        }
        // "Members may be told which plots are vacant", "applicants chasing
        // an application should be given our estimate": people given or
        // told something; what comes after the participle is the object,
        // and the people, narrowed by what follows their noun, a guard.
        // (The people's noun first: "returning guests" are guests, "members
        // on the list" members; "beginner lessons" are lessons, no people.)
        let shown = acted_on(&head.subject);
        let mut people_subject = shown.clone();
        let head_at = people_subject
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, w)| {
                matches!(
                    **w,
                    "on" | "in" | "with" | "for" | "of" | "at" | "from" | "who" | "that" | "which" | "whose" | "aged"
                ) || w.ends_with("ing")
                    || w.ends_with("ed")
            })
            .map_or(people_subject.len(), |(p, _)| p)
            .saturating_sub(1);
        if head_at > 0 && head_at < people_subject.len() {
            let noun = people_subject.remove(head_at);
            people_subject.insert(0, noun);
        }
        if toks[m - 1].w.len() > 2
            && specc_syntax::normative::is_done_to_people(toks[m - 1].w)
            && people_subject
                .first()
                .is_some_and(|w| crate::lexicon::is_people(&lemma(w)) || matches!(*w, "one" | "nobody"))
            && toks
                .get(m)
                .is_some_and(|t| !t.cut && t.w != "by" && is_condition_at(toks, m).is_none())
        {
            let nobody = matches!(people_subject[0], "one" | "nobody");
            if nobody {
                modality = Modality::Prohibition;
            }
            let narrowed = people_subject.len() > 1 && !nobody;
            dative = Some((people_subject, narrowed, shown));
            dative_act = Some((lemma(toks[m - 1].w).into_owned(), m));
        } else {
            // Prepositions kept: "disconnections for overdue accounts" is about
            // disconnections, for overdue accounts (a qualifier).
            passive_object = Some(acted_on(&head.subject));
            // ("scooters may be hired out only if ...": the verb's particle,
            // as "hire out a scooter" reads, not a word of the thing.)
            if verbs.len() == 1
                && toks
                    .get(m)
                    .is_some_and(|t| !t.cut && matches!(t.w, "out" | "up" | "off" | "back" | "down" | "away"))
            {
                let phrasal = format!("{} {}", verbs[0], toks[m].w);
                if crate::lexicon::is_phrasal(&phrasal) {
                    verbs[0] = phrasal;
                }
                m += 1;
            }
        }
        other_subject = None;
    }
    // "Complaints must not go to the director", "reminders must go out by
    // email": a thing that goes somewhere is sent there (by the assistant).
    if verbs == ["go"]
        && other_subject.is_some()
        && toks
            .get(m)
            .is_some_and(|t| !t.cut && matches!(t.w, "to" | "out" | "by"))
        && head.subject.iter().any(|w| !in_stop(w))
        && head
            .subject
            .iter()
            .filter(|w| !in_stop(w))
            .all(|w| !crate::lexicon::is_people(&lemma(w)) && !is_actor_word(w))
    {
        verbs = vec!["send".to_string()];
        if toks[m].w == "out" {
            m += 1;
        }
        passive_object = Some(acted_on(&head.subject));
        other_subject = None;
    }
    // "may explain, in general terms, what a diagnosis means": a short aside
    // between commas right after the verb; the object follows it. (A case
    // in it, "if asked", is still read as the rule's case.)
    if verbs.len() == 1
        && verbs[0] != "be"
        && m < toks.len()
        && toks[m].cut
        && matches!(
            toks[m].w,
            "in" | "where"
                | "when"
                | "if"
                | "as"
                | "briefly"
                | "politely"
                | "gently"
                | "clearly"
                | "calmly"
                | "simply"
                | "always"
                | "with"
                | "without"
                | "at"
                | "on"
                | "for"
        )
        && let Some(end) = (m + 1..toks.len().min(m + 6)).find(|&e| toks[e].cut)
        && !toks[end].w.is_empty()
        && !(crate::lexicon::is_imperative_verb(toks[end].w) || crate::lexicon::is_common_verb(toks[end].w))
        && toks.get(end + 1).is_some_and(|t| !t.cut)
        && (m..end).all(|e| trigger_at(toks, e).is_none())
    {
        m = end;
    }
    // "may book, move or cancel routine appointments": a list of acts on
    // one object, each of them the rule's (it was read as "book" with no
    // object).
    if verbs.len() == 1 && verbs[0] != "be" && m < toks.len() && toks[m].cut {
        let is_verb = |t: &Tok<'_>| {
            !t.w.is_empty() && (crate::lexicon::is_imperative_verb(t.w) || crate::lexicon::is_common_verb(t.w))
        };
        let mut k = m;
        while k < toks.len() && k - m < 6 && toks[k].cut && is_verb(&toks[k]) && trigger_at(toks, k).is_none() {
            k += 1;
        }
        if k > m
            && k + 2 < toks.len()
            && matches!(toks[k].w, "or" | "and")
            && !toks[k + 1].cut
            && is_verb(&toks[k + 1])
            && !toks[k + 2].cut
        {
            verbs.extend(toks[m..k].iter().map(|t| lemma(t.w).into_owned()));
            verbs.push(lemma(toks[k + 1].w).into_owned());
            m = k + 2;
        }
    }
    if m + 1 < toks.len() && matches!(toks[m].w, "or" | "and") && !toks[m + 1].cut && !toks[m].cut {
        // "lie or covertly pursue": the adverb is not the second verb.
        if m + 2 < toks.len() && is_ly_adverb(toks[m + 1].w) && !toks[m + 2].cut {
            m += 1;
        }
        let second = toks[m + 1].w;
        if !in_stop(&second) && !is_blank(second) && trigger_at(toks, m + 1).is_none() {
            verbs.push(lemma(second).into_owned());
            m += 2;
        }
    }
    // "must withhold study site locations" is "must not tell them".
    if verbs.len() == 1 && matches!(verbs[0].as_str(), "withhold" | "conceal") && modality != Modality::Permission {
        verbs[0] = "tell".to_string();
        modality = if modality == Modality::Obligation {
            Modality::Prohibition
        } else {
            Modality::Obligation
        };
    }
    // "must refuse price-match requests" is "must not accept them", and "must
    // not reject a refund request" is "must accept it": the opposite act.
    if verbs.len() == 1
        && matches!(verbs[0].as_str(), "refuse" | "reject" | "deny" | "decline")
        && toks.get(m).is_none_or(|t| t.w != "to")
        && modality != Modality::Permission
    {
        verbs[0] = "accept".to_string();
        modality = if modality == Modality::Obligation {
            Modality::Prohibition
        } else {
            Modality::Obligation
        };
        // "Refuse any request to raise a quota": refusing what is asked is
        // not doing it.
        let q = m + usize::from(
            toks.get(m)
                .is_some_and(|t| matches!(t.w, "any" | "all" | "every" | "a" | "the")),
        );
        if toks
            .get(q)
            .is_some_and(|t| !t.cut && matches!(t.w, "request" | "requests" | "demand" | "demands"))
            && toks.get(q + 1).is_some_and(|t| t.w == "to" && !t.cut)
            && toks
                .get(q + 2)
                .is_some_and(|t| !t.cut && crate::lexicon::is_common_verb(t.w))
        {
            verbs[0] = lemma(toks[q + 2].w).into_owned();
            m = q + 3;
        }
    }
    // ("can look up a booking", "may find a branch for them": a particle
    // or an object makes the verb an act, not a possibility.)
    let acts_on = match verbs[0].as_str() {
        "look" => toks.get(m).is_some_and(|t| !t.cut && matches!(t.w, "up" | "into")),
        _ => false,
    };
    if acts_on && verbs.len() == 1 {
        verbs[0] = format!("look {}", toks[m].w);
        m += 1;
    }
    if modality == Modality::Permission && EPISTEMIC.contains(&verbs[0].as_str()) && !acts_on {
        return Act::None;
    }
    // "let the member know the fee", "let them know what was decided": telling.
    if verbs == ["let"]
        && let Some(k) = (m..(m + 4).min(toks.len())).find(|&k| toks[k].w == "know")
        // ("let the team know", "let the landlord know": whoever is told.)
        && toks[m..k].iter().all(|t| {
            !t.cut
                && (in_stop(&t.w)
                    || crate::lexicon::is_people(&lemma(t.w))
                    || matches!(t.w, "us" | "her" | "him")
                    || !crate::lexicon::is_common_verb(&lemma(t.w)))
        })
    {
        verbs[0] = "tell".to_string();
        m = k + 1;
    }
    // "read it out", "walk them through X": a pronoun between a phrasal
    // verb and its particle is the one the act is done to.
    if m + 1 < toks.len()
        && !toks[m].cut
        && !toks[m + 1].cut
        && matches!(
            toks[m].w,
            "it" | "them" | "him" | "her" | "this" | "that" | "these" | "those"
        )
        && crate::lexicon::is_particle(toks[m + 1].w)
        && crate::lexicon::is_phrasal(&format!("{} {}", verbs[0], toks[m + 1].w))
    {
        verbs[0] = format!("{} {}", verbs[0], toks[m + 1].w);
        m += 2;
    }
    // "put two photos from every ceremony up on our page": a phrasal
    // verb's particle after its object, before a preposition or the end.
    let mut parted_particle: Option<usize> = None;
    if passive_object.is_none() && verbs.len() == 1 && m < toks.len() && !toks[m].cut {
        let mut k = m + 1;
        while k < toks.len() && k - m <= 8 && !toks[k].cut && trigger_at(toks, k).is_none() {
            let before_preposition = toks
                .get(k + 1)
                .is_none_or(|n| n.cut || matches!(n.w, "on" | "to" | "in" | "at" | "for" | "onto" | "into" | "online"));
            if matches!(toks[k].w, "up" | "out" | "back" | "off" | "down" | "through")
                && before_preposition
                && crate::lexicon::is_phrasal(&format!("{} {}", verbs[0], toks[k].w))
            {
                verbs[0] = format!("{} {}", verbs[0], toks[k].w);
                parted_particle = Some(k);
                break;
            }
            k += 1;
        }
    }
    // (The first item follows a colon, which is a pause of its own.)
    let mut list_after_colon = false;
    // "Do not accept bookings for discos": accepting a booking for a thing
    // is booking it.
    if verbs.len() == 1
        && passive_object.is_none()
        && matches!(verbs[0].as_str(), "accept" | "take")
        && let Some(noun) = (m..toks.len().min(m + 3)).find(|&k| !in_stop(&toks[k].w) || toks[k].cut)
        && !toks[noun].cut
        && matches!(toks[noun].w, "booking" | "bookings" | "reservation" | "reservations")
        && (m..noun).all(|k| !toks[k].cut)
        && toks.get(noun + 1).is_some_and(|t| t.w == "for" && !t.cut)
        && toks.get(noun + 2).is_some_and(|t| !t.cut)
    {
        verbs[0] = "book".to_string();
        m = noun + 2;
    }
    // "... for any of the following: discos, rallies and sales events": the
    // list after the colon is what the act is done to.
    if passive_object.is_none()
        && let Some(f) = (m..toks.len().min(m + 5)).find(|&k| toks[k].w == "following")
        && (m..f).all(|k| !toks[k].cut && matches!(toks[k].w, "any" | "all" | "each" | "one" | "of" | "the"))
        && toks.get(f + 1).is_some_and(|t| t.cut)
        && norm
            .text
            .get(toks[f].e..toks[f + 1].s)
            .is_some_and(|gap| gap.contains(':'))
    {
        m = f + 1;
        list_after_colon = true;
    }
    // "Every reply must open with the balance", "start with a greeting":
    // what a message opens or ends with is in it, as "include" puts it.
    if verbs.len() == 1
        && passive_object.is_none()
        && matches!(
            verbs[0].as_str(),
            "open" | "start" | "begin" | "end" | "close" | "finish"
        )
        && toks.get(m).is_some_and(|t| t.w == "with" && !t.cut)
    {
        verbs[0] = "include".to_string();
        m += 1;
    }
    // "ask for X", "bring up X", "read out X": the particle is the verb's.
    // ("place up to 15 holds": "up to" bounds the object.)
    let up_to = toks.get(m).is_some_and(|t| t.w == "up") && toks.get(m + 1).is_some_and(|t| t.w == "to" && !t.cut);
    if m < toks.len() && !toks[m].cut && crate::lexicon::is_particle(toks[m].w) && !up_to {
        // A phrasal verb the lexicon knows keeps its particle ("bring up" is
        // telling, "fees should never be brought up" too); otherwise the
        // particle only introduces the object.
        let phrasal = format!("{} {}", verbs[0], toks[m].w);
        if crate::lexicon::is_phrasal(&phrasal) {
            verbs[0] = phrasal;
            m += 1;
        } else if passive_object.is_none() {
            m += 1;
        }
    }
    // "must never use the following phrases:", "must not agree to store any
    // of the following:": the act is named here, what it is done to in the
    // list after the colon.
    if head.given_verbs.is_none()
        && passive_object.is_none()
        && m < toks.len()
        // (Only a sentence that ends in a colon opens a list: "Do not share
        // the following details unless asked." names its act and thing here.)
        && norm.text.trim_end().ends_with(':')
        && toks[m..].iter().any(|t| t.w == "following")
    {
        // Up to a condition or a pause ("the following phrases when describing our security:").
        let end = (m + 1..toks.len())
            .find(|&e| toks[e].cut || is_condition_at(toks, e).is_some())
            .unwrap_or(toks.len());
        let mut rest: Vec<&str> = toks[m..end].iter().map(|t| t.w).collect();
        // ("agree to store any of the following": the second verb is the act.)
        let mut act = verbs.clone();
        if rest.len() > 2 && rest[0] == "to" && crate::lexicon::is_common_verb(rest[1]) {
            act = vec![lemma(rest[1]).into_owned()];
            rest.drain(..2);
        }
        // ("the following phrases in replies to clients": what narrows the
        // items after their noun is left to them.)
        let opens_list = rest.iter().position(|w| *w == "following").is_some_and(|f| {
            let noun = rest[f + 1..].iter().take_while(|w| !in_stop(w)).count();
            rest[..f]
                .iter()
                .all(|w| matches!(*w, "the" | "any" | "all" | "of" | "each" | "one"))
                && noun <= 2
                && rest[f + 1 + noun..]
                    .first()
                    .is_none_or(|w| matches!(*w, "in" | "to" | "for" | "with" | "on" | "about" | "from" | "at"))
        });
        if opens_list {
            return Act::OpenWith(act);
        }
    }
    // "Do not refer to the customer's plan": referring to a thing is
    // mentioning it; referring to a person or a service ("refer to a
    // pharmacist", "to the billing team") is sending someone there.
    if verbs.len() == 1 && verbs[0] == "refer" && toks.get(m).is_some_and(|t| t.w == "to" && !t.cut) {
        // The head of what follows: its last word before a preposition
        // ("the customer's plan" is a plan, "a specialist in X" a specialist).
        let words: Vec<&str> = toks[m + 1..]
            .iter()
            .take_while(|t| {
                !t.cut
                    && !matches!(t.w, "of" | "for" | "in" | "on" | "about" | "with" | "at" | "from")
                    && !is_boundary_word(t.w)
                    && !CONDITIONS.iter().any(|c| c[0] == t.w)
            })
            .map(|t| t.w)
            .filter(|w| !in_stop(w))
            .take(4)
            .collect();
        let destination = words.last().is_some_and(|w| {
            let l = lemma(w);
            is_role(&l)
                || matches!(
                    l.as_ref(),
                    "team"
                        | "department"
                        | "desk"
                        | "line"
                        | "hotline"
                        | "service"
                        | "specialist"
                        | "professional"
                        | "doctor"
                        | "vet"
                        | "veterinarian"
                        | "agent"
                        | "lawyer"
                        | "attorney"
                        | "counsellor"
                        | "counselor"
                        | "therapist"
                        | "expert"
                        | "advisor"
                        | "adviser"
                        | "physician"
                        | "clinic"
                        | "hospital"
                        | "emergency"
                        | "human"
                        | "office"
                        | "centre"
                        | "center"
                        | "queue"
                )
        });
        if !words.is_empty() && !destination {
            verbs[0] = "mention".to_string();
            m += 1;
        }
    }
    // "Travellers must be told about the visa rules": the passive subject is
    // the people told; what they are told is after the verb.
    if passive_object.as_ref().is_some_and(|w| {
        w.iter().any(|w| !in_stop(w))
            && w.iter()
                .filter(|w| !in_stop(w))
                .all(|w| crate::lexicon::is_people(&lemma(w)))
    }) {
        passive_object = None;
        if m < toks.len() && !toks[m].cut && crate::lexicon::is_particle(toks[m].w) {
            m += 1;
        }
    }
    let mut obj_start = m;
    // Up to the next boundary: words past the object's head are its
    // qualifiers, and a rule cut short would match rules it differs from.
    // "send the archive without verifying the identity", "end each session
    // by suggesting an exercise": the gerund is an act of its own (see
    // [`without`]), not part of the object.
    let gerund_at = |i: usize| {
        matches!(toks[i].w, "without" | "by") && toks.get(i + 1).is_some_and(|t| t.w.len() > 4 && t.w.ends_with("ing"))
    };
    let mut obj_end = phrase_end(toks, obj_start + usize::from(list_after_colon), 40, true, |i| {
        i > obj_start && gerund_at(i)
    });
    // "waive the city tax or promise that it will be waived": a verb after
    // "or" with its own clause is a second act, not an item of the object.
    if let Some(k) = (obj_start + 1..obj_end).find(|&k| {
        matches!(toks[k].w, "or" | "and")
            && !toks[k].cut
            && toks.get(k + 1).is_some_and(|t| crate::lexicon::is_imperative_verb(t.w))
            && toks
                .get(k + 2)
                .is_some_and(|t| matches!(t.w, "that" | "to" | "it" | "them"))
    }) {
        obj_end = k;
    }
    // "cite sources and must not ...": the conjunction belongs to neither.
    while obj_end > obj_start && matches!(toks[obj_end - 1].w, "and" | "or" | "but" | "nor") {
        obj_end -= 1;
    }
    // "the requester must be called or messaged to confirm ...", "call the
    // customer to confirm": getting in touch with people has no object; what
    // follows "to" is its purpose, not what is contacted.
    if verbs
        .iter()
        .all(|v| crate::lexicon::verb_class(v) == crate::lexicon::verb_class("contact"))
        && let Some(k) = (obj_start..obj_end).find(|&k| toks[k].w == "to")
        && toks[obj_start..k]
            .iter()
            .all(|t| in_stop(&t.w) || crate::lexicon::is_people(&lemma(t.w)))
        && toks.get(k + 1).is_some_and(|t| !in_stop(&t.w))
    {
        obj_end = k;
    }
    // "tell investors that its returns are guaranteed", "say that the
    // conversation is not legal advice": what is said is the clause, read
    // as the object (after the people told, if any).
    let telling = verbs.len() == 1 && crate::lexicon::verb_class(&verbs[0]) == crate::lexicon::verb_class("tell");
    // So is "how to delete an account" after "explain" (what is told is how),
    // and "whether a named person travelled", "what the refund will be".
    // Other acts take such a clause too: "advise callers on whether to
    // sign", "decide whether an appeal succeeds", "estimate how much a
    // household will save" act on what the clause asks.
    // "give callers advice on whether to settle", "make a recommendation
    // about which plan to pick": an act written as a noun, and what it is
    // about in the clause after it.
    let nominal_before_clause = verbs.len() == 1
        && crate::lexicon::is_light_verb(&verbs[0])
        && toks
            .get(obj_end)
            .is_some_and(|t| matches!(t.w, "whether" | "which" | "what" | "how"))
        && toks[obj_start..obj_end]
            .iter()
            .any(|t| crate::lexicon::nominalised(&verbs[0], &lemma(t.w)).is_some())
        && toks[obj_start..obj_end].iter().all(|t| {
            in_stop(&t.w)
                || crate::lexicon::is_people(&lemma(t.w))
                || crate::lexicon::nominalised(&verbs[0], &lemma(t.w)).is_some()
                || matches!(t.w, "likely" | "possible" | "specific" | "personal" | "clear")
                // ("give legal advice about whether ...")
                || looks_adjective(t.w)
        });
    // Where the object's words end when a clause after it says only who
    // chooses ("which product a customer should choose"): the rest is shown, not matched.
    let mut key_end: Option<usize> = None;
    let clause_taking = nominal_before_clause
        || telling
        || verbs.len() == 1
            && toks
                .get(obj_end)
                .is_some_and(|t| matches!(t.w, "how" | "whether" | "what" | "which" | "that"));
    // "tell them they don't need a new test": a clause told without "that",
    // opened by its own subject right after the people told.
    let zero_that = (telling && passive_object.is_none())
        .then(|| {
            (obj_start + 1..obj_end.min(toks.len())).find(|&k| {
                matches!(toks[k].w, "they" | "he" | "she" | "it" | "we" | "you")
                    && !toks[k].cut
                    && toks[obj_start..k].iter().all(|t| {
                        matches!(t.w, "them" | "him" | "her" | "us" | "me") || crate::lexicon::is_people(&lemma(t.w))
                    })
            })
        })
        .flatten();
    if let Some(k) = zero_that {
        obj_end = k;
    }
    // ("Tell applicants who live in a flat that they can't adopt ...": past
    // a relative clause on the people told, what is told.)
    let told_that_at = (telling
        && obj_end > obj_start
        && toks.get(obj_end).is_some_and(|t| t.w == "who" && !t.cut)
        && toks[obj_start..obj_end]
            .iter()
            .any(|t| crate::lexicon::is_people(&lemma(t.w)))
        // (Only the people told: "reveal account data to anyone who is not
        // a verified customer for that account" tells no clause.)
        && toks[obj_start..obj_end]
            .iter()
            .all(|t| in_stop(&t.w) || crate::lexicon::is_people(&lemma(t.w))))
    .then(|| {
        (obj_end + 2..(obj_end + 10).min(toks.len()))
            .take_while(|&k| !toks[k].cut)
            .find(|&k| toks[k].w == "that")
    })
    .flatten()
    // (What is told is a clause: "that" with a few words after it.)
    .filter(|&that| toks[that + 1..].iter().take_while(|t| !t.cut).count() >= 3);
    let told_past_who = told_that_at.is_some();
    let mut told_people_clause: Option<String> = None;
    let who_at = obj_end;
    if let Some(that) = told_that_at {
        obj_end = that;
    }
    if clause_taking
        && passive_object.is_none()
        && (zero_that.is_some()
            || toks.get(obj_end).is_some_and(|t| {
                matches!(
                    t.w,
                    "that" | "how" | "whether" | "what" | "which" | "when" | "where" | "who"
                )
            }))
        && (toks[obj_start..obj_end]
            .iter()
            .all(|t| in_stop(&t.w) || crate::lexicon::is_people(&lemma(t.w)))
            // ("confirm to a third party whether ...", "to the GP that ...":
            // whoever it is said to, a few words after "to".)
            || (obj_end > obj_start
                && toks[obj_start].w == "to"
                && obj_end - obj_start <= 5
                && !toks[obj_start + 1..obj_end].iter().any(|t| t.cut))
            || nominal_before_clause
            || told_past_who)
    {
        // (The people told are those of the clause: "applicants who live in a flat".)
        if told_past_who {
            let mut words: Vec<String> = toks[who_at + 1..obj_end]
                .iter()
                .filter(|t| !is_stop(t.w))
                .map(|t| key(t.w))
                .collect();
            words.sort();
            words.dedup();
            told_people_clause = (!words.is_empty()).then(|| words.join(" "));
        }
        let from = if zero_that.is_some() { obj_end } else { obj_end + 1 };
        // ("how a customer can delete their account": "can" is the clause's own.)
        let mut e = phrase_end(toks, from, 40, true, |_| false);
        // Reported speech keeps its own modal words: "tell customers that
        // claims have to be made within 28 days" tells a rule, it does not
        // make one ("... and must not ..." is the speaker's own again).
        while e > from
            && e - from < 40
            && !toks[e..].first().is_some_and(|t| t.cut)
            && !matches!(toks[e - 1].w, "and" | "or" | "but")
            && let Some(t) = toks.get(e).and_then(|_| trigger_at(toks, e))
        {
            e = phrase_end(toks, e + t.words.len(), 40, true, |_| false);
        }
        while e > from && matches!(toks[e - 1].w, "and" | "or" | "but" | "nor") {
            e -= 1;
        }
        if e > from {
            // (The clause's own word kept: "decide whether an appeal succeeds".)
            // ("give callers advice on whether ...": the act's noun kept too.)
            if zero_that.is_some() {
                obj_start = from;
            } else if !nominal_before_clause {
                obj_start = from - 1;
            }
            obj_end = e;
            // "which mortgage product a customer should choose": what is
            // chosen between is the thing after "which", up to the clause's
            // own subject or verb; the rest only says who chooses.
            if toks[from - 1].w == "which" && !telling {
                let np_end = (from..e)
                    .find(|&k| {
                        let w = toks[k].w;
                        (in_stop(&w) && !matches!(w, "of"))
                            || crate::lexicon::is_people(&lemma(w))
                            || trigger_at(toks, k).is_some()
                            || matches!(w, "was" | "were" | "will" | "would")
                            || (k > from && is_third_person_verb(w))
                    })
                    .unwrap_or(e);
                if np_end > from && !in_stop(&toks[from].w) {
                    key_end = Some(np_end);
                }
            }
        }
    }
    // "explain why the applicant was not selected": the reason (below).
    let why = obj_end == obj_start && passive_object.is_none() && toks.get(obj_start).is_some_and(|t| t.w == "why");
    // "advise that help be sought", "explain how the process flags claims":
    // the object is a clause this reader does not parse. No statement is
    // better than one whose object is missing, which would match any other.
    if !why
        && obj_end == obj_start
        && passive_object.is_none()
        && toks
            .get(obj_start)
            .is_some_and(|t| matches!(t.w, "that" | "how" | "whether" | "what" | "why" | "which" | "who"))
    {
        return Act::None;
    }
    // "recommend whichever option has the lower cost": an option is recommended.
    if passive_object.is_none()
        && key_end.is_none()
        && toks.get(obj_start).is_some_and(|t| t.w == "whichever")
        && let Some(k) = (obj_start + 2..obj_end).find(|&k| {
            matches!(toks[k].w, "is" | "are" | "has" | "have" | "was" | "were" | "will")
                || is_third_person_verb(toks[k].w)
        })
    {
        key_end = Some(k);
    }
    // "for any property, listed buildings included": what the aside says
    // is included is part of the object (as "including listed buildings" is).
    if passive_object.is_none()
        && obj_end > obj_start
        && obj_end < toks.len()
        && toks[obj_end].cut
        && let Some(k) = (obj_end..toks.len().min(obj_end + 5)).find(|&k| toks[k].w == "included")
        && k > obj_end
        && (obj_end + 1..=k).all(|j| !toks[j].cut)
        && toks.get(k + 1).is_none_or(|t| t.cut)
    {
        obj_end = k + 1;
    }
    let object_words: Vec<&str> = match &passive_object {
        Some(words) => words.clone(),
        None => toks[obj_start..key_end.unwrap_or(obj_end)]
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(obj_start + k) != parted_particle)
            .map(|(_, t)| t.w)
            .collect(),
    };
    // "give a diagnosis" is "diagnose"; "provide advice on X" is "advise on X".
    let mut object_words = object_words;
    // The noun may follow the people given it or a hedge ("give callers
    // advice", "give a likely diagnosis"); an adjective that narrows it
    // ("medical diagnoses") keeps the light verb and its object.
    let mut nominal = false;
    let mut passive_light: Option<(String, String)> = None;
    if verbs.len() == 1
        && let Some(i) = object_words.iter().position(|w| {
            !in_stop(w)
                && !crate::lexicon::is_people(&lemma(w))
                && !matches!(
                    *w,
                    "likely"
                        | "possible"
                        | "probable"
                        | "tentative"
                        | "preliminary"
                        | "provisional"
                        | "rough"
                        | "initial"
                        | "quick"
                        | "instant"
                        | "approximate"
                        | "ballpark"
                        | "informal"
                        | "firm"
                        | "final"
                )
                && !is_length_of_time(w)
        })
        && let Some(act) = crate::lexicon::nominalised(&verbs[0], &lemma(object_words[i]))
    {
        // ("Refunds are issued within 5 days" refunds, and reads as issued.)
        if passive_object.is_some() {
            passive_light = Some((verbs[0].clone(), object_words.join(" ")));
        }
        verbs[0] = act.to_string();
        object_words.drain(..=i);
        nominal = true;
    } else if verbs.len() == 1
        // (Past the people given it: "give the owner a price estimate".)
        && let Some(i) = object_words
            .iter()
            .position(|w| !in_stop(w) && !crate::lexicon::is_people(&lemma(w)))
        && let Some(next) = object_words.get(i + 1)
        && let Some(act) = crate::lexicon::nominalised(&verbs[0], &lemma(next))
        && !crate::lexicon::is_people(&lemma(object_words[i]))
        && !["al", "ic", "ive", "ous", "ful", "ary", "ly"]
            .iter()
            .any(|end| object_words[i].ends_with(end))
    {
        // "make dosage recommendations", "give investment advice": a noun
        // before the act's noun is what it is about ("recommend a dosage");
        // an adjective ("medical advice") narrows the act and stays with it.
        // ("Appointment reminders must be sent ..." reads as sent.)
        if passive_object.is_some() {
            passive_light = Some((verbs[0].clone(), object_words.join(" ")));
        }
        verbs[0] = act.to_string();
        object_words.remove(i + 1);
        object_words.drain(..i);
        nominal = true;
    }
    // "Replies must contain a link" puts it in what the assistant writes, as "include" does.
    if verbs.len() == 1 && verbs[0] == "contain" {
        verbs[0] = "include".to_string();
    }
    // "include no links of any kind": a prohibition of including them.
    if modality == Modality::Obligation
        && object_words.first() == Some(&"no")
        && object_words.len() > 1
        && matches!(
            verbs[0].as_str(),
            "include" | "have" | "use" | "add" | "mention" | "offer" | "show"
        )
    {
        modality = Modality::Prohibition;
        object_words.remove(0);
        // "of any kind", "at all": emphasis, not a kind of link.
        for tail in [
            &["of", "any", "kind"][..],
            &["of", "any", "sort"],
            &["of", "any", "type"],
            &["at", "all"],
        ] {
            if object_words.ends_with(tail) {
                object_words.truncate(object_words.len() - tail.len());
            }
        }
    }
    let (mut object_keys, mut qualifier_keys, mut people_keys) = object_parts(&object_words);
    // ("Customers with a receipt must be given a refund": those customers,
    // a case as a relative clause on them is.)
    let mut people_narrowed: Option<String> = None;
    if let Some((people, narrowed, _)) = &dative {
        if !matches!(people[0], "one" | "nobody") {
            people_keys.push(key(&lemma(people[0])));
            people_keys.sort();
            people_keys.dedup();
        }
        if *narrowed {
            let mut words: Vec<String> = people[1..].iter().filter(|w| !is_stop(w)).map(|w| key(w)).collect();
            words.sort();
            words.dedup();
            people_narrowed = (!words.is_empty()).then(|| words.join(" "));
        }
    }
    // "Replies should be written in the customer's language", "order
    // summaries must be kept under 50 words": after a passive's participle,
    // what qualifies the act.
    // (Up to an agent or an exception: "by the bot", "without consent".)
    let mut passive_display: Option<String> = None;
    // "Claims must not be opened without the original receipt": a passive
    // ban's "without X" is its exception (unless X), not a word of its object.
    let mut passive_exception: Option<Condition> = None;
    if passive_object.is_some() && obj_end > obj_start {
        if modality == Modality::Prohibition
            && let Some(w) = (obj_start..obj_end).find(|&k| toks[k].w == "without")
            && toks.get(w + 1).is_some_and(|t| !t.w.ends_with("ing"))
            && w + 1 < obj_end
        {
            let words: Vec<&str> = toks[w + 1..obj_end].iter().map(|t| t.w).collect();
            passive_exception = Some(Condition {
                kind: "unless".to_string(),
                text: format!("unless with {}", words.join(" ")),
                of_subject: false,
            });
        }
        // (Up to the agent or an exception; "by SMS" is a channel, kept.)
        let rest: Vec<&str> = toks[obj_start..obj_end]
            .iter()
            .enumerate()
            .take_while(|&(k, t)| {
                !matches!(t.w, "without" | "unless" | "except")
                    && (t.w != "by"
                        || toks[obj_start..obj_end]
                            .get(k + 1)
                            .is_some_and(|n| crate::lexicon::is_channel(&key(n.w))))
            })
            .map(|(_, t)| t.w)
            .collect();
        let (keys, qualifiers) = object_keys_of(&rest);
        qualifier_keys.extend(keys.into_iter().chain(qualifiers));
        qualifier_keys.sort();
        qualifier_keys.dedup();
        object_words.extend(rest.iter().copied());
        // Shown as written ("refunds of 100 or more", not the matching words).
        if let Some((a, b)) = head.subject_toks.filter(|&(a, b)| b > a) {
            let subject = toks[a..b]
                .iter()
                .map(|t| t.w)
                .skip_while(|w| matches!(*w, "the" | "a" | "an" | "all" | "any" | "every" | "each" | "no"))
                .filter(|w| !w.is_empty() && !in_adverbs(w));
            passive_display = Some(subject.chain(rest.iter().copied()).collect::<Vec<_>>().join(" "));
        }
    }
    // Where a why-clause read as the object ends (for the act as written).
    let mut why_end = None;
    // "ask the customer why they are leaving", "explain why an applicant was
    // not selected": asking or telling why is asking for or giving the reason.
    if object_keys.is_empty()
        && qualifier_keys.is_empty()
        && passive_object.is_none()
        && toks.get(obj_end).is_some_and(|t| t.w == "why")
        && object_words
            .iter()
            .all(|w| in_stop(w) || crate::lexicon::is_people(&lemma(w)))
    {
        object_keys = vec![key("reason")];
        // The act as written runs to the clause's end ("explain why a
        // withdrawal was paused"), short of a condition or another rule.
        let mut e = obj_end + 1;
        while e < toks.len() && !toks[e].cut && trigger_at(toks, e).is_none() && is_condition_at(toks, e).is_none() {
            e += 1;
        }
        why_end = Some(e);
        // ("ask why a passenger needs assistance" asks the reason for that,
        // not the reason for cancelling: the clause's words say which.)
        let (clause_keys, clause_qualifiers) = object_keys_of(
            &toks[obj_end + 1..e]
                .iter()
                .map(|t| t.w)
                // ("why they want to cancel" is why they cancel.)
                .filter(|w| {
                    !crate::lexicon::is_people(&lemma(w))
                        && !is_actor_word(w)
                        && !matches!(
                            lemma(w).as_ref(),
                            "want" | "wish" | "need" | "like" | "decide" | "plan" | "choose" | "try" | "have"
                        )
                })
                .collect::<Vec<_>>(),
        );
        qualifier_keys.extend(clause_keys);
        qualifier_keys.extend(clause_qualifiers);
        qualifier_keys.sort();
        qualifier_keys.dedup();
    }
    // "tell the customer that the summary was passed on", "tell a customer
    // which product to buy": the people are named, what is said is a clause
    // this reader does not parse. No statement, rather than one about telling
    // the customer anything, which would meet every other.
    // ("give a diagnosis when asked" has its act in the noun, not a clause.)
    if object_keys.is_empty()
        && qualifier_keys.is_empty()
        && obj_end > obj_start
        && passive_object.is_none()
        && !nominal
        // A quotation is an object ("never say "guaranteed returns" when ...").
        && !object_words.iter().any(|w| is_blank(w))
        && toks.get(obj_end).is_some_and(|t| {
            matches!(
                t.w,
                "that" | "how" | "whether" | "what" | "why" | "which" | "who" | "if" | "when"
            )
        })
        // ("Do not refund customers who purchased through a reseller": the
        // people are what the act is done to, and the clause says which.)
        // ("Refund customers when their order is cancelled": for an act on
        // people that is not telling or asking, "when" and "if" open its case.)
        && !(matches!(toks[obj_end].w, "when" | "if")
            && !telling
            && crate::lexicon::verb_class(&verbs[0]) != crate::lexicon::verb_class("ask")
            && object_words.iter().any(|w| crate::lexicon::is_people(&lemma(w))))
        && !(toks[obj_end].w == "who"
            && !telling
            && crate::lexicon::verb_class(&verbs[0]) != crate::lexicon::verb_class("ask")
            && object_words
                .iter()
                .any(|w| crate::lexicon::is_people(&lemma(w)) || matches!(*w, "anyone" | "everyone")))
    {
        return Act::None;
    }
    // "offer rebooking, a hotel voucher, and a full refund": the rule is about
    // each item of the list. Items are read only when the list ends with
    // "and" or "or"; a trailing phrase (", to protect their confidence") is not one.
    let mut object_items: Vec<Vec<String>> = Vec::new();
    let mut list_end = obj_end;
    if passive_object.is_none() && obj_end > obj_start {
        let mut segments = vec![(obj_start, obj_end)];
        let mut e = obj_end;
        let mut closed = false;
        // (After a comma's item, "and"/"or" closes the list without a comma
        // of its own: "the spa, the gym or the rooftop pool".)
        while e < toks.len()
            && (toks[e].cut || (segments.len() > 1 && matches!(toks[e].w, "and" | "or")))
            && segments.len() < 12
        {
            let last = matches!(toks[e].w, "and" | "or");
            let s2 = if last { e + 1 } else { e };
            // ("check out items through chat; checkouts happen at the desk":
            // a semicolon after the first item ends the clause, not an item.)
            let semicolon = segments.len() == 1
                && e > 0
                && norm
                    .text
                    .get(toks[e - 1].e..toks[e].s)
                    .is_some_and(|gap| gap.contains(';'));
            // ("..., and the assistant should tell them ...": a clause with its
            // own subject and modal word, not an item.)
            let own_clause = (s2 + 1..(s2 + 5).min(toks.len()))
                .take_while(|&k| !toks[k].cut)
                .any(|k| trigger_at(toks, k).is_some());
            if s2 >= toks.len()
                || semicolon
                || own_clause
                || (last && toks[s2].cut)
                || is_condition_at(toks, s2).is_some()
                || trigger_at(toks, s2).is_some()
                // ("name, date of birth and whether they are pregnant": in a
                // list, what is asked whether is an item.)
                // ("..., whether that's quantum mechanics or ...": an aside.)
                || (is_boundary_word(toks[s2].w)
                    && !(toks[s2].w == "whether"
                        && segments.len() >= 2
                        && toks
                            .get(s2 + 1)
                            .is_some_and(|t| matches!(t.w, "they" | "he" | "she" | "you" | "the" | "their" | "a" | "an"))))
                // ("..., and apologise", "..., explain the fee": a second act;
                // "name, email or phone number": a noun that is a verb too,
                // unless what follows it is what it would act on.)
                || (crate::lexicon::is_imperative_verb(toks[s2].w)
                    && (!is_data_noun(toks[s2].w)
                        || toks.get(s2 + 1).is_none_or(|n| {
                            n.cut
                                || matches!(
                                    n.w,
                                    "the" | "a" | "an" | "them" | "him" | "her" | "it" | "their" | "your" | "our" | "to"
                                )
                        })))
            {
                break;
            }
            let mut e2 = phrase_end(toks, s2 + 1, 9, false, |_| false);
            // An item after a comma ends at an "and"/"or" of its own, which
            // opens the last item.
            if !last && let Some(k) = (s2 + 1..e2).find(|&k| matches!(toks[k].w, "and" | "or") && !toks[k].cut) {
                e2 = k;
            }
            segments.push((s2, e2));
            // "a hotel voucher if the delay runs overnight, and a refund": an
            // item's own condition does not end the list.
            if !last && e2 < toks.len() && is_condition_at(toks, e2).is_some() {
                let mut c = e2 + 1;
                while c < toks.len() && c - e2 < 14 && !toks[c].cut && trigger_at(toks, c).is_none() {
                    c += 1;
                }
                e2 = c;
            }
            e = e2;
            if last {
                closed = true;
                break;
            }
        }
        // ("doses of any food, plant or chemical": the list is what "of any"
        // widens to, not things the rule is about one by one.)
        let widening = (obj_start + 1..obj_end)
            .any(|k| toks[k].w == "of" && toks.get(k + 1).is_some_and(|n| matches!(n.w, "any" | "all" | "every")));
        if closed && widening {
            list_end = e;
        } else if closed {
            // ("any medical information, including medications or pregnancy
            // status": "including" opens an item, and is no word of it.)
            object_items = segments
                .iter()
                .map(|&(a, b)| {
                    let words: Vec<&str> = toks[a..b].iter().map(|t| t.w).filter(|w| *w != "including").collect();
                    object_keys_of(&words).0
                })
                .filter(|k| !k.is_empty())
                .collect();
            // ("any appointment, treatment or billing details": one-word
            // items before a last one with a generic head are kinds of it.)
            if let Some(last) = object_items.last().cloned()
                && last.len() >= 2
                && object_items.len() >= 2
                && object_items[..object_items.len() - 1].iter().all(|k| k.len() == 1)
                && let Some(head) = last.iter().find(|k| {
                    crate::lexicon::is_generic_head(k)
                        // ("tax, loan or debt advice": advice on each.)
                        || matches!(
                            k.as_str(),
                            "detail" | "record" | "histori" | "history" | "advic" | "guidanc" | "information"
                        )
                })
            {
                let n = object_items.len() - 1;
                for item in &mut object_items[..n] {
                    item.push(head.clone());
                    item.sort();
                }
            }
            list_end = e;
        }
    }
    // "Don't mention helmets or other safety gear": a ban on either is a ban
    // on each, with no comma to mark the list. (An obligation of either may
    // be met by one of them, so only a prohibition's "or" is split.)
    if object_items.is_empty()
        && modality == Modality::Prohibition
        && passive_object.is_none()
        && let Some(or) = (obj_start..obj_end).find(|&k| toks[k].w == "or" && !toks[k].cut)
        && (obj_start..obj_end).filter(|&k| toks[k].w == "or").count() == 1
        // ("collections on Sundays or bank holidays": the "or" is the day's,
        // after "on", not the thing's.)
        // ("a policy with anyone other than the policyholder or a named
        // person": the people's, after "with".)
        && !(obj_start + 1..or).any(|k| matches!(toks[k].w, "on" | "at" | "during" | "with" | "than" | "by"))
        // ("screenings starting at 5pm or later", "aged 65 or over": a bound, not a list.)
        && !toks.get(or + 1).is_some_and(|t| {
            matches!(
                t.w,
                "later" | "earlier" | "more" | "less" | "fewer" | "older" | "younger" | "above" | "below" | "over"
                    | "under" | "higher" | "lower" | "longer" | "shorter" | "sooner" | "after" | "before"
            )
        })
    {
        // ("a price for surgery or dental work": an "or" after the head's
        // preposition lists what the head is of or for; each item is the
        // head with one of them.)
        let head_end =
            (obj_start + 1..or).find(|&k| matches!(toks[k].w, "for" | "of" | "about" | "regarding" | "concerning"));
        let head: Vec<&str> = head_end.map_or(Vec::new(), |k| toks[obj_start..k].iter().map(|t| t.w).collect());
        let first: Vec<&str> = match head_end {
            Some(k) => head
                .iter()
                .copied()
                .chain(toks[k + 1..or].iter().map(|t| t.w))
                .collect(),
            None => toks[obj_start..or].iter().map(|t| t.w).collect(),
        };
        let second: Vec<&str> = head
            .iter()
            .copied()
            .chain(
                toks[or + 1..obj_end]
                    .iter()
                    .map(|t| t.w)
                    .skip_while(|w| matches!(*w, "other" | "any" | "another")),
            )
            .collect();
        let (a, mut b) = (object_keys_of(&first).0, object_keys_of(&second).0);
        // ("a customer's address or phone number": whose the first is, the
        // second is too.)
        if let Some(owner) = first
            .iter()
            .find(|w| !in_stop(w))
            .filter(|w| w.ends_with("'s") || w.ends_with("s'"))
            .and_then(|_| a.iter().find(|k| k.ends_with("'s")))
            && !b.iter().any(|k| k.ends_with("'s"))
        {
            b.push(owner.clone());
            b.sort();
        }
        if !a.is_empty() && !b.is_empty() {
            object_items = vec![a, b];
        }
    }
    // "the full outstanding balance, including any victim surcharge": the
    // thing and the case it names are each acted on, as a list's items are.
    if object_items.is_empty()
        && passive_object.is_none()
        && obj_end > obj_start
        && toks.get(obj_end).is_some_and(|t| t.w == "including")
        // (After a comma: "(including ...)" is an aside the object would
        // show half of.)
        && norm
            .text
            .get(toks[obj_end - 1].e..toks[obj_end].s)
            .is_some_and(|gap| gap.contains(','))
    {
        let from = obj_end
            + 1
            + usize::from(
                toks.get(obj_end + 1)
                    .is_some_and(|t| matches!(t.w, "any" | "all" | "every")),
            );
        // ("including in the context of ...": a case, not a thing.)
        if from < toks.len()
            && !toks[from].cut
            && !matches!(
                toks[from].w,
                "in" | "on"
                    | "at"
                    | "for"
                    | "during"
                    | "when"
                    | "if"
                    | "where"
                    | "while"
                    | "with"
                    | "by"
                    | "to"
                    | "from"
                    | "after"
                    | "before"
                    | "through"
                    | "via"
                    | "under"
                    | "over"
            )
        {
            let to = phrase_end(toks, from + 1, 9, false, |_| false);
            let words = |a: usize, b: usize| toks[a..b].iter().map(|t| t.w).collect::<Vec<_>>();
            let (a, b) = (
                object_keys_of(&words(obj_start, obj_end)).0,
                object_keys_of(&words(from, to)).0,
            );
            if !a.is_empty() && !b.is_empty() {
                object_items = vec![a, b];
                list_end = to;
            }
        }
    }
    let obj_end = list_end;
    // "customers who have subscribed": a relative clause on the people acted
    // for narrows the rule to them; "who have not subscribed" is another case.
    // "posts that share a home address": a relative clause on the thing
    // acted on narrows it the same way.
    let mut people_clause = told_people_clause;
    let mut object_clause = None;
    // Where a relative clause read here ends: the act as written shows it.
    let mut clause_end = None;
    // ("tell private patients that their deposit ...": after telling people,
    // "that" opens what is told, not a clause about them.)
    let told_that = toks.get(obj_end).is_some_and(|t| t.w == "that")
        && crate::lexicon::is_people(&lemma(toks[obj_end.saturating_sub(1)].w))
        && verbs
            .iter()
            .any(|v| crate::lexicon::verb_class(v) == crate::lexicon::verb_class("tell"));
    if passive_object.is_none()
        && obj_end > obj_start
        && obj_end + 1 < toks.len()
        && matches!(toks[obj_end].w, "who" | "that" | "which")
        && !toks[obj_end].cut
        && !told_that
    {
        let on_people = crate::lexicon::is_people(&lemma(toks[obj_end - 1].w));
        let mut e = obj_end + 1;
        // ("anyone who cannot bring photo ID": the clause's own "cannot",
        // right after "who", is part of it, not a rule of its own.)
        let own_modal = |e: usize| {
            e == obj_end + 1
                && matches!(
                    toks[e].w,
                    "cannot" | "can't" | "can" | "don't" | "doesn't" | "does" | "do"
                )
        };
        while e < toks.len() && e - obj_end <= 12 && !toks[e].cut && (trigger_at(toks, e).is_none() || own_modal(e)) {
            e += 1;
        }
        // ("share the names of employees who report a near miss with the
        // site safety lead": whom they are shared with is the verb's, not
        // the clause's.)
        let recipient = |w: &str| {
            verbs.iter().any(|v| match w {
                "with" => matches!(v.as_str(), "share" | "discuss"),
                "to" => matches!(
                    v.as_str(),
                    "give" | "send" | "pass" | "forward" | "hand" | "show" | "disclose" | "reveal" | "release"
                ),
                _ => false,
            })
        };
        // (Someone after it: "to reconstruct the content" is a purpose.)
        let someone = |k: usize| {
            toks.get(k + 1).is_some_and(|t| {
                matches!(
                    t.w,
                    "the"
                        | "their"
                        | "a"
                        | "an"
                        | "any"
                        | "anyone"
                        | "our"
                        | "your"
                        | "his"
                        | "her"
                        | "other"
                        | "another"
                ) || crate::lexicon::is_people(&lemma(t.w))
            })
        };
        if let Some(k) = (obj_end + 3..e).find(|&k| recipient(toks[k].w) && someone(k)) {
            e = k;
        }
        let mut words: Vec<String> = toks[obj_end + 1..e]
            .iter()
            .filter(|t| {
                t.w == "not"
                    || t.w == "never"
                    || matches!(t.w, "cannot" | "can't" | "don't" | "doesn't")
                    || !is_stop(t.w)
            })
            .map(|t| {
                if matches!(t.w, "never" | "cannot" | "can't" | "don't" | "doesn't") {
                    "not".to_string()
                } else {
                    key(t.w)
                }
            })
            .collect();
        words.sort();
        words.dedup();
        if !words.is_empty() {
            clause_end = Some(e);
            if on_people {
                people_clause = Some(words.join(" "));
            } else if toks[obj_end].w != "who" {
                object_clause = Some(words.join(" "));
                // ("a class that is already full": the state the clause
                // gives the thing narrows it as "a full class" does.)
                let state = match toks[obj_end + 1..e].iter().map(|t| t.w).collect::<Vec<_>>().as_slice() {
                    ["is" | "are", adjective]
                    | ["is" | "are", "already" | "still" | "now" | "currently", adjective]
                        if !is_participle(adjective) && !in_stop(adjective) && !is_blank(adjective) =>
                    {
                        Some(key(adjective))
                    }
                    _ => None,
                };
                if let Some(state) = state
                    && !object_keys.contains(&state)
                {
                    object_keys.push(state);
                    object_keys.sort();
                }
            }
        }
    }
    // Without an object the statement ends with its verb; "avoid X" has no verb
    // token of its own (m == k), so it ends with the word at k.
    let span_end = if let Some(e) = clause_end.or(why_end) {
        toks[e - 1].e
    } else if obj_end > obj_start {
        toks[obj_end - 1].e
    } else {
        toks[m.min(toks.len()).max(k + 1) - 1].e
    };
    let (trigger, trigger_span) = match head.trigger {
        Some(t) => t,
        // Inherited from a lead-in: the item's own first word stands for it.
        None => (
            head.inherited.unwrap_or_default(),
            norm.source_span(toks[k].s, toks[k].e),
        ),
    };
    // "Refunds are never issued for purchased tickets": a passive act
    // written as a noun is about what its phrase names, as "issue refunds
    // for purchased tickets" is.
    if passive_light.is_some() && object_keys.is_empty() {
        object_keys = std::mem::take(&mut qualifier_keys);
    }
    // ("offer residents living in flats a subscription": the people a
    // passive rule gives something, shown where the act names them.)
    let people_shown = dative
        .as_ref()
        .filter(|(people, _, _)| !matches!(people[0], "one" | "nobody"))
        .map(|(_, _, shown)| shown.join(" "));
    // "issue refunds of any amount", "give discounts of any kind": the act
    // itself, on anything.
    let any_measure = nominal
        && object_words.len() >= 3
        && object_words[0] == "of"
        && matches!(object_words[1], "any" | "every" | "all")
        && matches!(
            object_words[2],
            "amount" | "amounts" | "kind" | "kinds" | "type" | "types" | "sort" | "sorts" | "size" | "value" | "form"
        )
        && object_keys.iter().all(|k| *k == key(object_words[2]));
    if any_measure {
        object_keys.clear();
    }
    // "Refund any customer who asks": the act on whatever is theirs.
    // (Not when the people are asked or told something: "ask every adult
    // patient, and the parent of every child, to update the form" asks
    // them one thing, not anything.)
    let to_people = verbs.iter().any(|v| {
        matches!(
            v.as_str(),
            "ask" | "invite" | "remind" | "encourage" | "request" | "urge" | "advise"
        ) || crate::lexicon::verb_class(v) == crate::lexicon::verb_class("tell")
    });
    let any_people = !to_people
        && object_keys.is_empty()
        && qualifier_keys.is_empty()
        && object_items.is_empty()
        && object_words
            .first()
            .is_some_and(|w| matches!(*w, "any" | "every" | "all" | "each"))
        && object_words
            .get(1)
            .is_some_and(|w| crate::lexicon::is_people(&lemma(w)));
    let mut extracted = Box::new(Extracted {
        modality,
        actor: head.actor,
        trigger,
        trigger_span,
        action: Action {
            // ("avoid providing advice that, if improper, could harm":
            // a clause narrows the noun, which is not then the act on anything.)
            any_object: any_people
                || any_measure
                || nominal
                    && object_keys.is_empty()
                    && qualifier_keys.is_empty()
                    && object_items.is_empty()
                    && !toks.get(obj_end).is_some_and(|t| {
                        !t.cut
                            && matches!(
                                t.w,
                                "that"
                                    | "which"
                                    | "who"
                                    | "whom"
                                    | "whose"
                                    | "where"
                                    | "what"
                                    | "how"
                                    | "whether"
                                    | "why"
                            )
                    }),
            verbs,
            object: if let Some(shown) = passive_display {
                shown
            } else if object_items.is_empty() {
                object_words.join(" ")
            } else {
                toks[obj_start..obj_end]
                    .iter()
                    .map(|t| t.w)
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            object_keys,
            qualifier_keys,
            people_keys,
            people_clause: people_clause.or(people_narrowed),
            object_clause,
            object_items,
            subject: other_subject,
            written: None,
        },
        action_span: norm.source_span(toks[k].s, span_end),
        conditions: passive_exception.into_iter().collect(),
        object_span: (obj_end > obj_start && passive_object.is_none())
            .then(|| norm.source_span(toks[obj_start].s, toks[obj_end - 1].e)),
    });
    if let Some((light, subject)) = passive_light {
        let a = &mut extracted.action;
        // ("Refunds are never given": the subject, unless the object shows it.)
        a.written = Some(if a.object.starts_with(&subject) {
            format!("{light} {}", a.object)
        } else {
            format!("{light} {subject} {}", a.object).trim_end().to_string()
        });
    }
    if let (Some(people), Some((act, from))) = (people_shown, dative_act) {
        let object: Vec<&str> = toks[from..obj_end.max(from)].iter().map(|t| t.w).collect();
        extracted.action.written = Some(format!("{act} {people} {}", object.join(" ")).trim_end().to_string());
    }
    Act::Statement(extracted, obj_end)
}

/// What an object is about, for matching: its content words up to the
/// first preposition after them ("an email address during sign-up" is about
/// an email address), without the people it is done to or for ("ask
/// customers for order numbers" is about order numbers), lemmatised, sorted;
/// and the content words after that preposition, which qualify it.
fn object_keys_of(words: &[&str]) -> (Vec<String>, Vec<String>) {
    let (keys, qualifier, _) = object_parts(words);
    (keys, qualifier)
}

/// [`object_keys_of`], and the people named in the qualifiers.
fn object_parts(words: &[&str]) -> (Vec<String>, Vec<String>, Vec<String>) {
    // ("discounts of any kind", "ceremonies of any sort": every one of them,
    // no thing of its own.)
    // (Only at the end: "upgrades of any kind to passengers ..." keeps its
    // reading.)
    let words = match words {
        [
            rest @ ..,
            "of",
            "any" | "every" | "all",
            "kind" | "kinds" | "sort" | "sorts" | "type" | "types" | "description",
        ] if !rest.is_empty() => rest,
        _ => words,
    };
    // (A match, not a list search: asked about every word, some twice.)
    fn is_cut(w: &str) -> bool {
        matches!(
            w,
            "during"
                | "before"
                | "after"
                | "from"
                | "to"
                | "with"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "within"
                | "until"
                | "via"
                | "through"
                | "into"
                | "onto"
                | "upon"
                | "towards"
                | "toward"
                | "unless"
                | "without"
                | "instead"
                | "under"
                | "over"
        )
    }
    // "for any reason", "under any circumstances", "at any time": these
    // widen a rule to every case; they name no case of their own.
    fn is_universal(w: &str) -> bool {
        matches!(
            w,
            "reason"
                | "reasons"
                | "circumstance"
                | "circumstances"
                | "time"
                | "times"
                | "case"
                | "cases"
                | "situation"
                | "situations"
        )
    }
    // "in any message", "in replies": where everything the assistant says
    // goes, so they narrow nothing ("in the chat" does, against "in the email").
    fn is_medium(w: &str) -> bool {
        matches!(
            w,
            "message" | "messages" | "reply" | "replies" | "response" | "responses" | "conversation" | "conversations"
        )
    }
    let (mut keys, mut qualifier, mut people_named) = (Vec::new(), Vec::new(), Vec::new());
    let mut cut = false;
    // ("log it as an ordinary repair": what "it" is, is not named; "as"
    // says what it is treated as, a qualifier of the act on it.)
    if matches!(words, [first, "as", ..] if matches!(*first, "it" | "them" | "this" | "these" | "that" | "those")) {
        cut = true;
    }
    let mut people_first = false;
    let mut preposition = "";
    // ("toxic doses of any food, plant or chemical": "of any" widens the
    // thing to every kind; what follows names no narrower thing.)
    let widened_at = words
        .windows(2)
        .position(|w| w[0] == "of" && matches!(w[1], "any" | "all" | "every"))
        .filter(|&at| at > 0);
    let words = &words[..widened_at.unwrap_or(words.len())];
    for (i, w) in words.iter().enumerate() {
        let previous = if i > 0 { words[i - 1] } else { "" };
        // ("hold up to four tickets": "up to" bounds the thing; it is no
        // word of it and opens no qualifier.)
        // ("right up to 20 December": a date after it bounds when, a qualifier.)
        let counted_from = |k: usize| {
            words.get(k).is_some_and(|n| crate::quantity::number(n).is_some())
                && !words.get(k + 1).is_some_and(|n| {
                    matches!(
                        *n,
                        "january"
                            | "february"
                            | "march"
                            | "april"
                            | "may"
                            | "june"
                            | "july"
                            | "august"
                            | "september"
                            | "october"
                            | "november"
                            | "december"
                            | "pm"
                            | "am"
                    )
                })
        };
        if *w == "up" && words.get(i + 1) == Some(&"to") {
            continue;
        }
        // ("ask patients to leave a review", "ask them to give their
        // password": a light verb after "to" carries what is asked for, the
        // review or the password; it is no word of the thing.)
        if previous == "to"
            && matches!(*w, "leave" | "give" | "make" | "write" | "provide" | "submit" | "post")
            && words
                .get(i + 1)
                .is_some_and(|n| !is_cut(n) && !matches!(*n, "it" | "them" | "this" | "that"))
        {
            continue;
        }
        if *w == "to" && previous == "up" && counted_from(i + 1) {
            continue;
        }
        // ("any tour they choose", "the deductions they should take": a
        // relative clause without "that" says who acts on the thing; it
        // names no more of it.)
        // (Not in a question: "which treatment arm they would be assigned
        // to" asks what the clause says.)
        if matches!(*w, "they" | "you" | "we" | "he" | "she")
            && !keys.is_empty()
            && i > 0
            && !in_stop(&previous)
            && !is_cut(previous)
            && !words[..i]
                .iter()
                .any(|x| matches!(*x, "which" | "what" | "how" | "whether" | "whose"))
        {
            break;
        }
        if matches!(previous, "any" | "all" | "no" | "every") && is_universal(w) {
            continue;
        }
        // ("which items they may not store", "that the tour may be
        // cancelled": a modal word of a clause names no thing.)
        // ("what a repair will cost": "will" after no determiner is the modal,
        // "a will" the document.)
        if matches!(
            *w,
            "may" | "might" | "can" | "could" | "should" | "must" | "shall" | "would" | "cannot"
        ) || *w == "will"
            && !matches!(
                previous,
                "a" | "the" | "their" | "your" | "his" | "her" | "my" | "our" | "living"
            )
        {
            continue;
        }
        if is_cut(w)
            && words
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "any" | "all" | "no" | "every"))
            && words.get(i + 2).is_some_and(|n| is_universal(n))
        {
            continue;
        }
        // "call the policyholder within two days": after the people acted
        // on, a preposition opens a qualifier as it would after an object.
        if is_cut(w)
            && (!keys.is_empty()
                || (people_first && matches!(*w, "during" | "before" | "after" | "within" | "until" | "at" | "in"))
                // ("notify drivers by text": how they are reached, not what about.)
                || (people_first
                    && matches!(*w, "by" | "via")
                    && words.get(i + 1).is_some_and(|n| crate::lexicon::is_channel(&key(n)))))
        {
            cut = true;
            preposition = w;
        }
        // "straight away", "right away": when, not what.
        let next = words.get(i + 1).copied().unwrap_or("");
        if matches!((*w, next), ("straight" | "right", "away"))
            || (*w == "away" && matches!(previous, "straight" | "right"))
        {
            continue;
        }
        // "a first offence" is an ordinal, not the adverb of "first ask".
        let ordinal = *w == "first"
            && matches!(
                previous,
                "a" | "the" | "their" | "its" | "his" | "her" | "your" | "our" | "my"
            );
        if in_stop(w)
            || is_blank(w)
            || (in_adverbs(w) && !ordinal)
            || matches!(*w, "solely" | "merely" | "purely" | "exclusively")
            || w.ends_with("n't")
            // "e.g.", "i.e.": letters, not words.
            || (w.chars().count() == 1 && !w.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        if cut && preposition == "in" && is_medium(w) {
            continue;
        }
        // "over chat", "over the phone": a channel, not a bound ("over $500").
        if *w == "over"
            && words[i + 1..]
                .iter()
                .find(|n| !matches!(**n, "the" | "a" | "an"))
                .is_some_and(|n| crate::lexicon::is_channel(&key(n)))
        {
            continue;
        }
        // The people an act is done to are not what it is about ("ask
        // customers for order numbers"), but who they are can separate two
        // rules ("with children", "with adults"); "anyone" separates nothing.
        let l = lemma(w);
        let people = crate::lexicon::is_people(&l);
        // "the buyer's email address" and "the seller's": whose it is
        // tells two things apart.
        // So does a person before the noun ("seller fees", "user data").
        let modifier = || {
            words.get(i + 1).is_some_and(|n| {
                !in_stop(n)
                    && !is_cut(n)
                    && !is_blank(n)
                    && !in_adverbs(n)
                    && !is_ly_adverb(n)
                    && !crate::lexicon::is_people(&lemma(n))
                    // ("customers outside the PE27 area": a place, not whose.)
                    && !matches!(*n, "outside" | "inside" | "within" | "beyond" | "near" | "across" | "living" | "based")
            }) && !matches!(
                *w,
                "anyone" | "everyone" | "someone" | "them" | "him" | "her" | "us" | "me"
            )
        };
        if people && !cut && (w.ends_with("'s") || w.ends_with("s'") || modifier()) {
            keys.push(format!("{}'s", key(&l)));
            continue;
        }
        // "the password for the staff network": after a preposition, people
        // before a noun still say whose it is.
        // ("to visitors buying tickets": a participle after them is no noun.)
        if people
            && cut
            && modifier()
            && words
                .get(i + 1)
                .is_some_and(|n| !n.ends_with("ing") && !n.ends_with("ed"))
            && !matches!(*w, "anyone" | "anybody" | "everyone" | "everybody" | "someone")
        {
            qualifier.push(format!("{}'s", key(&l)));
            continue;
        }
        if people {
            if cut && !matches!(*w, "anyone" | "anybody" | "everyone" | "everybody" | "someone") {
                people_named.push(key(w));
            } else if !cut
                && matches!(next, "the" | "a" | "an" | "their" | "our" | "your" | "any" | "free")
                && !keys.is_empty()
            {
                // ("offer Gold members the priority lane": the people given
                // it, and what they are, before the thing.)
                qualifier.append(&mut keys);
                people_named.push(key(w));
                people_first = true;
            } else if keys.is_empty() {
                // ("tell pupils their grades": the people told; "notify the
                // child": the people the act is done to, and all of it.)
                if matches!(
                    next,
                    "" | "the"
                        | "a"
                        | "an"
                        | "their"
                        | "our"
                        | "your"
                        | "any"
                        | "how"
                        | "what"
                        | "which"
                        | "when"
                        | "whether"
                        | "that"
                ) && !matches!(
                    *w,
                    "anyone" | "anybody" | "everyone" | "everybody" | "someone" | "them" | "him" | "her" | "us" | "me"
                ) {
                    people_named.push(key(w));
                }
                people_first = true;
            }
            continue;
        }
        let target = if cut { &mut qualifier } else { &mut keys };
        if l.contains('-') {
            target.extend(word_keys(&l));
        } else {
            target.push(key(crate::lexicon::noun_class(&l)));
        }
    }
    for k in [&mut keys, &mut qualifier, &mut people_named] {
        k.sort();
        k.dedup();
    }
    (keys, qualifier, people_named)
}

/// A word's keys, as objects and guards are compared by: its class's key,
/// or, for a compound of two words, theirs ("a filing-status determination"
/// is about a filing status; "same-day" and "24-hour" stay whole: a number,
/// or a word that only qualifies the other).
pub(crate) fn word_keys(lemma_of_word: &str) -> Vec<String> {
    // "under-16s", "over-18": the bound and its figure, as "under 16" has them.
    if let Some((a, b)) = lemma_of_word.split_once('-')
        && matches!(a, "under" | "over")
        && !b.is_empty()
        && b.trim_end_matches('s').bytes().all(|c| c.is_ascii_digit())
    {
        return vec![a.to_string(), b.trim_end_matches('s').to_string()];
    }
    // "on-sale", "in-store", "off-peak": the preposition says where or
    // when; the other word is the thing ("once tickets go on sale").
    if let Some((a, b)) = lemma_of_word.split_once('-')
        && matches!(a, "on" | "in" | "off" | "up" | "at")
        && b.len() >= 3
        && b.bytes().all(|c| c.is_ascii_lowercase())
    {
        return vec![key(crate::lexicon::noun_class(&lemma(b)))];
    }
    if let Some((a, b)) = lemma_of_word.split_once('-')
        && [a, b]
            .iter()
            .all(|p| p.len() >= 3 && p.bytes().all(|c| c.is_ascii_lowercase()) && !in_stop(p))
        && !matches!(
            a,
            "same" | "non" | "pre" | "post" | "anti" | "self" | "well" | "high" | "low"
        )
        // "call-out", "check-in", "drop-off", "walk-in": a verb and its
        // particle make one noun (a call-out fee is no phone call).
        && !matches!(b, "out" | "in" | "off" | "up" | "on" | "back" | "down" | "over" | "away")
    {
        return [a, b]
            .iter()
            .map(|p| key(crate::lexicon::noun_class(&lemma(p))))
            .collect();
    }
    vec![key(crate::lexicon::noun_class(lemma_of_word))]
}

/// Whether a word is a verb in the third person ("fits", "suits"): a
/// common verb with an "s" its base form lacks ("class", "boss" are nouns).
fn is_third_person_verb(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && crate::lexicon::is_common_verb(&w[..w.len() - 1])
}

/// Past participles that follow "be" in a passive rule.
pub(crate) fn is_participle(w: &str) -> bool {
    (w.len() > 4
        && (w.ends_with("ed") || w.ends_with("en"))
        && !matches!(w, "often" | "even" | "open" | "seen" | "given"))
        || matches!(
            w,
            "shown"
                | "given"
                | "told"
                | "made"
                | "done"
                | "written"
                | "kept"
                | "seen"
                | "sent"
                | "shared"
                | "taken"
                | "known"
                | "brought"
                | "left"
                | "held"
                | "paid"
                | "said"
                | "sold"
                | "put"
                | "set"
                | "read"
                | "found"
                | "heard"
                | "built"
                | "bought"
                | "caught"
                | "led"
                | "met"
                | "run"
        )
}

/// Whether a sentence rules by a present-tense passive with "never" or
/// "always" ("late fees are never waived"), which the classifier reads as a
/// description; [`scan`] reads it as the assistant's act on the subject.
fn has_present_passive_rule(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    // ("Contact details can be updated by the assistant": its permission,
    // read as the statement reader reads it.)
    let by_the_assistant = || {
        let toks = tokens(text);
        (0..toks.len()).any(|i| {
            matches!(toks[i].w, "can" | "may")
                && (passive_by_the_assistant(&toks, i + 1, &[]) || done_to_bookings(&toks, i + 1))
        })
    };
    // Also "are to be shown", "is to avoid", and "always have to be refunded".
    // And "are not shown", "are issued within 5 days" ([`present_passive_at`]).
    let negated_or_pinned = || {
        if !may_be_present_passive(text) {
            return false;
        }
        let toks = tokens(text);
        (1..toks.len()).any(|i| present_passive_at(&toks, i).is_some())
    };
    words.windows(3).any(|w| {
        matches!(w[0], "is" | "are")
            && (matches!(w[1], "never" | "always") && is_participle(w[2])
                || w[1] == "to" && matches!(w[2], "be" | "avoid"))
            || w[0] == "always" && matches!(w[1], "has" | "have") && w[2] == "to"
    }) || by_the_assistant()
        || negated_or_pinned()
}

/// "-ly" words that are adverbs ("implicitly"), not verbs ("apply", "reply").
fn is_ly_adverb(w: &str) -> bool {
    // ("pay-monthly plans": a compound of a period, no adverb;
    // "non-judgmentally" is one.)
    if let Some((_, last)) = w.rsplit_once('-')
        && matches!(
            last,
            "monthly" | "weekly" | "daily" | "yearly" | "hourly" | "quarterly" | "nightly" | "fortnightly"
        )
    {
        return false;
    }
    w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "apply" | "reply" | "rely" | "supply" | "comply" | "imply" | "multiply" | "ally" | "rally" | "bully"
        )
}

/// Whether a word carries no content (for similarity and object matching).
pub(crate) fn is_stop(w: &str) -> bool {
    in_stop(&w) || in_adverbs(&w)
}

fn is_actor_word(w: &str) -> bool {
    matches!(
        w,
        "assistant" | "it" | "you" | "model" | "developer" | "developers" | "user" | "users"
    )
}

/// Where the assistant as subject begins right before `at`, when the
/// sentence opens with a case with no comma after it ("For every order the
/// assistant has to ...", "During conference weeks Ferrybot must not ..."):
/// a scope, not "if" or "when", whose clause could not end otherwise.
fn case_then_actor(toks: &[Tok<'_>], at: usize, names: &[String]) -> Option<usize> {
    if !matches!(
        toks.first()?.w,
        "for" | "during" | "in" | "on" | "at" | "after" | "before" | "with" | "outside" | "within" | "throughout"
    ) || matches!(toks.get(1)?.w, "example" | "instance")
        || toks[..at].iter().any(|t| t.cut)
    {
        return None;
    }
    let last = toks[..at].last()?.w;
    if at >= 3 && names.iter().any(|n| n == last) {
        return Some(at - 1);
    }
    let role = matches!(last, "assistant" | "model" | "chatbot") || specc_syntax::normative::is_assistant_role(last);
    (2..=3)
        .filter(|&n| at > n + 1)
        .find(|&n| role && matches!(toks[at - n].w, "the" | "our"))
        .map(|n| at - n)
}

/// Condition clauses of a sentence: marker to the next comma or clause boundary.
/// Each with its first token and whether it opens a stretch (at the start, after
/// a comma or a conjunction) rather than continuing an action.
fn conditions_of(toks: &[Tok<'_>], names: &[String]) -> Vec<(usize, bool, Condition)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_reason = false;
    while i < toks.len() {
        // ", taken when the surgery is booked": the case of a participle that
        // describes a thing, not of the rule.
        let of_participle = i >= 1
            && toks[i - 1].cut
            && is_participle(toks[i - 1].w)
            && !toks[i].cut
            && matches!(toks[i].w, "when" | "if" | "once" | "after" | "before");
        // ("tell the customer when a loss adjuster will be appointed": when
        // something will happen is what is told, not a case.)
        let told_when = toks[i].w == "when"
            && !toks[i].cut
            && (i.saturating_sub(4)..i).any(|k| {
                (is_telling_verb(toks[k].w) || matches!(toks[k].w, "let" | "update"))
                    && (k + 1..=i).all(|x| !toks[x].cut)
            })
            && toks[i + 1..]
                .iter()
                .take_while(|t| !t.cut)
                .any(|t| matches!(t.w, "will" | "would" | "should" | "can"));
        let of_participle = of_participle || told_when;
        // ", because the cash is packed before the customer arrives": a
        // time in the reason is the reason's, not a case of the rule.
        if toks[i].cut {
            in_reason = false;
        }
        // (And a purpose: "so that gate staff can read the transcript if
        // there is a dispute", "in order to ...".)
        if toks[i].w == "because"
            || (toks[i].w == "so" && toks.get(i + 1).is_some_and(|t| t.w == "that" && !t.cut))
            || (toks[i].w == "order" && i > 0 && toks[i - 1].w == "in" && toks.get(i + 1).is_some_and(|t| t.w == "to"))
        {
            in_reason = true;
        }
        // (And a concession: "..., even if they applied before the
        // deadline" names no case the rule holds in, nor does its "before".)
        if matches!(toks[i].w, "if" | "when" | "though") && i > 0 && toks[i - 1].w == "even" && !toks[i].cut {
            in_reason = true;
        }
        // ("tell them their deposit is refunded if they cancel with 48
        // hours' notice": a case inside what is told is the told content's.)
        // (Not in a rule that opens with "Only": "Only mention that the chat
        // isn't legal advice if the caller asks a legal question".)
        // ("tell passengers that the gate closes 20 minutes before
        // departure": a time in what is told, too.)
        // ("tell students that a CAS is issued only after they accept": an
        // "only" case inside what is told, too.)
        let told_case = (matches!(
            toks[i].w,
            "if" | "unless" | "when" | "before" | "after" | "until" | "during"
        ) || toks[i].w == "only"
            && toks
                .get(i + 1)
                .is_some_and(|t| !t.cut && matches!(t.w, "if" | "when" | "after" | "once" | "before")))
            && toks.first().is_some_and(|t| t.w != "only")
            && in_told_clause(toks, i);
        if of_participle || in_reason || told_case {
            i += 1;
            continue;
        }
        if let Some(c) = is_condition_at(toks, i) {
            let mut e = i + c.len();
            // A modal word whose subject is someone else's is the condition's
            // own: "when the customer's plans may change".
            let own_modal = |e: usize| {
                e > i + c.len()
                    && matches!(toks[e].w, "may" | "might" | "can" | "could" | "will" | "would")
                    && !toks[i + c.len()..e]
                        .iter()
                        .any(|t| is_actor_word(t.w) || t.w == "we" || t.w == "they")
                    && !toks[i + c.len()..e].iter().any(|t| t.cut)
            };
            // ("If a caller on a motorway cannot leave the vehicle safely, ...":
            // a "cannot" right after the condition's own subject, a person
            // named with a determiner and no verb of its own, is that
            // person's, so the case holds the "cannot" and stays a case.)
            let own_inability = |e: usize| {
                let stretch = &toks[i + c.len()..e];
                e > i + c.len() + 1
                    && stretch.len() <= 6
                    && matches!(toks[e].w, "cannot" | "can't" | "couldn't" | "won't" | "wouldn't")
                    && matches!(
                        stretch[0].w,
                        "a" | "an" | "the" | "their" | "his" | "her" | "your" | "any"
                    )
                    && !stretch.iter().any(|t| {
                        t.cut
                            || is_actor_word(t.w)
                            || is_third_person_verb(t.w)
                            || specc_syntax::normative::is_assistant_role(t.w)
                            || names.iter().any(|n| n == t.w)
                    })
            };
            // ("if we have to cancel a trek": a need of the condition's own
            // subject, not the rule's modal word.)
            let own_need = |e: usize| {
                e > i + c.len()
                    && matches!(toks[e].w, "have" | "has" | "need" | "needs")
                    && matches!(toks[e - 1].w, "we" | "they" | "you" | "i" | "he" | "she")
                    && !toks[e - 1].cut
            };
            // ("If you do not know the answer": the condition's own "not".)
            let own_negation = |e: usize| {
                e > i + c.len()
                    && e - (i + c.len()) <= 3
                    && matches!(toks[e].w, "do" | "does" | "did" | "don't" | "doesn't" | "didn't")
                    && !toks[i + c.len()..e].iter().any(|t| t.cut)
            };
            // ("when a borrower asks for an edition that we do not own": a
            // relative clause's own "do not".)
            let relative_negation = |e: usize| {
                e >= i + c.len() + 2
                    && matches!(toks[e].w, "do" | "does" | "don't" | "doesn't" | "cannot" | "can't")
                    && matches!(toks[e - 1].w, "we" | "they" | "you" | "i" | "he" | "she" | "it")
                    && matches!(toks[e - 2].w, "that" | "which" | "who")
                    && !toks[e - 1].cut
                    && !toks[e - 2].cut
            };
            // ("when the office opens and offer a call back the next
            // working day": a second imperative ends the case.)
            let second_imperative = |e: usize| {
                e > i + c.len()
                    && toks[e].w == "and"
                    && toks
                        .get(e + 1)
                        .is_some_and(|v| !v.cut && crate::lexicon::is_imperative_verb(v.w) && lemma(v.w) == v.w)
                    && toks
                        .get(e + 2)
                        .is_some_and(|n| !n.cut && matches!(n.w, "a" | "an" | "the" | "them" | "their" | "it" | "any"))
            };
            while e < toks.len()
                && !toks[e].cut
                && e - i < 20
                && !second_imperative(e)
                && (trigger_at(toks, e).is_none()
                    || own_modal(e)
                    || own_need(e)
                    || own_negation(e)
                    || own_inability(e)
                    || relative_negation(e))
            {
                e += 1;
            }
            // "During conference weeks the assistant must not ...": with no
            // comma, a leading case ends where the rule's subject begins.
            if i == 0
                && e < toks.len()
                && !toks[e].cut
                && trigger_at(toks, e).is_some()
                && let Some(k) = case_then_actor(toks, e, names)
            {
                e = k;
            }
            // A trailing condition that holds a list ("reply in the language
            // the patient writes in if it is English, Polish, Urdu or
            // Romanian") runs to the sentence's end.
            if i > 0
                && e < toks.len()
                && toks[e].cut
                && text_gap_is_comma(toks, e)
                && (e..toks.len()).all(|k| trigger_at(toks, k).is_none() && (k == e || !toks[k].cut || text_gap_is_comma(toks, k)))
                && toks[e..].iter().any(|t| matches!(t.w, "or" | "and"))
                // (A list of things, not "..., and stay within ...": no
                // verb after the list's "and" or "or".)
                && !toks[e..].windows(2).any(|w| {
                    matches!(w[0].w, "or" | "and")
                        && (crate::lexicon::is_imperative_verb(w[1].w) || crate::lexicon::is_common_verb(w[1].w))
                })
                && toks.len() - e <= 12
            {
                e = toks.len();
            }
            // A leading condition that holds a list ("If a pet has eaten
            // chocolate, grapes or rat bait, tell ...") runs to the imperative.
            if i == 0
                && e < toks.len()
                && (e..toks.len()).all(|k| trigger_at(toks, k).is_none())
                && let Some(n) = imperative_opening(toks)
                && n > e
                && looks_imperative(toks, n)
            {
                e = n;
            }
            let text = toks[i..e]
                .iter()
                .map(|t| t.w)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let opens = i == 0 || toks[i].cut || matches!(toks[i - 1].w, "and" | "or" | "but" | "so" | "then" | "");
            // "the evening before": a marker with nothing after it guards nothing.
            if e == i + c.len() && c != ["by", "default"] && c != ["out", "of", "hours"] {
                i = e;
                continue;
            }
            out.push((
                i,
                opens,
                Condition {
                    kind: c.join(" "),
                    text,
                    of_subject: false,
                },
            ));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the cut before token `k` is a comma (not a semicolon, colon or
/// bracket): a token's `s` and the previous token's `e` bound the gap, which
/// the tokens alone do not keep, so a comma is told by what precedes `k`
/// being a word of a list ("English, Polish").
fn text_gap_is_comma(toks: &[Tok<'_>], k: usize) -> bool {
    k > 0 && toks[k].cut && toks[k].s > toks[k - 1].e && toks[k].s - toks[k - 1].e <= 2 && !toks[k].w.is_empty()
}

/// What [`extract`] finds in one sentence, before it is placed in the workspace.
pub(crate) struct Extracted {
    pub modality: Modality,
    pub actor: Actor,
    pub trigger: String,
    pub trigger_span: Span,
    pub action: Action,
    #[allow(dead_code)] // Kept for editors that highlight the action.
    pub action_span: Span,
    pub conditions: Vec<Condition>,
    /// Where the object is in the source, when it has words.
    pub object_span: Option<Span>,
}

/// Whether a trigger bans an act as "avoid" does, so that a noun after it
/// names a thing not to use ("avoid jargon", "steer clear of politics").
fn is_avoidance(trig: &Trigger) -> bool {
    matches!(trig.words.last(), Some(&"avoid")) || matches!(trig.words, [.., "clear", "of"] | [.., "back", "from"])
}

/// Whose place it is not to act, at "place" (`i`), after "it is not":
/// "it's not our place to judge", "it is not your place to ..." (the
/// assistant addressed, or speaking for the business).
fn not_ones_place(toks: &[Tok<'_>], i: usize) -> bool {
    i >= 2
        && matches!(toks[i - 1].w, "our" | "your")
        && !toks[i - 1].cut
        && !toks[i].cut
        && (toks[i - 2].w == "isn't" && i >= 3 && toks[i - 3].w == "it"
            || toks[i - 2].w == "not" && it_is_before(toks, i - 2))
}

/// Whether "it is" or "it's" ends just before `i`, with no "not" or
/// "never" between ("it is up to", "it is the assistant's job").
fn it_is_before(toks: &[Tok<'_>], i: usize) -> bool {
    i >= 1 && toks[i - 1].w == "it's" && !toks[i].cut
        || i >= 2 && toks[i - 2].w == "it" && toks[i - 1].w == "is" && !toks[i - 1].cut && !toks[i].cut
}

/// Who holds the duty that "job", "duty", "responsibility" or "task" at `i`
/// names, after "it is": "It is the assistant's job to ..." (the assistant),
/// "it's your responsibility to ..." (you, the assistant addressed).
fn duty_holder<'a>(toks: &[Tok<'a>], i: usize) -> Option<&'a str> {
    let owner = toks.get(i.checked_sub(1)?)?;
    if owner.cut {
        return None;
    }
    let holder = if owner.w == "your" {
        "you"
    } else {
        owner.w.strip_suffix("'s").filter(|h| !h.is_empty())?
    };
    let mut k = i - 1;
    if k >= 1 && toks[k - 1].w == "the" && !toks[k - 1].cut {
        k -= 1;
    }
    it_is_before(toks, k).then_some(holder)
}

/// Whether a text holds a word that can start a trigger (a cheap filter: a
/// hit inside a longer word, "cancel", only costs the full extraction).
fn has_trigger(text: &str, names: &[String]) -> bool {
    has_modal_word(text)
        || may_be_imperative(text)
        || may_be_present_passive(text)
        || may_be_present_tense(text, names)
        || may_be_named_habit(text, names)
}

/// Whether a text may hold the assistant's habit by name ([`named_habit_at`]):
/// a name the document gives it, capitalised, and a word after it.
fn may_be_named_habit(text: &str, names: &[String]) -> bool {
    names.iter().any(|n| {
        // (No allocation: the name's tail, then its capital before it.)
        let Some(first) = n.chars().next() else { return false };
        let tail = &n[first.len_utf8()..];
        !tail.is_empty()
            && text.match_indices(tail).any(|(at, _)| {
                let capital_before = text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.to_lowercase().eq(std::iter::once(first)) && c.is_uppercase());
                let rest = &text[at + tail.len()..];
                capital_before
                    && rest.starts_with(' ')
                    && rest[1..]
                        .split(' ')
                        .next()
                        .is_some_and(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()).ends_with('s'))
            })
    })
}

/// Whether a sentence rules by the assistant's habit by name ("Pawla hands
/// the chat to reception"), which the classifier reads as a description.
fn has_named_habit(text: &str, names: &[String]) -> bool {
    !names.is_empty() && may_be_named_habit_lower(text, names) && {
        let toks = tokens(text);
        (1..toks.len()).any(|i| named_habit_at(&toks, i, names))
    }
}

/// [`may_be_named_habit`] on normalised (lower-case) text.
fn may_be_named_habit_lower(text: &str, names: &[String]) -> bool {
    names.iter().any(|n| text.contains(n.as_str()))
}

/// Whether a text may hold the assistant's "does not" ([`present_tense_at`]):
/// the words, and the assistant by role or name ("declines", "refuses",
/// "avoids" are modal words already).
fn may_be_present_tense(text: &str, names: &[String]) -> bool {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let does_not = AC
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(["does not", "doesn't", "doesn\u{2019}t"])
                .ok()
        })
        .as_ref()
        .is_none_or(|ac| ac.is_match(text));
    does_not && {
        let lower = text.to_lowercase();
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| is_actor_word(w) || specc_syntax::normative::is_assistant_role(w) || names.iter().any(|n| n == w))
    }
}

/// Whether a text may hold a present passive [`present_passive_at`] reads
/// (a cheap filter: "is" or "are", perhaps "not" or "only", and a
/// participle; unless negated, a word that pins the act after it).
fn may_be_present_passive(text: &str) -> bool {
    static PINS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let build = |patterns: Vec<String>| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .ok()
    };
    let pins = PINS.get_or_init(|| {
        build(
            [
                " within ",
                " exactly ",
                " than ",
                " at least ",
                " at most ",
                " only",
                " by sms",
                " by email",
                " by text",
                " by post",
                " by letter",
                " by phone",
                " minute",
                " hour",
                " day",
                " week",
                " month",
                " year",
            ]
            .into_iter()
            .map(String::from)
            .chain(crate::lexicon::attribute_keys().map(|k| format!(" {k}")))
            .collect(),
        )
    });
    // (Two SIMD searches: "is" and "are" are in most sentences, and the
    // word after them says at once whether to read on.)
    static IS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" is "));
    static ARE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" are "));
    let bytes = text.as_bytes();
    static COST: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" cost"));
    let ends = IS
        .find_iter(bytes)
        .map(|at| at + 4)
        .chain(ARE.find_iter(bytes).map(|at| at + 5));
    // ("The deposit is £50", "a visit costs $40": a fact of price.)
    let money = |end: usize| text[end..].split(' ').next().is_some_and(is_money);
    let costs = || {
        COST.find_iter(bytes).any(|at| {
            let after = &text[at + 5..];
            let after = after.strip_prefix("s ").or_else(|| after.strip_prefix(' '));
            after.is_some_and(|a| a.split(' ').next().is_some_and(is_money))
        })
    };
    ends.into_iter().any(|end| {
        if money(end) {
            return true;
        }
        let mut words = text[end..].split(' ');
        let mut next = words.next().unwrap_or("");
        if not_able(next.trim_end_matches(|c: char| !c.is_alphanumeric())).is_some() {
            return true;
        }
        let negated = next == "not";
        if negated || next == "only" {
            next = words.next().unwrap_or("");
        }
        // (After a leading case, "If we cancel, the deposit is refunded in
        // full", no pin is needed.)
        let after_case = {
            let head = text.trim_start();
            [
                "If ",
                "if ",
                "When ",
                "when ",
                "Whenever ",
                "whenever ",
                "Once ",
                "once ",
            ]
            .iter()
            .any(|c| head.starts_with(c))
                && text[..end].contains(',')
        };
        is_participle(next.trim_end_matches(|c: char| !c.is_alphanumeric()))
            && (negated || after_case || pins.as_ref().is_none_or(|ac| ac.is_match(&text[end..])))
    }) || costs()
}

/// Whether source text has a semicolon or a dash between clauses ("—",
/// "–", or " - "). (Asked of every block: two byte searches, the dashes'
/// UTF-8 told from curly quotes by their last byte.)
fn has_clause_break(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b';', 0xE2, bytes)
        .any(|i| bytes[i] == b';' || bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94)))
        || memchr::memchr_iter(b'-', bytes).any(|i| i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' '))
}

/// Whether a text's first word, or the first word after its first comma
/// (past a leading condition), could open a bare imperative.
fn may_be_imperative(text: &str) -> bool {
    let first_word = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .find(|w| !w.is_empty())
            .map(str::to_lowercase)
    };
    let opens = |t: &str| {
        let t = t.trim_start();
        let t = t.strip_prefix("Only ").or_else(|| t.strip_prefix("only ")).unwrap_or(t);
        first_word(t).is_some_and(|w| crate::lexicon::is_imperative_verb(&w))
    };
    // At the sentence's start, any common verb may open it ("Release the
    // car ...") and an adverb may come first ("Automatically renew ...");
    // after a comma most such words go on with the sentence.
    let opens_sentence = |t: &str| {
        opens(t) || first_word(t.trim_start()).is_some_and(|w| crate::lexicon::is_common_verb(&w) || w.ends_with("ly"))
    };
    // After a leading condition, an imperative by its shape too ("If ..., reset the password").
    let opens_after_condition = |t: &str| {
        first_word(t).is_some_and(|w| {
            matches!(
                w.as_str(),
                "if" | "when"
                    | "whenever"
                    | "once"
                    | "after"
                    | "before"
                    | "for"
                    | "on"
                    | "at"
                    | "in"
                    | "during"
                    | "with"
                    | "to"
            )
        }) && {
            let toks = tokens(t);
            (1..toks.len()).any(|n| toks[n].cut && looks_imperative(&toks, n))
        }
    };
    // After a semicolon or a dash, a clause may open as a sentence does
    // ("..., ready the following Tuesday; give customers that date").
    let after_break = || {
        let bytes = text.as_bytes();
        has_clause_break(bytes)
            && text
                .split([';', '\u{2014}', '\u{2013}'])
                .skip(1)
                .chain(text.split(" - ").skip(1))
                .any(|part| opens_sentence(part) || part.contains(',') && opens_after_condition(part))
    };
    opens_sentence(text)
        || text.split(',').skip(1).any(opens)
        || text.contains(',') && opens_after_condition(text)
        || after_break()
}

fn has_modal_word(text: &str) -> bool {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "must",
                "should",
                "never",
                "don't",
                "don\u{2019}t",
                "do not",
                "avoid",
                "refuse",
                "always",
                "may",
                "can",
                "allowed",
                "required",
                "prohibited",
                "forbidden",
                "permitted",
                "expected",
                "has to",
                "have to",
                "need to",
                "needs to",
                "shall",
                "refrain",
                "decline",
                "cannot",
                "can't",
                "circumstances",
                "no account",
                "no time",
                "no case",
                "is not to",
                "are not to",
                "is to be",
                "are to be",
                "is to avoid",
                "are to avoid",
                // ("the assistant is to make ...", "Concierge is to ...": read
                // to tell from "the goal is to help".)
                " is to ",
                "mandatory",
                "fine for",
                "acceptable for",
                "okay for",
                "ok for",
                "responsible for",
                "in charge of",
                "job to",
                "duty to",
                "responsibility to",
                "task to",
                "up to",
                "steer clear",
                "steers clear",
                "hold back",
                "holds back",
                "a point of",
                "place to",
            ])
            .ok()
    })
    .as_ref()
    // Without the filter every sentence is read in full: slower, same result.
    .is_none_or(|ac| ac.is_match(text))
}

/// `span` grown over the emphasis or code marks it cuts in half
/// ("all *applicable instructions" → "all *applicable instructions*").
fn balanced(src: &str, span: Span) -> Span {
    // Most spans hold every mark in pairs: one pass over the bytes tells.
    let paired = |text: &str| {
        let mut odd = [false; 4];
        let mut previous = 0u8;
        for &b in text.as_bytes() {
            if b != previous
                && let Some(k) = [b'*', b'_', b'`', b'"'].iter().position(|&m| m == b)
            {
                odd[k] = !odd[k];
            }
            previous = b;
        }
        odd == [false; 4]
    };
    if src
        .get(span.range())
        .is_some_and(|text| paired(text) && !text.contains('“'))
    {
        return span;
    }
    balance_marks(src, span)
}

/// [`balanced`] mark by mark.
fn balance_marks(src: &str, mut span: Span) -> Span {
    for mark in [b'*', b'_', b'`', b'"'] {
        let Some(text) = src.get(span.range()) else { return span };
        // Runs of the mark, so "**" counts once (the marks are ASCII: bytes will do).
        let bytes = text.as_bytes();
        let runs = (0..bytes.len())
            .filter(|&i| bytes[i] == mark && (i == 0 || bytes[i - 1] != mark))
            .count();
        let mark = char::from(mark);
        if runs % 2 == 0 {
            continue;
        }
        let after = src[span.end..].len() - src[span.end..].trim_start_matches(mark).len();
        if after > 0 {
            span.end += after;
        } else {
            let before = src[..span.start].len() - src[..span.start].trim_end_matches(mark).len();
            span.start -= before;
        }
    }
    // Curly quotes open and close with two marks.
    if let Some(text) = src.get(span.range())
        && text.matches('“').count() > text.matches('”').count()
        && src[span.end..].starts_with('”')
    {
        span.end += '”'.len_utf8();
    }
    span
}

/// Every statement of every package's spec documents, in package and document order.
pub fn statements(ws: &Workspace) -> Vec<Statement> {
    statements_on(ws, std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}

/// [`statements`] read on one thread, or on the pool when `threads` allows.
fn statements_on(ws: &Workspace, threads: usize) -> Vec<Statement> {
    let mut out = Vec::new();
    for (pi, pkg) in ws.packages.iter().enumerate() {
        for (di, doc) in pkg.documents.iter().enumerate() {
            // Prose under no authority states nothing: a document without a
            // section that has one (a test file, an overview) is skipped whole.
            if !doc.sections.iter().any(|s| s.authority.is_some()) {
                continue;
            }
            let n = doc.prose.len();
            // Names are learned from the prose, where the rules are (not from conversations).
            let src = ws.sources.file(doc.file).text.as_str();
            let texts =
                |blocks: std::ops::Range<usize>| doc.prose[blocks].iter().filter_map(|p| src.get(p.span.range()));
            if threads < 2 || n < 256 {
                let actors = Actors::learn_from(texts(0..n));
                let mut read = Vec::new();
                DocumentReader::new(ws, pi, di, doc, &actors).read(0..n, &mut read);
                out.extend(with_only_cases(read));
                continue;
            }
            // A large document is read on the pool's threads: the names are
            // counted in two halves at once, then, with the names learned
            // from both, chunks of blocks are read as threads become free
            // (which blocks cost most, rules rather than prose, cannot be
            // told before reading them), and put back in block order. A
            // pool that lives on costs no thread starts per check (the
            // editor checks on every edit).
            // (Small chunks: one block can cost fifty times another, and
            // the threads should finish together.)
            const CHUNK: usize = 4;
            let mid = n / 2;
            let (first, second) = rayon::join(|| NameCounts::of(texts(0..mid)), || NameCounts::of(texts(mid..n)));
            let actors = Actors::from_counts([first, second]);
            let reader = DocumentReader::new(ws, pi, di, doc, &actors);
            let chunks: Vec<Vec<Statement>> = (0..n.div_ceil(CHUNK))
                .into_par_iter()
                .map(|c| {
                    let mut v = Vec::new();
                    reader.read(c * CHUNK..(c * CHUNK + CHUNK).min(n), &mut v);
                    // (What each statement also says, on the same thread.)
                    with_only_cases(v)
                })
                .collect();
            out.reserve(chunks.iter().map(Vec::len).sum());
            out.extend(chunks.into_iter().flatten());
        }
    }
    out
}

/// Whether a rule says its act is required in words ("must", "always",
/// "should", "have to"), not by an imperative alone.
fn has_duty_word(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "must" | "always" | "should" | "shall" | "required" | "ensure"))
        || [" have to ", " has to ", " need to ", " needs to "]
            .iter()
            .any(|p| lower.contains(p))
}

/// "May X only if C", "X only when C", "Only X if C": the rule also
/// forbids X where C does not hold. Each such statement is followed by
/// that prohibition ("X unless C"), which is what meets an "always X".
fn with_only_cases(statements: Vec<Statement>) -> Vec<Statement> {
    // (Room for a few derived statements: growing copies every one.)
    let mut out = Vec::with_capacity(statements.len() + statements.len() / 4 + 8);
    for mut s in statements {
        let leading = s
            .text
            .trim_start()
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("only "));
        // ("Only ask for a fit note after an absence of more than 7 days".)
        // ("A test drive may only be scheduled once ...": "only" before the
        // act, its case after.)
        // (One search first: most rules have no "only" at all.)
        let only_done = !leading
            && s.text.contains(" only ")
            && [" may only be ", " can only be ", " may be only ", " can be only "]
                .iter()
                .any(|p| s.text.contains(p));
        let is_only = |c: &Condition| {
            c.kind.starts_with("only")
                || (leading && matches!(c.kind.as_str(), "if" | "when" | "whenever" | "after"))
                || (only_done && matches!(c.kind.as_str(), "if" | "when" | "whenever" | "after" | "once"))
        };
        // "Only mention the fee if the payment was returned", "refund only
        // when a receipt is shown": the act is allowed in its case, not
        // required (two new users read it so); a duty word keeps the duty
        // ("must only be sent when ..." still requires it there).
        // ("Only discuss an account with the account holder": "only" with
        // no case restricts to whom, as well.)
        if s.modality == Modality::Obligation
            && (s.conditions.iter().filter(|c| is_only(c)).count() == 1 || leading)
            && !has_duty_word(&s.text)
        {
            s.modality = Modality::Permission;
        }
        let only: Vec<&Condition> = s.conditions.iter().filter(|c| is_only(c)).collect();
        let derived = (s.modality != Modality::Prohibition && only.len() == 1).then(|| {
            let c = only[0];
            let rest = c.text.split_once(' ').map_or("", |(_, r)| r);
            let rest = rest
                .strip_prefix("if ")
                .or_else(|| rest.strip_prefix("when "))
                .or_else(|| rest.strip_prefix("once "))
                .unwrap_or(rest);
            // ("unless after an absence of ...": a time keeps its word.)
            let rest = if c.kind.starts_with("only") {
                rest
            } else if matches!(c.kind.as_str(), "after" | "before") {
                c.text.as_str()
            } else {
                c.text.split_once(' ').map_or("", |(_, r)| r)
            };
            let mut p = s.clone();
            p.reading = Some(format!("\"{}\" forbids the act outside its case", c.kind));
            p.modality = Modality::Prohibition;
            p.conditions = s
                .conditions
                .iter()
                .filter(|x| *x != c)
                .cloned()
                .chain(std::iter::once(Condition {
                    kind: "unless".to_string(),
                    text: format!("unless {rest}"),
                    of_subject: false,
                }))
                .collect();
            p
        });
        // "Only book range lanes for people who have completed our course":
        // the act for anyone else is forbidden, as "only if" forbids it.
        let only_for = (leading && only.is_empty() && s.modality != Modality::Prohibition)
            .then_some(s.action.people_clause.as_ref())
            .flatten()
            .and_then(|_| {
                let lower = s.text.to_lowercase();
                let at = [" who ", " whose ", " that "]
                    .iter()
                    .filter_map(|w| lower.find(w))
                    .min()?;
                let people_at = lower[..at].rfind(' ').map_or(0, |k| k + 1);
                let case = s.text.get(people_at..)?.trim_end_matches(['.', '!', ';', ' ']);
                let mut p = s.clone();
                p.reading = Some("\"only\" forbids the act for anyone else".to_string());
                p.modality = Modality::Prohibition;
                p.action.people_clause = None;
                p.action.people_keys.clear();
                p.conditions.push(Condition {
                    kind: "unless".to_string(),
                    text: format!("unless for {case}"),
                    of_subject: false,
                });
                Some(p)
            });
        // "The link must stay hidden": it must not be shown.
        let hidden =
            (matches!(s.action.verbs.as_slice(), [v] if matches!(v.as_str(), "stay" | "remain" | "keep" | "be"))
                && s.action.object_keys == [key("hidden")]
                && s.modality != Modality::Permission)
                .then(|| s.action.subject.clone())
                .flatten()
                .map(|thing| {
                    let mut h = s.clone();
                    h.reading = Some("what must stay hidden must not be shown".to_string());
                    h.action.verbs = vec!["show".to_string()];
                    h.action.written = None;
                    h.action.object_keys = vec![key(&thing)];
                    h.action.subject = None;
                    h.modality = if s.modality == Modality::Obligation {
                        Modality::Prohibition
                    } else {
                        Modality::Obligation
                    };
                    h
                });
        // "Waive the fee" is also "do not charge it", and "never waive it" is
        // "charge it" (a permission to waive stays one: it meets "never waive").
        let opposite = (s.action.verbs == ["waive"] && s.modality != Modality::Permission).then(|| {
            let mut c = s.clone();
            c.reading = Some("to waive a fee is not to charge it".to_string());
            c.action.verbs = vec!["charge".to_string()];
            c.action.written = None;
            c.modality = if s.modality == Modality::Obligation {
                Modality::Prohibition
            } else {
                Modality::Obligation
            };
            c
        });
        // "Leave the warranty terms out of quotes", "omit the cancellation
        // policy": to omit a thing is not to include it, and "never omit it"
        // is to include it. (A permission to omit stays one.)
        let not_included = (s.modality != Modality::Permission
            && matches!(s.action.verbs.as_slice(), [v] if crate::lexicon::verb_class(v) == "omit"
                || (v == "leave" && s.action.object_keys.iter().any(|k| k == "out"))))
        .then(|| {
            let mut c = s.clone();
            c.reading = Some("to omit a thing is not to include it".to_string());
            c.action.verbs = vec!["include".to_string()];
            c.action.written = None;
            // ("warranty terms out of quotes": what follows "out of" is where.)
            if let Some((thing, place)) = s.action.object.split_once(" out of ") {
                let thing: Vec<&str> = thing.split_whitespace().collect();
                let place: Vec<&str> = place.split_whitespace().collect();
                c.action.object_keys = object_keys_of(&thing).0;
                c.action.qualifier_keys.extend(object_keys_of(&place).0);
            } else {
                c.action.object_keys.retain(|k| k != "out");
            }
            c.modality = if s.modality == Modality::Obligation {
                Modality::Prohibition
            } else {
                Modality::Obligation
            };
            c
        });
        // "Every booking request ... must be accepted": to accept every
        // booking is to book whatever is asked for. (Confirming a booking
        // is not: it was made already.)
        let books_anything = (s.modality == Modality::Obligation
            && s.action.verbs.iter().any(|v| matches!(v.as_str(), "accept" | "take"))
            && !s.action.object_keys.is_empty()
            && s.action
                .object_keys
                .iter()
                .all(|k| [key("booking"), key("request"), key("reservation")].contains(k))
            && s.action.object_keys.contains(&key("booking")))
        .then(|| {
            let mut b = s.clone();
            b.reading = Some("to accept every booking is to book what it asks for".to_string());
            b.action.verbs = vec!["book".to_string()];
            b.action.written = None;
            b.action.object_keys.clear();
            b.action.object_items.clear();
            b.action.any_object = true;
            b
        });
        // "Tell the client their search fees will be returned in full": to
        // tell someone a thing will be refunded is to promise it, and the
        // refund is the rule's. (Only obligations: a permission to say so
        // gives nothing.)
        let promised = (s.modality == Modality::Obligation
            && s.action.verbs.len() == 1
            && crate::lexicon::verb_class(&s.action.verbs[0]) == crate::lexicon::verb_class("tell"))
        .then(|| {
            let lower = s.action.object.to_lowercase();
            let (thing, done) = lower.split_once(" will be ")?;
            let participle = done.split_whitespace().next()?;
            let verb = match participle {
                "refunded" | "returned" | "repaid" => "refund",
                "waived" => "waive",
                "replaced" => "replace",
                "cancelled" | "canceled" => "cancel",
                _ => return None,
            };
            let thing: Vec<&str> = thing.split_whitespace().collect();
            let keys = object_keys_of(&thing).0;
            if keys.is_empty() {
                return None;
            }
            let mut p = s.clone();
            p.reading = Some(format!("to tell someone a thing will be {participle} is to {verb} it"));
            p.action.verbs = vec![verb.to_string()];
            p.action.written = None;
            p.action.object_keys = keys;
            p.action.qualifier_keys.clear();
            p.action.object_items.clear();
            Some(p)
        })
        .flatten();
        out.push(s);
        // (Most statements derive nothing: a None is tested, not moved, which
        // `extend` with an `Option` of this large struct would do.)
        macro_rules! push_derived {
            ($($d:ident),*) => {$(
                if let Some(d) = $d {
                    out.push(d);
                }
            )*};
        }
        push_derived!(
            derived,
            not_included,
            promised,
            books_anything,
            only_for,
            opposite,
            hidden
        );
    }
    out
}

/// The case after "even when" or "even if" in a sentence, as far as the
/// clause goes: "when the access track is flagged as flooded".
pub(crate) fn concessive_case(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = ["even when ", "even if "].iter().filter_map(|w| lower.find(w)).min()?;
    let case = &lower[at + "even ".len()..];
    let end = case.find([',', ';', '.', ':', '(']).unwrap_or(case.len());
    let case = case[..end].trim();
    (case.split(' ').count() >= 3).then(|| case.to_string())
}

/// What reading one document's blocks needs, built once per document and
/// shared by the threads that read its chunks.
struct DocumentReader<'a> {
    ws: &'a Workspace,
    pi: usize,
    di: usize,
    doc: &'a Document,
    actors: &'a specc_syntax::normative::Actors,
    /// Clauses by section: a sentence only looks at the few of its own section.
    clauses_of: rustc_hash::FxHashMap<usize, Vec<&'a specc_syntax::Clause>>,
}

impl<'a> DocumentReader<'a> {
    fn new(
        ws: &'a Workspace,
        pi: usize,
        di: usize,
        doc: &'a Document,
        actors: &'a specc_syntax::normative::Actors,
    ) -> Self {
        let mut clauses_of: rustc_hash::FxHashMap<usize, Vec<&specc_syntax::Clause>> = Default::default();
        for c in &doc.clauses {
            if let Some(si) = c.section {
                clauses_of.entry(si).or_default().push(c);
            }
        }
        DocumentReader {
            ws,
            pi,
            di,
            doc,
            actors,
            clauses_of,
        }
    }

    /// The statements of the document's blocks in `blocks`, in order.
    fn read(&self, blocks: std::ops::Range<usize>, out: &mut Vec<Statement>) {
        statements_of_document(self, blocks, out);
    }
}

/// A list item under a lead-in that ends with its case word ("Transfer the
/// chat to a human agent when:"): the item is a case of the lead-in's rule.
struct CaseItem {
    /// "when", "if", "where".
    word: &'static str,
    /// The item's words, lowercased, without its closing punctuation.
    text: String,
    line: usize,
}

/// A text without its clause markers ("[^esc1]"), and at most
/// [`MAX_STATEMENT_TEXT`] bytes of it.
fn strip_footnotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_STATEMENT_TEXT));
    let mut rest = text;
    while let Some(at) = rest.find("[^") {
        out.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let mut end = out.len().min(MAX_STATEMENT_TEXT);
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// Whether a list item opens as a rule of its own ("Never pretend to be a
/// human", "You can offer ...", "Give the number ..."), not as a case that
/// completes a lead-in's "when:" ("you cannot answer after two attempts",
/// "the customer is upset").
fn opens_a_rule(item: &str) -> bool {
    let lower = strip_footnotes(item).to_lowercase();
    // ("If a customer on the register reports no water, you must arrange a
    // delivery", "Before handing over, summarise the issue": a case of its
    // own, then its rule.)
    if let Some((_, after)) = lower.split_once(", ")
        && opens_a_rule_plain(after)
    {
        return true;
    }
    opens_a_rule_plain(&lower)
}

fn opens_a_rule_plain(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    match words.as_slice() {
        ["never" | "always" | "don't" | "only" | "please", ..] => true,
        ["do", "not", ..] => true,
        ["you", "must" | "should" | "may" | "can" | "shall", ..] => true,
        [first, ..] => crate::lexicon::is_imperative_verb(first) && !crate::lexicon::is_people(first),
        [] => false,
    }
}

/// The case word a sentence ends with before its colon ("... when:", "...
/// in any of these cases:"), if any: its list items are cases, not facts.
fn case_lead_word(sentence: &str) -> Option<&'static str> {
    // (Most sentences end with no colon: that test first.)
    if !sentence.trim_end().ends_with(':') {
        return None;
    }
    // ("when[^esc1]:": a clause marker before the colon.)
    let sentence = strip_footnotes(sentence);
    let lower = sentence.trim_end().strip_suffix(':')?.trim_end().to_lowercase();
    let last = lower.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    match last {
        "when" | "whenever" => Some("when"),
        "if" => Some("if"),
        "where" | "wherever" => Some("where"),
        "cases" | "situations" | "circumstances"
            if [
                "in these ",
                "in any of these ",
                "in the following ",
                "in any of the following ",
            ]
            .iter()
            .any(|p| lower.contains(p)) =>
        {
            Some("if")
        }
        _ => None,
    }
}

fn statements_of_document(reader: &DocumentReader<'_>, blocks: std::ops::Range<usize>, out: &mut Vec<Statement>) {
    read_blocks(reader, blocks, out, None);
}

fn read_blocks(
    reader: &DocumentReader<'_>,
    blocks: std::ops::Range<usize>,
    out: &mut Vec<Statement>,
    case: Option<&CaseItem>,
) {
    let DocumentReader {
        ws,
        pi,
        di,
        doc,
        actors,
        ref clauses_of,
    } = *reader;
    let file = ws.sources.file(doc.file);
    let src = file.text.as_str();
    let module = ws.packages[pi].name.clone();
    // Open lead-ins ("The assistant must not:") by block, with their sentence.
    let mut leads: std::collections::HashMap<usize, Option<(LeadIn, String)>> = std::collections::HashMap::new();
    // Lead-in blocks by list item.
    let mut items: std::collections::HashMap<usize, Option<usize>> = std::collections::HashMap::new();
    for (bi, prose) in doc.prose.iter().enumerate().take(blocks.end).skip(blocks.start) {
        if prose.structural || prose.kind == ProseKind::Heading {
            continue;
        }
        let Some(si) = prose.section else { continue };
        let section = &doc.sections[si];
        // Prose under no authority is non-normative (overviews, definitions).
        let Some(authority) = &section.authority else { continue };
        // A list item under an open lead-in is ruled by it even without a modal word.
        // Whether a list item's lead-in has a modal word of its own ("The
        // assistant should use judgment to decide how to treat them:"), or
        // only names things ("Examples of side effects include:").
        // (Read only for the rare item it decides.)
        let mut lead = None;
        // An item under "... when:" is a case of the lead-in's rule: the
        // lead-in is read again for it, with the item as its case.
        if case.is_none() && prose.kind == ProseKind::ListItem {
            let lb = lead_in_of(doc, src, bi, &mut items);
            // (Only where the lead-in rules something and the item does not:
            // "In any of these situations:" over "you must give the crisis
            // number ..." is a list of rules.)
            if let Some(lb) = lb
                && doc.prose[lb].kind != ProseKind::ListItem
                && let Some(word) = src.get(doc.prose[lb].span.range()).and_then(case_lead_word)
                && src
                    .get(doc.prose[lb].span.range())
                    .is_some_and(|lead| has_trigger(lead, actors.names()))
                && !src.get(prose.span.range()).is_some_and(opens_a_rule)
            {
                let raw = src.get(prose.span.range()).unwrap_or_default();
                let mut text = squash(&strip_footnotes(raw)).to_lowercase();
                // (Its first sentence: "..., for example, ..." after it explains.)
                if let Some(end) = text.find(". ") {
                    text.truncate(end);
                }
                loop {
                    let trimmed = text.trim_end_matches(['.', ';', ',', ' ']);
                    let trimmed = trimmed
                        .strip_suffix(" or")
                        .or_else(|| trimmed.strip_suffix(" and"))
                        .unwrap_or(trimmed);
                    if trimmed.len() == text.len() {
                        break;
                    }
                    text = trimmed.to_string();
                }
                if !text.is_empty() {
                    let item = CaseItem {
                        word,
                        text,
                        line: file.lines().line(prose.span.start),
                    };
                    read_blocks(reader, lb..lb + 1, out, Some(&item));
                }
                continue;
            }
        }
        let inherit = if prose.kind == ProseKind::ListItem {
            lead = lead_in_of(doc, src, bi, &mut items);
            lead.and_then(|lb| {
                leads
                    .entry(lb)
                    .or_insert_with(|| open_lead_in(src, &doc.prose[lb], actors.names()))
                    .clone()
            })
        } else {
            None
        };
        // ("When a customer reports a burst pipe:" over bullets of acts: a
        // lead-in that is only a case is the case of each item.)
        let case_lead: Option<String> = lead
            .filter(|_| inherit.is_none())
            .and_then(|lb| src.get(doc.prose[lb].span.range()))
            .map(str::trim)
            .filter(|t| {
                t.ends_with(':')
                    && t.split_whitespace().next().is_some_and(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "when"
                                | "whenever"
                                | "if"
                                | "once"
                                | "after"
                                | "before"
                                | "during"
                                | "while"
                                | "where"
                                | "for"
                        )
                    })
                    && !has_modal_word(t)
            })
            .map(str::to_lowercase);
        // Most prose has no modal word at all: skip it before splitting and normalising.
        if inherit.is_none() && !has_trigger(&src[prose.span.range()], actors.names()) {
            continue;
        }
        let (mask, spans) = block_sentences(src, prose);
        for (n, span) in spans.into_iter().enumerate() {
            // Only an item's first sentence takes the lead-in's modal words.
            let inherit = inherit.as_ref().filter(|_| n == 0);
            if inherit.is_none()
                && !has_trigger(
                    &mask[span.start - prose.span.start..span.end - prose.span.start],
                    actors.names(),
                )
            {
                continue;
            }
            let mut norm = normalize(&mask, prose.span.start, span);
            // "ask the client for: the age of the property, ...": a colon
            // between a preposition and its list does not end the object.
            // (A space for the colon: the text keeps its length and map.)
            // (Most sentences have no colon: one byte search, then none.)
            let colon = memchr::memchr(b':', norm.text.as_bytes()).is_some();
            for lead in [" for: ", " about: "].iter().filter(|_| colon) {
                while let Some(at) = norm.text.find(lead) {
                    let colon = at + lead.len() - 2;
                    norm.text.replace_range(colon..colon + 1, " ");
                }
            }
            // The clause's lead-in is needed to scan; the scan comes before the
            // classifier, which then only reads sentences that state something.
            // The clause whose marker is in the sentence, or whose text (a list item) holds it.
            let near = clauses_of.get(&si).map(Vec::as_slice).unwrap_or_default();
            let clause = near
                .iter()
                .copied()
                .find(|c| span.contains(c.marker.start))
                .or_else(|| {
                    near.iter()
                        .copied()
                        .find(|c| c.text_span.contains(span.start) && c.text_span.end >= span.end)
                });
            let lead_in = clause
                .and_then(|c| c.lead_in.as_deref())
                .or(inherit.map(|(_, text)| text.as_str()))
                .or(case_lead.as_deref());
            let split = words(&norm.text);
            let mut found = scan_split(&norm, &split, lead_in, inherit.map(|(l, _)| l), actors.names()).0;
            // (Most sentences have neither a semicolon nor a dash: one byte search each.)
            let bytes = norm.text.as_bytes();
            if memchr::memchr(b';', bytes).is_some() || specc_syntax::norm::has_spaced_dash(bytes) {
                // (An act the sentence's own scan read already is not read twice.)
                let more: Vec<Extracted> = imperatives_after_semicolons(&norm, lead_in, actors.names())
                    .into_iter()
                    .filter(|y| !found.iter().any(|x| x.action_span == y.action_span))
                    .collect();
                found.extend(more);
            }
            // Explanation around the rules states nothing (issue 15's classifier).
            // A bare imperative of a verb the lexicon knows ("Advise customers to
            // ...", "If a patient calls, rebook them") is a rule even where the
            // classifier's shorter list of imperatives does not have the verb;
            // a list item under a lead-in that rules nothing is no rule.
            // A list item that only names things ("Direct expenditures (e.g.,
            // ticket purchases)" under "Examples of side effects include:")
            // opens with a word that is also a verb, but not one this
            // lexicon knows as a rule's, and has no full stop, and no lead-in that rules it.
            if found.is_empty()
                || (prose.kind == ProseKind::ListItem
                    && inherit.is_none()
                    && !norm.text.trim_end().ends_with(['.', '!', ';'])
                    && !has_modal_word(&norm.text)
                    && !lead.is_some_and(|lb| src.get(doc.prose[lb].span.range()).is_some_and(has_modal_word))
                    && !tokens(&norm.text)
                        .iter()
                        .find(|t| !is_ly_adverb(t.w) && t.w != "only")
                        .is_some_and(|t| crate::lexicon::is_imperative_verb(t.w)))
            {
                continue;
            }
            let reads_as_rule = inherit.is_some()
                || specc_syntax::normative::states_rule_split(&norm.text, &split, actors)
                || (prose.kind != specc_syntax::ProseKind::ListItem && opens_with_imperative(&norm.text))
                || has_present_passive_rule(&norm.text)
                || has_named_habit(&norm.text, actors.names());
            if !reads_as_rule
                || specc_syntax::normative::opens_with_a_name_as_subject(src.get(span.range()).unwrap_or_default())
            {
                continue;
            }
            for mut x in found {
                // ("The assistant never diagnoses ...": a verb, though the
                // lemmatiser reads "diagnoses" as the noun's plural.)
                for v in &mut x.action.verbs {
                    match v.as_str() {
                        "diagnosis" => *v = "diagnose".to_string(),
                        "analysis" => *v = "analyse".to_string(),
                        _ => {}
                    }
                }
                unmask_object(src, &mut x);
                unmask_conditions(src.get(span.range()).unwrap_or_default(), &mut x.conditions);
                // (Its quotation read: "the words "gross misconduct"".)
                used_to_describe(&mut x);
                rather_than(&mut x);
                // The object as written, punctuation and letter case kept, for
                // what `--statements` shows (its keys are read already).
                if let Some(span) = x.object_span
                    && let Some(text) = src.get(balanced(src, with_figure_end(src, span)).range())
                {
                    x.action.object = squash(text);
                }
                // The act as written, when it opens with the statement's own verb.
                if let Some(text) = src.get(balanced(src, with_figure_end(src, x.action_span)).range()) {
                    let written = squash(text);
                    // ("Make a decision" opens with the light verb of "decide".)
                    // ("Carry out an assessment": a light verb of two words.)
                    let mut words = written.split_whitespace();
                    let second = words.clone().nth(1);
                    let opens_with_verb = words.next().is_some_and(|w| {
                        let first = lemma(&w.to_lowercase()).into_owned();
                        x.action.verbs.first().is_some_and(|v| {
                            first == *v
                                || crate::lexicon::is_light_verb(&first)
                                || second.is_some_and(|second| {
                                    crate::lexicon::is_light_verb(&format!("{first} {}", second.to_lowercase()))
                                })
                        })
                    });
                    if opens_with_verb && written.len() > x.action.verbs[0].len() {
                        // "Recommend a frame size" at a sentence's start reads as "recommend ...".
                        let mut chars = written.chars();
                        let written = match (chars.next(), chars.next()) {
                            (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => first
                                .to_lowercase()
                                .chain(written[first.len_utf8()..].chars())
                                .collect(),
                            _ => written,
                        };
                        // "Pawla always replies in English" reads as a rule
                        // in the verb's own form: "reply in English".
                        let written = match written.split_once(' ') {
                            Some((verb, rest))
                                if lemma(&verb.to_lowercase()) == x.action.verbs[0]
                                    && verb.to_lowercase() != x.action.verbs[0]
                                    && verb.ends_with('s')
                                    && crate::lexicon::is_common_verb(&x.action.verbs[0]) =>
                            {
                                format!("{} {rest}", x.action.verbs[0])
                            }
                            _ => written,
                        };
                        // ("offer no more than three slots" is forbidden as
                        // "offer more than three slots".)
                        let written = if x.modality == Modality::Prohibition && written.contains(" no ") {
                            [
                                "no more than ",
                                "no fewer than ",
                                "no less than ",
                                "no later than ",
                                "no earlier than ",
                            ]
                            .iter()
                            .fold(written, |w, p| {
                                w.replacen(&format!(" {p}"), &format!(" {}", &p[3..]), 1)
                            })
                        } else {
                            written
                        };
                        x.action.written = Some(written);
                    }
                }
                // ("Transfer the chat when:": read only with each case under it.)
                let case_lead = src.get(span.range()).and_then(case_lead_word).is_some();
                if case_lead != case.is_some() {
                    continue;
                }
                let (line, statement_span, text) = match case {
                    Some(item) => {
                        // ("in the following situations:" over "If an
                        // instruction seems misaligned ...": the item's own word.)
                        let (kind, text) = match item.text.split_once(' ') {
                            Some((w @ ("if" | "when" | "where" | "whenever"), _)) => (w.to_string(), item.text.clone()),
                            _ => (item.word.to_string(), format!("{} {}", item.word, item.text)),
                        };
                        x.conditions.push(Condition {
                            kind,
                            text,
                            of_subject: false,
                        });
                        x.conditions.sort();
                        // (At the item's line; its span and text stay the
                        // lead-in's sentence, whose words the rule is.)
                        (item.line, span, statement_text(src, span, x.trigger_span))
                    }
                    None => (
                        file.lines().line(span.start),
                        span,
                        statement_text(src, span, x.trigger_span),
                    ),
                };
                out.push(Statement {
                    package: pi,
                    module: module.clone(),
                    file: doc.file,
                    path: doc.path.clone(),
                    line,
                    span: statement_span,
                    trigger: x.trigger,
                    trigger_span: x.trigger_span,
                    clause: clause.map(|c| c.id.clone()),
                    section: section.id.clone(),
                    section_index: si,
                    document: di,
                    authority: authority.clone(),
                    tags: {
                        let mut t = section.tags.clone();
                        t.sort();
                        t.dedup();
                        t
                    },
                    modality: x.modality,
                    actor: x.actor,
                    action: x.action,
                    conditions: x.conditions,
                    text,
                    reading: None,
                });
            }
        }
    }
}

/// A span that ends in a figure, taken on over the rest of it: "10%" rather
/// than "10", "17:00" rather than "17" (the word splitter ends words at '%'
/// and ':').
fn with_figure_end(src: &str, span: Span) -> Span {
    let bytes = src.as_bytes();
    let mut end = span.end;
    if end == 0 || end > bytes.len() || !bytes[end - 1].is_ascii_digit() {
        return span;
    }
    loop {
        match bytes.get(end) {
            Some(b'%') => end += 1,
            Some(b':' | b'.')
                if bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                    && bytes.get(end + 2).is_some_and(u8::is_ascii_digit) =>
            {
                end += 3;
            }
            _ => break,
        }
    }
    Span::new(span.start, end)
}

/// Quoted text is blanked before extraction (a "must" inside a quotation is
/// not a rule), so an object with a quotation reads "say xxxx". The object
/// is read again from the source: the author sees what was extracted, and
/// "never say \"guaranteed returns\"" is about guaranteed returns.
fn unmask_object(src: &str, x: &mut Extracted) {
    let Some(span) = x.object_span else { return };
    if !x.action.object.split_whitespace().any(is_blank) {
        return;
    }
    let Some(text) = src.get(span.range()) else { return };
    let text = squash(text);
    x.action.object = text.clone();
    let lower = text.to_lowercase();
    let words: Vec<&str> = words(&lower).into_iter().map(|(_, _, w)| w).collect();
    let (keys, qualifiers, people) = object_parts(&words);
    x.action.object_keys = keys;
    x.action.qualifier_keys = qualifiers;
    x.action.people_keys = people;
    // ("never state toxic doses or "safe amounts" of any food": a ban on
    // either is a ban on each, the quoted one read now that it has words.)
    // (Up to an "of any ...", which widens both.)
    let head = words
        .windows(2)
        .position(|w| w[0] == "of" && matches!(w[1], "any" | "all" | "every"))
        .unwrap_or(words.len());
    if x.modality == Modality::Prohibition
        && x.action.object_items.is_empty()
        && words[..head].iter().filter(|w| **w == "or").count() == 1
        && let Some(or) = words[..head].iter().position(|w| *w == "or")
    {
        let (a, b) = (object_parts(&words[..or]).0, object_parts(&words[or + 1..]).0);
        if !a.is_empty() && !b.is_empty() {
            x.action.object_items = vec![a, b];
        }
    }
}

/// The quotations in a text as written: between double quotes (straight or
/// curly), or single quotes that open after a space and close before one.
pub(crate) fn quoted_spans(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let before = if i == 0 { ' ' } else { chars[i - 1].1 };
        let after = chars.get(i + 1).map_or(' ', |x| x.1);
        match open {
            None if c == '"' || c == '\u{201c}' || (c == '\'' && !before.is_alphanumeric()) => {
                open = Some((at + c.len_utf8(), c))
            }
            Some((from, o))
                if (o == '"' && c == '"')
                    || (o == '\u{201c}' && c == '\u{201d}')
                    || (o == '\'' && c == '\'' && !after.is_alphanumeric()) =>
            {
                out.push(&text[from..at]);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The quotations of a sentence in its conditions as written: the reader
/// masks quoted text ("when a client says xxxx"), and a condition shown to
/// the author should say what the client says.
fn unmask_conditions(sentence: &str, conditions: &mut [Condition]) {
    // (A blank word may carry the full stop the mask keeps: "xxxx.".)
    let core = |w: &str| w.trim_end_matches(|c: char| c != 'x').to_string();
    if !conditions.iter().any(|c| c.text.split(' ').any(|w| is_blank(&core(w)))) {
        return;
    }
    // What was blanked, each by the length of its blank: a quotation's inside
    // (with or without the full stop that ends it), or a code span whole.
    let mut blanked: Vec<(usize, String)> = Vec::new();
    for q in quoted_spans(sentence) {
        let shown = format!("\"{}\"", q.to_lowercase());
        blanked.push((q.len(), shown.clone()));
        if let Some(bare) = q.strip_suffix('.') {
            blanked.push((bare.len(), format!("\"{}\"", bare.to_lowercase())));
        }
    }
    let mut rest = sentence;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        let code = &rest[open..open + len + 2];
        blanked.push((code.len(), code.to_string()));
        rest = &rest[open + len + 2..];
    }
    for c in conditions.iter_mut() {
        let words: Vec<String> = c
            .text
            .split(' ')
            .map(|w| {
                let x = core(w);
                if !is_blank(&x) {
                    return w.to_string();
                }
                // (The mask keeps the length in bytes.)
                blanked
                    .iter()
                    .find(|(n, _)| *n == x.len())
                    .map_or_else(|| w.to_string(), |(_, shown)| format!("{shown}{}", &w[x.len()..]))
            })
            .collect();
        c.text = words.join(" ");
    }
}

/// The longest text a statement keeps of its sentence. A sentence of a
/// thousand comma-separated rules makes a thousand statements: each keeps
/// the part around its own modal word, so work and memory stay linear.
const MAX_STATEMENT_TEXT: usize = 600;

/// The sentence of a statement, squashed, or for a very long sentence the
/// window of it around the statement's trigger, marked with `…`.
fn statement_text(src: &str, sentence: Span, trigger: Span) -> String {
    if sentence.len() <= MAX_STATEMENT_TEXT {
        return squash(&src[sentence.range()]);
    }
    let mut lo = trigger.start.saturating_sub(MAX_STATEMENT_TEXT / 3).max(sentence.start);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (lo + MAX_STATEMENT_TEXT).min(sentence.end);
    while !src.is_char_boundary(hi) {
        hi -= 1;
    }
    format!(
        "{}{}{}",
        if lo > sentence.start { "… " } else { "" },
        squash(&src[lo..hi]),
        if hi < sentence.end { " …" } else { "" }
    )
}

/// The block that introduces the list a list item is in: the nearest block
/// before it, past its siblings (and their nested items), that ends with a
/// colon and is a paragraph or a less indented item, with only list syntax
/// between them, in the same section.
/// `memo` holds the answers for earlier items, so a long list is walked once.
fn lead_in_of(
    doc: &Document,
    src: &str,
    b: usize,
    memo: &mut std::collections::HashMap<usize, Option<usize>>,
) -> Option<usize> {
    let found = walk_to_lead_in(doc, src, b, memo);
    memo.insert(b, found);
    found
}

fn walk_to_lead_in(
    doc: &Document,
    src: &str,
    b: usize,
    memo: &std::collections::HashMap<usize, Option<usize>>,
) -> Option<usize> {
    let item = &doc.prose[b];
    let indent = |p: &specc_syntax::Prose| {
        let line = src[..p.span.start].rfind('\n').map_or(0, |n| n + 1);
        src[line..p.span.start]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count()
    };
    let ends_with_colon = |p: &specc_syntax::Prose| src[p.span.range()].trim_end().ends_with(':');
    let depth = indent(item);
    let mut next_start = item.span.start;
    for j in (0..b).rev() {
        let p = &doc.prose[j];
        let gap = src.get(p.span.end..next_start)?;
        let list_syntax =
            |c: char| c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')' | '>');
        if p.section != item.section || !gap.chars().all(list_syntax) {
            return None;
        }
        match p.kind {
            ProseKind::ListItem if indent(p) < depth => return ends_with_colon(p).then_some(j),
            // A sibling: the same lead-in.
            ProseKind::ListItem if indent(p) == depth && memo.contains_key(&j) => return memo[&j],
            ProseKind::ListItem => {}
            ProseKind::Paragraph => return (indent(p) <= depth && ends_with_colon(p)).then_some(j),
            _ => return None,
        }
        next_start = p.span.start;
    }
    None
}

/// What a lead-in block rules, when its last sentence ends with a trigger and a
/// colon ("The assistant must not:"), and that sentence's text.
fn open_lead_in(src: &str, prose: &specc_syntax::Prose, names: &[String]) -> Option<(LeadIn, String)> {
    let (mask, spans) = block_sentences(src, prose);
    let span = *spans.last()?;
    if !mask[span.start - prose.span.start..span.end - prose.span.start]
        .trim_end()
        .ends_with(':')
    {
        return None;
    }
    let norm = normalize(&mask, prose.span.start, span);
    let (_, open) = scan(&norm, None, None, names);
    open.map(|l| (l, src[span.range()].to_string()))
}

use specc_syntax::text::squash;

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace of one spec file with `text`.
    fn one_spec(text: &str) -> Workspace {
        let mut sources = specc_diagnostics::SourceMap::new();
        let id = sources.add("spec.md", text);
        Workspace::from_sources(
            std::path::Path::new("."),
            sources,
            vec![(id, specc_syntax::DocumentKind::Spec)],
        )
    }

    /// Each statement of a spec text: its modality, act and cases.
    fn read_in(doc: &str) -> Vec<(Modality, String, Vec<String>)> {
        statements(&one_spec(doc))
            .into_iter()
            .map(|s| {
                (
                    s.modality,
                    s.action.display(),
                    s.conditions.into_iter().map(|c| c.text).collect(),
                )
            })
            .collect()
    }

    proptest::proptest! {
        /// The one-pass test for paired marks changes nothing [`balance_marks`] would.
        #[test]
        fn balanced_spans_are_what_mark_by_mark_balancing_gives(
            src in "[a *_`\"“”]{0,24}",
            a in 0usize..24,
            b in 0usize..24,
        ) {
            let (start, end) = (a.min(b), a.max(b));
            if let (true, true) = (src.is_char_boundary(start.min(src.len())), src.is_char_boundary(end.min(src.len()))) {
                let span = Span::new(start.min(src.len()), end.min(src.len()));
                proptest::prop_assert_eq!(balanced(&src, span), balance_marks(&src, span));
            }
        }
    }

    /// Readings new users' policies needed (a grooming salon, a bike shop):
    /// a condition keeps its own "not" ("if you do not know the answer"),
    /// "Say that ..." is an instruction, a rule after ", so" is read past its
    /// reason, whose the first item of a list is, the others are, and "by
    /// 5pm" after a passive is a time, not the one who acts.
    #[test]
    fn a_new_users_plain_instructions_are_read_whole() {
        let text = "# P {#p}\n\n## A {#a authority=system}\n\n\
            If you do not know the answer, say that Bethan will reply within a day.\n\n\
            Say that the salon is closed on Sundays.\n\n\
            Our products are sold as seen, so never offer refunds.\n\n\
            Never share a customer's address or phone number with other customers.\n\n\
            All hire bikes must be returned by 5pm on the day of hire.\n\n\
            Customers may return the e-bike by 10:00 the next morning.\n";
        let ws = one_spec(text);
        let read = statements_on(&ws, 1);
        let conditions: Vec<&str> = read[0].conditions.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(conditions, ["if you do not know the answer"], "{read:#?}");
        assert_eq!(read[0].action.verbs, ["say"]);
        assert_eq!(read[1].action.verbs, ["say"]);
        assert!(
            read[1].action.object.contains("salon is closed"),
            "{:?}",
            read[1].action
        );
        assert_eq!(
            (read[2].modality, read[2].action.verbs.as_slice()),
            (Modality::Prohibition, &["offer".to_string()][..])
        );
        let items = &read[3].action.object_items;
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items.iter().all(|i| i.contains(&"customer's".to_string())), "{items:?}");
        // ("by 5pm" is when, not who: the passive is still the assistant's rule.)
        assert_eq!(read[4].action.verbs, ["return"], "{read:#?}");
        // (A time keeps its minutes in what `--statements` shows.)
        assert!(read[5].action.object.contains("10:00"), "{:?}", read[5].action);
        assert_eq!(read.len(), 6, "{read:#?}");
    }

    /// What `--statements` shows is the rule as written (issue 14: statements
    /// kept whole): its relative clause, the light verb of a nominalised act,
    /// the why-clause read as a reason, "where" after a telling verb as what
    /// is told, a thing that must "go to" someone as sent, and an imperative
    /// after a semicolon as a rule of its own. No statement comes of a
    /// purpose clause ("so applicants can compare"), of what someone "cannot
    /// reliably" do, or of "do so" (an act named before).
    #[test]
    fn statements_are_shown_as_their_rules_are_written() {
        let text = "# P {#p}\n\n## A {#a authority=system}\n\n\
            Decline to hold seats for customers who have not paid.\n\n\
            The assistant shall not make a recommendation about mortgage products.\n\n\
            Refrain from discussing where civil enforcement officers are patrolling.\n\n\
            Tell the customer where the nearest branch is.\n\n\
            Where a guest is a minor, do not serve alcohol.\n\n\
            Always express repayments as an annual total so applicants can compare lenders.\n\n\
            Never explain why a withdrawal was paused unless compliance has cleared it.\n\n\
            Complaints about interviewers must not go to the admissions director.\n\n\
            Never repeat a full registration in chat; show only the last three characters.\n\n\
            The assistant cannot reliably tell a minor from an adult in a chat window.\n\n\
            The assistant should not do so even if asked casually.\n";
        let ws = one_spec(text);
        let shown: Vec<(String, Vec<String>)> = statements_on(&ws, 1)
            .iter()
            .map(|s| {
                (
                    s.action.display(),
                    s.conditions.iter().map(|c| c.text.clone()).collect(),
                )
            })
            .collect();
        let none = Vec::<String>::new;
        assert_eq!(
            shown,
            vec![
                ("hold seats for customers who have not paid".to_string(), none()),
                ("make a recommendation about mortgage products".to_string(), none()),
                (
                    "discussing where civil enforcement officers are patrolling".to_string(),
                    none()
                ),
                ("tell the customer where the nearest branch is".to_string(), none()),
                (
                    "serve alcohol".to_string(),
                    vec!["where a guest is a minor".to_string()]
                ),
                ("express repayments as an annual total".to_string(), none()),
                (
                    "explain why a withdrawal was paused".to_string(),
                    vec!["unless compliance has cleared it".to_string()]
                ),
                (
                    "send complaints about interviewers to the admissions director".to_string(),
                    none()
                ),
                ("repeat a full registration in chat".to_string(), none()),
                ("show only the last three characters".to_string(), none()),
            ]
        );
    }

    /// The name a spec gives its assistant ("Kerby must ..., Kerby may ...")
    /// makes it the subject of every modal, "may" included; a plural that
    /// opens two rules ("Fees must ... Fees should ...") stays a thing.
    #[test]
    fn the_assistants_name_is_the_assistant() {
        let ws = one_spec(
            "# K {#k}\n\n## Fees {#fees authority=system}\n\n\
             Kerby must never waive a late-return fee.\n\n\
             Kerby may waive a late-return fee of up to 20 pounds for a first late return.\n\n\
             Fees must be disclosed before an account is opened.\n\n\
             Fees should never be brought up in the account-opening flow.\n",
        );
        let read: Vec<(Modality, Option<String>, Vec<String>)> = statements_on(&ws, 1)
            .iter()
            .filter(|s| s.reading.is_none())
            .map(|s| (s.modality, s.action.subject.clone(), s.action.verbs.clone()))
            .collect();
        assert_eq!(
            read,
            vec![
                (Modality::Prohibition, None, vec!["waive".to_string()]),
                (Modality::Permission, None, vec!["waive".to_string()]),
                (Modality::Obligation, None, vec!["disclose".to_string()]),
                (Modality::Prohibition, None, vec!["bring up".to_string()]),
            ]
        );
    }

    /// A large document is read in chunks on two threads; its statements
    /// must be those of one thread reading it whole, in the same order,
    /// lists under lead-ins that cross chunk boundaries included.
    #[test]
    fn two_threads_read_a_large_document_as_one_does() {
        let mut text = String::from("# Policy {#policy}\n\n");
        for i in 0..60 {
            text.push_str(&format!(
                "## Rule {i} {{#rule-{i} authority=system}}\n\nThe assistant must never reveal the code {i}.\n\n\
                 Some context that states nothing about item {i}.\n\nThe assistant must not:\n\n\
                 - share the balance of account {i}\n- quote a fee of {i} dollars\n  - nested detail {i}\n\
                 - promise a refund\n\nIf a customer asks about plan {i}, recommend the basic plan.\n\n\
                 Kerby may waive fee {i} once.\n\n"
            ));
        }
        let ws = one_spec(&text);
        assert!(
            ws.packages[0].documents[0].prose.len() >= 256,
            "the document must take the two-thread path"
        );
        let one = serde_json::to_string(&statements_on(&ws, 1)).unwrap();
        let two = serde_json::to_string(&statements_on(&ws, 2)).unwrap();
        assert!(one.matches("\"modality\"").count() >= 300, "{one}");
        // The name learned from both halves: "Kerby may" is the assistant's permission.
        assert!(one.matches("\"permission\"").count() >= 60, "{one}");
        assert_eq!(one, two);
    }

    /// "the spa, the gym or the rooftop pool": a list whose last item has
    /// no comma before its "or" is read whole, each item kept (issue 14:
    /// statements kept whole; it was cut at the first comma).
    #[test]
    fn a_list_without_a_comma_before_its_last_item_is_kept_whole() {
        for (s, object, items) in [
            (
                "Do not quote prices for the spa, the gym or the rooftop pool.",
                "prices for the spa, the gym or the rooftop pool",
                3,
            ),
            (
                "Always offer rebooking, a hotel voucher and a full refund.",
                "rebooking, a hotel voucher and a full refund",
                3,
            ),
            (
                "Always offer rebooking, a hotel voucher, and a full refund.",
                "rebooking, a hotel voucher, and a full refund",
                3,
            ),
        ] {
            let n = normalize(s, 0, Span::new(0, s.len()));
            let x = extract(&n, None);
            assert_eq!(x.len(), 1, "{s}");
            // (The object's words here; the sentence's own text, commas and
            // all, is put in by the reader of the document.)
            assert_eq!(x[0].action.object, object.replace(',', ""), "{s}");
            assert_eq!(
                x[0].action.object_items.len(),
                items,
                "{s}: {:?}",
                x[0].action.object_items
            );
        }
    }

    fn ex(s: &str) -> Vec<(Modality, Actor, String, Vec<String>)> {
        let n = normalize(s, 0, Span::new(0, s.len()));
        extract(&n, None)
            .into_iter()
            .map(|x| {
                (
                    x.modality,
                    x.actor,
                    x.action.display(),
                    x.conditions.into_iter().map(|c| c.text).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn people_given_or_told_something_in_the_passive_are_who_the_act_is_for() {
        let one = |s: &str| {
            let n = normalize(s, 0, Span::new(0, s.len()));
            let x = extract(&n, None);
            assert_eq!(x.len(), 1, "{s}");
            let a = &x[0].action;
            (
                x[0].modality,
                a.display(),
                a.object_keys.clone(),
                a.people_keys.clone(),
                a.people_clause.clone(),
            )
        };
        let (m, shown, keys, people, clause) = one("Members on the waiting list may be told which plots are vacant.");
        assert_eq!(m, Modality::Permission);
        assert_eq!(shown, "tell members on the waiting list which plots are vacant");
        assert_eq!(
            (keys, people),
            (vec!["plot".to_string(), "vacant".into()], vec!["member".to_string()])
        );
        assert_eq!(clause.as_deref(), Some("list wait"));
        let (m, shown, _, _, clause) = one("Returning guests are to be given a late checkout.");
        assert_eq!(
            (m, shown.as_str()),
            (Modality::Obligation, "give returning guests a late checkout")
        );
        assert_eq!(clause.as_deref(), Some("return"));
        // A noun before the people's is no people ("beginner lessons").
        let (m, shown, ..) = one("Beginner lessons are to be booked for any adult who asks.");
        assert_eq!(
            (m, shown.as_str()),
            (Modality::Obligation, "book beginner lessons for any adult")
        );
        // A thing given is what the act is done to, as before.
        let (_, shown, ..) = one("Refunds must be given within 5 days.");
        assert_eq!(shown, "give refunds within 5 days");
    }

    #[test]
    fn a_modal_word_after_and_ends_the_object() {
        let x = ex("The assistant must answer customer questions and can make bookings.");
        assert_eq!(x[0].2, "answer customer questions");
    }

    #[test]
    fn a_passive_act_written_as_a_noun_is_about_its_phrase() {
        let s = "Refunds are never issued for purchased tickets.";
        let x = extract(&normalize(s, 0, Span::new(0, s.len())), None);
        assert_eq!(x[0].action.verbs, ["refund"]);
        assert_eq!(x[0].action.object_keys, ["purchas", "ticket"]);
        assert_eq!(x[0].action.display(), "issue refunds for purchased tickets");
        // "Refund any customer who asks": whatever is theirs.
        let s = "Refund any customer who asks.";
        let x = extract(&normalize(s, 0, Span::new(0, s.len())), None);
        assert!(x[0].action.any_object);
    }

    #[test]
    fn a_second_predicate_of_the_subject_ends_a_price() {
        let acts: Vec<String> = ex("Deposits are £150 and are taken by card, never in the chat window.")
            .into_iter()
            .map(|(_, _, a, _)| a)
            .collect();
        assert_eq!(acts, ["price: deposits £150"]);
    }

    #[test]
    fn a_particle_after_the_object_is_the_verbs() {
        let s = "Put two photos from every ceremony up on our page.";
        let x = extract(&normalize(s, 0, Span::new(0, s.len())), None);
        assert_eq!(x[0].action.verbs, ["put up"]);
        assert!(
            !x[0].action.object_keys.contains(&"up".to_string()),
            "{:?}",
            x[0].action.object_keys
        );
        // A particle that makes no phrasal verb the lexicon knows stays a word.
        let s = "Hand the form back to the customer.";
        let x = extract(&normalize(s, 0, Span::new(0, s.len())), None);
        assert_eq!(x[0].action.verbs, ["hand"]);
    }

    #[test]
    fn fine_for_someone_to_act_is_their_permission() {
        let read = |s: &str| -> Vec<(Modality, String)> { ex(s).into_iter().map(|(m, _, a, _)| (m, a)).collect() };
        assert_eq!(
            read("It's fine for the assistant to confirm the date."),
            [(Modality::Permission, "confirm the date".to_string())]
        );
        assert_eq!(
            read("It is not acceptable for the assistant to share a caller's address."),
            [(Modality::Prohibition, "share a caller's address".to_string())]
        );
        // "fine for now", with no "to": no act.
        assert!(read("The fee is fine for now.").is_empty());
    }

    #[test]
    fn a_duty_named_as_a_noun_is_an_obligation() {
        let read =
            |s: &str| -> Vec<(Modality, Actor, String)> { ex(s).into_iter().map(|(m, a, x, _)| (m, a, x)).collect() };
        let must = |act: &str| vec![(Modality::Obligation, Actor::Assistant, act.to_string())];
        assert_eq!(
            read("The assistant is responsible for confirming the delivery address."),
            must("confirm the delivery address")
        );
        assert_eq!(
            read("The assistant is in charge of booking the courier."),
            must("book the courier")
        );
        assert_eq!(
            read("It is the assistant's job to confirm the delivery address."),
            must("confirm the delivery address")
        );
        assert_eq!(
            read("It's your responsibility to tell customers about the fee."),
            must("tell customers about the fee")
        );
        assert_eq!(
            read("It is up to the assistant to confirm the delivery address."),
            must("confirm the delivery address")
        );
        // No act, or no duty: no statement.
        assert!(read("The assistant is responsible for the accuracy of its quotes.").is_empty());
        assert!(read("Deliveries of up to 20 kg are free.").is_empty());
        assert!(read("It is a big job to move a piano.").is_empty());
        // A duty denied is no obligation (and, here, no statement).
        assert!(read("It is not the assistant's job to confirm the delivery address.").is_empty());
        assert!(read("It is not up to the assistant to confirm the delivery address.").is_empty());
    }

    #[test]
    fn steering_clear_holding_back_and_making_a_point_of() {
        let read = |s: &str| -> Vec<(Modality, String)> { ex(s).into_iter().map(|(m, _, a, _)| (m, a)).collect() };
        let one = |m: Modality, act: &str| vec![(m, act.to_string())];
        assert_eq!(
            read("Steer clear of quoting prices for bespoke pieces."),
            one(Modality::Prohibition, "quote prices for bespoke pieces")
        );
        assert_eq!(
            read("The assistant should hold back from naming the donor."),
            one(Modality::Prohibition, "name the donor")
        );
        assert_eq!(
            read("Make a point of telling every caller about the parking charge."),
            one(Modality::Obligation, "tell every caller about the parking charge")
        );
        assert_eq!(
            read("It's not our place to judge a donor's reasons."),
            one(Modality::Prohibition, "judge a donor's reasons")
        );
        // Not a rule: whose place it is, or a place to go.
        assert!(read("The lido is a great place to swim.").is_empty());
    }

    #[test]
    fn straight_away_says_when_not_what() {
        let (keys, _, _) = object_parts(&["the", "session", "right", "away"]);
        assert_eq!(keys, ["session"]);
        let (keys, _, _) = object_parts(&["the", "order", "straight", "away"]);
        assert_eq!(keys, ["order"]);
        // "what a repair will cost": the modal is no thing; "a will" is one.
        let (keys, _, _) = object_parts(&["what", "a", "repair", "will", "cost"]);
        assert!(!keys.contains(&"will".to_string()), "{keys:?}");
        let (keys, _, _) = object_parts(&["their", "will"]);
        assert_eq!(keys, ["will"]);
    }

    #[test]
    fn a_second_act_after_and_is_a_statement_of_its_own() {
        let acts = |s: &str| -> Vec<String> { ex(s).into_iter().map(|(_, _, a, _)| a).collect() };
        assert_eq!(
            acts("When a family asks for a date, book the slot straight away and chase the paperwork afterwards."),
            ["book the slot straight away", "chase the paperwork afterwards"]
        );
        // Two verbs of one object, and a list of things, stay one act.
        assert_eq!(
            acts("Always understand and follow the user's intent."),
            ["understand/follow the user's intent"]
        );
        assert_eq!(
            acts("Always offer a refund and a voucher."),
            ["offer a refund and a voucher"]
        );
    }

    #[test]
    fn a_contrast_after_an_obligation_forbids_what_it_names() {
        let acts = |s: &str| -> Vec<(Modality, String)> { ex(s).into_iter().map(|(m, _, a, _)| (m, a)).collect() };
        for (sentence, must, must_not) in [
            (
                "Refer patients to the pharmacist, not the GP.",
                "refer patients to the pharmacist",
                "refer patients to the gp",
            ),
            (
                "Call me Dr Okafor, not by my first name.",
                "call me dr okafor",
                "call by my first name",
            ),
            (
                "Express sizes in watts, never kilowatts, to avoid confusion.",
                "express sizes in watts",
                "express sizes in kilowatts",
            ),
            (
                "Book a private lesson on a quiet horse - never a group lesson.",
                "book a private lesson on a quiet horse",
                "book a group lesson",
            ),
            // (A plural that is also a verb's third person: with no subject, a thing.)
            (
                "Write your replies as short paragraphs, never lists.",
                "write your replies as short paragraphs",
                "write your replies as lists",
            ),
        ] {
            assert_eq!(
                acts(sentence),
                [
                    (Modality::Obligation, must.to_string()),
                    (Modality::Prohibition, must_not.to_string())
                ],
                "{sentence}"
            );
        }
        // Not a contrast of things, or not after an obligation.
        assert_eq!(acts("Be helpful, not only polite.").len(), 1);
        assert_eq!(acts("Answer briefly, not because time is short.").len(), 1);
        assert_eq!(acts("You may reply in English, not French.").len(), 1);
    }

    #[test]
    fn a_subjects_head_comes_before_its_preposition() {
        let n = normalize(
            "Each explanation of a fee must be at least 300 words long.",
            0,
            Span::new(0, 58),
        );
        let x = extract(&n, None);
        assert_eq!(x[0].action.subject.as_deref(), Some("explanation"));
        let s = "Summaries sent to the attorney must be in bullet points.";
        let x = extract(&normalize(s, 0, Span::new(0, s.len())), None);
        assert_eq!(x[0].action.subject.as_deref(), Some("summary"));
    }

    #[test]
    fn a_present_tense_passive_with_never_or_always_is_a_rule() {
        assert_eq!(
            ex("Late fees are never waived by the assistant."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "waive late fees".into(),
                vec![]
            )]
        );
        assert_eq!(
            ex("Same-day cancellations are always billed the cancellation fee."),
            vec![(
                Modality::Obligation,
                Actor::Assistant,
                "bill same-day cancellations the cancellation fee".into(),
                vec![]
            )]
        );
        // Without the adverb it describes; by someone else it is their act.
        assert!(ex("Fees are listed in the schedule.").is_empty());
        assert!(ex("Advisories are always issued by the county health department.").is_empty());
        assert!(has_present_passive_rule("late fees are never waived"));
        assert!(!has_present_passive_rule("fees are listed in the schedule"));
    }

    #[test]
    fn including_no_links_is_not_including_them() {
        let x = ex("When writing to rejected applicants, include no links of any kind.");
        assert_eq!(x[0].0, Modality::Prohibition);
        assert!(x[0].2.starts_with("include links"), "{x:?}");
        let x = ex("Replies must contain no links at all.");
        assert_eq!(x[0].0, Modality::Prohibition);
        assert!(x[0].2.starts_with("include links"), "{x:?}");
    }

    #[test]
    fn a_second_verb_after_or_ends_the_object() {
        assert_eq!(
            ex("The assistant must never waive the city tax or promise that it will be waived.")[0].2,
            "waive the city tax"
        );
        assert_eq!(ex("Never mention fees or charges.")[0].2, "mention fees or charges");
    }

    #[test]
    fn over_a_channel_is_no_bound() {
        let qualifiers = |s: &str| {
            let n = normalize(s, 0, Span::new(0, s.len()));
            extract(&n, None)
                .into_iter()
                .flat_map(|x| x.action.qualifier_keys.into_iter().chain(x.action.object_keys))
                .collect::<Vec<_>>()
        };
        let chat = qualifiers("Decline to discuss embalming prices over chat.");
        assert!(!chat.iter().any(|k| k == "over"), "{chat:?}");
        let bound = qualifiers("Never discuss orders over $500 by phone.");
        assert!(bound.iter().any(|k| k == "over"), "{bound:?}");
    }

    #[test]
    fn a_noun_before_a_nominalised_act_is_its_object() {
        let x = ex("The assistant may not make dosage recommendations.");
        assert_eq!(x[0].2, "recommend dosage");
        // An adjective narrows the act instead.
        let x = ex("The assistant must not give medical advice.");
        assert_eq!(x[0].2, "give medical advice");
    }

    #[test]
    fn the_assistant_itself_is_not_what_it_acts_on() {
        let n = normalize("The assistant must never approve refills itself.", 0, Span::new(0, 48));
        let x = extract(&n, None);
        assert_eq!(x[0].action.object_keys, vec![key("refill")]);
    }

    #[test]
    fn a_relative_clause_keeps_its_own_cannot() {
        let s = "The assistant must not book a collection for anyone who cannot bring photo ID.";
        let n = normalize(s, 0, Span::new(0, s.len()));
        let found = extract(&n, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].modality, Modality::Prohibition);
        let clause = found[0].action.people_clause.clone().unwrap_or_default();
        assert!(
            clause.split(' ').any(|w| w == "not") && clause.contains("bring"),
            "{clause}"
        );
    }

    /// "If a caller cannot leave the vehicle safely, ...": the "cannot" of
    /// the case's own subject is the case's, which was cut before it (the
    /// situation a finding names read "if a caller"); the Model Spec's "if an
    /// instruction cannot be fulfilled" is read whole too. A case at the head
    /// of the sentence with "within" or "outside" is a case, and a long one
    /// keeps its last words ("in the last 6 months").
    #[test]
    fn a_case_keeps_its_own_cannot_and_its_last_words() {
        for (s, case) in [
            (
                "If a caller on a motorway cannot leave the vehicle safely, tell them to stay inside.",
                "if a caller on a motorway cannot leave the vehicle safely",
            ),
            (
                "If an instruction cannot be fulfilled, the assistant should be explicit about this.",
                "if an instruction cannot be fulfilled",
            ),
            (
                "Within 30 days of purchase, the assistant may accept returns of unopened food.",
                "within 30 days of purchase",
            ),
            ("Outside those hours, do not offer a handover.", "outside those hours"),
            (
                "If a member's pet was examined by one of our vets in the last 6 months, the assistant can approve the repeat prescription.",
                "if a member's pet was examined by one of our vets in the last 6 months",
            ),
        ] {
            let n = normalize(s, 0, Span::new(0, s.len()));
            let found = extract(&n, None);
            assert!(!found.is_empty(), "{s}");
            let cases: Vec<&str> = found[0].conditions.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(cases, [case], "{s}");
        }
        // (The rule's own "cannot" stays the rule's.)
        let s = "If the customer asks, the assistant cannot quote a price.";
        let n = normalize(s, 0, Span::new(0, s.len()));
        let found = extract(&n, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].modality, Modality::Prohibition);
    }

    /// From a vet clinic's policy, rules that were read in part or not at
    /// all: a list of acts on one object, an aside right after the verb, an
    /// imperative joined to "and do not ...", days that open a case, "Take"
    /// as a house's act, and a name whose first word is a verb too.
    #[test]
    fn a_new_users_house_rules_are_read_whole() {
        let doc = "# Clinic {#clinic}\n\n## Rules {#rules authority=system}\n\n\
            The assistant may book, move or cancel routine appointments in the booking system.\n\n\
            The assistant may explain, in general terms, what a diagnosis means.\n\n\
            Pass the request to the practice manager and do not delete anything yourself.\n\n\
            Monday to Friday 8:00-19:00, tell the customer to bring the pet straight to the clinic.\n\n\
            Take payment before the collection.\n\n\
            Pet Health Club is our monthly plan.\n";
        let read = read_in(doc);
        let none: Vec<String> = Vec::new();
        assert_eq!(
            read,
            [
                (
                    Modality::Permission,
                    "book, move or cancel routine appointments in the booking system".to_string(),
                    none.clone()
                ),
                (
                    Modality::Permission,
                    "explain, in general terms, what a diagnosis means".to_string(),
                    none.clone()
                ),
                (
                    Modality::Obligation,
                    "pass the request to the practice manager".to_string(),
                    none.clone()
                ),
                (
                    Modality::Prohibition,
                    "delete anything yourself".to_string(),
                    none.clone()
                ),
                (
                    Modality::Obligation,
                    "tell the customer to bring the pet straight to the clinic".to_string(),
                    vec!["monday to friday 8:00-19:00".to_string()]
                ),
                (
                    Modality::Obligation,
                    "take payment".to_string(),
                    vec!["before the collection".to_string()]
                ),
            ]
        );
        let verbs: Vec<Vec<String>> = statements(&one_spec(doc))
            .into_iter()
            .map(|s| s.action.verbs)
            .take(1)
            .collect();
        assert_eq!(verbs, [["book", "move", "cancel"]]);
    }

    /// From a car rental policy: a modal word in what is told ("Tell
    /// customers that vehicles must be returned full", "say what you can
    /// help with") is no rule of the assistant's; an imperative after a
    /// case joined to "and do not ..." keeps the assistant as the one who
    /// must not; "can look up a booking" is an act, not a possibility.
    #[test]
    fn what_is_told_is_no_rule_and_a_joined_ban_is_the_assistants() {
        assert_eq!(
            acts("Tell customers that petrol vehicles are supplied full and must be returned full."),
            [(
                Modality::Obligation,
                "tell that petrol vehicles are supplied full and must be returned full".to_string()
            )]
        );
        assert!(
            acts("Decline unrelated requests and say what you can help with instead.")
                .iter()
                .all(|(m, _)| *m != Modality::Permission)
        );
        let read = ex(
            "If a customer asks for a copy of their data, direct them to the privacy team and do not send any personal data through chat.",
        );
        assert_eq!(read.len(), 2, "{read:?}");
        assert_eq!((read[1].0, read[1].1), (Modality::Prohibition, Actor::Assistant));
        assert_eq!(read[1].2, "send any personal data through chat");
        assert_eq!(
            acts("The assistant can look up a booking only after the customer has given the reference.")[0],
            (Modality::Permission, "look up a booking".to_string())
        );
        assert!(acts("The page may look odd on a phone.").is_empty());
    }

    /// (A participle with a bound in the subject is the rule's case: the
    /// claims are accepted nowhere in it.)
    /// From a dental practice's policy: "no more than" in a ban is shown as
    /// what is forbidden, a list of verb phrases joined by "or" belongs to
    /// the case before the rule's act, and "Out of hours (...)" is a case.
    #[test]
    fn a_dental_practices_rules_are_read_as_meant() {
        let doc = "# Practice {#practice}\n\n## Rules {#rules authority=system}\n\n\
            Offer no more than three appointment slots at a time.\n\n\
            If a patient mentions that they are pregnant, take blood thinners or have a heart condition, add a note to their record.\n\n\
            Out of hours (evenings, weekends and bank holidays), tell patients with urgent problems to call NHS 111.\n";
        let read = read_in(doc);
        assert_eq!(read.len(), 3, "{read:?}");
        assert_eq!(read[0].0, Modality::Prohibition);
        assert_eq!(read[0].1, "offer more than three appointment slots at a time");
        assert_eq!(read[1].1, "add a note to their record");
        assert_eq!(read[2].1, "tell patients with urgent problems to call NHS 111");
        assert_eq!(read[2].2, ["out of hours"]);
    }

    #[test]
    fn a_condition_word_inside_the_subject_is_part_of_it() {
        assert_eq!(
            ex("Claims filed more than 90 days after the incident must be rejected by the triage assistant."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "accept claims".into(),
                vec!["if filed more than 90 days after the incident".into()]
            )]
        );
        // Rejecting at the end of the sentence is still not accepting.
        assert_eq!(ex("Claims filed late must be rejected.")[0].0, Modality::Prohibition);
    }

    #[test]
    fn a_modal_in_a_later_clause_leaves_the_imperative_its_statement() {
        assert_eq!(
            ex("Wait at least 48 hours before replying to a customer email, so the warehouse can check stock."),
            vec![(
                Modality::Obligation,
                Actor::Assistant,
                "wait at least 48 hours".into(),
                vec!["before replying to a customer email".into()]
            )]
        );
    }

    #[test]
    fn a_modal_in_a_purpose_clause_or_a_condition_rules_nothing() {
        assert_eq!(
            ex("Hold replies to fee enquiries for three days so the finance team can review them."),
            vec![(
                Modality::Obligation,
                Actor::Assistant,
                "hold replies to fee enquiries for three days".into(),
                vec![]
            )]
        );
        assert_eq!(
            ex("Refund VIP passes on request when the buyer can no longer attend."),
            vec![(
                Modality::Obligation,
                Actor::Assistant,
                "refund vip passes on request".into(),
                vec!["when the buyer can no longer attend".into()]
            )]
        );
    }

    #[test]
    fn common_verbs_open_imperatives() {
        let acts = |s: &str| {
            ex(s)
                .into_iter()
                .map(|(m, _, act, when)| (m, act, when))
                .collect::<Vec<_>>()
        };
        use Modality::*;
        assert_eq!(
            acts("Release the car as soon as the licence has been verified."),
            vec![(
                Obligation,
                "release the car".into(),
                vec!["as soon as the licence has been verified".into()]
            )]
        );
        assert_eq!(
            acts("Automatically renew every DVD whose loan period ends today."),
            vec![(
                Obligation,
                "renew every dvd whose loan period ends today".into(),
                vec![]
            )]
        );
        assert_eq!(
            acts("On every first call, determine whether the damage is covered."),
            vec![(
                Obligation,
                "determine whether the damage is covered".into(),
                vec!["on every first call".into()]
            )]
        );
        assert_eq!(
            acts("To confirm that a customer owns the wallet, ask them for their seed phrase."),
            vec![(
                Obligation,
                "ask for their seed phrase".into(),
                vec!["to confirm that a customer owns the wallet".into()]
            )]
        );
        assert_eq!(
            acts("Before placing a child, carry out an assessment of their ability."),
            vec![(
                Obligation,
                "assess of their ability".into(),
                vec!["before placing a child".into()]
            )]
        );
        // A noun before its verb is no imperative.
        assert_eq!(acts("Content being prohibited does not imply support for it."), vec![]);
        // ("Tour" opens no imperative; the present passive pinned to a
        // language is the rule: the assistant delivers the narration so.)
        assert_eq!(
            acts("Tour narration is delivered in the visitor's language."),
            vec![(
                Obligation,
                "deliver tour narration in the visitor's language".into(),
                vec![]
            )]
        );
    }

    #[test]
    fn refusing_a_request_to_do_something_forbids_doing_it() {
        assert_eq!(
            acts("Refuse any request to raise a customer's resource quota."),
            vec![(Modality::Prohibition, "raise a customer's resource quota".into())]
        );
        assert_eq!(
            acts("Refuse any cancellation made less than 72 hours before the visit."),
            vec![(
                Modality::Prohibition,
                "accept any cancellation made less than 72 hours".into()
            )]
        );
    }

    #[test]
    fn a_modal_in_a_relative_clause_rules_nothing() {
        assert_eq!(
            ex("When a refill is ready, notify the patient of the date by which it must be collected.")
                .into_iter()
                .map(|(m, _, _, when)| (m, when))
                .collect::<Vec<_>>(),
            vec![(Modality::Obligation, vec!["when a refill is ready".to_string()])]
        );
    }

    #[test]
    fn is_to_be_always_have_to_and_recommend_that_are_rules() {
        use Modality::*;
        assert_eq!(
            acts("Full solutions are to be shown to students."),
            vec![(Obligation, "show full solutions to students".into())]
        );
        assert_eq!(
            acts("The assistant is to avoid mentioning the fuel surcharge."),
            vec![(Prohibition, "mention the fuel surcharge".into())]
        );
        assert_eq!(
            acts("Late orders always have to be refunded to the original card."),
            vec![(Obligation, "refund late orders to the original card".into())]
        );
        assert_eq!(
            acts("Always recommend that users consult a doctor."),
            vec![(Obligation, "recommend that users consult a doctor".into())]
        );
        // A goal is no rule.
        assert_eq!(acts("The goal is to help users find answers."), vec![]);
    }

    #[test]
    fn a_relative_clause_with_its_own_verb_ends_before_the_modal_word() {
        assert_eq!(
            ex("Customers who are in arrears must not be offered a new contract.")
                .into_iter()
                .map(|(m, _, act, _)| (m, act))
                .collect::<Vec<_>>(),
            vec![(Modality::Prohibition, "offer customers a new contract".into())]
        );
        // A modal word in a question inside the relative clause is the question's.
        assert!(
            ex("It should give advice that is common knowledge without detailing what the advice should be used for.")
                .iter()
                .all(|(_, _, act, _)| !act.contains("used for"))
        );
    }

    /// Each statement's modality and act as shown.
    fn acts(s: &str) -> Vec<(Modality, String)> {
        ex(s).into_iter().map(|(m, _, act, _)| (m, act)).collect()
    }

    /// Each statement's modality and act, with the assistant's name given.
    fn acts_named(s: &str, name: &str) -> Vec<(Modality, String)> {
        let n = normalize(s, 0, Span::new(0, s.len()));
        scan(&n, None, None, &[name.to_string()])
            .0
            .into_iter()
            .map(|x| (x.modality, x.action.display()))
            .collect()
    }

    /// The first statement's verbs and object keys.
    fn verbs_and_object(s: &str) -> (Vec<String>, Vec<String>) {
        let n = normalize(s, 0, Span::new(0, s.len()));
        let x = extract(&n, None).remove(0);
        (x.action.verbs, x.action.object_keys)
    }

    #[test]
    fn letting_someone_know_is_telling_and_a_compound_is_its_words() {
        assert_eq!(
            verbs_and_object("Let the member know the early-termination fee."),
            (
                vec!["tell".to_string()],
                vec![key("early"), key("fee"), key("termination")]
            )
        );
        assert_eq!(
            verbs_and_object("Make a filing-status determination."),
            (vec!["determine".to_string()], vec![key("filing"), key("status")])
        );
        // The people given a nominalised act come before it.
        assert_eq!(
            verbs_and_object("Give the owner a price estimate."),
            (vec!["estimate".to_string()], vec![key("price")])
        );
    }

    #[test]
    fn what_a_recommendation_is_about_is_in_the_clause_after_it() {
        assert_eq!(
            verbs_and_object("Never make a recommendation about which mortgage product a customer should choose."),
            (vec!["recommend".to_string()], vec![key("mortgage"), key("product")])
        );
        assert_eq!(
            verbs_and_object("Give callers advice on whether to sign a settlement."),
            (vec!["advise".to_string()], vec![key("settlement"), key("sign")])
        );
        // (A trial, 2026-12-08: "them" took the case's words for its own.)
        assert_eq!(
            verbs_and_object("When a student asks about their visa, advise them on their pension options."),
            (vec!["advise".to_string()], vec![key("option"), key("pension")])
        );
        // (A trial, 2026-12-08: "give legal advice about" lost its clause.)
        assert_eq!(
            acts("The assistant must not give legal advice about whether a caller should appeal to the tribunal."),
            vec![(
                Modality::Prohibition,
                "give legal advice about whether a caller should appeal to the tribunal".to_string()
            )]
        );
        assert_eq!(
            verbs_and_object("Recommend whichever option has the lower cost."),
            (vec!["recommend".to_string()], vec![key("option")])
        );
    }

    #[test]
    fn the_assistant_by_name_or_role_in_the_present_tense_is_ruled() {
        let read = |s: &str| acts_named(s, "cinebot");
        assert_eq!(
            read("Cinebot never reveals the plot of a film."),
            vec![(Modality::Prohibition, "reveal the plot of a film".to_string())]
        );
        assert_eq!(
            read("The bot always confirms the booking by email."),
            vec![(Modality::Obligation, "confirm the booking by email".to_string())]
        );
        // Someone else's habit is no rule of the assistant's.
        assert!(read("Our trainers never skip the warm-up.").is_empty());
    }

    #[test]
    fn a_case_with_no_comma_a_named_is_to_and_people_acted_on_in_a_case_are_read() {
        use Modality::*;
        let read = |s: &str| {
            let n = normalize(s, 0, Span::new(0, s.len()));
            scan(&n, None, None, &["concierge".to_string()])
                .0
                .into_iter()
                .map(|x| {
                    let when: Vec<String> = x.conditions.into_iter().map(|c| c.text).collect();
                    (x.modality, x.action.display(), when)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("During conference weeks the assistant must not grant late checkout."),
            vec![(
                Prohibition,
                "grant late checkout".into(),
                vec!["during conference weeks".into()]
            )]
        );
        assert_eq!(
            read("During conference weeks Concierge must not grant late checkout."),
            vec![(
                Prohibition,
                "grant late checkout".into(),
                vec!["during conference weeks".into()]
            )]
        );
        assert_eq!(
            read("Concierge is to make a reservation at a partner restaurant."),
            vec![(Obligation, "reserve at a partner restaurant".into(), vec![])]
        );
        // "The goal is to help" is still no rule.
        assert_eq!(read("The goal is to help guests."), vec![]);
        assert_eq!(
            read("Refund customers when their order is cancelled."),
            vec![(
                Obligation,
                "refund customers".into(),
                vec!["when their order is cancelled".into()]
            )]
        );
        // What others may do, in a clause after a comma, is no rule; the
        // exception before it is the prohibition's.
        assert_eq!(
            read("Do not sell glazes to anyone who isn't enrolled, except the starter kit, which anyone may buy."),
            vec![(
                Prohibition,
                "sell glazes to anyone".into(),
                vec!["except the starter kit".into()]
            )]
        );
    }

    #[test]
    fn the_assistants_present_tense_a_request_and_a_clause_told_without_that_are_read() {
        use Modality::*;
        let read = |s: &str| acts_named(s, "inkbot");
        assert_eq!(
            read("Inkbot does not recommend aftercare products."),
            vec![(Prohibition, "recommend aftercare products".into())]
        );
        assert_eq!(
            read("The assistant declines to extend a wash cycle remotely."),
            vec![(Prohibition, "extend a wash cycle remotely".into())]
        );
        assert_eq!(
            read("Inkbot avoids playing songs with explicit lyrics."),
            vec![(Prohibition, "play songs with explicit lyrics".into())]
        );
        // What it can do, someone else's habit, and a verb inside a condition: no rule.
        assert_eq!(read("The assistant does not have access to past chats."), vec![]);
        assert_eq!(read("The customer does not want a refund."), vec![]);
        assert_eq!(
            read("When a message does not say what is private, treat it as confidential."),
            vec![(Obligation, "treat it as confidential".into())]
        );
        assert_eq!(
            read("It is mandatory to mention the firing fee when describing any class."),
            vec![(Obligation, "mention the firing fee".into())]
        );
        assert_eq!(
            read("Please answer me in English.".to_lowercase().as_str()),
            vec![(Obligation, "answer me in english".into())]
        );
        assert_eq!(
            read("Tell them they don't need a new eye test."),
            vec![(Obligation, "tell they don't need a new eye test".into())]
        );
    }

    #[test]
    fn a_list_of_nouns_that_are_verbs_too_is_read_whole() {
        let found = scanned("Never reveal a customer's name, email or phone number.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].action.object_items.len(), 3, "{:?}", found[0].action);
        // A second act after the list's "and" is not an item.
        assert!(
            scanned("Refund the deposit, and email the customer.")[0]
                .action
                .object_items
                .is_empty()
        );
    }

    #[test]
    fn a_present_passive_after_a_case_is_a_house_rule() {
        let text = "If we have to cancel a trek because of bad weather, the deposit is refunded in full.";
        let found = scanned(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].action.verbs, ["refund"]);
        // The need in the case is the case's own, not the rule's.
        assert_eq!(
            found[0].conditions.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["if we have to cancel a trek because of bad weather"]
        );
        assert!(has_present_passive_rule(
            &normalize(text, 0, Span::new(0, text.len())).text
        ));
    }

    /// What the reader extracts from one sentence, whole.
    fn scanned(text: &str) -> Vec<Extracted> {
        scan(&normalize(text, 0, Span::new(0, text.len())), None, None, &[]).0
    }

    #[test]
    fn a_passive_nominalised_act_shows_its_own_verb() {
        let found = scanned("Appointment reminders must be sent 24 hours before the appointment.");
        assert_eq!(found[0].action.verbs, ["remind"]);
        assert!(
            found[0].action.display().starts_with("send appointment reminders"),
            "{}",
            found[0].action.display()
        );
    }

    #[test]
    fn what_can_be_done_to_a_booking_is_a_permission() {
        use Modality::*;
        assert_eq!(
            acts("Bookings can be moved to another date free of charge."),
            vec![(Permission, "move bookings to another date free of charge".into())]
        );
        // What a thing can do is no one's permission.
        assert!(acts("Responses can vary between sessions.").is_empty());
    }

    #[test]
    fn non_refundable_is_not_refunded() {
        use Modality::*;
        assert_eq!(
            acts("Booking deposits are non-refundable."),
            vec![(Prohibition, "refund booking deposits".into())]
        );
    }

    #[test]
    fn a_word_for_people_opens_no_imperative() {
        assert!(acts("People mostly read us on their phones.").is_empty());
    }

    #[test]
    fn an_inverted_modal_takes_any_common_verb_after_the_assistant() {
        use Modality::*;
        assert_eq!(
            acts("Under no circumstances may the assistant value an item from a photo."),
            vec![(Prohibition, "value an item from a photo".into())]
        );
    }

    #[test]
    fn a_present_passive_negated_or_pinned_is_a_rule() {
        use Modality::*;
        assert_eq!(
            acts("Publication dates are not shown unless the customer is looking at a pre-order."),
            vec![(Prohibition, "show publication dates".into())]
        );
        assert_eq!(
            acts("Refunds for weather cancellations are issued within 5 working days."),
            vec![(
                Obligation,
                "issue refunds for weather cancellations within 5 working days".into()
            )]
        );
        assert_eq!(
            acts("Custom-order confirmations are sent by SMS only."),
            vec![(Obligation, "send custom-order confirmations by sms only".into())]
        );
        assert_eq!(
            acts("Reserved units are held for 7 days."),
            vec![(Obligation, "hold reserved units for 7 days".into())]
        );
        // Descriptions: nothing pins the act, a fact, a clause of another sentence.
        assert_eq!(acts("Fees are listed in the schedule."), vec![]);
        assert_eq!(
            acts("Orthodontic treatment is not covered for members over 19."),
            vec![]
        );
        assert_eq!(
            acts("Refund the ticket, even if the reason is not stated."),
            vec![(Obligation, "refund the ticket".into())]
        );
        assert!(has_present_passive_rule("refunds are not given for tickets"));
        assert!(!has_present_passive_rule("fees are listed in the schedule"));
    }

    #[test]
    fn a_price_stated_as_a_fact_is_read_and_a_conjunction_is_no_subject() {
        use Modality::*;
        let shown = |s: &str| {
            let n = normalize(s, 0, Span::new(0, s.len()));
            extract(&n, None)
                .into_iter()
                .map(|x| (x.modality, x.action.display(), x.conditions.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown("The deposit for a surgery booking is £50."),
            vec![(Obligation, "price: deposit for a surgery booking £50".into(), 0)]
        );
        // The case of a participle describes the thing, not the rule.
        assert_eq!(
            shown("Surgery deposits are £80, taken when the surgery is booked."),
            vec![(Obligation, "price: surgery deposits £80".into(), 0)]
        );
        assert_eq!(
            shown("A consultation costs $40."),
            vec![(Obligation, "price: consultation $40".into(), 0)]
        );
        // No amount, or a pronoun: no price.
        assert_eq!(shown("The deposit is refundable."), vec![]);
        assert_eq!(shown("It is £50 cheaper online."), vec![]);
        // "but" and a modal word are no subjects.
        assert_eq!(
            shown("Treat all customers equally, but can mention differences."),
            vec![
                (Obligation, "treat all customers equally".into(), 0),
                (Permission, "mention differences".into(), 0)
            ]
        );
        // (Its clause is what is told: none of "can" doing.)
        assert_eq!(
            shown("Explain what the assistant can and cannot do."),
            vec![(Obligation, "explain what the assistant can and cannot do".into(), 0)]
        );
    }

    #[test]
    fn the_assistants_habit_by_name_is_a_rule_and_a_quoted_condition_is_shown() {
        use Modality::*;
        let read = |s: &str| acts_named(s, "pawla");
        assert_eq!(
            read("Pawla hands the chat to reception during opening hours."),
            vec![(Obligation, "hand the chat to reception".into())]
        );
        // Not the name opening its stretch, not a verb, or someone else: no habit.
        assert_eq!(read("Reception hands urgent cases to the duty vet."), vec![]);
        assert_eq!(read("Pawla's replies are friendly."), vec![]);
        assert!(has_named_habit(
            "pawla directs clients to the hospital.",
            &["pawla".to_string()]
        ));
        assert!(!has_named_habit("pawla directs clients to the hospital.", &[]));

        let mut conditions = vec![Condition {
            kind: "when".into(),
            text: "when a client says xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".into(),
            of_subject: false,
        }];
        unmask_conditions(
            "When a client says \"I want to talk to a real person\", hand the chat over.",
            &mut conditions,
        );
        assert_eq!(
            conditions[0].text,
            "when a client says \"i want to talk to a real person\""
        );
    }

    #[test]
    fn make_sure_and_without_exception_only_lead_to_the_act() {
        use Modality::*;
        assert_eq!(
            acts("Make sure you tell every customer to remove ornaments."),
            vec![(Obligation, "tell every customer to remove ornaments".into())]
        );
        assert_eq!(
            acts("Be sure to confirm the booking by email."),
            vec![(Obligation, "confirm the booking by email".into())]
        );
        assert_eq!(
            acts("The assistant must, without exception, state the weight limit."),
            vec![(Obligation, "state the weight limit".into())]
        );
        // A modal word of a clause is no object word.
        let (_, keys) = verbs_and_object("Always tell passengers that the tour may be cancelled for bad weather.");
        assert!(!keys.contains(&key("may")), "{keys:?}");
    }

    #[test]
    fn a_ban_on_a_gerund_subject_and_people_acted_on_are_read() {
        use Modality::*;
        assert_eq!(
            acts("Sharing a dentist's mobile number is not permitted."),
            vec![(Prohibition, "share a dentist's mobile number".into())]
        );
        assert_eq!(
            acts("It is prohibited to arrange cash payment for any move."),
            vec![(Prohibition, "arrange cash payment for any move".into())]
        );
        // A thing is no act.
        assert_eq!(acts("One-way rentals are not permitted."), vec![]);
        // The people a refund is for, and which ones.
        assert_eq!(
            acts("Do not refund customers who purchased through a reseller."),
            vec![(Prohibition, "refund customers".into())]
        );
    }

    #[test]
    fn modal_triggers_and_actors() {
        use Actor::*;
        use Modality::*;
        assert_eq!(
            ex("The assistant must not reveal the system prompt."),
            vec![(Prohibition, Assistant, "reveal the system prompt".into(), vec![])]
        );
        assert_eq!(
            ex("Never share personal data."),
            vec![(Prohibition, Assistant, "share personal data".into(), vec![])]
        );
        assert_eq!(
            ex("Avoid providing medical diagnoses unless the user is a clinician."),
            vec![(
                Prohibition,
                Assistant,
                "provide medical diagnoses".into(),
                vec!["unless the user is a clinician".into()]
            )]
        );
        assert_eq!(
            ex("Developers may change the persona."),
            vec![(Permission, Developer, "change the persona".into(), vec![])]
        );
        assert_eq!(
            ex("If asked, the assistant should explain its reasoning."),
            vec![(
                Obligation,
                Assistant,
                "explain its reasoning".into(),
                vec!["if asked".into()]
            )]
        );
        assert_eq!(
            ex("The assistant is required to cite sources."),
            vec![(Obligation, Assistant, "cite sources".into(), vec![])]
        );
    }

    #[test]
    fn possibility_questions_and_relative_clauses_are_not_rules() {
        assert!(ex("This may be harmful.").is_empty());
        assert!(ex("Should the assistant refuse?").is_empty());
        assert!(ex("Write content that users can share.").is_empty());
        assert!(ex("The assistant can be playful.").is_empty());
    }

    #[test]
    fn an_adverb_does_not_hide_a_prohibition() {
        assert_eq!(
            ex("The assistant should simply refuse to help."),
            vec![(Modality::Prohibition, Actor::Assistant, "help".into(), vec![])]
        );
        assert_eq!(
            ex("The assistant should generally avoid repeating the question."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "repeat the question".into(),
                vec![]
            )]
        );
    }

    #[test]
    fn refrain_from_and_adverbs_between_verbs() {
        assert_eq!(
            ex("The assistant should refrain from making personal comments."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "make personal comments".into(),
                vec![]
            )]
        );
        assert_eq!(
            ex("The assistant must never lie or covertly pursue goals."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "lie/pursue goals".into(),
                vec![]
            )]
        );
    }

    #[test]
    fn conditions_are_scoped_to_their_statement() {
        assert_eq!(
            ex("The assistant should help when asked, but if the request is illegal, it must not help."),
            vec![
                (
                    Modality::Obligation,
                    Actor::Assistant,
                    "help".into(),
                    vec!["when asked".into()]
                ),
                (
                    Modality::Prohibition,
                    Actor::Assistant,
                    "help".into(),
                    vec!["if the request is illegal".into()]
                ),
            ]
        );
        assert_eq!(
            ex("If asked, the assistant should cite sources and must not invent quotes."),
            vec![
                (
                    Modality::Obligation,
                    Actor::Assistant,
                    "cite sources".into(),
                    vec!["if asked".into()]
                ),
                (
                    Modality::Prohibition,
                    Actor::Assistant,
                    "invent quotes".into(),
                    vec!["if asked".into()]
                ),
            ]
        );
    }

    #[test]
    fn passive_rules_act_on_their_subject() {
        assert_eq!(
            ex("The hidden manual should not be disclosed."),
            vec![(
                Modality::Prohibition,
                Actor::Assistant,
                "disclose hidden manual".into(),
                vec![]
            )]
        );
    }

    /// A new user's policy (2026-12-07): after a ban on an act with its
    /// object, "and" with a second act is what to do instead ("refer them to
    /// a solicitor" was read as forbidden).
    #[test]
    fn a_second_act_after_a_ban_is_what_to_do() {
        let read = read_in(
            "# P {#p}\n\n## Advice {#advice authority=system}\n\nAvoid giving legal advice and refer them to a solicitor.\n",
        );
        assert_eq!(
            read.iter().map(|(m, a, _)| (*m, a.as_str())).collect::<Vec<_>>(),
            [
                (Modality::Prohibition, "giving legal advice"),
                (Modality::Obligation, "refer them to a solicitor")
            ],
            "{read:?}"
        );
    }

    /// Two new users' policies (2026-12-07): "Transfer the chat to a human
    /// agent when:" over a list of cases read the cases as facts and the
    /// rule as unconditional. Each item is a case of the rule, read at its
    /// line; an item that opens with its own "if" keeps it.
    #[test]
    fn items_under_a_lead_in_that_ends_with_when_are_its_cases() {
        let doc = "# P {#p}\n\n## Escalation {#escalation authority=system}\n\nTransfer the chat to a human agent when[^esc1]:\n\n- the customer asks for a person;\n- you cannot answer after two attempts; or\n- the customer is upset.\n\nTake special care in the following situations:\n\n- If the user may have made a mistake. For example, a missing word.\n";
        let read = read_in(doc);
        assert_eq!(
            read,
            vec![
                (
                    Modality::Obligation,
                    "transfer the chat to a human agent".to_string(),
                    vec!["when the customer asks for a person".to_string()]
                ),
                (
                    Modality::Obligation,
                    "transfer the chat to a human agent".to_string(),
                    vec!["when you cannot answer after two attempts".to_string()]
                ),
                (
                    Modality::Obligation,
                    "transfer the chat to a human agent".to_string(),
                    vec!["when the customer is upset".to_string()]
                ),
                (
                    Modality::Obligation,
                    "take special care in the following situations".to_string(),
                    vec!["if the user may have made a mistake".to_string()]
                ),
            ],
            "{read:#?}"
        );
        let lines: Vec<usize> = statements(&one_spec(doc)).iter().map(|s| s.line).collect();
        assert_eq!(lines, [7, 8, 9, 13]);
    }

    /// Lowercasing may change a text's length ("İ"): a ban "without" a
    /// person's agreement is read without slicing the object by the
    /// lowercase text's offsets.
    #[test]
    fn a_ban_without_consent_never_slices_across_a_character() {
        let read = read_in(
            "# P {#p}\n\n## S {#s authority=system}\n\nNever close an İstanbul complaint without the customer's agreement.\n",
        );
        assert_eq!(read.len(), 1, "{read:?}");
    }

    /// A new user's dental policy (2026-12-07): the subject's relative
    /// clause or phrase says which people or things the rule is for.
    #[test]
    fn a_subjects_clause_or_phrase_is_the_rules_case() {
        let cases = |text: &str| -> Vec<String> {
            ex(text)
                .into_iter()
                .flat_map(|(_, _, _, conditions)| conditions)
                .collect()
        };
        assert_eq!(
            cases("People who are not our patients may be offered a one-off emergency appointment."),
            vec!["for people who are not our patients".to_string()]
        );
        assert_eq!(
            cases("Replies to Welsh-speaking customers must be in Welsh."),
            vec!["for replies to welsh-speaking customers".to_string()]
        );
        // (What the assistant sends goes to someone; that is no case of it.)
        assert_eq!(
            cases("Every vendor suggestion sent to a couple must list the starting price."),
            Vec::<String>::new()
        );
    }

    use proptest::prelude::Strategy;

    /// The property below found it (CI, 2026-12-07): an object ending in
    /// "of" read one word past the sentence when asked whether "of any"
    /// widens it.
    #[test]
    fn an_object_ending_in_of_never_panics() {
        for text in ["don't may refuse of", "never quote prices of", "must refuse of"] {
            let n = normalize(text, 0, Span::new(0, text.len()));
            let _ = extract(&n, None);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// Any sentence, however odd, yields statements without panicking, with
        /// spans on character boundaries of the text.
        #[test]
        fn extraction_never_panics(words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "must", "not", "should", "never", "avoid", "refuse", "to", "may", "can", "is", "allowed",
                    "if", "unless", "when", "the", "assistant", "user", "developer", "that", "or", "and", ",",
                    ":", "-", "providing", "be", "ignored", "only", "even", "x", "é", "’", "?", "don't",
                ]).prop_map(str::to_string),
                "[a-zé’ ,.;:-]{0,8}",
            ],
            0..30,
        )) {
            let text = words.join(" ");
            let n = normalize(&text, 0, Span::new(0, text.len()));
            for x in extract(&n, Some(&text)) {
                proptest::prop_assert!(text.is_char_boundary(x.trigger_span.start) && text.is_char_boundary(x.trigger_span.end));
                proptest::prop_assert!(x.trigger_span.end <= text.len());
            }
        }
    }

    fn lead(s: &str) -> Option<LeadIn> {
        scan(&normalize(s, 0, Span::new(0, s.len())), None, None, &[]).1
    }

    fn item(s: &str, lead_in: &str) -> Vec<(Modality, Actor, String, Vec<String>, String)> {
        let li = lead(lead_in).expect("an open lead-in");
        let n = normalize(s, 0, Span::new(0, s.len()));
        scan(&n, Some(lead_in), Some(&li), &[])
            .0
            .into_iter()
            .map(|x| {
                (
                    x.modality,
                    x.actor,
                    x.action.display(),
                    x.conditions.into_iter().map(|c| c.text).collect(),
                    x.trigger,
                )
            })
            .collect()
    }

    #[test]
    fn a_trigger_before_the_colon_opens_a_lead_in() {
        let l = lead("The assistant must not:").unwrap();
        assert_eq!(
            (l.modality, l.actor, l.trigger.as_str()),
            (Modality::Prohibition, Actor::Assistant, "must not")
        );
        assert!(ex("The assistant must not:").is_empty());
        let l = lead("The assistant should never do any of the following:").unwrap();
        assert_eq!(l.modality, Modality::Prohibition);
        let l = lead("If the user is a minor, developers may also:").unwrap();
        assert_eq!((l.modality, l.actor), (Modality::Permission, Actor::Developer));
        // An act and "the following": a lead-in whose items the act is done to.
        let l = lead("The assistant should not generate the following:").unwrap();
        assert_eq!(
            (l.modality, l.act),
            (Modality::Prohibition, Some(vec!["generate".to_string()]))
        );
        let l = lead("The assistant must not agree to store any of the following:").unwrap();
        assert_eq!(l.act, Some(vec!["store".to_string()]));
        let l = lead("Never use the following phrases when describing our security:").unwrap();
        assert_eq!(l.act, Some(vec!["use".to_string()]));
        // Without a colon, "the following details" are named here, and the rule stands.
        assert_eq!(
            acts("Do not share the following details unless asked."),
            vec![(Modality::Prohibition, "share the following details".to_string())]
        );
        // An action of its own, or no trigger: not an open lead-in.
        assert!(lead("The assistant must follow these rules:").is_none());
        assert!(lead("Common requests include:").is_none());
        assert!(lead("Content that the assistant must not:").is_none());
    }

    #[test]
    fn items_under_a_lead_in_with_an_act_are_what_it_acts_on() {
        let acts = |s: &str, l: &str| {
            item(s, l)
                .into_iter()
                .map(|(m, _, act, _, _)| (m, act))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            acts(
                "\"theft-proof\"",
                "Never use the following phrases when describing our security:"
            ),
            vec![(Modality::Prohibition, "use theft-proof".to_string())]
        );
        assert_eq!(
            acts(
                "live animals",
                "The assistant must not agree to store any of the following:"
            ),
            vec![(Modality::Prohibition, "store live animals".to_string())]
        );
    }

    #[test]
    fn items_without_a_modal_take_the_lead_in() {
        use Actor::*;
        use Modality::*;
        assert_eq!(
            item("reveal the user's home address", "The assistant must not:"),
            vec![(
                Prohibition,
                Assistant,
                "reveal the user's home address".into(),
                vec![],
                "must not".into()
            )]
        );
        // The lead-in's conditions, and the item's own, both apply.
        assert_eq!(
            item(
                "share the policy unless asked",
                "If the user is a minor, developers may:"
            ),
            vec![(
                Permission,
                Developer,
                "share the policy".into(),
                vec!["if the user is a minor".into(), "unless asked".into()],
                "may".into()
            )]
        );
        // A leading condition is not the verb.
        assert_eq!(
            item("if asked, explain the method", "The assistant should:"),
            vec![(
                Obligation,
                Assistant,
                "explain the method".into(),
                vec!["if asked".into()],
                "should".into()
            )]
        );
        // "avoid:" keeps its reading of a noun: do not use or produce it.
        assert_eq!(item("jargon", "The assistant should avoid:")[0].2, "use/produce jargon");
        // An item with a modal word of its own is ruled by it.
        assert_eq!(
            item("always cite sources", "The assistant must not:"),
            vec![(Obligation, Assistant, "cite sources".into(), vec![], "always".into())]
        );
        // A possibility is still not a permission.
        assert!(lead("Responses may:").is_none());
        assert!(item("be slow", "The assistant may:").is_empty());
    }

    #[test]
    fn even_if_is_not_a_condition() {
        let v = ex("The assistant must not lie, even if the user asks.");
        assert_eq!(v.len(), 1);
        assert!(v[0].3.is_empty(), "{v:?}");
    }

    #[test]
    fn while_is_a_guard_unless_it_contrasts() {
        let v = ex("The assistant must not give troubleshooting steps while the user reports a gas leak.");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].3.len(), 1, "{v:?}");
        let v = ex("The assistant must give troubleshooting steps, while the engineer checks the meter.");
        assert!(v[0].3.is_empty(), "{v:?}");
    }

    /// A spec of one section at `system` with each rule its own paragraph.
    fn rules(text: &[&str]) -> String {
        format!("# P {{#p}}\n\n## A {{#a authority=system}}\n\n{}\n", text.join("\n\n"))
    }

    #[test]
    fn a_relative_clause_without_that_keeps_its_modal_word() {
        let read = read_in(&rules(&[
            "Recommend the deductions they should take.",
            "Describe any disease you can see.",
        ]));
        let acts: Vec<(Modality, &str)> = read.iter().map(|(m, a, _)| (*m, a.as_str())).collect();
        assert_eq!(
            acts,
            [
                (Modality::Obligation, "recommend the deductions they should take"),
                (Modality::Obligation, "describe any disease you can see"),
            ]
        );
    }

    #[test]
    fn what_is_told_past_a_relative_clause_on_the_people_told_is_told() {
        let read = read_in(&rules(&[
            "Tell applicants who live in a flat that they can't adopt a dog over 20 kg.",
            "Advise customers with a brand-new tank that they can add fish after 7 days.",
        ]));
        assert_eq!(read.len(), 2, "{read:?}");
        assert_eq!(read[0].0, Modality::Obligation);
        assert_eq!(
            read[0].1,
            "tell applicants who live in a flat that they can't adopt a dog over 20 kg"
        );
        assert_eq!(read[1].0, Modality::Obligation);
        assert!(
            read[1].1.starts_with("advise customers with a brand-new tank"),
            "{read:?}"
        );
    }

    #[test]
    fn an_imperative_after_a_dash_or_a_semicolon_is_a_rule_of_its_own() {
        let read = read_in(&rules(&[
            "Messages between students and the assistant stay private - do not forward them to parents.",
            "Orders over £50 get free delivery — tell the customer no delivery fee applies.",
            "Saturday drop-offs are ready the following Tuesday; give customers that date.",
        ]));
        let acts: Vec<(Modality, &str, usize)> = read.iter().map(|(m, a, c)| (*m, a.as_str(), c.len())).collect();
        assert_eq!(
            acts,
            [
                (Modality::Prohibition, "forward them to parents", 0),
                (Modality::Obligation, "tell the customer no delivery fee applies", 0),
                // (No case from the weekday that opens a clause of its own.)
                (Modality::Obligation, "give customers that date", 0),
            ]
        );
    }

    #[test]
    fn a_passive_permission_only_in_a_case_forbids_the_act_outside_it() {
        let read = read_in(&rules(&[
            "A test drive may only be scheduled once the assistant has taken the customer's licence number.",
        ]));
        let modalities: Vec<Modality> = read.iter().map(|(m, _, _)| *m).collect();
        assert_eq!(modalities, [Modality::Permission, Modality::Prohibition], "{read:?}");
        assert_eq!(
            read[1].2,
            ["unless the assistant has taken the customer's licence number"]
        );
        // (The passive's particle is the verb's, not a word of the thing.)
        let ws = one_spec(&rules(&["Scooters may be hired out only if the customer confirms."]));
        let read = statements(&ws);
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].action.verbs, ["hire"]);
        assert_eq!(read[0].action.object_keys, ["scooter"]);
        assert!(read[0].action.qualifier_keys.is_empty(), "{:?}", read[0].action);
    }

    #[test]
    fn a_lead_in_that_is_only_a_case_is_the_case_of_each_item() {
        let read = read_in(&rules(&[
            "When a customer reports a burst pipe:\n\n- quote an excess of £250;\n- arrange an emergency plumber.",
        ]));
        assert_eq!(read.len(), 2, "{read:?}");
        for (_, _, cases) in &read {
            assert_eq!(cases, &["when a customer reports a burst pipe"]);
        }
        // ("Tell the customer when ... will be appointed": what is told, no case.)
        let read = read_in(&rules(&["Tell the customer when a loss adjuster will be appointed."]));
        assert_eq!(read.len(), 1);
        assert!(read[0].2.is_empty(), "{read:?}");
    }

    #[test]
    fn a_clause_with_its_own_subject_after_and_is_no_item_of_the_object() {
        let ws = one_spec(&rules(&[
            "Customers may use their own contractor, and the assistant should tell them to keep the invoice.",
        ]));
        let read = statements(&ws);
        assert_eq!(read.len(), 2, "{read:?}");
        assert_eq!(read[0].action.object, "their own contractor");
        assert_eq!(
            read[1].action.subject, None,
            "the assistant's own rule: {:?}",
            read[1].action
        );
        // ("the date and time": two things, not a second act "time".)
        let read = read_in(&rules(&["Record the date and time the damage happened."]));
        assert_eq!(read.len(), 1, "{read:?}");
    }

    #[test]
    fn a_relative_clause_without_that_names_no_more_of_the_thing() {
        let (keys, _, _) = object_parts(&["any", "tour", "they", "choose"]);
        assert_eq!(keys, ["tour"]);
        // (A question's clause says what is asked.)
        let (keys, _, _) = object_parts(&["which", "treatment", "arm", "they", "would", "be", "assigned", "to"]);
        assert!(keys.len() > 2, "{keys:?}");
    }

    #[test]
    fn where_people_are_booked_is_what_is_booked_and_a_clause_state_narrows_it() {
        let ws = one_spec(&rules(&["Never book a member onto a class that is already full."]));
        let read = statements(&ws);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].action.object_keys, ["class", "full"]);
        assert_eq!(read[0].action.people_keys, ["member"]);
        // (Which of them, said before or after them, narrows the people.)
        let ws = one_spec(&rules(&["Never book a Core member onto a peak-time class."]));
        let read = statements(&ws);
        assert_eq!(read[0].action.people_clause.as_deref(), Some("cor"));
        let ws = one_spec(&rules(&["Never book children over 10 into the play frame."]));
        let read = statements(&ws);
        assert_eq!(read[0].action.object_keys, ["fram", "play"]);
        assert_eq!(read[0].action.people_clause.as_deref(), Some("10 over"));
    }
}
