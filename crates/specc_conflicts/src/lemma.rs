//! A small rule-based lemmatiser for the verbs and nouns of normative
//! statements. It needs to be consistent more than it needs to be right: two
//! statements match when their words have the same [`key`], so "providing",
//! "provides" and "provide" must meet, and the printed lemma should read well.
//!
//! Rules, in order: an irregular table; `-ies`/`-ied` to `-y`; `-ing` and `-ed`
//! stripped (a doubled final consonant undone, an `e` restored after endings
//! that take one: "provid" + e); `-sses`, `-shes`, `-ches`, `-xes`, `-zes`
//! lose `es`; any other final `s` goes unless the word ends in `ss`, `us` or `is`.
//!
//! Short gerunds and participles, whose stem is two letters, follow the spelling
//! rules of English directly rather than the endings table: a consonant + `y`
//! stem had `ie` ("tying" → "tie", the `ie` → `y` change before `-ing`); a vowel +
//! consonant stem lost a silent `e` ("using" → "use", "owing", "aging", "icing");
//! a consonant + vowel stem is the verb itself ("doing", "going"). Before `-ed` a
//! two-letter stem always lost an `e` ("used" → "use", "tied" → "tie", "eyed").
//! The irregular table keeps the common ones whatever the rule says ("being",
//! "having", "making", "lying", "dying").

use std::borrow::Cow;

