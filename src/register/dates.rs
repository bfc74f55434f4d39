//! The certificate's date rules, pure: expiry, the re-rating window and the extension, counted
//! in calendar days. No clock and no I/O; the register and the subcommands call these. The
//! rules and our reading of them are in docs/register.md.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// Điều 4.3, 26/2026/QĐ-TTg: "Giấy chứng nhận … có giá trị trong thời hạn 36 tháng kể từ ngày cơ
/// quan có thẩm quyền ban hành."
pub const VALIDITY_MONTHS: i32 = 36;
/// Điều 7.6.a: the re-rating dossier is filed "không sớm hơn 180 ngày …
pub const WINDOW_OPENS_DAYS: i32 = 180;
/// … và không muộn hơn 120 ngày tính đến ngày hết thời hạn của giấy chứng nhận".
pub const WINDOW_CLOSES_DAYS: i32 = 120;
/// Điều 12.3: a certificate whose owner missed the window stays valid until the case is
/// handled, "nhưng không quá 180 ngày tính từ ngày hết thời hạn".
pub const EXTENSION_DAYS: i32 = 180;

/// The earliest and latest dates the register accepts: every rule below stays inside jiff's
/// range (years −9999 to 9999) for these.
pub const MIN_DATE: Date = Date::constant(1, 1, 1);
pub const MAX_DATE: Date = Date::constant(9990, 12, 31);

/// The last day on which a certificate issued on `issued` is valid (ngày hết thời hạn): the
/// same day of the month 36 months later, or that month's last day when it has no such day
/// (2024-02-29 → 2027-02-28, 2023-08-31 → 2026-08-31). The issue day is not counted, so the
/// 36 months end on the corresponding day, which is still a valid day (an interpretation:
/// docs/register.md, "36 months from").
pub fn expiry(issued: Date) -> Date {
    add(issued, VALIDITY_MONTHS.months())
}

/// The re-rating window of Điều 7.6.a, both ends included: the first and the last day on which
/// the dossier may be filed.
pub fn window(expiry: Date) -> (Date, Date) {
    (
        add(expiry, (-WINDOW_OPENS_DAYS).days()),
        add(expiry, (-WINDOW_CLOSES_DAYS).days()),
    )
}

/// The last day of the Điều 12.3 extension: 180 days after the expiry day.
pub fn extension_end(expiry: Date) -> Date {
    add(expiry, EXTENSION_DAYS.days())
}

/// Where a certificate stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Valid, and the re-rating window has not opened yet.
    Valid,
    /// Valid; the re-rating dossier may be filed today (Điều 7.6.a).
    WindowOpen,
    /// Still valid, but the window closed without a new result.
    WindowClosed,
    /// Past its expiry day; valid only under the Điều 12.3 extension, at most until
    /// [`extension_end`].
    Extension,
    /// Past the extension too.
    Expired,
}

impl Standing {
    /// The stable code (CSV, JSON, `--status`).
    pub fn code(self) -> &'static str {
        match self {
            Standing::Valid => "valid",
            Standing::WindowOpen => "window_open",
            Standing::WindowClosed => "window_closed",
            Standing::Extension => "extension",
            Standing::Expired => "expired",
        }
    }

    pub const ALL: [Standing; 5] = [
        Standing::Valid,
        Standing::WindowOpen,
        Standing::WindowClosed,
        Standing::Extension,
        Standing::Expired,
    ];
}

/// Where a certificate expiring on `expiry` stands on `on`.
pub fn standing(expiry: Date, on: Date) -> Standing {
    let (opens, closes) = window(expiry);
    if on < opens {
        Standing::Valid
    } else if on <= closes {
        Standing::WindowOpen
    } else if on <= expiry {
        Standing::WindowClosed
    } else if on <= extension_end(expiry) {
        Standing::Extension
    } else {
        Standing::Expired
    }
}

/// `date` plus `span`; dates are kept within [`MIN_DATE`, `MAX_DATE`] by [`parse`], so this
/// stays in jiff's range.
pub fn add(date: Date, span: Span) -> Date {
    date.checked_add(span)
        .expect("a register date plus at most 36 months stays in range")
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(from.until(to).expect("dates in range").get_days())
}

