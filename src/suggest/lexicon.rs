//! The English words the suggestion engine knows by name: months, weekdays, titles,
//! reporting verbs, the heads of organisation and place names, and the small words that
//! are never names. Each word is looked up once, when the text is scanned.

use std::sync::LazyLock;

/// What a word can be; several classes at once (`this` is a function word and a shift).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    pub class: u64,
    /// The month (1-12), weekday (1 = Monday), number, unit, shift, part, season or
    /// relative day a word stands for, when its class has one.
    pub value: u8,
}

impl Lex {
    pub fn is(self, class: u64) -> bool {
        self.class & class != 0
    }
}

pub(crate) const MONTH: u64 = 1;
/// A short month name (`Feb`, `Sept`), a date only next to a day number.
pub(crate) const MONTH_SHORT: u64 = 1 << 1;
pub(crate) const WEEKDAY: u64 = 1 << 2;
/// `one` to `twelve`, `twenty`, `a`, `an`: counts before a unit of time.
pub(crate) const NUMBER: u64 = 1 << 3;
/// `day`, `week`, `month`, `year`, `weekend`: values 1 to 5.
pub(crate) const UNIT: u64 = 1 << 4;
/// `last` (1), `this` (2), `next` / `coming` (3).
pub(crate) const SHIFT: u64 = 1 << 5;
/// `early` (1), `mid` (2), `late` (3), `end` (4), `beginning` / `start` (5), `middle` (6).
pub(crate) const PART: u64 = 1 << 6;
/// `spring` (1), `summer` (2), `autumn` (3), `winter` (4).
pub(crate) const SEASON: u64 = 1 << 7;
/// `yesterday` (1), `today` (2), `tomorrow` (3), `tonight` (4).
pub(crate) const RELATIVE: u64 = 1 << 8;
pub(crate) const DAYPART: u64 = 1 << 9;
pub(crate) const AGO: u64 = 1 << 10;
/// `first` to `fourth`, before `quarter`.
pub(crate) const ORDINAL: u64 = 1 << 11;
pub(crate) const QUARTER: u64 = 1 << 12;
/// Prepositions that introduce a month or a year on its own (`in May`, `since 2014`).
pub(crate) const DATE_PREP: u64 = 1 << 13;
/// Words that point a date without a year forwards (`will`, `should`, `scheduled`, `due`).
pub(crate) const FUTURE: u64 = 1 << 14;
/// A title written before a name (`President`, `Pope`, `Dr`).
pub(crate) const TITLE: u64 = 1 << 15;
/// A word that forms a title with the title after it (`Prime Minister`, `Home Secretary`).
pub(crate) const TITLE_PREFIX: u64 = 1 << 16;
/// Titles kept in an entity's name when one name follows (`Pope Francis`, `King Charles III`).
pub(crate) const KEEP_TITLE: u64 = 1 << 17;
/// A role written in lower case before a name (`spokesman`, `lawyer`).
pub(crate) const ROLE: u64 = 1 << 18;
/// The head of an organisation's name (`Ministry`, `Church`, `Agency`, `Times`).
pub(crate) const ORG: u64 = 1 << 19;
/// A news agency or institution known by one word (`Reuters`, `Tass`, `Kremlin`).
pub(crate) const MEDIA: u64 = 1 << 20;
/// A word of place names (`Square`, `River`, `Saint`, `North`).
pub(crate) const PLACE: u64 = 1 << 21;
/// A preposition before places (`in Velgrad`, `near Lisko`).
pub(crate) const PLACE_PREP: u64 = 1 << 22;
/// A thing that is named but is no actor (`Prize`, `Summit`, `Agreement`).
pub(crate) const THING: u64 = 1 << 23;
/// A function word or a common sentence opener: never a name on its own.
pub(crate) const STOP: u64 = 1 << 24;
/// A particle inside names (`de`, `van`, `bin`).
pub(crate) const PARTICLE: u64 = 1 << 25;
/// A verb that reports what someone said (`said`, `told`, `reaffirmed`).
pub(crate) const REPORT: u64 = 1 << 26;
pub(crate) const PRONOUN: u64 = 1 << 27;
/// A word after which a full stop does not end the sentence (`Dr.`, `Gen.`, `Feb.`).
pub(crate) const ABBREVIATION: u64 = 1 << 28;
/// Words of travel before `to` + a place (`travel to Addis Ababa`).
pub(crate) const MOTION: u64 = 1 << 29;
/// Words that join the parts of an organisation's name (`of`, `for`, `and`, `the`).
pub(crate) const CONNECTOR: u64 = 1 << 30;
/// All-capital words that are no organisation (`GMT`, `CEO`).
pub(crate) const NOT_ACRONYM: u64 = 1 << 31;
/// `earlier` and `later`, before `this week`.
pub(crate) const EARLIER: u64 = 1 << 33;
/// A date relative to the one last mentioned: `previous` / `prior` (1), `same` / `that`
/// (2), `following` (3), before `day`, `month` or `year`.
pub(crate) const ANCHOR: u64 = 1 << 34;
/// Past tenses of common verbs that do not end in `-ed` and are no other form of the verb
/// (`bought`, not `cut` or `set`).
pub(crate) const PAST: u64 = 1 << 35;

