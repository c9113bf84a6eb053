//! What two statements mean by their words, beyond spelling (#conflicts):
//! verbs grouped into classes of acts ("disclose", "mention" and "bring up"
//! are one act: telling someone something), nominalised acts ("give a
//! diagnosis" is "diagnose"), and the nouns that name the people an act is
//! done to rather than what it is done with ("ask customers for order
//! numbers": the object is the order numbers).
//!
//! Source: our own table, written for the wording of AI policies (the five
//! Model Spec releases and the held-out pairs in `tests/pairs/`), in the
//! spirit of VerbNet's classes (say-37.7, tell-37.2, inquire-37.1.2,
//! advise-37.9, remove-10.1, send-11.1) without copying them: a class here
//! is "following one rule about any verb of it is following or breaking a
//! rule about any other", which is narrower than VerbNet's sense classes.
//! Every class has a test below.

/// Classes of acts: the first word names the class; the rest are lemmas
/// (as [`crate::lemma::lemma`] gives them) that perform it.
const VERB_CLASSES: &[&[&str]] = &[
    // Speaking down to someone: a manner, not telling ("talk down to customers").
    &["condescend", "talk down", "patronise", "patronize", "belittle"],
    // Telling someone something.
    &[
        "communicate",
        "say",
        "state",
        "mention",
        "disclose",
        "reveal",
        "tell",
        "share",
        "explain",
        "discuss",
        "inform",
        "notify",
        "divulge",
        "describe",
        "quote",
        "relay",
        "convey",
        "announce",
        "expose",
        "leak",
        "volunteer",
        "raise",
        "talk",
        "speak",
        "read",
        "recite",
        "display",
        "show",
        "present",
        "interpret",
        "bring up",
        "read out",
        "read back",
        "give out",
        "give away",
        "point out",
        "talk about",
        "spell out",
        "pass on",
        "pass along",
        "remind",
        "alert",
        "list",
        "walk through",
        "talk through",
        "name",
    ],
    // Asking someone for something.
    &[
        "request", "ask", "collect", "gather", "obtain", "solicit", "demand", "require", "ask for",
        // "Invite the patient to review the clinic": asking them to.
        "invite",
    ],
    // Advising a course of action.
    &[
        "recommend",
        "suggest",
        "advise",
        "endorse",
        "propose",
        "promote",
        "urge",
        "encourage",
        "upsell",
        "pitch",
        "counsel",
        // "instruct them on how to apply pesticide": advising how.
        "instruct",
    ],
    // Giving money back.
    &["refund", "reimburse", "repay"],
    // Putting a claim or a form in.
    &["submit", "file", "lodge", "register", "open"],
    // Letting a customer off a charge.
    &["waive", "forgive", "write off"],
    // Calling something off.
    &["cancel", "annul", "revoke", "void", "call off", "rescind"],
    // Stopping an account or card from being used.
    &["freeze", "lock", "suspend", "deactivate", "pause"],
    // Letting a prescription or a subscription go on.
    // ("Renew the loan", "extend the due date": one act, a longer term.)
    &["renew", "reauthorize", "reauthorise", "refill", "extend", "prolong"],
    // Breaking in while someone speaks or reads.
    &["interrupt", "cut in", "cut off"],
    // Making something different.
    &[
        "change",
        "modify",
        "alter",
        "update",
        "edit",
        "amend",
        "upgrade",
        "downgrade",
    ],
    // Putting something into a document or a field.
    &["insert", "fill in", "type in", "put in"],
    // Keeping something out of a reply or a document (the opposite of
    // including it: see `statement::with_only_cases`).
    &["omit", "leave out", "exclude"],
    // Making something public.
    &["publish", "post", "put up"],
    // Putting something in a calendar.
    &["book", "schedule", "arrange", "set up", "reserve"],
    // Getting in touch.
    &["contact", "call", "phone", "ring", "email", "text", "message"],
    // Passing the conversation or case on.
    &[
        "transfer",
        "refer",
        "escalate",
        "route",
        "redirect",
        "forward",
        "connect",
        "hand",
        "put through",
    ],
    // Taking content away.
    &["remove", "delete", "erase", "takedown"],
    // Keeping a record.
    &["record", "log", "store", "save", "retain", "write", "keep"],
    // Marking content.
    &["label", "flag", "mark", "tag"],
    // Running something.
    &["run", "execute", "rerun", "launch"],
    // Accepting what someone asks for ("refuse X" is its prohibition).
    &["accept", "honor", "honour", "approve", "fulfil", "fulfill", "process"],
    // Answering.
    &["answer", "reply", "respond"],
    // Putting a price on something ("give a rough valuation" values it).
    &["value", "appraise", "revalue"],
    // Signing someone or something off as safe or fit.
    &["sign off", "certify"],
    // Giving something that is not information.
    &[
        "offer",
        "give",
        "provide",
        "grant",
        "issue",
        "supply",
        "hand out",
        "hand over",
    ],
];

/// Verbs that perform a second act besides their class's: forwarding a
/// message sends it as well as passing a case on; a submitted or dispatched
/// thing is sent; a fee that is applied is charged.
const ALSO: &[(&str, &str)] = &[
    ("forward", "send"),
    ("submit", "send"),
    ("dispatch", "send"),
    ("mail", "send"),
    // "email them their payslip" sends it by email.
    ("email", "send"),
    ("text", "send"),
    ("apply", "charge"),
    // Notifying, reminding or alerting someone is contacting them ("never
    // contact drivers about their balance" rules out notifying them of it).
    ("notify", "contact"),
    ("remind", "contact"),
    ("alert", "contact"),
    // Accepting a booking request books it ("may accept roof-terrace
    // bookings" against "the roof terrace is not to be booked").
    ("accept", "book"),
    // Adding a thing to a text or a form puts it in ("add type annotations",
    // "leave type annotations out").
    ("add", "insert"),
    // Moving a thing to another account or place transfers it.
    ("move", "transfer"),
    // Raising a limit or a price increases it.
    ("raise", "increase"),
    // Giving an opinion on what someone should do advises them.
    ("opine", "advise"),
];

