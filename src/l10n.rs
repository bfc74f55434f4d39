//! Localisation: the language of human-readable output (tables, documents, messages) and
//! its message catalogues, `locales/vi/ocop.ftl` and `locales/en/ocop.ftl` (Fluent),
//! compiled into the binary. Machine formats (CSV columns, JSON keys, status codes) stay
//! English identifiers and never go through here.
//!
//! To add a message: add `key = text` to both catalogues (a unit test fails when a key is
//! in one and not the other, or when code asks for a key neither has), then call
//! [`tr`]`(lang, "key")`, or [`tr_args`] for a message with `{ $name }` placeholders.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

pub use fluent_templates::fluent_bundle::FluentValue as Value;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No U+2068/U+2069 around arguments: output goes to documents, CSV and terminals.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static VI: LanguageIdentifier = langid!("vi");
static EN: LanguageIdentifier = langid!("en");

/// A language of the human-readable output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Vi,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// `vi`, `vi_VN.UTF-8`, `vi-VN` → Vi; `en`, `en_US`, `C`, `POSIX` → En; anything else is
    /// not a language this tool speaks.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") || s == "c" || s.starts_with("c.") || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language asked for by the environment: `OCOP_LANG` when set, else the first set
    /// of `LC_ALL`, `LC_MESSAGES`, `LANG` (as POSIX orders them): Vietnamese when it begins
    /// with `vi`, English otherwise.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        if let Some(lang) = set("OCOP_LANG").and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        match ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set) {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }

    /// The BCP 47 code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::parse(s).ok_or_else(|| format!("{s:?}: expected `vi` or `en`"))
    }
}

/// The message `key` in `lang`. A key missing from the catalogues (a bug, which the tests
/// catch) comes back as the key itself rather than failing the output.
pub fn tr(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(lang.id(), key)
        .unwrap_or_else(|| key.to_string())
}

