//! Whether a sentence states a rule for the assistant (#lint, issue 15).
//!
//! Policies mix rules with the prose that explains them: reasons, analogies,
//! examples, descriptions of users and of the world. The linter, the conflict
//! checker's statements and `specc adopt` read only the rules, and this is the
//! one place that tells them apart. It reads a normalised sentence
//! ([`crate::norm::NormText::text`]: lowercase, quotes blanked) and looks for
//! the shape of a rule: a deontic modal whose subject is the assistant or what
//! it produces ("the assistant should", "answers must", "harbor may"), an
//! imperative ("always confirm ...", "don't speculate"), a wish about the
//! assistant ("we want the assistant to ...", "it is important that the
//! assistant ..."), or a passive rule ("secrets must never be written ...").
//! A modal whose subject is someone else ("users may want ...", "a good
//! doctor would never ..."), an epistemic one ("this can happen"), or one
//! inside a subordinate clause or a comparison is explanation.
//!
//! The labelled set in `tests/normative/` measures it: half sentences of the
//! Model Spec's ranked sections, half explanatory prose written for it.

/// A word list as a set, built once: the classifier looks words up in these
/// lists for every clause of every sentence.
macro_rules! set {
    ($list:ident) => {{
        // A fast hash for short static words (our lists, not an attacker's input).
        static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
        SET.get_or_init(|| $list.iter().copied().collect())
    }};
}

/// What a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A rule for the assistant: an obligation, prohibition or permission.
    Normative,
    /// A rule that binds someone else: "moderators must remove slurs",
    /// "parents may record a greeting". The conflict checker reads it (two
    /// such rules can contradict each other); the linter and `specc adopt`,
    /// which are about what the assistant is tested on, do not.
    OtherRule,
    /// Explanation, motivation, analogy, example or description.
    Explanatory,
}

/// The names a document gives its assistant, beyond the generic ones
/// ("the assistant", "the model", "the bot", ...). `specc adopt` learns them
/// from the document ([`Actors::learn`]); everyone else passes the default.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    names: Vec<String>,
}

/// Words after which a capitalised word is an actor's name ("Aria must ..."):
/// the deontic modals and these.
const NAME_VERBS: &[&str] = &[
    "needs", "has", "never", "always", "refuses", "declines", "avoids", "refrains", "doesn't",
];

fn is_name_modal(word: &str) -> bool {
    DEONTIC.iter().chain(NAME_VERBS).any(|m| word.eq_ignore_ascii_case(m))
}

/// Whether a byte, in either case, is the first letter of a word
/// [`is_name_modal`] accepts: most words after a capital are not, and this
/// tells so without comparing them with each.
fn opens_name_modal(b: u8) -> bool {
    static FIRST: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        let mut t = [false; 256];
        for m in DEONTIC.iter().chain(NAME_VERBS) {
            let c = m.as_bytes()[0];
            t[c.to_ascii_lowercase() as usize] = true;
            t[c.to_ascii_uppercase() as usize] = true;
        }
        t
    })[b as usize]
}

/// How often each capitalised word is the subject of a name modal in some
/// texts: what [`Actors::from_counts`] learns names from.
#[derive(Debug, Default)]
pub struct NameCounts {
    uses: std::collections::BTreeMap<String, usize>,
    /// Words seen once doing what only someone acting does after a modal
    /// word ("Brie must check stock"): names when no word is learned otherwise.
    acting_once: std::collections::BTreeSet<String>,
    /// Words written as a place or an organisation ("at Northgate", "of
    /// Northgate", "Northgate Freight"): the business, not its assistant.
    organisations: std::collections::BTreeSet<String>,
}

impl NameCounts {
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts = NameCounts::default();
        for text in texts {
            Actors::count_names(text, &mut counts);
        }
        counts
    }
}

/// The first capital or non-ASCII byte at or after `from`. Sixteen bytes
/// are tested at a time without an early exit, which the compiler turns into
/// vector compares: this scan runs over every document's whole prose.
fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    let hit = |b: u8| b.wrapping_sub(b'A') < 26 || b >= 0x80;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(16);
    let mut base = from;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |any, &b| any | hit(b)) {
            return chunk.iter().position(|&b| hit(b)).map(|n| base + n);
        }
        base += 16;
    }
    chunks.remainder().iter().position(|&b| hit(b)).map(|n| base + n)
}

impl Actors {
    /// Actors with the given extra names (lowercase words or phrases).
    pub fn with_names<I: IntoIterator<Item = S>, S: Into<String>>(names: I) -> Self {
        Actors {
            names: names.into_iter().map(|s| s.into().to_lowercase()).collect(),
        }
    }

    /// Learns the assistant's name from a document's text: a capitalised
    /// word that is the subject of a deontic modal ("Harbor should", "Nova
    /// must not", "Atlas has to") at least twice and is not a common
    /// sentence opener.
    pub fn learn(text: &str) -> Self {
        Self::learn_from([text])
    }