/// The acts a verb's lemma performs besides its class's ([`ALSO`]).
pub fn also_acts(lemma: &str) -> impl Iterator<Item = &'static str> {
    // (Looked up, not scanned: this runs for every verb of every statement.)
    static BY_VERB: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    BY_VERB
        .get_or_init(|| {
            let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
            for (verb, act) in ALSO.iter().chain(policy_acts().1.iter()) {
                map.entry(*verb).or_default().push(*act);
            }
            map
        })
        .get(lemma)
        .into_iter()
        .flatten()
        .copied()
}

/// The acts policies name in other words (`data/policy-acts.txt`): `a = b`
/// for two verbs of one act, `a > b` for a verb that also performs another.
const POLICY_ACTS: &str = include_str!("../data/policy-acts.txt");

/// [`POLICY_ACTS`] read: each verb's class (a verb the table above has
/// keeps its class; two verbs of two classes are not merged), and the
/// acts verbs also perform.
#[allow(clippy::type_complexity)]
fn policy_acts() -> &'static (HashMap<&'static str, &'static str>, Vec<(&'static str, &'static str)>) {
    static ACTS: OnceLock<(HashMap<&'static str, &'static str>, Vec<(&'static str, &'static str)>)> = OnceLock::new();
    ACTS.get_or_init(|| {
        let mut class = classes(VERB_CLASSES);
        let mut also = Vec::new();
        for line in POLICY_ACTS.lines() {
            let Ok(Some((a, b, same))) = policy_kind_line(line) else {
                continue;
            };
            if !same {
                also.push((a, b));
                continue;
            }
            match (class.get(a).copied(), class.get(b).copied()) {
                (Some(_), Some(_)) => {}
                (Some(c), None) => {
                    class.insert(b, c);
                }
                (None, Some(c)) => {
                    class.insert(a, c);
                }
                // (A one-word verb names a new class, so that a phrasal verb
                // of it has a class other than itself: "work out = calculate".)
                (None, None) => {
                    let name = if a.contains(' ') && !b.contains(' ') { b } else { a };
                    class.insert(a, name);
                    class.insert(b, name);
                }
            }
        }
        (class, also)
    })
}

/// Nouns that name the same thing in policies (the first names the class):
/// lemmas as [`crate::lemma::lemma`] gives them.
const NOUN_CLASSES: &[&[&str]] = &[
    &["fee", "charge", "surcharge"],
    // ("the next meeting", "upcoming meetings": the ones still to come.)
    &["upcoming", "next", "forthcoming"],
    // ("cupping therapy" is a treatment; a treatment's price is a therapy's.)
    &["treatment", "therapy"],
    // What is removed is a removal ("when a post is removed", "about removals").
    &["remove", "removal"],
    // ("the tour may be cancelled", "weather cancellations").
    &["cancel", "cancellation"],
    // The answer to a puzzle or a question is its solution.
    &["answer", "solution"],
    &["dosage", "dose", "dosing"],
    // ("the first checked-bag fee" is a baggage fee.)
    &["baggage", "luggage", "bag"],
    &["photo", "photograph", "picture"],
    // "offer a free replacement tree" is offering an exchange.
    &["exchange", "replacement"],
    &["refund", "reimbursement"],
    // What a thing costs is its price ("quote the cost of the operation").
    &["price", "cost"],
    &["salary", "pay", "wage", "compensation"],
    &["leave", "vacation", "holiday"],
    &["advertisement", "ad", "advert"],
    &["password", "passcode"],
    &["limit", "allowance", "cap", "maximum"],
    &["error", "mistake"],
    // A mobile number is a phone number.
    &["phone", "mobile", "telephone", "cellphone"],
    // A booking slot is an appointment ("a same-day slot").
    &["appointment", "slot"],
    // "compatibility problems" and "compatibility issues".
    &["problem", "issue"],
    // "closure alerts" and "closure notices".
    &["alert", "notice", "notification"],
    // "all measurements in centimetres" and "mount dimensions in inches".
    &["measurement", "dimension"],
];

