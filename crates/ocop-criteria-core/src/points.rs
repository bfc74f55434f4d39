//! Exact fixed-point points: every score the tool handles is a whole number of hundredths,
//! so sums and means are compared in integers and a mean of exactly 70 is never 69.999….
//! Parsing and formatting live here; the scoring rules are in `scoring`.

use std::fmt;

/// Points in hundredths (`Points(850)` is 8.5 points). Criteria files and assessment sheets
/// may use at most two decimals; the official editions use whole points only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub u32);

/// Hundredths in one point.
pub const SCALE: u32 = 100;

/// Why a text is not a number of points.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    #[error("is empty")]
    Empty,
    #[error("is negative")]
    Negative,
    #[error("is not a number")]
    NotANumber,
    #[error("has more than two decimals")]
    TooPrecise,
    #[error("is too large")]
    TooLarge,
}

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub const fn whole(n: u32) -> Points {
        Points(n * SCALE)
    }

    pub const fn hundredths(self) -> u32 {
        self.0
    }

    /// Parses `8`, `8.5`, `8.50`, and, when `decimal_comma` is set, `8,5`. Surrounding ASCII
    /// whitespace is ignored; signs, exponents, `NaN` and `inf` are refused.
    pub fn parse(text: &str, decimal_comma: bool) -> Result<Points, PointsError> {
        let t = text.trim();
        let b = t.as_bytes();
        if b.is_empty() {
            return Err(PointsError::Empty);
        }
        let (int, frac) = match b
            .iter()
            .position(|&c| c == b'.' || (decimal_comma && c == b','))
        {
            Some(i) => (&b[..i], Some(&b[i + 1..])),
            None => (b, None),
        };
        if b[0] == b'-' {
            return Err(
                if b.len() > 1
                    && b[1..]
                        .iter()
                        .all(|c| c.is_ascii_digit() || *c == b'.' || *c == b',')
                {
                    PointsError::Negative
                } else {
                    PointsError::NotANumber
                },
            );
        }
        let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
        if !digits(int) || int.is_empty() && frac.is_none_or(|f| f.is_empty()) {
            return Err(PointsError::NotANumber);
        }
        let mut value: u64 = 0;
        for &d in int {
            value = value * 10 + u64::from(d - b'0');
            if value > u64::from(u32::MAX / SCALE) {
                return Err(PointsError::TooLarge);
            }
        }
        value *= u64::from(SCALE);
        if let Some(frac) = frac {
            if !digits(frac) || (int.is_empty() && frac.is_empty()) {
                return Err(PointsError::NotANumber);
            }
            // Trailing zeros beyond two decimals are harmless ("8.500").
            let significant = frac.len() - frac.iter().rev().take_while(|&&d| d == b'0').count();
            if significant > 2 {
                return Err(PointsError::TooPrecise);
            }
            let mut f = frac
                .iter()
                .take(2)
                .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
            if frac.len() == 1 {
                f *= 10;
            }
            value += f;
        }
        u32::try_from(value)
            .map(Points)
            .map_err(|_| PointsError::TooLarge)
    }

    /// Converts a TOML/JSON float, refusing values that are not a whole number of hundredths.
    pub fn from_f64(x: f64) -> Result<Points, PointsError> {
        if !x.is_finite() {
            return Err(PointsError::NotANumber);
        }
        if x < 0.0 {
            return Err(PointsError::Negative);
        }
        let scaled = x * f64::from(SCALE);
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return Err(PointsError::TooPrecise);
        }
        if rounded > f64::from(u32::MAX) {
            return Err(PointsError::TooLarge);
        }
        Ok(Points(rounded as u32))
    }
}

impl Points {
    /// Writes the points as [`Display`](fmt::Display) does, into any text sink (without
    /// `fmt`'s dynamic calls when the sink is a `String`).
    pub fn write_to<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
        let (int, frac) = (self.0 / SCALE, self.0 % SCALE);
        w.write_str(itoa::Buffer::new().format(int))?;
        if frac == 0 {
            return Ok(());
        }
        let digits = [b'.', b'0' + (frac / 10) as u8, b'0' + (frac % 10) as u8];
        let n = if frac % 10 == 0 { 2 } else { 3 };
        w.write_str(std::str::from_utf8(&digits[..n]).expect("ASCII digits"))
    }
}

