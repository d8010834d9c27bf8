//! Calendar dates from front matter and records. Authors write `2024-05-01`, or a full
//! RFC 3339 timestamp, in YAML, TOML (where it is a native type) or JSON; all become a
//! [`Date`]. A malformed date fails deserialisation, so the YAML/TOML parser reports it with
//! its exact line and column.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Today, for review-due notices and for dates that cannot have come yet:
/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the system clock.
pub fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    Date::from_days_since_epoch(secs.div_euclid(86_400))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// For error messages, which are in English; pages name months in the site's language
/// (`translations::Words::date`).
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Appends `n` with at least `width` digits, zero-padded.
fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(digits);
}

impl Date {
    /// Accepts `YYYY-MM-DD`, optionally followed by a `T`/space time part, which is ignored:
    /// pages are dated by day.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let day_part = text.get(..10).unwrap_or(text);
        let rest = text.get(10..).unwrap_or("");
        if !rest.is_empty() && !rest.starts_with(['T', 't', ' ']) {
            return Err(format!("`{text}` is not a date: write it as YYYY-MM-DD"));
        }
        let parts: Vec<&str> = day_part.split('-').collect();
        let bad = || format!("`{text}` is not a date: write it as YYYY-MM-DD");
        if parts.len() != 3
            || parts[0].len() != 4
            || parts[1].len() != 2
            || parts[2].len() != 2
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u32 = parts[1].parse().map_err(|_| bad())?;
        let day: u32 = parts[2].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` has no month {month}: months run 01 to 12"
            ));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(format!(
                "`{text}` has no day {day}: {} {year} has {max} days",
                MONTHS[(month - 1) as usize]
            ));
        }
        Ok(Date { year, month, day })
    }

    /// A date as posts write it, for `materia import`: `2024-03-05` (and `2024-3-5`,
    /// `2024/03/05`, `2024.03.05`), `March 5, 2024`, `Mar 5th 2024`, `5 March 2024`, and a
    /// day and month in digits (`05/03/2024`) only where they cannot be read the other way
    /// round (`25/03/2024`, `03/25/2024`). `None` for anything else: the importer then says so
    /// rather than guess.
    pub fn parse_written(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(date) = Date::parse(text) {
            return Some(date);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '.'))
            .filter(|w| !w.is_empty())
            .collect();
        let [a, b, c] = words[..] else {
            return None;
        };
        let number = |w: &str| -> Option<u32> {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            let ordinal =
                ["", "st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str());
            (ordinal
                && !digits.is_empty()
                && digits.len() <= 4
                && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
        };
        let month_named = |w: &str| -> Option<u32> {
            let w = w.to_ascii_lowercase();
            let w = w.trim_end_matches('.');
            MONTHS
                .iter()
                .position(|m| {
                    let m = m.to_ascii_lowercase();
                    w.len() >= 3 && (m == w || m.starts_with(w) && w.len() <= 4)
                })
                .map(|i| i as u32 + 1)
        };
        let (year, month, day) = match (number(a), number(b), number(c)) {
            // 2024/03/05, 2024-3-5
            (Some(y), Some(m), Some(d)) if a.len() == 4 => (y, m, d),
            // 25/03/2024 or 03/25/2024, where only one reading is a date.
            (Some(x), Some(y), Some(year)) if c.len() == 4 => match (x > 12, y > 12) {
                (true, false) => (year, y, x),
                (false, true) => (year, x, y),
                _ => return None,
            },
            // March 5, 2024
            (None, Some(d), Some(y)) if c.len() == 4 => (y, month_named(a)?, d),
            // 5 March 2024
            (Some(d), None, Some(y)) if c.len() == 4 => (y, month_named(b)?, d),
            _ => return None,
        };
        let year = i32::try_from(year).ok()?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// `2024-01-05`. Written digit by digit rather than through `format!`: every card of
    /// every listing shows a date, hundreds of thousands of them in a large build.
    pub fn iso(&self) -> String {
        let mut s = String::with_capacity(10);
        if (0..=9999).contains(&self.year) {
            push_padded(&mut s, self.year.unsigned_abs(), 4);
        } else {
            s.push_str(itoa::Buffer::new().format(self.year));
        }
        s.push('-');
        push_padded(&mut s, self.month, 2);
        s.push('-');
        push_padded(&mut s, self.day, 2);
        s
    }

    /// Midnight UTC, for Atom and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for review-interval arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            // TOML's native dates arrive as a one-entry map holding their text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let mut found = None;
                while let Some((_, value)) = map.next_entry::<String, String>()? {
                    found.get_or_insert(value);
                }
                let text = found.ok_or_else(|| de::Error::custom("expected a date"))?;
                Date::parse(&text).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn reads_dates_as_posts_write_them() {
        let d = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        for (text, date) in [
            ("2024-03-05", d(2024, 3, 5)),
            ("2024-3-5", d(2024, 3, 5)),
            ("2024/03/05", d(2024, 3, 5)),
            ("March 5, 2024", d(2024, 3, 5)),
            ("Mar 5th 2024", d(2024, 3, 5)),
            ("5 March 2024", d(2024, 3, 5)),
            ("21st Sept. 2023", d(2023, 9, 21)),
            ("25/03/2024", d(2024, 3, 25)),
            ("03/25/2024", d(2024, 3, 25)),
            ("05/03/2024", None),
            ("February 30, 2024", None),
            ("Ma 5 2024", None),
            ("last Tuesday", None),
            ("", None),
        ] {
            assert_eq!(Date::parse_written(text), date, "{text}");
        }
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.iso()),
            Ok("2024-02-29".into())
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("05/01/2024").is_err());
        assert!(Date::parse("2024-1-5").is_err());
        assert_eq!(
            Date::parse("2024-01-05T10:00:00Z").map(|d| d.iso()),
            Ok("2024-01-05".into())
        );
    }

    #[test]
    fn formats_pad_the_iso_form_only() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(d(2024, 1, 5).iso(), "2024-01-05");
        assert_eq!(d(987, 11, 30).iso(), "0987-11-30");
        assert_eq!(d(12345, 12, 31).iso(), "12345-12-31");
        assert_eq!(d(2024, 1, 5).rfc3339(), "2024-01-05T00:00:00Z");
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-1000, 0, 19_000, 20_500] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(
            Date::parse("1970-01-02").map(|d| d.days_since_epoch()),
            Ok(1)
        );
    }
}