/// Parses `YYYY-MM-DD` exactly (no time, no other shape), within [`MIN_DATE`, `MAX_DATE`].
pub fn parse(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!("{s:?}: expected a date as YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().expect("digits");
    let (y, m, d) = (num(0..4), num(5..7) as i8, num(8..10) as i8);
    let date = Date::new(y, m, d).map_err(|_| format!("{s:?}: no such date"))?;
    if !(MIN_DATE..=MAX_DATE).contains(&date) {
        return Err(format!("{s:?}: the year must be 0001 to 9990"));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse(s).unwrap()
    }

    #[test]
    fn expiry_is_the_corresponding_day_36_months_later() {
        assert_eq!(expiry(d("2026-06-15")), d("2029-06-15"));
        assert_eq!(expiry(d("2026-01-01")), d("2029-01-01"));
        assert_eq!(expiry(d("2026-12-31")), d("2029-12-31"));
    }

    #[test]
    fn expiry_from_a_month_end() {
        // The corresponding day exists: no clamping.
        assert_eq!(expiry(d("2023-08-31")), d("2026-08-31"));
        assert_eq!(expiry(d("2026-04-30")), d("2029-04-30"));
        // 36 months from a 29 February ends in a February of 28 days: its last day.
        assert_eq!(expiry(d("2024-02-29")), d("2027-02-28"));
        assert_eq!(expiry(d("2024-02-28")), d("2027-02-28"));
        assert_eq!(expiry(d("2024-03-01")), d("2027-03-01"));
        // Into a leap February: the 29th exists.
        assert_eq!(expiry(d("2025-02-28")), d("2028-02-28"));
        assert_eq!(expiry(d("2025-03-01")), d("2028-03-01"));
        // 2100 is not a leap year; 2000 was.
        assert_eq!(expiry(d("2097-02-28")), d("2100-02-28"));
        assert_eq!(expiry(d("1996-02-29")), d("1999-02-28"));
        assert_eq!(expiry(d("1997-02-28")), d("2000-02-28"));
    }

    #[test]
    fn window_opens_180_and_closes_120_days_before_expiry() {
        let e = d("2029-06-15");
        assert_eq!(window(e), (d("2028-12-17"), d("2029-02-15")));
        assert_eq!(days_between(d("2028-12-17"), e), 180);
        assert_eq!(days_between(d("2029-02-15"), e), 120);
        assert_eq!(standing(e, d("2028-12-16")), Standing::Valid);
        assert_eq!(standing(e, d("2028-12-17")), Standing::WindowOpen);
        assert_eq!(standing(e, d("2029-02-15")), Standing::WindowOpen);
        assert_eq!(standing(e, d("2029-02-16")), Standing::WindowClosed);
        assert_eq!(standing(e, e), Standing::WindowClosed);
    }

    #[test]
    fn window_across_a_leap_day() {
        // 2028 is a leap year: 29 February is one of the days counted.
        let e = d("2028-06-30");
        let (opens, closes) = window(e);
        assert_eq!(opens, d("2028-01-02"));
        assert_eq!(closes, d("2028-03-02"));
        // Without a leap day in between, the window of the same day a year earlier opens on
        // the 1st: one day fewer in the calendar between.
        assert_eq!(window(d("2027-06-30")), (d("2027-01-01"), d("2027-03-02")));
    }

    #[test]
    fn extension_ends_180_days_after_expiry() {
        let e = d("2029-06-15");
        assert_eq!(extension_end(e), d("2029-12-12"));
        assert_eq!(standing(e, d("2029-06-16")), Standing::Extension);
        assert_eq!(standing(e, d("2029-12-12")), Standing::Extension);
        assert_eq!(standing(e, d("2029-12-13")), Standing::Expired);
        // Across 29 February 2028.
        assert_eq!(extension_end(d("2027-12-31")), d("2028-06-28"));
        assert_eq!(extension_end(d("2026-12-31")), d("2027-06-29"));
    }

    #[test]
    fn the_whole_life_of_a_leap_day_certificate() {
        let e = expiry(d("2024-02-29"));
        assert_eq!(e, d("2027-02-28"));
        assert_eq!(window(e), (d("2026-09-01"), d("2026-10-31")));
        assert_eq!(extension_end(e), d("2027-08-27"));
    }

    #[test]
    fn parse_accepts_only_iso_dates() {
        assert_eq!(parse("2026-06-30"), Ok(Date::constant(2026, 6, 30)));
        for bad in [
            "2026-6-30",
            "30/06/2026",
            "2026-06-30T00:00",
            "2026-02-30",
            "2026-13-01",
            "",
            "２０２６-06-30",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("9991-01-01").is_err());
        assert!(parse("0000-01-01").is_err());
        // The latest date keeps its rules in range.
        assert_eq!(
            extension_end(expiry(d("9990-12-31"))),
            Date::constant(9994, 6, 29)
        );
    }
}