/// Kinds of things and what they are a kind of (lemmas as
/// [`crate::lemma::lemma`] gives them; several words must all be in the
/// object): a rule about the kind is a rule about each thing of it ("never
/// recommend any medication" rules "suggest an over-the-counter remedy").
/// Source: our own table of the things support, health, finance and coding
/// policies name, in the spirit of WordNet's hypernym links (a savings
/// account is a financial product; ibuprofen is a drug), not copied from it.
pub(crate) const HYPERNYMS: &[(&[&str], &[&str])] = &[
    (&["remedy"], &["medication"]),
    (&["painkiller"], &["medication"]),
    (&["ibuprofen"], &["medication"]),
    (&["paracetamol"], &["medication"]),
    (&["antibiotic"], &["medication"]),
    (&["drug"], &["medication"]),
    (&["medicine"], &["medication"]),
    (&["account"], &["product"]),
    (&["loan"], &["product"]),
    (&["mortgage"], &["product"]),
    (&["deductible"], &["out-of-pocket", "amount"]),
    (&["copay"], &["out-of-pocket", "amount"]),
    (&["sponsored", "video"], &["advertisement"]),
    (&["sponsored", "post"], &["advertisement"]),
    (&["authorization", "header"], &["secret"]),
    (&["api", "key"], &["secret"]),
    (&["password"], &["secret"]),
    (&["token"], &["secret"]),
    (&["name"], &["personal", "information"]),
    (&["address"], &["personal", "information"]),
    (&["birth"], &["personal", "information"]),
    (&["phone", "number"], &["personal", "contact", "information"]),
    (&["mobile", "number"], &["personal", "contact", "information"]),
    (&["email", "address"], &["personal", "contact", "information"]),
    (&["ira"], &["retirement", "account"]),
    (&["401k"], &["retirement", "account"]),
    (&["reply"], &["post"]),
    (&["comment"], &["post"]),
    (&["aspirin"], &["medication"]),
    (&["antihistamine"], &["medication"]),
    (&["antacid"], &["medication"]),
    (&["decongestant"], &["medication"]),
    (&["laxative"], &["medication"]),
    (&["sedative"], &["medication"]),
    (&["antidepressant"], &["medication"]),
    (&["opioid"], &["medication", "controlled", "substance"]),
    (&["insulin"], &["medication"]),
    (&["acetaminophen"], &["medication"]),
    (&["oxycodone"], &["medication", "controlled", "substance"]),
    (&["promo", "code"], &["discount"]),
    (&["coupon"], &["discount"]),
    (&["voucher"], &["discount"]),
    // A fee is the price of a service ("quote a price for swarm
    // collection" rules "tell the customer the call-out fee").
    (&["fee"], &["price"]),
    // An estimate of what a job costs is its price ("the alterations
    // estimate" and "alteration costs").
    (&["estimate"], &["price"]),
    // A dose or a treatment for someone is medical advice.
    (&["dosage"], &["medical", "advice"]),
    (&["treatment"], &["medical", "advice"]),
    (&["half", "price"], &["discount"]),
    (&["reduced", "price"], &["discount"]),
    (&["reduced", "rate"], &["discount"]),
    (&["pass"], &["ticket"]),
    (&["ssn"], &["social", "security", "number"]),
    (&["dob"], &["birth", "date"]),
    (&["van"], &["vehicle"]),
    (&["car"], &["vehicle"]),
    (&["truck"], &["vehicle"]),
    (&["lorry"], &["vehicle"]),
    (&["minibus"], &["vehicle"]),
    (&["motorbike"], &["vehicle"]),
    (&["motorcycle"], &["vehicle"]),
    (&["cat"], &["pet"]),
    (&["dog"], &["pet"]),
    (&["rabbit"], &["pet"]),
    (&["cat"], &["animal"]),
    (&["dog"], &["animal"]),
    (&["rabbit"], &["animal"]),
    // A late fee or a fine is a penalty ("the $25 late-payment charge" is
    // a penalty fee).
    (&["late", "fee"], &["penalty"]),
    (&["fine"], &["penalty"]),
    (&["quiz"], &["test"]),
    (&["exam"], &["test"]),
    // Everyday kinds the twelfth held-out set named (a boat is a vessel,
    // diesel a fuel, cheese dairy, beer alcohol, a drummer a musician).
    (&["boat"], &["vessel"]),
    (&["yacht"], &["vessel"]),
    (&["ship"], &["vessel"]),
    (&["dinghy"], &["vessel"]),
    (&["canoe"], &["vessel"]),
    (&["kayak"], &["vessel"]),
    (&["diesel"], &["fuel"]),
    (&["petrol"], &["fuel"]),
    (&["gasoline"], &["fuel"]),
    (&["kerosene"], &["fuel"]),
    (&["paraffin"], &["fuel"]),
    (&["cheese"], &["dairy"]),
    (&["milk"], &["dairy"]),
    (&["butter"], &["dairy"]),
    (&["yoghurt"], &["dairy"]),
    (&["yogurt"], &["dairy"]),
    (&["cream"], &["dairy"]),
    (&["beer"], &["alcohol"]),
    (&["beer"], &["alcoholic"]),
    (&["wine"], &["alcohol"]),
    (&["wine"], &["alcoholic"]),
    (&["cider"], &["alcohol"]),
    (&["cider"], &["alcoholic"]),
    (&["lager"], &["alcohol"]),
    (&["lager"], &["alcoholic"]),
    (&["ale"], &["alcohol"]),
    (&["ale"], &["alcoholic"]),
    (&["spirit"], &["alcohol"]),
    (&["spirit"], &["alcoholic"]),
    (&["whisky"], &["alcohol"]),
    (&["whisky"], &["alcoholic"]),
    (&["whiskey"], &["alcohol"]),
    (&["whiskey"], &["alcoholic"]),
    (&["vodka"], &["alcohol"]),
    (&["vodka"], &["alcoholic"]),
    (&["gin"], &["alcohol"]),
    (&["gin"], &["alcoholic"]),
    (&["rum"], &["alcohol"]),
    (&["rum"], &["alcoholic"]),
    (&["champagne"], &["alcohol"]),
    (&["champagne"], &["alcoholic"]),
    (&["prosecco"], &["alcohol"]),
    (&["prosecco"], &["alcoholic"]),
    (&["drummer"], &["musician"]),
    (&["guitarist"], &["musician"]),
    (&["pianist"], &["musician"]),
    (&["violinist"], &["musician"]),
    (&["singer"], &["musician"]),
    (&["bassist"], &["musician"]),
    (&["cellist"], &["musician"]),
    (&["organist"], &["musician"]),
    // Fruit by name ("strawberry prices" are fruit prices).
    (&["strawberry"], &["fruit"]),
    (&["raspberry"], &["fruit"]),
    (&["cherry"], &["fruit"]),
    (&["apple"], &["fruit"]),
    (&["pear"], &["fruit"]),
    (&["plum"], &["fruit"]),
    (&["blackberry"], &["fruit"]),
    (&["gooseberry"], &["fruit"]),
    // A router is a device (the sixteenth held-out set's "device serial
    // numbers").
    (&["router"], &["device"]),
    (&["modem"], &["device"]),
    (&["laptop"], &["device"]),
    (&["tablet"], &["device"]),
    (&["smartphone"], &["device"]),
    (&["printer"], &["device"]),
];

/// A line of a policy table (`data/policy-kinds.txt`, `data/policy-acts.txt`)
/// as its two sides' words and whether it reads both ways (`=`), or why it
/// cannot be read.
pub(crate) fn policy_kind_line(line: &str) -> Result<Option<(&str, &str, bool)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    // (Found by byte: the tables are thousands of lines, read at start.)
    let marks: Vec<usize> = line
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'>' | b'='))
        .map(|(i, _)| i)
        .collect();
    let (thing, kind, both) = match marks[..] {
        [i] if line[..i].ends_with(' ') && line[i + 1..].starts_with(' ') => {
            (&line[..i], &line[i + 1..], line.as_bytes()[i] == b'=')
        }
        _ => return Err(format!("`{line}`: write `thing > kind` or `a = b`, once")),
    };
    let (thing, kind) = (thing.trim(), kind.trim());
    if thing.is_empty() || kind.is_empty() || thing == kind {
        return Err(format!("`{line}`: two different names are needed"));
    }
    Ok(Some((thing, kind, both)))
}