/// The classes a date expression can start with; other words are passed over at once.
pub(crate) const DATE_START: u64 = MONTH
    | MONTH_SHORT
    | WEEKDAY
    | NUMBER
    | SHIFT
    | PART
    | SEASON
    | RELATIVE
    | ORDINAL
    | EARLIER
    | ANCHOR;

/// Nouns written before an organisation's name (`the newspaper Politika`, `the campaign
/// group Return Benin`, `the grid operator Transelectrica`).
pub(crate) const ORG_NOUN: u64 = 1 << 32;

/// Words whose values the date finder reads.
const VALUED: &[(&str, u64, u8)] = &[
    ("january", MONTH, 1),
    ("february", MONTH, 2),
    ("march", MONTH, 3),
    ("april", MONTH, 4),
    ("may", MONTH, 5),
    ("june", MONTH, 6),
    ("july", MONTH, 7),
    ("august", MONTH, 8),
    ("september", MONTH, 9),
    ("october", MONTH, 10),
    ("november", MONTH, 11),
    ("december", MONTH, 12),
    ("jan", MONTH_SHORT | ABBREVIATION, 1),
    ("feb", MONTH_SHORT | ABBREVIATION, 2),
    ("mar", MONTH_SHORT | ABBREVIATION, 3),
    ("apr", MONTH_SHORT | ABBREVIATION, 4),
    ("jun", MONTH_SHORT | ABBREVIATION, 6),
    ("jul", MONTH_SHORT | ABBREVIATION, 7),
    ("aug", MONTH_SHORT | ABBREVIATION, 8),
    ("sep", MONTH_SHORT | ABBREVIATION, 9),
    ("sept", MONTH_SHORT | ABBREVIATION, 9),
    ("oct", MONTH_SHORT | ABBREVIATION, 10),
    ("nov", MONTH_SHORT | ABBREVIATION, 11),
    ("dec", MONTH_SHORT | ABBREVIATION, 12),
    ("monday", WEEKDAY, 1),
    ("tuesday", WEEKDAY, 2),
    ("wednesday", WEEKDAY, 3),
    ("thursday", WEEKDAY, 4),
    ("friday", WEEKDAY, 5),
    ("saturday", WEEKDAY, 6),
    ("sunday", WEEKDAY, 7),
    ("a", NUMBER | STOP, 1),
    ("an", NUMBER | STOP, 1),
    ("one", NUMBER | STOP, 1),
    ("two", NUMBER | STOP, 2),
    ("three", NUMBER | STOP, 3),
    ("four", NUMBER | STOP, 4),
    ("five", NUMBER | STOP, 5),
    ("six", NUMBER | STOP, 6),
    ("seven", NUMBER | STOP, 7),
    ("eight", NUMBER | STOP, 8),
    ("nine", NUMBER | STOP, 9),
    ("ten", NUMBER | STOP, 10),
    ("eleven", NUMBER | STOP, 11),
    ("twelve", NUMBER | STOP, 12),
    ("thirteen", NUMBER | STOP, 13),
    ("fourteen", NUMBER | STOP, 14),
    ("fifteen", NUMBER | STOP, 15),
    ("sixteen", NUMBER | STOP, 16),
    ("seventeen", NUMBER | STOP, 17),
    ("eighteen", NUMBER | STOP, 18),
    ("nineteen", NUMBER | STOP, 19),
    ("twenty", NUMBER | STOP, 20),
    ("thirty", NUMBER | STOP, 30),
    ("forty", NUMBER | STOP, 40),
    ("fifty", NUMBER | STOP, 50),
    ("sixty", NUMBER | STOP, 60),
    ("seventy", NUMBER | STOP, 70),
    ("eighty", NUMBER | STOP, 80),
    ("ninety", NUMBER | STOP, 90),
    ("day", UNIT, 1),
    ("days", UNIT, 1),
    ("week", UNIT, 2),
    ("weeks", UNIT, 2),
    ("month", UNIT, 3),
    ("months", UNIT, 3),
    ("year", UNIT, 4),
    ("years", UNIT, 4),
    ("weekend", UNIT, 5),
    ("last", SHIFT | STOP, 1),
    ("this", SHIFT | STOP, 2),
    ("next", SHIFT | STOP | FUTURE, 3),
    ("coming", SHIFT, 3),
    ("current", SHIFT, 2),
    ("early", PART, 1),
    ("mid", PART, 2),
    ("late", PART, 3),
    ("end", PART, 4),
    ("beginning", PART, 5),
    ("start", PART, 5),
    ("middle", PART, 6),
    ("spring", SEASON, 1),
    ("summer", SEASON, 2),
    ("autumn", SEASON, 3),
    ("winter", SEASON, 4),
    ("yesterday", RELATIVE | STOP, 1),
    ("today", RELATIVE | STOP, 2),
    ("tomorrow", RELATIVE | STOP | FUTURE, 3),
    ("tonight", RELATIVE | STOP, 4),
    ("previous", ANCHOR, 1),
    ("prior", ANCHOR, 1),
    ("same", ANCHOR, 2),
    ("that", ANCHOR | STOP, 2),
    ("following", ANCHOR | STOP, 3),
    ("first", ORDINAL | STOP, 1),
    ("second", ORDINAL, 2),
    ("third", ORDINAL, 3),
    ("fourth", ORDINAL, 4),
];