impl fmt::Display for Points {
    /// Whole points print without decimals (`3`), others with what they need (`8.5`, `8.25`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Sums saturate at the largest value (42,949,672.95 points) instead of overflowing: a sum
/// that large never equals a maximum it is checked against, so the check still fails, with a
/// message, where a criteria file's numbers are absurd.
impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl serde::Serialize for Points {
    /// JSON gets a plain number (`3`, `8.5`); binary formats the hundredths.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            s.serialize_u32(self.0)
        } else if self.0.is_multiple_of(SCALE) {
            s.serialize_u32(self.0 / SCALE)
        } else {
            s.serialize_f64(f64::from(self.0) / f64::from(SCALE))
        }
    }
}

impl<'de> serde::Deserialize<'de> for Points {
    /// Criteria files write points as TOML integers or floats (`3`, `1.5`).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        if !d.is_human_readable() {
            return <u32 as serde::Deserialize>::deserialize(d).map(Points);
        }
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of points ≥ 0 with at most two decimals")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Points, E> {
                if v < 0 {
                    return Err(E::custom(format!("{v} is negative: points are ≥ 0")));
                }
                u32::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(SCALE))
                    .map(Points)
                    .ok_or_else(|| E::custom(format!("{v} is too large")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Points, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Points, E> {
                Points::from_f64(v).map_err(|e| E::custom(format!("{v} {e}")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_and_decimal_points() {
        assert_eq!(Points::parse("3", false), Ok(Points(300)));
        assert_eq!(Points::parse(" 8.5 ", false), Ok(Points(850)));
        assert_eq!(Points::parse("8.25", false), Ok(Points(825)));
        assert_eq!(Points::parse("8.500", false), Ok(Points(850)));
        assert_eq!(Points::parse(".5", false), Ok(Points(50)));
        assert_eq!(Points::parse("5.", false), Ok(Points(500)));
        assert_eq!(Points::parse("0", false), Ok(Points(0)));
    }

    #[test]
    fn decimal_comma_only_when_allowed() {
        assert_eq!(Points::parse("8,5", true), Ok(Points(850)));
        assert_eq!(Points::parse("8,5", false), Err(PointsError::NotANumber));
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for bad in [
            "abc", "1e2", "NaN", "nan", "inf", "-inf", "+1", "1.2.3", ".", "0x10", "٣",
        ] {
            assert_eq!(
                Points::parse(bad, false),
                Err(PointsError::NotANumber),
                "{bad}"
            );
        }
        assert_eq!(Points::parse("", false), Err(PointsError::Empty));
        assert_eq!(Points::parse("  ", false), Err(PointsError::Empty));
        assert_eq!(Points::parse("-1", false), Err(PointsError::Negative));
        assert_eq!(Points::parse("-0.5", false), Err(PointsError::Negative));
        assert_eq!(Points::parse("1.234", false), Err(PointsError::TooPrecise));
        assert_eq!(
            Points::parse("99999999999", false),
            Err(PointsError::TooLarge)
        );
    }

    #[test]
    fn displays_shortest_exact_form() {
        assert_eq!(Points(300).to_string(), "3");
        assert_eq!(Points(850).to_string(), "8.5");
        assert_eq!(Points(825).to_string(), "8.25");
        assert_eq!(Points(5).to_string(), "0.05");
    }

    #[test]
    fn sums_saturate_instead_of_overflowing() {
        let big = Points(u32::MAX - 5);
        assert_eq!(big + Points(100), Points(u32::MAX));
        assert_eq!(
            [big, big, big].into_iter().sum::<Points>(),
            Points(u32::MAX)
        );
    }

    #[test]
    fn floats_must_be_whole_hundredths() {
        assert_eq!(Points::from_f64(1.5), Ok(Points(150)));
        assert_eq!(Points::from_f64(0.1 + 0.2), Ok(Points(30)));
        assert_eq!(Points::from_f64(1.005), Err(PointsError::TooPrecise));
        assert_eq!(Points::from_f64(f64::NAN), Err(PointsError::NotANumber));
        assert_eq!(Points::from_f64(-1.0), Err(PointsError::Negative));
    }
}