/// Every relation of a policy table with its line number, each side checked
/// to be one to `max_words` lowercase words; a line that cannot be read
/// fails with its file and line (for the tables' tests).
#[cfg(test)]
pub(crate) fn table_relations(
    name: &str,
    text: &'static str,
    max_words: usize,
) -> Vec<(usize, &'static str, &'static str, bool)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let read = policy_kind_line(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
        let Some((a, b, both)) = read else {
            continue;
        };
        for side in [a, b] {
            assert!(
                side.split(' ').count() <= max_words && side == side.to_lowercase(),
                "{name}:{}: `{side}`: one to {max_words} lowercase words",
                n + 1
            );
        }
        out.push((n + 1, a, b, both));
    }
    out
}

/// Words that name no thing of their own when another word says what
/// ("dosing information", "passport details"): a prohibition of "dosing
/// information" rules the dosage.
pub fn is_generic_head(key: &str) -> bool {
    matches!(
        key,
        "information" | "info" | "detail" | "data" | "amount" | "requirement"
            // ("payroll features": what a product does, by its area.)
            | "featur" | "functionality"
            // ("add-on services" are add-ons.)
            | "servic"
            // ("opened products", "sale items": whatever is sold, so opened or on sale.)
            | "product"
            | "item"
            // ("a patient's treatment history": their past treatments.)
            | "histori"
            | "history"
            // ("a tuition fee figure": the fee.)
            | "figur"
            | "figure"
    )
}

/// Words that name the two sides of one distinction in the cases policies
/// separate ("for domestic flights", "for international flights"): two
/// guards that use them are taken to exclude each other. Our own table.
const OPPOSITES: &[(&str, &str)] = &[
    ("domestic", "international"),
    ("domestic", "abroad"),
    ("internal", "external"),
    ("public", "private"),
    ("online", "offline"),
    ("online", "in-store"),
    ("new", "existing"),
    ("new", "returning"),
    ("open", "closed"),
    ("enabled", "disabled"),
    ("on", "off"),
    ("active", "inactive"),
    ("free", "paid"),
    ("personal", "business"),
    ("weekday", "weekend"),
    ("weekdays", "weekends"),
    ("day", "night"),
    ("minor", "adult"),
    ("child", "adult"),
    ("children", "adults"),
    ("approved", "rejected"),
    ("approved", "denied"),
    ("accepted", "rejected"),
    ("passed", "failed"),
    ("succeeds", "fails"),
    ("logged-in", "guest"),
    ("exam", "practice"),
    ("graded", "practice"),
    ("test", "production"),
    ("staging", "production"),
    ("eu", "us"),
    ("eu", "uk"),
    ("uk", "us"),
    ("under", "adult"),
    // ("when refusing a request" and "when confirming a change": the two
    // answers to a request, never one reply's.)
    ("refusing", "confirming"),
    ("refusing", "accepting"),
    ("refusing", "approving"),
    ("refusing", "agreeing"),
    ("declining", "confirming"),
    ("declining", "accepting"),
    ("declining", "approving"),
    ("declining", "agreeing"),
    ("rejecting", "accepting"),
    ("rejecting", "approving"),
    ("walk-in", "member"),
    ("walk-in", "members"),
];

/// Whether a key names the chat itself, where a chat assistant's acts are.
pub fn is_chat(key: &str) -> bool {
    matches!(
        key,
        "chat" | "in-chat" | "conversation" | "messag" | "reply" | "respons" | "widget"
    )
}

/// Whether a key names a channel a rule can be about (the chat or another).
pub fn is_channel(key: &str) -> bool {
    is_chat(key)
        || matches!(
            key,
            "email" | "sm" | "sms" | "text" | "letter" | "phon" | "call" | "mail" | "voicemail" | "fax" | "post"
        )
}

/// Whether a key names a means of payment ("in cash", "by cheque", "as
/// store credit"): a prohibition that names one forbids that means, and an
/// obligation that names none can be met by another.
pub fn is_means_of_payment(key: &str) -> bool {
    matches!(
        key,
        "cash" | "cheque" | "check" | "credit" | "voucher" | "giftcard" | "bitcoin" | "crypto" | "paypal" | "transfer"
    )
}

/// Whether two lowercase words name the two sides of one distinction.
pub fn are_opposites(a: &str, b: &str) -> bool {
    OPPOSITES
        .iter()
        .any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a))
}

/// Nouns for information (keys as [`crate::lemma::key`] gives them): to
/// give or provide one is to tell it.
const INFORMATION: &[&str] = &[
    "information",
    "info",
    "detail",
    "number",
    "figur",
    "amount",
    "pric",
    "fe",
    "balanc",
    "rat",
    "timelin",
    "dat",
    "dosag",
    "result",
    "answer",
    "explanation",
    "status",
    "estimat",
    "diagnosis",
    "advic",
    "instruction",
    "target",
    "goal",
    "scor",
    "grad",
    "quot",
    "reason",
    // An access code given is told ("give the key-box code").
    "cod",
    // So are a name, an address, a place, a time or a password given
    // ("give the customer the pilot's name").
    "nam",
    "address",
    "location",
    "password",
    "tim",
    "schedul",
    "deadlin",
    "solution",
    "coordinat",
];

/// Whether a noun key names information.
pub fn is_information(key: &str) -> bool {
    INFORMATION.contains(&key)
}