/// Words of plain classes, one list per class.
const CLASSES: &[(u64, &[&str])] = &[
    (DAYPART, &["morning", "afternoon", "evening", "night"]),
    (AGO, &["ago"]),
    (
        PAST,
        &[
            "arose",
            "ate",
            "became",
            "began",
            "bought",
            "brought",
            "broke",
            "built",
            "came",
            "caught",
            "chose",
            "dealt",
            "drew",
            "drove",
            "fell",
            "felt",
            "fled",
            "flew",
            "fought",
            "forgot",
            "froze",
            "gave",
            "grew",
            "held",
            "hid",
            "kept",
            "knew",
            "lent",
            "lost",
            "made",
            "meant",
            "met",
            "overtook",
            "paid",
            "ran",
            "rose",
            "sank",
            "saw",
            "sent",
            "shook",
            "sold",
            "sought",
            "spent",
            "spoke",
            "stole",
            "stood",
            "struck",
            "swore",
            "taught",
            "thought",
            "threw",
            "took",
            "understood",
            "went",
            "withdrew",
            "woke",
            "won",
            "wore",
            "slid",
            "sprang",
            "swam",
            "rang",
            "sang",
            "drank",
            "undertook",
            "forgave",
            "foresaw",
            "withheld",
            "upheld",
            "oversaw",
        ],
    ),
    (EARLIER, &["earlier", "later"]),
    (QUARTER, &["quarter"]),
    (
        DATE_PREP,
        &[
            "in",
            "since",
            "until",
            "till",
            "by",
            "during",
            "from",
            "through",
            "throughout",
            "before",
            "after",
            "between",
            "of",
        ],
    ),
    (
        FUTURE,
        &[
            "will",
            "shall",
            "should",
            "must",
            "may",
            "might",
            "would",
            "could",
            "planned",
            "scheduled",
            "due",
            "expected",
            "expects",
            "upcoming",
            "forthcoming",
        ],
    ),
    (
        TITLE,
        &[
            "president",
            "attorney",
            "chief",
            "rep",
            "representative",
            "congressman",
            "congresswoman",
            "leader",
            "sheriff",
            "justice",
            "pope",
            "cardinal",
            "minister",
            "chancellor",
            "king",
            "queen",
            "prince",
            "princess",
            "emperor",
            "patriarch",
            "primate",
            "archbishop",
            "bishop",
            "metropolitan",
            "father",
            "rev",
            "reverend",
            "dr",
            "mr",
            "mrs",
            "ms",
            "sir",
            "dame",
            "lord",
            "general",
            "gen",
            "colonel",
            "col",
            "admiral",
            "captain",
            "lieutenant",
            "sergeant",
            "senator",
            "sen",
            "governor",
            "gov",
            "mayor",
            "ambassador",
            "sheikh",
            "emir",
            "sultan",
            "ayatollah",
            "imam",
            "rabbi",
            "premier",
            "secretary",
            "commissioner",
            "chairman",
            "chairwoman",
            "judge",
            "speaker",
            "prosecutor",
            "professor",
            "prof",
        ],
    ),
    (
        TITLE_PREFIX,
        &[
            "house",
            "senate",
            "majority",
            "minority",
            "prime",
            "foreign",
            "deputy",
            "vice",
            "crown",
            "supreme",
            "chief",
            "defence",
            "defense",
            "interior",
            "finance",
            "health",
            "labour",
            "labor",
            "agriculture",
            "home",
            "culture",
            "education",
            "economy",
            "trade",
            "transport",
            "energy",
            "environment",
            "under",
            "acting",
            "grand",
            "high",
            "attorney",
            "first",
            "justice",
        ],
    ),
    (
        KEEP_TITLE,
        &[
            "pope",
            "king",
            "queen",
            "prince",
            "princess",
            "emperor",
            "patriarch",
            "sheikh",
            "emir",
            "sultan",
        ],
    ),
    (
        ROLE,
        &[
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "president",
            "minister",
            "chairman",
            "director",
            "chief",
            "leader",
            "envoy",
            "ambassador",
            "secretary",
            "lawyer",
            "governor",
            "mayor",
            "coordinator",
            "priest",
            "executive",
            "commissioner",
            "diplomat",
            "novelist",
            "critic",
            "engineer",
            "scientist",
            "manager",
            "official",
            "aide",
            "adviser",
            "advisor",
            "daughter",
            "son",
            "wife",
            "husband",
            "head",
            "correspondent",
            "reporter",
            "journalist",
            "analyst",
            "economist",
            "biologist",
            "historian",
            "researcher",
            "activist",
            "founder",
            "owner",
            "witness",
        ],
    ),
    (
        ORG,
        &[
            "church",
            "ministry",
            "office",
            "agency",
            "council",
            "party",
            "union",
            "committee",
            "commission",
            "bank",
            "company",
            "corporation",
            "corp",
            "group",
            "association",
            "federation",
            "confederation",
            "institute",
            "university",
            "department",
            "government",
            "army",
            "force",
            "forces",
            "parliament",
            "assembly",
            "court",
            "organisation",
            "organization",
            "foundation",
            "fund",
            "network",
            "trust",
            "authority",
            "service",
            "centre",
            "center",
            "board",
            "alliance",
            "platform",
            "front",
            "movement",
            "league",
            "society",
            "club",
            "academy",
            "college",
            "police",
            "navy",
            "secretariat",
            "patriarchate",
            "see",
            "cross",
            "crescent",
            "nations",
            "labs",
            "markets",
            "shipping",
            "freight",
            "hydro",
            "industries",
            "holdings",
            "airlines",
            "airways",
            "media",
            "broadcasting",
            "systems",
            "technologies",
            "motors",
            "inc",
            "ltd",
            "plc",
            "gmbh",
            "llc",
            "news",
            "radio",
            "times",
            "post",
            "herald",
            "wire",
            "press",
            "gazette",
            "journal",
            "tribune",
            "telegraph",
            "courier",
            "television",
            "tv",
            "daily",
            "chronicle",
            "observer",
            "express",
            "rundschau",
            "zeitung",
            "cabinet",
            "senate",
            "congress",
            "embassy",
            "mission",
            "guard",
            "carriers",
            "ferries",
            "lines",
            "logistics",
            "energy",
            "museum",
            "gallery",
            "library",
            "theatre",
            "theater",
            "orchestra",
            "hospital",
            "school",
        ],
    ),
    (
        MEDIA,
        &[
            "reuters",
            "tass",
            "interfax",
            "xinhua",
            "bloomberg",
            "anadolu",
            "ukrinform",
            "yonhap",
            "kyodo",
            "politika",
            "novosti",
            "kremlin",
            "vatican",
            "pentagon",
        ],
    ),
    (
        PLACE,
        &[
            "street",
            "square",
            "avenue",
            "road",
            "river",
            "lake",
            "mount",
            "mountain",
            "mountains",
            "sea",
            "gulf",
            "bay",
            "island",
            "islands",
            "cape",
            "fort",
            "porto",
            "port",
            "city",
            "province",
            "region",
            "district",
            "valley",
            "strait",
            "county",
            "kingdom",
            "republic",
            "north",
            "south",
            "east",
            "west",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "new",
            "united",
            "st",
            "saint",
            "san",
            "santa",
            "sant",
            "monte",
            "airport",
            "station",
            "bridge",
            "park",
            "palace",
            "cathedral",
            "basilica",
            "monastery",
            "hall",
            "prison",
            "stadium",
            "hotel",
            "plaza",
            "peninsula",
            "desert",
            "coast",
            "oblast",
            "crossing",
            "states",
            "village",
            "town",
            "capital",
        ],
    ),
    (
        PLACE_PREP,
        &[
            "in", "at", "near", "outside", "inside", "across", "around", "towards", "toward",
        ],
    ),
    (
        THING,
        &[
            "prize",
            "award",
            "cup",
            "games",
            "festival",
            "summit",
            "conference",
            "agreement",
            "treaty",
            "act",
            "day",
            "war",
            "plan",
            "programme",
            "program",
            "mass",
            "law",
            "accord",
            "deal",
            "initiative",
            "strategy",
            "report",
            "index",
            "olympics",
            "championship",
            "final",
            "forum",
            "expo",
            "year",
            "week",
            "eve",
            "christmas",
            "easter",
        ],
    ),
    (
        STOP,
        &[
            "the",
            "former",
            "in",
            "on",
            "at",
            "for",
            "but",
            "and",
            "or",
            "if",
            "when",
            "while",
            "after",
            "before",
            "that",
            "these",
            "those",
            "it",
            "he",
            "she",
            "they",
            "we",
            "i",
            "you",
            "his",
            "her",
            "its",
            "their",
            "our",
            "my",
            "your",
            "some",
            "many",
            "most",
            "both",
            "several",
            "all",
            "no",
            "not",
            "there",
            "here",
            "as",
            "by",
            "from",
            "with",
            "without",
            "of",
            "to",
            "into",
            "about",
            "according",
            "meanwhile",
            "however",
            "also",
            "still",
            "yet",
            "so",
            "then",
            "since",
            "until",
            "during",
            "despite",
            "although",
            "though",
            "because",
            "instead",
            "later",
            "earlier",
            "what",
            "who",
            "whom",
            "whose",
            "which",
            "where",
            "why",
            "how",
            "each",
            "every",
            "other",
            "such",
            "more",
            "less",
            "only",
            "even",
            "just",
            "over",
            "between",
            "among",
            "following",
            "unlike",
            "like",
            "nobody",
            "none",
            "once",
            "under",
            "through",
            "thus",
            "yes",
            "asked",
            "speaking",
            "dear",
            "photo",
            "share",
            "updated",
        ],
    ),
    (
        PARTICLE,
        &[
            "de", "da", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el",
            "la", "le", "do", "dos", "das", "du", "ter", "ten", "y", "zu", "af",
        ],
    ),
    (
        REPORT,
        &[
            "said",
            "says",
            "say",
            "told",
            "tells",
            "stated",
            "added",
            "adds",
            "emphasized",
            "emphasised",
            "emphasizes",
            "emphasises",
            "stressed",
            "stresses",
            "reaffirmed",
            "noted",
            "announced",
            "announces",
            "declared",
            "insisted",
            "insists",
            "claimed",
            "argued",
            "warned",
            "warns",
            "explained",
            "confirmed",
            "confirms",
            "denied",
            "acknowledged",
            "admitted",
            "reported",
            "wrote",
            "writes",
            "urged",
            "urges",
            "recalled",
            "recalls",
            "repeated",
            "promised",
            "pledged",
            "vowed",
            "assured",
            "alleged",
            "suggested",
            "predicted",
            "underlined",
            "highlighted",
            "indicated",
            "revealed",
            "maintained",
            "replied",
            "responded",
            "complained",
            "conceded",
            "countered",
            "expressed",
            "appealed",
            "quoted",
            "saying",
            "believes",
            "believe",
            "believed",
            "shows",
            "showed",
            "found",
            "finds",
            "agreed",
            "ruled",
            "estimates",
            "estimated",
            "argues",
            "argue",
            "claims",
            "claiming",
            "contends",
            "contended",
            "concluded",
            "concludes",
            "predicts",
            "testified",
            "tweeted",
            "thinks",
            "pointed",
            "noting",
            "adding",
            "boasted",
            "bragged",
            "joked",
            "quipped",
            "lamented",
            "retorted",
            "remarked",
            "think",
            "suggest",
            "know",
            "knows",
            "hope",
            "hoping",
            "fear",
            "fears",
            "feared",
            "reiterated",
            "denounced",
            "denounces",
            "posted",
            "discussed",
            "endorsed",
            "endorses",
            "supported",
            "supports",
            "asked",
            "emphasizing",
            "emphasising",
            "asking",
            "accusing",
            "urging",
            "promising",
            "vowing",
            "declaring",
            "asserting",
            "criticizing",
            "criticising",
            "blaming",
            "denying",
            "admitting",
            "conceding",
            "recalling",
            "complaining",
            "reiterating",
            "called",
            "calls",
            "calling",
            "cited",
            "cites",
            "citing",
            "described",
            "describes",
            "describing",
            "criticized",
            "criticised",
            "criticizes",
            "criticises",
            "praised",
            "praises",
            "condemned",
            "condemns",
            "questioned",
            "questions",
            "mentioned",
            "proposed",
            "proposes",
            "defended",
            "defends",
            "defending",
            "blasted",
            "blasts",
            "accused",
            "accuses",
            "demanded",
            "demands",
            "demanding",
            "denies",
            "rejected",
            "rejects",
            "dismissed",
            "dismisses",
            "slammed",
            "slams",
            "blamed",
            "blames",
            "hailed",
            "decried",
            "derided",
            "mocked",
            "touted",
            "touts",
            "disputed",
            "disputes",
            "recommended",
            "recommends",
            "opposed",
            "opposes",
            "acknowledges",
            "notes",
            "predicts",
            "highlights",
            "promises",
            "pledges",
            "vows",
            "refused",
            "refuses",
            "threatened",
            "threatens",
            "wants",
            "wanted",
            "plans",
            "planned",
            "intends",
            "intended",
            "hopes",
            "hoped",
            "reports",
            "telling",
            "announcing",
            "admits",
            "explains",
            "suggests",
            "indicates",
            "concedes",
            "responds",
            "replies",
            "arguing",
            "insisting",
            "warning",
            "stressing",
            "suggesting",
            "acknowledging",
            "explaining",
        ],
    ),
    (PRONOUN, &["he", "she", "they", "it", "we", "i", "you"]),
    (
        ABBREVIATION,
        &[
            "dr", "mr", "mrs", "ms", "st", "gen", "col", "lt", "sgt", "rev", "jr", "sr", "prof",
            "sen", "rep", "gov", "no", "vs", "inc", "ltd", "co", "corp", "mt", "ft",
        ],
    ),
    (
        MOTION,
        &[
            "travel",
            "travels",
            "travelled",
            "traveled",
            "travelling",
            "flew",
            "fly",
            "flies",
            "trip",
            "visit",
            "journey",
            "moved",
            "headed",
            "returned",
            "arrived",
            "way",
        ],
    ),
    (CONNECTOR, &["of", "for", "and", "the", "on"]),
    (
        ORG_NOUN,
        &[
            "newspaper",
            "broadcaster",
            "magazine",
            "channel",
            "weekly",
            "tabloid",
            "outlet",
            "daily",
            "agency",
            "station",
            "paper",
            "website",
            "site",
            "portal",
            "group",
            "organisation",
            "organization",
            "company",
            "firm",
            "charity",
            "union",
            "party",
            "movement",
            "association",
            "network",
            "foundation",
            "operator",
            "carrier",
            "airline",
            "bank",
            "institute",
            "museum",
            "club",
            "team",
            "insurer",
            "lender",
            "maker",
            "manufacturer",
            "retailer",
        ],
    ),
    (
        NOT_ACRONYM,
        &[
            "gmt", "utc", "cet", "est", "pst", "ceo", "cfo", "tv", "pm", "am", "bc", "ad", "ok",
            "id", "usd", "eur", "gdp", "covid", "dna", "hiv", "aids", "mp", "mps", "ii", "iii",
            "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi", "vip", "faq",
            "pdf", "url", "km", "kg", "mph", "i",
        ],
    ),
];