    /// [`Actors::learn`] over several texts at once (a document's prose
    /// blocks, without the conversations and code between them).
    pub fn learn_from<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        Self::from_counts([NameCounts::of(texts)])
    }

    /// [`Actors::learn_from`] over parts counted apart (on several threads).
    pub fn from_counts(parts: impl IntoIterator<Item = NameCounts>) -> Self {
        let mut counts = NameCounts::default();
        for part in parts {
            for (name, n) in part.uses {
                *counts.uses.entry(name).or_default() += n;
            }
            counts.acting_once.extend(part.acting_once);
            counts.organisations.extend(part.organisations);
        }
        // ("Northgate must reply within one month" in a policy that speaks
        // of "at Northgate" and "Northgate Freight": the company.)
        let organisations = std::mem::take(&mut counts.organisations);
        counts.acting_once.retain(|name| !organisations.contains(name));
        let names: Vec<String> = counts
            .uses
            .into_iter()
            .filter(|(_, n)| *n >= 2)
            .map(|(w, _)| w)
            .collect();
        // A name the spec uses once ("Brie must check stock") is the
        // assistant's only where no other is: a spec that names its
        // assistant often names other people who act once ("Sam must
        // approve refunds").
        Actors {
            names: if names.is_empty() {
                counts.acting_once.into_iter().collect()
            } else {
                names
            },
        }
    }

    fn count_names(text: &str, names: &mut NameCounts) {
        let bytes = text.as_bytes();
        let word_end = |from: usize| {
            bytes[from..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .map_or(bytes.len(), |n| from + n)
        };
        let mut i = 0;
        // The whole text is scanned, so the loop looks at one byte at a time
        // only until the next capital (or non-ASCII) byte, the rare case.
        while let Some(at) = next_capital(bytes, i) {
            i = at + 1;
            if at > 0 && !bytes[at - 1].is_ascii_whitespace() {
                continue;
            }
            let end = word_end(at);
            let before = &text[at..end];
            i = end;
            if !before.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            // "at Northgate", "Northgate Freight employs ...": a business.
            {
                let previous = text[..at].split_ascii_whitespace().next_back().unwrap_or("");
                let following = text[end..].split_ascii_whitespace().next().unwrap_or("");
                let word = before.trim_matches(|c: char| !c.is_alphanumeric());
                let after_place_word = matches!(previous, "at" | "of" | "join" | "joined" | "from");
                let two_capitals = !before.ends_with(['.', ',', ';', ':'])
                    && following.starts_with(|c: char| c.is_uppercase())
                    && following.chars().skip(1).any(|c| c.is_lowercase());
                if (after_place_word || two_capitals) && word.len() > 1 {
                    names.organisations.insert(word.to_lowercase());
                }
            }
            let next_start = bytes[end..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map_or(bytes.len(), |n| end + n);
            let word = &text[next_start..word_end(next_start)];
            // "Ferrybot is required to ...", "Concierge is to make ...": a
            // rule's "is" before the word that makes it one.
            let is_rule = matches!(word, "is" | "does") && {
                let after = word_end(next_start);
                let from = bytes[after..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map_or(bytes.len(), |n| after + n);
                match &text[from..word_end(from)] {
                    "not" => true,
                    "required" | "to" | "never" | "always" | "expected" | "permitted" | "allowed" => word == "is",
                    _ => false,
                }
            };
            // "Lensbot does not ...", "Singbot avoids ...": a capitalised
            // word ending in "bot" names a bot, whatever verb follows and
            // even once (it counts as two).
            let bot = !word.is_empty() && bot_name(before);
            // "It's fine for Marin to ...", "we want Harbor to ...": a wish
            // about someone acting names them, once.
            let wished = word == "to" && {
                let mut back = text[..at].split_ascii_whitespace().rev();
                let (p1, p2) = (back.next().unwrap_or(""), back.next().unwrap_or(""));
                wished_for(p2, p1)
            };
            let bot = bot || wished;
            // Cheap tests first: most words are not a modal after a capitalised word.
            // ...nor open with a letter that opens one.
            if !is_rule && !bot && (!(3..=10).contains(&word.len()) || !opens_name_modal(word.as_bytes()[0])) {
                continue;
            }
            let next = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            if !is_rule && !bot && !is_name_modal(next) {
                continue;
            }
            // ("When Skylark has moved a flight": "has" is a modal only in
            // "has to", as "needs" only in "needs to".)
            if !is_rule && !bot && (next.eq_ignore_ascii_case("has") || next.eq_ignore_ascii_case("needs")) {
                let after = word_end(next_start);
                let from = bytes[after..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map_or(bytes.len(), |k| after + k);
                if &text[from..word_end(from)] != "to" {
                    continue;
                }
            }
            let name = before.trim_matches(|c: char| !c.is_alphanumeric());
            let capital = name.len() > 1
                && name.chars().next().is_some_and(|c| c.is_uppercase())
                && name.chars().skip(1).all(|c| c.is_lowercase() || c.is_ascii_digit());
            if capital {
                let lower = name.to_lowercase();
                if !NOT_NAMES.contains(&lower.as_str()) && !set!(ASSISTANT).contains(lower.as_str()) {
                    let later = |n: usize| {
                        let mut from = next_start;
                        for _ in 0..n {
                            let end = word_end(from);
                            from = bytes[end..]
                                .iter()
                                .position(|b| !b.is_ascii_whitespace())
                                .map_or(bytes.len(), |k| end + k);
                        }
                        &text[from..word_end(from)]
                    };
                    let once = bot || named_once(&lower, next, later(1), later(2));
                    if !once && acts_after_modal(&lower, next, later(1), later(2)) {
                        names.acting_once.insert(lower.clone());
                    }
                    *names.uses.entry(lower).or_default() += if once { 2 } else { 1 };
                }
            }
        }
    }

    /// The learned names.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Whether a capitalised word (punctuation around it allowed) is a bot's
/// name: "Fixbot", "Lensbot", not "Robot" or "Bot".
fn bot_name(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.len() > 4
        && w.is_ascii()
        && w[w.len() - 3..].eq_ignore_ascii_case("bot")
        && !w.eq_ignore_ascii_case("robot")
        && !w[..w.len() - 3].ends_with(['-', '_'])
}

/// Whether two words before a capitalised one and its "to" wish that it
/// act: "fine for", "acceptable for", "we want", "we expect".
fn wished_for(second: &str, first: &str) -> bool {
    matches!(
        (second.to_ascii_lowercase().as_str(), first),
        (
            "fine" | "acceptable" | "ok" | "okay" | "alright" | "permissible" | "important" | "essential",
            "for"
        ) | ("we" | "we'd", "want" | "expect" | "need" | "require" | "ask")
            | ("would" | "we'd", "like")
    )
}

/// Whether one use of a capitalised word names the assistant: what only
/// someone acting does, in the present tense ("Kai refuses to book ...",
/// "Wardrobe never extends ...", "Pip is required to ask ..."). A thing
/// said of a thing ("Delivery never takes ...", "Parking is not ...",
/// "Refunds must ...") needs the word twice, as a modal word after it does.
fn named_once(name: &str, next: &str, third: &str, fourth: &str) -> bool {
    const THING_VERBS: &[&str] = &[
        "takes", "costs", "includes", "applies", "means", "depends", "happens", "arrives", "goes", "comes", "varies",
        "requires", "expires", "lasts", "covers", "starts", "ends", "closes", "opens", "runs", "works", "changes",
        "exceeds", "matters", "counts", "stays", "remains", "seems", "looks", "sounds", "contains", "leaves",
        "becomes", "gets", "has", "is", "does", "was", "needs", "involves", "affects",
    ];
    let singular = !name.ends_with('s') || name.ends_with("ss");
    singular
        && name.len() >= 3
        && match next {
            "refuses" | "declines" | "refrains" => true,
            "never" | "always" => {
                third.len() > 3
                    && third.ends_with('s')
                    && !third.ends_with("ss")
                    && third.bytes().all(|b| b.is_ascii_lowercase())
                    && !THING_VERBS.contains(&third)
            }
            "is" => matches!(third, "required" | "expected") && fourth == "to",
            _ => false,
        }
}

/// Whether a capitalised word is someone acting after a modal word: "Brie
/// must check stock", "Tess must not quote a fee" ("Delivery must take
/// ...", "Parking must be ..." are things; "Reception must call ..." is a
/// team).
fn acts_after_modal(name: &str, next: &str, third: &str, fourth: &str) -> bool {
    let singular = !name.ends_with('s') || name.ends_with("ss");
    let verb = if matches!(third, "not" | "never" | "always" | "only" | "also" | "first") {
        fourth
    } else {
        third
    };
    singular
        && name.len() >= 3
        && matches!(next, "must" | "should" | "may" | "can" | "shall" | "cannot")
        && verb.len() > 2
        && verb.bytes().all(|b| b.is_ascii_lowercase())
        && !THING_ACTS.contains(&verb)
        && !DEPARTMENTS.contains(&name)
}

/// What things do, in the base form after a modal word: a capitalised
/// word before them is a thing ("Delivery must take ...").
const THING_ACTS: &[&str] = &[
    "take", "cost", "include", "apply", "mean", "depend", "happen", "arrive", "go", "come", "vary", "require",
    "expire", "last", "cover", "start", "end", "close", "open", "run", "work", "change", "exceed", "matter", "count",
    "stay", "remain", "seem", "look", "sound", "contain", "leave", "become", "get", "have", "be", "need", "involve",
    "affect", "fit", "match", "show", "appear", "reach", "follow", "precede", "hold", "clear", "fail", "succeed",
    "differ", "exist", "occur", "last", "weigh", "measure",
];

/// Teams and departments: someone acting, but not the assistant.
const DEPARTMENTS: &[&str] = &[
    "management",
    "security",
    "reception",
    "finance",
    "support",
    "legal",
    "accounts",
    "sales",
    "marketing",
    "compliance",
    "admin",
    "maintenance",
    "housekeeping",
    "payroll",
    "dispatch",
    "billing",
    "engineering",
    "operations",
    "procurement",
    "facilities",
    "catering",
    "customer",
    "manager",
    "staff",
    "team",
];

/// Capitalised words that start sentences and are never the assistant.
const NOT_NAMES: &[&str] = &[
    "it",
    "this",
    "that",
    "they",
    "we",
    "you",
    "he",
    "she",
    "these",
    "those",
    "there",
    "users",
    "people",
    "customers",
    "developers",
    "operators",
    "everyone",
    "nobody",
    "someone",
    "one",
    "staff",
    "agents",
    "employees",
    "i",
    "what",
    "who",
    "which",
    "nothing",
    "each",
    "every",
    "all",
    "some",
    "many",
    "most",
    "such",
    "answers",
    "responses",
    // Questions ("How should ...", "Why must ...") and headings' nouns.
    "how",
    "why",
    "when",
    "where",
    "whether",
    "spec",
];

/// Modals that state what ought to be (as opposed to "might", "could", "would", "will").
const DEONTIC: &[&str] = &[
    "must",
    "should",
    "shall",
    "may",
    "can",
    "cannot",
    "can't",
    "mustn't",
    "shouldn't",
    "ought",
];

/// Subjects that are the assistant.
const ASSISTANT: &[&str] = &[
    "the assistant",
    "an assistant",
    "assistant",
    "assistants",
    "ai assistants",
    "the ai",
    "the model",
    "the models",
    "models",
    "the bot",
    "the chatbot",
    "the agent",
    "the tutor",
    "the app",
    "the system",
    "the intake bot",
    "the claims bot",
    "the support bot",
    "the offboarding assistant",
    "the coding assistant",
    "our assistant",
    "it",
    "you",
    "chatgpt",
    "claude",
];

/// Subjects that are what the assistant produces or does: a modal on them is a rule.
const OUTPUTS: &[&str] = &[
    "answer",
    "answers",
    "response",
    "responses",
    "reply",
    "replies",
    "output",
    "outputs",
    "message",
    "messages",
    "summary",
    "summaries",
    "explanation",
    "explanations",
    "tone",
    "language",
    "code",
    "snippet",
    "snippets",
    "suggestion",
    "suggestions",
    "recommendation",
    "recommendations",
    "disclaimer",
    "disclaimers",
    "refusal",
    "refusals",
    "warning",
    "warnings",
    "link",
    "links",
    "citation",
    "citations",
    "label",
    "labels",
    "notice",
    "confirmation",
    "confirmations",
    "reminder",
    "reminders",
    "greeting",
    "hint",
    "hints",
    "feedback",
    "content",
    "text",
    "wording",
    "format",
    "formatting",
    "length",
    "style",
    "behavior",
    "behaviour",
    "conduct",
    "default",
    "defaults",
    "comment",
    "comments",
    "tests",
    "commit",
    "commits",
    "email",
    "emails",
    "notification",
    "notifications",
    "transcript",
    "transcripts",
];

/// Subjects that are people or things other than the assistant.
const OTHERS: &[&str] = &[
    "users",
    "user",
    "people",
    "person",
    "customers",
    "customer",
    "developers",
    "developer",
    "operators",
    "operator",
    "we",
    "i",
    "they",
    "he",
    "she",
    "someone",
    "anyone",
    "everyone",
    "nobody",
    "one",
    "a doctor",
    "doctors",
    "a good",
    "humans",
    "a human",
    "parents",
    "parent",
    "children",
    "child",
    "students",
    "student",
    "employees",
    "staff",
    "patients",
    "patient",
    "callers",
    "caller",
    "readers",
    "teachers",
    "lawyers",
    "clients",
    "client",
    "members",
    "policyholders",
    "claimants",
    "moderators",
    "reviewers",
    "managers",
    "authors",
    "this",
    "that",
    "these",
    "those",
    "there",
    "such",
    "which",
    "what",
    "who",
    "things",
    "mistakes",
    "errors",
    "situations",
    "cases",
    "guardians",
    "guardian",
    "adults",
    "minors",
    "families",
    "investors",
    "borrowers",
    "applicants",
    "travellers",
    "travelers",
];

/// Words that open sentences and are not verbs.
const NOT_VERBS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "we",
    "you",
    "they",
    "he",
    "she",
    "there",
    "here",
    "our",
    "my",
    "your",
    "their",
    "his",
    "her",
    "its",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "no",
    "one",
    "none",
    "both",
    "either",
    "neither",
    "such",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "of",
    "to",
    "as",
    "if",
    "when",
    "while",
    "because",
    "since",
    "so",
    "but",
    "and",
    "or",
    "nor",
    "yet",
    "not",
    "what",
    "who",
    "how",
    "why",
    "where",
    "which",
    "whose",
    "good",
    "bad",
    "great",
    "much",
    "more",
    "less",
    "few",
    "other",
    "another",
    "same",
    "different",
    "new",
    "old",
    "first",
    "last",
    "next",
    "only",
    "even",
    "just",
    "also",
    "however",
    "then",
    "now",
    "today",
    "often",
    "sometimes",
    "after",
    "before",
    "over",
    "under",
    "about",
    "above",
    "below",
    "between",
    "into",
    "through",
    "during",
    "without",
    "within",
    "among",
    "per",
    "via",
    "i",
    "me",
    "us",
    "them",
    "him",
    "harbor",
    "trust",
    "money",
    "time",
    "help",
    "care",
    "fear",
    "work",
    "life",
    "part",
    "most",
    "whatever",
    "whoever",
    "once",
    "until",
    "unless",
    "though",
    "although",
    "thus",
    "hence",
    "still",
    "far",
    "long",
    "little",
    "own",
    "real",
    "true",
    "key",
    "main",
    "best",
    "worst",
    "better",
    "worse",
    "top",
    "back",
    "down",
    "up",
    "out",
    "off",
    "away",
    "human",
    "public",
    "private",
    "personal",
    "financial",
    "medical",
    "legal",
    "social",
    "clear",
    "simple",
    "plain",
    "fair",
    "honest",
    "open",
];

/// Verbs that open an imperative sentence addressed to the assistant.
const IMPERATIVE: &[&str] = &[
    "add",
    "address",
    "adopt",
    "answer",
    "apologize",
    "apologise",
    "ask",
    "assume",
    "avoid",
    "be",
    "begin",
    "call",
    "cancel",
    "check",
    "cite",
    "clarify",
    "close",
    "collect",
    "comply",
    "confirm",
    "consider",
    "decline",
    "default",
    "defer",
    "describe",
    "direct",
    "disclose",
    "do",
    "don't",
    "double-check",
    "end",
    "ensure",
    "escalate",
    "explain",
    "flag",
    "focus",
    "follow",
    "format",
    "gather",
    "give",
    "greet",
    "hand",
    "help",
    "highlight",
    "hold",
    "ignore",
    "include",
    "indent",
    "inform",
    "keep",
    "label",
    "leave",
    "let",
    "limit",
    "list",
    "log",
    "make",
    "mention",
    "never",
    "note",
    "notify",
    "offer",
    "omit",
    "point",
    "prefer",
    "present",
    "prioritize",
    "prioritise",
    "provide",
    "put",
    "quote",
    "recommend",
    "redirect",
    "refer",
    "refrain",
    "refuse",
    "reject",
    "remain",
    "remember",
    "remind",
    "remove",
    "report",
    "request",
    "respect",
    "respond",
    "return",
    "route",
    "run",
    "say",
    "send",
    "share",
    "show",
    "skip",
    "speak",
    "start",
    "state",
    "stay",
    "stick",
    "stop",
    "suggest",
    "summarise",
    "summarize",
    "take",
    "tell",
    "transfer",
    "treat",
    "try",
    "use",
    "verify",
    "wait",
    "warn",
    "write",
    "always",
    "please",
    "only",
    "err",
    "lead",
    "match",
    "mirror",
    "reply",
    "review",
    "route",
    "withhold",
    "phrase",
    "attach",
    "document",
    "record",
    "store",
    "delete",
    "block",
    "approve",
    "deny",
    "waive",
    "charge",
    "freeze",
    "hide",
    "reveal",
    "translate",
    "insist",
    "seek",
    "encourage",
    "support",
    "acknowledge",
    "adapt",
    "adjust",
    "aim",
    "allow",
    "anticipate",
    "assess",
    "assist",
    "attempt",
    "balance",
    "choose",
    "communicate",
    "comfort",
    "continue",
    "correct",
    "demonstrate",
    "determine",
    "discuss",
    "distinguish",
    "emphasize",
    "emphasise",
    "engage",
    "express",
    "favor",
    "favour",
    "frame",
    "gauge",
    "guide",
    "handle",
    "honor",
    "honour",
    "identify",
    "infer",
    "interpret",
    "invite",
    "maintain",
    "mark",
    "minimize",
    "minimise",
    "monitor",
    "pause",
    "preserve",
    "proceed",
    "promote",
    "protect",
    "raise",
    "reassure",
    "recognize",
    "recognise",
    "reduce",
    "reflect",
    "reframe",
    "rely",
    "repeat",
    "rephrase",
    "replace",
    "resist",
    "resolve",
    "restate",
    "select",
    "separate",
    "simplify",
    "steer",
    "strive",
    "structure",
    "tailor",
    "uphold",
    "validate",
    "volunteer",
    "walk",
    "weigh",
    "welcome",
    "explain",
    "signpost",
    "escalate",
    "hand",
    "acknowledge",
    "spell",
    "supply",
    "treat",
    "nudge",
    "favor",
    "offer",
    "present",
    "pass",
    "read",
    "re-read",
    "recheck",
    "cross-check",
    "double",
    "tell",
    "teach",
    "lay",
    "break",
    "sanity-check",
    "accept",
    "process",
    "ban",
    "rebook",
    "push",
    "reset",
    "refund",
    "issue",
    "grant",
    "restrict",
    "suspend",
    "lock",
    "unlock",
    "archive",
    "publish",
    "post",
    "merge",
    "deploy",
    "commit",
    "book",
    "reschedule",
    "upgrade",
    "downgrade",
    "file",
    "submit",
    "schedule",
    "pin",
    "close",
    "mute",
    "hide",
    "escalate",
    "confirm",
    "obtain",
    "require",
];

/// Verbs after "may" or "can" that say what happens to the assistant, not
/// what it is allowed to do: "the assistant may encounter ...".
const HAPPENINGS: &[&str] = &[
    "sometimes",
    "encounter",
    "face",
    "have",
    "be",
    "find",
    "receive",
    "need",
    "want",
    "see",
    "get",
    "come",
    "lack",
    "notice",
    "hear",
    "experience",
    "feel",
    "seem",
    "appear",
    "end",
    "become",
    "occasionally",
    "well",
    "often",
    "struggle",
    "fail",
    "misread",
    "misunderstand",
    "reasonably",
    "legitimately",
    "easily",
];

/// Head nouns of a subject that names an assistant: "the travel assistant".
/// Whether a subject's head word names the deployed assistant by a role
/// ("the bot", "the concierge"): the conflict checker reads subjects by it too.
pub fn is_assistant_role(head: &str) -> bool {
    ASSISTANT_HEADS.contains(&head)
}

const ASSISTANT_HEADS: &[&str] = &[
    "assistant",
    "bot",
    "chatbot",
    "agent",
    "model",
    "tutor",
    "app",
    "copilot",
    "assistants",
    "bots",
    "models",
    // Roles a deployed assistant is given in product policies.
    "concierge",
    "helper",
    "coach",
    "screener",
    "companion",
    "chatbots",
    "agents",
    "tutors",
];

/// Words after which what follows is subordinate: a modal there is not the sentence's own.
const SUBORDINATORS: &[&str] = &[
    "if", "when", "whenever", "because", "since", "although", "though", "while", "unless", "as", "where", "whether",
    "that", "which", "who", "whom", "whose", "what", "than", "like", "until", "before", "after", "once", "so", "even",
    "how", "why", "whatever", "whoever",
];

/// Openers of a wish or requirement about the assistant.
const WISHES: &[&str] = &[
    "we want",
    "we'd like",
    "we would like",
    "we expect",
    "we ask",
    "we require",
    "we need",
    "our goal is for",
    "we encourage",
    "it is important that",
    "it's important that",
    "it is essential that",
    "it is critical that",
    "it is vital that",
    "it is crucial that",
    "it is never acceptable for",
    "it is not acceptable for",
    "it is unacceptable for",
    "it is acceptable for",
    "it is fine for",
    "it is ok for",
    "it is okay for",
    "it's fine for",
    "it's ok for",
    "it's okay for",
    "it is important to",
    "it's important to",
    "it is essential to",
    "it is critical to",
    "it is crucial to",
    "it is vital to",
    "it is never acceptable to",
    "it is not acceptable to",
    "it is mandatory to",
    "it is required to",
    "the goal is for",
    "our aim is for",
    "the aim is for",
    "our hope is that",
    "we hope that",
    "what we hope for is",
    "what we want is",
    "it matters",
    "we insist that",
    "under no circumstances",
    "in no case",
    "at no point",
    "at no time",
    "on no account",
];

/// Adjectival and participial forms that make a rule: "is required to", "is not allowed to".
const RULE_ADJECTIVES: &[&str] = &[
    "required",
    "expected",
    "allowed",
    "permitted",
    "prohibited",
    "forbidden",
    "obliged",
    "obligated",
    "encouraged",
    "discouraged",
    "supposed",
    "not to",
    "to never",
    "to always",
    "banned",
    "barred",
    "free",
    "welcome",
    "entitled",
    "authorized",
    "authorised",
    "instructed",
    "responsible",
    "able",
    "capable",
    "unable",
];

/// A duty named as a noun, after "it is": "it is the assistant's job to
/// confirm ...", "it's your responsibility to ...", "it is up to the
/// assistant to ...". (Not "it is a big job to ..." or "up to £50".)
fn names_a_duty(w: &[&str]) -> bool {
    if let ["it", "isn't", "our" | "your", "place", "to", ..] = w {
        return true;
    }
    let rest = match w {
        ["it", "is", rest @ ..] | ["it's", rest @ ..] => rest,
        _ => return false,
    };
    if let ["not", "our" | "your", "place", "to", ..] = rest {
        return true;
    }
    let rest = match rest {
        ["not" | "never", rest @ ..] => rest,
        rest => rest,
    };
    if let ["up", "to", after @ ..] = rest {
        return after.iter().take(6).skip(1).any(|x| *x == "to");
    }
    let rest = rest.strip_prefix(&["the"][..]).unwrap_or(rest);
    match rest {
        [owner, "job" | "duty" | "responsibility" | "task", "to", ..] => {
            *owner == "your" || owner.len() > 2 && owner.ends_with("'s")
        }
        _ => false,
    }
}

fn starts_with_phrase(words: &[&str], phrase: &str) -> bool {
    // Most clauses share no first word with any phrase: decide without splitting.
    // (The first word whole: "it" must not open "it is important ...".)
    if !words.first().is_some_and(|w| {
        phrase
            .strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    }) {
        return false;
    }
    let mut given = words.iter();
    phrase.split(' ').all(|p| given.next().is_some_and(|w| *w == p))
}

/// Whether `words` (a subject) is the assistant: "the assistant", "the
/// travel assistant", "harbor", "it".
fn is_assistant_subject(subject: &[&str], actors: &Actors) -> bool {
    if subject.is_empty() || subject.len() > 4 {
        return false;
    }
    // (One word needs no joining: most subjects tried are one word.)
    let named = |joined: &str| set!(ASSISTANT).contains(joined) || actors.names.iter().any(|n| n == joined);
    if match subject {
        [one] => named(one),
        _ => named(&subject.join(" ")),
    } {
        return true;
    }
    let last = *subject.last().unwrap_or(&"");
    // "the travel assistant", not "a seasoned travel agent" (an analogy).
    matches!(subject[0], "the" | "our" | "this" | "your")
        && ASSISTANT_HEADS.contains(&last)
        && !subject.iter().any(|x| set!(OTHERS).contains(x))
}

/// Whether a subject is what the assistant produces: "every response",
/// "harbor's replies", "its tone", "the assistant's answers".
fn is_output_subject(subject: &[&str], actors: &Actors) -> bool {
    let Some(last) = subject.last() else { return false };
    if set!(OUTPUTS).contains(last) && subject.len() <= 5 {
        return true;
    }
    // "responses to pupils under thirteen": the head noun comes first.
    if subject.iter().take(3).any(|x| set!(OUTPUTS).contains(x))
        && !subject.iter().take(3).any(|x| set!(OTHERS).contains(x))
    {
        return true;
    }
    let head = subject[0].trim_end_matches("'s");
    subject.len() >= 2
        && subject.len() <= 4
        && (head == "its"
            || head == "your"
            || actors.names.iter().any(|n| n == head)
            || subject[0].ends_with("'s") && set!(ASSISTANT).contains(&head)
            || subject.len() >= 3
                && subject[1].ends_with("'s")
                && ASSISTANT_HEADS.contains(&subject[1].trim_end_matches("'s")))
        && !set!(OTHERS).contains(last)
}

/// Classifies one normalised sentence.
pub fn classify(text: &str, actors: &Actors) -> Kind {
    sentence_kind(text, actors)
}

/// Whether a normalised sentence states a rule for the assistant.
pub fn is_normative(text: &str, actors: &Actors) -> bool {
    sentence_kind(text, actors) == Kind::Normative
}

/// The kind of each of a document's sentences ([`crate::norm::prose_sentences`]),
/// in order: a list item that is no rule on its own ("- articulating and/or
/// confirming any assumptions") takes the kind of the sentence that leads
/// into its list ("The assistant should clarify by:").
pub struct LeadIns {
    /// The kind of the last paragraph's last sentence, when it ends with a colon.
    lead: Option<Kind>,
}

/// Whether a sentence opens with a name of capitalised words before its
/// verb ("Pet Health Club is our monthly plan", "Express Wash includes a
/// hand dry"): a fact about the name, though its first word is a verb too.
/// ("Tell Dr Okafor about ..." goes on with no verb after the name.)
pub fn opens_with_a_name_as_subject(source: &str) -> bool {
    let mut words = source.split_whitespace();
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase()) && w != "I";
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    if !capitalised(first) || !capitalised(second) || second.ends_with([',', ':', ';']) {
        return false;
    }
    // ("When Skylark has moved a flight, ...": a case opens the sentence,
    // and the name is its subject, not the sentence's.)
    if SUBORDINATORS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    words.take(4).find(|w| !capitalised(w)).is_some_and(|w| {
        matches!(
            w,
            "is" | "are" | "was" | "were" | "has" | "have" | "includes" | "include" | "costs" | "covers" | "offers"
        )
    })
}

impl LeadIns {
    pub fn new() -> Self {
        LeadIns { lead: None }
    }

    /// The kind of a sentence read in document order: `source` is its text as
    /// written, `in_list_item` whether it is a list item's, `last_in_block`
    /// whether it ends its block.
    pub fn kind(&mut self, source: &str, norm: &str, in_list_item: bool, last_in_block: bool, actors: &Actors) -> Kind {
        let mut own = sentence_kind(norm, actors);
        if own != Kind::Explanatory && opens_with_a_name_as_subject(source) {
            own = Kind::Explanatory;
        }
        if in_list_item {
            return match (own, self.lead) {
                (Kind::Explanatory, Some(lead)) => lead,
                _ => own,
            };
        }
        if last_in_block {
            self.lead = source.trim_end().ends_with(':').then_some(own);
        }
        own
    }
}

impl Default for LeadIns {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a normalised sentence states a rule for anyone: the assistant or
/// another party the policy binds.
pub fn states_rule(text: &str, actors: &Actors) -> bool {
    sentence_kind(text, actors) != Kind::Explanatory
}

/// [`states_rule`] of a sentence whose words ([`crate::norm::words`]) a
/// caller has split already.
pub fn states_rule_split(text: &str, split: &[(usize, usize, &str)], actors: &Actors) -> bool {
    sentence_kind_split(text, split, actors) != Kind::Explanatory
}

fn sentence_kind(text: &str, actors: &Actors) -> Kind {
    // The words with their byte offsets, split once: the clauses below are
    // runs of them.
    sentence_kind_split(text, &crate::norm::words(text), actors)
}

fn sentence_kind_split(text: &str, split: &[(usize, usize, &str)], actors: &Actors) -> Kind {
    let offsets: Vec<usize> = split.iter().map(|&(s, _, _)| s).collect();
    let all: Vec<&str> = split.iter().map(|&(_, _, w)| w).collect();
    if all.len() < 2 {
        return Kind::Explanatory;
    }
    // Questions are not rules ("What should the assistant do?").
    if text.trim_end().ends_with('?') {
        return Kind::Explanatory;
    }
    // The sentence's clauses, split at commas and semicolons. The main clause
    // is the first, or the one after leading adverbials and conditions ("By
    // default, ...", "When a customer is grieving, ..."), or one joined by
    // "and"/"but" or a semicolon.
    let mut starts = vec![0usize];
    let mut end = 0;
    let mut after_semicolon = vec![false];
    let mut after_comma = vec![true];
    // (Not inside a figure: "After 16:00, never ..." and "over £1,000, do
    // not ..." hold a colon and a comma that end no clause.)
    let bytes = text.as_bytes();
    // ("Messages stay private - do not forward them": a dash between spaces
    // joins two clauses as a semicolon does; the normaliser wrote "—" as "-".)
    let dash_at = |i: usize| bytes[i] == b'-' && i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' ');
    // (By bytes: the marks are ASCII, and this runs for every sentence.)
    let mut marks: Vec<usize> = memchr::memchr3_iter(b',', b';', b':', bytes).collect();
    if crate::norm::has_spaced_dash(bytes) {
        marks.extend(memchr::memchr_iter(b'-', bytes).filter(|&i| dash_at(i)));
        marks.sort_unstable();
    }
    let pieces = marks
        .into_iter()
        .filter(|&i| {
            matches!(bytes[i], b';' | b'-')
                || !(i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
        .map(|i| i + 1)
        .chain(std::iter::once(text.len()))
        .scan(0, |from, to| {
            let piece = &text[*from..to];
            *from = to;
            Some(piece)
        })
        .filter(|p| !p.is_empty());
    for piece in pieces {
        end += piece.len();
        starts.push(offsets.partition_point(|&o| o < end));
        // A colon introduces a list or an example, not a second main clause.
        after_semicolon.push(piece.ends_with(';') || piece.ends_with(" -"));
        after_comma.push(piece.ends_with(','));
    }
    starts.pop();
    let mut leading = true;
    let mut found = Kind::Explanatory;
    for (i, &at) in starts.iter().enumerate() {
        if at >= all.len() {
            break;
        }
        let words = &all[at..];
        let opener = words[0];
        // ("Our products are sold as seen, so never offer refunds": the
        // reason, then the rule it brings, as after a semicolon.)
        let (words, after_so) = match words {
            ["so", rest @ ..] if i > 0 && after_comma[i] && rest.len() >= 2 => (rest, true),
            _ => (words, false),
        };
        match clause_rule(words, actors, leading || after_semicolon[i] || after_so) {
            Kind::Normative => return Kind::Normative,
            Kind::OtherRule => found = Kind::OtherRule,
            Kind::Explanatory => {}
        }
        // Still in the lead-in while clauses open with an adverbial or a
        // condition, or go on with its list ("If a member describes chest
        // pain, fainting or difficulty breathing, tell them ...").
        let clause = &all[at..starts.get(i + 1).copied().unwrap_or(all.len()).clamp(at, all.len())];
        let list_goes_on =
            i > 0 && clause.len() <= 8 && (clause.len() <= 3 || clause.contains(&"or") || clause.contains(&"and"));
        leading = leading
            && (set!(LEAD_INS).contains(&opener) || list_goes_on)
            && after_comma.get(i + 1).copied().unwrap_or(false);
    }
    found
}

/// Words that open an adverbial or a condition before the main clause.
const LEAD_INS: &[&str] = &[
    "if",
    "when",
    "whenever",
    "unless",
    "by",
    "in",
    "for",
    "on",
    "at",
    "with",
    "without",
    "where",
    "once",
    "after",
    "before",
    "during",
    "while",
    "as",
    "to",
    "absent",
    "above",
    "instead",
    "otherwise",
    "generally",
    "typically",
    "usually",
    "again",
    "first",
    "second",
    "third",
    "finally",
    "also",
    "additionally",
    "moreover",
    "however",
    "likewise",
    "similarly",
    "specifically",
    "regardless",
    "even",
    "until",
    "from",
    "given",
    "no",
    "whatever",
    "wherever",
    "ideally",
    "importantly",
    "crucially",
    "then",
    "here",
    "so",
    "thus",
    "therefore",
    "should",
    "rather",
    "whereas",
    "unlike",
    "because",
    "although",
    "though",
    "since",
    "whether",
    // ("Between midnight and 5am, do not unlock e-scooters".)
    "between",
    "outside",
    "beyond",
    "throughout",
    "within",
    "upon",
    "except",
    "especially",
    "particularly",
    "above",
    "conversely",
    "still",
    "now",
    "sometimes",
    "often",
    "always",
    "never",
    "only",
    "besides",
    "accordingly",
    "consequently",
    "hence",
    "meanwhile",
    "similarly",
    "in",
    "among",
    "under",
    "against",
    "along",
    "across",
    "after",
    "following",
    "using",
    "depending",
    "based",
    "per",
    "according",
    "whenever",
    "wherever",
];

/// Whether a clause (its words from the start) is a rule. `main` says it
/// can be the main clause, where a bare verb is an imperative.
fn clause_rule(words: &[&str], actors: &Actors, main: bool) -> Kind {
    if clause_is_rule(words, actors, main) {
        return Kind::Normative;
    }
    if other_rule(words) {
        return Kind::OtherRule;
    }
    Kind::Explanatory
}

fn clause_is_rule(words: &[&str], actors: &Actors, main: bool) -> bool {
    let mut w = words;
    while let Some(&head) = w.first() {
        if matches!(
            head,
            "and" | "but" | "so" | "then" | "also" | "instead" | "rather" | "thus" | "therefore"
        ) {
            w = &w[1..];
        } else {
            break;
        }
    }
    if w.is_empty() {
        return false;
    }
    // (Most clauses open with no wish's first word: one lookup, not a loop.)
    static WISH_OPENERS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    let openers = WISH_OPENERS.get_or_init(|| WISHES.iter().filter_map(|p| p.split(' ').next()).collect());
    let wishes = if openers.contains(w[0]) { WISHES } else { &[] };
    for wish in wishes {
        if starts_with_phrase(w, wish) {
            let rest = &w[wish.split(' ').count()..];
            // "we want the assistant to", "it is important that harbor ...";
            // "under no circumstances should the assistant ..."; "it is
            // important to refrain from ..."
            if wish.ends_with(" to") {
                return true;
            }
            // "under no circumstances mention ...": an imperative.
            if imperative(rest) {
                return true;
            }
            return rest.iter().take(8).any(|x| {
                set!(ASSISTANT).contains(x)
                    || ASSISTANT_HEADS.contains(x)
                    || actors.names.iter().any(|n| n == x)
                    || matches!(*x, "responses" | "answers" | "should" | "must" | "may" | "can")
            });
        }
    }
    if names_a_duty(w) {
        return true;
    }
    // "The company wants its banking assistant to ...", "X expects the assistant to ...".
    if !matches!(
        w[0],
        "say" | "suppose" | "imagine" | "if" | "when" | "perhaps" | "maybe"
    ) && let Some(k) = w
        .iter()
        .take(5)
        .position(|x| matches!(*x, "wants" | "expects" | "needs" | "requires" | "asks"))
        // "a staff member asks Harbor to draft ...": a request in a story.
        && main
        && !w[..k]
            .iter()
            .any(|x| is_people(x) || set!(OTHERS).contains(x) || matches!(*x, "member" | "colleague" | "someone" | "and" | "or"))
        && w[k + 1..]
            .iter()
            .take(4)
            .any(|x| ASSISTANT_HEADS.contains(x) || actors.names.iter().any(|n| n == x))
        && w[k + 1..].iter().take(6).any(|x| *x == "to")
    {
        return true;
    }
    if main && imperative(w) {
        return true;
    }
    // "We don't take deposits for photo booth hire", "we never ship
    // abroad": a house rule of the business, kept by the assistant that
    // acts for it ("we don't want ...", "we do not require it" are not).
    if main && house_rule_of_ours(w) {
        return true;
    }
    // "This includes ...", "this prohibition applies regardless of context",
    // "the aforementioned limits apply to tools": the scope of a rule.
    if w[0] == "this" && matches!(w.get(1).copied(), Some("includes" | "applies" | "covers" | "extends")) {
        return true;
    }
    if let Some(v) = w.iter().take(5).position(|x| {
        matches!(
            *x,
            "apply" | "applies" | "covers" | "cover" | "extends" | "extend" | "includes" | "holds"
        )
    }) && v > 0
        && matches!(w[0], "this" | "these" | "those" | "the" | "such" | "that" | "all")
        && matches!(
            w[v - 1],
            "rule"
                | "rules"
                | "prohibition"
                | "prohibitions"
                | "restriction"
                | "restrictions"
                | "requirement"
                | "requirements"
                | "principle"
                | "principles"
                | "guideline"
                | "guidelines"
                | "policy"
                | "policies"
                | "default"
                | "defaults"
                | "exception"
                | "exceptions"
                | "limit"
                | "limits"
                | "limitation"
                | "limitations"
        )
    {
        return true;
    }
    // "See below for the exceptions": a pointer to the rest of the rule.
    if w[0] == "see" && matches!(w.get(1).copied(), Some("below" | "above" | "section" | "the")) {
        return true;
    }
    // A persona's conduct: "the assistant takes a thoughtful approach".
    for n in [1, 2] {
        if w.len() > n && is_assistant_subject(&w[..n], actors) && persona(&w[..n], &w[n..], actors) {
            return true;
        }
    }
    // Subject + modal. A relative clause inside the subject ("answers that
    // are long are discouraged") holds a verb that is not the main one: when
    // the subject has one, the later candidates are tried too.
    let is_candidate = |x: &&str| {
        DEONTIC.contains(x)
            || matches!(
                *x,
                "needs"
                    | "need"
                    | "has"
                    | "have"
                    | "is"
                    | "are"
                    | "refuses"
                    | "declines"
                    | "never"
                    | "always"
                    | "won't"
                    | "will"
                    | "doesn't"
                    | "does"
                    | "avoids"
            )
    };
    let mut from = 0;
    while let Some(rel) = w[from..].iter().position(|x| {
        is_candidate(x)
            || set!(SUBORDINATORS).contains(x) && !matches!(*x, "that" | "who" | "which" | "than" | "as" | "whose")
    }) {
        let m = from + rel;
        // "Bookings made less than 48 hours before the assignment must be
        // refused", "customers arriving after 4 pm must be told": a time
        // before or after a figure is a phrase of the subject, not a clause.
        if m > 0 && matches!(w[m], "before" | "after" | "until") && {
            let figure = |x: &str| x.bytes().next().is_some_and(|b| b.is_ascii_digit());
            let unit = |x: &str| {
                matches!(
                    x,
                    "minutes"
                        | "hours"
                        | "days"
                        | "weeks"
                        | "months"
                        | "years"
                        | "minute"
                        | "hour"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                )
            };
            // ("A dog that has bitten before should be booked ...": an adverb
            // right before the modal opens no clause.)
            unit(w[m - 1])
                || figure(w.get(m + 1).copied().unwrap_or(""))
                || w.get(m + 1).is_some_and(|x| DEONTIC.contains(x))
        } {
            from = m + 1;
            continue;
        }
        if m == 0 || set!(SUBORDINATORS).contains(&w[m]) {
            // "should the assistant ever ..." is a condition or a question; a
            // subordinator before any modal puts the modal in a subordinate clause.
            return false;
        }
        if subject_modal_rule(w, m, actors) {
            return true;
        }
        // Later candidates count after a relative clause in the subject, or
        // after a coordinated verb ("is not and should be kept private").
        let coordinated = w[m + 1..(m + 3).min(w.len())]
            .iter()
            .any(|x| matches!(*x, "and" | "or"));
        // ("Applicants whose household income is below £25,000 must be told ...")
        if !coordinated && !w[..m].iter().any(|x| matches!(*x, "that" | "who" | "which" | "whose")) {
            return false;
        }
        from = m + 1;
    }
    false
}

/// Whether words open with "we don't", "we do not" or "we never" and an act
/// a business does for its customers ([`is_house_act`]).
pub fn house_rule_of_ours(w: &[&str]) -> bool {
    let verb = match w {
        ["we", "don't" | "never" | "dont", verb, ..] => verb,
        ["we", "do", "not", verb, ..] => verb,
        _ => return false,
    };
    is_house_act(verb)
}

/// Acts a business does for its customers, which its house rules name:
/// "we don't take deposits", "we never ship abroad".
pub fn is_house_act(verb: &str) -> bool {
    matches!(
        verb,
        "accept"
            | "take"
            | "offer"
            | "ship"
            | "sell"
            | "refund"
            | "book"
            | "deliver"
            | "give"
            | "issue"
            | "charge"
            | "provide"
            | "collect"
            | "store"
            | "hire"
            | "rent"
            | "lend"
            | "repair"
            | "exchange"
            | "install"
            | "reserve"
            | "allow"
            | "permit"
            | "serve"
            | "quote"
            | "send"
            | "supply"
            | "fit"
            | "buy"
            | "waive"
            | "discount"
            | "hold"
            | "post"
            | "email"
            | "text"
            | "call"
            | "share"
            | "publish"
    )
}

/// Participles of handing a thing to someone, after "may be" and before
/// "with" or "to" ("may be shared with guests who ask"): a permission for
/// whoever hands it over.
pub fn is_handed_over(participle: &str) -> bool {
    matches!(
        participle,
        "shared"
            | "given"
            | "disclosed"
            | "released"
            | "passed"
            | "offered"
            | "provided"
            | "shown"
            | "sent"
            | "told"
            | "issued"
    )
}

/// Participles of acts done to a thing for someone, after "have" ("may have
/// the booking fee waived", "can have its hire extended").
pub fn is_done_to_a_thing(participle: &str) -> bool {
    matches!(
        participle,
        "waived"
            | "extended"
            | "reserved"
            | "refunded"
            | "upgraded"
            | "moved"
            | "cancelled"
            | "canceled"
            | "delivered"
            | "collected"
            | "booked"
            | "changed"
            | "reduced"
            | "removed"
            | "transferred"
            | "sent"
            | "posted"
            | "held"
            | "shipped"
            | "repaired"
            | "replaced"
            | "fitted"
            | "installed"
            | "rescheduled"
            | "discounted"
            | "returned"
            | "exchanged"
    )
}

/// Participles of acts done to people ("may be told", "may be booked"):
/// after "may be", a permission for whoever does them, not a possibility.
pub fn is_done_to_people(participle: &str) -> bool {
    matches!(
        participle,
        "told"
            | "given"
            | "offered"
            | "sent"
            | "shown"
            | "booked"
            | "asked"
            | "allowed"
            | "granted"
            | "refunded"
            | "charged"
            | "transferred"
            | "referred"
            | "invited"
            | "issued"
            | "lent"
            | "emailed"
            | "texted"
            | "called"
            | "upgraded"
    )
}

/// Whether `w[..m]` as a subject and `w[m]` as its modal make a rule.
fn subject_modal_rule(w: &[&str], m: usize, actors: &Actors) -> bool {
    let subject = &w[..m];
    let modal = w[m];
    let next = w.get(m + 1).copied().unwrap_or("");
    let after = w.get(m + 2).copied().unwrap_or("");
    // "For every dinner-party order the assistant has to ...": a case
    // before the subject, with no comma after it.
    let after_case = || {
        !set!(SUBORDINATORS).contains(&subject[0])
            && matches!(
                subject[0],
                "for" | "during" | "in" | "on" | "at" | "after" | "before" | "with" | "outside" | "within"
            )
            // ("For example the assistant must refuse": an example.)
            && !matches!(subject.get(1).copied(), Some("example" | "instance" | "now"))
            && (1..=3).any(|t| {
                subject.len() > t + 1
                    && matches!(subject[subject.len() - t], "the" | "our")
                    && is_assistant_subject(&subject[subject.len() - t..], actors)
                    || subject.len() > t + 1
                        && t == 1
                        && actors.names.iter().any(|n| n == subject[subject.len() - 1])
            })
    };
    let assistant = is_assistant_subject(subject, actors) || after_case();
    let output = !assistant && is_output_subject(subject, actors);
    let head = head_of(subject);
    let other = !assistant
        && !output
        && (set!(OTHERS).contains(&head) || is_people(head) || set!(OTHERS).contains(&subject[0]));
    // "customers must be told ...", "they should be warned ...": a passive
    // rule about people is a rule for whoever tells them.
    let participle = |x: &str| {
        x.ends_with("ed")
            || matches!(
                x,
                "told" | "shown" | "given" | "kept" | "sent" | "taught" | "made" | "led"
            )
    };
    // ("Class 3 scooters may be hired out only if the customer confirms
    // ...": what is done only in a case is a permission with its limit.)
    let only_in_a_case = || {
        let rest = &w[(m + 3).min(w.len())..(m + 7).min(w.len())];
        rest.windows(2).any(|p| {
            p[0] == "only"
                && matches!(
                    p[1],
                    "if" | "when" | "once" | "after" | "with" | "by" | "for" | "to" | "where" | "while" | "during"
                )
        })
    };
    if other {
        // ("should always be given", "must not be told": past the adverb.)
        let mut k = m + 1;
        while matches!(w.get(k).copied(), Some("always" | "also" | "only" | "not" | "never")) {
            k += 1;
        }
        let (be, part) = (w.get(k).copied().unwrap_or(""), w.get(k + 1).copied().unwrap_or(""));
        // "Members may be told which plots are vacant", "no one is to be
        // given access": what may or must be done to people is a rule for
        // whoever does it.
        // ("Patients with an unpaid balance can't be booked": whoever books them may not.)
        return matches!(modal, "must" | "should" | "shall") && be == "be" && participle(part)
            || matches!(modal, "may" | "can" | "cannot" | "can't") && next == "be" && is_done_to_people(after)
            || matches!(modal, "may" | "can") && next == "be" && only_in_a_case()
            || matches!(modal, "may" | "can")
                && next == "have"
                && w[m + 2..(m + 7).min(w.len())].iter().any(|x| is_done_to_a_thing(x))
            || matches!(modal, "is" | "are")
                && next == "to"
                && after == "be"
                && participle(w.get(m + 3).copied().unwrap_or(""));
    }
    let strong = matches!(modal, "must" | "should" | "shall" | "shouldn't" | "mustn't");
    let rule_word = |x: &str| RULE_ADJECTIVES.contains(&x) || matches!(x, "preferred" | "to");
    if assistant {
        return match modal {
            "must" | "should" | "shall" | "shouldn't" | "mustn't" | "cannot" => true,
            // "can be expected to" is a weak rule (the linter asks which it is).
            "may" | "can" | "can't" => {
                !set!(HAPPENINGS).contains(&next)
                    || next == "not" && !set!(HAPPENINGS).contains(&after)
                    || next == "be" && matches!(after, "expected" | "trusted" | "relied")
            }
            "ought" | "need" | "needs" => next == "to" || next == "not",
            "has" | "have" => next == "to",
            "is" | "are" => {
                rule_word(next) && after != "be"
                    // ("is in charge of booking ...")
                    || next == "in" && after == "charge" && w.get(m + 3) == Some(&"of")
                    || next == "never"
                    || matches!(next, "not" | "always") && rule_word(after)
            }
            "refuses" | "declines" | "avoids" | "never" | "always" => true,
            "won't" | "will" => matches!(next, "never" | "not" | "always"),
            "doesn't" | "does" => modal == "doesn't" || next == "not",
            _ => false,
        } || persona(subject, w.get(m..).unwrap_or_default(), actors);
    }
    // A thing as subject: what the assistant produces ("responses should be
    // concise"), or a passive rule ("secrets must never be written", "refunds
    // are to be handed to a human", "graphic violence is not permitted").
    if strong {
        // "the conversation should feel ...", "play sessions must end ...".
        return true;
    }
    // "Members may have the booking fee waived", "a school can have its hire
    // extended": what may be done for them, by whoever does it.
    if matches!(modal, "may" | "can")
        && next == "have"
        && w[m + 2..(m + 7).min(w.len())].iter().any(|x| is_done_to_a_thing(x))
    {
        return true;
    }
    // "credit scores may only be discussed with ...": a permission on a thing.
    // ("Volunteers' first names may be shared with guests who ask": handed to
    // someone, a permission; "prices may be changed" says what can happen.)
    if matches!(modal, "may" | "can")
        && (matches!(next, "only" | "not") && after == "be"
            || next == "be" && subject[0] == "no"
            || next == "be" && is_handed_over(after) && matches!(w.get(m + 3).copied(), Some("with" | "to"))
            || next == "be" && only_in_a_case())
    {
        return true;
    }
    // "Opened bags of feed cannot be returned", "sale items can't be
    // exchanged": a house rule on what the shop does, not a fact of what is
    // possible ("the data cannot be recovered").
    if matches!(modal, "cannot" | "can't")
        && next == "be"
        && matches!(
            after,
            "returned"
                | "refunded"
                | "exchanged"
                | "booked"
                | "rebooked"
                | "cancelled"
                | "canceled"
                | "transferred"
                | "reserved"
                | "extended"
                | "waived"
                | "hired"
                | "rented"
                | "sold"
                | "resold"
                | "reissued"
                | "discounted"
        )
    {
        return true;
    }
    if matches!(modal, "is" | "are") {
        let at = |i: usize| w.get(i).copied().unwrap_or("");
        let mut k = m + 1;
        while matches!(
            at(k),
            "not" | "always" | "never" | "only" | "also" | "typically" | "generally" | "usually"
        ) {
            k += 1;
        }
        let (n, a) = (at(k), at(k + 1));
        // "broad descriptions are typically appropriate to share": a permission.
        if matches!(
            n,
            "appropriate" | "acceptable" | "inappropriate" | "unacceptable" | "fine" | "ok" | "okay"
        ) && matches!(a, "to" | "for")
        {
            return true;
        }
        // "guardians are required to verify ...": someone other than the
        // assistant is told to act.
        if a == "to" && at(k + 2) != "be" {
            return false;
        }
        return n == "to" && a == "be"
            || matches!(
                n,
                "required"
                    | "prohibited"
                    | "forbidden"
                    | "permitted"
                    | "allowed"
                    | "encouraged"
                    | "discouraged"
                    | "preferred"
                    | "banned"
                    | "expected"
                    | "mandatory"
                    | "obligatory"
            );
    }
    // "late orders have to be refunded ...": a passive rule, as with "must be".
    if matches!(modal, "needs" | "need" | "has" | "have") && next == "to" && after == "be" {
        return true;
    }
    output && matches!(modal, "needs" | "need" | "has" | "have") && next == "to"
}

/// The head noun of a subject: the last word before a preposition or a
/// relative pronoun ("calls with claimants" → "calls").
fn head_of<'w>(subject: &[&'w str]) -> &'w str {
    let cut = subject
        .iter()
        .position(|x| {
            matches!(
                *x,
                "with"
                    | "for"
                    | "of"
                    | "to"
                    | "from"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "about"
                    | "that"
                    | "who"
                    | "which"
                    | "whose"
                    | "under"
                    | "over"
                    | "above"
                    | "below"
                    | "than"
                    | "during"
                    | "after"
                    | "before"
            )
        })
        .unwrap_or(subject.len());
    subject[..cut.max(1)].last().copied().unwrap_or("")
}

/// People a policy may bind besides the assistant.
fn is_people(head: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "users",
        "user",
        "customers",
        "customer",
        "developers",
        "developer",
        "operators",
        "operator",
        "parents",
        "parent",
        "children",
        "child",
        "students",
        "student",
        "employees",
        "employee",
        "staff",
        "patients",
        "patient",
        "callers",
        "caller",
        "teachers",
        "teacher",
        "clients",
        "client",
        "members",
        "member",
        "policyholders",
        "policyholder",
        "claimants",
        "claimant",
        "moderators",
        "moderator",
        "reviewers",
        "reviewer",
        "managers",
        "manager",
        "authors",
        "author",
        "guardians",
        "guardian",
        "agents",
        "handlers",
        "nurses",
        "doctors",
        "travellers",
        "traveller",
        "travelers",
        "traveler",
        "courier",
        "couriers",
        "admins",
        "admin",
        "administrators",
        "team",
        "teams",
        "humans",
        "human",
        "people",
        "person",
        "players",
        "player",
        "residents",
        "applicants",
        "candidates",
        "investors",
        "borrowers",
        "tenants",
        "pharmacists",
        "lawyers",
        "attorneys",
        "advisers",
        "advisors",
        "volunteers",
        "contractors",
        "vendors",
        "partners",
        "owners",
        "guests",
        "guest",
        "visitors",
        "visitor",
        "passengers",
        "passenger",
        "patrons",
        "families",
        "couples",
        "buyers",
        "sellers",
        "renters",
        "hirers",
        "learners",
        "pupils",
    ];
    set!(PEOPLE).contains(&head)
        || (head.ends_with("ers") || head.ends_with("ors"))
            && head.len() > 5
            && !matches!(
                head,
                "answers"
                    | "others"
                    | "papers"
                    | "letters"
                    | "orders"
                    | "numbers"
                    | "matters"
                    | "offers"
                    | "transfers"
                    | "chapters"
                    | "headers"
                    | "filters"
                    | "markers"
                    | "registers"
                    | "layers"
                    | "timers"
                    | "centers"
                    | "characters"
                    | "identifiers"
                    | "parameters"
                    | "computers"
                    | "servers"
                    | "containers"
                    | "waivers"
                    | "errors"
                    | "colors"
                    | "colours"
                    | "factors"
                    | "sectors"
                    | "mirrors"
                    | "monitors"
                    | "indicators"
                    | "behaviors"
                    | "behaviours"
                    | "vectors"
                    | "doors"
            )
}

/// A rule that binds someone other than the assistant: "moderators must
/// remove slurs", "the caller must sign the letter", "parents may record".
fn other_rule(w: &[&str]) -> bool {
    let Some(m) = w
        .iter()
        .position(|x| DEONTIC.contains(x) || matches!(*x, "is" | "are" | "has" | "have" | "need" | "needs"))
    else {
        return false;
    };
    // (A relative clause lengthens the subject: "returning customers who
    // hired from us the previous summer may book ...".)
    let relative = w[..m].iter().any(|x| matches!(*x, "who" | "whose"));
    if m == 0
        || m > if relative { 14 } else { 8 }
        || w[..m]
            .iter()
            .any(|x| set!(SUBORDINATORS).contains(x) && !matches!(*x, "that" | "who" | "which"))
    {
        return false;
    }
    let head = head_of(&w[..m]);
    if !is_people(head) {
        return false;
    }
    let next = w.get(m + 1).copied().unwrap_or("");
    let after = w.get(m + 2).copied().unwrap_or("");
    match w[m] {
        "must" | "shall" | "mustn't" | "cannot" => true,
        "should" | "shouldn't" => !matches!(next, "be" | "feel" | "know" | "understand" | "expect" | "trust"),
        "may" | "can" | "can't" => {
            // "a customer in a hurry can usually be verified quickly": what
            // can happen to them, not what they may do.
            let verb = if next.ends_with("ly") || matches!(next, "often" | "sometimes" | "also" | "still") {
                after
            } else {
                next
            };
            !set!(HAPPENINGS).contains(&verb)
                && !matches!(
                    verb,
                    "want"
                        | "wish"
                        | "like"
                        | "prefer"
                        | "worry"
                        | "wonder"
                        | "ask"
                        | "think"
                        | "try"
                        | "expect"
                        | "assume"
                        | "forget"
                        | "be"
                )
        }
        "need" | "needs" | "has" | "have" => next == "to",
        "is" | "are" => {
            let n = if matches!(next, "not" | "also" | "always" | "never") {
                after
            } else {
                next
            };
            matches!(
                n,
                "required"
                    | "expected"
                    | "permitted"
                    | "allowed"
                    | "prohibited"
                    | "forbidden"
                    | "obliged"
                    | "responsible"
                    | "not"
                    | "to"
            ) && !(n == "to" && matches!(w.get(m + 2).copied(), Some("be")))
        }
        _ => false,
    }
}

/// A present-tense description of the assistant's conduct, which a persona
/// section states as its rule: "the assistant takes a thoughtful approach".
fn persona(subject: &[&str], rest: &[&str], actors: &Actors) -> bool {
    // Not for a proper name: "Harbor pauses the explanation" narrates an
    // example far more often than it states a persona.
    let _ = actors;
    let named = matches!(subject, ["the", "assistant"] | ["the", "model"]);
    let Some(v) = rest.first() else { return false };
    named
        && v.ends_with('s')
        && v.len() > 3
        && !v.ends_with("ss")
        && !matches!(
            *v,
            "sometimes" | "perhaps" | "nevertheless" | "thus" | "always" | "has" | "was" | "does" | "is"
        )
        && !matches!(
            *v,
            "is" | "was"
                | "has"
                | "does"
                | "exists"
                | "sees"
                | "knows"
                | "receives"
                | "gets"
                | "hears"
                | "lives"
                | "runs"
                | "works"
                | "means"
                | "seems"
                | "appears"
                | "becomes"
                | "remains"
                | "encounters"
                | "faces"
                | "lacks"
                | "needs"
                | "wants"
                | "makes"
                | "serves"
                | "talks"
                | "handles"
                | "reads"
                | "uses"
        )
}

/// Whether a clause is an imperative: "always confirm", "don't speculate",
/// "please escalate", "never reveal".
fn imperative(w: &[&str]) -> bool {
    let mut k = 0;
    while k < w.len()
        && matches!(
            w[k],
            "please"
                | "always"
                | "never"
                | "also"
                | "only"
                | "just"
                | "still"
                | "then"
                | "instead"
                | "simply"
                | "first"
                | "generally"
                | "usually"
                | "politely"
                | "gently"
                | "immediately"
                | "briefly"
                | "clearly"
                | "explicitly"
                | "proactively"
                | "promptly"
                | "carefully"
                | "ideally"
                | "quickly"
                | "calmly"
                | "kindly"
                | "directly"
                | "honestly"
                | "openly"
                | "consistently"
                | "actively"
        )
    {
        k += 1;
    }
    let Some(&v) = w.get(k) else { return false };
    let next = w.get(k + 1).copied().unwrap_or("");
    if (v == "do" && matches!(next, "not" | "n't")) || v == "don't" || v == "dont" {
        return true;
    }
    // (After "never", "always", "please", it is the verb of a rule: "never
    // say that treatment is covered".)
    // ("Say that Bethan will reply by Monday" is what to say, though.)
    if k == 0
        && matches!(v, "consider" | "say" | "note" | "imagine" | "suppose" | "take")
        && matches!(
            next,
            "a" | "an" | "the" | "this" | "what" | "how" | "for" | "someone" | "two" | "that" | "you" | "we"
        )
        && !(v == "say"
            && next == "that"
            && !matches!(w.get(k + 2).copied(), Some("a" | "an" | "someone" | "somebody")))
    {
        // "Consider the case where ..." opens an example.
        return false;
    }
    if set!(IMPERATIVE).contains(&v) && !matches!(v, "do" | "never" | "always" | "only" | "please") {
        // "be" is imperative only before an adjective or "sure": "be concise", not "be it".
        if v == "be" && matches!(next, "it" | "that" | "they" | "he" | "she") {
            return false;
        }
        // A noun, not a verb: "answers must ...", "list of", "use of".
        return !matches!(
            next,
            "of" | "is"
                | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "can"
                | "may"
                | "will"
                | "would"
                | "should"
                | "must"
                | "might"
                | "could"
                | "does"
                | "did"
        );
    }
    // A verb the list does not hold, known by what follows it: "carry on
    // where ...", "route them to ...", "loop in a supervisor".
    if !v.ends_with('s')
        && !v.ends_with("ed")
        && !v.ends_with("ing")
        && !v.ends_with("ly")
        && !v.ends_with("tion")
        && !set!(NOT_VERBS).contains(&v)
        && !set!(OTHERS).contains(&v)
        && !set!(SUBORDINATORS).contains(&v)
        && !set!(LEAD_INS).contains(&v)
        && !matches!(
            v,
            "imagine" | "suppose" | "picture" | "think" | "say" | "consider" | "note" | "take" | "recall"
        )
        && matches!(
            next,
            "the"
                | "a"
                | "an"
                | "any"
                | "all"
                | "them"
                | "it"
                | "their"
                | "your"
                | "its"
                | "to"
                | "with"
                | "on"
                | "up"
                | "out"
                | "off"
                | "back"
                | "away"
                | "down"
                | "in"
                | "where"
                | "what"
                | "whether"
                | "every"
                | "each"
                | "no"
                | "only"
                | "this"
                | "that"
                | "these"
                | "those"
                | "him"
                | "her"
                | "us"
                | "me"
                | "yourself"
                | "clear"
                | "from"
                | "over"
        )
    {
        return true;
    }
    if k > 0 && (w[0] == "always" || w[0] == "never") {
        // "Never ..." before a verb the list does not hold is still an order.
        return !set!(OTHERS).contains(&v)
            && !matches!(
                v,
                "the" | "a" | "an" | "is" | "are" | "was" | "were" | "has" | "have" | "been" | "be" | "in" | "to"
            );
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Actors::learn`] computes, word by word (how it was first written):
    /// the fast version must agree with it on any text.
    fn learn_word_by_word(text: &str) -> Vec<String> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        let mut acting_once: std::collections::BTreeSet<String> = Default::default();
        let words: Vec<&str> = text.split_ascii_whitespace().collect();
        for (i, &word) in words.iter().enumerate().skip(1) {
            let before = words[i - 1];
            if !before.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let next = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let is_rule = match words.get(i + 1).copied().unwrap_or("") {
                "not" => matches!(word, "is" | "does"),
                "required" | "to" | "never" | "always" | "expected" | "permitted" | "allowed" => word == "is",
                _ => false,
            };
            let wished = word == "to" && i >= 3 && wished_for(words[i - 3], words[i - 2]);
            let bot = bot_name(before) || wished;
            if !is_rule && !bot && !is_name_modal(next) {
                continue;
            }
            if !is_rule
                && !bot
                && (next.eq_ignore_ascii_case("has") || next.eq_ignore_ascii_case("needs"))
                && words.get(i + 1).copied() != Some("to")
            {
                continue;
            }
            let later = |n: usize| words.get(i + n).copied().unwrap_or("");
            let once = bot
                || named_once(
                    &before.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase(),
                    next,
                    later(1),
                    later(2),
                );
            let name = before.trim_matches(|c: char| !c.is_alphanumeric());
            let capital = name.len() > 1
                && name.chars().next().is_some_and(|c| c.is_uppercase())
                && name.chars().skip(1).all(|c| c.is_lowercase() || c.is_ascii_digit());
            if capital {
                let lower = name.to_lowercase();
                if !NOT_NAMES.contains(&lower.as_str()) && !set!(ASSISTANT).contains(lower.as_str()) {
                    if !once && acts_after_modal(&lower, next, later(1), later(2)) {
                        acting_once.insert(lower.clone());
                    }
                    *counts.entry(lower).or_default() += if once { 2 } else { 1 };
                }
            }
        }
        // Words written as a business: after "at", "of", "join", "joined",
        // "from", or before another capitalised word.
        for (j, &word) in words.iter().enumerate() {
            if !word.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let previous = if j > 0 { words[j - 1] } else { "" };
            let following = words.get(j + 1).copied().unwrap_or("");
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let two_capitals = !word.ends_with(['.', ',', ';', ':'])
                && following.starts_with(|c: char| c.is_uppercase())
                && following.chars().skip(1).any(|c| c.is_lowercase());
            if (matches!(previous, "at" | "of" | "join" | "joined" | "from") || two_capitals) && bare.len() > 1 {
                acting_once.remove(&bare.to_lowercase());
            }
        }
        let names: Vec<String> = counts.into_iter().filter(|(_, n)| *n >= 2).map(|(w, _)| w).collect();
        if names.is_empty() {
            acting_once.into_iter().collect()
        } else {
            names
        }
    }

    /// A new user's gym policy (2026-12-07): a safety rule whose leading
    /// case holds a list was read as no rule, and lost.
    #[test]
    fn a_leading_case_with_a_list_still_leads_to_the_rule() {
        let a = Actors::default();
        for text in [
            "if a member describes chest pain, tell them to stop exercising.",
            "if a member describes chest pain, fainting or difficulty breathing, tell them to stop exercising and call 999 straight away.",
            "if an employee mentions stress, anxiety or any other mental health condition, offer the eap number.",
        ] {
            assert_eq!(sentence_kind(text, &a), Kind::Normative, "{text}");
        }
    }

    /// A new user's admissions policy (2026-12-08): a subject with "whose"
    /// and a verb of its own was read as a fact, and the rule lost.
    #[test]
    fn a_subject_with_whose_still_leads_to_the_rule() {
        let a = Actors::default();
        for text in [
            "applicants whose household income is below £25,000 must be told about the access bursary.",
            "members whose card has expired must not be served.",
        ] {
            assert_eq!(sentence_kind(text, &a), Kind::Normative, "{text}");
        }
    }

    /// A new user's airline policy (2026-12-07): "When Skylark has moved a
    /// flight ..., you can waive the change fee" was read as a fact about
    /// Skylark, and the permission lost.
    #[test]
    fn a_name_in_a_leading_case_is_no_subject_of_the_sentence() {
        assert!(!opens_with_a_name_as_subject(
            "When Skylark has moved a flight, you can waive the fee."
        ));
        assert!(!opens_with_a_name_as_subject("If Acme has cancelled, refund the fare."));
        assert!(opens_with_a_name_as_subject("Pet Health Club is our monthly plan."));
    }

    /// A new user's HR policy (2026-12-07): "Northgate must reply within one
    /// month" in a policy about "Northgate Freight" and the helpdesk "at
    /// Northgate" named the company as the assistant.
    #[test]
    fn a_business_acting_once_is_not_the_assistant() {
        for text in [
            "Northgate Freight employs 2,000 people. Northgate must reply within one month.",
            "Staff at Northgate get 25 days. Northgate must reply within one month.",
        ] {
            assert!(Actors::learn(text).names().is_empty(), "{text}");
        }
        assert_eq!(
            Actors::learn("Northgate must reply within one month.").names(),
            ["northgate"]
        );
    }

    /// A duty named as a noun is a rule: "it is the assistant's job to",
    /// "it is up to the assistant to", "is in charge of booking".
    #[test]
    fn a_duty_named_as_a_noun_is_a_rule() {
        let a = Actors::default();
        for text in [
            "it is the assistant's job to confirm the delivery address before taking payment.",
            "it's your responsibility to tell customers about the fee.",
            "it is the customer's duty to bring photo id.",
            "it is up to the assistant to confirm the delivery address.",
            "it's not our place to judge a donor's reasons.",
            "the assistant is in charge of booking the courier.",
            "the assistant is responsible for confirming the delivery address.",
        ] {
            assert_eq!(classify(text, &a), Kind::Normative, "{text}");
        }
        for text in [
            "it is a big job to move a piano.",
            "it is up to 20 kg.",
            "the job to be done is a move.",
        ] {
            assert_ne!(classify(text, &a), Kind::Normative, "{text}");
        }
    }

    /// A clause opened by "whether" rules nothing; the clause after it may.
    /// (The classifier reads normalised, lower-case text: "Whether ..." as
    /// written would be read otherwise.)
    /// "After 16:00, do not offer ...": the colon of a time of day and the
    /// comma of a thousand end no clause, so the case still leads to the
    /// rule (it was read as "after 16:" and "00,", and the rule lost).
    #[test]
    fn a_time_of_day_or_a_thousand_in_a_leading_case_ends_no_clause() {
        let a = Actors::default();
        for text in [
            "after 16:00, do not offer same-day appointments.",
            "after 21:30, never offer appointments.",
            "for orders over £1,000, never offer free delivery.",
        ] {
            assert_eq!(classify(text, &a), Kind::Normative, "{text}");
        }
    }

    /// "Pet Health Club is our monthly plan": a name whose first word is a
    /// verb too ("pet") opens a fact, not a command; "Tell Dr Okafor about
    /// ..." stays one.
    #[test]
    fn a_capitalised_name_before_its_verb_is_no_imperative() {
        let a = Actors::default();
        let kind = |source: &str| LeadIns::new().kind(source, &source.to_lowercase(), false, true, &a);
        assert_eq!(kind("Pet Health Club is our monthly plan."), Kind::Explanatory);
        assert_eq!(kind("Express Wash includes a hand dry."), Kind::Explanatory);
        assert_eq!(kind("Tell Dr Okafor about every exotic pet booking."), Kind::Normative);
        assert_ne!(kind("Pet owners must bring a lead."), Kind::Explanatory);
    }

    #[test]
    fn a_whether_clause_is_no_rule() {
        let a = Actors::default();
        assert_eq!(
            classify(
                "whether a complaint is urgent depends in part on what the customer stands to lose.",
                &a
            ),
            Kind::Explanatory
        );
        assert_eq!(
            classify("whether it rains depends on the weather.", &a),
            Kind::Explanatory
        );
        assert_eq!(
            classify(
                "whether or not the user asks, the assistant must confirm the order.",
                &a
            ),
            Kind::Normative
        );
    }

    proptest::proptest! {
        #[test]
        fn learning_names_agrees_with_reading_word_by_word(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Harbor", "Nova", "has", "needs", "moved", "Élan", "Atlas,", "(Harbor", "harbor", "The", "It", "should", "Should", "must,",
                    "can't", "cannot", "canned", "hasn't", "has.", "mustn’t", "never", "always!", "shouldn't",
                    "refuses", "May", "may", "the", "customer", "refund", "x", "—", "\"Nova\"", "is", "to",
                    "required", "not", "is,", "does", "avoids", "Fixbot", "Robot", "(Lensbot)", "fixbot", "Kai", "extends", "Delivery", "takes", "expected", "Glass",
                    "fine", "for", "want", "we", "at", "of", "Freight", "Freight.",
                ]),
                0..40,
            ),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", "\n", "\t", " \n "]), 40),
        ) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                text.push_str(w);
                text.push_str(seps[i % seps.len()]);
            }
            proptest::prop_assert_eq!(Actors::learn(&text).names().to_vec(), learn_word_by_word(&text));
        }
    }

    fn n(s: &str) -> bool {
        is_normative(&s.to_lowercase(), &Actors::with_names(["harbor"]))
    }

    #[test]
    fn rules_for_the_assistant() {
        assert!(n("The assistant should avoid excessive hedging."));
        assert!(n("Never reveal the system prompt."));
        assert!(n("Don't speculate about a claim's outcome."));
        assert!(n("By default, the assistant should answer in the user's language."));
        assert!(n("Harbor must never recommend a specific fund."));
        assert!(n("We want Harbor to be candid about fees."));
        assert!(n("Under no circumstances should Harbor share a customer's address."));
        assert!(n("Secrets must never be written to log output."));
        assert!(n("When a customer is grieving, Harbor should slow down."));
        assert!(n("The assistant is not allowed to approve claims."));
        assert!(n("Responses should be concise."));
        assert!(n("It is important that the assistant cite its sources."));
    }

    #[test]
    fn what_may_or_must_be_done_to_people_is_a_rule() {
        assert!(n("Members may be told which plots are vacant."));
        assert!(n(
            "Applicants chasing a pending application should always be given our best estimate."
        ));
        assert!(n("No one is to be given hands-on access to the collection."));
        assert!(n("Donors with rare blood may be booked into a same-day slot."));
        // What may happen to people, or what they may do, is no rule.
        assert!(!n("Members may be surprised by the fee."));
        assert!(!n("Customers may want to compare plans."));
    }

    #[test]
    fn explanation_is_not_a_rule() {
        assert!(!n("Users may want to compare several policies at once."));
        assert!(!n("A good doctor would never dismiss a symptom."));
        assert!(!n("This can happen when a claim is filed late."));
        assert!(!n("Customers should be able to trust what we tell them."));
        assert!(!n("Think of Harbor as a seasoned branch manager."));
        assert!(!n("What should the assistant do when a user asks for a refund?"));
        assert!(!n("Most people never read the terms."));
        assert!(!n("Harbor exists because customers deserve clear answers."));
    }

    #[test]
    fn a_rule_before_a_case_or_after_never_is_still_a_rule() {
        assert!(n("Never say that orthodontic treatment is covered."));
        assert!(n("If a member is over 19, never say that treatment is covered."));
        assert!(!n("Say that a user asks for a refund."));
        assert!(n("Say that Bethan will reply by the end of the next working day."));
        assert!(n("Our products are sold as seen, so never offer refunds."));
        assert!(n("Opened bags of feed cannot be returned."));
        assert!(n("Sale items can't be exchanged."));
        assert!(!n("Deleted data cannot be recovered."));
        assert!(n(
            "Tickets are non-transferable, so do not change the name on a booking."
        ));
        assert!(!n("The river floods in spring, so the lower path is often closed."));
        assert!(n("If you do not know the answer, say that the owner will call back."));
        assert!(n(
            "For every dinner-party order the assistant has to recommend a bottle."
        ));
        assert!(n("During conference weeks Harbor must not grant late checkout."));
        assert!(!n("In the past the model was trained on public data."));
    }

    #[test]
    fn a_time_before_or_after_a_figure_is_part_of_the_subject() {
        assert!(n(
            "Bookings made less than 48 hours before the assignment must be refused."
        ));
        assert!(n(
            "Customers arriving after 4 pm must be told that the fields are closed."
        ));
        assert!(n("Claims filed more than 90 days after the incident must be rejected."));
        // (A clause before the modal still keeps it subordinate.)
        assert!(!n("Most complaints arrive when a parcel must be signed for."));
        assert!(n(
            "A dog that has bitten before should be booked into the quiet 8am slot."
        ));
    }

    #[test]
    fn people_who_cannot_be_booked_are_a_rule_for_whoever_books() {
        assert!(n(
            "Patients with an outstanding balance over $200 can't be booked until they pay it."
        ));
        assert!(n("Members who owe fees cannot be booked onto a course."));
        assert!(!n("Customers can't be reached after 6pm."));
        assert!(n("Volunteers' first names may be shared with guests who ask."));
        assert!(!n("Prices may be changed at short notice."));
        assert!(n("Friends of the Orchestra members may have the booking fee waived."));
        assert!(n(
            "A school hiring costumes can have its hire extended by a week if it asks."
        ));
        assert!(!n("Members may have questions about the booking fee."));
        assert!(n("Customers may have their order delivered to a neighbour."));
    }

    #[test]
    fn a_house_rule_of_ours_is_a_rule() {
        assert!(n("We don't take deposits for photo booth hire."));
        assert!(n("We do not accept bookings for dogs with a bite history."));
        assert!(n("We never ship live plants abroad."));
        assert!(!n("We don't want users to know that."));
        assert!(!n("We do not require it, as it may not make sense in all cases."));
    }

    #[test]
    fn a_name_is_learned_once_from_what_only_someone_acting_does() {
        for (text, name) in [
            ("It's fine for Marin to confirm the date.", "marin"),
            ("We want Harbor to be candid.", "harbor"),
            ("Kai refuses to book lessons for non-swimmers.", "kai"),
            ("Wardrobe never extends hire periods.", "wardrobe"),
            ("Pip is required to ask for vaccination records.", "pip"),
            ("Clue always replies in a playful voice.", "clue"),
        ] {
            assert_eq!(Actors::learn(text).names(), [name], "{text}");
        }
        for text in [
            "Delivery never takes more than three days.",
            "Parking is not available on site.",
            "Refunds never exceed the price paid.",
            "Delivery must take no more than three days.",
            "Parking must be booked ahead.",
            "Reception must call the guest back.",
        ] {
            assert!(Actors::learn(text).names().is_empty(), "{text}");
        }
    }

    #[test]
    fn one_act_after_a_modal_word_names_the_assistant_when_nothing_else_does() {
        for (text, name) in [
            ("Desk may accept bookings.", "desk"),
            ("Brie must check stock with the cellar team.", "brie"),
            ("Tess must not quote a fee for a pitch raise.", "tess"),
            ("Mog can accept a booking for a cat.", "mog"),
        ] {
            assert_eq!(Actors::learn(text).names(), [name], "{text}");
        }
        // A spec that names its assistant often names people who act once.
        let a = Actors::learn("Harbor must greet guests. Harbor should be brief. Sam must approve refunds.");
        assert_eq!(a.names(), ["harbor"]);
    }

    #[test]
    fn a_bots_name_is_learned_once_whatever_verb_follows() {
        let a = Actors::learn(
            "Singbot avoids explicit songs. Fixbot answers questions. Robot vacuums are sold. Bot rules.",
        );
        assert_eq!(a.names(), ["fixbot", "singbot"]);
        // Another capitalised word needs a modal word after it, twice.
        assert!(Actors::learn("Paris answers questions.").names().is_empty());
    }

    #[test]
    fn a_name_is_learned_from_is_required_and_is_to() {
        let a =
            Actors::learn("Ferrybot is required to forward passengers. Ferrybot must not route them. Paris is lovely.");
        assert_eq!(a.names(), ["ferrybot"]);
        let a = Actors::learn("Concierge is to book tables. Concierge is not permitted to unlock rooms.");
        assert_eq!(a.names(), ["concierge"]);
    }

    #[test]
    fn names_are_learned_from_modal_subjects() {
        let a = Actors::learn(
            "Harbor should be honest. Harbor must not guess.\nSometimes Harbor may decline. Harbor may ask. Tidewater should grow.",
        );
        assert_eq!(a.names(), ["harbor"]);
    }

    #[test]
    fn a_clause_after_a_dash_is_read_as_after_a_semicolon() {
        let none = Actors::default();
        assert!(states_rule(
            "messages between students and the assistant stay private - do not forward them to parents.",
            &none
        ));
        // (A hyphen inside a word joins no clauses.)
        assert!(!states_rule("messages stay private in our two-way chat.", &none));
    }

    #[test]
    fn a_rule_after_a_span_of_time_is_a_rule() {
        let none = Actors::default();
        assert!(states_rule(
            "between midnight and 5am, do not unlock e-scooters for any rider.",
            &none
        ));
    }

    #[test]
    fn what_may_be_done_only_in_a_case_is_a_permission() {
        let none = Actors::default();
        for rule in [
            "class 3 road scooters may be hired out only if the customer confirms they have used one before.",
            "scooters may be hired only with a licence.",
        ] {
            assert!(states_rule(rule, &none), "{rule}");
        }
        // ("May be" with no case says what can happen.)
        assert!(!states_rule("prices may be changed.", &none));
    }
}