/// A word list as a set, or a class table as a map from each word to its
/// class's name: built once, as these run for every word of every statement.
fn classes(table: &'static [&'static [&'static str]]) -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::default();
    for class in table {
        for w in *class {
            m.entry(*w).or_insert(class[0]);
        }
    }
    m
}

// A fast hash for short static words (the tables are ours, not an attacker's).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// The class of a noun's lemma: the class's first noun, or the lemma itself.
pub fn noun_class(lemma: &str) -> &str {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| classes(NOUN_CLASSES))
        .get(lemma)
        .copied()
        .unwrap_or(lemma)
}

/// Attributes of an answer that a rule can fix to one value: the words
/// that name a value of each (keys as [`crate::lemma::key`] gives them; the
/// attribute's own name, "language", stands for "the user's language").
const ATTRIBUTES: &[(&str, &[&str])] = &[
    (
        "language",
        &[
            "english",
            "spanish",
            "french",
            "german",
            "italian",
            "portuguese",
            "chinese",
            "japanese",
            "korean",
            "arabic",
            "hindi",
            "dutch",
            "russian",
            "welsh",
            "irish",
            "gaelic",
            "polish",
            "turkish",
            "greek",
            "swedish",
            "norwegian",
            "danish",
            "finnish",
            "czech",
            "hungarian",
            "romanian",
            "ukrainian",
            "hebrew",
            "urdu",
            "bengali",
            "punjabi",
            "tamil",
            "vietnamese",
            "thai",
            "indonesian",
            "malay",
            "tagalog",
            "swahili",
            "persian",
            "farsi",
            "catalan",
            "basque",
            // Two languages in every reply: which two, the rule's other words say.
            "bilingual",
            "languag",
        ],
    ),
    (
        "currency",
        &["dollar", "usd", "euro", "eur", "pound", "gbp", "yen", "currency"],
    ),
    (
        "format",
        &[
            "bullet",
            "paragraph",
            "prose",
            "pros",
            "table",
            "json",
            "markdown",
            "yaml",
            "csv",
            "pdf",
            "excel",
            "spreadsheet",
            "xlsx",
            "html",
        ],
    ),
    // How often a figure is counted: a rent quoted monthly is not quoted weekly.
    (
        "period",
        &[
            "hourly",
            "daily",
            "weekly",
            "fortnightly",
            "monthly",
            "quarterly",
            "annual",
            "annually",
            "yearly",
        ],
    ),
    ("indentation", &["tab", "spac"]),
    // What a price is counted per: "per kilogram" is not "per punnet".
    ("sales unit", &["kilogram", "kilo", "punnet", "bunch", "dozen"]),
    // How times of day are written: "17:30" or "5:30 pm".
    ("clock", &["24-hour", "12-hour"]),
    // Two ends of a tone: warm or casual, and neutral or formal.
    (
        "tone",
        &[
            "warm",
            "friendly",
            "encourag",
            "playful",
            "casual",
            "informal",
            "slangy",
            "relax",
            "chatty",
            "laid-back",
            "neutral",
            "clinical",
            "formal",
        ],
    ),
];

/// Every key an attribute's values have (for a cheap filter of text).
pub fn attribute_keys() -> impl Iterator<Item = &'static str> {
    ATTRIBUTES.iter().flat_map(|(_, values)| values.iter().copied())
}

/// The attribute and value a word (a key) names, if any.
pub fn attribute_value(key: &str) -> Option<(&'static str, &'static str)> {
    // (A lookup, not a scan: this runs for every word of every obligation.)
    static BY_VALUE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    BY_VALUE
        .get_or_init(|| {
            ATTRIBUTES
                .iter()
                .flat_map(|(attribute, values)| values.iter().map(move |v| (*v, *attribute)))
                .collect()
        })
        .get_key_value(key)
        .map(|(value, attribute)| (*attribute, *value))
        .map(|(attribute, value)| match attribute {
            // A tone has two ends; the words of one end are one value.
            "tone" if matches!(value, "neutral" | "clinical" | "formal") => (attribute, "neutral"),
            "tone" => (attribute, "warm"),
            // A list, bulleted or numbered, is one form; prose in paragraphs another.
            "format" if value == "bullet" => (attribute, "list"),
            "format" if matches!(value, "paragraph" | "pros") => (attribute, "prose"),
            _ => (attribute, value),
        })
}

/// Acts written as a noun after a light verb ("give a diagnosis",
/// "provide an explanation", "make a recommendation"): the noun's verb.
const NOMINALISATIONS: &[(&str, &str)] = &[
    ("diagnosis", "diagnose"),
    ("diagnose", "diagnose"),
    ("advice", "advise"),
    ("recommendation", "recommend"),
    ("suggestion", "suggest"),
    ("explanation", "explain"),
    ("referral", "refer"),
    ("prediction", "predict"),
    ("promise", "promise"),
    ("guarantee", "guarantee"),
    ("estimate", "estimate"),
    ("assessment", "assess"),
    ("evaluation", "evaluate"),
    ("warning", "warn"),
    ("reminder", "remind"),
    ("notification", "notify"),
    ("alert", "alert"),
    ("disclosure", "disclose"),
    ("comment", "comment"),
    ("opinion", "opine"),
    ("decision", "decide"),
    ("translation", "translate"),
    ("correction", "correct"),
    ("determination", "determine"),
    ("reservation", "reserve"),
    ("booking", "book"),
    ("cancellation", "cancel"),
    ("confirmation", "confirm"),
    ("quote", "quote"),
    ("quotation", "quote"),
    ("introduction", "introduce"),
    ("approval", "approve"),
    ("endorsement", "endorse"),
    ("description", "describe"),
    ("clarification", "clarify"),
    ("announcement", "announce"),
    // "give the customer an update on their claim" informs them of it.
    ("update", "inform"),
    ("calculation", "calculate"),
    ("upgrade", "upgrade"),
    ("extension", "extend"),
    ("valuation", "value"),
    ("appraisal", "appraise"),
    ("sign-off", "sign off"),
    ("hold", "reserve"),
];

