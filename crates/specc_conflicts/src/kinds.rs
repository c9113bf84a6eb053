//! The kinds of things policies name (#conflicts, issue 14: "hypernyms of
//! objects where a lexicon says so"): [`crate::lexicon::HYPERNYMS`], our
//! hand-written table, and `data/policy-kinds.txt`, the names policies give
//! things and the kinds they are of. A rule about a kind is a rule about each
//! thing of it ("never discuss vaccines" meets "explain the side effects of
//! the flu jab").
//!
//! (A module of its own: the table's words are keyed as the statement reader
//! keys an object's, and the reader takes the lexicon.)

use rustc_hash::FxHashMap as HashMap;

/// The names policies give things and the kinds they are of: `thing > kind`
/// lines, and `a = b` for two names of one thing (read both ways).
const POLICY_KINDS: &str = include_str!("../data/policy-kinds.txt");

/// A thing's keys and its kind's keys.
type Entry = (Vec<String>, Vec<String>);

/// The kinds an object's keys name, by [`crate::lexicon::HYPERNYMS`] and
/// [`POLICY_KINDS`], keyed as the object is; each kind once, sorted.
pub fn hypernym_keys(keys: &[String]) -> Vec<String> {
    // Keyed once, by each entry's first word: this runs for every positive
    // statement and every pair compared, so it looks up the object's words
    // rather than scanning the tables.
    static BY_FIRST: std::sync::OnceLock<HashMap<String, Vec<Entry>>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let k = |w: &&str| crate::lemma::key(crate::lexicon::noun_class(w));
        let mut map: HashMap<String, Vec<Entry>> = HashMap::default();
        for (things, kind) in crate::lexicon::HYPERNYMS {
            let things: Vec<String> = things.iter().map(k).collect();
            map.entry(things[0].clone())
                .or_default()
                .push((things, kind.iter().map(k).collect()));
        }
        for (things, kind) in policy_kinds() {
            if let Some(first) = things.first() {
                map.entry(first.clone()).or_default().push((things, kind));
            }
        }
        map
    });
    let mut out = Vec::new();
    // (A word named twice in the object adds its kinds once.)
    for (n, first) in keys.iter().enumerate() {
        if keys[..n].contains(first) {
            continue;
        }
        for (things, kind) in by_first.get(first).into_iter().flatten() {
            if things[1..].iter().all(|t| keys.contains(t)) {
                out.extend(kind.iter().cloned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A side of a [`POLICY_KINDS`] line as keys, as an object's words are
/// keyed (each word's keys kept in `seen`: the table repeats its words).
fn policy_keys<'a>(words: &'a str, seen: &mut HashMap<&'a str, Vec<String>>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for w in words.split(' ').map(|w| w.strip_suffix("'s").unwrap_or(w)) {
        if w.is_empty() || crate::statement::is_stop(w) {
            continue;
        }
        keys.extend(
            seen.entry(w)
                .or_insert_with(|| crate::statement::word_keys(&crate::lemma::lemma(w)))
                .iter()
                .cloned(),
        );
    }
    keys.dedup();
    keys
}

/// Every relation of [`POLICY_KINDS`] as (a thing's keys, its kind's keys),
/// with the kinds of its kinds.
fn policy_kinds() -> Vec<Entry> {
    let mut out = Vec::new();
    let mut seen = HashMap::default();
    for line in POLICY_KINDS.lines() {
        let Ok(Some((thing, kind, both))) = crate::lexicon::policy_kind_line(line) else {
            continue;
        };
        let (t, k) = (policy_keys(thing, &mut seen), policy_keys(kind, &mut seen));
        if t.is_empty() || k.is_empty() || t == k {
            continue;
        }
        if both {
            out.push((k.clone(), t.clone()));
        }
        out.push((t, k));
    }
    // The kinds of a thing's kinds, three links deep ("calpol > paracetamol",
    // "paracetamol = acetaminophen", "paracetamol > painkiller"): the table
    // names each link once.
    let mut next: HashMap<&[String], Vec<&[String]>> = HashMap::default();
    for (t, k) in &out {
        next.entry(t.as_slice()).or_default().push(k.as_slice());
    }
    let mut closed = Vec::with_capacity(next.len());
    for (thing, kinds) in &next {
        let mut reached: Vec<&[String]> = kinds.clone();
        let mut frontier = kinds.clone();
        for _ in 0..2 {
            let mut further = Vec::new();
            for k in frontier {
                for &more in next.get(k).into_iter().flatten() {
                    if more != *thing && !reached.contains(&more) {
                        reached.push(more);
                        further.push(more);
                    }
                }
            }
            frontier = further;
        }
        // (One entry per thing, its kinds' words together: what a lookup
        // adds is every word of every kind.)
        let mut words: Vec<String> = reached.into_iter().flatten().cloned().collect();
        words.sort();
        words.dedup();
        closed.push((thing.to_vec(), words));
    }
    // (Unsorted: what an object's kinds are is sorted where they are read.)
    closed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| crate::lemma::key(w)).collect()
    }

    fn has(kinds: &[String], kind: &str) -> bool {
        kinds.contains(&crate::lemma::key(kind))
    }

    #[test]
    fn kinds_of_things_name_their_kind() {
        assert!(has(
            &hypernym_keys(&keys(&["over-the-counter", "remedy"])),
            "medication"
        ));
        assert!(has(&hypernym_keys(&keys(&["savings", "account"])), "product"));
        assert!(has(&hypernym_keys(&keys(&["sponsored", "video"])), "advertisement"));
        // A new user's car club: "Book any vehicle" rules "do not book vans".
        assert!(has(&hypernym_keys(&keys(&["vans"])), "vehicle"));
        assert!(has(&hypernym_keys(&keys(&["antihistamine"])), "medication"));
        assert!(has(&hypernym_keys(&keys(&["strawberry"])), "fruit"));
        // Both words of a compound must be there.
        assert!(hypernym_keys(&keys(&["video"])).is_empty());
        assert!(hypernym_keys(&keys(&["widget"])).is_empty());
    }

    #[test]
    fn a_router_is_a_device() {
        assert!(has(&hypernym_keys(&keys(&["router"])), "device"));
        assert!(has(&hypernym_keys(&keys(&["laptop", "charger"])), "device"));
        assert!(hypernym_keys(&keys(&["route"])).is_empty());
    }

    #[test]
    fn a_pet_is_a_kind_of_pet_and_of_animal() {
        let cat = hypernym_keys(&keys(&["cat"]));
        assert!(has(&cat, "animal") && has(&cat, "pet"));
        assert!(has(&hypernym_keys(&keys(&["dog"])), "pet"));
        // A pet is an animal; no animal is a case of the pets.
        assert!(has(&hypernym_keys(&keys(&["pet"])), "animal"));
        assert!(!has(&hypernym_keys(&keys(&["animal"])), "pet"));
    }

    #[test]
    fn a_late_fee_or_a_fine_is_a_penalty() {
        assert!(has(&hypernym_keys(&keys(&["late", "payment", "fee"])), "penalty"));
        assert!(has(&hypernym_keys(&keys(&["fine"])), "penalty"));
        assert!(!has(&hypernym_keys(&keys(&["fee"])), "penalty"));
    }

    /// Words too broad to be a kind: every rule about them would meet every
    /// rule about anything.
    const TOO_BROAD: &[&str] = &[
        "thing",
        "item",
        "product",
        "service",
        "information",
        "data",
        "detail",
        "details",
        "matter",
        "issue",
        "stuff",
        "option",
        "feature",
        "support",
        "help",
        "request",
        "content",
        "file",
        "document",
        "person",
        "people",
        "customer",
    ];

    #[test]
    fn every_line_of_the_kinds_table_reads_and_names_no_broad_kind() {
        let relations = crate::lexicon::table_relations("policy-kinds.txt", POLICY_KINDS, 6);
        for &(line, thing, kind, both) in &relations {
            let broad = if both { vec![thing, kind] } else { vec![kind] };
            assert!(
                !broad.iter().any(|k| TOO_BROAD.contains(k)),
                "policy-kinds.txt:{line}: `{thing}` / `{kind}` names a kind too broad to compare by"
            );
        }
        assert!(relations.len() > 1000, "{} relations", relations.len());
    }

    #[test]
    fn the_policy_kinds_table_names_kinds_and_other_names() {
        let kinds_of = |ws: &[&str]| hypernym_keys(&keys(ws));
        // A thing's kind, and another name for it, both ways.
        assert!(has(&kinds_of(&["flu", "jab"]), "vaccine"));
        assert!(has(&kinds_of(&["vet"]), "veterinarian"));
        assert!(has(&kinds_of(&["veterinarian"]), "vet"));
        // Three links deep: a brand, its medicine, that medicine's class.
        assert!(has(&kinds_of(&["calpol"]), "paracetamol"));
        assert!(has(&kinds_of(&["calpol"]), "painkiller"));
        // Not the other way: a kind is no case of its things.
        assert!(!has(&kinds_of(&["painkiller"]), "calpol"));
        assert!(!has(&kinds_of(&["vaccine"]), "jab"));
    }

    #[test]
    fn a_side_is_keyed_as_an_objects_words_are() {
        // Stop words go; a compound of two words is both ("child-friendly").
        let mut seen = HashMap::default();
        assert_eq!(policy_keys("date of birth", &mut seen), keys(&["date", "birth"]));
        assert_eq!(
            policy_keys("wi-fi password", &mut seen),
            vec!["wi-fi".to_string(), crate::lemma::key("password")]
        );
    }
}