/// The lexicon as an open-addressed table of its words, looked up by [`WordHash`].
struct Table {
    words: Vec<(&'static [u8], Lex)>,
    /// Index + 1 into `words`; 0 is an empty slot.
    slots: Vec<u16>,
}

/// Slots of the table: a power of two, several times the number of words.
const SLOTS: usize = 4096;

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut words: Vec<(&'static [u8], Lex)> = Vec::new();
    let mut entry = |word: &'static str| -> usize {
        match words.iter().position(|(w, _)| *w == word.as_bytes()) {
            Some(k) => k,
            None => {
                words.push((word.as_bytes(), Lex::default()));
                words.len() - 1
            }
        }
    };
    let mut set: Vec<(usize, u64, Option<u8>)> = Vec::new();
    for &(word, class, value) in VALUED {
        set.push((entry(word), class, Some(value)));
    }
    for &(class, list) in CLASSES {
        for &word in list {
            set.push((entry(word), class, None));
        }
    }
    for (k, class, value) in set {
        words[k].1.class |= class;
        if let Some(v) = value {
            words[k].1.value = v;
        }
    }
    let mut slots = vec![0u16; SLOTS];
    for (k, (word, _)) in words.iter().enumerate() {
        let hash = word.iter().fold(WordHash::START, |h, &b| h.add(b));
        let mut i = hash.slot();
        while slots[i] != 0 {
            i = (i + 1) % SLOTS;
        }
        slots[i] = (k + 1) as u16;
    }
    Table { words, slots }
});