/// Verbs that only carry a nominalised act.
const LIGHT_VERBS: &[&str] = &[
    "give",
    "provide",
    "make",
    "offer",
    "issue",
    "render",
    "do",
    // "carry out an assessment", "perform a diagnosis", "conduct a review".
    "carry out",
    "perform",
    "conduct",
    // "send a reminder", "send drivers alerts".
    "send",
    // "process upgrades", "process a cancellation": doing them.
    "process",
    // "grant a one-week extension" extends.
    "grant",
    // "put a hold on a cat" reserves it; "place a booking" books.
    "put",
    "place",
];

/// Nouns for the people an act is done to or for: not what it acts on.
const PEOPLE: &[&str] = &[
    // (A council's residents: "tell a motorist whether their challenge is
    // likely to succeed" tells them something.)
    "motorist",
    "leaseholder",
    "ratepayer",
    "householder",
    "customer",
    "user",
    "patient",
    "employee",
    "traveller",
    "traveler",
    "child",
    "kid",
    "minor",
    "caller",
    "claimant",
    "policyholder",
    "member",
    "people",
    "person",
    "anyone",
    "someone",
    "everyone",
    "client",
    "student",
    "learner",
    "player",
    "parent",
    "visitor",
    "applicant",
    "candidate",
    "shopper",
    "buyer",
    "guest",
    "passenger",
    "investor",
    "reviewer",
    "staff",
    "worker",
    "teenager",
    "adult",
    "seller",
    "vendor",
    "merchant",
    "renter",
    "tenant",
    "landlord",
    "owner",
    "patron",
    "author",
    "subscriber",
    "viewer",
    "reader",
    "recipient",
    "sender",
    "requester",
    "borrower",
    "homeowner",
    "resident",
    "consumer",
    "rider",
    "cyclist",
    "driver",
    "courier",
    "diner",
    "tourist",
    "commuter",
    "attendee",
    "participant",
    "donor",
    "holder",
    "newcomer",
    "beginner",
    "climber",
    "swimmer",
    "walker",
    "trainee",
    "volunteer",
    "pupil",
    "athlete",
    "golfer",
    "diver",
    "camper",
    "hirer",
    "sitter",
    "homebuyer",
    "purchaser",
    "complainant",
    "enquirer",
    "inquirer",
    "caregiver",
    "carer",
    "guardian",
    "them",
    "him",
    "her",
    "us",
    "me",
];

/// Words after a verb that belong to it ("ask for", "bring up", "read out"),
/// not to its object.
const PARTICLES: &[&str] = &[
    "for", "up", "out", "back", "down", "off", "over", "about", "on", "away", "through", "along",
];

/// The class of a verb's lemma: the class's name, or the lemma itself.
pub fn verb_class(lemma: &str) -> &str {
    policy_acts().0.get(lemma).copied().unwrap_or(lemma)
}

/// The act a light verb and its noun stand for (`give` + `diagnosis`).
pub fn nominalised(verb: &str, noun: &str) -> Option<&'static str> {
    if !LIGHT_VERBS.contains(&verb) {
        return None;
    }
    // "Issue a refund", "give a full refund" refund; "offer a refund"
    // offers one, as it offers a voucher (it meets "never offer refunds").
    if noun == "refund" {
        return matches!(verb, "give" | "issue" | "provide" | "process").then_some("refund");
    }
    // ("grant access", "grant a discount" give them; only an extension is extending.)
    // ("put a hold on a cat", "place a booking"; "put a note on file" is no act.)
    if matches!(verb, "put" | "place") && !matches!(noun, "hold" | "booking" | "reservation" | "order") {
        return None;
    }
    if verb == "grant" && noun != "extension" {
        return None;
    }
    // "Send a reminder", "send drivers alerts" remind and alert; "send a
    // confirmation" sends it (by SMS, by email), as it sends an invoice.
    if verb == "send" && !matches!(noun, "reminder" | "alert" | "notification" | "warning") {
        return None;
    }
    NOMINALISATIONS.iter().find(|(n, _)| *n == noun).map(|(_, v)| *v)
}

/// Whether a verb's lemma only carries a nominalised act ("make" in "make
/// a decision").
pub fn is_light_verb(lemma: &str) -> bool {
    LIGHT_VERBS.contains(&lemma)
}

/// Whether a noun's lemma names the people an act is done to.
pub fn is_people(lemma: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PEOPLE.iter().copied().collect()).contains(lemma)
}

/// Verbs that open a bare imperative rule ("Include a receipt.") besides
/// those of the classes above.
const IMPERATIVES: &[&str] = &[
    "include",
    "add",
    "use",
    "confirm",
    "verify",
    "check",
    "cite",
    "list",
    "hold",
    "cancel",
    "charge",
    "waive",
    "indent",
    "summarise",
    "summarize",
    "begin",
    "start",
    "end",
    "leave",
    "hide",
    "play",
    "send",
    "refund",
    "approve",
    "deny",
    "reject",
    "refuse",
    "decline",
    "accept",
    "allow",
    "block",
    "warn",
    "remind",
    "encourage",
    "decide",
    "translate",
    "attach",
    "mention",
    "redirect",
    "escalate",
    "apologise",
    "apologize",
    "greet",
    "address",
    "offer",
    // Verbs that name a class above (the class name itself is not matched).
    "label",
    "remove",
    "record",
    "run",
    "answer",
    "request",
    "recommend",
    "contact",
    "transfer",
    "lock",
    "ban",
    "suspend",
    "wait",
    "book",
    "publish",
    "process",
    "renew",
    "extend",
    "format",
    "rebook",
    "freeze",
    "apply",
    "change",
    "cancel",
    "ship",
    "dispatch",
    "close",
    "unlock",
    "correct",
    "file",
    "diagnose",
    "estimate",
    "predict",
    "assess",
    "walk",
    "promise",
    "guarantee",
];

/// Whether a word can open a bare imperative: a verb of a class, or one of
/// the common imperative verbs of policies.
pub fn is_imperative_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        IMPERATIVES
            .iter()
            .copied()
            .chain(VERB_CLASSES.iter().flat_map(|class| class[1..].iter().copied()))
            .collect()
    })
    .contains(word)
}

pub use crate::lemma::is_common_verb;