const IRREGULAR: &[(&str, &str)] = &[
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("am", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("doing", "do"),
    ("done", "do"),
    ("made", "make"),
    ("making", "make"),
    ("gave", "give"),
    ("given", "give"),
    ("giving", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("taking", "take"),
    ("wrote", "write"),
    ("written", "write"),
    ("writing", "write"),
    ("told", "tell"),
    ("said", "say"),
    ("got", "get"),
    ("gotten", "get"),
    ("went", "go"),
    ("gone", "go"),
    ("going", "go"),
    ("saw", "see"),
    ("seen", "see"),
    ("lying", "lie"),
    ("lied", "lie"),
    ("lies", "lie"),
    ("dying", "die"),
    ("died", "die"),
    ("tying", "tie"),
    ("tied", "tie"),
    ("seeing", "see"),
    ("children", "child"),
    // Greek plurals in -es whose singular ends in -is.
    ("diagnoses", "diagnosis"),
    ("analyses", "analysis"),
    ("crises", "crisis"),
    ("hypotheses", "hypothesis"),
    ("prognoses", "prognosis"),
    ("men", "man"),
    ("women", "woman"),
    ("kept", "keep"),
    ("left", "leave"),
    ("brought", "bring"),
    ("thought", "think"),
    ("sought", "seek"),
    ("taught", "teach"),
    ("found", "find"),
    ("held", "hold"),
    ("led", "lead"),
    ("met", "meet"),
    ("sent", "send"),
    ("spent", "spend"),
    ("built", "build"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("shown", "show"),
    ("known", "know"),
    // Participles of the acts house rules name ("refunds are never paid in
    // cash", "tickets sold on the door").
    ("paid", "pay"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("lent", "lend"),
    ("hung", "hang"),
    ("dealt", "deal"),
    ("meant", "mean"),
    ("read", "read"),
    ("put", "put"),
    ("set", "set"),
    ("cut", "cut"),
    ("let", "let"),
    ("shut", "shut"),
    ("hidden", "hide"),
    ("ridden", "ride"),
    ("driven", "drive"),
    ("forgiven", "forgive"),
    ("forgotten", "forget"),
    ("stolen", "steal"),
    ("broken", "break"),
    ("spoken", "speak"),
    ("knew", "know"),
];

/// Words the suffix rules must leave alone (they only look inflected).
const KEEP: &[&str] = &[
    "thing",
    "nothing",
    "something",
    "anything",
    "everything",
    "during",
    "bring",
    "string",
    "morning",
    "evening",
    "king",
    "sing",
    "ring",
    "wing",
    "spring",
    "this",
    "its",
    "his",
    "yes",
    "news",
    "always",
    "perhaps",
    "was",
    "does",
    "analysis",
    "basis",
    "bias",
    "status",
    "lens",
    "series",
    "species",
    "process",
    "access",
    "address",
    "unless",
    "less",
    "across",
    "bus",
    "plus",
    "focus",
    "consensus",
    "thus",
    "us",
    "data",
    "media",
    "need",
    "feed",
    "speed",
    "seed",
    "indeed",
    "red",
    "bed",
    "shed",
    "embed",
    "proceed",
    "succeed",
    "exceed",
    "hundred",
];

/// Endings after which a stripped `-ing`/`-ed` stem takes back its `e`.
const E_ENDINGS: &[&str] = &[
    "at", "as", "iz", "is", "id", "ud", "iv", "ov", "ur", "uc", "os", "ar", "ir", "or", "us", "g", "c", "v", "bl",
    "tl", "pl", "dl", "gl", "ak", "um", "ib", "ot", "ut", "ag", "et", "ad", "od", "in", "om", "yz", "ys",
];

/// Endings that look like `CVC + e` but are not: "open", "offer", "consider".
const NO_E: &[&str] = &[
    "open",
    "happen",
    "listen",
    "offer",
    "consider",
    "answer",
    "render",
    "enter",
    "remember",
    "order",
    "gather",
    "visit",
    "limit",
    "edit",
    "exhibit",
    "inhibit",
    "prohibit",
    "credit",
    "audit",
    "benefit",
    "target",
    "budget",
    "explain",
    "maintain",
    "contain",
    "obtain",
    "retain",
    "refrain",
    "complain",
    "remain",
    "train",
    "sustain",
    "claim",
    "perform",
    "inform",
    "transform",
    "confirm",
    "affirm",
    "form",
    "reform",
    "harm",
    "warm",
    "alarm",
    "arm",
    "disarm",
    "doubt",
    "adopt",
    "output",
    "input",
    "put",
    "shut",
    "cut",
    "get",
    "set",
    "let",
    "bet",
    "meet",
    "greet",
    "sort",
    "report",
    "support",
    "distort",
    "assert",
    "insert",
    "convert",
    "alert",
    "shift",
    "begin",
    "join",
    "fix",
    "mix",
    "tag",
    "flag",
    "drag",
    "lag",
    "nag",
    "log",
    "blog",
    "hug",
    "debug",
    "plug",
    "dig",
    "shrug",
    "rig",
    "sing",
    "bring",
    "clarify",
    "reason",
    "question",
    "mention",
    "sanction",
    "function",
    "caution",
    "bias",
    "focus",
    "discuss",
    "pass",
    "miss",
    "dismiss",
    "assess",
    "express",
    "stress",
    "process",
    "address",
    "access",
    "possess",
    "suppress",
    "impress",
    "confess",
    "bless",
    "guess",
    "kiss",
    "toss",
    "cross",
    "boss",
    "fuss",
    "discus",
    "appear",
    "clear",
    "fear",
    "hear",
    "near",
    "wear",
    "bear",
    "tear",
    "swear",
    "endear",
    "occur",
    "recur",
    "incur",
    "concur",
    "blur",
    "stir",
    "whir",
    "honor",
    "monitor",
    "mirror",
    "favor",
    "tailor",
    "author",
    "mentor",
    "censor",
    "sponsor",
    "factor",
    "anchor",
    "color",
    "labor",
    "ignor",
    "elicit",
    "solicit",
    "omit",
    "admit",
    "commit",
    "submit",
    "emit",
    "permit",
    "transmit",
    "remit",
    "split",
    "quit",
    "knit",
    "suit",
    "recruit",
    "exploit",
    "vomit",
    "credit",
];

/// Whether a word is one of the common verbs of English, by WordNet 3.0
/// (data/wordnet-verbs.txt, written by scripts/lexicon/wordnet-verbs.py):
/// "release", "wrap", "enroll" open imperatives this lexicon has no class for.
pub fn is_common_verb(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/wordnet-verbs.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
    .contains(word)
}

/// The lemma of one lowercase word.
pub fn lemma(word: &str) -> Cow<'_, str> {
    // (Most words need no trimming: their ends are ASCII letters or digits.)
    let b = word.as_bytes();
    let w = if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        word
    } else {
        word.trim_matches(|c: char| !c.is_alphanumeric())
    };
    let w = if ends(w, "'s") { &w[..w.len() - 2] } else { w };
    // Hashed once: lemma runs for every word of every statement.
    // One table, one lookup: an irregular word's lemma, or the word itself
    // for one that is kept as it is.
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: rustc_hash::FxHashMap<&'static str, &'static str> = KEEP.iter().map(|k| (*k, *k)).collect();
        t.extend(IRREGULAR.iter().copied());
        t
    });
    if let Some(l) = table.get(w) {
        return Cow::Borrowed(l);
    }
    if w.len() <= 3 || !w.is_ascii() {
        return Cow::Borrowed(w);
    }
    // (Suffixes compared byte by byte, by the last letter first: this runs
    // for most words, and a library compare is a call each.)
    let last = w.as_bytes()[w.len() - 1];
    if (last == b's' && ends(w, "ies") || last == b'd' && ends(w, "ied")) && w.len() >= 5 {
        return Cow::Owned(format!("{}y", &w[..w.len() - 3]));
    }
    for (suffix, ing) in [("ing", true), ("ed", false)] {
        if last != suffix.as_bytes()[suffix.len() - 1] || !ends(w, suffix) {
            continue;
        }
        let stem = &w[..w.len() - suffix.len()];
        if stem.len() >= 3 && stem.chars().any(is_vowel) {
            return restore(stem);
        }
        if let Some(l) = short_stem(stem, ing) {
            return Cow::Owned(l);
        }
    }
    if last == b's' {
        for suffix in ["sses", "shes", "ches", "xes", "zes"] {
            if ends(w, suffix) {
                return Cow::Borrowed(&w[..w.len() - 2]);
            }
        }
        // ("taxis", "skis": plurals of nouns in -i, unlike "analysis".)
        let plural_of_i = matches!(
            w,
            "taxis" | "skis" | "kiwis" | "emojis" | "wikis" | "safaris" | "bikinis" | "martinis" | "alibis" | "sushis"
        );
        if plural_of_i || !(ends(w, "ss") || ends(w, "us") || ends(w, "is")) {
            return Cow::Borrowed(&w[..w.len() - 1]);
        }
    }
    Cow::Borrowed(w)
}