/// The message `key` in `lang`, its `{ $name }` placeholders filled from `args`:
/// `tr_args(lang, "doc-stars", &[("n", 4.into())])`. Numbers given as numbers choose plural
/// forms; give preformatted decimals (`"70.25"`) as text.
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, Value<'static>)]) -> String {
    let map: HashMap<Cow<'static, str>, Value<'static>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_string()), v.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(lang.id(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// An argument of a [`Message`]: text, an integer (which chooses plural forms), or a
/// message of its own, rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    Int(i64),
    Msg(Box<Message>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(u8, u16, u32, u64, usize, i32, i64);

/// A human-readable message not yet put into words: a catalogue key and its arguments,
/// rendered in a language when printed ([`Message::render`]). Input problems carry one, so
/// the library needs no language and JSON keeps its stable codes beside the text.
/// `Message::Text` is text taken as it is (an operating system's error, say).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Message {
    Key {
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Text(String),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message::Key {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        if let Message::Key { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The catalogue key (`None` for text taken as it is).
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Message::Key { key, .. } => Some(key),
            Message::Text(_) => None,
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Message::Text(s) => s.clone(),
            Message::Key { key, args } => {
                let values: Vec<(&str, Value<'static>)> = args
                    .iter()
                    .map(|(name, a)| {
                        let v: Value<'static> = match a {
                            Arg::Text(s) => s.clone().into(),
                            Arg::Int(n) => (*n).into(),
                            Arg::Msg(m) => m.render(lang).into(),
                        };
                        (*name, v)
                    })
                    .collect();
                tr_args(lang, key, &values)
            }
        }
    }
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::Text(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::Text(s.to_string())
    }
}

impl fmt::Display for Message {
    /// In English (the language of logs and of the library's tests).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// `msg!("key", name = value, …)`: a [`Message`].
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::l10n::Message::new($key)$(.arg(stringify!($name), $value))*
    };
}

/// Whether `key` is in `lang`'s own catalogue (not through the fallback).
pub fn has(lang: Lang, key: &str) -> bool {
    let source = match lang {
        Lang::Vi => CATALOGUES[0].1,
        Lang::En => CATALOGUES[1].1,
    };
    message_ids(source).iter().any(|id| id == key)
}

/// The catalogues' sources, for checks.
pub const CATALOGUES: [(&str, &str); 2] = [
    ("vi", include_str!("../locales/vi/ocop.ftl")),
    ("en", include_str!("../locales/en/ocop.ftl")),
];

/// The message ids of a catalogue's source: each line beginning with an identifier and ` =`.
/// (A test checks this agrees with the Fluent parser.)
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn parsed_ids(source: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(source).expect("the catalogue parses");
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        let vi = parsed_ids(CATALOGUES[0].1);
        let en = parsed_ids(CATALOGUES[1].1);
        assert!(!vi.is_empty());
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "only in vi: {only_vi:?}; only in en: {only_en:?}"
        );
        for (_, source) in CATALOGUES {
            let simple: BTreeSet<String> = message_ids(source).into_iter().collect();
            assert_eq!(simple, parsed_ids(source));
        }
    }

    /// The message keys a source uses: in Rust, every string literal shaped like a key
    /// (`"word-word"`, outside the tests); in a template, every `t("…")`.
    pub(crate) fn keys_used(rust: &[&str], templates: &[&str]) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let is_key = |k: &str| {
            k.contains('-')
                && k.starts_with(|c: char| c.is_ascii_lowercase())
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        for src in rust {
            let code = src.split("#[cfg(test)]").next().unwrap_or_default();
            for (i, literal) in code.split('"').enumerate() {
                if i % 2 == 1 && is_key(literal) {
                    used.insert(literal.to_string());
                }
            }
        }
        for src in templates {
            for (i, _) in src.match_indices("t(\"") {
                let rest = &src[i + 3..];
                used.insert(rest[..rest.find('"').expect("a closing quote")].to_string());
            }
        }
        used
    }

    /// Every source that asks for messages (the binary's too, read as text).
    const SOURCES: &[&str] = &[
        include_str!("render/html/mod.rs"),
        include_str!("render/mod.rs"),
        include_str!("render/report.rs"),
        include_str!("render/criteria.rs"),
        include_str!("render/xlsx.rs"),
        include_str!("render/json.rs"),
        include_str!("warnings.rs"),
        include_str!("input/mod.rs"),
        include_str!("input/workbook.rs"),
        include_str!("input/batch.rs"),
        include_str!("input/decode.rs"),
        include_str!("input/error.rs"),
        include_str!("input/layout.rs"),
        include_str!("input/records.rs"),
        include_str!("input/rows.rs"),
        include_str!("main.rs"),
        include_str!("cmd/mod.rs"),
        include_str!("cmd/io.rs"),
        include_str!("cmd/check.rs"),
        include_str!("cmd/criteria.rs"),
        include_str!("cmd/score.rs"),
        include_str!("cmd/register.rs"),
        include_str!("cmd/diff.rs"),
        include_str!("cmd/listing.rs"),
        include_str!("cmd/template.rs"),
        include_str!("cmd/format.rs"),
    ];

    /// Key-shaped literals of the sources that are not message keys.
    const NOT_KEYS: &[&str] = &[
        "windows-1258",
        "windows-1252",
        "utf-8",
        "utf-16",
        "utf-16le",
        "utf-16be",
    ];

    /// Every key the code or the templates ask for is in both catalogues.
    #[test]
    fn every_key_used_exists() {
        let mut used = keys_used(SOURCES, &[include_str!("render/html/templates/round.html")]);
        used.retain(|k| !NOT_KEYS.contains(&k.as_str()));
        assert!(used.len() > 150, "found only {used:?}");
        assert!(used.contains("status-certified") && used.contains("sign-chair"));
        assert!(used.contains("table-status-nominated") && used.contains("input-ragged-row"));
        for key in &used {
            for lang in Lang::ALL {
                assert!(has(lang, key), "{key} is missing from the {lang} catalogue");
            }
        }
    }

    /// Every message of the catalogues is used somewhere (no dead translations), and the
    /// Vietnamese catalogue translates: a message identical in both is a short code or sign.
    #[test]
    fn every_key_is_used_and_translated() {
        let used = keys_used(SOURCES, &[include_str!("render/html/templates/round.html")]);
        let en = parsed_ids(CATALOGUES[1].1);
        let unused: Vec<_> = en.difference(&used).collect();
        assert!(unused.is_empty(), "never asked for: {unused:?}");
        // Each message's source text, up to the next message.
        let texts = |source: &str| {
            let mut map = std::collections::BTreeMap::<String, String>::new();
            let mut current = None;
            for line in source.lines() {
                if line.starts_with('#') {
                    continue;
                }
                match message_ids(line).pop() {
                    Some(id) => {
                        map.insert(id.clone(), line[id.len()..].to_string());
                        current = Some(id);
                    }
                    None => {
                        if let Some(id) = &current {
                            map.get_mut(id).expect("inserted").push_str(line);
                        }
                    }
                }
            }
            map
        };
        let (vi_texts, en_texts) = (texts(CATALOGUES[0].1), texts(CATALOGUES[1].1));
        let mut same = Vec::new();
        for key in &en {
            let (vi, en) = (&vi_texts[key], &en_texts[key]);
            // Placeholders and signs aside, three letters or more in common is a copy.
            let mut depth = 0;
            let outside: String = en
                .chars()
                .filter(|&c| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => return depth == 0,
                    }
                    false
                })
                .collect();
            let words = outside
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() > 2)
                .count();
            if vi == en && words > 0 {
                same.push(key.clone());
            }
        }
        assert!(same.is_empty(), "not translated: {same:?}");
    }

    #[test]
    fn lookups_and_arguments_without_isolation_marks() {
        assert_eq!(tr(Lang::Vi, "status-not-certified"), "Không đạt");
        assert_eq!(tr(Lang::En, "status-not-certified"), "Not recognised");
        let s = tr_args(Lang::Vi, "status-certified", &[("stars", 4.into())]);
        assert_eq!(s, "Đạt 4 sao");
        assert!(!s.contains(['\u{2068}', '\u{2069}']));
        assert_eq!(tr(Lang::Vi, "no-such-key"), "no-such-key");
    }

    #[test]
    fn language_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        assert_eq!(Lang::from_vars(env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::from_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        // LC_ALL comes before LC_MESSAGES and LANG; an empty one is not set.
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", "C.UTF-8"), ("LANG", "vi_VN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(env(&[("LC_ALL", ""), ("LC_MESSAGES", "vi_VN")])),
            Lang::Vi
        );
        // OCOP_LANG comes first; a value it cannot use falls through to the locale.
        assert_eq!(
            Lang::from_vars(env(&[("OCOP_LANG", "vi"), ("LANG", "en_US")])),
            Lang::Vi
        );
        assert_eq!(
            Lang::from_vars(env(&[("OCOP_LANG", "en"), ("LC_ALL", "vi_VN")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(env(&[("OCOP_LANG", "fr"), ("LANG", "vi_VN")])),
            Lang::Vi
        );
        assert_eq!("vi-VN".parse::<Lang>(), Ok(Lang::Vi));
        assert!("fr".parse::<Lang>().is_err());
    }
}