/// The longest word the lexicon holds, in bytes.
pub(crate) const LONGEST: usize = 16;

/// A hash of a word that ignores ASCII case, built a byte at a time while scanning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordHash(u64);

impl WordHash {
    pub const START: WordHash = WordHash(0);

    #[inline]
    pub fn add(self, byte: u8) -> WordHash {
        // Setting bit 5 lower-cases ASCII letters and leaves digits and `'` as they are.
        let mixed = self.0.rotate_left(5) ^ u64::from(byte | 0x20);
        WordHash(mixed.wrapping_mul(0x517c_c1b7_2722_0a95))
    }

    fn slot(self) -> usize {
        (self.0 >> 40) as usize % SLOTS
    }
}

/// Looks up an ASCII word whose [`WordHash`] is `hash`, ignoring case; words the lexicon
/// does not hold have no class.
pub(crate) fn classify_hashed(word: &[u8], hash: WordHash) -> Lex {
    if word.len() > LONGEST {
        return Lex::default();
    }
    let table = &*TABLE;
    let mut i = hash.slot();
    loop {
        let k = table.slots[i];
        if k == 0 {
            return Lex::default();
        }
        let (key, lex) = table.words[k as usize - 1];
        if key.len() == word.len() && key.eq_ignore_ascii_case(word) {
            return lex;
        }
        i = (i + 1) % SLOTS;
    }
}