/// Whether `w` ends with `suffix`, compared byte by byte (no library call).
fn ends(w: &str, suffix: &str) -> bool {
    let (w, s) = (w.as_bytes(), suffix.as_bytes());
    w.len() >= s.len() && w[w.len() - s.len()..].iter().zip(s).all(|(a, b)| a == b)
}

/// The verb of a two-letter stem left by `-ing` or `-ed` ("us" + "ing" → "use").
fn short_stem(stem: &str, ing: bool) -> Option<String> {
    let b = stem.as_bytes();
    let [a, z] = b else { return None };
    let (a, z) = (*a as char, *z as char);
    if !a.is_ascii_alphabetic() || !z.is_ascii_alphabetic() {
        return None;
    }
    let vowel = |c: char| is_vowel(c) || c == 'y';
    if !vowel(a) && !vowel(z) {
        return None;
    }
    if !ing {
        if z == 'e' {
            // "deed", "heed", "reed": not a participle.
            return None;
        }
        // "used", "owed", "tied", "eyed": the `e` went before `-ed`.
        return Some(format!("{stem}e"));
    }
    Some(match (vowel(a), z) {
        // "tying", "vying": `ie` became `y` before `-ing`.
        (false, 'y') => format!("{a}ie"),
        // "using", "owing", "aging": a silent `e` was dropped.
        (true, _) if !is_vowel(z) => format!("{stem}e"),
        // "doing", "going": the verb itself.
        _ => stem.to_string(),
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Undoes what `-ing`/`-ed` did to a stem: "runn" → "run", "provid" → "provide".
fn restore(stem: &str) -> Cow<'_, str> {
    let b = stem.as_bytes();
    let n = b.len();
    // ("adding", "erring": a short verb that ends doubled keeps both.)
    if n >= 2
        && b[n - 1] == b[n - 2]
        && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f' | b'e' | b'o')
        && !(n <= 3 && is_common_verb(stem))
    {
        return Cow::Borrowed(&stem[..n - 1]);
    }
    // Hashed once: a list of some hundred stems, asked for every -ing and -ed word.
    static NO_E_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    if stem.ends_with('e') || NO_E_SET.get_or_init(|| NO_E.iter().copied().collect()).contains(stem) {
        return Cow::Borrowed(stem);
    }
    // "licensing", "dispensed", "rinsing": `-nse` verbs lost their `e`.
    if n >= 4 && stem.ends_with("ns") {
        return Cow::Owned(format!("{stem}e"));
    }
    // "scheduled", "modules": a consonant, `u` and `l` had an `e`.
    if n >= 4 && stem.ends_with("ul") && !is_vowel(b[n - 3] as char) {
        return Cow::Owned(format!("{stem}e"));
    }
    // "issuing", "continuing", "rescuing": the `e` after `u` went before `-ing`.
    if n >= 3 && b[n - 1] == b'u' && !is_vowel(b[n - 2] as char) {
        return Cow::Owned(format!("{stem}e"));
    }
    // British doubling before a suffix: "labelling", "cancelled", "travelling".
    if n >= 5
        && stem.ends_with("ll")
        && [
            "label", "cancel", "travel", "model", "level", "signal", "channel", "counsel", "fuel", "total", "dial",
            "marshal", "funnel", "tunnel", "enrol",
        ]
        .contains(&&stem[..n - 1])
    {
        return Cow::Borrowed(&stem[..n - 1]);
    }
    let last_vowel = b[n - 1].is_ascii() && is_vowel(b[n - 1] as char);
    if !last_vowel && E_ENDINGS.iter().any(|e| stem.ends_with(e)) {
        // "help", "reveal", "claim" end in two consonants or a vowel pair: no e.
        let before = b.get(n.wrapping_sub(2)).map(|&c| is_vowel(c as char)).unwrap_or(false);
        let before2 = b.get(n.wrapping_sub(3)).map(|&c| is_vowel(c as char)).unwrap_or(false);
        let single_vowel = before && !before2;
        if single_vowel
            || stem.ends_with('g')
            || stem.ends_with('c')
            || stem.ends_with('v')
            || stem.ends_with("bl")
            || stem.ends_with("tl")
            || stem.ends_with("pl")
            || stem.ends_with("dl")
            || stem.ends_with("gl")
        {
            return Cow::Owned(format!("{stem}e"));
        }
    }
    // "quoting", "dated": where the patterns above see no "e", a common verb
    // (WordNet's) that ends in one, where the stem is none ("singing" keeps "sing").
    // (On the stack: this runs for most "-ing" and "-ed" words, and the
    // lemmatiser only gets here with ASCII.)
    if n < 31 && !is_common_verb(stem) {
        let mut buf = [0u8; 32];
        buf[..n].copy_from_slice(b);
        buf[n] = b'e';
        if let Ok(with_e) = std::str::from_utf8(&buf[..=n])
            && is_common_verb(with_e)
        {
            return Cow::Owned(with_e.to_string());
        }
    }
    Cow::Borrowed(stem)
}

/// What two words must share to count as the same word: the lemma without a
/// final `e`, so a wrong guess about the `e` cannot split a pair.
pub fn key(word: &str) -> String {
    let l = lemma(word);
    // (Borrowed where it can be: a key is asked for every word of every object.)
    if l.len() >= 3 && l.ends_with('e') {
        l[..l.len() - 1].to_string()
    } else {
        l.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_that_lost_its_e_gets_it_back_when_wordnet_has_the_verb() {
        // (And a short verb that ends doubled keeps both: "adding" was "ad",
        // an advertisement.)
        assert_eq!(lemma("taxis"), "taxi");
        assert_eq!(lemma("skis"), "ski");
        assert_eq!(lemma("analysis"), "analysis");
        assert_eq!(lemma("adding"), "add");
        assert_eq!(lemma("added"), "add");
        assert_eq!(lemma("stopping"), "stop");
        assert_eq!(lemma("quoting"), "quote");
        assert_eq!(lemma("dated"), "date");
        assert_eq!(lemma("singing"), "sing");
    }

    #[test]
    fn verbs_and_nouns_lemmatise() {
        for (w, l) in [
            ("providing", "provide"),
            ("diagnoses", "diagnosis"),
            ("provides", "provide"),
            ("provided", "provide"),
            ("generating", "generate"),
            ("sharing", "share"),
            ("revealing", "reveal"),
            ("helping", "help"),
            ("running", "run"),
            ("telling", "tell"),
            ("encouraging", "encourage"),
            ("producing", "produce"),
            ("opening", "open"),
            ("refusing", "refuse"),
            ("policies", "policy"),
            ("applies", "apply"),
            ("users", "user"),
            ("processes", "process"),
            ("addresses", "address"),
            ("uses", "use"),
            ("is", "be"),
            ("lying", "lie"),
            ("thing", "thing"),
            ("analysis", "analysis"),
            ("user's", "user"),
            ("engaging", "engage"),
            ("speculating", "speculate"),
            ("claiming", "claim"),
            ("disclosing", "disclose"),
        ] {
            assert_eq!(lemma(w), l, "{w}");
        }
    }

    #[test]
    fn british_doubling_and_a_dropped_e_after_u() {
        for (w, l) in [
            ("issuing", "issue"),
            ("continued", "continue"),
            ("labelling", "label"),
            ("cancelled", "cancel"),
            ("travelling", "travel"),
            ("calling", "call"),
            ("installing", "install"),
            ("scheduled", "schedule"),
            ("licensing", "license"),
            ("dispensed", "dispense"),
            ("pulled", "pull"),
            ("fouled", "foul"),
        ] {
            assert_eq!(lemma(w), l, "{w}");
        }
    }

    #[test]
    fn short_gerunds_and_participles() {
        for (w, l) in [
            ("using", "use"),
            ("used", "use"),
            ("owing", "owe"),
            ("aging", "age"),
            ("icing", "ice"),
            ("being", "be"),
            ("doing", "do"),
            ("going", "go"),
            ("seeing", "see"),
            ("having", "have"),
            ("making", "make"),
            ("taking", "take"),
            ("giving", "give"),
            ("lying", "lie"),
            ("dying", "die"),
            ("tying", "tie"),
            ("tied", "tie"),
            ("vying", "vie"),
            ("eyed", "eye"),
            // Not inflected, or too short to tell: left alone.
            ("thing", "thing"),
            ("king", "king"),
            ("bed", "bed"),
            ("sped", "sped"),
            ("heed", "heed"),
            ("deed", "deed"),
            ("use", "use"),
        ] {
            assert_eq!(lemma(w), l, "{w}");
        }
        assert_eq!(key("using"), key("use"));
        assert_eq!(key("used"), key("uses"));
        assert_eq!(key("tying"), key("ties"));
    }

    #[test]
    fn keys_meet_across_forms() {
        assert_eq!(key("provide"), key("providing"));
        assert_eq!(key("share"), key("shared"));
        assert_eq!(key("reveal"), key("reveals"));
        assert_ne!(key("reveal"), key("review"));
    }
}
