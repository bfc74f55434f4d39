//! Text as it arrives from many machines: trimmed, and in Unicode NFC so that names typed
//! with composed or decomposed diacritics (Windows-1258 decodes to decomposed) compare equal.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Trims surrounding whitespace and normalises to NFC; borrows when nothing changes.
pub fn clean(field: &str) -> Cow<'_, str> {
    let t = field.trim();
    if t.is_ascii() || is_nfc_quick(t.chars()) == IsNormalized::Yes {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.nfc().collect())
    }
}

/// Whether `t` is text as most cells are, which needs neither normalising nor a closer look:
/// no control character, and only characters that NFC leaves alone wherever they stand
/// (ASCII, U+00A0–U+02FF, and U+1E00–U+1EFF, where the precomposed Vietnamese letters are).
/// Decided on the bytes, several times faster than the general check; a test holds it to
/// the Unicode tables for every character.
pub fn is_plain(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        i += match b[i] {
            0x20..=0x7e => 1,
            // U+00A0–U+02FF (U+0080–U+009F are control characters)
            0xc2 if b[i + 1] >= 0xa0 => 2,
            0xc3..=0xcb => 2,
            // U+1E00–U+1EFF
            0xe1 if matches!(b[i + 1], 0xb8..=0xbb) => 3,
            _ => return false,
        };
    }
    true
}

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1) or a
/// bidirectional control, which can rewrite the screen or reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The longest piece of input quoted in a message, in characters.
pub const QUOTE_MAX: usize = 120;

/// Text from the input made safe to print: control and bidi characters written as
/// `\u{1b}`, and anything longer than [`QUOTE_MAX`] characters cut with `…`. Borrows when
/// nothing changes.
pub fn escape(s: &str) -> Cow<'_, str> {
    let long = s.len() > QUOTE_MAX && s.chars().nth(QUOTE_MAX).is_some();
    if !long && !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(QUOTE_MAX * 4) + 8);
    for (i, c) in s.chars().enumerate() {
        if i == QUOTE_MAX {
            let rest = s.chars().count() - QUOTE_MAX;
            out.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `escape` without the length limit: for text shown in full (names in a table).
pub fn escape_all(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A header name as matched: cleaned and lower-cased (header names are case-insensitive).
pub fn key(header: &str) -> String {
    clean(header).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_forms_compare_equal() {
        let composed = "Nguyễn Thị Hằng";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(clean(&decomposed), composed);
        assert_eq!(clean(&format!("  {decomposed}\t")), composed);
        assert!(matches!(clean("  abc "), Cow::Borrowed("abc")));
    }

    /// Every character `is_plain` accepts is a starter that NFC keeps as it is, and not a
    /// control character; every character it refuses is outside the ranges it names.
    #[test]
    fn plain_text_is_what_the_unicode_tables_say() {
        use unicode_normalization::char::canonical_combining_class;
        let mut accepted = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            let in_ranges = matches!(u32::from(c), 0x20..=0x7e | 0xa0..=0x2ff | 0x1e00..=0x1eff);
            assert_eq!(is_plain(&s), in_ranges, "U+{:04X}", u32::from(c));
            if in_ranges {
                accepted += 1;
                assert_eq!(
                    is_nfc_quick(s.chars()),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    u32::from(c)
                );
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
                assert!(!c.is_control(), "U+{:04X}", u32::from(c));
            }
        }
        assert_eq!(accepted, 95 + 0x260 + 0x100);
        let vietnamese = "Nước mắm Cái Rồng, Vân Đồn: ưu tiên chất lượng";
        assert!(is_plain(vietnamese));
        assert!(!is_plain(&vietnamese.nfd().collect::<String>()));
        assert!(!is_plain("tab\there"));
        assert!(!is_plain("\u{85}"));
    }

    #[test]
    fn escape_shows_control_and_bidi_characters_and_cuts_long_text() {
        assert_eq!(escape("Trà \u{1b}]0;x\u{7}"), "Trà \\u{1b}]0;x\\u{7}");
        assert_eq!(escape("a\u{202e}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert!(matches!(escape("Nước mắm"), Cow::Borrowed(_)));
        let long = "x".repeat(900_000);
        let e = escape(&long);
        assert!(e.len() < 200, "{}", e.len());
        assert!(e.ends_with("… (899880 more characters)"));
        assert_eq!(escape_all(&"y".repeat(300)).len(), 300);
    }

    #[test]
    fn header_keys_ignore_case_and_form() {
        assert_eq!(key(" Product_ID "), "product_id");
        assert_eq!(key("6.Đ"), "6.đ");
        assert_eq!(key(&"Tên".nfd().collect::<String>()), "tên");
    }
}