/// Looks a word up, ignoring case; words the lexicon does not hold have no class.
pub(crate) fn classify(word: &str) -> Lex {
    if !word.is_ascii() {
        return Lex::default();
    }
    let hash = word.bytes().fold(WordHash::START, |h, b| h.add(b));
    classify_hashed(word.as_bytes(), hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case_with_their_values() {
        let may = classify("May");
        assert!(may.is(MONTH));
        assert_eq!(may.value, 5);
        assert_eq!(classify("SUNDAY").value, 7);
        let this = classify("This");
        assert!(this.is(STOP) && this.is(SHIFT));
        assert!(classify("reaffirmed").is(REPORT));
        assert_eq!(classify("Veselić"), Lex::default());
        assert_eq!(classify("extraordinarily-long-word"), Lex::default());
    }

    #[test]
    fn the_table_has_room_for_every_word() {
        assert!(TABLE.words.len() * 3 < SLOTS, "{} words", TABLE.words.len());
        for (word, lex) in &TABLE.words {
            let word = std::str::from_utf8(word).unwrap();
            assert_eq!(classify(word), *lex, "{word}");
            assert_eq!(classify(&word.to_ascii_uppercase()), *lex, "{word}");
        }
    }

    #[test]
    fn no_word_of_the_longest_is_missed() {
        for &(word, _, _) in VALUED {
            assert!(word.len() <= LONGEST, "{word}");
        }
        for &(_, words) in CLASSES {
            for word in words {
                assert!(word.len() <= LONGEST, "{word}");
            }
        }
    }
}
