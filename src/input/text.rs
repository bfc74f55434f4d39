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

    #[test]
    fn header_keys_ignore_case_and_form() {
        assert_eq!(key(" Product_ID "), "product_id");
        assert_eq!(key("6.Đ"), "6.đ");
        assert_eq!(key(&"Tên".nfd().collect::<String>()), "tên");
    }
}