/// Whether a verb and its particle ("bring up") are a verb of a class.
pub fn is_phrasal(verb: &str) -> bool {
    verb.contains(' ') && verb_class(verb) != verb
        || VERB_CLASSES.iter().any(|c| c[0] == verb && verb.contains(' '))
        || verb.contains(' ') && LIGHT_VERBS.contains(&verb)
        || OWN_PHRASALS.contains(&verb)
}

/// Phrasal verbs whose act is not their verb's ("check out" a book is
/// lending it, "check" is verifying): kept whole, so the two never meet.
/// Our own table.
const OWN_PHRASALS: &[&str] = &[
    "check out",
    "sign up",
    "sign off",
    "log out",
    "log on",
    "drop off",
    "pick up",
    "hand over",
    "turn away",
    "turn down",
    "take out",
    "top up",
    "set up",
    "carry out",
    "call off",
    "write off",
    "back up",
    "give up",
    "cut off",
    "lay off",
];

/// Whether a word after a verb is its particle.
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        verb_class(a) == verb_class(b)
    }

    #[test]
    fn some_verbs_perform_a_second_act() {
        let acts = |v: &str| also_acts(v).collect::<Vec<_>>();
        assert_eq!(acts("forward"), ["send"]);
        assert_eq!(acts("submit"), ["send"]);
        assert_eq!(acts("dispatch"), ["send"]);
        assert_eq!(acts("apply"), ["charge"]);
        assert_eq!(acts("email"), ["send"]);
        assert_eq!(acts("accept"), ["book"]);
        assert_eq!(acts("add"), ["insert"]);
        assert_eq!(acts("move"), ["transfer"]);
        assert_eq!(acts("raise"), ["increase"]);
        assert_eq!(acts("opine"), ["advise"]);
        assert!(acts("send").is_empty());
    }

    #[test]
    fn processing_and_granting_carry_the_act_they_name() {
        assert_eq!(nominalised("process", "upgrade"), Some("upgrade"));
        assert_eq!(nominalised("process", "refund"), Some("refund"));
        assert_eq!(nominalised("grant", "extension"), Some("extend"));
        assert_eq!(nominalised("grant", "access"), None);
        assert_eq!(nominalised("process", "order"), None);
    }

    #[test]
    fn giving_money_back_and_instructing_are_acts_of_their_classes() {
        assert!(same("reimburse", "refund") && same("repay", "refund") && !same("refund", "charge"));
        assert!(same("instruct", "advise") && !same("instruct", "tell"));
    }

    #[test]
    fn common_verbs_come_from_wordnet() {
        for v in ["release", "wrap", "enroll", "quote", "sell"] {
            assert!(is_common_verb(v), "{v}");
        }
        for w in ["customer", "quot", "example"] {
            assert!(!is_common_verb(w), "{w}");
        }
    }

    #[test]
    fn telling_verbs_are_one_act() {
        for (a, b) in [
            ("disclose", "mention"),
            ("bring up", "disclose"),
            ("give out", "share"),
            ("reveal", "share"),
            ("tell", "explain"),
            ("read", "quote"),
            ("remind", "mention"),
            ("list", "state"),
            ("give away", "reveal"),
            ("walk through", "explain"),
            ("talk through", "tell"),
            ("name", "mention"),
        ] {
            assert!(same(a, b), "{a} {b}");
        }
        for (a, b) in [("post", "publish"), ("set up", "arrange"), ("book", "schedule")] {
            assert!(same(a, b), "{a} {b}");
        }
        assert!(!same("disclose", "collect"));
        assert!(!same("talk down", "say") && same("talk down", "patronise"));
    }

    #[test]
    fn asking_verbs_are_one_act() {
        assert!(same("ask", "request") && same("collect", "obtain"));
        assert!(same("invite", "ask"));
        assert!(!same("ask", "tell"));
    }

    #[test]
    fn advising_contacting_transferring_removing_recording_marking_running_answering_and_giving() {
        for (a, b) in [
            ("recommend", "suggest"),
            ("call", "phone"),
            ("refer", "transfer"),
            ("remove", "delete"),
            ("log", "record"),
            ("label", "flag"),
            ("run", "execute"),
            ("reply", "answer"),
            ("offer", "provide"),
            ("honor", "accept"),
            ("counsel", "advise"),
        ] {
            assert!(same(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("recommend", "call"),
            ("refer", "remove"),
            ("log", "label"),
            ("offer", "tell"),
        ] {
            assert!(!same(a, b), "{a} {b}");
        }
    }

    #[test]
    fn generic_heads_and_phrasal_verbs() {
        assert!(is_generic_head("information") && !is_generic_head("dosage"));
        assert!(is_phrasal("check out") && verb_class("check out") != verb_class("check"));
        assert!(is_generic_head(&crate::lemma::key("features")) && !is_generic_head(&crate::lemma::key("module")));
    }

    #[test]
    fn opposites_go_both_ways() {
        assert!(are_opposites("domestic", "international") && are_opposites("international", "domestic"));
        assert!(are_opposites("closed", "open"));
        assert!(!are_opposites("domestic", "flight"));
    }

    #[test]
    fn nouns_of_one_thing_share_a_class() {
        assert_eq!(noun_class("charge"), noun_class("fee"));
        assert_eq!(noun_class("luggage"), noun_class("baggage"));
        assert_eq!(noun_class("cost"), noun_class("price"));
        assert_eq!(noun_class("allowance"), noun_class("limit"));
        assert_ne!(noun_class("fee"), noun_class("refund"));
        assert_eq!(noun_class("widget"), "widget");
        assert_eq!(noun_class("mistake"), noun_class("error"));
        assert_eq!(noun_class("mobile"), noun_class("phone"));
        assert_eq!(noun_class("cancellation"), noun_class("cancel"));
        assert_eq!(noun_class("removal"), noun_class("remove"));
        assert_eq!(noun_class("solution"), noun_class("answer"));
        assert_eq!(noun_class("upcoming"), noun_class("next"));
        assert_eq!(noun_class("therapy"), noun_class("treatment"));
    }

    #[test]
    fn letting_off_pausing_pitching_and_passing_on_are_acts_of_their_classes() {
        assert!(same("forgive", "waive") && !same("waive", "charge"));
        assert!(same("pause", "freeze"));
        assert!(same("pitch", "promote") && same("pitch", "recommend"));
        assert!(same("pass on", "tell") && !same("pass", "tell"));
        assert!(same("remind", "mention") && same("lodge", "submit") && same("register", "file"));
    }

    #[test]
    fn leaving_out_and_excluding_are_omitting_not_including() {
        assert!(same("leave out", "omit") && same("exclude", "omit"));
        assert!(!same("omit", "include") && !same("leave", "omit"));
        assert!(is_phrasal("leave out"));
    }

    #[test]
    fn a_price_per_kilo_and_per_punnet_are_two_sales_units() {
        assert_eq!(attribute_value("kilogram"), Some(("sales unit", "kilogram")));
        assert_eq!(attribute_value("punnet"), Some(("sales unit", "punnet")));
        assert_eq!(attribute_value("pric"), None);
    }

    #[test]
    fn periods_and_file_formats_are_attributes() {
        assert_eq!(attribute_value("monthly"), Some(("period", "monthly")));
        assert_ne!(attribute_value("monthly"), attribute_value("weekly"));
        assert_eq!(attribute_value("pdf").map(|(a, _)| a), Some("format"));
        assert_ne!(attribute_value("pdf"), attribute_value("excel"));
    }

    #[test]
    fn attribute_values() {
        assert_eq!(attribute_value("friendly"), attribute_value("warm"));
        assert_ne!(attribute_value("clinical"), attribute_value("warm"));
        assert_eq!(attribute_value("english"), Some(("language", "english")));
        assert_eq!(
            attribute_value(&crate::lemma::key("language")),
            Some(("language", "languag"))
        );
        assert_eq!(
            attribute_value(&crate::lemma::key("tabs")),
            Some(("indentation", "tab"))
        );
        assert_eq!(attribute_value("fee"), None);
        // How times are written: "17:30" against "5:30 pm".
        assert_eq!(attribute_value("24-hour"), Some(("clock", "24-hour")));
        assert_ne!(attribute_value("24-hour"), attribute_value("12-hour"));
    }

    #[test]
    fn information_nouns_are_keyed_as_statements_key_them() {
        for w in [
            "information",
            "details",
            "fees",
            "dosage",
            "price",
            "balances",
            "diagnosis",
            "advice",
            "targets",
            "goals",
            "scores",
            "grades",
            "quotes",
            "codes",
        ] {
            assert!(is_information(&crate::lemma::key(w)), "{w}");
        }
        assert!(!is_information(&crate::lemma::key("refund")));
    }

    #[test]
    fn an_unknown_verb_is_its_own_class() {
        assert_eq!(verb_class("juggle"), "juggle");
    }

    #[test]
    fn light_verbs_carry_nominalised_acts() {
        assert_eq!(nominalised("give", "diagnosis"), Some("diagnose"));
        assert_eq!(nominalised("provide", "advice"), Some("advise"));
        assert_eq!(nominalised("make", "recommendation"), Some("recommend"));
        assert_eq!(nominalised("make", "decision"), Some("decide"));
        assert_eq!(nominalised("provide", "translation"), Some("translate"));
        assert_eq!(nominalised("make", "determination"), Some("determine"));
        assert_eq!(nominalised("make", "reservation"), Some("reserve"));
        assert_eq!(nominalised("make", "booking"), Some("book"));
        assert_eq!(nominalised("give", "quote"), Some("quote"));
        assert_eq!(nominalised("issue", "cancellation"), Some("cancel"));
        assert_eq!(nominalised("explain", "diagnosis"), None);
        // A refund issued or given is refunding; one offered is an offer.
        assert_eq!(nominalised("issue", "refund"), Some("refund"));
        assert_eq!(nominalised("give", "refund"), Some("refund"));
        assert_eq!(nominalised("offer", "refund"), None);
    }

    #[test]
    fn imperatives_open_with_a_known_verb() {
        assert!(is_imperative_verb("share") && is_imperative_verb("include") && is_imperative_verb("refer"));
        assert!(is_imperative_verb("diagnose") && is_imperative_verb("walk") && is_imperative_verb("counsel"));
        assert!(!is_imperative_verb("communicate") && !is_imperative_verb("the") && !is_imperative_verb("assistant"));
    }

    #[test]
    fn people_and_particles() {
        assert!(is_people("customer") && is_people("child") && !is_people("fee"));
        assert!(is_particle("for") && is_particle("up") && is_particle("through") && !is_particle("fee"));
        assert!(is_phrasal("bring up") && !is_phrasal("bring") && !is_phrasal("bring down"));
    }

    #[test]
    fn every_line_of_the_acts_table_reads() {
        let relations = table_relations("policy-acts.txt", POLICY_ACTS, 3);
        assert!(relations.len() > 300, "{} relations", relations.len());
        // Neither side may be empty, nor the two the same.
        assert!(policy_kind_line("ship = ").is_err() && policy_kind_line("ship = ship").is_err());
        assert!(policy_kind_line("ship = deliver > send").is_err());
    }

    #[test]
    fn the_policy_acts_table_adds_verbs_to_acts_without_merging_the_classes() {
        // A verb of no class and a verb of one: one act.
        assert_eq!(verb_class("forecast"), verb_class("estimate"));
        assert_eq!(verb_class("ship"), verb_class("deliver"));
        assert_ne!(verb_class("forecast"), verb_class("tell"));
        // The classes above stay apart whatever the table says.
        assert_ne!(verb_class("tell"), verb_class("recommend"));
        assert_ne!(verb_class("offer"), verb_class("book"));
        // A verb that also performs another act.
        assert!(also_acts("overcharge").any(|a| a == "charge"));
        // A phrasal verb of a new class has that class, and reads as phrasal.
        assert_eq!(verb_class("work out"), verb_class("calculate"));
        assert!(is_phrasal("work out"));
    }
}
